//! A small LZ77 for share links: sessions repeat the same tools, options and names, so
//! back-references into what came before (and into a preset dictionary of the console's
//! common words) make a link several times shorter than its text. A deflate library
//! would cost the download more than it saves on a few hundred bytes.
//!
//! The stream is tokens: a byte `n < 0x80` is followed by `n + 1` literal bytes; a byte
//! `0x80 | (len - MIN)` is followed by a 2-byte big-endian distance back into the
//! dictionary and the output so far, and copies `len` bytes from there.

/// The words a session is likely to hold, before its first byte. Changing it changes
/// every link: it is part of the share format (`kafka_sim::FORMAT_VERSION`).
const DICTIONARY: &[u8] = b" --bootstrap-server localhost:9092 --property parse.key=true --property key.separator=: --from-beginning --max-messages --partition --offset --group --describe --members --offsets --state --reset-offsets --to-earliest --execute --list --delete --alter --config \n+kafka-console-consumer.sh --topic \n+kafka-console-producer.sh --topic \n+kafka-consumer-groups.sh --describe --group \n+kafka-get-offsets.sh --topic \n+kafka-leader-election.sh --election-type \n+kafka-topics.sh --describe --topic \n+kafka-topics.sh --create --topic  --partitions 3 --replication-factor 3\n+create-topic  partitions= replication-factor=\n+create-consumer  group=\n+subscribe  topics=\n+poll \n+commit \n+kill-broker id=\n+start-broker id=\n+stop-broker id=\n+produce  key= value=\n+set-producer acks=all enable.idempotence=\n+";

const MIN: usize = 3;
const MAX: usize = 0x7f + MIN;
const WINDOW: usize = 0xffff;
/// How many earlier places with the same three bytes the encoder tries.
const TRIES: usize = 32;

/// `data` compressed.
pub fn compress(data: &[u8]) -> Vec<u8> {
    let all: Vec<u8> = DICTIONARY.iter().chain(data).copied().collect();
    let start = DICTIONARY.len();
    // The places each three bytes were seen, newest last.
    let mut seen: std::collections::BTreeMap<[u8; 3], Vec<usize>> = Default::default();
    let key = |i: usize| [all[i], all[i + 1], all[i + 2]];
    for i in 0..start.saturating_sub(2) {
        seen.entry(key(i)).or_default().push(i);
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut literals: Vec<u8> = Vec::new();
    let flush = |out: &mut Vec<u8>, literals: &mut Vec<u8>| {
        for chunk in literals.chunks(0x80) {
            out.push((chunk.len() - 1) as u8);
            out.extend_from_slice(chunk);
        }
        literals.clear();
    };
    let mut i = start;
    while i < all.len() {
        let mut best = (0, 0);
        if i + MIN <= all.len() {
            for &j in seen.get(&key(i)).into_iter().flatten().rev().take(TRIES) {
                if i - j > WINDOW {
                    break;
                }
                let len = (0..MAX.min(all.len() - i))
                    .take_while(|&k| all[j + k] == all[i + k])
                    .count();
                if len > best.0 {
                    best = (len, i - j);
                }
            }
        }
        let step = if best.0 >= MIN {
            flush(&mut out, &mut literals);
            out.push(0x80 | (best.0 - MIN) as u8);
            out.extend((best.1 as u16).to_be_bytes());
            best.0
        } else {
            literals.push(all[i]);
            1
        };
        for k in i..i + step {
            if k + MIN <= all.len() {
                seen.entry(key(k)).or_default().push(k);
            }
        }
        i += step;
    }
    flush(&mut out, &mut literals);
    out
}

/// `data` decompressed, or as much as could be with why the rest could not.
pub fn decompress(data: &[u8]) -> (Vec<u8>, Option<&'static str>) {
    let mut all = DICTIONARY.to_vec();
    let mut i = 0;
    let damage = loop {
        let Some(&token) = data.get(i) else {
            break None;
        };
        if token < 0x80 {
            let n = usize::from(token) + 1;
            let Some(bytes) = data.get(i + 1..i + 1 + n) else {
                break Some("it was cut short");
            };
            all.extend_from_slice(bytes);
            i += 1 + n;
        } else {
            let Some(&[hi, lo]) = data.get(i + 1..i + 3) else {
                break Some("it was cut short");
            };
            let distance = usize::from(u16::from_be_bytes([hi, lo]));
            if distance == 0 || distance > all.len() {
                break Some("a reference points outside it");
            }
            let from = all.len() - distance;
            // The copy may overlap what it writes (a run), so byte by byte.
            for k in 0..usize::from(token & 0x7f) + MIN {
                all.push(all[from + k]);
            }
            i += 3;
        }
    };
    (all.split_off(DICTIONARY.len()), damage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_compressed_comes_back() {
        for text in [
            &b""[..],
            b"a",
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            b"+kafka-topics.sh --create --topic demo --partitions 3 --replication-factor 3\n+produce demo key=a value=1\n+produce demo key=b value=2\n",
            "déjà vu \u{1F600}".as_bytes(),
        ] {
            assert_eq!(decompress(&compress(text)), (text.to_vec(), None));
        }
        let noise: Vec<u8> = (0u32..5000)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert_eq!(decompress(&compress(&noise)).0, noise);
    }

    #[test]
    fn the_dictionary_makes_a_first_line_short() {
        let line =
            b"+kafka-topics.sh --create --topic demo --partitions 3 --replication-factor 3\n";
        let packed = compress(line);
        assert!(packed.len() * 4 < line.len(), "{} bytes", packed.len());
    }

    #[test]
    fn bad_input_gives_what_it_could_and_why() {
        assert_eq!(decompress(&[2, b'a']).1, Some("it was cut short"));
        assert_eq!(
            decompress(&[0, b'a', 0x80, 0xff, 0xff]),
            (b"a".to_vec(), Some("a reference points outside it"))
        );
    }
}
