//! The engine's ordered map and set: a sorted `Vec` each.
//!
//! `BTreeMap` and `BTreeSet` compile their node code (search, insert with splits, remove
//! with merges, iterators, drop) once per key and value type, and the engine, the
//! lessons and the app used about fifty of them: some 160 KB of the wasm download. The
//! maps here are small (topics, consumers, groups, members, committed offsets; logs are
//! `Vec`s already), so a sorted vector with a binary search is as fast and compiles to a
//! few hundred bytes per type. Iteration is in key order, as with the `BTree` types, so
//! state, events and transcripts are the same; the API is the subset of theirs the
//! engine uses, with the same meaning (an insert on a present key keeps the key and
//! replaces the value; a later pair wins in `collect()`).

use std::borrow::Borrow;
use std::fmt;
use std::ops::{Bound, Index, RangeBounds};

/// An ordered map kept as a vector of pairs sorted by key, without duplicate keys.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VecMap<K, V> {
    entries: Vec<(K, V)>,
}

/// An ordered set kept as a sorted vector without duplicates.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VecSet<T> {
    items: Vec<T>,
}

/// Where `key` is in the sorted slice, or where it would be inserted.
fn search<E, K, Q>(slice: &[E], key: &Q, key_of: impl Fn(&E) -> &K) -> Result<usize, usize>
where
    K: Borrow<Q>,
    Q: Ord + ?Sized,
{
    slice.binary_search_by(|e| key_of(e).borrow().cmp(key))
}

/// The index range of the sorted slice that `range` covers.
fn span<E, K, Q, R>(slice: &[E], range: &R, key_of: impl Fn(&E) -> &K) -> std::ops::Range<usize>
where
    K: Borrow<Q>,
    Q: Ord + ?Sized,
    R: RangeBounds<Q>,
{
    let start = match range.start_bound() {
        Bound::Included(q) => slice.partition_point(|e| key_of(e).borrow() < q),
        Bound::Excluded(q) => slice.partition_point(|e| key_of(e).borrow() <= q),
        Bound::Unbounded => 0,
    };
    let end = match range.end_bound() {
        Bound::Included(q) => slice.partition_point(|e| key_of(e).borrow() <= q),
        Bound::Excluded(q) => slice.partition_point(|e| key_of(e).borrow() < q),
        Bound::Unbounded => slice.len(),
    };
    start..end.max(start)
}

impl<K, V> VecMap<K, V> {
    /// An empty map.
    pub const fn new() -> Self {
        VecMap {
            entries: Vec::new(),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The entries in key order, values mutable.
    pub fn iter_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = (&K, &mut V)> + ExactSizeIterator {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The values in key order, mutable.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// The keys in order, by value.
    pub fn into_keys(self) -> impl DoubleEndedIterator<Item = K> + ExactSizeIterator {
        self.entries.into_iter().map(|(k, _)| k)
    }

    /// The values in key order, by value.
    pub fn into_values(self) -> impl DoubleEndedIterator<Item = V> + ExactSizeIterator {
        self.entries.into_iter().map(|(_, v)| v)
    }

    /// The entry with the smallest key.
    pub fn first_key_value(&self) -> Option<(&K, &V)> {
        self.entries.first().map(|(k, v)| (k, v))
    }

    /// The entry with the largest key.
    pub fn last_key_value(&self) -> Option<(&K, &V)> {
        self.entries.last().map(|(k, v)| (k, v))
    }

    /// Removes and returns the entry with the smallest key.
    pub fn pop_first(&mut self) -> Option<(K, V)> {
        (!self.entries.is_empty()).then(|| self.entries.remove(0))
    }

    /// Removes and returns the entry with the largest key.
    pub fn pop_last(&mut self) -> Option<(K, V)> {
        self.entries.pop()
    }

    /// Keeps the entries for which `keep` is true, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }
}

impl<K: Ord, V> VecMap<K, V> {
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        search(&self.entries, key, |e| &e.0)
    }

    /// The value for `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    /// The stored key and value for `key`.
    pub fn get_key_value<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| {
            let (k, v) = &self.entries[i];
            (k, v)
        })
    }

    /// The value for `key`, mutable.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        match self.find(key) {
            Ok(i) => Some(&mut self.entries[i].1),
            Err(_) => None,
        }
    }

    /// True when `key` has an entry.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets the value for `key` and returns the one it replaced (the stored key stays).
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes the entry for `key` and returns its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.remove_entry(key).map(|(_, v)| v)
    }

    /// Removes the entry for `key` and returns it.
    pub fn remove_entry<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.entries.remove(i))
    }

    /// The entry for `key`, to read, insert or update in place.
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        let at = self.find(&key);
        Entry { map: self, key, at }
    }

    /// The entries whose keys fall in `range`, in key order.
    pub fn range<Q, R>(
        &self,
        range: R,
    ) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator + Clone
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
        R: RangeBounds<Q>,
    {
        let span = span(&self.entries, &range, |e| &e.0);
        self.entries[span].iter().map(|(k, v)| (k, v))
    }

    /// Moves every entry of `other` into this map (its values win).
    pub fn append(&mut self, other: &mut Self) {
        for (k, v) in other.entries.drain(..) {
            self.insert(k, v);
        }
    }
}

/// A place in a [`VecMap`] for one key, as `btree_map::Entry`.
pub struct Entry<'a, K, V> {
    map: &'a mut VecMap<K, V>,
    key: K,
    at: Result<usize, usize>,
}

impl<'a, K, V> Entry<'a, K, V> {
    /// The value, inserting `default()` first if the key has none.
    pub fn or_insert_with(self, default: impl FnOnce() -> V) -> &'a mut V {
        let i = match self.at {
            Ok(i) => i,
            Err(i) => {
                self.map.entries.insert(i, (self.key, default()));
                i
            }
        };
        &mut self.map.entries[i].1
    }

    /// The value, inserting `value` first if the key has none.
    pub fn or_insert(self, value: V) -> &'a mut V {
        self.or_insert_with(|| value)
    }

    /// The value, inserting `V::default()` first if the key has none.
    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }

    /// Runs `f` on the value if the key has one.
    pub fn and_modify(self, f: impl FnOnce(&mut V)) -> Self {
        if let Ok(i) = self.at {
            f(&mut self.map.entries[i].1);
        }
        self
    }

    /// The key this entry is for.
    pub fn key(&self) -> &K {
        match self.at {
            Ok(i) => &self.map.entries[i].0,
            Err(_) => &self.key,
        }
    }
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap::new()
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for VecMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = VecMap::new();
        map.extend(iter);
        map
    }
}

impl<K: Ord, V> Extend<(K, V)> for VecMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for VecMap<K, V> {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> Index<&Q> for VecMap<K, V> {
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry found for key")
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<'a, K, V> IntoIterator for &'a mut VecMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter =
        std::iter::Map<std::slice::IterMut<'a, (K, V)>, fn(&'a mut (K, V)) -> (&'a K, &'a mut V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }
}

impl<K: serde::Serialize, V: serde::Serialize> serde::Serialize for VecMap<K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<T> VecSet<T> {
    /// An empty set.
    pub const fn new() -> Self {
        VecSet { items: Vec::new() }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when the set has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Removes every item.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// The items in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The items in order, as a slice.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// The smallest item.
    pub fn first(&self) -> Option<&T> {
        self.items.first()
    }

    /// The largest item.
    pub fn last(&self) -> Option<&T> {
        self.items.last()
    }

    /// Removes and returns the smallest item.
    pub fn pop_first(&mut self) -> Option<T> {
        (!self.items.is_empty()).then(|| self.items.remove(0))
    }

    /// Removes and returns the largest item.
    pub fn pop_last(&mut self) -> Option<T> {
        self.items.pop()
    }

    /// Keeps the items for which `keep` is true, in order.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.items.retain(keep);
    }
}

impl<T: Ord> VecSet<T> {
    fn find<Q: Ord + ?Sized>(&self, value: &Q) -> Result<usize, usize>
    where
        T: Borrow<Q>,
    {
        search(&self.items, value, |t| t)
    }

    /// True when `value` is in the set.
    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.find(value).is_ok()
    }

    /// The stored item equal to `value`.
    pub fn get<Q: Ord + ?Sized>(&self, value: &Q) -> Option<&T>
    where
        T: Borrow<Q>,
    {
        self.find(value).ok().map(|i| &self.items[i])
    }

    /// Adds `value`; false (and the stored item stays) if it was there.
    pub fn insert(&mut self, value: T) -> bool {
        match self.find(&value) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, value);
                true
            }
        }
    }

    /// Removes `value`; false if it was not there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.take(value).is_some()
    }

    /// Removes and returns the stored item equal to `value`.
    pub fn take<Q: Ord + ?Sized>(&mut self, value: &Q) -> Option<T>
    where
        T: Borrow<Q>,
    {
        self.find(value).ok().map(|i| self.items.remove(i))
    }

    /// The items in `self` and not in `other`, in order.
    pub fn difference<'a>(&'a self, other: &'a VecSet<T>) -> impl Iterator<Item = &'a T> + Clone {
        self.items.iter().filter(move |t| !other.contains(*t))
    }

    /// The items in both sets, in order.
    pub fn intersection<'a>(&'a self, other: &'a VecSet<T>) -> impl Iterator<Item = &'a T> + Clone {
        self.items.iter().filter(move |t| other.contains(*t))
    }

    /// True when every item of `self` is in `other`.
    pub fn is_subset(&self, other: &VecSet<T>) -> bool {
        self.items.iter().all(|t| other.contains(t))
    }

    /// True when no item is in both sets.
    pub fn is_disjoint(&self, other: &VecSet<T>) -> bool {
        !self.items.iter().any(|t| other.contains(t))
    }

    /// The items that fall in `range`, in order.
    pub fn range<Q, R>(&self, range: R) -> std::slice::Iter<'_, T>
    where
        T: Borrow<Q>,
        Q: Ord + ?Sized,
        R: RangeBounds<Q>,
    {
        self.items[span(&self.items, &range, |t| t)].iter()
    }

    /// Moves every item of `other` into this set.
    pub fn append(&mut self, other: &mut Self) {
        for t in other.items.drain(..) {
            self.insert(t);
        }
    }
}

impl<T> Default for VecSet<T> {
    fn default() -> Self {
        VecSet::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for VecSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Ord> FromIterator<T> for VecSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = VecSet::new();
        set.extend(iter);
        set
    }
}

impl<T: Ord> Extend<T> for VecSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for t in iter {
            self.insert(t);
        }
    }
}

impl<'a, T: Ord + Copy + 'a> Extend<&'a T> for VecSet<T> {
    fn extend<I: IntoIterator<Item = &'a T>>(&mut self, iter: I) {
        for t in iter {
            self.insert(*t);
        }
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for VecSet<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<T> IntoIterator for VecSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a VecSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T: serde::Serialize> serde::Serialize for VecSet<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn the_map_behaves_as_a_btree_map() {
        let ops: Vec<(u8, u32)> = (0..200u32).map(|i| ((i * 37 % 23) as u8, i)).collect();
        let mut ours = VecMap::new();
        let mut std = BTreeMap::new();
        for &(k, v) in &ops {
            assert_eq!(ours.insert(k, v), std.insert(k, v));
            if v % 7 == 0 {
                assert_eq!(ours.remove(&(k / 2)), std.remove(&(k / 2)));
            }
            *ours.entry(k / 3).or_default() += 1;
            *std.entry(k / 3).or_default() += 1;
        }
        assert!(ours.iter().eq(std.iter()));
        assert!(ours.range(3..=9).eq(std.range(3..=9)));
        assert!(ours.range(..4).rev().eq(std.range(..4).rev()));
        assert!(ours.range(40..).eq(std.range(40..)));
        assert_eq!(ours.first_key_value(), std.first_key_value());
        assert_eq!(ours.last_key_value(), std.last_key_value());
        assert_eq!(format!("{ours:?}"), format!("{std:?}"));
        ours.retain(|k, v| (*k as u32 + *v) & 1 == 0);
        std.retain(|k, v| (*k as u32 + *v) & 1 == 0);
        assert!(ours.into_iter().eq(std));
    }

    #[test]
    fn the_set_behaves_as_a_btree_set() {
        let mut ours = VecSet::new();
        let mut std = BTreeSet::new();
        for i in 0..100u32 {
            let v = i * 53 % 31;
            assert_eq!(ours.insert(v), std.insert(v));
            if i % 5 == 0 {
                assert_eq!(ours.remove(&(v / 2)), std.remove(&(v / 2)));
            }
        }
        assert!(ours.iter().eq(std.iter()));
        let other: VecSet<u32> = (0..40).step_by(3).collect();
        let std_other: BTreeSet<u32> = (0..40).step_by(3).collect();
        assert!(ours.difference(&other).eq(std.difference(&std_other)));
        assert!(ours.intersection(&other).eq(std.intersection(&std_other)));
        assert!(ours.range(4..20).eq(std.range(4..20)));
        assert_eq!(format!("{ours:?}"), format!("{std:?}"));
        assert_eq!(ours.pop_first(), std.pop_first());
        assert_eq!(ours.pop_last(), std.pop_last());
    }

    #[test]
    fn a_later_pair_wins_and_json_is_the_same() {
        let ours: VecMap<&str, u8> = [("b", 1), ("a", 2), ("b", 3)].into_iter().collect();
        let std: BTreeMap<&str, u8> = [("b", 1), ("a", 2), ("b", 3)].into_iter().collect();
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&std).unwrap()
        );
        let set: VecSet<u8> = [3, 1, 2, 1].into();
        assert_eq!(serde_json::to_string(&set).unwrap(), "[1,2,3]");
    }
}
