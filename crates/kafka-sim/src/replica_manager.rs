//! Each broker's replicas at work (`ReplicaManager`, `ReplicaFetcherThread`,
//! `Partition.scala`): followers fetch from their leader over the network, the leader
//! answers (or parks the fetch), tracks each follower, moves the high watermark and
//! asks the controller to shrink or expand the ISR (AlterPartition, KIP-497).

use std::sync::Arc;

use crate::broker::BrokerId;
use crate::event::Event;
use crate::network::{Fetch, InFlight, Message, Reply};
use crate::partition::{Fetcher, PendingIsr, View, REPLICA_LAG_TIME_MAX_MS};
use crate::Cluster;

/// `replica.lag.time.max.ms / 2`: how often a broker's `isr-expiration` task runs
/// (`ReplicaManager#startup`).
pub const ISR_EXPIRATION_INTERVAL_MS: i64 = REPLICA_LAG_TIME_MAX_MS / 2;

impl Cluster {
    /// True when `a` and `b` can exchange messages: both up, neither isolated.
    pub(crate) fn link_up(&self, a: BrokerId, b: BrokerId) -> bool {
        let ok = |id| self.broker(id).is_some_and(|x| x.is_up() && !x.isolated);
        ok(a) && ok(b)
    }

    /// Whether a follower on `b` may be in an ISR: its broker is neither fenced nor in
    /// controlled shutdown (KIP-841).
    pub(crate) fn eligible_for_isr(&self, b: BrokerId) -> bool {
        self.broker(b).is_some_and(|x| x.is_active())
    }

    /// Brings replication up to date at `now`: leaders answer parked fetches that have
    /// something new or whose wait ran out, and idle followers send their next fetch.
    pub(crate) fn replicate(&mut self, out: &mut Vec<Event>) {
        if !self.replicated {
            return;
        }
        let now = self.now_ms;
        let mut sends: Vec<(BrokerId, BrokerId, Message)> = Vec::new();
        let up: Vec<(BrokerId, bool)> = self.brokers.iter().map(|b| (b.id, b.is_up())).collect();
        let is_up = |id: BrokerId| up.iter().any(|(b, u)| *b == id && *u);
        for topic in self.topics.values_mut() {
            if topic
                .partitions
                .first()
                .is_none_or(|p| p.replicas().len() < 2)
            {
                continue;
            }
            let name = topic.name.clone();
            for p in &mut topic.partitions {
                let leaders: Vec<(BrokerId, i32, i64)> = p
                    .copies()
                    .iter()
                    .filter(|c| is_up(c.broker))
                    .filter_map(|c| match c.view() {
                        View::Leader { leader_epoch, .. } => {
                            Some((c.broker, *leader_epoch, c.log().log_end_offset()))
                        }
                        View::Follower { .. } => None,
                    })
                    .collect();
                for (l, epoch, end) in leaders {
                    let appended = match p.copy(l).map(|c| c.view()) {
                        Some(View::Leader { remotes, .. }) => remotes.iter().any(|r| {
                            r.parked_since.is_some() && r.log_end_offset.is_some_and(|o| o < end)
                        }),
                        _ => false,
                    };
                    for (f, reply) in p.complete_parked(l, now, appended) {
                        sends.push((
                            l,
                            f,
                            Message::FetchReply {
                                topic: name.clone(),
                                partition: p.id,
                                leader_epoch: epoch,
                                reply,
                            },
                        ));
                    }
                }
                for c in p.copies() {
                    let View::Follower {
                        leader: Some(l),
                        leader_epoch,
                    } = *c.view()
                    else {
                        continue;
                    };
                    let ready = match c.fetcher {
                        Fetcher::Idle => true,
                        Fetcher::Backoff(t) => t <= now,
                        Fetcher::Waiting(_) => false,
                    };
                    if ready && l != c.broker && is_up(c.broker) {
                        sends.push((
                            c.broker,
                            l,
                            Message::Fetch(Fetch {
                                topic: name.clone(),
                                partition: p.id,
                                fetch_offset: c.log().log_end_offset(),
                                last_fetched_epoch: c.last_fetched_epoch(),
                                leader_epoch,
                            }),
                        ));
                    }
                }
            }
        }
        for (from, to, message) in sends {
            if let Message::Fetch(f) = &message {
                if !self.link_up(from, to) {
                    continue;
                }
                if let Some(p) = self.partition_mut(&f.topic, f.partition) {
                    if let Some(c) = p.copy_mut(from) {
                        c.fetcher = Fetcher::Waiting(to);
                    }
                }
            } else if !self.link_up(from, to) {
                continue;
            }
            self.network.send(now, from, to, message);
        }
        let _ = out;
    }

    /// Delivers one message at `now`.
    pub(crate) fn deliver(&mut self, m: InFlight, out: &mut Vec<Event>) {
        if !self.link_up(m.from, m.to) {
            return;
        }
        match m.message {
            Message::Fetch(fetch) => self.leader_takes_fetch(m.to, m.from, fetch, out),
            Message::FetchReply {
                topic,
                partition,
                leader_epoch,
                reply,
            } => {
                self.follower_takes_reply(m.to, m.from, &topic, partition, leader_epoch, reply, out)
            }
        }
    }

    fn leader_takes_fetch(&mut self, l: BrokerId, f: BrokerId, fetch: Fetch, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let eligible = self.eligible_for_isr(f);
        let Some((config, p)) = self.topic_partition_mut(&fetch.topic, fetch.partition) else {
            return;
        };
        let min_isr = i64::from(config.min_insync_replicas);
        if let Some(reply) = p.check_fetch(l, f, &fetch, now) {
            self.network.send(
                now,
                l,
                f,
                Message::FetchReply {
                    topic: fetch.topic.clone(),
                    partition: fetch.partition,
                    leader_epoch: fetch.leader_epoch,
                    reply,
                },
            );
            return;
        }
        // updateFollowerFetchState: maybeExpandIsr, then maybeIncrementLeaderHW.
        let expand = eligible && p.may_join_isr(l, f);
        if p.maybe_increment_hw(l, now, min_isr, REPLICA_LAG_TIME_MAX_MS, &|b| {
            b == f && eligible
        }) {
            p.schedule_parked(l, now);
            out.push(Event::HighWatermarkMoved {
                topic: fetch.topic.clone(),
                partition: fetch.partition,
                broker: l,
                high_watermark: p.copy(l).map_or(0, |c| c.log().high_watermark()),
            });
        }
        let reply = p.reply_or_park(l, f, fetch.fetch_offset, now);
        if expand {
            let mut isr = p.leader_isr(l).map(|(i, _)| i.to_vec()).unwrap_or_default();
            isr.push(f);
            let isr = hash_set_order(isr);
            self.alter_partition(
                &fetch.topic,
                fetch.partition,
                l,
                PendingIsr::Expand(isr),
                out,
            );
        }
        if let Some(reply) = reply {
            self.network.send(
                now,
                l,
                f,
                Message::FetchReply {
                    topic: fetch.topic,
                    partition: fetch.partition,
                    leader_epoch: fetch.leader_epoch,
                    reply,
                },
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn follower_takes_reply(
        &mut self,
        f: BrokerId,
        l: BrokerId,
        topic: &Arc<str>,
        partition: u32,
        leader_epoch: i32,
        reply: Reply,
        out: &mut Vec<Event>,
    ) {
        let now = self.now_ms;
        let acked: Vec<crate::cluster::Acked> = match &reply {
            Reply::Diverging { .. } => self
                .acked
                .iter()
                .filter(|a| &a.topic == topic && a.partition == partition)
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        let Some((config, p)) = self.topic_partition_mut(topic, partition) else {
            return;
        };
        let Some(copy) = p.copy(f) else {
            return;
        };
        let current = matches!(*copy.view(), View::Follower { leader: Some(x), leader_epoch: e } if x == l && e == leader_epoch);
        if !current || copy.fetcher != Fetcher::Waiting(l) {
            return;
        }
        let before_end = copy.log().log_end_offset();
        let before_hw = copy.log().high_watermark();
        let removed_records: Vec<crate::record::Record> = match &reply {
            Reply::Diverging { .. } => copy.log().records().to_vec(),
            _ => Vec::new(),
        };
        let config = config.clone();
        if let Some((to, removed)) = p.take_reply(f, reply, &config, now) {
            let acknowledged_removed = removed_records
                .iter()
                .filter(|r| r.offset >= to && acked.iter().any(|a| a.same_record(r)))
                .count() as u32;
            out.push(Event::ReplicaTruncated {
                topic: topic.clone(),
                partition,
                broker: f,
                offset: to,
                removed: removed as u32,
                acknowledged_removed,
            });
            return;
        }
        let Some(copy) = p.copy(f) else {
            return;
        };
        let (end, hw) = (copy.log().log_end_offset(), copy.log().high_watermark());
        if end != before_end || hw != before_hw {
            out.push(Event::ReplicaFetched {
                topic: topic.clone(),
                partition,
                broker: f,
                log_end_offset: end,
                high_watermark: hw,
            });
        }
    }

    /// Leader `l` asks the controller to change the ISR. The controller answers at once
    /// when `l` reaches it; otherwise the change stays pending and the high watermark
    /// waits on the maximal ISR (KIP-497).
    pub(crate) fn alter_partition(
        &mut self,
        topic: &str,
        partition: u32,
        l: BrokerId,
        change: PendingIsr,
        out: &mut Vec<Event>,
    ) {
        let target = match &change {
            PendingIsr::Expand(isr) | PendingIsr::Shrink(isr) => isr.clone(),
        };
        let reaches = self.broker(l).is_some_and(|b| b.reaches_controller())
            && self.quorum.active().is_some();
        if let Some(p) = self.partition_mut(topic, partition) {
            p.set_pending(l, change);
        }
        if reaches {
            self.controller_alter_isr(topic, partition, target, out);
        }
    }

    /// Every broker's `isr-expiration` task due at `now` (every
    /// `replica.lag.time.max.ms / 2` since the broker started): followers that have not
    /// caught up for `replica.lag.time.max.ms` leave the ISR (`Partition#maybeShrinkIsr`).
    pub(crate) fn expire_isr(&mut self, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let due: Vec<BrokerId> = self
            .brokers
            .iter()
            .filter(|b| {
                b.is_up()
                    && now > b.started_ms
                    && (now - b.started_ms) % ISR_EXPIRATION_INTERVAL_MS == 0
            })
            .map(|b| b.id)
            .collect();
        if due.is_empty() {
            return;
        }
        let mut shrinks = Vec::new();
        for t in self.topics.values() {
            for p in &t.partitions {
                for &l in &due {
                    let gone = p.out_of_sync(l, now, &|b| self.eligible_for_isr(b));
                    if gone.is_empty() {
                        continue;
                    }
                    if let Some((isr, _)) = p.leader_isr(l) {
                        let new: Vec<BrokerId> = hash_set_order(
                            isr.iter().copied().filter(|b| !gone.contains(b)).collect(),
                        );
                        shrinks.push((t.name.clone(), p.id, l, new));
                    }
                }
            }
        }
        for (topic, partition, l, isr) in shrinks {
            self.alter_partition(&topic, partition, l, PendingIsr::Shrink(isr), out);
        }
    }

    /// When replication next needs the clock: a parked fetch's wait ends, a fetcher's
    /// backoff ends, or an `isr-expiration` run finds a follower lagging too long.
    pub(crate) fn replication_deadlines(&self, into: &mut Vec<i64>) {
        if !self.replicated {
            return;
        }
        if let Some(t) = self.network.next_arrival() {
            into.push(t);
        }
        for t in self.topics.values() {
            for p in &t.partitions {
                if p.replicas().len() < 2 {
                    break;
                }
                for c in p.copies() {
                    let Some(b) = self.broker(c.broker).filter(|b| b.is_up()) else {
                        continue;
                    };
                    if let Fetcher::Backoff(t) = c.fetcher {
                        into.push(t);
                    }
                    if let View::Leader { remotes, .. } = c.view() {
                        into.extend(remotes.iter().filter_map(|r| r.parked_until));
                        if let Some(d) = p.lag_deadline(c.broker) {
                            let runs = (d - b.started_ms + ISR_EXPIRATION_INTERVAL_MS - 1)
                                / ISR_EXPIRATION_INTERVAL_MS;
                            into.push(b.started_ms + runs.max(1) * ISR_EXPIRATION_INTERVAL_MS);
                        }
                    }
                }
            }
        }
    }
}

/// The order of the ISR a leader proposes in AlterPartition. Kafka 4.4's
/// `Partition#prepareIsrExpand` and `#prepareIsrShrink` take the committed ISR (a
/// `java.util.Set`), map it into a Scala `mutable.HashSet`, add or remove the follower and
/// send `toList` (found with javap on kafka_2.13-4.4.0.jar; a real cluster shows `Isr:
/// 1,2,3` after broker 1 rejoins `Isr: 2,3`). A hash set of `Int`s iterates by bucket,
/// `(h ^ h >>> 16) & (n - 1)` in a table of 16 grown past 3/4 full: ascending for ids below
/// the table size, then insertion order.
fn hash_set_order(ids: Vec<BrokerId>) -> Vec<BrokerId> {
    let mut n = 16usize;
    while ids.len() > n * 3 / 4 {
        n *= 2;
    }
    let mut keyed: Vec<(usize, usize, BrokerId)> = ids
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            let h = id as u32;
            (((h ^ (h >> 16)) as usize) & (n - 1), i, id)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, id)| id).collect()
}
