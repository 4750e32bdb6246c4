//! `kafka-sim crosscheck`: each script on the engine and on a real Kafka broker (through
//! the Java driver in `crosscheck/`), compared observation by observation
//! (`crosscheck/PROTOCOL.md`). Prints, per script, `same` or the first observation that
//! differs with both values, and the notes on what was normalised.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use kafka_sim::observe::{first_difference, observe, plan_text, Observed};

/// A script to replay: its name and text.
pub struct Script {
    pub name: String,
    pub text: String,
}

/// Reads a script file; a golden transcript (`tests/testdata/*.txt`) counts up to its
/// `----` line.
pub fn read_script(path: &str) -> Result<Script, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let text = match text.split_once("\n----\n") {
        Some((script, _)) => format!("{script}\n"),
        None => text,
    };
    let name = Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned());
    Ok(Script { name, text })
}

/// A difference the repository explains (`crosscheck/known-differences.txt`): the script,
/// both observations, and why they differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub script: String,
    pub engine: String,
    pub kafka: String,
    pub why: String,
}

/// Reads the known differences: blocks of `script NAME`, `engine LINE`, `kafka LINE`,
/// `why TEXT` lines, separated by blank lines; `#` starts a comment.
pub fn read_known(text: &str) -> Result<Vec<Known>, String> {
    let mut out = Vec::new();
    for (i, block) in text.split("\n\n").enumerate() {
        let mut k = Known {
            script: String::new(),
            engine: String::new(),
            kafka: String::new(),
            why: String::new(),
        };
        let mut any = false;
        for line in block
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            any = true;
            let (field, rest) = line.split_once(' ').unwrap_or((line, ""));
            match field {
                "script" => k.script = rest.to_string(),
                "engine" => k.engine = rest.to_string(),
                "kafka" => k.kafka = rest.to_string(),
                "why" => k.why = rest.to_string(),
                other => {
                    return Err(format!(
                        "known differences, entry {}: unknown field `{other}`",
                        i + 1
                    ))
                }
            }
        }
        if any {
            if k.script.is_empty() || k.why.is_empty() {
                return Err(format!(
                    "known differences, entry {}: needs a script and a why",
                    i + 1
                ));
            }
            out.push(k);
        }
    }
    Ok(out)
}

/// Options of the run.
pub struct Options {
    /// The driver command, run with `sh -c`, plan on stdin.
    pub driver: String,
    /// Extra arguments passed to the driver (e.g. `--bootstrap-server H:P`).
    pub driver_args: Vec<String>,
    /// Print every observation of both sides, not only the verdict.
    pub verbose: bool,
    /// Differences the repository explains.
    pub known: Vec<Known>,
}

/// What one script's replay gave.
enum Verdict {
    Same(usize),
    Differs {
        at: usize,
        engine: Option<String>,
        kafka: Option<String>,
    },
    Explained {
        at: usize,
        why: String,
    },
    DriverFailed(String),
}

pub fn run(scripts: &[Script], options: &Options) -> ExitCode {
    let mut same = 0;
    let mut differ = 0;
    let mut explained = 0;
    for script in scripts {
        let observed = observe(&script.name, &script.text);
        let verdict = match replay(&observed, options) {
            Ok(real) => {
                if options.verbose {
                    for (i, line) in real.iter().enumerate() {
                        let mark = if observed.lines.get(i) == Some(line) {
                            " "
                        } else {
                            "≠"
                        };
                        println!("  {mark} {line}");
                    }
                }
                match first_difference(&observed.lines, &real) {
                    None => Verdict::Same(observed.lines.len()),
                    Some((at, engine, kafka)) => {
                        let known = options.known.iter().find(|k| {
                            k.script == script.name
                                && Some(&k.engine) == engine.as_ref()
                                // `kafka *`: a race on the real cluster, whatever it shows.
                                && (k.kafka == "*" || Some(&k.kafka) == kafka.as_ref())
                        });
                        match known {
                            Some(k) => Verdict::Explained {
                                at,
                                why: k.why.clone(),
                            },
                            None => Verdict::Differs { at, engine, kafka },
                        }
                    }
                }
            }
            Err(e) => Verdict::DriverFailed(e),
        };
        match verdict {
            Verdict::Same(n) => {
                same += 1;
                println!("{}: same ({n} observations)", script.name);
            }
            Verdict::Differs { at, engine, kafka } => {
                differ += 1;
                println!("{}: differs at observation {at}", script.name);
                println!(
                    "    engine: {}",
                    engine.as_deref().unwrap_or("(nothing more)")
                );
                println!(
                    "    kafka:  {}",
                    kafka.as_deref().unwrap_or("(nothing more)")
                );
            }
            Verdict::Explained { at, why } => {
                explained += 1;
                println!(
                    "{}: differs at observation {at}, as explained: {why}",
                    script.name
                );
            }
            Verdict::DriverFailed(e) => {
                differ += 1;
                println!("{}: the driver failed: {e}", script.name);
            }
        }
        for note in &observed.notes {
            println!("    note: {note}");
        }
    }
    println!(
        "crosscheck: {} scripts, {same} same, {explained} with an explained difference, {differ} different",
        scripts.len()
    );
    if differ == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Runs the driver on the plan and returns the lines it printed.
fn replay(observed: &Observed, options: &Options) -> Result<Vec<String>, String> {
    let mut command = format!("{} ", options.driver);
    for a in &options.driver_args {
        command.push_str(&shell_quote(a));
        command.push(' ');
    }
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start `{command}`: {e}"))?;
    let plan = plan_text(observed);
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(plan.as_bytes());
    });
    let mut stderr = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let stdout = child.stdout.take().expect("piped");
    let lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .collect();
    let _ = writer.join();
    let status = child.wait().map_err(|e| e.to_string())?;
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        let tail: Vec<&str> = err.lines().rev().take(15).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!("{status}\n      {}", tail.join("\n      ")));
    }
    Ok(lines)
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}
