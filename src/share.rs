//! A sandbox's history in a link's `s=` value, so a link holds the exact state (the
//! engine replays the lines deterministically) and nothing is sent anywhere.
//!
//! `s=1.PAYLOAD`: the engine's [`kafka_sim::FORMAT_VERSION`], a dot, then URL-safe base64
//! without padding (RFC 4648 §5) of the lines compressed ([`lz`]) and followed by the
//! CRC-32 of the uncompressed text. Each line is `+` (it succeeded) or `!` (it failed),
//! then the line as typed, then a newline: the replay checks each outcome, so a link
//! that replays differently stops at the first line that does
//! (`kafka_lessons::session`).

mod lz;

use kafka_lessons::SharedLine;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The longest `s=` value a link carries: chat apps, mail and QR codes cut longer ones.
pub const MAX_CHARS: usize = 8000;

/// Why a link's lines could not all be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// Not a sandbox link at all (nothing is replayed).
    Foreign,
    /// Made by a newer playground whose engine reads differently (nothing is replayed).
    Newer(u32),
    /// Damaged: the lines that could be read are replayed, and the reason said.
    Damaged(String),
}

/// The lines as a link's `s=` value, or `Err(length)` when the link would be longer
/// than [`MAX_CHARS`].
pub fn encode(lines: &[SharedLine]) -> Result<String, usize> {
    let mut text = String::new();
    for l in lines {
        text.push(if l.ok { '+' } else { '!' });
        text.push_str(&l.text);
        text.push('\n');
    }
    let mut bytes = lz::compress(text.as_bytes());
    bytes.extend(kafka_sim::crc32::crc32(text.as_bytes()).to_be_bytes());
    let s = format!("{}.{}", kafka_sim::FORMAT_VERSION, base64(&bytes));
    if s.len() > MAX_CHARS {
        return Err(s.len());
    }
    Ok(s)
}

/// The lines back from a link's `s=` value. A damaged link gives the complete lines
/// before the damage, with why.
pub fn decode(s: &str) -> (Vec<SharedLine>, Option<Damage>) {
    let Some((version, payload)) = s.split_once('.') else {
        return (Vec::new(), Some(Damage::Foreign));
    };
    match version.parse::<u32>() {
        Ok(v) if v == kafka_sim::FORMAT_VERSION => {}
        Ok(v) if v > kafka_sim::FORMAT_VERSION => return (Vec::new(), Some(Damage::Newer(v))),
        _ => return (Vec::new(), Some(Damage::Foreign)),
    }
    let (bytes, mut damage) = match unbase64(payload) {
        Ok(b) => (b, None),
        Err((b, why)) => (b, Some(why)),
    };
    if bytes.len() < 4 {
        return (
            Vec::new(),
            Some(Damage::Damaged(crate::text::share_cut_short().into())),
        );
    }
    let (packed, crc) = bytes.split_at(bytes.len() - 4);
    let (text, lz_damage) = lz::decompress(packed);
    damage = damage.or(lz_damage.map(String::from));
    if damage.is_none() && kafka_sim::crc32::crc32(&text).to_be_bytes() != crc {
        damage = Some(crate::text::share_bad_checksum().into());
    }
    let text = String::from_utf8_lossy(&text);
    // Only whole lines: the last one may be cut by the damage.
    let mut lines: Vec<SharedLine> = Vec::new();
    let mut rest = text.as_ref();
    while let Some((line, after)) = rest.split_once('\n') {
        let ok = match line.as_bytes().first() {
            Some(b'+') => true,
            Some(b'!') => false,
            _ => {
                damage.get_or_insert_with(|| crate::text::share_no_outcome().into());
                break;
            }
        };
        lines.push(SharedLine {
            text: line[1..].to_string(),
            ok,
        });
        rest = after;
    }
    if !rest.is_empty() {
        damage.get_or_insert_with(|| crate::text::share_cut_short().into());
    }
    (lines, damage.map(Damage::Damaged))
}

fn base64(bytes: &[u8]) -> String {
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

/// The bytes, or those read before the first bad character with why.
fn unbase64(text: &str) -> Result<Vec<u8>, (Vec<u8>, String)> {
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for (i, c) in text.bytes().enumerate() {
        let Some(v) = ALPHABET.iter().position(|a| *a == c) else {
            return Err((bytes, format!("character {} is not URL-safe base64", i + 1)));
        };
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 || acc != 0 {
        return Err((bytes, crate::text::share_cut_short().into()));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, ok: bool) -> SharedLine {
        SharedLine {
            text: text.into(),
            ok,
        }
    }

    fn session() -> Vec<SharedLine> {
        vec![
            line(
                "kafka-topics.sh --create --topic 'déjà vu' --partitions 3 --replication-factor 3",
                false,
            ),
            line(
                "kafka-topics.sh --create --topic demo --partitions 3 --replication-factor 3",
                true,
            ),
            line("produce demo key=a value=\"x y\"", true),
            line("", true),
        ]
    }

    #[test]
    fn lines_survive_a_round_trip_through_a_link() {
        for lines in [vec![], vec![line("a", true)], session()] {
            let s = encode(&lines).unwrap();
            assert!(s.starts_with("1."), "{s}");
            assert!(s[2..].bytes().all(|b| ALPHABET.contains(&b)), "{s}");
            assert_eq!(decode(&s), (lines, None));
        }
        assert_eq!(base64(b"Man"), "TWFu");
    }

    #[test]
    fn a_link_is_compressed_and_bounded() {
        let lines = session();
        let raw: usize = lines.iter().map(|l| l.text.len() + 2).sum();
        let s = encode(&lines).unwrap();
        assert!(s.len() < raw, "{} chars for {raw} bytes", s.len());
        // A long session of varied lines is refused with its length, not cut.
        let long: Vec<SharedLine> = (0..3000)
            .map(|i| {
                line(
                    &format!("produce demo key=k{i} value={}", i * 7919 % 10007),
                    true,
                )
            })
            .collect();
        let n = encode(&long).unwrap_err();
        assert!(n > MAX_CHARS);
    }

    #[test]
    fn a_damaged_link_keeps_the_whole_lines_before_the_damage() {
        let lines = session();
        let s = encode(&lines).unwrap();
        let (got, damage) = decode(&s[..s.len() - 6]);
        assert!(matches!(damage, Some(Damage::Damaged(_))), "{damage:?}");
        assert!(
            got.len() < lines.len() && lines.starts_with(&got),
            "{got:?}"
        );
        let mut bad = s.clone().into_bytes();
        bad[10] = b'*';
        let (_, damage) = decode(std::str::from_utf8(&bad).unwrap());
        assert_eq!(
            damage,
            Some(Damage::Damaged("character 9 is not URL-safe base64".into()))
        );
        // A flipped character that is still base64: the checksum catches it.
        let mut flipped = s.into_bytes();
        let last = flipped.len() - 8;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        let (_, damage) = decode(std::str::from_utf8(&flipped).unwrap());
        assert!(matches!(damage, Some(Damage::Damaged(_))), "{damage:?}");
    }

    #[test]
    fn a_foreign_or_newer_link_replays_nothing() {
        assert_eq!(decode("TWFu"), (vec![], Some(Damage::Foreign)));
        assert_eq!(decode("x.TWFu"), (vec![], Some(Damage::Foreign)));
        assert_eq!(decode("9.TWFu"), (vec![], Some(Damage::Newer(9))));
    }
}
