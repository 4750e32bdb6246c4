//! Lesson 1.5's outcome table and the application databases: every number comes from the
//! engine (`kafka_sim::scenario` runs the scripts, `Cluster::ledger` tallies them).

use std::sync::Arc;

use kafka_sim::app::Ledger;
use kafka_sim::scenario::{script, CommitStrategy, CrashPoint};
use kafka_sim::Cluster;

/// One strategy's row in the outcome table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRow {
    /// Strategy name.
    pub strategy: &'static str,
    /// Its ledger.
    pub ledger: Ledger,
    /// The account's balance in the application's database, where it keeps one.
    pub balance: Option<i64>,
}

/// Runs every strategy with `crash` (the scripts are a few dozen commands each).
pub fn outcomes(crash: CrashPoint) -> Result<Vec<OutcomeRow>, String> {
    CommitStrategy::ALL
        .into_iter()
        .map(|s| {
            let mut c = Cluster::default();
            c.apply_script(&script(s, crash))
                .map_err(|(line, e)| format!("line {line}: {e}"))?;
            Ok(OutcomeRow {
                strategy: s.name(),
                ledger: c.ledger(s.name()),
                balance: c
                    .app(s.name())
                    .and_then(|a| a.rows.get("acct-1"))
                    .map(|r| r.balance),
            })
        })
        .collect()
}

/// One row of an application database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbRow {
    /// The application (group id).
    pub group: Arc<str>,
    /// Row key.
    pub key: Arc<str>,
    /// Balance.
    pub balance: i64,
    /// Status, if set.
    pub status: Option<Arc<str>>,
    /// Effects applied to the database in all (repeats included).
    pub applied: u32,
    /// Repeats the unique constraint turned away.
    pub prevented: u32,
}

/// Every application's rows, by group then key.
pub fn database(cluster: &Cluster) -> Vec<DbRow> {
    cluster
        .groups()
        .filter_map(|g| cluster.app(&g.id).map(|a| (g.id.clone(), a)))
        .flat_map(|(group, a)| {
            let applied = a.applied.values().sum();
            a.rows.iter().map(move |(key, r)| DbRow {
                group: group.clone(),
                key: key.clone(),
                balance: r.balance,
                status: r.status.clone(),
                applied,
                prevented: a.duplicates_prevented,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crash_after_processing_duplicates_three_payments_unless_something_stops_it() {
        let rows = outcomes(CrashPoint::AfterProcessing).unwrap();
        let by = |name: &str| rows.iter().find(|r| r.strategy == name).unwrap().clone();
        assert_eq!(by("commit-after").ledger.processed_more_than_once, 3);
        assert_eq!(by("commit-after").balance, Some(900));
        assert_eq!(by("idempotent-consumer").balance, Some(600));
        assert_eq!(by("transactional").ledger.processed_once, 6);
        assert_eq!(
            by("transactional").balance,
            None,
            "its results are a topic, not rows"
        );
        assert_eq!(rows.len(), CommitStrategy::ALL.len());
    }
}
