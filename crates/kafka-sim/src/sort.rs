//! Sorting and ordered collections for the engine, compiled once.
//!
//! `slice::sort_by` is generic over both the element and the comparator, and collecting an
//! iterator into a `BTreeMap` or `BTreeSet` sorted it the same way, so every call site used
//! to compile its own copy of std's driftsort: about 4 KB of wasm each, 50 KB in all for
//! the assignors and the group coordinator. Here the sort runs on a permutation of indices
//! with a `dyn` comparator, so it exists once in the binary; ordered collections (the
//! sorted vectors of [`crate::collections`]) are built by inserting, which reuses the
//! `insert` each type already needs.

use crate::collections::{VecMap, VecSet};
use std::cmp::Ordering;

/// Stable sort of `v` by `cmp`, as `slice::sort_by` (and Java's `Collections.sort`, which
/// the assignors port and whose stability they rely on).
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_indices(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Stable sort of `v` by a key, as `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The one instantiation of the standard library's stable sort.
fn sorted_indices(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// A set of the items, without the sort that `collect()` compiles per type.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> VecSet<T> {
    let mut set = VecSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// A map of the pairs (a later pair wins, as with `collect()`), without its sort.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> VecMap<K, V> {
    let mut map = VecMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_by_is_stable_and_matches_std() {
        let mut v: Vec<(u8, usize)> = [3, 1, 2, 1, 3, 0, 2, 1]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i))
            .collect();
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, expected);
        assert_eq!(v[1..4], [(1, 1), (1, 3), (1, 7)]);
    }

    #[test]
    fn collections_keep_the_last_value_like_collect() {
        let m = map_of([(1, "a"), (2, "b"), (1, "c")]);
        assert_eq!(m, [(1, "c"), (2, "b")].into_iter().collect());
        assert_eq!(set_of([3, 1, 3]), VecSet::from([1, 3]));
    }
}
