//! Compaction on a running cluster: the cleaner thread's schedule, what a consumer reads
//! from a compacted log, tombstones, and the broker's refusal of keyless records. The
//! rules are `log_cleaner.rs`, each with its Kafka source.

use kafka_sim::{Cluster, Event};

fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
    c.apply_script(script)
        .unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

fn kept(c: &Cluster) -> Vec<String> {
    c.topic("t").unwrap().partitions[0]
        .log()
        .records()
        .iter()
        .filter(|r| r.producer.is_data())
        .map(|r| {
            format!(
                "{}={}@{}",
                r.key.as_deref().unwrap_or("-"),
                r.value.as_deref().unwrap_or("null"),
                r.offset
            )
        })
        .collect()
}

/// A compacted topic whose segments roll after a second, and six values of three keys
/// 1.1 s apart, all before the cleaner's first look with something to clean (15 s).
fn compacted(extra: &str) -> Cluster {
    let mut c = Cluster::default();
    run(
        &mut c,
        &format!(
            "create-topic t partitions=1 cleanup.policy=compact segment.ms=1000 {extra}\n\
             produce t key=a value=1\ntick 1100\nproduce t key=b value=1\ntick 1100\n\
             produce t key=a value=2\ntick 1100\nproduce t key=c value=1\ntick 1100\n\
             produce t key=b value=2\ntick 1100\nproduce t key=a value=3"
        ),
    );
    c
}

// CleanerThread#doWork: the cleaner looks every log.cleaner.backoff.ms (15 s) and cleans
// the log once its dirty ratio passes min.cleanable.dirty.ratio (0.5).
#[test]
fn the_cleaner_keeps_the_latest_value_per_key_below_the_active_segment() {
    let mut c = compacted("");
    // Six segments of one record each: the active one (a=3@5) is never cleaned.
    assert_eq!(
        c.topic("t").unwrap().partitions[0].log().segments().len(),
        6
    );
    let events = run(&mut c, "tick 15s");
    let cleaned: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::LogCleaned {
                from,
                to,
                removed,
                segments_before,
                segments_after,
                ..
            } => Some((*from, *to, *removed, *segments_before, *segments_after)),
            _ => None,
        })
        .collect();
    // Offsets 0-4 were dirty: a=1@0 and b=1@1 are older values there. a=2@2 stays, the
    // latest a of the dirty part: a=3@5 is in the active segment, which the cleaner's
    // offset map does not read. The five cleaned segments became one.
    assert_eq!(cleaned, vec![(0, 5, 2, 6, 2)]);
    assert_eq!(kept(&c), ["a=2@2", "c=1@3", "b=2@4", "a=3@5"]);
    let log = c.topic("t").unwrap().partitions[0].log();
    assert_eq!((log.log_start_offset(), log.log_end_offset()), (0, 6));
}

// A consumer reading from the start of a compacted log gets the surviving records at
// their own offsets, and its position ends at the log end.
#[test]
fn a_consumer_reads_the_holes_as_nothing_and_keeps_the_offsets() {
    let mut c = compacted("");
    let events = run(
        &mut c,
        "tick 15s\ncreate-consumer c1 group=g auto.offset.reset=earliest\nsubscribe c1 topics=t\npoll c1\npoll c1",
    );
    let polled: Vec<i64> = events
        .iter()
        .filter_map(|e| match e {
            Event::RecordsPolled { records, .. } => Some(records.iter().map(|r| r.2)),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(polled, vec![2, 3, 4, 5]);
}

// A tombstone (a key with a null value) removes the key's older values and is itself
// removed delete.retention.ms after the cleaning that first kept it (KIP-534).
#[test]
fn a_tombstone_goes_delete_retention_ms_after_the_first_cleaning_that_kept_it() {
    let mut c = compacted("delete.retention.ms=60000 min.cleanable.dirty.ratio=0.01");
    run(
        &mut c,
        "produce t key=a\ntick 1100\nproduce t key=d value=1",
    );
    // At the next look the tombstone a=null@6 removes a=3@5 and stays, its horizon a
    // minute away; d=1@7 is in the active segment.
    run(&mut c, "tick 15s");
    assert_eq!(kept(&c), ["c=1@3", "b=2@4", "a=null@6", "d=1@7"]);
    // A minute later, and new records to dirty the log again: the tombstone goes.
    run(
        &mut c,
        "tick 61s\nproduce t key=e value=1\ntick 1100\nproduce t key=f value=1\ntick 15s",
    );
    assert_eq!(kept(&c), ["c=1@3", "b=2@4", "d=1@7", "e=1@8", "f=1@9"]);
}

// LogValidator#validateKey: INVALID_RECORD for a keyless record, in the broker's words.
#[test]
fn a_compacted_topic_refuses_a_record_without_a_key() {
    let mut c = Cluster::default();
    run(&mut c, "create-topic t partitions=1 cleanup.policy=compact");
    let err = c.apply(&"produce t value=1".parse().unwrap()).unwrap_err();
    assert_eq!(err.kind.name(), "InvalidRecordException");
    assert_eq!(
        err.message,
        "Compacted topic cannot accept message without key in topic partition t-0"
    );
}

// Every broker's cleaner compacts its own copy: followers end with the same records. At
// 15 s the first segment (a=1) is all dirty and kept, a key's only value; at 30 s the
// second is dirty, a ratio of one half, which 0.01 lets through.
#[test]
fn followers_compact_their_own_copies() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "start-broker id=2\nstart-broker id=3\ncreate-topic t partitions=1 replication-factor=3 cleanup.policy=compact segment.ms=10000 min.cleanable.dirty.ratio=0.01\n\
         produce t key=a value=1\ntick 11s\nproduce t key=a value=2\ntick 11s\nproduce t key=a value=3\ntick 30s",
    );
    let p = &c.topic("t").unwrap().partitions[0];
    let offsets: Vec<Vec<i64>> = p
        .copies()
        .iter()
        .map(|r| r.log().records().iter().map(|x| x.offset).collect())
        .collect();
    assert_eq!(offsets, vec![vec![1, 2]; 3]);
}
