//! `kafka-metadata-quorum.sh` (`tools/.../MetadataQuorumCommand.java`): argparse4j's
//! parsing and messages (usage, then `kafka-metadata-quorum: error: ...` wrapped and
//! justified to 75 columns as argparse4j's `TextHelper.wrap` does), the tool's own
//! checks (`TerseException`s), then `describe --status` and `describe --replication`
//! from the controller quorum (`Cluster::describe_quorum_status`,
//! `describe_quorum_replication`). The texts are Kafka 4.4's, captured from the real tool
//! (`crosscheck/cli/kafka-metadata-quorum.txt`).
//!
//! The controllers listen on `localhost:9093` and on (`controller_address`; the
//! console's brokers are on `localhost:9092`): `--bootstrap-controller localhost:9092` reaches a broker, which
//! refuses, as a real broker does. `add-controller` and `remove-controller` change the
//! voter set (KIP-853), which the engine does not model: past their checks they say so.

use super::{log_line, Output};
use crate::Cluster;

/// `--help`, as argparse4j prints it for Kafka 4.4.
const HELP: &str = include_str!("metadata_quorum_help.txt");
/// `describe --help`.
const DESCRIBE_HELP: &str = include_str!("metadata_quorum_describe_help.txt");

const USAGE: &str = "usage: kafka-metadata-quorum [-h] [--command-config COMMAND_CONFIG]
                             (--bootstrap-server BOOTSTRAP_SERVER |
                             --bootstrap-controller BOOTSTRAP_CONTROLLER)
                             {describe,add-controller,remove-controller}
                             ...
";
const DESCRIBE_USAGE: &str = "usage: kafka-metadata-quorum (--bootstrap-server BOOTSTRAP_SERVER |
                             --bootstrap-controller BOOTSTRAP_CONTROLLER)
                             describe [-h] [--status] [--replication]
                             [--human-readable]
";
const REMOVE_USAGE: &str = "usage: kafka-metadata-quorum (--bootstrap-server BOOTSTRAP_SERVER |
                             --bootstrap-controller BOOTSTRAP_CONTROLLER)
                             remove-controller [-h]
                             --controller-id CONTROLLER_ID
                             --controller-directory-id CONTROLLER_DIRECTORY_ID
                             [--dry-run] [--unregister]
";

/// argparse4j's format width when the output is not a terminal (`ArgumentParsers`:
/// 75 columns).
const WIDTH: usize = 75;

/// `ArgumentParser#handleError`: the usage, then the message wrapped to the width.
fn parse_error(usage: &str, message: &str) -> Output {
    Output {
        stderr: format!(
            "{usage}{}\n",
            wrap(&format!("kafka-metadata-quorum: error: {message}"), WIDTH)
        ),
        exit_code: 1,
        ..Output::default()
    }
}

/// A `TerseException`: its message alone on stderr.
fn terse(message: &str) -> Output {
    Output {
        stderr: format!("{message}\n"),
        exit_code: 1,
        ..Output::default()
    }
}

/// The pieces `java.text.BreakIterator.getLineInstance()` allows a break after, for the
/// texts this tool prints: after a run of spaces, and after a hyphen followed by a letter
/// (`--` + `bootstrap-` + `server`).
fn pieces(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..b.len() {
        let end_of_spaces = b[i] == b' ' && b.get(i + 1).is_some_and(|c| *c != b' ');
        let after_hyphen = b[i] == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
        if end_of_spaces || after_hyphen {
            out.push(&s[start..=i]);
            start = i + 1;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// argparse4j's `TextHelper.wrap(s, width, 0, "", "")`: fill lines up to `width`, and
/// spread each full line to the width by widening its gaps (`adjustSpace`: the extra
/// spaces go evenly, the remainder to the middle gaps).
fn wrap(s: &str, width: usize) -> String {
    let mut res = String::new();
    let mut line = String::new();
    let mut current = 0;
    for piece in pieces(s) {
        let w = piece.chars().count();
        current += w;
        if current > width {
            res.push_str(&adjust_space(&line, width));
            res.push('\n');
            line.clear();
            current = w;
        }
        line.push_str(piece);
    }
    res.push_str(&line);
    res
}

/// `TextHelper.adjustSpace`.
fn adjust_space(line: &str, width: usize) -> String {
    let trimmed = line.trim_matches(' ');
    let words: Vec<&str> = trimmed.split(' ').filter(|w| !w.is_empty()).collect();
    let blocks = words.len().saturating_sub(1);
    if blocks == 0 {
        return trimmed.to_string();
    }
    // Each gap is one space now (these texts have single spaces).
    let need = width.saturating_sub(trimmed.chars().count());
    let (each, rem) = (need / blocks, need % blocks);
    let rem_start = (blocks - rem).div_ceil(2);
    let rem_end = rem_start + rem;
    let mut out = String::from(words[0]);
    for (b, w) in words[1..].iter().enumerate() {
        let extra = each + usize::from(rem_start <= b && b < rem_end);
        out.push_str(&" ".repeat(1 + extra));
        out.push_str(w);
    }
    out
}

/// What the command line says.
#[derive(Default)]
struct Parsed {
    bootstrap_controller: Option<String>,
    command_config: Option<String>,
    command: String,
    status: bool,
    replication: bool,
    human_readable: bool,
    help: bool,
    controller_directory_id: Option<String>,
}

/// Its long options, for the console's Tab.
pub(super) const OPTIONS: &[&str] = &[
    "bootstrap-controller",
    "bootstrap-server",
    "command-config",
    "help",
    "human-readable",
    "replication",
    "status",
];

const SUBCOMMANDS: [&str; 3] = ["describe", "add-controller", "remove-controller"];

/// argparse4j's parse: the main parser's options, the subcommand, then its options.
fn parse(args: &[String]) -> Result<Parsed, Output> {
    let mut p = Parsed::default();
    let mut server = None::<String>;
    let mut it = args.iter().peekable();
    let value = |it: &mut std::iter::Peekable<std::slice::Iter<String>>, name: &str| match it
        .next_if(|v| !v.starts_with('-'))
    {
        Some(v) => Ok(v.clone()),
        None => Err(parse_error(
            USAGE,
            &format!("argument {name}: expected one argument"),
        )),
    };
    // The main parser, up to the subcommand.
    loop {
        let Some(a) = it.next() else {
            return Err(parse_error(USAGE, "too few arguments"));
        };
        match a.as_str() {
            "-h" | "--help" => {
                p.help = true;
                return Ok(p);
            }
            "--bootstrap-server" => {
                if p.bootstrap_controller.is_some() {
                    return Err(parse_error(
                        USAGE,
                        "argument --bootstrap-server: not allowed with argument --bootstrap-controller",
                    ));
                }
                server = Some(value(&mut it, "--bootstrap-server")?);
            }
            "--bootstrap-controller" => {
                if server.is_some() {
                    return Err(parse_error(
                        USAGE,
                        "argument --bootstrap-controller: not allowed with argument --bootstrap-server",
                    ));
                }
                p.bootstrap_controller = Some(value(&mut it, "--bootstrap-controller")?);
            }
            "--command-config" => p.command_config = Some(value(&mut it, "--command-config")?),
            other if other.starts_with('-') => {
                return Err(parse_error(
                    USAGE,
                    &format!("unrecognized arguments: '{other}'"),
                ))
            }
            other if SUBCOMMANDS.contains(&other) => {
                p.command = other.to_string();
                break;
            }
            other => {
                return Err(parse_error(
                    USAGE,
                    &format!(
                        "invalid choice: '{other}' (choose from 'describe', 'add-controller', 'remove-controller')"
                    ),
                ))
            }
        }
    }
    // The subcommand's own options.
    let usage = match p.command.as_str() {
        "remove-controller" => REMOVE_USAGE,
        _ => DESCRIBE_USAGE,
    };
    while let Some(a) = it.next() {
        match (p.command.as_str(), a.as_str()) {
            (_, "-h" | "--help") => {
                p.help = true;
                return Ok(p);
            }
            ("describe", "--status") => p.status = true,
            ("describe", "--replication") => p.replication = true,
            ("describe", "--human-readable") => p.human_readable = true,
            ("remove-controller", "--controller-directory-id" | "-d") => {
                p.controller_directory_id = Some(value(&mut it, "--controller-directory-id/-d")?);
            }
            ("remove-controller", "--controller-id" | "-i") => {
                value(&mut it, "--controller-id/-i")?;
            }
            ("remove-controller" | "add-controller", "--dry-run" | "--unregister") => {}
            (_, other) => {
                return Err(parse_error(
                    usage,
                    &format!("unrecognized arguments: '{other}'"),
                ))
            }
        }
    }
    if p.command == "remove-controller" && p.controller_directory_id.is_none() {
        return Err(parse_error(
            REMOVE_USAGE,
            "argument --controller-directory-id/-d is required",
        ));
    }
    Ok(p)
}

/// Runs the tool. `--bootstrap-server` may be left out: the console talks to the
/// cluster on screen.
pub(super) fn run(cluster: &mut Cluster, args: &[String]) -> Output {
    let p = match parse(args) {
        Ok(p) => p,
        Err(out) => return out,
    };
    if p.help {
        let help = if p.command == "describe" {
            DESCRIBE_HELP
        } else {
            HELP
        };
        return Output {
            stdout: help.to_string(),
            ..Output::default()
        };
    }
    // `getProperties`: no file exists on the console's machine.
    if let Some(file) = &p.command_config {
        return terse(&format!("Properties file {file} does not exist."));
    }
    match p.command.as_str() {
        "add-controller" => {
            return terse("You must supply the configuration file of the controller you are adding when using add-controller.")
        }
        "remove-controller" => {
            return terse("remove-controller changes the KRaft voter set (KIP-853), which this playground does not model.")
        }
        _ => {}
    }
    if p.status && p.replication {
        return terse(
            "Only one of --status or --replication should be specified with describe sub-command",
        );
    }
    if !p.status && !p.replication {
        return terse(
            "One of --status or --replication must be specified with describe sub-command",
        );
    }
    if p.status && p.human_readable {
        return terse("The option --human-readable is only supported along with --replication");
    }
    if p.bootstrap_controller
        .as_deref()
        .is_some_and(|c| c.split(',').any(|a| a.ends_with(":9092")))
    {
        // A broker answers a controller-only client with this (KIP-919).
        let why = "org.apache.kafka.common.errors.MismatchedEndpointTypeException: The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER";
        let mut stderr = log_line(
            cluster.now_ms(),
            "WARN",
            "[AdminClient clientId=adminclient-1] Fatal error during metadata update",
            "org.apache.kafka.clients.admin.internals.AdminMetadataManager",
        );
        stderr.push_str(&format!(
            "{why}\n{why}\njava.util.concurrent.ExecutionException: {why}\nCaused by: {why}\n\n"
        ));
        return Output {
            stderr,
            exit_code: 1,
            ..Output::default()
        };
    }
    let described = if p.status {
        cluster.describe_quorum_status()
    } else {
        cluster.describe_quorum_replication(p.human_readable)
    };
    match described {
        Ok(text) => Output {
            stdout: text,
            ..Output::default()
        },
        Err(e) => Output {
            stderr: format!("{}\n", e.message),
            exit_code: 1,
            ..Output::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    /// The exact lines Kafka 4.4's tool printed (crosscheck/cli/kafka-metadata-quorum).
    #[test]
    fn parse_errors_wrap_and_justify_as_argparse4j() {
        // The console's cluster is the one on screen: the connection may be left out.
        assert!(parse(&args("describe --status")).is_ok());
        let e = parse(&args("--bootstrap-server")).err().unwrap();
        assert!(e.stderr.ends_with(
            "kafka-metadata-quorum: error:  argument  --bootstrap-server:  expected  one\nargument\n"
        ), "{}", e.stderr);
        let e = parse(&args(
            "--bootstrap-server x --bootstrap-controller y describe",
        ))
        .err()
        .unwrap();
        assert!(e.stderr.ends_with(
            "kafka-metadata-quorum: error: argument  --bootstrap-controller: not allowed\nwith argument --bootstrap-server\n"
        ), "{}", e.stderr);
        let e = parse(&args("--bootstrap-server x frob")).err().unwrap();
        assert!(e.stderr.ends_with(
            "kafka-metadata-quorum:  error:   invalid   choice:   'frob'   (choose  from\n'describe', 'add-controller', 'remove-controller')\n"
        ), "{}", e.stderr);
        let e = parse(&args("--bootstrap-server x remove-controller"))
            .err()
            .unwrap();
        assert!(e.stderr.ends_with(
            "kafka-metadata-quorum:  error:  argument   --controller-directory-id/-d  is\nrequired\n"
        ), "{}", e.stderr);
        assert_eq!(
            parse(&args("")).err().unwrap().stderr,
            format!("{USAGE}kafka-metadata-quorum: error: too few arguments\n")
        );
    }

    #[test]
    fn describe_needs_exactly_one_view() {
        let mut c = Cluster::default();
        let out = run(&mut c, &args("describe"));
        assert_eq!(
            out.stderr,
            "One of --status or --replication must be specified with describe sub-command\n"
        );
        let out = run(&mut c, &args("describe --status --human-readable"));
        assert_eq!(out.exit_code, 1);
        let out = run(
            &mut c,
            &args("--bootstrap-server localhost:9092 describe --status"),
        );
        assert!(
            out.stdout.starts_with("ClusterId:              "),
            "{out:?}"
        );
        assert!(out.stdout.ends_with("]\n") && !out.stdout.ends_with("\n\n"));
    }
}
