//! The JDK collections whose iteration order shows through in the server-side assignors'
//! results, as OpenJDK 17 implements them, plus Kafka's `TimelineHashMap` key order.
//!
//! `assignor/java.rs` has a `HashSet` with the default capacity; the group coordinator also
//! sizes its maps (`new HashMap<>(n)`, `new HashSet<>(collection)`) and uses
//! `HashMap#computeIfAbsent`, which puts a new key at the *head* of its bucket and resizes
//! before inserting rather than after. Both change iteration orders, so [`JHashMap`] has
//! them. Like `java.rs`, red-black tree bins (9+ keys in one bucket of a table of 64+) are
//! iterated as plain lists; the JDK iterates them in a different order.

use super::uuid::Uuid;
use crate::assignor::java::{spread, string_hash};

/// `Object#hashCode` of the key types the coordinator hashes.
pub(crate) trait JavaHash {
    /// The JDK's `hashCode()` of this value.
    fn java_hash(&self) -> i32;
}

impl JavaHash for Uuid {
    fn java_hash(&self) -> i32 {
        self.java_hash_code()
    }
}

/// `Integer#hashCode` (partition ids are Java `int`s).
impl JavaHash for u32 {
    fn java_hash(&self) -> i32 {
        *self as i32
    }
}

impl JavaHash for String {
    fn java_hash(&self) -> i32 {
        string_hash(self)
    }
}

/// `HashMap.DEFAULT_INITIAL_CAPACITY`.
const DEFAULT_CAPACITY: usize = 16;
/// `HashMap.TREEIFY_THRESHOLD`.
const TREEIFY_THRESHOLD: usize = 8;
/// `HashMap.MIN_TREEIFY_CAPACITY`.
const MIN_TREEIFY_CAPACITY: usize = 64;
/// `HashMap.MAXIMUM_CAPACITY`.
const MAXIMUM_CAPACITY: usize = 1 << 30;

/// `HashMap.tableSizeFor`: the smallest power of two at least `cap` (1 for `cap <= 1`).
pub(crate) fn table_size_for(cap: i64) -> usize {
    if cap <= 1 {
        return 1;
    }
    let cap = usize::try_from(cap).unwrap_or(MAXIMUM_CAPACITY);
    cap.next_power_of_two().min(MAXIMUM_CAPACITY)
}

/// `(int) ((n / 0.75f) + 1)`: how the coordinator sizes a map for `n` entries
/// (`RangeAssignor`, `UniformHeterogeneousAssignmentBuilder#addPartitionToTargetAssignment`).
pub(crate) fn presized(n: usize) -> i64 {
    // Java divides in float; n is far below 2^24, so the f32 division is the JDK's.
    let n = n as f32;
    ((n / 0.75f32) + 1.0f32) as i64
}

/// The initial capacity `new HashSet<>(Collection c)` asks for on JDK 17:
/// `Math.max((int) (c.size() / .75f) + 1, 16)`. (JDK 19+ asks for
/// `ceil(max(size, 12) / 0.75)`, which differs when `size / 0.75` is a power of two, e.g. 12.)
pub(crate) fn hash_set_copy_capacity(size: usize) -> i64 {
    let n = size as f32;
    (((n / 0.75f32) as i64) + 1).max(16)
}

/// A `java.util.HashMap` (load factor 0.75): a lookup table with the JDK's iteration order.
#[derive(Debug, Clone)]
pub(crate) struct JHashMap<K, V> {
    /// Buckets in index order; each bucket's nodes in their `next` order. Empty until the
    /// first insert, as Java allocates lazily.
    table: Vec<Vec<(u32, K, V)>>,
    /// Java's `threshold` field: before allocation, the initial capacity (0 for the default).
    threshold: usize,
    size: usize,
}

impl<K: JavaHash + PartialEq, V> JHashMap<K, V> {
    /// `new HashMap<>()`.
    pub(crate) fn new() -> Self {
        Self {
            table: Vec::new(),
            threshold: 0,
            size: 0,
        }
    }

    /// `new HashMap<>(initialCapacity)`: the table size is `tableSizeFor(initialCapacity)`.
    pub(crate) fn with_capacity(initial_capacity: i64) -> Self {
        Self {
            table: Vec::new(),
            threshold: table_size_for(initial_capacity),
            size: 0,
        }
    }

    /// `HashMap#resize`: allocate or double the table. Each bucket splits into "lo" and "hi"
    /// halves keeping relative order, which is a stable re-bucketing.
    fn resize(&mut self) {
        let new_cap = if !self.table.is_empty() {
            if self.table.len() >= MAXIMUM_CAPACITY {
                return;
            }
            self.table.len() * 2
        } else if self.threshold > 0 {
            self.threshold
        } else {
            DEFAULT_CAPACITY
        };
        let mut table: Vec<Vec<(u32, K, V)>> = (0..new_cap).map(|_| Vec::new()).collect();
        for bucket in std::mem::take(&mut self.table) {
            for (h, k, v) in bucket {
                table[(h as usize) & (new_cap - 1)].push((h, k, v));
            }
        }
        self.table = table;
        // newThr: (int) (newCap * 0.75f), or the old threshold doubled, which is the same.
        self.threshold = new_cap * 3 / 4;
    }

    fn bucket_of(&self, h: u32) -> usize {
        (h as usize) & (self.table.len() - 1)
    }

    fn find(&self, key: &K) -> Option<(usize, usize)> {
        if self.table.is_empty() {
            return None;
        }
        let h = spread(key.java_hash());
        let b = self.bucket_of(h);
        self.table[b]
            .iter()
            .position(|(bh, k, _)| *bh == h && k == key)
            .map(|i| (b, i))
    }

    /// `HashMap#put` (`putVal`): a new key goes at the tail of its bucket; an existing key
    /// keeps its place and gets the new value, which is returned.
    pub(crate) fn put(&mut self, key: K, value: V) -> Option<V> {
        if self.table.is_empty() {
            self.resize();
        }
        if let Some((b, i)) = self.find(&key) {
            return Some(std::mem::replace(&mut self.table[b][i].2, value));
        }
        let h = spread(key.java_hash());
        let b = self.bucket_of(h);
        let existing = self.table[b].len();
        self.table[b].push((h, key, value));
        // putVal: appending to a bin that already held TREEIFY_THRESHOLD nodes calls
        // treeifyBin, which only resizes while the table is smaller than 64.
        if existing >= TREEIFY_THRESHOLD && self.table.len() < MIN_TREEIFY_CAPACITY {
            self.resize();
        }
        self.size += 1;
        if self.size > self.threshold {
            self.resize();
        }
        None
    }

    /// `HashMap#computeIfAbsent` with a function that never returns null: resize first if
    /// the size is past the threshold, then put a new key at the *head* of its bucket.
    pub(crate) fn compute_if_absent(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V
    where
        K: Clone,
    {
        if self.size > self.threshold || self.table.is_empty() {
            self.resize();
        }
        if self.find(&key).is_none() {
            let h = spread(key.java_hash());
            let b = self.bucket_of(h);
            let existing = self.table[b].len();
            self.table[b].insert(0, (h, key.clone(), make()));
            self.size += 1;
            // computeIfAbsent counts the whole bin: treeifyBin from 7 nodes on, which only
            // resizes while the table is smaller than 64.
            if existing >= TREEIFY_THRESHOLD - 1 && self.table.len() < MIN_TREEIFY_CAPACITY {
                self.resize();
            }
        }
        match self.find(&key) {
            Some((b, i)) => &mut self.table[b][i].2,
            None => unreachable!("the key was just found or inserted"),
        }
    }

    /// `HashMap#get`.
    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        self.find(key).map(|(b, i)| &self.table[b][i].2)
    }

    /// `HashMap#get`, for changing the value in place.
    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        match self.find(key) {
            Some((b, i)) => Some(&mut self.table[b][i].2),
            None => None,
        }
    }

    /// `HashMap#containsKey`.
    pub(crate) fn contains_key(&self, key: &K) -> bool {
        self.find(key).is_some()
    }

    /// `HashMap#remove` (the table never shrinks).
    pub(crate) fn remove(&mut self, key: &K) -> Option<V> {
        let (b, i) = self.find(key)?;
        self.size -= 1;
        Some(self.table[b].remove(i).2)
    }

    /// `HashMap#size`.
    pub(crate) fn len(&self) -> usize {
        self.size
    }

    /// `HashMap#isEmpty`.
    pub(crate) fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// `entrySet()` in the JDK's iteration order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.table.iter().flatten().map(|(_, k, v)| (k, v))
    }

    /// `keySet()` in the JDK's iteration order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &K> {
        self.iter().map(|(k, _)| k)
    }
}

/// A `java.util.HashSet`: a [`JHashMap`] with unit values.
#[derive(Debug, Clone)]
pub(crate) struct JHashSet<K> {
    map: JHashMap<K, ()>,
}

impl<K: JavaHash + PartialEq> JHashSet<K> {
    /// `new HashSet<>()`.
    pub(crate) fn new() -> Self {
        Self {
            map: JHashMap::new(),
        }
    }

    /// `new HashSet<>(initialCapacity)`.
    pub(crate) fn with_capacity(initial_capacity: i64) -> Self {
        Self {
            map: JHashMap::with_capacity(initial_capacity),
        }
    }

    /// `new HashSet<>(c)` for a collection of `size` elements (`size()` may count more than
    /// `items` yields: Kafka's `TopicIds` counts topic names, including unknown ones),
    /// adding `items` in order.
    pub(crate) fn copy_of(size: usize, items: impl IntoIterator<Item = K>) -> Self {
        let mut set = Self::with_capacity(hash_set_copy_capacity(size));
        for k in items {
            set.insert(k);
        }
        set
    }

    /// `HashSet#add`; false if it was already there.
    pub(crate) fn insert(&mut self, key: K) -> bool {
        self.map.put(key, ()).is_none()
    }

    /// `HashSet#remove`; false if it was absent.
    pub(crate) fn remove(&mut self, key: &K) -> bool {
        self.map.remove(key).is_some()
    }

    /// `HashSet#contains`.
    pub(crate) fn contains(&self, key: &K) -> bool {
        self.map.contains_key(key)
    }

    /// `HashSet#size`.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// `HashSet#isEmpty`.
    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The elements in the JDK's iteration order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &K> {
        self.map.keys()
    }
}

/// The key order of a Kafka `TimelineHashMap<String, _>` (`org.apache.kafka.timeline`), the
/// map behind `ModernGroup#members`: what `members().forEach` visits, and so the insertion
/// order of the member specs in `TargetAssignmentBuilder#build`, and the order in which
/// `ConsumerGroup#asDescribedGroup` lists members.
///
/// `BaseHashTable`: slot `(int) ((hashCode * -7046029254386353131L) >>> (64 - log2(cap)))`
/// (`findSlot`, the top bits of a Fibonacci hash), colliding keys appended to the slot's
/// array; the capacity starts at 2 and doubles *before* any put (even one that replaces a
/// key) when `(size + 1) * 0.75 > capacity` (`baseAddOrReplace`); removing never shrinks it.
/// `SnapshottableHashTable.CurrentIterator` visits slots in ascending order and each slot's
/// keys from the *last* to the first (`ready.remove(ready.size() - 1)`).
///
/// Only keys are kept: feed it every `put` (`ConsumerGroup#updateMember`, on each member
/// record replayed) and `remove` (`ConsumerGroup#removeMember`) in the order the
/// coordinator makes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineOrder {
    slots: Vec<Vec<String>>,
    size: usize,
}

/// `BaseHashTable.MIN_CAPACITY`, which `new TimelineHashMap<>(registry, 0)` gets.
const TIMELINE_MIN_CAPACITY: usize = 2;
/// `BaseHashTable.MAX_CAPACITY`.
const TIMELINE_MAX_CAPACITY: usize = 1 << 30;

impl Default for TimelineOrder {
    fn default() -> Self {
        Self::new()
    }
}

impl TimelineOrder {
    /// `new TimelineHashMap<>(snapshotRegistry, 0)`, as `ModernGroup` makes `members`.
    pub fn new() -> Self {
        Self {
            slots: vec![Vec::new(); TIMELINE_MIN_CAPACITY],
            size: 0,
        }
    }

    /// `BaseHashTable#findSlot`.
    fn slot(key: &str, capacity: usize) -> usize {
        let bits = capacity.trailing_zeros();
        let product = i64::from(string_hash(key)).wrapping_mul(-7_046_029_254_386_353_131);
        ((product as u64) >> (64 - bits)) as usize
    }

    /// `BaseHashTable#rehash`: slots in order, each slot's keys in array order, appended.
    fn rehash(&mut self, capacity: usize) {
        let mut slots = vec![Vec::new(); capacity];
        for key in std::mem::take(&mut self.slots).into_iter().flatten() {
            slots[Self::slot(&key, capacity)].push(key);
        }
        self.slots = slots;
    }

    /// `TimelineHashMap#put` (`baseAddOrReplace`): a new key is appended to its slot; an
    /// existing one keeps its place. Either may first double the table.
    pub fn put(&mut self, key: &str) {
        let capacity = self.slots.len();
        if ((self.size + 1) as f64) * 0.75 > capacity as f64 && capacity < TIMELINE_MAX_CAPACITY {
            self.rehash(capacity * 2);
        }
        let s = Self::slot(key, self.slots.len());
        if !self.slots[s].iter().any(|k| k == key) {
            self.slots[s].push(key.to_string());
            self.size += 1;
        }
    }

    /// `TimelineHashMap#remove` (`baseRemove`); false if the key was absent.
    pub fn remove(&mut self, key: &str) -> bool {
        let s = Self::slot(key, self.slots.len());
        match self.slots[s].iter().position(|k| k == key) {
            Some(i) => {
                self.slots[s].remove(i);
                self.size -= 1;
                true
            }
            None => false,
        }
    }

    /// Whether `key` is present.
    pub fn contains(&self, key: &str) -> bool {
        self.slots[Self::slot(key, self.slots.len())]
            .iter()
            .any(|k| k == key)
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.size
    }

    /// Whether there is no key.
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// The keys in `CurrentIterator` order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.slots
            .iter()
            .flat_map(|slot| slot.iter().rev().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(m: &JHashMap<u32, ()>) -> Vec<u32> {
        m.keys().copied().collect()
    }

    // Expected orders printed by OpenJDK 17.0.15 (java.util.HashMap/HashSet).

    #[test]
    fn compute_if_absent_puts_a_new_key_at_the_head_of_its_bucket() {
        // m.put(1); m.computeIfAbsent(17); m.put(33); m.computeIfAbsent(49) -> [49, 17, 1, 33]
        let mut m = JHashMap::new();
        m.put(1, ());
        m.compute_if_absent(17, || ());
        m.put(33, ());
        m.compute_if_absent(49, || ());
        assert_eq!(keys(&m), [49, 17, 1, 33]);
    }

    #[test]
    fn compute_if_absent_resizes_before_inserting() {
        // new HashMap<>(1); computeIfAbsent 1, 3, 2 -> [1, 2, 3]
        let mut m = JHashMap::with_capacity(1);
        for k in [1, 3, 2] {
            m.compute_if_absent(k, || ());
        }
        assert_eq!(keys(&m), [1, 2, 3]);
    }

    #[test]
    fn a_hash_set_copy_of_twelve_elements_gets_a_table_of_32() {
        // new HashSet<>(List.of(0, 3, ..., 33)) -> [0, 33, 3, 6, ...]; of 11 -> table 16.
        let twelve = JHashSet::copy_of(12, (0..12).map(|i| i * 3));
        let order: Vec<u32> = twelve.iter().copied().collect();
        assert_eq!(order, [0, 33, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
        let eleven = JHashSet::copy_of(11, (0..11).map(|i| i * 3));
        let order: Vec<u32> = eleven.iter().copied().collect();
        assert_eq!(order, [0, 18, 3, 21, 6, 24, 9, 27, 12, 30, 15]);
    }

    #[test]
    fn table_sizes_round_up_to_powers_of_two() {
        assert_eq!(table_size_for(0), 1);
        assert_eq!(table_size_for(1), 1);
        assert_eq!(table_size_for(3), 4);
        assert_eq!(table_size_for(17), 32);
        assert_eq!(presized(3), 5);
        assert_eq!(presized(12), 17);
        assert_eq!(hash_set_copy_capacity(0), 16);
        assert_eq!(hash_set_copy_capacity(12), 17);
    }

    #[test]
    fn timeline_order_visits_slots_in_order_and_collisions_last_first() {
        // Printed by org.apache.kafka.timeline.TimelineHashMap (kafka-server-common 4.4.0):
        // put member-0..19, remove every third, put member-4 again, then x and y.
        let mut t = TimelineOrder::new();
        for i in 0..20 {
            t.put(&format!("member-{i}"));
        }
        for i in (0..20).step_by(3) {
            assert!(t.remove(&format!("member-{i}")));
        }
        for k in ["member-4", "x", "y"] {
            t.put(k);
        }
        let order: Vec<&str> = t.iter().collect();
        assert_eq!(
            order.join(", "),
            "member-13, x, member-10, member-8, member-5, member-17, member-2, member-7, \
             member-14, y, member-19, member-4, member-11, member-1, member-16"
        );
        assert!(!t.remove("member-0"));
        assert!(!t.contains("member-0"));
        assert_eq!(t.len(), 15);
        // "Aa" and "BB" (and their concatenations) share a hash: last put first.
        let mut t = TimelineOrder::new();
        for k in ["Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "c"] {
            t.put(k);
        }
        let order: Vec<&str> = t.iter().collect();
        assert_eq!(order, ["c", "BB", "Aa", "BBAa", "AaBB", "BBBB", "AaAa"]);
    }
}
