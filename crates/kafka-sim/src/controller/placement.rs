//! Where a new partition's replicas go: Kafka's `StripedReplicaPlacer`
//! (metadata/.../placement/StripedReplicaPlacer.java), on one rack.
//!
//! The placer keeps two lists of broker ids, unfenced and fenced, each sorted and given
//! a random starting offset. Partition after partition it takes the leader from the
//! unfenced list and the followers after it (unfenced first, then fenced), moving the
//! starting offset one broker on per partition; once it has placed as many partitions
//! as there are unfenced brokers it shuffles both lists and goes on. Its randomness
//! comes from the engine's seeded generator, so the same seed places the same way.
//! Racks are not modelled: every broker is on the same (absent) rack, for which the
//! rack loop of `RackList#place` reduces to the lists below.

use crate::broker::BrokerId;
use crate::rng::SplitMix64;

/// `StripedReplicaPlacer.BrokerList`.
#[derive(Debug)]
struct BrokerList {
    brokers: Vec<BrokerId>,
    index: usize,
    offset: usize,
    epoch: usize,
}

impl BrokerList {
    /// `BrokerList#initialize`: sorted, from a random offset.
    fn new(mut brokers: Vec<BrokerId>, rng: &mut SplitMix64) -> Self {
        brokers.sort_unstable();
        let offset = below(rng, brokers.len());
        Self {
            brokers,
            index: 0,
            offset,
            epoch: 0,
        }
    }

    /// `Collections.shuffle(brokers, random)`: Fisher-Yates from the end.
    fn shuffle(&mut self, rng: &mut SplitMix64) {
        for i in (1..self.brokers.len()).rev() {
            let j = below(rng, i + 1);
            self.brokers.swap(i, j);
        }
    }

    /// `BrokerList#next`: the next broker of this placement epoch, if any is left.
    fn next(&mut self, epoch: usize) -> Option<BrokerId> {
        if self.brokers.is_empty() {
            return None;
        }
        if self.epoch != epoch {
            self.epoch = epoch;
            self.index = 0;
            self.offset = (self.offset + 1) % self.brokers.len();
        }
        if self.index >= self.brokers.len() {
            return None;
        }
        let broker = self.brokers[(self.index + self.offset) % self.brokers.len()];
        self.index += 1;
        Some(broker)
    }
}

/// A uniform draw in `0..n` (Java's `Random#nextInt(n)`); `nextInt(1)` is always 0 and
/// draws nothing here, so a one-broker cluster's random sequence is left as it was.
fn below(rng: &mut SplitMix64, n: usize) -> usize {
    if n <= 1 {
        0
    } else {
        (rng.next_u64() % n as u64) as usize
    }
}

/// The replicas of `count` partitions with `rf` replicas each, over the usable brokers
/// (`(id, fenced)`, not in controlled shutdown). The caller has checked that at least one
/// is unfenced and that `rf` is not above their number (`StripedReplicaPlacer#place`).
pub(crate) fn place(
    usable: &[(BrokerId, bool)],
    count: usize,
    rf: usize,
    rng: &mut SplitMix64,
) -> Vec<Vec<BrokerId>> {
    let pick = |fenced: bool| -> Vec<BrokerId> {
        usable
            .iter()
            .filter(|(_, f)| *f == fenced)
            .map(|(b, _)| *b)
            .collect()
    };
    // Rack#initialize: the fenced list first, then the unfenced one.
    let mut fenced = BrokerList::new(pick(true), rng);
    let mut unfenced = BrokerList::new(pick(false), rng);
    let num_unfenced = unfenced.brokers.len();
    let mut epoch = 0;
    (0..count)
        .map(|_| {
            // RackList#place: reshuffle once every unfenced broker has led a partition
            // (never for a single unfenced broker, which would loop forever).
            if epoch == num_unfenced && num_unfenced > 1 {
                fenced.shuffle(rng);
                unfenced.shuffle(rng);
                epoch = 0;
            }
            let mut replicas = Vec::with_capacity(rf);
            replicas.extend(unfenced.next(epoch));
            while replicas.len() < rf {
                match unfenced.next(epoch).or_else(|| fenced.next(epoch)) {
                    Some(b) => replicas.push(b),
                    None => break,
                }
            }
            epoch += 1;
            replicas
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfenced(ids: &[BrokerId]) -> Vec<(BrokerId, bool)> {
        ids.iter().map(|b| (*b, false)).collect()
    }

    #[test]
    fn each_partition_starts_one_broker_further_round_the_sorted_list() {
        // StripedReplicaPlacerTest#testMultiPartitionTopicPlacementOnSingleUnfencedBroker
        // and the striping it checks: leaders rotate, followers follow in list order.
        let placed = place(&unfenced(&[3, 1, 2]), 3, 3, &mut SplitMix64::new(1));
        let leaders: Vec<BrokerId> = placed.iter().map(|r| r[0]).collect();
        let mut sorted = leaders.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![1, 2, 3], "each broker leads once: {placed:?}");
        for r in &placed {
            let i = [1, 2, 3].iter().position(|b| *b == r[0]).unwrap();
            assert_eq!(r[1], [1, 2, 3][(i + 1) % 3], "{placed:?}");
            assert_eq!(r[2], [1, 2, 3][(i + 2) % 3], "{placed:?}");
        }
    }

    #[test]
    fn the_same_seed_places_the_same_way_and_seeds_differ() {
        let brokers = unfenced(&[1, 2, 3, 4, 5]);
        let a = place(&brokers, 12, 3, &mut SplitMix64::new(7));
        assert_eq!(a, place(&brokers, 12, 3, &mut SplitMix64::new(7)));
        let differs = (0..20).any(|s| place(&brokers, 12, 3, &mut SplitMix64::new(s)) != a);
        assert!(differs, "the placement depends on the seed");
    }

    #[test]
    fn leaders_are_unfenced_and_fenced_brokers_only_fill_in() {
        // Rack#nextUnfenced for the first replica, Rack#next (unfenced, then fenced)
        // for the others.
        let brokers = vec![(1, false), (2, true), (3, true)];
        for p in place(&brokers, 4, 3, &mut SplitMix64::new(3)) {
            assert_eq!(p[0], 1);
            let mut rest = p[1..].to_vec();
            rest.sort_unstable();
            assert_eq!(rest, vec![2, 3]);
        }
    }

    #[test]
    fn after_every_broker_led_once_the_lists_are_shuffled_but_stay_complete() {
        let brokers = unfenced(&[1, 2, 3, 4]);
        let placed = place(&brokers, 40, 2, &mut SplitMix64::new(11));
        for chunk in placed.chunks(4) {
            let mut leaders: Vec<BrokerId> = chunk.iter().map(|r| r[0]).collect();
            leaders.sort_unstable();
            assert_eq!(
                leaders,
                vec![1, 2, 3, 4],
                "each epoch leads every broker once"
            );
        }
        for r in &placed {
            assert_ne!(r[0], r[1], "no broker twice in one partition");
        }
    }

    #[test]
    fn one_broker_draws_nothing_from_the_generator() {
        let mut rng = SplitMix64::new(5);
        assert_eq!(place(&unfenced(&[1]), 3, 1, &mut rng), vec![vec![1]; 3]);
        assert_eq!(rng, SplitMix64::new(5));
    }
}
