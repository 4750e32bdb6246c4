//! A record as a partition log stores it, and its size on the wire and on disk
//! (`org.apache.kafka.common.record.DefaultRecord`, `DefaultRecordBatch`).

use std::sync::Arc;

/// One record in a partition log. Keys and values are shared, never copied: the
/// same bytes flow from the command to the log to the event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    /// Position in the partition, assigned by the leader on append.
    pub offset: i64,
    /// CreateTime from the engine's logical clock, in milliseconds.
    pub timestamp: i64,
    /// The serialized key (UTF-8 of a string key), or `None` for a null key.
    pub key: Option<Arc<str>>,
    /// The value; `None` would be a tombstone.
    pub value: Option<Arc<str>>,
    /// Record headers in the order they were given.
    pub headers: Headers,
    /// Producer id, epoch and sequence from the batch header (`NO_*` without idempotence).
    pub producer: crate::producer_state::ProducerTag,
}

/// Record headers behind one thin pointer (8 bytes, none allocated when empty): most
/// records have none, and every byte of a record counts a million times.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
// The box is the point: a thin pointer keeps `Record` at 72 bytes (a Vec would add 16).
#[allow(clippy::box_collection)]
pub struct Headers(Option<Box<Vec<Header>>>);

/// One header: name and value.
pub type Header = (Arc<str>, Arc<str>);

impl From<&[Header]> for Headers {
    fn from(h: &[Header]) -> Self {
        Self((!h.is_empty()).then(|| Box::new(h.to_vec())))
    }
}

impl std::ops::Deref for Headers {
    type Target = [Header];

    fn deref(&self) -> &Self::Target {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl Record {
    /// Bytes this record's single-record batch takes in a segment file.
    pub fn batch_size_in_bytes(&self) -> u32 {
        batch_size_in_bytes(
            self.key.as_ref().map(|k| k.len()),
            self.value.as_ref().map(|v| v.len()),
            &self.headers,
        )
    }
}

/// `DefaultRecordBatch.RECORD_BATCH_OVERHEAD`: the v2 batch header.
pub const RECORD_BATCH_OVERHEAD: u32 = 61;

/// Bytes of a zig-zag varint (`ByteUtils.sizeOfVarint`).
pub const fn size_of_varint(value: i32) -> u32 {
    let mut v = ((value << 1) ^ (value >> 31)) as u32;
    let mut bytes = 1;
    while v >= 0x80 {
        v >>= 7;
        bytes += 1;
    }
    bytes
}

fn size_of_bytes_field(len: Option<usize>) -> u32 {
    match len {
        None => 1, // varint(-1)
        Some(n) => size_of_varint(n as i32) + n as u32,
    }
}

/// `DefaultRecord.sizeInBytes` for the first record of a batch (offset and timestamp
/// deltas 0): the record's length prefix plus its body.
pub fn record_size_in_bytes(
    key_len: Option<usize>,
    value_len: Option<usize>,
    headers: &[(Arc<str>, Arc<str>)],
) -> u32 {
    let mut body = 1 // attributes
        + size_of_varint(0) // timestamp delta (varlong 0 is one byte too)
        + size_of_varint(0) // offset delta
        + size_of_bytes_field(key_len)
        + size_of_bytes_field(value_len)
        + size_of_varint(headers.len() as i32);
    for (name, value) in headers {
        body += size_of_bytes_field(Some(name.len())) + size_of_bytes_field(Some(value.len()));
    }
    size_of_varint(body as i32) + body
}

/// Bytes a single-record batch takes in a segment: batch header plus the record.
/// The simulated producer sends each record in a batch of its own, as with `linger.ms=0`,
/// the default up to Kafka 3.9 (4.0 raised it to 5 ms, KIP-1030, which batches records
/// sent together).
pub fn batch_size_in_bytes(
    key_len: Option<usize>,
    value_len: Option<usize>,
    headers: &[(Arc<str>, Arc<str>)],
) -> u32 {
    RECORD_BATCH_OVERHEAD + record_size_in_bytes(key_len, value_len, headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_stays_small() {
        // A million of them per benchmark run: the producer tag costs 8 bytes, the thin
        // headers pointer saves 8.
        assert!(
            std::mem::size_of::<Record>() <= 72,
            "{}",
            std::mem::size_of::<Record>()
        );
    }

    #[test]
    fn varints_are_zigzag() {
        assert_eq!(size_of_varint(0), 1);
        assert_eq!(size_of_varint(-1), 1);
        assert_eq!(size_of_varint(63), 1);
        assert_eq!(size_of_varint(64), 2);
        assert_eq!(size_of_varint(-65), 2);
        assert_eq!(size_of_varint(i32::MAX), 5);
    }

    #[test]
    fn a_small_keyed_record_costs_its_bytes_plus_framing() {
        // key "user-1" (6 bytes), value "login" (5 bytes), no headers:
        // body = 1 + 1 + 1 + (1+6) + (1+5) + 1 = 17, length prefix 1 → 18.
        assert_eq!(record_size_in_bytes(Some(6), Some(5), &[]), 18);
        assert_eq!(batch_size_in_bytes(Some(6), Some(5), &[]), 79);
        // A null key costs one byte (varint -1): body 11, length prefix 1.
        assert_eq!(record_size_in_bytes(None, Some(5), &[]), 12);
    }
}
