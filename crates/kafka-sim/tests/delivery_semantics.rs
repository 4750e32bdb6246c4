//! Lesson 1.5's outcome table, proved: the same six payments (`balance+=100`, three per
//! poll), each commit strategy, a crash at each point of the second batch, a replacement
//! consumer after `session.timeout.ms`, and what the application's database got.

use kafka_sim::app::Ledger;
use kafka_sim::scenario::{run, script, CommitStrategy as S, CrashPoint as C};
use kafka_sim::Cluster;

/// (produced, once, more than once, never, prevented).
fn tally(s: S, c: C) -> (u32, u32, u32, u32, u32) {
    let Ledger {
        produced,
        processed_once,
        processed_more_than_once,
        never_processed,
        duplicates_prevented,
        ..
    } = run(s, c).unwrap_or_else(|e| panic!("{} {}: {e}", s.name(), c.name()));
    (
        produced,
        processed_once,
        processed_more_than_once,
        never_processed,
        duplicates_prevented,
    )
}

#[test]
fn the_outcome_table() {
    let fine = (6, 6, 0, 0, 0);
    let expected = [
        // Auto-commit commits a batch on a later poll: a crash after processing it, or
        // in the middle, processes it again; it is at-least-once, not at-most-once.
        (
            S::AutoCommit,
            [fine, fine, (6, 5, 1, 0, 0), (6, 3, 3, 0, 0), fine],
        ),
        // Commit first: a crash between the commit and the end of processing loses what
        // was left (at-most-once); nothing is ever processed twice.
        (
            S::CommitBeforeProcessing,
            [fine, fine, (6, 4, 0, 2, 0), fine, (6, 3, 0, 3, 0)],
        ),
        // Commit after: a crash before the commit processes the uncommitted part again
        // (at-least-once); nothing is lost.
        (
            S::CommitAfterProcessing,
            [fine, fine, (6, 5, 1, 0, 0), (6, 3, 3, 0, 0), fine],
        ),
        // The same, with a unique key in the database: the repeats are turned away.
        (
            S::IdempotentConsumer,
            [fine, fine, (6, 6, 0, 0, 1), (6, 6, 0, 0, 3), fine],
        ),
        // Results and offsets in one transaction: a crash aborts both, so a
        // read_committed reader of the output sees each result once.
        (S::Transactional, [fine; 5]),
    ];
    for (s, row) in expected {
        for (c, want) in C::ALL.into_iter().zip(row) {
            assert_eq!(tally(s, c), want, "{} crashing {}", s.name(), c.name());
        }
    }
}

#[test]
fn a_duplicate_is_money_twice_and_a_loss_is_money_never() {
    let balance = |s: S, c: C| {
        let mut cluster = Cluster::default();
        cluster.apply_script(&script(s, c)).unwrap();
        cluster.app(s.name()).unwrap().rows["acct-1"].balance
    };
    assert_eq!(balance(S::CommitAfterProcessing, C::None), 600);
    assert_eq!(balance(S::CommitAfterProcessing, C::AfterProcessing), 900);
    assert_eq!(balance(S::CommitBeforeProcessing, C::AfterCommit), 300);
    assert_eq!(balance(S::IdempotentConsumer, C::AfterProcessing), 600);
}

#[test]
fn every_scenario_is_a_valid_script_that_replays_identically() {
    for s in S::ALL {
        for c in C::ALL {
            let text = script(s, c);
            let run_once = || {
                let mut cluster = Cluster::default();
                let events = cluster.apply_script(&text).unwrap();
                (events, cluster.render())
            };
            assert_eq!(run_once(), run_once(), "{} {}", s.name(), c.name());
        }
    }
}

#[test]
fn the_golden_transcript_uses_the_scenario_script() {
    // tests/testdata/delivery-commit-after-crash.txt replays this script (golden.rs).
    let golden = include_str!("testdata/delivery-commit-after-crash.txt");
    let script_part = golden
        .split("\n----\n")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    assert_eq!(
        script_part,
        script(S::CommitAfterProcessing, C::AfterProcessing)
    );
}

#[test]
fn exactly_once_is_read_committed_the_aborted_copies_are_still_in_the_log() {
    let mut cluster = Cluster::default();
    cluster
        .apply_script(&script(S::Transactional, C::AfterProcessing))
        .unwrap();
    let log = cluster.log(kafka_sim::scenario::OUTPUT_TOPIC, 0).unwrap();
    let data: Vec<_> = log
        .records()
        .iter()
        .filter(|r| !r.producer.is_control())
        .collect();
    let aborted = data
        .iter()
        .filter(|r| log.is_aborted(r.producer.id, r.offset))
        .count();
    // Batch one committed (3), batch two written then aborted by the new instance (3),
    // batch two again, committed (3).
    assert_eq!((data.len(), aborted), (9, 3));
    assert_eq!(tally(S::Transactional, C::AfterProcessing), (6, 6, 0, 0, 0));
}
