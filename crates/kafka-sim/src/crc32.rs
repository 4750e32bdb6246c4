//! The standard CRC-32 (IEEE 802.3, as zlib), which librdkafka's `consistent` and
//! `consistent_random` partitioners use (`src/rdkafka_msg.c`, `rd_crc32`).

const fn make_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut bit = 0;
        while bit < 8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            bit += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

static TABLE: [u32; 256] = make_table();

/// CRC-32 of `data`.
///
/// ```
/// assert_eq!(kafka_sim::crc32::crc32(b"123456789"), 0xcbf4_3926);
/// assert_eq!(kafka_sim::crc32::crc32(b""), 0);
/// ```
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in data {
        crc = TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    crc ^ 0xffff_ffff
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn matches_the_zlib_check_values() {
        assert_eq!(crc32(b"a"), 0xe8b7_be43);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414f_a339
        );
    }
}
