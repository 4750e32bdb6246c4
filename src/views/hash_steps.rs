//! The trip of a key to its partition, every number shown: key bytes, the hash,
//! toPositive, modulo the partition count. The numbers come from the engine.

use kafka_sim::partitioner::{HashAlgorithm, KeyHash};
use leptos::prelude::*;

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

/// A definition list of the hash steps for `key`.
#[component]
pub fn HashSteps(
    /// The key as text.
    key: String,
    /// The engine's computation.
    hash: KeyHash,
) -> impl IntoView {
    let (hash_label, hash_text, positive_label) = match hash.algorithm {
        HashAlgorithm::Murmur2 => (
            text::MURMUR2_OF_BYTES,
            format!("{}", hash.hash),
            text::TO_POSITIVE,
        ),
        HashAlgorithm::Crc32 => (
            text::CRC32_OF_BYTES,
            format!("{}", hash.hash),
            text::UNSIGNED,
        ),
    };
    view! {
        <dl class="hash-steps">
            <div class="hash-steps__row" style="--i:0">
                <dt>{text::FIELD_KEY}</dt>
                <dd><code>{format!("{key:?}")}</code></dd>
            </div>
            <div class="hash-steps__row" style="--i:1">
                <dt>{text::UTF8_BYTES}</dt>
                <dd><code>{hex_bytes(&key)}</code></dd>
            </div>
            <div class="hash-steps__row" style="--i:2">
                <dt>{hash_label}</dt>
                <dd><code>{hash_text}</code></dd>
            </div>
            <div class="hash-steps__row" style="--i:3">
                <dt>{positive_label}</dt>
                <dd><code>{hash.positive.to_string()}</code></dd>
            </div>
            <div class="hash-steps__row" style="--i:4">
                <dt>{text::modulo_partitions(hash.partitions)}</dt>
                <dd><code>{format!("{} % {} = {}", hash.positive, hash.partitions, hash.partition)}</code></dd>
            </div>
            <div class="hash-steps__row hash-steps__row--result" style="--i:5">
                <dt>{text::FIELD_PARTITION}</dt>
                <dd><strong>{hash.partition.to_string()}</strong></dd>
            </div>
        </dl>
    }
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
