//! The trip of a key to its partition, every number shown: key bytes, the hash,
//! toPositive, modulo the partition count. The numbers come from the engine.

use kafka_sim::partitioner::{HashAlgorithm, KeyHash};

use crate::text;

/// The key's UTF-8 bytes in hex, as a learner would see them in a debugger.
pub fn hex_bytes(key: &str) -> String {
    if key.is_empty() {
        return "(no bytes)".to_string();
    }
    let mut s: Vec<String> = key.bytes().take(24).map(|b| format!("{b:02x}")).collect();
    if key.len() > 24 {
        // The whole key is hashed; only the first bytes are printed.
        s.push(format!("… ({} bytes)", key.len()));
    }
    s.join(" ")
}

/// The hash steps for `key` as a definition list's markup (set in one DOM call).
pub fn hash_steps_html(key: &str, hash: &KeyHash) -> String {
    use crate::shell::esc;
    let (hash_label, positive_label) = match hash.algorithm {
        HashAlgorithm::Murmur2 => (text::murmur2_of_bytes(), text::to_positive()),
        HashAlgorithm::Crc32 => (text::crc32_of_bytes(), text::unsigned()),
        HashAlgorithm::Fnv1a => (text::fnv1a_of_bytes(), text::negated_if_negative()),
        HashAlgorithm::Fnv1aMasked => (text::fnv1a_of_bytes(), text::to_positive()),
        HashAlgorithm::Murmur2KafkajsLegacy => {
            (text::kafkajs_legacy_murmur2_of_bytes(), text::to_positive())
        }
    };
    let rows = [
        (
            text::field_key().to_string(),
            format!("<code>{}</code>", esc(&format!("{key:?}"))),
        ),
        (
            text::utf8_bytes().to_string(),
            format!("<code>{}</code>", hex_bytes(key)),
        ),
        (
            hash_label.to_string(),
            format!("<code>{}</code>", hash.hash),
        ),
        (
            positive_label.to_string(),
            format!("<code>{}</code>", hash.positive),
        ),
        (
            text::modulo_partitions(hash.partitions),
            format!(
                "<code>{} % {} = {}</code>",
                hash.positive, hash.partitions, hash.partition
            ),
        ),
        (
            text::field_partition().to_string(),
            format!("<strong>{}</strong>", hash.partition),
        ),
    ];
    let mut h = String::from(r#"<dl class="hash-steps">"#);
    for (i, (dt, dd)) in rows.iter().enumerate() {
        let last = if i == 5 {
            " hash-steps__row--result"
        } else {
            ""
        };
        h.push_str(&format!(
            r#"<div class="hash-steps__row{last}" style="--i:{i}"><dt>{}</dt><dd>{dd}</dd></div>"#,
            esc(dt)
        ));
    }
    h.push_str("</dl>");
    h
}

#[cfg(test)]
mod tests {
    use super::hex_bytes;

    #[test]
    fn bytes_are_utf8_in_hex() {
        assert_eq!(hex_bytes("user-1"), "75 73 65 72 2d 31");
        assert_eq!(hex_bytes("é"), "c3 a9");
        assert_eq!(hex_bytes(""), "(no bytes)");
        assert!(hex_bytes(&"k".repeat(300)).ends_with("… (300 bytes)"));
    }
}
