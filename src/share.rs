//! A sandbox's history in a link: the lines typed, joined by newlines, as URL-safe
//! base64 without padding (RFC 4648 §5), so a link holds the exact state (the engine
//! replays the lines deterministically) and nothing is sent anywhere.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The lines as a link's `s=` value.
pub fn encode_lines(lines: &[String]) -> String {
    let bytes = lines.join("\n").into_bytes();
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The lines back from a link's `s=` value, or why the link is damaged.
pub fn decode_lines(text: &str) -> Result<Vec<String>, String> {
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for (i, c) in text.bytes().enumerate() {
        let v = ALPHABET
            .iter()
            .position(|a| *a == c)
            .ok_or_else(|| format!("character {} is not URL-safe base64", i + 1))?;
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 || acc != 0 {
        return Err("it was cut short".into());
    }
    let text = String::from_utf8(bytes).map_err(|_| "it is not text".to_string())?;
    if text.is_empty() {
        return Ok(Vec::new());
    }
    Ok(text.split('\n').map(String::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_survive_a_round_trip_through_a_link() {
        for lines in [
            vec![],
            vec!["a".to_string()],
            vec![
                "kafka-topics.sh --create --topic 'déjà vu'".to_string(),
                "produce t key=a value=\"x y\"".to_string(),
                String::new(),
            ],
        ] {
            let s = encode_lines(&lines);
            assert!(s.bytes().all(|b| ALPHABET.contains(&b)), "{s}");
            assert_eq!(decode_lines(&s).unwrap(), lines);
        }
        assert_eq!(encode_lines(&["Man".to_string()]), "TWFu");
    }

    #[test]
    fn a_damaged_link_says_why() {
        assert!(decode_lines("TW*u").unwrap_err().contains("character 3"));
        assert!(decode_lines("TWFuT").unwrap_err().contains("cut short"));
        assert!(decode_lines("_w").unwrap_err().contains("not text"));
    }
}
