//! The small pieces of the JDK whose exact behaviour shows through in the assignors'
//! results: `String.compareTo`, `String.hashCode`, `TopicPartition.hashCode` and the
//! iteration order of a `java.util.HashMap`/`HashSet`.
//!
//! The sticky assignors iterate `HashMap`s keyed by member id (`subscriptions`,
//! `consumerToOwnedPartitions`) and take "the first" element of a `HashSet<TopicPartition>`
//! (`PartitionMovements#getTheActualPartitionToBeMoved`), so which member keeps the extra
//! partition, or which partition moves, depends on the JDK's bucket order. That order is
//! deterministic: bucket index `(h ^ h >>> 16) & (capacity - 1)`, then insertion order within
//! a bucket, capacity doubling from 16 when the size passes 3/4 of it (`HashMap#putVal`,
//! `HashMap#resize`, `HashMap#treeifyBin`). [`JavaHashSet`] reproduces it, except for
//! red-black tree bins (9+ keys in one bucket of a table of 64+), whose order it treats as a
//! plain list.

use std::cmp::Ordering;

/// `String.compareTo`: lexicographic over UTF-16 code units (differs from Rust's byte order
/// only for characters above U+FFFF against U+E000..U+FFFF).
pub(crate) fn cmp_str(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// `String.hashCode`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16 code units, wrapping.
pub(crate) fn string_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// `TopicPartition.hashCode`: `31 * (31 + partition) + topic.hashCode()`.
pub(crate) fn topic_partition_hash(topic: &str, partition: u32) -> i32 {
    // Partitions are capped far below i32::MAX by the caller's validation.
    let p = i32::try_from(partition).unwrap_or(i32::MAX);
    31i32
        .wrapping_add(p)
        .wrapping_mul(31)
        .wrapping_add(string_hash(topic))
}

/// `HashMap.hash`: the key's hash with its high half folded into the low half.
pub(crate) fn spread(hash: i32) -> u32 {
    let h = hash as u32;
    h ^ (h >> 16)
}

/// `HashMap.DEFAULT_INITIAL_CAPACITY`.
const DEFAULT_CAPACITY: usize = 16;
/// `HashMap.TREEIFY_THRESHOLD`.
const TREEIFY_THRESHOLD: usize = 8;
/// `HashMap.MIN_TREEIFY_CAPACITY`.
const MIN_TREEIFY_CAPACITY: usize = 64;

/// A `java.util.HashSet` (a `HashMap` with default capacity and load factor 0.75): same
/// membership as a set, same iteration order as the JDK's.
#[derive(Debug, Clone)]
pub(crate) struct JavaHashSet<K> {
    table: Vec<Vec<(u32, K)>>,
    size: usize,
    threshold: usize,
}

impl<K: PartialEq> JavaHashSet<K> {
    /// `new HashSet<>()`: the table is allocated on the first insert.
    pub(crate) fn new() -> Self {
        Self {
            table: Vec::new(),
            size: 0,
            threshold: 0,
        }
    }

    /// `HashMap#resize`: double the table; each bucket splits into "lo" (same index) and
    /// "hi" (index + old capacity) keeping relative order, which is a stable re-bucketing.
    fn resize(&mut self) {
        let new_cap = if self.table.is_empty() {
            DEFAULT_CAPACITY
        } else {
            self.table.len() * 2
        };
        let mut table: Vec<Vec<(u32, K)>> = (0..new_cap).map(|_| Vec::new()).collect();
        for bucket in std::mem::take(&mut self.table) {
            for (h, k) in bucket {
                table[(h as usize) & (new_cap - 1)].push((h, k));
            }
        }
        self.table = table;
        self.threshold = new_cap / 4 * 3;
    }

    /// `HashSet#add` with the key's `hashCode()`; false if it was already present.
    pub(crate) fn insert(&mut self, hash_code: i32, key: K) -> bool {
        if self.table.is_empty() {
            self.resize();
        }
        let h = spread(hash_code);
        let idx = (h as usize) & (self.table.len() - 1);
        let bucket = &mut self.table[idx];
        if bucket.iter().any(|(bh, k)| *bh == h && *k == key) {
            return false;
        }
        let existing = bucket.len();
        bucket.push((h, key));
        // putVal: appending to a bin that already held TREEIFY_THRESHOLD nodes calls
        // treeifyBin, which only resizes while the table is smaller than 64.
        if existing >= TREEIFY_THRESHOLD && self.table.len() < MIN_TREEIFY_CAPACITY {
            self.resize();
        }
        self.size += 1;
        if self.size > self.threshold {
            self.resize();
        }
        true
    }

    /// `HashSet#remove` (the table never shrinks); false if it was absent.
    pub(crate) fn remove(&mut self, hash_code: i32, key: &K) -> bool {
        if self.table.is_empty() {
            return false;
        }
        let h = spread(hash_code);
        let idx = (h as usize) & (self.table.len() - 1);
        let bucket = &mut self.table[idx];
        match bucket.iter().position(|(bh, k)| *bh == h && k == key) {
            Some(pos) => {
                bucket.remove(pos);
                self.size -= 1;
                true
            }
            None => false,
        }
    }

    /// Whether the set holds no key.
    pub(crate) fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// The keys in the JDK's iteration order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &K> {
        self.table.iter().flatten().map(|(_, k)| k)
    }
}

/// The iteration order of a `new HashMap<>()` into which `hash_codes.len()` keys with these
/// `hashCode()`s were put in index order: the returned indices, as `entrySet()` yields them.
pub(crate) fn hash_map_order(hash_codes: &[i32]) -> Vec<usize> {
    let mut set = JavaHashSet::new();
    for (i, &h) in hash_codes.iter().enumerate() {
        set.insert(h, i);
    }
    set.iter().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_hash_matches_the_jdk() {
        // "hello".hashCode() == 99162322, "".hashCode() == 0,
        // "polygenelubricants".hashCode() == Integer.MIN_VALUE (a well-known JDK curiosity).
        assert_eq!(string_hash("hello"), 99_162_322);
        assert_eq!(string_hash(""), 0);
        assert_eq!(string_hash("polygenelubricants"), i32::MIN);
    }

    fn order_of(keys: &[&str]) -> Vec<String> {
        let hashes: Vec<i32> = keys.iter().map(|k| string_hash(k)).collect();
        hash_map_order(&hashes)
            .iter()
            .map(|&i| keys[i].to_string())
            .collect()
    }

    // The expected orders below were printed by OpenJDK 17's java.util.HashMap/HashSet
    // (`new HashMap<>()`, `put` in the order given, then `keySet()`).

    #[test]
    fn hash_map_order_matches_the_jdk() {
        assert_eq!(
            order_of(&["consumer3", "consumer1", "consumer2"]),
            ["consumer3", "consumer2", "consumer1"]
        );
        // 40 keys: the table resized from 16 to 32 to 64.
        let keys: Vec<String> = (0..40).map(|i| format!("consumer-{i}")).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let jdk = "consumer-31, consumer-30, consumer-11, consumer-33, consumer-10, consumer-32, consumer-6, consumer-17, consumer-39, consumer-5, consumer-16, consumer-38, consumer-4, consumer-19, consumer-3, consumer-18, consumer-2, consumer-13, consumer-35, consumer-1, consumer-12, consumer-34, consumer-0, consumer-15, consumer-37, consumer-14, consumer-36, consumer-20, consumer-22, consumer-21, consumer-28, consumer-27, consumer-29, consumer-24, consumer-23, consumer-26, consumer-25, consumer-9, consumer-8, consumer-7";
        assert_eq!(order_of(&keys).join(", "), jdk);
        // "Aa" and "BB" (and their concatenations) collide: insertion order in a bucket.
        assert_eq!(
            order_of(&["c", "Aa", "BB", "a", "AaAa", "BBBB", "AaBB", "BBAa"]),
            ["Aa", "BB", "a", "c", "AaAa", "BBBB", "AaBB", "BBAa"]
        );
    }

    #[test]
    fn topic_partition_hash_set_order_matches_the_jdk() {
        // HashSet<TopicPartition>: add topic-0..39, remove the even ones, add t2-100..102.
        let mut set = JavaHashSet::new();
        for p in 0..40 {
            set.insert(topic_partition_hash("topic", p), ("topic", p));
        }
        for p in (0..40).step_by(2) {
            assert!(set.remove(topic_partition_hash("topic", p), &("topic", p)));
        }
        for p in 100..103 {
            set.insert(topic_partition_hash("t2", p), ("t2", p));
        }
        let order: Vec<String> = set.iter().map(|(t, p)| format!("{t}-{p}")).collect();
        let jdk = "topic-9, topic-11, topic-13, topic-15, topic-1, t2-102, topic-3, t2-100, topic-5, topic-7, topic-25, topic-27, topic-29, topic-31, topic-17, topic-19, topic-21, topic-23, topic-33, t2-101, topic-35, topic-37, topic-39";
        assert_eq!(order.join(", "), jdk);
    }

    #[test]
    fn same_bucket_keeps_insertion_order_and_resizes_split_stably() {
        let mut set = JavaHashSet::new();
        // 1, 17 and 33 share bucket 1 of a 16-slot table; after growing to 32, 17 moves.
        for k in [33, 1, 17] {
            set.insert(k, k);
        }
        assert_eq!(set.iter().copied().collect::<Vec<_>>(), [33, 1, 17]);
        for k in 100..110 {
            set.insert(k, k);
        }
        // 13 keys > threshold 12: the table doubled to 32.
        let order: Vec<i32> = set.iter().copied().collect();
        assert_eq!(&order[..2], &[33, 1]);
        assert!(order.iter().position(|&k| k == 17) > order.iter().position(|&k| k == 1));
        assert!(set.remove(1, &1));
        assert!(!set.remove(1, &1));
    }
}
