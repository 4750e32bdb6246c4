//! The application behind a consumer group: what handling a record does to its database,
//! and the outcome ledger of a run (records produced, processed once, processed more than
//! once, never processed). Not Kafka: the part of the system that delivery semantics are
//! about. A record's value says what processing it does, in the core-concepts seed's
//! terms: `balance+=100` is not idempotent, `status=active` is; any other value changes
//! nothing but still counts as processed.

use crate::collections::{VecMap, VecSet};
use crate::error_handler::{ErrorHandlerConfig, Failure};
use std::sync::Arc;

/// A record's place: topic, partition, offset. Also the idempotency key the database
/// can hold under a unique constraint.
pub type RecordId = (Arc<str>, u32, i64);

/// The header a consume-transform-produce application puts on each result: the
/// source record's `topic-partition-offset`.
pub const SOURCE_HEADER: &str = "source";

/// The header an application uses as a record's idempotency key, when it has one (the
/// payment id); otherwise the key is the record's `topic-partition-offset`, which only
/// catches redeliveries, not a producer's duplicate.
pub const ID_HEADER: &str = "payment";

/// What processing one record does to the row of its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// `balance+=N` or `balance-=N`: applied twice, counted twice.
    AddToBalance(i64),
    /// `status=X`: applied twice, same result.
    SetStatus(Arc<str>),
    /// Anything else: read and logged, nothing stored.
    Nothing,
}

impl Effect {
    /// The effect a record value asks for, or why the handler cannot read it: a balance
    /// whose amount is not a number is `Long.parseLong`'s `NumberFormatException`.
    pub fn of(value: Option<&str>) -> Result<Self, Failure> {
        let Some(v) = value else {
            return Ok(Self::Nothing);
        };
        for (prefix, sign) in [("balance+=", 1), ("balance-=", -1)] {
            if let Some(n) = v.strip_prefix(prefix) {
                return n
                    .parse::<i64>()
                    .map(|n| Self::AddToBalance(n.wrapping_mul(sign)))
                    .map_err(|_| Failure::unparsable_number(n));
            }
        }
        Ok(match v.strip_prefix("status=") {
            Some(s) if !s.is_empty() => Self::SetStatus(Arc::from(s)),
            _ => Self::Nothing,
        })
    }
}

/// The application's database: up, or down until an instant or until started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub enum Database {
    /// Writes succeed.
    #[default]
    Up,
    /// Writes fail with a retriable error until `until_ms` (or until `start-database`).
    Down {
        /// When it comes back by itself.
        until_ms: Option<i64>,
    },
}

impl Database {
    /// Whether a write at `now_ms` succeeds.
    pub fn available(self, now_ms: i64) -> bool {
        match self {
            Self::Up => true,
            Self::Down { until_ms } => until_ms.is_some_and(|t| now_ms >= t),
        }
    }
}

/// One row of the application's table, keyed by record key.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    /// Sum of `balance` effects.
    pub balance: i64,
    /// Last `status` set.
    pub status: Option<Arc<str>>,
}

/// The database of one application (one consumer group).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppState {
    /// The table, by record key (`null` for keyless records).
    pub rows: VecMap<Arc<str>, Row>,
    /// How many times each record's effect was applied.
    pub applied: VecMap<RecordId, u32>,
    /// Idempotency keys stored under the unique constraint.
    pub unique_keys: VecSet<Arc<str>>,
    /// Repeats the unique constraint turned away.
    pub duplicates_prevented: u32,
    /// The topic its results go to, when it consumes, transforms and produces.
    pub output: Option<Arc<str>>,
    /// Its database: up or down.
    pub database: Database,
    /// What it does when handling a record fails (`set-app`).
    pub errors: ErrorHandlerConfig,
    /// The dead letter queue's own producer (Connect's `connector-dlq-producer-`: acks=all,
    /// not idempotent, one request in flight), made at its first write.
    pub dlq_producer: Option<crate::producer::ProducerState>,
    /// Records it wrote to its dead letter queue.
    pub dead_lettered: VecSet<RecordId>,
}

impl AppState {
    /// Handles one record whose value asked for `effect`. With an idempotency key
    /// (`unique_key`), a record whose key is already stored is turned away (the insert
    /// fails and the database transaction, effect included, rolls back): `false`.
    pub fn handle(
        &mut self,
        id: RecordId,
        key: Option<&Arc<str>>,
        effect: Effect,
        unique_key: Option<Arc<str>>,
    ) -> bool {
        if let Some(k) = unique_key {
            if !self.unique_keys.insert(k) {
                self.duplicates_prevented += 1;
                return false;
            }
        }
        let row = self
            .rows
            .entry(key.cloned().unwrap_or_else(|| Arc::from("null")))
            .or_default();
        match effect {
            // A Java long wraps rather than fail.
            Effect::AddToBalance(n) => row.balance = row.balance.wrapping_add(n),
            Effect::SetStatus(s) => row.status = Some(s),
            Effect::Nothing => {}
        }
        *self.applied.entry(id).or_insert(0) += 1;
        true
    }
}

/// The outcome of a run for one application, computed over every record of the topics
/// its consumers subscribe to.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Ledger {
    /// Records in the topics.
    pub produced: u32,
    /// Records whose effect was applied exactly once.
    pub processed_once: u32,
    /// Records whose effect was applied two or more times.
    pub processed_more_than_once: u32,
    /// Records never applied.
    pub never_processed: u32,
    /// Repeats turned away by the unique constraint.
    pub duplicates_prevented: u32,
    /// Records never applied whose copy waits in the dead letter queue (left out of
    /// the JSON when none, so the delivery scenarios answer as they always did).
    #[serde(skip_serializing_if = "is_zero")]
    pub dead_lettered: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Ledger {
    /// Tallies `app` over `records`.
    pub fn of<'a>(app: Option<&AppState>, records: impl Iterator<Item = &'a RecordId>) -> Self {
        let empty = VecMap::new();
        Self::tally(
            app.map_or(&empty, |a| &a.applied),
            app.map_or(0, |a| a.duplicates_prevented),
            records,
        )
    }

    /// Tallies how often each record was applied (`applied`) over `records`.
    pub fn tally<'a>(
        applied: &VecMap<RecordId, u32>,
        duplicates_prevented: u32,
        records: impl Iterator<Item = &'a RecordId>,
    ) -> Self {
        let mut l = Ledger {
            duplicates_prevented,
            ..Ledger::default()
        };
        for id in records {
            l.produced += 1;
            match applied.get(id).copied().unwrap_or(0) {
                0 => l.never_processed += 1,
                1 => l.processed_once += 1,
                _ => l.processed_more_than_once += 1,
            }
        }
        l
    }
}

// -- the application's side of the engine: its ledger (`handler.rs` handles records) --

mod handler;

pub(crate) use handler::dlq_not_consumed;

use crate::cluster::Cluster;

impl Cluster {
    /// The application of `group`: its database table and what it applied.
    pub fn app(&self, group: &str) -> Option<&AppState> {
        self.apps.get(group)
    }

    /// Every application, by group id.
    pub fn apps(&self) -> impl Iterator<Item = (&Arc<str>, &AppState)> {
        self.apps.iter()
    }

    /// The outcome ledger of `group`'s application over every record of the topics its
    /// consumers subscribed to.
    pub fn ledger(&self, group: &str) -> Ledger {
        let mut topics: VecSet<Arc<str>> = VecSet::new();
        for c in self.consumers.values() {
            if c.config.group_id == group {
                topics.extend(c.subscription.iter().cloned());
            }
        }
        let ids: Vec<RecordId> = topics
            .iter()
            .filter_map(|t| self.topics.get(t))
            .flat_map(|t| {
                t.partitions.iter().flat_map(move |p| {
                    p.log()
                        .records()
                        .iter()
                        .filter(|r| !r.producer.is_empty_batch())
                        .map(move |r| (t.name.clone(), p.id, r))
                })
            })
            // A replayed copy is its original, not a record of its own.
            .filter(|(t, p, r)| self.origin_of(t, *p, r) == (t.clone(), *p, r.offset))
            .map(|(t, p, r)| (t, p, r.offset))
            .collect();
        let app = self.apps.get(group);
        match app.and_then(|a| a.output.clone()) {
            // Results in a topic count as a read_committed reader downstream sees them.
            Some(output) => {
                let applied = self.committed_results(&output);
                Ledger::tally(&applied, 0, ids.iter())
            }
            None => {
                let mut l = Ledger::of(app, ids.iter());
                if let Some(a) = app {
                    l.dead_lettered = ids
                        .iter()
                        .filter(|id| a.dead_lettered.contains(*id) && !a.applied.contains_key(*id))
                        .count() as u32;
                }
                l
            }
        }
    }

    /// How many results per source record a read_committed reader of `topic` sees:
    /// no markers, no aborted transactions, nothing above the last stable offset.
    fn committed_results(&self, topic: &str) -> VecMap<RecordId, u32> {
        let mut applied = VecMap::new();
        let Some(t) = self.topics.get(topic) else {
            return applied;
        };
        for p in &t.partitions {
            let lso = p.log().last_stable_offset();
            for r in p.log().records().iter().take_while(|r| r.offset < lso) {
                if !r.producer.is_data()
                    || (r.producer.is_transactional()
                        && p.log().is_aborted(r.producer.id, r.offset))
                {
                    continue;
                }
                let source = r
                    .headers
                    .iter()
                    .find(|(k, _)| &**k == SOURCE_HEADER)
                    .and_then(|(_, v)| handler::parse_record_id(v));
                if let Some(id) = source {
                    *applied.entry(id).or_insert(0) += 1;
                }
            }
        }
        applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_say_what_processing_does() {
        assert_eq!(
            Effect::of(Some("balance+=100")),
            Ok(Effect::AddToBalance(100))
        );
        assert_eq!(
            Effect::of(Some("balance-=30")),
            Ok(Effect::AddToBalance(-30))
        );
        assert_eq!(
            Effect::of(Some("status=active")),
            Ok(Effect::SetStatus(Arc::from("active")))
        );
        assert_eq!(Effect::of(Some("login")), Ok(Effect::Nothing));
        assert_eq!(Effect::of(None), Ok(Effect::Nothing));
        // Long.parseLong("ten"): a record the handler can never read.
        let poison = Effect::of(Some("balance+=ten")).unwrap_err();
        assert_eq!(
            poison.text(),
            "java.lang.NumberFormatException: For input string: \"ten\""
        );
        assert!(!poison.retriable);
    }

    #[test]
    fn a_repeat_doubles_a_balance_but_not_a_status_and_a_unique_key_stops_it() {
        let id = |o| (Arc::from("t"), 0, o);
        let k = Arc::from("user-1");
        let mut app = AppState::default();
        assert!(app.handle(id(0), Some(&k), Effect::AddToBalance(100), None));
        assert!(app.handle(id(0), Some(&k), Effect::AddToBalance(100), None));
        assert!(app.handle(
            id(1),
            Some(&k),
            Effect::SetStatus(Arc::from("active")),
            None
        ));
        assert!(app.handle(
            id(1),
            Some(&k),
            Effect::SetStatus(Arc::from("active")),
            None
        ));
        assert_eq!(
            app.rows[&k],
            Row {
                balance: 200,
                status: Some(Arc::from("active"))
            }
        );
        let mut safe = AppState::default();
        let p1 = || Some(Arc::from("p1"));
        assert!(safe.handle(id(0), Some(&k), Effect::AddToBalance(100), p1()));
        assert!(!safe.handle(id(0), Some(&k), Effect::AddToBalance(100), p1()));
        assert_eq!(safe.rows[&k].balance, 100);
        let all = [id(0), id(1), id(2)];
        assert_eq!(
            Ledger::of(Some(&app), all.iter()),
            Ledger {
                produced: 3,
                processed_once: 0,
                processed_more_than_once: 2,
                never_processed: 1,
                duplicates_prevented: 0,
                dead_lettered: 0,
            }
        );
        assert_eq!(Ledger::of(Some(&safe), all.iter()).duplicates_prevented, 1);
    }
}
