//! Challenges: a lesson's closing exercises, in the spirit of Learn Git Branching's levels.
//! A challenge is a goal in words, a starting cluster (the lesson's, or its own, plus
//! `setup` commands), the console lines the learner may type (`allow`: a tool or a verb
//! of the engine's grammar, by its first word), and checks the engine proves on the
//! learner's cluster after every line. Its `solution` is the shortest known one: a
//! native test plays it and proves it solves the challenge, and that the start does not.
//!
//! ```json
//! { "title": "Land order-100 in partition 1",
//!   "goal": "Make every record of `order-100` land in partition 1 ...",
//!   "setup": ["create-topic orders partitions=5"],
//!   "allow": ["produce", "kafka-console-producer.sh"],
//!   "checks": [{"says": "order-100 is in partition 1", "goal": "key-in-partition ..."}],
//!   "hint": "...",
//!   "solution": ["produce orders key=order-100 value=a partition=1"] }
//! ```

use crate::goal::Check;
use crate::json::{Error, Fields, Json};

/// One challenge of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Challenge {
    /// A short name.
    pub title: String,
    /// The goal in words (rich text: `code` and **strong**).
    pub goal: String,
    /// The cluster to start from, when not the lesson's (a script header's fields).
    pub cluster: Option<kafka_sim::script::ClusterSpec>,
    /// Engine commands that build the starting state.
    pub setup: Vec<String>,
    /// The first words of the lines the learner may type: Kafka's tools
    /// (`kafka-topics.sh`) and the engine's verbs (`produce`).
    pub allow: Vec<String>,
    /// What must hold, all at once, for the challenge to be solved.
    pub checks: Vec<Check>,
    /// Said after an attempt that fails.
    pub hint: String,
    /// The shortest known solution, as console lines.
    pub solution: Vec<String>,
}

/// Lines a challenge always takes: help, and what a terminal's keys type.
const ALWAYS: &[&str] = &["help", "^C", "^D", "tick"];

impl Challenge {
    /// Whether the learner may type `line` (trimmed). A console producer reading input
    /// takes any line. Refused lines are not run: the error names what is allowed.
    pub fn allows(&self, line: &str, producing: bool) -> Result<(), String> {
        if producing {
            return Ok(());
        }
        let first = line.split_whitespace().next().unwrap_or("");
        if ALWAYS.contains(&first) || self.allow.iter().any(|a| a == first) {
            Ok(())
        } else {
            Err(first.to_string())
        }
    }

    /// Each check's outcome on `cluster`: `Ok`, or what the engine found instead (a
    /// [`Miss`](crate::Miss) the app translates).
    pub fn evaluate(&self, cluster: &kafka_sim::Cluster) -> Vec<Result<(), crate::Miss>> {
        self.checks.iter().map(|c| c.goal.check(cluster)).collect()
    }

    /// Whether every check holds on `cluster`.
    pub fn solved(&self, cluster: &kafka_sim::Cluster) -> bool {
        self.checks.iter().all(|c| c.goal.check(cluster).is_ok())
    }

    /// The lines a learner typed that count against the solution's length: what ran,
    /// not `help`.
    pub fn counts(line: &str) -> bool {
        !matches!(line.split_whitespace().next(), None | Some("help"))
    }
}

#[cfg(feature = "sandbox")]
impl Challenge {
    /// The sandbox this challenge starts in, on `lesson_cluster` unless it names its own.
    pub fn start(
        &self,
        lesson_cluster: &kafka_sim::script::ClusterSpec,
        title: &str,
    ) -> Result<crate::LessonRun, crate::run::LessonError> {
        use kafka_sim::Command;
        let spec = self.cluster.unwrap_or(*lesson_cluster);
        let mut cluster = spec.build();
        for text in &self.setup {
            let fail = |message: String| crate::run::LessonError { step: 0, message };
            let command: Command = text.parse().map_err(|e| fail(format!("`{text}`: {e}")))?;
            cluster
                .apply(&command)
                .map_err(|e| fail(format!("`{text}` was refused: {e}")))?;
        }
        Ok(crate::LessonRun::sandbox_at(
            cluster,
            spec,
            self.setup.clone(),
            title,
        ))
    }
}

impl Challenge {
    pub(crate) fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&[
            "title", "goal", "cluster", "setup", "allow", "checks", "hint", "solution",
        ]);
        let mut c = Challenge {
            title: String::new(),
            goal: String::new(),
            cluster: None,
            setup: Vec::new(),
            allow: Vec::new(),
            checks: Vec::new(),
            hint: String::new(),
            solution: Vec::new(),
        };
        j.object("Challenge", &mut |j, key| {
            let Some(key) = key else {
                return f.require(&[0, 1, 4, 5, 6, 7]);
            };
            match f.key(j, key, true)? {
                Some(0) => c.title = j.string()?,
                Some(1) => c.goal = j.string()?,
                Some(2) => {
                    let fields = j.string()?;
                    c.cluster = Some(format!("cluster {fields}").parse().map_err(
                        |e: kafka_sim::KafkaError| {
                            Error::custom(format!("`{fields}`: {}", e.message))
                        },
                    )?);
                }
                Some(3) => c.setup = j.strings()?,
                Some(4) => c.allow = j.strings()?,
                Some(5) => j.array(&mut |j| {
                    c.checks.push(Check::read(j)?);
                    Ok(())
                })?,
                Some(6) => c.hint = j.string()?,
                _ => c.solution = j.strings()?,
            }
            Ok(())
        })?;
        Ok(c)
    }
}

#[cfg(all(test, feature = "sandbox"))]
mod tests {
    use crate::catalog::{catalog, lesson};

    /// Every challenge of every lesson: its start does not pass, every line of its
    /// solution is allowed and runs without an error, and the solution passes.
    #[test]
    fn every_challenge_is_unsolved_at_the_start_and_solved_by_its_solution() {
        let mut seen = 0;
        for module in catalog().modules {
            for entry in module.lessons.iter().filter(|l| l.ready) {
                let lesson = lesson(&entry.id).unwrap();
                for (n, c) in lesson.challenges.iter().enumerate() {
                    let name = format!("lesson {} challenge {} ({})", lesson.id, n + 1, c.title);
                    assert!(!c.checks.is_empty(), "{name}: no checks");
                    assert!(!c.solution.is_empty(), "{name}: no solution");
                    let mut run = c
                        .start(&lesson.cluster, &c.title)
                        .unwrap_or_else(|e| panic!("{name}: setup: {e}"));
                    assert!(
                        !c.solved(&run.cluster(0)),
                        "{name}: already solved at the start"
                    );
                    let mut at = 0;
                    for line in &c.solution {
                        let producing = run.producing(at).is_some();
                        assert!(
                            c.allows(line, producing).is_ok(),
                            "{name}: `{line}` is not allowed"
                        );
                        at = run.type_line(at, line);
                        let entry = run.steps[at].console.as_ref().unwrap();
                        assert!(
                            entry.exit_code == 0,
                            "{name}: `{line}` failed:\n{}{}",
                            entry.stdout,
                            entry.stderr
                        );
                    }
                    let outcome = c.evaluate(&run.cluster(at));
                    assert!(
                        outcome.iter().all(Result::is_ok),
                        "{name}: the solution does not solve it: {outcome:?}"
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen >= 1, "no challenge was checked");
    }

    #[test]
    fn lines_outside_the_allowed_list_are_refused_with_their_first_word() {
        let lesson = lesson("1.2").unwrap();
        let c = &lesson.challenges[0];
        assert_eq!(c.allows("  help produce", false), Ok(()));
        assert_eq!(
            c.allows("kill-broker id=1", false),
            Err("kill-broker".into())
        );
        assert_eq!(c.allows("kill-broker id=1", true), Ok(()));
    }
}
