//! The controller's rule for changing one partition's registration: a new ISR, a leader
//! election, the ELR kept alongside (KIP-966). One function, [`PartitionChange::build`],
//! in the order of `PartitionChangeBuilder#build` (metadata/.../controller/
//! PartitionChangeBuilder.java, Kafka 4.4), with ELR on (the default of new clusters
//! since 4.1) and `useLastKnownLeaderInBalancedRecovery` at its default, true.

use crate::broker::BrokerId;
use crate::partition::Registration;

/// How a leader may be chosen (`PartitionChangeBuilder.Election`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Election {
    /// Keep a valid leader, else the first valid replica in assignment order.
    Online,
    /// The preferred (first) replica if it may lead (`electPreferredLeader`).
    Preferred,
    /// As online, then any live replica, even outside the ISR: data can be lost.
    Unclean,
}

/// One change request.
pub struct PartitionChange<'a> {
    /// The registration as it is.
    pub current: &'a Registration,
    /// The ISR wanted.
    pub target_isr: Vec<BrokerId>,
    /// How to elect.
    pub election: Election,
    /// A broker that restarted after an unclean shutdown: out of ISR and ELR.
    pub unclean_shutdown: Option<BrokerId>,
    /// `min(min.insync.replicas, replication factor)` (`RCM#getTopicEffectiveMinIsr`).
    pub min_isr: usize,
    /// Whether a broker may lead (`LeaderAcceptor`: active, and not the broker removed).
    pub acceptable: &'a dyn Fn(BrokerId) -> bool,
    /// The leader's AlterPartition, which always says `leaderRecoveryState` RECOVERED
    /// (KIP-704, `Partition#prepareIsrExpand`): a partition an unclean election left
    /// RECOVERING leaves it (`PartitionChangeBuilder#setTargetLeaderRecoveryState`).
    pub recovered: bool,
}

/// What changed, for the events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The new registration.
    pub registration: Registration,
    /// A new leader (or none) was set: the leader epoch bumped.
    pub leader_changed: bool,
    /// The leader came from outside the ISR and ELR (or was the last known leader).
    pub unclean: bool,
}

impl PartitionChange<'_> {
    /// The new registration, or `None` when nothing changes (`changeRecordIsNoOp`).
    pub fn build(self) -> Option<Changed> {
        let cur = self.current;
        let mut target_isr = self.target_isr.clone();
        let mut target_elr = cur.elr.clone();
        // maybePopulateTargetElr: at or above the min ISR the ELR is empty; below it, the
        // ELR is (ELR ∪ current ISR) minus the target ISR and unclean shutdowns. Kafka
        // builds it from a HashSet of small Integers, which iterates in ascending order.
        if target_isr.len() >= self.min_isr {
            target_elr.clear();
        } else {
            let mut candidates = target_elr.clone();
            candidates.extend(cur.isr.iter().copied());
            candidates.sort_unstable();
            candidates.dedup();
            target_elr = candidates
                .into_iter()
                .filter(|r| !target_isr.contains(r) && Some(*r) != self.unclean_shutdown)
                .collect();
        }

        // tryElection.
        let valid = |r: BrokerId, isr: &[BrokerId], elr: &[BrokerId]| {
            (isr.contains(&r) || (isr.is_empty() && elr.contains(&r))) && (self.acceptable)(r)
        };
        let last_known = || {
            target_elr.is_empty()
                && target_isr.is_empty()
                && cur.last_known_elr.len() == 1
                && (self.acceptable)(cur.last_known_elr[0])
        };
        let current_valid = cur
            .leader
            .is_some_and(|l| valid(l, &target_isr, &target_elr));
        let (elected, unclean) = match self.election {
            Election::Preferred => {
                let preferred = cur.replicas[0];
                if valid(preferred, &target_isr, &target_elr) {
                    (Some(preferred), false)
                } else if current_valid {
                    (cur.leader, false)
                } else if let Some(r) = cur.replicas[1..]
                    .iter()
                    .find(|r| valid(**r, &target_isr, &target_elr))
                {
                    (Some(*r), false)
                } else if last_known() {
                    (Some(cur.last_known_elr[0]), true)
                } else {
                    (None, false)
                }
            }
            Election::Online | Election::Unclean => {
                if current_valid {
                    (cur.leader, false)
                } else if let Some(r) = cur
                    .replicas
                    .iter()
                    .find(|r| valid(**r, &target_isr, &target_elr))
                {
                    (Some(*r), false)
                } else if last_known() {
                    (Some(cur.last_known_elr[0]), true)
                } else if self.election == Election::Unclean {
                    match cur.replicas.iter().find(|r| (self.acceptable)(**r)) {
                        Some(r) => (Some(*r), true),
                        None => (None, false),
                    }
                } else {
                    (None, false)
                }
            }
        };
        let leader_changed = elected != cur.leader;
        let mut record_isr = None;
        let mut recovering = cur.recovering && !self.recovered;
        if leader_changed {
            if let Some(l) = elected.filter(|l| target_elr.contains(l)) {
                target_isr = vec![l];
                target_elr.retain(|r| *r != l);
            } else if unclean {
                // "If the election was unclean, we have to forcibly set the ISR to just
                // the new leader. This can result in data loss!"
                let l = elected.expect("an unclean election elects someone");
                record_isr = Some(vec![l]);
                recovering = true;
            }
        }
        // maybeUpdateRecordElr: an unclean election clears the ELR.
        if record_isr.is_some() {
            target_elr.clear();
        }
        let isr = record_isr.unwrap_or(target_isr);
        // maybeUpdateLastKnownLeader: the leader is remembered the first time the
        // partition becomes leaderless, and forgotten once it has one again.
        let mut last_known_elr = cur.last_known_elr.clone();
        if leader_changed && elected.is_none() && cur.last_known_elr.is_empty() {
            last_known_elr = cur.leader.into_iter().collect();
        } else if leader_changed && elected.is_some() {
            last_known_elr.clear();
        }
        if !leader_changed
            && isr == cur.isr
            && target_elr == cur.elr
            && last_known_elr == cur.last_known_elr
            && recovering == cur.recovering
        {
            return None;
        }
        let registration = Registration {
            replicas: cur.replicas.clone(),
            isr,
            elr: target_elr,
            last_known_elr,
            leader: elected,
            // PartitionRegistration#merge: a record naming a leader bumps the leader
            // epoch; every record bumps the partition epoch.
            leader_epoch: cur.leader_epoch + i32::from(leader_changed),
            partition_epoch: cur.partition_epoch + 1,
            recovering,
        };
        Some(Changed {
            registration,
            leader_changed,
            unclean,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(replicas: &[i32], isr: &[i32], leader: Option<i32>) -> Registration {
        Registration {
            replicas: replicas.to_vec(),
            isr: isr.to_vec(),
            elr: vec![],
            last_known_elr: vec![],
            leader,
            leader_epoch: 0,
            partition_epoch: 0,
            recovering: false,
        }
    }

    fn change(
        cur: &Registration,
        isr: &[i32],
        election: Election,
        min_isr: usize,
        alive: &dyn Fn(i32) -> bool,
    ) -> Option<Changed> {
        PartitionChange {
            current: cur,
            target_isr: isr.to_vec(),
            election,
            unclean_shutdown: None,
            min_isr,
            acceptable: alive,
            recovered: false,
        }
        .build()
    }

    // PartitionChangeBuilderTest#testElectLeader: the first ISR member in replica order.
    #[test]
    fn a_fenced_leader_is_replaced_by_the_next_isr_member_in_replica_order() {
        let cur = reg(&[1, 2, 3], &[1, 2, 3], Some(1));
        let c = change(&cur, &[2, 3], Election::Online, 1, &|r| r != 1).unwrap();
        assert_eq!(c.registration.leader, Some(2));
        assert_eq!(c.registration.leader_epoch, 1);
        assert_eq!(c.registration.isr, vec![2, 3]);
        assert!(!c.unclean);
    }

    #[test]
    fn an_isr_shrink_below_min_isr_moves_members_to_the_elr() {
        let cur = reg(&[1, 2, 3], &[1, 2, 3], Some(1));
        let c = change(&cur, &[1], Election::Online, 2, &|_| true).unwrap();
        assert_eq!(c.registration.isr, vec![1]);
        assert_eq!(c.registration.elr, vec![2, 3]);
        assert_eq!(c.registration.leader_epoch, 0, "no leader change");
        assert_eq!(c.registration.partition_epoch, 1);
    }

    #[test]
    fn the_last_isr_member_fenced_leaves_no_leader_and_remembers_it() {
        let mut cur = reg(&[1, 2, 3], &[1], Some(1));
        cur.elr = vec![2, 3];
        let c = change(&cur, &[], Election::Online, 2, &|r| r == 2).unwrap();
        // ISR empty: the ELR qualifies, in replica order; broker 2 is alive.
        assert_eq!(c.registration.leader, Some(2));
        assert_eq!(c.registration.isr, vec![2]);
        assert_eq!(c.registration.elr, vec![1, 3]);
        let none = change(&cur, &[], Election::Online, 2, &|_| false).unwrap();
        assert_eq!(none.registration.leader, None);
        assert_eq!(none.registration.last_known_elr, vec![1]);
        assert_eq!(none.registration.elr, vec![1, 2, 3]);
    }

    #[test]
    fn an_unclean_election_takes_a_live_replica_outside_the_isr_and_clears_the_elr() {
        let cur = reg(&[1, 2, 3], &[1], Some(1));
        let clean = change(&cur, &[], Election::Online, 1, &|r| r == 3).unwrap();
        assert_eq!(clean.registration.leader, None);
        let c = change(&cur, &[], Election::Unclean, 1, &|r| r == 3).unwrap();
        assert_eq!(c.registration.leader, Some(3));
        assert_eq!(c.registration.isr, vec![3]);
        assert!(c.unclean && c.registration.recovering);
        assert!(c.registration.elr.is_empty());
        // The new leader's first AlterPartition (an ISR expansion) says RECOVERED.
        let expanded = PartitionChange {
            current: &c.registration,
            target_isr: vec![3, 1],
            election: Election::Online,
            unclean_shutdown: None,
            min_isr: 1,
            acceptable: &|_| true,
            recovered: true,
        }
        .build()
        .unwrap();
        assert_eq!(expanded.registration.isr, vec![3, 1]);
        assert!(!expanded.registration.recovering);
        assert_eq!(
            expanded.registration.leader_epoch,
            c.registration.leader_epoch
        );
    }

    #[test]
    fn preferred_election_moves_leadership_back_to_the_first_replica() {
        let cur = reg(&[1, 2, 3], &[2, 3, 1], Some(2));
        let c = change(&cur, &[2, 3, 1], Election::Preferred, 1, &|_| true).unwrap();
        assert_eq!(c.registration.leader, Some(1));
        assert!(change(&cur, &[2, 3, 1], Election::Online, 1, &|_| true).is_none());
    }
}
