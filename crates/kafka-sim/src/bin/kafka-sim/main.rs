//! `kafka-sim`: the engine on the command line.
//!
//! ```text
//! kafka-sim eval           JSON lines in, JSON lines out (see kafka_sim::eval)
//! kafka-sim run FILE|-     apply a command script, print events and the final state
//! kafka-sim bench [N]      keyed records appended per second (default N = 1,000,000)
//! kafka-sim scenario S C   print a delivery scenario's script (pipe it into `run -`):
//!                          S = auto-commit | commit-before | commit-after | idempotent-consumer,
//!                          C = none | after-poll | mid-batch | after-processing | after-commit
//! kafka-sim observe FILE   what a client sees of the script (the cross-check's observations)
//! kafka-sim plan FILE      the script as the Java driver's plan (JSON lines)
//! kafka-sim code LANG FILE the cluster after FILE (a script, or a console session as
//!                          the sandbox exports it) as a java, python, go or csharp program
//! kafka-sim crosscheck --driver CMD [--known FILE] [--verbose] [-- DRIVER-ARGS] FILE...
//!                          replay each script on a real broker and compare
//! ```

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use kafka_sim::eval::eval_line;
use kafka_sim::Cluster;

mod crosscheck;

const USAGE: &str = "usage: kafka-sim eval | run FILE | cli FILE | bench [N] | scenario S C | observe FILE | plan FILE | code LANG FILE | crosscheck --driver CMD [--known FILE] [--verbose] [-- DRIVER-ARGS] FILE...";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("eval") => eval(),
        Some("run") => run(args.get(1).map(String::as_str).unwrap_or("-")),
        Some("scenario") => {
            use kafka_sim::scenario::{script, CommitStrategy, CrashPoint};
            let strategy = args.get(1).and_then(|s| CommitStrategy::parse(s));
            let crash = args
                .get(2)
                .map_or(Some(CrashPoint::None), |c| CrashPoint::parse(c));
            match (strategy, crash) {
                (Some(s), Some(c)) => {
                    print!("{}", script(s, c));
                    ExitCode::SUCCESS
                }
                _ => {
                    eprintln!("usage: kafka-sim scenario auto-commit|commit-before|commit-after|idempotent-consumer [none|after-poll|mid-batch|after-processing|after-commit]");
                    ExitCode::from(2)
                }
            }
        }
        Some("bench") => {
            let n = args
                .get(1)
                .and_then(|s| s.replace('_', "").parse().ok())
                .unwrap_or(1_000_000);
            bench(n);
            ExitCode::SUCCESS
        }
        Some(verb @ ("observe" | "plan")) => {
            let Some(path) = args.get(1) else {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            };
            match crosscheck::read_script(path) {
                Ok(script) => {
                    let o = kafka_sim::observe::observe(&script.name, &script.text);
                    if verb == "plan" {
                        print!("{}", kafka_sim::observe::plan_text(&o));
                    } else {
                        for line in o.lines {
                            println!("{line}");
                        }
                        for note in o.notes {
                            println!("note: {note}");
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("kafka-sim: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Some("crosscheck") => crosscheck_command(&args[1..]),
        Some("code") => code(args.get(1), args.get(2)),
        // `kafka-sim cli FILE [--normalize | --against CAPTURE]`: console lines (kafka-topics.sh ...) on a
        // fresh three-broker cluster, printed as crosscheck's CliCapture prints the real
        // tools' output.
        Some("cli") => match args.get(1).map(std::fs::read_to_string) {
            Some(Ok(script)) => {
                // A `cluster` line (a sandbox's export has one) says which cluster.
                let mut cluster = match kafka_sim::script::header(script.lines()) {
                    Some((_, Ok(spec))) => spec.build(),
                    Some((n, Err(e))) => {
                        eprintln!("kafka-sim: line {}: {e}", n + 1);
                        return ExitCode::from(2);
                    }
                    None => {
                        let mut cluster = kafka_sim::Cluster::default();
                        cluster
                            .apply_script("start-broker id=2\nstart-broker id=3")
                            .expect("brokers start");
                        cluster
                    }
                };
                let text = kafka_sim::cli::transcript(&mut cluster, &script);
                match (args.get(2).map(String::as_str), args.get(3)) {
                    (Some("--normalize"), _) => print!("{}", kafka_sim::cli::normalize(&text)),
                    // `--against CAPTURE`: compare with the real tools' transcript.
                    (Some("--against"), Some(file)) => {
                        let Ok(real) = std::fs::read_to_string(file) else {
                            eprintln!("kafka-sim: cannot read {file}");
                            return ExitCode::from(2);
                        };
                        let ours = kafka_sim::cli::normalize(&text);
                        let theirs = kafka_sim::cli::normalize(&real);
                        let blocks = ours.split("--- end\n").count() - 1;
                        match ours
                            .split("--- end\n")
                            .zip(theirs.split("--- end\n"))
                            .find(|(a, b)| a != b)
                        {
                            None if blocks == theirs.split("--- end\n").count() - 1 => {
                                println!("same ({blocks} invocations)");
                            }
                            None => {
                                println!(
                                    "different: {blocks} invocations here, another count there"
                                );
                                return ExitCode::from(1);
                            }
                            Some((a, b)) => {
                                println!("different:\n--- engine\n{a}--- kafka\n{b}");
                                return ExitCode::from(1);
                            }
                        }
                    }
                    _ => print!("{text}"),
                }
                ExitCode::SUCCESS
            }
            Some(Err(e)) => {
                eprintln!("kafka-sim: {}: {e}", args[1]);
                ExitCode::from(2)
            }
            None => {
                eprintln!("usage: kafka-sim cli FILE [--normalize | --against CAPTURE]");
                ExitCode::from(2)
            }
        },
        Some("help" | "--help" | "-h") => match args.get(1) {
            // `kafka-sim help VERB`: one command of a script's grammar.
            Some(verb) => match kafka_sim::command::VERB_HELP
                .iter()
                .find(|h| h.name == verb)
            {
                Some(h) => {
                    println!("{}\n  {}", h.usage, h.summary);
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "kafka-sim: unknown command '{verb}' (expected one of: {})",
                        kafka_sim::command::VERBS.join(", ")
                    );
                    ExitCode::from(2)
                }
            },
            None => {
                println!("{USAGE}\n\nScript commands (run FILE, eval's cluster op; kafka-sim help COMMAND):");
                for h in kafka_sim::command::VERB_HELP {
                    println!("  {:<28} {}", h.name, h.summary);
                }
                ExitCode::SUCCESS
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `kafka-sim code LANG FILE`: the client code the sandbox's code panel shows.
fn code(lang: Option<&String>, path: Option<&String>) -> ExitCode {
    use kafka_sim::client_code::{generate, Client, Setup};
    let usage = "usage: kafka-sim code java|python|go|csharp|java-sends FILE";
    let (Some(lang), Some(path)) = (lang, path) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    // `java-sends`: what the Java program prints on a real cluster (one line a record).
    let client = if lang == "java-sends" {
        None
    } else {
        Client::parse(lang)
    };
    if client.is_none() && lang != "java-sends" {
        eprintln!("kafka-sim: unknown language '{lang}' ({usage})");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("kafka-sim: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    // A console session (a `cluster` header, or Kafka's tools) or an engine script.
    let console = kafka_sim::script::header(text.lines()).is_some()
        || text.lines().any(|l| l.trim_start().starts_with("kafka-"));
    let cluster = if console {
        let mut cluster = match kafka_sim::script::header(text.lines()) {
            Some((_, Ok(spec))) => spec.build(),
            Some((n, Err(e))) => {
                eprintln!("kafka-sim: line {}: {e}", n + 1);
                return ExitCode::from(2);
            }
            None => kafka_sim::script::ClusterSpec {
                brokers: 3,
                ..Default::default()
            }
            .build(),
        };
        kafka_sim::cli::transcript(&mut cluster, &text);
        cluster
    } else {
        let mut cluster = Cluster::default();
        if let Err((line, e)) = cluster.apply_script(&text) {
            eprintln!("kafka-sim: {path}: line {line}: {e}");
            return ExitCode::from(1);
        }
        cluster
    };
    match Setup::of(&cluster) {
        Some(setup) => {
            match client {
                Some(client) => print!("{}", generate(client, &setup)),
                None => {
                    for line in kafka_sim::client_code::java::expected_sends(&setup) {
                        println!("{line}");
                    }
                }
            }
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("kafka-sim: {path}: the cluster has no topic to write code for");
            ExitCode::from(1)
        }
    }
}

fn crosscheck_command(args: &[String]) -> ExitCode {
    let mut driver = None;
    let mut verbose = false;
    let mut known = Vec::new();
    let mut files = Vec::new();
    let mut driver_args = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--driver" => driver = it.next().cloned(),
            "--verbose" => verbose = true,
            "--known" => {
                let Some(path) = it.next() else {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                };
                let text = std::fs::read_to_string(path).unwrap_or_default();
                match crosscheck::read_known(&text) {
                    Ok(k) => known = k,
                    Err(e) => {
                        eprintln!("kafka-sim: {path}: {e}");
                        return ExitCode::from(2);
                    }
                }
            }
            "--" => driver_args.extend(it.by_ref().cloned()),
            _ => files.push(a.clone()),
        }
    }
    let (Some(driver), false) = (driver, files.is_empty()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let mut scripts = Vec::new();
    for f in &files {
        match crosscheck::read_script(f) {
            Ok(s) => scripts.push(s),
            Err(e) => {
                eprintln!("kafka-sim: {e}");
                return ExitCode::from(2);
            }
        }
    }
    crosscheck::run(
        &scripts,
        &crosscheck::Options {
            driver,
            driver_args,
            verbose,
            known,
        },
    )
}

fn eval() -> ExitCode {
    let stdin = io::stdin();
    let mut out = io::stdout().lock();
    for line in stdin.lock().split(b'\n') {
        let Ok(mut bytes) = line else { break };
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        let answer = match std::str::from_utf8(&bytes) {
            Ok(text) => eval_line(text),
            Err(_) => r#"{"error":"the line is not valid UTF-8"}"#.to_string(),
        };
        if writeln!(out, "{answer}").and_then(|_| out.flush()).is_err() {
            break; // the reader went away
        }
    }
    ExitCode::SUCCESS
}

fn run(path: &str) -> ExitCode {
    let text = if path == "-" {
        io::read_to_string(io::stdin())
    } else {
        std::fs::read_to_string(path)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("kafka-sim: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let (spec, commands) = match kafka_sim::script::parse(&text) {
        Ok(c) => c,
        Err((line, e)) => {
            eprintln!("{path}:{line}: {e}");
            return ExitCode::from(1);
        }
    };
    let transcript = kafka_sim::transcript::transcript_from(spec, &commands);
    print!("{}", transcript.text);
    let failed = transcript.rejected > 0;
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Seconds to apply `n` of the workload's commands, best of three fresh clusters.
#[allow(clippy::disallowed_methods)] // measuring wall time is the point; the engine never sees it
fn engine_best_of_3(w: &kafka_sim::bench::Workload, n: usize) -> f64 {
    use std::time::Instant;
    let mut best = f64::MAX;
    for _ in 0..3 {
        let mut cluster = w.cluster();
        let start = Instant::now();
        w.run(&mut cluster, n);
        best = best.min(start.elapsed().as_secs_f64());
    }
    best
}

/// Appends `n` keyed records (murmur2 routing, segment accounting, events included)
/// and prints records per second, next to a bare murmur2-plus-push loop as the limit.
#[allow(clippy::disallowed_methods)] // measuring wall time is the point; the engine never sees it
fn bench(n: usize) {
    use kafka_sim::bench::{Workload, SETUP, SETUP_REPLICATED};
    use std::time::Instant;
    let keys: Vec<String> = (0..10_000).map(|i| format!("user-{i}")).collect();
    let best = engine_best_of_3(&Workload::new(n, SETUP), n);
    let n3 = (n / 20).max(1);
    let best3 = engine_best_of_3(&Workload::new(n3, SETUP_REPLICATED), n3);

    let start = Instant::now();
    let mut logs: Vec<Vec<(u32, usize)>> = vec![Vec::new(); 12];
    for i in 0..n {
        let k = keys[i % keys.len()].as_bytes();
        let p = (kafka_sim::murmur2::to_positive(kafka_sim::murmur2::murmur2(k)) % 12) as usize;
        logs[p].push((i as u32, k.len()));
    }
    let bare = start.elapsed().as_secs_f64();
    std::hint::black_box(&logs);

    println!("records: {n}");
    println!(
        "engine: {:.0} records/s ({:.1} ns/record, best of 3)",
        n as f64 / best,
        best * 1e9 / n as f64
    );
    println!(
        "engine, replication factor 3, acks=all: {:.0} records/s ({:.1} ns/record, {n3} records, best of 3)",
        n3 as f64 / best3,
        best3 * 1e9 / n3 as f64
    );
    println!(
        "bare murmur2+push: {:.0} records/s ({:.1} ns/record)",
        n as f64 / bare,
        bare * 1e9 / n as f64
    );
}
