//! A lesson played through the engine: the state after every step, the events each
//! step caused, and the result of each check.

use std::sync::Arc;

use kafka_sim::{Cluster, Command, Event, KafkaError};

use crate::lesson::Lesson;

/// The world as it stands after one step.
#[derive(Debug, Clone)]
pub struct StepState {
    /// The cluster after this step's commands: kept for every step of a lesson; a sandbox
    /// keeps it every [`SNAPSHOT_EVERY`] steps and for its last, and
    /// [`LessonRun::cluster`] rebuilds the others by replaying their lines (a thousand
    /// partitions take megabytes a copy, and a session can be long).
    pub cluster: Option<Arc<Cluster>>,
    /// The commands this step applied, parsed.
    pub commands: Vec<Command>,
    /// The events those commands caused, in order.
    pub events: Vec<Event>,
    /// Each refused command's text with Kafka's error.
    pub rejections: Vec<(String, KafkaError)>,
    /// Each check's outcome, in the step's order: `Ok`, or why it does not hold (a
    /// [`Miss`](crate::Miss) the app translates).
    pub checks: Vec<Result<(), crate::Miss>>,
    /// Every group's lag after each of this step's commands, for the lag chart.
    pub lag: Vec<LagSample>,
    /// In the sandbox, the console line this step is and what it printed.
    pub console: Option<ConsoleEntry>,
    /// In the sandbox, the console producer reading the console's lines after this step.
    pub producer: Option<kafka_sim::cli::ProducerSession>,
    /// In the sandbox, the console consumers still running after this step, oldest first.
    pub consumers: kafka_sim::cli::Jobs,
}

/// What one console line printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsoleEntry {
    /// The prompt it was typed at: `$`, or `>` for a console producer's input.
    pub prompt: &'static str,
    /// The line as typed.
    pub line: String,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status (0: success).
    pub exit_code: i32,
    /// What the console consumers running beside the prompt printed during this step.
    pub jobs: Vec<kafka_sim::cli::JobOutput>,
}

/// A sandbox keeps the cluster of one step in this many (and of its last).
pub const SNAPSHOT_EVERY: usize = 16;

/// One group's LAG column (`kafka-consumer-groups --describe`) at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LagSample {
    /// The engine's clock then, in ms.
    pub now_ms: i64,
    /// Group id.
    pub group: Arc<str>,
    /// Topic, partition and lag (`None` where the group has committed nothing yet).
    pub lags: Vec<(Arc<str>, u32, Option<i64>)>,
    /// Topic, partition and how far its reader's position is behind
    /// (`Group::read_lag`).
    pub behind: Vec<(Arc<str>, u32, Option<i64>)>,
}

/// Every group's lag as it stands.
pub(crate) fn sample_lag(cluster: &Cluster, out: &mut Vec<LagSample>) {
    for g in cluster.groups() {
        out.push(LagSample {
            now_ms: cluster.now_ms(),
            group: g.id.clone(),
            lags: g
                .describe(cluster)
                .into_iter()
                .map(|r| (r.topic, r.partition, r.lag))
                .collect(),
            behind: g.read_lag(cluster),
        });
    }
}

/// Why a lesson file cannot be played.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    /// 0-based step.
    pub step: usize,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "step {}: {}", self.step + 1, self.message)
    }
}

/// Every step of a lesson, computed once. Stepping back is reading an earlier entry.
#[derive(Debug, Clone)]
pub struct LessonRun {
    /// The lesson.
    pub lesson: Lesson,
    /// One entry per step.
    pub steps: Vec<StepState>,
    /// The clusters rebuilt last (and a step's cluster as the sandbox lets it go), so
    /// that a view of the step before, or Undo, does not replay the same lines again.
    pub(crate) rebuilt: Rebuilt,
}

/// A few clusters of steps that keep none, by step, newest last. Cleared by whatever
/// changes the steps (`type_line`).
#[derive(Debug, Default)]
pub(crate) struct Rebuilt(std::sync::Mutex<Vec<(usize, Arc<Cluster>)>>);

/// How many rebuilt clusters are kept.
const REBUILT_KEPT: usize = 4;

impl Clone for Rebuilt {
    fn clone(&self) -> Self {
        Rebuilt(std::sync::Mutex::new(self.entries().clone()))
    }
}

impl Rebuilt {
    fn entries(&self) -> std::sync::MutexGuard<'_, Vec<(usize, Arc<Cluster>)>> {
        // A panic while the lock was held left nothing half-written: the list is whole.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The kept cluster of step `i`.
    fn get(&self, i: usize) -> Option<Arc<Cluster>> {
        self.entries()
            .iter()
            .find(|(j, _)| *j == i)
            .map(|(_, c)| c.clone())
    }

    /// The kept cluster nearest before or at `i`.
    fn before(&self, i: usize) -> Option<(usize, Arc<Cluster>)> {
        self.entries()
            .iter()
            .filter(|(j, _)| *j <= i)
            .max_by_key(|(j, _)| *j)
            .cloned()
    }

    /// Keeps `cluster` as step `i`'s, forgetting the oldest beyond [`REBUILT_KEPT`].
    pub(crate) fn keep(&self, i: usize, cluster: Arc<Cluster>) {
        let mut e = self.entries();
        e.retain(|(j, _)| *j != i);
        e.push((i, cluster));
        if e.len() > REBUILT_KEPT {
            e.remove(0);
        }
    }

    /// Forgets every step from `i` on (they are about to change).
    #[cfg(feature = "sandbox")]
    pub(crate) fn forget_from(&self, i: usize) {
        self.entries().retain(|(j, _)| *j < i);
    }
}

impl LessonRun {
    /// Plays `lesson` from the cluster it names (one broker unless it says otherwise).
    /// Fails when a command does not parse, a command is refused, or a command meant to
    /// be refused is accepted.
    pub fn new(lesson: Lesson) -> Result<Self, LessonError> {
        let mut cluster = lesson.cluster.build();
        let mut steps = Vec::with_capacity(lesson.steps.len());
        for (i, step) in lesson.steps.iter().enumerate() {
            let fail = |message: String| LessonError { step: i, message };
            let mut commands = Vec::new();
            let mut events = Vec::new();
            let mut lag = Vec::new();
            for text in &step.commands {
                let command: Command = text.parse().map_err(|e| fail(format!("`{text}`: {e}")))?;
                cluster
                    .apply_into(&command, &mut events)
                    .map_err(|e| fail(format!("`{text}` was refused: {e}")))?;
                commands.push(command);
                sample_lag(&cluster, &mut lag);
            }
            let mut rejections = Vec::new();
            for text in &step.rejected {
                let refused = match text.parse::<Command>() {
                    Err(e) => e,
                    Ok(command) => match cluster.clone().apply(&command) {
                        Ok(_) => {
                            return Err(fail(format!(
                                "`{text}` should be refused but was accepted"
                            )))
                        }
                        Err(e) => e,
                    },
                };
                rejections.push((text.clone(), refused));
            }
            let checks = step.checks.iter().map(|c| c.goal.check(&cluster)).collect();
            steps.push(StepState {
                cluster: Some(Arc::new(cluster.clone())),
                commands,
                events,
                rejections,
                checks,
                lag,
                console: None,
                producer: None,
                consumers: kafka_sim::cli::Jobs::default(),
            });
        }
        Ok(Self {
            lesson,
            steps,
            rebuilt: Rebuilt::default(),
        })
    }

    /// The cluster after step `i` (which must exist): kept, or rebuilt from the last
    /// kept one by replaying the console lines since, as they ran.
    pub fn cluster(&self, i: usize) -> Arc<Cluster> {
        if let Some(c) = &self.steps[i].cluster {
            return c.clone();
        }
        if let Some(c) = self.rebuilt.get(i) {
            return c;
        }
        let snapshot = (0..i)
            .rev()
            .find(|j| self.steps[*j].cluster.is_some())
            .expect("step 0 always keeps its cluster");
        let (from, start) = match self.rebuilt.before(i) {
            Some((j, c)) if j > snapshot => (j, c),
            _ => (
                snapshot,
                self.steps[snapshot].cluster.clone().expect("kept"),
            ),
        };
        #[cfg(feature = "sandbox")]
        let cluster = self.replay_lines(from, i, &start);
        // Only the sandbox lets a step's cluster go (a lesson keeps every one), so
        // without it there is nothing to replay.
        #[cfg(not(feature = "sandbox"))]
        let cluster = {
            let _ = from;
            Cluster::clone(&start)
        };
        let cluster = Arc::new(cluster);
        self.rebuilt.keep(i, cluster.clone());
        cluster
    }

    /// Step `i`'s cluster, from step `from`'s (`start`) and the console lines since.
    #[cfg(feature = "sandbox")]
    fn replay_lines(&self, from: usize, i: usize, start: &Cluster) -> Cluster {
        let mut cluster = Cluster::clone(start);
        for k in from + 1..=i {
            if let Some(entry) = &self.steps[k].console {
                let before = &self.steps[k - 1];
                crate::sandbox::run_line(
                    &mut cluster,
                    before.producer.clone(),
                    before.consumers.clone(),
                    &entry.line,
                );
            }
        }
        cluster
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// True for a lesson without steps.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}
