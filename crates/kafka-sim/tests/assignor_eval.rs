//! The `assign` op of `kafka-sim eval`.

use kafka_sim::eval::eval_line;

#[test]
fn assign_op_answers_the_brief_example() {
    assert_eq!(
        eval_line(
            r#"{"op":"assign","strategy":"range","members":{"c1":["topicA"],"c2":["topicA","topicB"]},"partitions":{"topicA":3,"topicB":2}}"#
        ),
        r#"{"assignment":{"c1":{"topicA":[0,1]},"c2":{"topicA":[2],"topicB":[0,1]}}}"#
    );
}

#[test]
fn assign_op_shows_members_without_partitions_as_empty_objects() {
    assert_eq!(
        eval_line(
            r#"{"op":"assign","strategy":"roundrobin","members":{"a":["t"],"b":["t"],"c":["nope"]},"partitions":{"t":1}}"#
        ),
        r#"{"assignment":{"a":{"t":[0]},"b":{},"c":{}}}"#
    );
}

#[test]
fn assign_op_takes_full_subscriptions() {
    // CooperativeStickyAssignorTest-style round: c1 owns all three, c2 joins; topic-2 is
    // withheld until c1 has revoked it.
    let line = r#"{"op":"assign","strategy":"cooperative-sticky","members":{"c1":{"topics":["topic"],"owned":{"topic":[0,1,2]},"generation":1},"c2":{"topics":["topic"],"generation":1}},"partitions":{"topic":3}}"#;
    assert_eq!(
        eval_line(line),
        r#"{"assignment":{"c1":{"topic":[0,1]},"c2":{}}}"#
    );
    let line = line.replace("cooperative-sticky", "sticky");
    assert_eq!(
        eval_line(&line),
        r#"{"assignment":{"c1":{"topic":[0,1]},"c2":{"topic":[2]}}}"#
    );
    // Static members sort by group.instance.id before dynamic ones.
    assert_eq!(
        eval_line(
            r#"{"op":"assign","strategy":"range","members":{"a":["t"],"b":{"topics":["t"],"group_instance_id":"i1"}},"partitions":{"t":3}}"#
        ),
        r#"{"assignment":{"a":{"t":[2]},"b":{"t":[0,1]}}}"#
    );
}

#[test]
fn assign_op_errors_never_panic() {
    for line in [
        r#"{"op":"assign"}"#,
        r#"{"op":"assign","strategy":"range"}"#,
        r#"{"op":"assign","strategy":"range","members":{}}"#,
        r#"{"op":"assign","strategy":"fair","members":{},"partitions":{}}"#,
        r#"{"op":"assign","strategy":7,"members":{},"partitions":{}}"#,
        r#"{"op":"assign","strategy":"range","members":[],"partitions":{}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":["t"]},"partitions":{"t":-1}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":["t"]},"partitions":{"t":2.5}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":["t"]},"partitions":{"t":10001}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":["t"]},"partitions":{"t":1e30}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":["t"]},"partitions":[3]}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":["t","t"]},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":[""]},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":[5]},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":"t"},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":{"topic":["t"]}},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"sticky","members":{"a":{"topics":["t"],"owned":{"t":[3]}}},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"sticky","members":{"a":{"topics":["t"],"owned":{"t":[0,0]}}},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"sticky","members":{"a":{"topics":["t"],"owned":{"t":[-1]}}},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"sticky","members":{"a":{"topics":["t"],"owned":{"t":0}}},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"sticky","members":{"a":{"topics":["t"],"generation":"x"}},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"sticky","members":{"a":{"topics":["t"],"generation":-2}},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"sticky","members":{"a":{"topics":["t"],"generation":4294967296}},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":{"topics":["t"],"group_instance_id":1}},"partitions":{"t":3}}"#,
        r#"{"op":"assign","strategy":"range","members":{"a":{"topics":["t"],"group_instance_id":"i"},"b":{"topics":["t"],"group_instance_id":"i"}},"partitions":{"t":3}}"#,
    ] {
        let answer = eval_line(line);
        assert!(answer.starts_with(r#"{"error":"#), "{line} → {answer}");
    }
}

#[test]
fn assign_op_caps_members() {
    let members: Vec<String> = (0..1001).map(|i| format!(r#""m{i}":["t"]"#)).collect();
    let line = format!(
        r#"{{"op":"assign","strategy":"range","members":{{{}}},"partitions":{{"t":3}}}}"#,
        members.join(",")
    );
    assert!(eval_line(&line).starts_with(r#"{"error":"#));
}

#[test]
fn assign_op_handles_the_largest_groups() {
    // 1000 members, 10000 partitions, mixed subscriptions (the sticky general path).
    let members: Vec<String> = (0..1000)
        .map(|i| {
            if i % 3 == 0 {
                format!(r#""m{i:04}":["a"]"#)
            } else {
                format!(r#""m{i:04}":["a","b"]"#)
            }
        })
        .collect();
    for strategy in ["range", "roundrobin", "sticky", "cooperative-sticky"] {
        let line = format!(
            r#"{{"op":"assign","strategy":"{strategy}","members":{{{}}},"partitions":{{"a":10000,"b":10000}}}}"#,
            members.join(",")
        );
        assert!(
            eval_line(&line).starts_with(r#"{"assignment":"#),
            "{strategy}"
        );
    }
}
