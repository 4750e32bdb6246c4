//! The network between brokers: requests and responses in flight, delivered on the
//! engine's clock. Clients reach every running broker at once (their requests are
//! answered inside the command that sends them, and a produce's `fault=` drops the
//! request or its answer there: `producer/delivery.rs`); broker-to-broker messages (a follower's
//! Fetch, the leader's answer) take [`LATENCY_MS`] each way, and a message whose link is
//! cut (a node killed, stopped or isolated) is dropped.

use std::sync::Arc;

use crate::broker::BrokerId;
use crate::record::Record;

/// One way between two brokers, in ms. Real links take well under a millisecond; one
/// tick of the engine's clock is the smallest step a learner can watch.
pub const LATENCY_MS: i64 = 1;

/// A follower's Fetch request (`FetchRequest`, replica id set: KIP-392's follower fetch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetch {
    /// The partition's topic.
    pub topic: Arc<str>,
    /// The partition.
    pub partition: u32,
    /// The follower's log end: the first offset it wants.
    pub fetch_offset: i64,
    /// The epoch of its last record (KIP-320), `None` for an empty log.
    pub last_fetched_epoch: Option<i32>,
    /// The leader epoch it believes current (`currentLeaderEpoch`).
    pub leader_epoch: i32,
}

/// The leader's answer to one follower fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Records from the fetch offset on, each with its leader epoch, and the leader's
    /// high watermark.
    Records {
        /// `(epoch, record)` in offset order.
        records: Vec<(i32, Record)>,
        /// The leader's high watermark when it answered.
        high_watermark: i64,
        /// The leader's log start offset (the fetch response's `logStartOffset`).
        log_start_offset: i64,
    },
    /// The follower's log diverges from the leader's (KIP-320's `divergingEpoch`): the
    /// leader's end offset for the largest epoch at most the follower's last one.
    Diverging {
        /// That epoch (`None`: the leader has no such epoch).
        epoch: Option<i32>,
        /// Where the leader's log for it ends.
        end_offset: i64,
    },
    /// NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH: the follower backs off.
    Refused,
}

/// What travels between brokers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A follower asks its leader for records.
    Fetch(Fetch),
    /// The leader answers a fetch of `topic`-`partition`.
    FetchReply {
        /// The partition's topic.
        topic: Arc<str>,
        /// The partition.
        partition: u32,
        /// The leader epoch the fetch was made in.
        leader_epoch: i32,
        /// The answer.
        reply: Reply,
    },
}

/// A message on its way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
    /// When it arrives.
    pub at: i64,
    /// Sender.
    pub from: BrokerId,
    /// Receiver.
    pub to: BrokerId,
    /// What it carries.
    pub message: Message,
}

/// The messages in flight, in the order they were sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    in_flight: Vec<InFlight>,
}

impl Network {
    /// Sends `message` from `from` to `to` at `now`.
    pub(crate) fn send(&mut self, now: i64, from: BrokerId, to: BrokerId, message: Message) {
        self.in_flight.push(InFlight {
            at: now + LATENCY_MS,
            from,
            to,
            message,
        });
    }

    /// Every message due at or before `now`, oldest first, removed from the network.
    pub(crate) fn due(&mut self, now: i64) -> Vec<InFlight> {
        if !self.in_flight.iter().any(|m| m.at <= now) {
            return Vec::new();
        }
        let (due, rest): (Vec<_>, Vec<_>) = self.in_flight.drain(..).partition(|m| m.at <= now);
        self.in_flight = rest;
        due
    }

    /// Drops every message to or from `broker` (its links were cut); returns them.
    pub(crate) fn cut(&mut self, broker: BrokerId) -> Vec<InFlight> {
        let (cut, rest): (Vec<_>, Vec<_>) = self
            .in_flight
            .drain(..)
            .partition(|m| m.from == broker || m.to == broker);
        self.in_flight = rest;
        cut
    }

    /// When the next message arrives.
    pub fn next_arrival(&self) -> Option<i64> {
        self.in_flight.iter().map(|m| m.at).min()
    }

    /// The messages in flight.
    pub fn in_flight(&self) -> &[InFlight] {
        &self.in_flight
    }

    /// True when nothing is in flight.
    pub fn is_idle(&self) -> bool {
        self.in_flight.is_empty()
    }
}
