//! The sandbox: a lesson that grows as the learner types. Every console line is one more
//! step, so the views, Back and Forward work on it as on any lesson, and a line typed
//! after going back replaces what came after (as a new commit after `git reset`).
//!
//! A line is one of Kafka's tools (`kafka-topics.sh ...`, run by `kafka_sim::cli` with the
//! tool's own output), `help` or `help COMMAND`, or a command of the engine's grammar
//! (`produce orders key=a value=1`, `kill-broker id=2`), which prints nothing when it
//! succeeds and Kafka's exception when it is refused, changing nothing.

use kafka_sim::command::{VERBS, VERB_HELP};
use kafka_sim::script::ClusterSpec;
use kafka_sim::{Cluster, Command, KafkaError};

use crate::lesson::{Highlight, Lesson, Panel, Step};
use crate::run::{sample_lag, LessonRun, StepState, SNAPSHOT_EVERY};

pub use crate::run::ConsoleEntry;
pub use kafka_sim::cli::{Job, JobOutput, Jobs};

/// What the console types for end of input (Ctrl+D) to a console producer.
pub const EOF: &str = "^D";

/// The sandbox's id in URLs and its lesson id.
pub const SANDBOX_ID: &str = "sandbox";

/// The panels beside the sandbox's cluster.
fn panels() -> Vec<Panel> {
    vec![Panel::Brokers, Panel::Metadata]
}

fn step(title: &str) -> Step {
    Step {
        title: title.to_string(),
        narration: Vec::new(),
        commands: Vec::new(),
        rejected: Vec::new(),
        highlight: Highlight::default(),
        panels: panels(),
        checks: Vec::new(),
    }
}

/// The help a console prints for `help` and `help COMMAND`.
pub fn help(topic: Option<&str>) -> Result<String, String> {
    let Some(topic) = topic else {
        let mut s = String::from(
            "Kafka's tools (--help for a tool's options):\n  kafka-topics.sh        create, list, describe and alter topics\n  kafka-get-offsets.sh   each partition's earliest or latest offset\n  kafka-leader-election.sh   preferred or unclean leader elections\n  kafka-console-producer.sh  one record per line typed, until Ctrl+D\n  kafka-console-consumer.sh  print records as they arrive, until Ctrl+C (--from-beginning, --group)\n  kafka-consumer-groups.sh   list, describe (lag) and delete consumer groups\n  kafka-metadata-quorum.sh   the KRaft quorum: describe --status or --replication\n\nThe playground's commands (help COMMAND for one):\n",
        );
        for h in VERB_HELP {
            s.push_str(&format!("  {:<28} {}\n", h.name, h.summary));
        }
        s.push_str(
            "\nUp and Down recall earlier lines; Tab completes; clear empties the screen.\nA console consumer runs beside the prompt until Ctrl+C (^C) stops it.\n",
        );
        return Ok(s);
    };
    VERB_HELP
        .iter()
        .find(|h| h.name == topic)
        .map(|h| format!("{}\n  {}\n", h.usage, h.summary))
        .ok_or_else(|| {
            format!(
                "help: no command '{topic}' (one of: {})\n",
                VERBS.join(", ")
            )
        })
}

impl LessonRun {
    /// An empty sandbox on the cluster `spec` builds: one step, nothing typed yet.
    pub fn sandbox(spec: ClusterSpec, title: &str) -> LessonRun {
        Self::sandbox_at(spec.build(), spec, Vec::new(), title)
    }

    /// A sandbox that starts from `cluster` (a lesson step's state, built from `spec` by
    /// the engine commands `prelude`, which an export writes first).
    pub fn sandbox_at(
        cluster: Cluster,
        spec: ClusterSpec,
        prelude: Vec<String>,
        title: &str,
    ) -> LessonRun {
        let mut first = step(title);
        first.commands = prelude;
        let lesson = Lesson::of_steps(SANDBOX_ID, "Sandbox", vec![first], spec);
        let mut lag = Vec::new();
        sample_lag(&cluster, &mut lag);
        let first = StepState {
            cluster: Some(std::sync::Arc::new(cluster)),
            commands: Vec::new(),
            events: Vec::new(),
            rejections: Vec::new(),
            checks: Vec::new(),
            lag,
            console: None,
            producer: None,
            consumers: Jobs::default(),
        };
        LessonRun {
            lesson,
            steps: vec![first],
            rebuilt: Default::default(),
        }
    }

    /// Runs one console line on the state of step `at` and makes it step `at + 1`,
    /// dropping the steps after `at`. Returns the new step's index.
    pub fn type_line(&mut self, at: usize, line: &str) -> usize {
        let at = at.min(self.steps.len() - 1);
        self.steps.truncate(at + 1);
        self.lesson.steps.truncate(at + 1);
        self.rebuilt.forget_from(at + 1);
        let mut cluster = Cluster::clone(&self.cluster(at));
        let before = &self.steps[at];
        let (state, entry) = run_line(
            &mut cluster,
            before.producer.clone(),
            before.consumers.clone(),
            line,
        );
        // Only every SNAPSHOT_EVERY-th step and the last keep their cluster; the one
        // let go stays among the rebuilt, for a view of the step before this one.
        if !at.is_multiple_of(SNAPSHOT_EVERY) {
            if let Some(c) = self.steps[at].cluster.take() {
                self.rebuilt.keep(at, c);
            }
        }
        let line = entry.line.clone();
        self.push(at, &line, cluster, state, entry)
    }

    /// Makes `state`, after `line`, step `at + 1`.
    fn push(
        &mut self,
        at: usize,
        line: &str,
        cluster: Cluster,
        mut state: StepState,
        entry: ConsoleEntry,
    ) -> usize {
        sample_lag(&cluster, &mut state.lag);
        state.cluster = Some(std::sync::Arc::new(cluster));
        state.console = Some(entry);
        let mut s = step(line);
        // The engine command as typed (its Display would cost the download).
        if !state.commands.is_empty() {
            s.commands = vec![line.to_string()];
        }
        self.lesson.steps.push(s);
        self.steps.push(state);
        at + 1
    }

    /// Whether a console producer reads the next line after step `at`.
    pub fn producing(&self, at: usize) -> Option<&str> {
        self.steps.get(at)?.producer.as_ref().map(|p| p.topic())
    }

    /// The console consumers running after step `at`, oldest first.
    pub fn jobs(&self, at: usize) -> &[Job] {
        self.steps.get(at).map_or(&[], |s| &s.consumers.0)
    }

    /// Every console line up to step `at`, in order.
    pub fn console(&self, at: usize) -> impl Iterator<Item = &ConsoleEntry> {
        self.steps
            .iter()
            .take(at + 1)
            .filter_map(|s| s.console.as_ref())
    }
}

/// Runs one console line on `cluster`, with `producer` the console producer reading
/// lines then (if one is) and `consumers` the console consumers running: the step's state
/// (without its cluster) and what it printed. After the line, each consumer that was
/// running polls as the time the line let pass, printing what arrived. A replay of the
/// same lines from the same cluster gives the same state.
pub(crate) fn run_line(
    cluster: &mut Cluster,
    producer: Option<kafka_sim::cli::ProducerSession>,
    mut consumers: Jobs,
    line: &str,
) -> (StepState, ConsoleEntry) {
    let mut state = StepState {
        cluster: None,
        commands: Vec::new(),
        events: Vec::new(),
        rejections: Vec::new(),
        checks: Vec::new(),
        lag: Vec::new(),
        console: None,
        producer: None,
        consumers: Jobs::default(),
    };
    let before = cluster.now_ms();
    let mut entry = run_own(cluster, producer, &mut consumers, line, &mut state);
    let elapsed = cluster.now_ms() - before;
    entry
        .jobs
        .extend(consumers.pass(cluster, elapsed, &mut state.events));
    state.consumers = consumers;
    (state, entry)
}

/// The line itself: its entry (a console consumer it starts joins `jobs`; `^C` stops the
/// newest of them).
fn run_own(
    cluster: &mut Cluster,
    producer: Option<kafka_sim::cli::ProducerSession>,
    jobs: &mut Jobs,
    line: &str,
    state: &mut StepState,
) -> ConsoleEntry {
    // A console producer reads every line, as typed, until end of input (Ctrl+D).
    if let Some(mut session) = producer {
        let line = line.trim_end_matches(['\n', '\r']);
        let mut entry = ConsoleEntry {
            prompt: ">",
            line: line.to_string(),
            ..ConsoleEntry::default()
        };
        if line != EOF {
            match session.line(cluster, line) {
                Ok(out) => {
                    entry.stdout = out.stdout;
                    entry.stderr = out.stderr;
                    state.events = out.events;
                    state.producer = Some(session);
                }
                Err(out) => {
                    entry.stdout = out.stdout;
                    entry.stderr = out.stderr;
                    entry.exit_code = out.exit_code;
                }
            }
        }
        return entry;
    }
    let line = line.trim();
    let mut entry = ConsoleEntry {
        prompt: "$",
        line: line.to_string(),
        ..ConsoleEntry::default()
    };
    if line == kafka_sim::cli::INTERRUPT {
        entry
            .jobs
            .extend(jobs.interrupt(cluster, &mut state.events));
        return entry;
    }
    if let Some(started) = kafka_sim::cli::start_producer(line) {
        let out = match started {
            Ok((session, out)) => {
                state.producer = Some(session);
                out
            }
            Err(out) => out,
        };
        entry.stdout = out.stdout;
        entry.stderr = out.stderr;
        entry.exit_code = out.exit_code;
        return entry;
    }
    // A console consumer prints what there is to read now, then runs on beside the
    // prompt, as in a terminal of its own (with or without ` &`), until it ends
    // (--max-messages, --timeout-ms) or Ctrl+C stops it.
    if let Some(out) = kafka_sim::cli::jobs::start(cluster, jobs, line) {
        entry.stdout = out.stdout;
        entry.stderr = out.stderr;
        entry.exit_code = out.exit_code;
        state.events = out.events;
        return entry;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["help"] => entry.stdout = help(None).expect("always"),
        ["help", topic] => match help(Some(topic)) {
            Ok(t) => entry.stdout = t,
            Err(e) => {
                entry.stderr = e;
                entry.exit_code = 1;
            }
        },
        [tool, ..] if tool.starts_with("kafka-") => {
            let out = kafka_sim::cli::run(cluster, line);
            entry.stdout = out.stdout;
            entry.stderr = out.stderr;
            entry.exit_code = out.exit_code;
            state.events = out.events;
        }
        _ => match line.parse::<Command>() {
            Err(e) => refused(&mut entry, state, line, e),
            Ok(command) => match cluster.apply_into(&command, &mut state.events) {
                Ok(()) => {
                    // A synchronous kafka-go WriteMessages returned an error: the caller
                    // sees it where it wrote, as a Go program would print it.
                    for e in &state.events {
                        if let kafka_sim::Event::BatchFailed {
                            error,
                            report: kafka_sim::event::WriteReport::Returned,
                            ..
                        } = e
                        {
                            entry.stderr.push_str(&format!("{error}\n"));
                        }
                    }
                    state.commands.push(command)
                }
                Err(e) => refused(&mut entry, state, line, e),
            },
        },
    }
    entry
}

/// A refused engine command: Kafka's exception on standard error, nothing changed.
fn refused(entry: &mut ConsoleEntry, state: &mut StepState, line: &str, e: KafkaError) {
    entry.stderr = format!("{}: {}\n", e.kind.name(), e.message);
    entry.exit_code = 1;
    state.rejections.push((line.to_string(), e));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_session_keeps_one_cluster_in_sixteen_and_rebuilds_the_rest_exactly() {
        let mut run = three();
        let mut lines = vec![
            "kafka-topics.sh --create --topic t --partitions 3 --replication-factor 3".to_string(),
            "kafka-console-producer.sh --topic t --property parse.key=true --property key.separator=:".to_string(),
            "a:1".to_string(),
            "b:2".to_string(),
            EOF.to_string(),
            "create-consumer c group=g".to_string(),
            "subscribe c topics=t".to_string(),
            "frobnicate".to_string(),
            "kafka-console-consumer.sh --topic t --group live".to_string(),
        ];
        for i in 0..40 {
            lines.push(format!("produce t key=k{i} value=v{i}"));
            if i % 7 == 0 {
                lines.push("poll c".to_string());
                lines.push("tick 1s".to_string());
            }
            if i == 30 {
                lines.push(kafka_sim::cli::INTERRUPT.to_string());
            }
        }
        let mut seen = vec![format!("{:?}", run.cluster(0))];
        let mut at = 0;
        for l in &lines {
            at = run.type_line(at, l);
            seen.push(format!("{:?}", run.cluster(at)));
        }
        let last = run.len() - 1;
        for (i, s) in run.steps.iter().enumerate() {
            assert_eq!(
                s.cluster.is_some(),
                i % SNAPSHOT_EVERY == 0 || i == last,
                "step {i}"
            );
        }
        for (i, want) in seen.iter().enumerate() {
            assert_eq!(
                &format!("{:?}", run.cluster(i)),
                want,
                "step {i} rebuilt differently"
            );
        }
        // Going back to a step without its cluster and typing there works from it.
        let at = run.type_line(20, "kafka-topics.sh --create --topic u");
        assert_eq!(at, 21);
        assert!(run.cluster(at).topic("u").is_some());
        assert_eq!(format!("{:?}", run.cluster(20)), seen[20]);
    }

    fn three() -> LessonRun {
        LessonRun::sandbox(
            ClusterSpec {
                brokers: 3,
                ..ClusterSpec::default()
            },
            "Three brokers",
        )
    }

    #[test]
    fn each_line_is_a_step_and_a_tool_prints_what_kafka_prints() {
        let mut run = three();
        let at = run.type_line(
            0,
            "kafka-topics.sh --create --topic demo --partitions 3 --replication-factor 3",
        );
        assert_eq!(at, 1);
        let entry = run.steps[1].console.as_ref().unwrap();
        assert_eq!(entry.stdout, "Created topic demo.\n");
        assert_eq!(run.cluster(1).topic("demo").unwrap().partitions.len(), 3);
        assert_eq!(run.lesson.steps.len(), run.steps.len());
        let at = run.type_line(at, "produce demo key=a value=1");
        assert_eq!(run.steps[at].commands.len(), 1);
        assert_eq!(run.console(at).count(), 2);
    }

    #[test]
    fn a_refused_line_prints_kafkas_exception_and_changes_nothing() {
        let mut run = three();
        let at = run.type_line(0, "produce nope key=a value=1");
        let entry = run.steps[at].console.as_ref().unwrap();
        assert!(
            entry
                .stderr
                .starts_with("TimeoutException: Topic nope not present in metadata"),
            "{}",
            entry.stderr
        );
        assert_eq!(entry.exit_code, 1);
        assert_eq!(run.cluster(at).topics().count(), 0);
        let at = run.type_line(at, "frobnicate");
        assert!(run.steps[at]
            .console
            .as_ref()
            .unwrap()
            .stderr
            .contains("unknown command 'frobnicate'"));
    }

    #[test]
    fn a_line_typed_after_going_back_replaces_the_steps_after() {
        let mut run = three();
        run.type_line(0, "kafka-topics.sh --create --topic a");
        run.type_line(1, "kafka-topics.sh --create --topic b");
        let at = run.type_line(1, "kafka-topics.sh --create --topic c");
        assert_eq!((at, run.steps.len()), (2, 3));
        let names: Vec<String> = run
            .cluster(2)
            .topics()
            .map(|t| t.name.to_string())
            .collect();
        assert_eq!(names, ["a", "c"]);
    }

    #[test]
    fn a_console_producer_reads_lines_until_end_of_input_and_undo_returns_to_it() {
        let mut run = three();
        let at = run.type_line(0, "kafka-topics.sh --create --topic t --partitions 3");
        let at = run.type_line(
            at,
            "kafka-console-producer.sh --topic t --property parse.key=true --property key.separator=:",
        );
        assert_eq!(run.producing(at), Some("t"));
        assert!(run.steps[at]
            .console
            .as_ref()
            .unwrap()
            .stdout
            .starts_with("Warning: --property is deprecated"));
        let at = run.type_line(at, "alice:order 1");
        let at = run.type_line(at, "bob:order 2");
        assert_eq!(run.steps[at].console.as_ref().unwrap().prompt, ">");
        let records: usize = run
            .cluster(at)
            .topic("t")
            .unwrap()
            .partitions
            .iter()
            .map(|p| p.log().records().len())
            .sum();
        assert_eq!(records, 2);
        let end = run.type_line(at, EOF);
        assert_eq!(run.producing(end), None);
        assert_eq!(run.producing(at), Some("t"), "an earlier step still has it");
        let at = run.type_line(end, "kafka-get-offsets.sh --topic t");
        assert_eq!(run.steps[at].console.as_ref().unwrap().prompt, "$");
    }

    // A synchronous Writer's failed WriteMessages prints its error; an Async one prints
    // nothing, as its WriteMessages returned nil.
    #[test]
    fn a_synchronous_writer_prints_the_error_writemessages_returned() {
        let mut run = three();
        let mut at = 0;
        for line in [
            "create-topic p replica-assignment=1:2:3 min.insync.replicas=2",
            "tick 1s",
            "stop-broker id=2",
            "stop-broker id=3",
            "set-writer RequiredAcks=kafka.RequireAll Async=true",
            "produce p key=a value=x",
        ] {
            at = run.type_line(at, line);
        }
        assert_eq!(run.steps[at].console.as_ref().unwrap().stderr, "");
        let at = run.type_line(at, "set-writer RequiredAcks=kafka.RequireAll");
        let at = run.type_line(at, "produce p key=a value=x");
        let entry = run.steps[at].console.as_ref().unwrap();
        assert!(
            entry
                .stderr
                .starts_with("Kafka write errors (1/1), errors: [[19] Not Enough Replicas"),
            "{}",
            entry.stderr
        );
    }

    /// The job output of step `at`, as (number, stdout, stderr, ended).
    fn jobs_at(run: &LessonRun, at: usize) -> Vec<(u32, String, String, bool)> {
        run.steps[at]
            .console
            .as_ref()
            .unwrap()
            .jobs
            .iter()
            .map(|j| (j.number, j.stdout.clone(), j.stderr.clone(), j.ended))
            .collect()
    }

    #[test]
    fn a_console_consumer_runs_beside_the_prompt_printing_records_as_they_arrive() {
        let mut run = three();
        let at = run.type_line(0, "kafka-topics.sh --create --topic t --partitions 3");
        let at = run.type_line(at, "produce t key=a value=before");
        let at = run.type_line(
            at,
            "kafka-console-consumer.sh --topic t --group g --from-beginning --formatter-property print.key=true",
        );
        let entry = run.steps[at].console.clone().unwrap();
        assert_eq!(entry.stdout, "a\tbefore\n", "what was there, at once");
        assert!(!entry.stderr.contains("Processed"), "{}", entry.stderr);
        assert_eq!(run.jobs(at).len(), 1);
        assert_eq!(run.jobs(at)[0].number, 1);
        // A record produced now is printed by the running consumer, in the same step.
        let at = run.type_line(at, "produce t key=b value=after");
        assert_eq!(
            jobs_at(&run, at),
            [(1, "b\tafter\n".into(), String::new(), false)]
        );
        // A member of its group, with ConsoleConsumer's client.id.
        let at = run.type_line(
            at,
            "kafka-consumer-groups.sh --describe --group g --members",
        );
        let out = &run.steps[at].console.as_ref().unwrap().stdout;
        assert!(out.contains("/127.0.0.1      console-consumer 3"), "{out}");
        // Time passing with nothing new prints nothing, and it keeps running.
        let at = run.type_line(at, "tick 10s");
        assert_eq!(jobs_at(&run, at), []);
        assert_eq!(run.jobs(at).len(), 1);
        // Ctrl+C: it closes, committing what it printed, and says its total.
        let at = run.type_line(at, kafka_sim::cli::INTERRUPT);
        assert_eq!(
            jobs_at(&run, at),
            [(
                1,
                String::new(),
                "Processed a total of 2 messages\n".into(),
                true
            )]
        );
        assert!(run.jobs(at).is_empty());
        let at = run.type_line(at, "kafka-consumer-groups.sh --describe --group g");
        let out = &run.steps[at].console.as_ref().unwrap().stdout;
        let lag: Vec<&str> = out
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().nth(5))
            .collect();
        assert_eq!(lag, ["0", "0", "0"], "{out}");
        // Undo back to where it ran: it runs there still.
        assert_eq!(run.jobs(at - 2).len(), 1);
    }

    #[test]
    fn a_console_consumer_ends_by_itself_at_max_messages_or_after_timeout_ms() {
        let mut run = three();
        let at = run.type_line(0, "kafka-topics.sh --create --topic t --partitions 1");
        let at = run.type_line(at, "kafka-console-consumer.sh --topic t --max-messages 2");
        let at = run.type_line(
            at,
            "kafka-console-consumer.sh --topic t --partition 0 --timeout-ms 1500",
        );
        assert_eq!(
            run.jobs(at).iter().map(|j| j.number).collect::<Vec<_>>(),
            [1, 2]
        );
        let at = run.type_line(at, "produce t key=a value=1");
        let at = run.type_line(at, "produce t key=b value=2");
        let done = jobs_at(&run, at);
        assert_eq!(
            done[0],
            (
                1,
                "2\n".into(),
                "Processed a total of 2 messages\n".into(),
                true
            ),
            "{done:?}"
        );
        assert_eq!(done[1], (2, "2\n".into(), String::new(), false));
        let at = run.type_line(at, "tick 1s");
        assert_eq!(run.jobs(at).len(), 1, "1 s of 1.5 idle");
        let at = run.type_line(at, "tick 1s");
        let (_, _, err, ended) = &jobs_at(&run, at)[0];
        assert!(*ended);
        assert!(
            err.contains("ERROR Error processing message, terminating consumer process:  (org.apache.kafka.tools.consumer.ConsoleConsumer)\norg.apache.kafka.common.errors.TimeoutException\nProcessed a total of 2 messages\n"),
            "{err}"
        );
        assert!(run.jobs(at).is_empty());
        // Nothing running: Ctrl+C does nothing.
        let at = run.type_line(at, kafka_sim::cli::INTERRUPT);
        assert_eq!(jobs_at(&run, at), []);
    }

    #[test]
    fn a_console_producer_and_a_running_consumer_work_side_by_side() {
        let mut run = three();
        let at = run.type_line(0, "kafka-topics.sh --create --topic t --partitions 3");
        let at = run.type_line(at, "kafka-console-consumer.sh --topic t --group g");
        let at = run.type_line(at, "kafka-console-producer.sh --topic t");
        let at = run.type_line(at, "hello");
        assert_eq!(
            jobs_at(&run, at),
            [(1, "hello\n".into(), String::new(), false)]
        );
        // The steps before keep the cluster only one in SNAPSHOT_EVERY: rebuilt the same.
        let want = format!("{:?}", run.cluster(at));
        let mut again = three();
        let mut a = 0;
        for e in run.console(at).map(|e| e.line.clone()).collect::<Vec<_>>() {
            a = again.type_line(a, &e);
        }
        assert_eq!(format!("{:?}", again.cluster(a)), want);
    }

    #[test]
    fn help_lists_every_command_and_explains_one() {
        let all = help(None).unwrap();
        for v in VERBS {
            assert!(all.contains(v), "{v}");
        }
        assert!(help(Some("kill-broker"))
            .unwrap()
            .starts_with("kill-broker id=N\n"));
        assert!(help(Some("nope")).is_err());
    }
}
