//! `kafka-consumer-groups.sh` (`tools/.../consumer/group/ConsumerGroupCommand.java`):
//! `--list`, `--describe` (offsets, `--members`, `--state`) and `--delete`, on the engine's
//! group coordinator. A failure after the options are checked prints `\nError: ...` on
//! standard output and still exits 0, as the tool's `run()` does.

use super::jopt::{self, opt, Spec};
use super::Output;
use crate::group::GroupState;
use crate::Cluster;

/// jopt's help table for ConsumerGroupCommand, as Kafka 4.4 prints it.
const HELP: &str = include_str!("consumer_groups_help.txt");
const USAGE: &str =
    "This tool helps to list, describe, delete and manage the offsets of consumer groups.";

pub(super) const SPECS: &[Spec] = &[
    opt("all-groups", false),
    opt("all-topics", false),
    opt("bootstrap-server", true),
    opt("by-duration", true),
    opt("command-config", true),
    opt("delete", false),
    opt("delete-offsets", false),
    opt("describe", false),
    opt("dry-run", false),
    opt("execute", false),
    opt("export", false),
    opt("from-file", true),
    opt("group", true),
    opt("help", false),
    opt("list", false),
    opt("members", false),
    opt("offsets", false),
    opt("reset-offsets", false),
    opt("shift-by", true),
    opt("state", false),
    opt("timeout", true),
    opt("to-current", false),
    opt("to-datetime", true),
    opt("to-earliest", false),
    opt("to-latest", false),
    opt("to-offset", true),
    opt("topic", true),
    opt("type", false),
    opt("validate-regex", true),
    opt("verbose", false),
    opt("version", false),
];

const ACTIONS: &[&str] = &[
    "list",
    "describe",
    "delete",
    "reset-offsets",
    "delete-offsets",
    "validate-regex",
];

/// `GroupState`'s names as the tools print them.
fn state_name(s: GroupState) -> &'static str {
    match s {
        GroupState::Empty => "Empty",
        GroupState::PreparingRebalance => "PreparingRebalance",
        GroupState::CompletingRebalance => "CompletingRebalance",
        GroupState::Stable => "Stable",
        #[allow(unreachable_patterns)]
        _ => "Unknown",
    }
}

/// `printError`: a blank line and `Error: ` on standard output; the exit code stays 0.
fn error(out: &mut Output, message: &str) {
    out.stdout.push_str(&format!("\nError: {message}\n"));
}

/// Left-justifies `s` in `w` columns (`%-ws`).
fn pad(s: &str, w: usize) -> String {
    format!("{s:<w$}")
}

/// Runs `kafka-consumer-groups.sh ARGS`.
pub(super) fn run(cluster: &mut Cluster, args: &[String]) -> Output {
    let o = match jopt::parse(SPECS, args) {
        Ok(o) => o,
        Err(e) => return Output::usage(&e.message, HELP),
    };
    if let Some(out) = super::help_or_version(args, &o, USAGE, HELP) {
        return out;
    }
    // ConsumerGroupCommandOptions#checkArgs: the describe and delete checks come before
    // the count of actions (a real `--list --describe` gets the describe message).
    let groups: Vec<String> = o.values("group").iter().map(|g| g.to_string()).collect();
    for action in ["describe", "delete"] {
        if o.has(action) && groups.is_empty() && !o.has("all-groups") {
            return Output::usage(
                &format!("Option [{action}] takes one of these options: [group], [all-groups]"),
                HELP,
            );
        }
    }
    if o.has("describe")
        && ["members", "offsets", "state"]
            .iter()
            .filter(|x| o.has(x))
            .count()
            > 1
    {
        return Output::usage(
            "Option [describe] takes at most one of these options: [members], [offsets], [state]",
            HELP,
        );
    }
    if ACTIONS.iter().filter(|a| o.has(a)).count() != 1 {
        return Output::usage(
            "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets, --validate-regex",
            HELP,
        );
    }
    let mut out = Output::default();
    if o.has("list") {
        for g in cluster.groups() {
            out.stdout.push_str(&format!("{}\n", g.id));
        }
        return out;
    }
    let targets: Vec<String> = if o.has("all-groups") {
        cluster.groups().map(|g| g.id.to_string()).collect()
    } else {
        groups
    };
    if o.has("delete") {
        return delete(cluster, &targets, out);
    }
    if o.has("describe") {
        for g in &targets {
            describe(cluster, g, &o, &mut out);
        }
        return out;
    }
    if o.has("reset-offsets") {
        return reset_offsets(cluster, &targets, &o, out);
    }
    error(
        &mut out,
        &super::not_modelled("This action of kafka-consumer-groups.sh").message,
    );
    out
}

/// The logger of the range warnings (Kafka 4.4 moved the reset planning there).
const RESETTER: &str = "org.apache.kafka.tools.GroupOffsetsResetter";

/// The reset scenarios, in the order the tool's message lists them.
const SCENARIOS: &[&str] = &[
    "to-offset",
    "to-datetime",
    "by-duration",
    "to-earliest",
    "to-latest",
    "shift-by",
    "from-file",
    "to-current",
];

/// `resetOffsets`: a plan per group (`--dry-run`, the default) or applied (`--execute`),
/// printed as `OffsetsUtils#printOffsetsToReset` prints it.
fn reset_offsets(
    cluster: &mut Cluster,
    targets: &[String],
    o: &jopt::Parsed,
    mut out: Output,
) -> Output {
    if o.has("execute") && o.has("dry-run") {
        return Output::usage(
            "Option [reset-offsets] only accepts one of [execute] and [dry-run]",
            HELP,
        );
    }
    if !o.has("topic") && !o.has("all-topics") && !o.has("from-file") {
        return Output::usage(
            "One of the reset scopes should be defined: --all-topics, --topic.",
            HELP,
        );
    }
    let scenario = SCENARIOS.iter().copied().find(|s| o.has(s));
    let Some(scenario) = scenario else {
        return Output::usage(
            &format!(
                "Option '[reset-offsets]' requires one of the following scenarios: [{}]",
                SCENARIOS
                    .iter()
                    .map(|s| format!("[{s}]"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            HELP,
        );
    };
    if !o.has("dry-run") && !o.has("execute") {
        out.stderr.push_str("WARN: No action will be performed as the --execute option is missing. In version 5.0, this command will require either --dry-run or --execute to be specified. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.\n");
    }
    if matches!(scenario, "to-datetime" | "by-duration" | "from-file") {
        error(
            &mut out,
            &super::not_modelled(&format!("--{scenario}")).message,
        );
        return out;
    }
    let number = |n: &str| {
        o.value(n)
            .ok()
            .flatten()
            .and_then(|v| v.parse::<i64>().ok())
    };
    for id in targets {
        if let Some(g) = cluster.groups().find(|g| &*g.id == id.as_str()) {
            if g.state != GroupState::Empty {
                error(&mut out, &format!("Assignments can only be reset if the group '{id}' is inactive, but the current state is {}.", state_name(g.state)));
                continue;
            }
        }
        let committed = |t: &str, p: u32| {
            cluster
                .groups()
                .find(|g| &*g.id == id.as_str())
                .and_then(|g| g.committed.get(&(std::sync::Arc::from(t), p)).copied())
        };
        // The partitions: --topic t or t:0,1 (each topic's partitions), or --all-topics
        // (those the group has offsets for).
        let mut tps: Vec<(std::sync::Arc<str>, u32)> = Vec::new();
        if o.has("all-topics") {
            if let Some(g) = cluster.groups().find(|g| &*g.id == id.as_str()) {
                tps.extend(g.committed.keys().cloned());
            }
        } else {
            for spec in o.values("topic") {
                let (t, parts) = match spec.split_once(':') {
                    Some((t, ps)) => (
                        t,
                        ps.split(',')
                            .filter_map(|p| p.trim().parse::<u32>().ok())
                            .collect::<Vec<_>>(),
                    ),
                    None => (spec, Vec::new()),
                };
                let Some(topic) = cluster.topic(t) else {
                    continue;
                };
                for p in &topic.partitions {
                    if parts.is_empty() || parts.contains(&p.id) {
                        tps.push((topic.name.clone(), p.id));
                    }
                }
            }
        }
        tps.sort();
        tps.dedup();
        // The tool plans over a HashMap<TopicPartition, _>: its warnings and its table
        // come in that map's order.
        let tps: Vec<(std::sync::Arc<str>, u32)> = super::leader_election::hash_set_order(
            tps.into_iter()
                .map(|(t, p)| (t.to_string(), p as i32, ()))
                .collect(),
        )
        .into_iter()
        .map(|(t, p, ())| (std::sync::Arc::from(t.as_str()), p as u32))
        .collect();
        let mut plan: Vec<(std::sync::Arc<str>, u32, i64)> = Vec::new();
        for (t, p) in tps {
            let Some(log) = cluster.log(&t, p) else {
                continue;
            };
            let (earliest, latest) = (log.log_start_offset(), log.high_watermark());
            let target = match scenario {
                "to-earliest" => earliest,
                "to-latest" => latest,
                "to-current" => committed(&t, p).unwrap_or(latest),
                "to-offset" => number("to-offset").unwrap_or(0),
                _ => match committed(&t, p) {
                    Some(c) => c + number("shift-by").unwrap_or(0),
                    None => {
                        return Output::usage(
                            &format!("Cannot shift offset for partition {t}-{p} since there is no current committed offset"),
                            HELP,
                        )
                    }
                },
            };
            // checkOffsetRange: out-of-range targets are clamped, with a warning.
            let bound = if target > latest {
                Some(("higher than latest", latest))
            } else if target < earliest {
                Some(("lower than earliest", earliest))
            } else {
                None
            };
            let clamped = bound.map_or(target, |(side, to)| {
                out.stderr.push_str(&super::log_line(
                    cluster.now_ms(),
                    "WARN",
                    &format!("New offset ({target}) is {side} offset for topic partition {t}-{p}. Value will be set to {to}."),
                    RESETTER,
                ));
                to
            });
            plan.push((t, p, clamped));
        }
        if o.has("execute") {
            cluster.alter_group_offsets(id, &plan);
        }

        let gw = id.len().max(15);
        let tw = plan
            .iter()
            .map(|(t, _, _)| t.len())
            .max()
            .unwrap_or(0)
            .max(15);
        out.stdout.push_str(&format!(
            "\n{} {} {} {}",
            pad("GROUP", gw),
            pad("TOPIC", tw),
            pad("PARTITION", 10),
            "NEW-OFFSET"
        ));
        for (t, p, off) in &plan {
            out.stdout.push_str(&format!(
                "\n{} {} {} {}",
                pad(id, gw),
                pad(t, tw),
                pad(&p.to_string(), 10),
                off
            ));
        }
        out.stdout.push('\n');
    }
    out
}

/// `describeGroups`: one table per group.
fn describe(cluster: &Cluster, id: &str, o: &jopt::Parsed, out: &mut Output) {
    let Some(g) = cluster.groups().find(|g| &*g.id == id) else {
        let e = format!(
            "org.apache.kafka.common.errors.GroupIdNotFoundException: Group {id} not found."
        );
        error(
            out,
            &format!("Executing consumer group command failed due to {e}"),
        );
        // printError's stack trace, frames left out.
        out.stderr.push_str(&format!(
            "java.util.concurrent.ExecutionException: {e}\nCaused by: {e}\n"
        ));
        return;
    };
    if g.state == GroupState::Empty {
        out.stderr
            .push_str(&format!("\nConsumer group '{id}' has no active members.\n"));
    } else if matches!(
        g.state,
        GroupState::PreparingRebalance | GroupState::CompletingRebalance
    ) {
        out.stderr.push_str(&format!(
            "\nWarning: Consumer group '{id}' is rebalancing.\n"
        ));
    }
    if o.has("members") {
        let w = |l: usize| l.max(15);
        let gw = w(id.len());
        let ids: Vec<String> = g.members.iter().map(|m| m.member_id.to_string()).collect();
        let cw = w(ids.iter().map(String::len).max().unwrap_or(0));
        let hw = w("/127.0.0.1".len());
        // CLIENT-ID: the member's client.id (ConsoleConsumer sets "console-consumer").
        let clients: Vec<&str> = g
            .members
            .iter()
            .map(|m| {
                cluster
                    .consumer(&m.consumer)
                    .map_or(&*m.consumer, |c| c.client_id())
            })
            .collect();
        let lw = w(clients.iter().map(|c| c.len()).max().unwrap_or(0));
        out.stdout.push_str(&format!(
            "\n{} {} {} {} {} \n",
            pad("GROUP", gw),
            pad("CONSUMER-ID", cw),
            pad("HOST", hw),
            pad("CLIENT-ID", lw),
            pad("#PARTITIONS", 15)
        ));
        for (m, client) in g.members.iter().zip(&clients) {
            out.stdout.push_str(&format!(
                "{} {} {} {} {} \n",
                pad(id, gw),
                pad(&m.member_id, cw),
                pad("/127.0.0.1", hw),
                pad(client, lw),
                pad(&m.assignment.len().to_string(), 15)
            ));
        }
        return;
    }
    if o.has("state") {
        let coordinator = "localhost:9092  (1)";
        let kw = coordinator.len().max(25);
        let gw = id.len().max(15);
        let strategy = g.protocol.map_or(String::new(), |s| s.name().to_string());
        out.stdout.push_str(&format!(
            "\n{} {} {} {} {}\n",
            pad("GROUP", gw),
            pad("COORDINATOR (ID)", kw),
            pad("ASSIGNMENT-STRATEGY", 20),
            pad("STATE", 20),
            "#MEMBERS"
        ));
        out.stdout.push_str(&format!(
            "{} {} {} {} {}\n",
            pad(id, gw),
            pad(coordinator, kw),
            pad(&strategy, 20),
            pad(state_name(g.state), 20),
            g.members.len()
        ));
        return;
    }
    let rows = g.describe(cluster);
    let dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let gw = id.len().max(15);
    let tw = rows
        .iter()
        .map(|r| r.topic.len())
        .max()
        .unwrap_or(0)
        .max(15);
    let ids: Vec<String> = rows
        .iter()
        .map(|r| dash(r.consumer_id.as_ref().map(|c| c.to_string())))
        .collect();
    let cw = ids.iter().map(String::len).max().unwrap_or(0).max(15);
    let hw = 15;
    out.stdout.push_str(&format!(
        "\n{} {} {} {} {} {} {} {} {}",
        pad("GROUP", gw),
        pad("TOPIC", tw),
        pad("PARTITION", 10),
        pad("CURRENT-OFFSET", 15),
        pad("LOG-END-OFFSET", 15),
        pad("LAG", 15),
        pad("CONSUMER-ID", cw),
        pad("HOST", hw),
        "CLIENT-ID"
    ));
    for (r, cid) in rows.iter().zip(&ids) {
        let (host, client) = if r.consumer_id.is_some() {
            ("/127.0.0.1".to_string(), "console-consumer".to_string())
        } else {
            ("-".to_string(), "-".to_string())
        };
        out.stdout.push_str(&format!(
            "\n{} {} {} {} {} {} {} {} {}",
            pad(id, gw),
            pad(&r.topic, tw),
            pad(&r.partition.to_string(), 10),
            pad(&dash(r.current_offset.map(|c| c.to_string())), 15),
            pad(&r.log_end_offset.to_string(), 15),
            pad(&dash(r.lag.map(|l| l.to_string())), 15),
            pad(cid, cw),
            pad(&host, hw),
            client
        ));
    }
    out.stdout.push('\n');
}

/// `deleteGroups`.
fn delete(cluster: &mut Cluster, targets: &[String], mut out: Output) -> Output {
    let mut failed = Vec::new();
    let mut deleted = Vec::new();
    for id in targets {
        match cluster.groups().find(|g| &*g.id == id.as_str()) {
            None => failed.push((id.clone(), "org.apache.kafka.common.errors.GroupIdNotFoundException: The group id does not exist.")),
            Some(g) if g.state != GroupState::Empty => failed.push((id.clone(), "org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.")),
            Some(_) => deleted.push(id.clone()),
        }
    }
    for id in &deleted {
        cluster.delete_group(id);
    }
    if failed.is_empty() {
        let list = deleted
            .iter()
            .map(|g| format!("'{g}'"))
            .collect::<Vec<_>>()
            .join(", ");
        out.stdout.push_str(&format!(
            "Deletion of requested consumer groups ({list}) was successful.\n"
        ));
    } else {
        let mut text = String::from("Deletion of some consumer groups failed:");
        for (id, why) in &failed {
            text.push_str(&format!(
                "\n* Group '{id}' could not be deleted due to: {why}"
            ));
        }
        error(&mut out, &text);
        if !deleted.is_empty() {
            let list = deleted
                .iter()
                .map(|g| format!("'{g}'"))
                .collect::<Vec<_>>()
                .join(", ");
            out.stdout.push_str(&format!(
                "\nThese consumer groups were deleted successfully: {list}\n"
            ));
        }
    }
    out
}
