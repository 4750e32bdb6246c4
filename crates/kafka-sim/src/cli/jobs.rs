//! Console consumers that keep running beside the prompt, as a shell's jobs: started by a
//! line `kafka-console-consumer.sh ... &` (in the sandbox, by any console consumer line:
//! each runs as in a terminal of its own), then given the time each later line lets pass
//! ([`Jobs::pass`]) until they end by themselves (`--max-messages`, `--timeout-ms`) or a
//! `^C` line stops the newest ([`Jobs::interrupt`]). The sandbox and `kafka-sim cli`
//! ([`super::transcript`]) both run them here, so an exported session replays the same.

use super::{ConsumerSession, Output};
use crate::event::Event;
use crate::Cluster;

/// One running console consumer, numbered as a shell numbers its jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// `[1]`, `[2]`, ...: one more than the highest running when it started.
    pub number: u32,
    /// The line that started it, as typed.
    pub line: String,
    /// The consumer.
    pub session: ConsumerSession,
}

/// What one running console consumer printed during a line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobOutput {
    /// Its job number.
    pub number: u32,
    /// The line that started it.
    pub line: String,
    /// Standard output: the records it printed.
    pub stdout: String,
    /// Standard error: its total, as it stopped.
    pub stderr: String,
    /// Whether it stopped.
    pub ended: bool,
}

/// The console consumers running, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jobs(pub Vec<Job>);

/// A line's trailing ` &` (run it in the background), taken off: the line, and whether
/// it had one.
pub fn background(line: &str) -> (&str, bool) {
    let t = line.trim_end();
    match t.strip_suffix('&') {
        Some(rest) if !rest.ends_with('&') && !rest.ends_with('\\') => (rest.trim_end(), true),
        _ => (t, false),
    }
}

impl Jobs {
    /// Adds a consumer that started and did not end at once.
    pub fn add(&mut self, line: &str, session: ConsumerSession) {
        let number = self.0.iter().map(|j| j.number).max().unwrap_or(0) + 1;
        self.0.push(Job {
            number,
            line: line.to_string(),
            session,
        });
    }

    /// Ctrl+C: the newest consumer closes and prints its total. `None` when none runs.
    pub fn interrupt(
        &mut self,
        cluster: &mut Cluster,
        events: &mut Vec<Event>,
    ) -> Option<JobOutput> {
        let job = self.0.pop()?;
        let mut out = Output::default();
        job.session.stop(cluster, &mut out);
        events.extend(out.events);
        Some(JobOutput {
            number: job.number,
            line: job.line,
            stdout: out.stdout,
            stderr: out.stderr,
            ended: true,
        })
    }

    /// Lets `elapsed_ms` pass for every running consumer, oldest first: what each printed
    /// (those that printed nothing are left out); those that end are dropped.
    pub fn pass(
        &mut self,
        cluster: &mut Cluster,
        elapsed_ms: i64,
        events: &mut Vec<Event>,
    ) -> Vec<JobOutput> {
        let mut printed = Vec::new();
        self.0.retain_mut(|job| {
            let mut out = Output::default();
            let ended = job.session.pass(cluster, elapsed_ms, &mut out);
            events.extend(out.events);
            if !out.stdout.is_empty() || !out.stderr.is_empty() {
                printed.push(JobOutput {
                    number: job.number,
                    line: job.line.clone(),
                    stdout: out.stdout,
                    stderr: out.stderr,
                    ended,
                });
            }
            !ended
        });
        printed
    }
}

/// Starts `line` (a console consumer, its ` &` taken off) as a job: what it printed on
/// starting, and whether it runs on. `None` when the line is not a console consumer.
pub fn start(cluster: &mut Cluster, jobs: &mut Jobs, line: &str) -> Option<Output> {
    let (bare, _) = background(line);
    let started = super::start_consumer(cluster, bare)?;
    Some(match started {
        Ok((mut session, mut out)) => {
            if !session.pass(cluster, 0, &mut out) {
                jobs.add(line, session);
            }
            out
        }
        Err(out) => out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trailing_ampersand_is_a_background_job() {
        assert_eq!(
            background("kafka-console-consumer.sh --topic t &"),
            ("kafka-console-consumer.sh --topic t", true)
        );
        assert_eq!(
            background("kafka-console-consumer.sh --topic t&  "),
            ("kafka-console-consumer.sh --topic t", true)
        );
        assert_eq!(
            background("kafka-console-consumer.sh --topic t"),
            ("kafka-console-consumer.sh --topic t", false)
        );
        assert_eq!(background("a && b"), ("a && b", false));
        assert_eq!(background("a \\&"), ("a \\&", false));
    }
}
