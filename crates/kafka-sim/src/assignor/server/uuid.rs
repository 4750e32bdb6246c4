//! `org.apache.kafka.common.Uuid`: topic ids, and (as strings) the member ids that consumers
//! of the `consumer` protocol generate for themselves.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::rng::SplitMix64;

/// A Kafka `Uuid`: 128 bits as two signed longs, as Java keeps them.
///
/// The derived order is `Uuid#compareTo` (signed most significant bits, then signed least
/// significant bits); [`fmt::Display`] is `Uuid#toString` (URL-safe base64 of the 16
/// big-endian bytes, without padding: 22 characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Uuid {
    /// `getMostSignificantBits()`.
    pub most_significant: i64,
    /// `getLeastSignificantBits()`.
    pub least_significant: i64,
}

/// A topic id (`TopicRecord#topicId`).
pub type TopicId = Uuid;

/// The URL-safe base64 alphabet (RFC 4648 §5), as `Base64.getUrlEncoder()` uses.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl Uuid {
    /// `Uuid.ZERO_UUID`.
    pub const ZERO: Uuid = Uuid::new(0, 0);
    /// `Uuid.ONE_UUID`, also `Uuid.METADATA_TOPIC_ID`.
    pub const ONE: Uuid = Uuid::new(0, 1);

    /// `new Uuid(mostSigBits, leastSigBits)`.
    pub const fn new(most_significant: i64, least_significant: i64) -> Self {
        Self {
            most_significant,
            least_significant,
        }
    }

    /// `Uuid#hashCode`: `xor = msb ^ lsb; (int) (xor >> 32) ^ (int) xor`.
    pub fn java_hash_code(self) -> i32 {
        let xor = self.most_significant ^ self.least_significant;
        ((xor >> 32) as i32) ^ (xor as i32)
    }

    /// `Uuid#compareTo` (the same as [`Ord`]).
    pub fn java_compare(self, other: Uuid) -> Ordering {
        self.cmp(&other)
    }

    /// The 16 big-endian bytes (`Uuid#getBytesFromUuid`).
    pub fn to_bytes(self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&self.most_significant.to_be_bytes());
        out[8..].copy_from_slice(&self.least_significant.to_be_bytes());
        out
    }

    /// From 16 big-endian bytes.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        let mut hi = [0u8; 8];
        let mut lo = [0u8; 8];
        hi.copy_from_slice(&bytes[..8]);
        lo.copy_from_slice(&bytes[8..]);
        Self::new(i64::from_be_bytes(hi), i64::from_be_bytes(lo))
    }

    /// `Uuid.randomUuid()` drawing from the engine's seeded generator instead of
    /// `SecureRandom`: `java.util.UUID.randomUUID` sets the version (4) and variant (IETF)
    /// bits, and Kafka draws again for a reserved id (`ZERO_UUID`, `ONE_UUID`) or one whose
    /// string starts with `-` (it would read as a command-line flag).
    pub fn random(rng: &mut SplitMix64) -> Self {
        loop {
            // UUID.randomUUID: randomBytes[6] = (randomBytes[6] & 0x0f) | 0x40 (version 4),
            // randomBytes[8] = (randomBytes[8] & 0x3f) | 0x80 (IETF variant).
            let msb = (rng.next_u64() & !0xF000) | 0x4000;
            let lsb = (rng.next_u64() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
            let uuid = Self::new(msb as i64, lsb as i64);
            if uuid != Self::ZERO && uuid != Self::ONE && !uuid.to_string().starts_with('-') {
                return uuid;
            }
        }
    }

    /// A deterministic, realistic-looking random Uuid for `seed` (a counter will do): the
    /// first [`Uuid::random`] of a generator seeded with it. Use distinct seeds (or
    /// distinct ranges) for topic ids and member ids.
    pub fn from_seed(seed: u64) -> Self {
        Self::random(&mut SplitMix64::new(seed))
    }

    /// `Uuid.fromString`: URL-safe base64, padding optional, of exactly 16 bytes.
    ///
    /// # Errors
    /// The message `Uuid.fromString`'s `IllegalArgumentException` would carry, or a
    /// description of the invalid base64.
    pub fn parse(s: &str) -> Result<Self, String> {
        if s.chars().count() > 24 {
            let prefix: String = s.chars().take(24).collect();
            return Err(format!(
                "Input string with prefix `{prefix}` is too long to be decoded as a base64 UUID"
            ));
        }
        let bytes = decode_base64_url(s).ok_or_else(|| format!("Illegal base64 UUID `{s}`"))?;
        let array: [u8; 16] = bytes.as_slice().try_into().map_err(|_| {
            format!(
                "Input string `{s}` decoded as {} bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID",
                bytes.len()
            )
        })?;
        Ok(Self::from_bytes(array))
    }
}

/// A Kafka-style member id for `seed`: `Uuid#toString` of [`Uuid::from_seed`], as a
/// `consumer`-protocol client makes its own (`Uuid.randomUuid().toString()`, 22 characters).
pub fn member_id_from_seed(seed: u64) -> String {
    Uuid::from_seed(seed).to_string()
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode_base64_url(&self.to_bytes()))
    }
}

impl FromStr for Uuid {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// `Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)`.
fn encode_base64_url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let idx = (n >> (18 - 6 * i)) & 0x3F;
            out.push(char::from(ALPHABET[idx as usize]));
        }
    }
    out
}

/// `Base64.getUrlDecoder().decode(s)`: URL-safe alphabet, optional `=` padding; a final
/// group of one character is illegal. `None` if the text is not base64.
fn decode_base64_url(s: &str) -> Option<Vec<u8>> {
    let trimmed = s.trim_end_matches('=');
    let padding = s.len() - trimmed.len();
    if padding > 2 || (padding > 0 && (trimmed.len() + padding) & 3 != 0) {
        return None;
    }
    let mut values = Vec::with_capacity(trimmed.len());
    for c in trimmed.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)?;
        values.push(v as u32);
    }
    if values.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(values.len() * 3 / 4);
    for chunk in values.chunks(4) {
        let mut n = 0u32;
        for (i, v) in chunk.iter().enumerate() {
            n |= v << (18 - 6 * i);
        }
        let bytes = chunk.len() - 1;
        for i in 0..bytes {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_string_hash_code_and_to_string_match_kafka() {
        // The topic ids of Kafka's UniformHeterogeneousAssignmentBuilderTest; the values were
        // printed by org.apache.kafka.common.Uuid (kafka-clients 4.4.0). Like the JDK's
        // decoder, the bits past the 128th are ignored, so some do not round-trip.
        let cases = [
            (
                "T1-A4s3VTwiI5CTbEp6POw",
                5719431763388092168,
                -8582694466532503749,
                418407434,
                "T1-A4s3VTwiI5CTbEp6POw",
            ),
            (
                "T2-B4s3VTwiI5YHbPp6YUe",
                5723936462527090440,
                -8582310736236210095,
                885118816,
                "T2-B4s3VTwiI5YHbPp6YUQ",
            ),
            (
                "T3-CU8fVTLCz5YMkLoDQsa",
                5728440547385101488,
                -5483832779831455567,
                365927798,
                "T3-CU8fVTLCz5YMkLoDQsQ",
            ),
            (
                "T4-Tw9fVTLCz5HbPp6YQsa",
                5732963320014916784,
                -5484127811987435343,
                -1944536819,
                "T4-Tw9fVTLCz5HbPp6YQsQ",
            ),
        ];
        for (text, msb, lsb, hash, shown) in cases {
            let id: Uuid = text.parse().unwrap();
            assert_eq!(id, Uuid::new(msb, lsb));
            assert_eq!(id.java_hash_code(), hash);
            assert_eq!(id.to_string(), shown);
        }
        assert_eq!(Uuid::ZERO.to_string(), "AAAAAAAAAAAAAAAAAAAAAA");
        assert_eq!(Uuid::ONE.to_string(), "AAAAAAAAAAAAAAAAAAAAAQ");
        assert!(Uuid::parse("AAAA").is_err());
        assert!(Uuid::parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAA").is_err());
    }

    #[test]
    fn hash_code_folds_the_xor_of_both_halves() {
        assert_eq!(Uuid::new(0, 1).java_hash_code(), 1);
        assert_eq!(Uuid::new(1 << 32, 0).java_hash_code(), 1);
        assert_eq!(Uuid::new(-1, 0).java_hash_code(), 0);
    }

    #[test]
    fn seeded_ids_are_version_4_and_stable() {
        let a = Uuid::from_seed(1);
        assert_eq!(a, Uuid::from_seed(1));
        assert_ne!(a, Uuid::from_seed(2));
        assert_eq!((a.most_significant >> 12) & 0xF, 4);
        assert_eq!((a.least_significant as u64) >> 62, 0b10);
        assert_eq!(member_id_from_seed(1).len(), 22);
    }
}
