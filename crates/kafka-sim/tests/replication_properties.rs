//! Property tests for replication (issue 12): any sequence of produces, ticks and
//! single-broker faults (kills, isolations, restarts, heals) with clean elections, on a
//! topic with replication factor 3, `min.insync.replicas=2` and acks=all.

use std::collections::BTreeMap;

use kafka_sim::partition::View;
use kafka_sim::Cluster;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Produce(u8),
    Tick(u32),
    Kill(u8),
    Stop(u8),
    Isolate(u8),
    /// Restarts or heals whichever broker is down.
    Recover,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u8..8).prop_map(Op::Produce),
        3 => prop_oneof![0u32..50, 0u32..40_000].prop_map(Op::Tick),
        1 => (1u8..4).prop_map(Op::Kill),
        1 => (1u8..4).prop_map(Op::Stop),
        1 => (1u8..4).prop_map(Op::Isolate),
        2 => Just(Op::Recover),
    ]
}

/// The script line for `op`, given which brokers are down or cut off: at most `max`
/// at a time, the oldest recovered first.
fn line(op: &Op, faulty: &mut Vec<(u8, &'static str)>, max: usize) -> Option<String> {
    Some(match op {
        Op::Produce(k) => format!("produce t key=k{k} value=v"),
        Op::Tick(ms) => format!("tick {ms}ms"),
        Op::Kill(b) | Op::Stop(b) | Op::Isolate(b)
            if faulty.len() < max && faulty.iter().all(|(f, _)| f != b) =>
        {
            let (verb, undo) = match op {
                Op::Kill(_) => ("kill-broker", "start-broker"),
                Op::Stop(_) => ("stop-broker", "start-broker"),
                _ => ("isolate-broker", "heal-broker"),
            };
            faulty.push((*b, undo));
            format!("{verb} id={b}")
        }
        Op::Recover if !faulty.is_empty() => {
            let (b, undo) = faulty.remove(0);
            format!("{undo} id={b}")
        }
        _ => return None,
    })
}

/// What the invariants remember between steps.
#[derive(Default)]
struct Seen {
    /// The largest high watermark each (broker, leader epoch) showed while leading.
    leader_hw: BTreeMap<(i32, i32), i64>,
    /// Who the controller named leader in each leader epoch.
    epoch_leader: BTreeMap<i32, Option<i32>>,
}

fn check(c: &Cluster, seen: &mut Seen, step: &str) -> Result<(), TestCaseError> {
    let p = &c.topic("t").unwrap().partitions[0];
    // Every ISR contains its leader.
    if let Some(l) = p.leader() {
        prop_assert!(
            p.isr().contains(&l),
            "{step}: leader {l} outside ISR {:?}",
            p.isr()
        );
    }
    // At most one leader per leader epoch.
    let named = *seen
        .epoch_leader
        .entry(p.leader_epoch())
        .or_insert(p.leader());
    prop_assert_eq!(
        named,
        p.leader(),
        "{}: two leaders in epoch {}",
        step,
        p.leader_epoch()
    );
    // The high watermark never goes back on a leader.
    for copy in p.copies() {
        if let View::Leader { leader_epoch, .. } = copy.view() {
            let hw = copy.log().high_watermark();
            let max = seen
                .leader_hw
                .entry((copy.broker, *leader_epoch))
                .or_insert(hw);
            prop_assert!(hw >= *max, "{step}: broker {} hw {hw} < {max}", copy.broker);
            *max = hw;
        }
    }
    // No acknowledged record is ever lost.
    prop_assert!(
        matches!(c.acknowledged_lost(), None | Some(0)),
        "{step}: lost {:?} of {}",
        c.acknowledged_lost(),
        c.acknowledged()
    );
    Ok(())
}

fn play(ops: &[Op], max_faults: usize) -> Result<(), TestCaseError> {
    let mut c = Cluster::default();
    c.apply_script("start-broker id=2\nstart-broker id=3\ncreate-topic t replication-factor=3 min.insync.replicas=2")
        .unwrap();
    let mut seen = Seen::default();
    let mut faulty = Vec::new();
    let mut script = Vec::new();
    for op in ops {
        let Some(text) = line(op, &mut faulty, max_faults) else {
            continue;
        };
        script.push(text.clone());
        // Refusals are fine (a produce may find no leader); the state must stay sound.
        let _ = c.apply(&text.parse().unwrap());
        check(&c, &mut seen, &script.join(" | "))?;
    }
    // Recover and let the cluster settle: everything acknowledged is still there.
    for (b, undo) in faulty {
        c.apply(&format!("{undo} id={b}").parse().unwrap()).unwrap();
    }
    c.apply(&"tick 10m".parse().unwrap()).unwrap();
    check(&c, &mut seen, "settled")?;
    prop_assert_eq!(c.acknowledged_lost(), Some(0), "{}", script.join(" | "));
    let p = &c.topic("t").unwrap().partitions[0];
    prop_assert_eq!(
        p.isr().len(),
        3,
        "every replica back in sync: {:?} after {}",
        p.registration(),
        script.join(" | ")
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn acks_all_with_min_isr_two_never_loses_an_acknowledged_record(ops in proptest::collection::vec(op(), 1..40)) {
        play(&ops, 1)?;
    }

    // KIP-966: with the ELR, even two brokers down at once lose nothing acknowledged.
    #[test]
    fn two_brokers_down_at_once_lose_nothing_acknowledged_either(ops in proptest::collection::vec(op(), 1..40)) {
        play(&ops, 2)?;
    }
}
