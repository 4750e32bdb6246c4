//! A sandbox session as text, to keep or to share.
//!
//! - **A session file** (Export, Import): the console script `kafka-sim cli FILE` reads,
//!   the grammar of the cross-check's `crosscheck/cli/*.txt`, so a session can become a
//!   golden test, or run against a real Kafka cluster with `CliCapture`. A `cluster` line
//!   says which cluster it starts from; Kafka's tools are written as typed; an engine
//!   command is `! COMMAND`; a console producer's input follows it as `| LINE`; `help`
//!   is a comment (it changes nothing). The sandbox keeps every console consumer running
//!   beside the prompt, so the file ends its line with ` &` (a background job, which
//!   `kafka-sim cli` runs the same way; without it, a script runs a console consumer to
//!   its end before the next line, as the real tool from a script), and `^C` stops the
//!   newest.
//! - **A share link's lines** ([`LessonRun::shared_lines`], [`LessonRun::replay`]): each
//!   line typed with whether it succeeded, so a replay that goes differently (a damaged
//!   or foreign link, an engine that changed) stops at the first line that does and says
//!   which, instead of showing a state nobody shared.

use kafka_sim::script::{self, ClusterSpec};

use crate::run::LessonRun;
use crate::sandbox::EOF;

/// A line of a shared session: what was typed, and whether it succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedLine {
    /// The line as typed (for a console producer, its input; `^D` ends it).
    pub text: String,
    /// Whether it exited 0.
    pub ok: bool,
}

/// Where a replay went differently from the session it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayStop {
    /// The line's 1-based number.
    pub number: usize,
    /// The line.
    pub text: String,
    /// Why it stopped there.
    pub why: String,
}

impl LessonRun {
    /// The lines typed up to step `at`, each with whether it succeeded.
    pub fn shared_lines(&self, at: usize) -> Vec<SharedLine> {
        self.console(at)
            .map(|e| SharedLine {
                text: e.line.clone(),
                ok: e.exit_code == 0,
            })
            .collect()
    }

    /// Types `lines` after the last step, stopping before the first one whose outcome is
    /// not the one recorded (that line is still typed, so its message shows).
    pub fn replay(&mut self, lines: &[SharedLine]) -> Result<(), ReplayStop> {
        for (i, line) in lines.iter().enumerate() {
            let at = self.type_line(self.steps.len() - 1, &line.text);
            let ok = self.steps[at]
                .console
                .as_ref()
                .is_some_and(|e| e.exit_code == 0);
            if ok != line.ok {
                return Err(ReplayStop {
                    number: i + 1,
                    text: line.text.clone(),
                    why: if line.ok {
                        "it succeeded where it was shared and fails here".into()
                    } else {
                        "it failed where it was shared and succeeds here".into()
                    },
                });
            }
        }
        Ok(())
    }

    /// The session up to step `at` as a console script (see the module's comment).
    pub fn export(&self, at: usize) -> String {
        let mut s = format!(
            "# A Kafka Playground sandbox session (format {}, Kafka {}).\n# Replay it with `kafka-sim cli FILE`, or import it into the sandbox.\n{}\n",
            kafka_sim::FORMAT_VERSION,
            kafka_sim::kafka_version(),
            self.lesson.cluster
        );
        let prelude = &self.lesson.steps[0].commands;
        if !prelude.is_empty() {
            s.push_str(&format!("# {}\n", self.lesson.steps[0].title));
            for c in prelude {
                s.push_str(&format!("! {c}\n"));
            }
        }
        for (n, step) in self.steps.iter().enumerate().take(at + 1).skip(1) {
            let Some(e) = &step.console else { continue };
            let reading = self.steps[n - 1].producer.is_some();
            let line = &e.line;
            if reading {
                if line != EOF {
                    s.push_str(&format!("| {line}\n"));
                }
            } else if line == "help" || line.starts_with("help ") {
                s.push_str(&format!("# {line}\n"));
            } else if kafka_sim::cli::start_consumer_line(line)
                && !kafka_sim::cli::jobs::background(line).1
            {
                // The sandbox runs every console consumer beside the prompt: ` &` says so
                // to `kafka-sim cli`, which otherwise runs it to its end at once.
                s.push_str(&format!("{line} &\n"));
            } else if line.starts_with("kafka-") || line == kafka_sim::cli::INTERRUPT {
                s.push_str(&format!("{line}\n"));
            } else {
                s.push_str(&format!("! {line}\n"));
            }
        }
        s
    }

    /// A sandbox from a session file, titled `title`: its cluster, then its lines typed
    /// as the console would take them. A line that cannot be read stops the import
    /// there (what came before it is kept) and is said.
    pub fn import(text: &str, title: &str) -> (LessonRun, Option<ReplayStop>) {
        let lines: Vec<&str> = text.lines().collect();
        let (spec, first) = match script::header(lines.iter().copied()) {
            None => (default_spec(), 0),
            Some((i, Ok(spec))) => (spec, i + 1),
            Some((i, Err(e))) => {
                let stop = ReplayStop {
                    number: i + 1,
                    text: lines[i].to_string(),
                    why: e.message,
                };
                return (LessonRun::sandbox(default_spec(), title), Some(stop));
            }
        };
        let mut run = LessonRun::sandbox(spec, title);
        for (i, raw) in lines.iter().enumerate().skip(first) {
            let last = run.steps.len() - 1;
            let reading = run.producing(last).is_some();
            let stop = |why: &str| ReplayStop {
                number: i + 1,
                text: raw.to_string(),
                why: why.to_string(),
            };
            if let Some(input) = raw.strip_prefix("| ") {
                if !reading {
                    return (
                        run,
                        Some(stop("input for a console producer, but none is reading")),
                    );
                }
                run.type_line(last, input);
                continue;
            }
            // Any other line ends a console producer's input.
            let last = if reading {
                run.type_line(last, EOF)
            } else {
                last
            };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if script::is_header(line) {
                return (run, Some(stop(&script::misplaced().message)));
            }
            run.type_line(last, line.strip_prefix("! ").unwrap_or(line));
        }
        (run, None)
    }
}

/// The sandbox's cluster when a file names none: three brokers.
pub fn default_spec() -> ClusterSpec {
    ClusterSpec {
        brokers: 3,
        ..ClusterSpec::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> LessonRun {
        let mut run = LessonRun::sandbox(default_spec(), "Three brokers");
        for line in [
            "kafka-topics.sh --create --topic t --partitions 3 --replication-factor 3",
            "help",
            "kafka-console-producer.sh --topic t --property parse.key=true --property key.separator=:",
            "alice:1",
            "bob:2",
            EOF,
            "kafka-console-consumer.sh --topic t --group g --from-beginning",
            "produce t key=carol value=3",
            kafka_sim::cli::INTERRUPT,
            "kill-broker id=2",
            "produce nope key=a",
        ] {
            run.type_line(run.steps.len() - 1, line);
        }
        run
    }

    #[test]
    fn an_exported_session_imports_to_the_same_cluster() {
        let run = session();
        let file = run.export(run.steps.len() - 1);
        assert!(
            file.contains("\ncluster brokers=3 controllers=3 seed="),
            "{file}"
        );
        assert!(file.contains("\n# help\n"), "{file}");
        assert!(
            file.contains("key.separator=:\n| alice:1\n| bob:2\nkafka-console-consumer.sh --topic t --group g --from-beginning &\n! produce t key=carol value=3\n^C\n"),
            "{file}"
        );
        let (back, stop) = LessonRun::import(&file, "imported");
        assert_eq!(stop, None);
        assert_eq!(back.lesson.cluster, run.lesson.cluster);
        let (a, b) = (&*run.cluster(run.len() - 1), &*back.cluster(back.len() - 1));
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        // Comments (the `help` asked for) are not typed again; everything else is.
        assert_eq!(
            back.export(back.steps.len() - 1),
            file.replace("# help\n", "")
        );
    }

    #[test]
    fn the_cli_transcript_reads_an_exported_session() {
        let run = session();
        let file = run.export(run.steps.len() - 1);
        let mut cluster = run.lesson.cluster.build();
        let transcript = kafka_sim::cli::transcript(&mut cluster, &file);
        assert!(
            transcript.contains("--- stdout\nCreated topic t.\n"),
            "{transcript}"
        );
        assert!(
            transcript.contains("! produce nope key=a: refused"),
            "{transcript}"
        );
        // The console consumer ran beside the lines after it, as in the sandbox.
        assert!(
            transcript.contains("! produce t key=carol value=3\n[1] kafka-console-consumer.sh --topic t --group g --from-beginning &\n--- stdout\n3\n--- stderr\n--- end\n$ ^C\n[1] "),
            "{transcript}"
        );
        let a = run.cluster(run.len() - 1);
        assert_eq!(format!("{a:?}"), format!("{cluster:?}"));
    }

    #[test]
    fn a_bad_line_stops_an_import_and_keeps_what_came_before() {
        let file = "cluster brokers=3\nkafka-topics.sh --create --topic a\n| stray\nkafka-topics.sh --create --topic b\n";
        let (run, stop) = LessonRun::import(file, "imported");
        let stop = stop.unwrap();
        assert_eq!((stop.number, stop.text.as_str()), (3, "| stray"));
        assert_eq!(run.cluster(run.len() - 1).topics().count(), 1);
        let (_, stop) = LessonRun::import("cluster brokers=99\n", "x");
        assert!(stop.unwrap().why.contains("brokers must be 1 to"));
    }

    #[test]
    fn a_replay_stops_at_the_first_line_that_goes_differently() {
        let run = session();
        let mut lines = run.shared_lines(run.steps.len() - 1);
        let mut again = LessonRun::sandbox(default_spec(), "again");
        assert_eq!(again.replay(&lines), Ok(()));
        lines[0].text = "kafka-topics.sh --create --topic t --partitions 0".into();
        let mut again = LessonRun::sandbox(default_spec(), "again");
        let stop = again.replay(&lines).unwrap_err();
        assert_eq!(stop.number, 1);
        assert!(stop.why.contains("fails here"), "{stop:?}");
    }
}
