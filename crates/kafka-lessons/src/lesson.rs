//! The shape of a lesson file.

use crate::args::Args;
use crate::challenge::Challenge;
use crate::goal::Check;
use crate::json::{Error, Fields, Json};
use crate::quiz::Question;
use crate::tracker::{Interview, Learning};

/// A lesson: a sequence of steps that each apply commands and explain what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Short id used in URLs, like `1.2`.
    pub id: String,
    /// Title shown on the home page and above the player.
    pub title: String,
    /// One sentence for the home page.
    pub summary: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// The cluster the lesson starts from: the file's `"cluster": "brokers=3 seed=7"`,
    /// a script header's fields (`kafka_sim::script`); one broker and three controllers
    /// when left out.
    pub cluster: kafka_sim::script::ClusterSpec,
    /// What the lesson sets out to teach, as the tracker lists a task's objectives.
    pub objectives: Vec<String>,
    /// Key learnings, each ticked by something the learner did.
    pub learnings: Vec<Learning>,
    /// The exercises at the lesson's end.
    pub challenges: Vec<Challenge>,
    /// The quiz at the lesson's end.
    pub quiz: Vec<Question>,
    /// Interview questions the lesson unlocks.
    pub interview: Vec<Interview>,
}

impl Lesson {
    /// A lesson of `steps` alone (the sandbox's), with no tracker data.
    pub fn of_steps(
        id: &str,
        title: &str,
        steps: Vec<Step>,
        cluster: kafka_sim::script::ClusterSpec,
    ) -> Self {
        Lesson {
            id: id.to_string(),
            title: title.to_string(),
            summary: String::new(),
            steps,
            cluster,
            objectives: Vec::new(),
            learnings: Vec::new(),
            challenges: Vec::new(),
            quiz: Vec::new(),
            interview: Vec::new(),
        }
    }

    /// The lesson as one `kafka-sim` script: every step's commands, then the ones it
    /// shows refused, then `# checkpoint step N`. `kafka-sim run` plays it and
    /// `kafka-sim crosscheck` replays it on a real broker, checking the state at every
    /// checkpoint.
    ///
    /// ```
    /// let script = kafka_lessons::lesson("1.1").unwrap().script();
    /// assert!(script.contains("create-topic user-events partitions=3"));
    /// assert!(script.contains("# checkpoint step 2: A topic is a name; partitions are the logs"));
    /// ```
    pub fn script(&self) -> String {
        let mut s = format!("# Lesson {}: {}\n", self.id, self.title);
        if !self.cluster.is_default() {
            s.push_str(&format!("{}\n", self.cluster));
        }
        for (i, step) in self.steps.iter().enumerate() {
            for c in step.commands.iter().chain(&step.rejected) {
                s.push_str(c);
                s.push('\n');
            }
            s.push_str(&format!(
                "{}step {}: {}\n",
                kafka_sim::observe::CHECKPOINT,
                i + 1,
                step.title
            ));
        }
        s
    }
}

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Heading of the step.
    pub title: String,
    /// Paragraphs, in the rich-text subset of [`crate::rich_text`].
    pub narration: Vec<String>,
    /// Engine commands this step applies, in the grammar of `kafka_sim::command`.
    pub commands: Vec<String>,
    /// Commands the engine must refuse (shown with Kafka's error), applied after `commands`.
    pub rejected: Vec<String>,
    /// What the view should draw attention to.
    pub highlight: Highlight,
    /// Extra panels to show beside the cluster.
    pub panels: Vec<Panel>,
    /// Claims about the state after this step that the engine verifies.
    pub checks: Vec<Check>,
}

/// Where to look. Every field is optional; an empty highlight draws attention nowhere.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// A topic.
    pub topic: Option<String>,
    /// A partition of that topic.
    pub partition: Option<u32>,
    /// Records with this key.
    pub key: Option<String>,
    /// Draw each record's producer sequence number under it.
    pub sequences: bool,
}

/// Panels a step can open beside the cluster picture, written in the one-line grammar of
/// [`crate::args`]: `hash`, `distribution topic=orders`, `lag-chart group=scaling`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Panel {
    /// The hash computation of the step's last keyed record.
    Hash,
    /// Records per partition of a topic, as bars.
    Distribution {
        /// Which topic.
        topic: String,
    },
    /// A box to try any key against any partition count.
    TryKey,
    /// What readers fetched in this step.
    Reads,
    /// Topic metadata: leader, replicas, ISR, configs.
    Metadata,
    /// What consumers' polls returned in this step, as `topic/partition/offset key=value`.
    ConsumerLog,
    /// Consumer groups: state, generation, and `kafka-consumer-groups --describe`.
    Groups,
    /// Like `groups`, for the named groups only.
    Describe {
        /// Group ids, in the order shown.
        groups: Vec<String>,
    },
    /// A group's lag per partition over the lesson so far, sampled after every command:
    /// the LAG of `kafka-consumer-groups` (from the committed offsets), or with
    /// `of=position` how far each reader's position is behind (`records-lag`).
    LagChart {
        /// Group id.
        group: String,
        /// Which lag.
        of: LagOf,
    },
    /// The four assignors side by side on two topics, with a strategy picker.
    Strategies,
    /// Each consumer group's application database (rows and balances).
    Database,
    /// Each application's error handler (its database up or down, its settings) and
    /// what it did this step: failed attempts, backoffs, the dead letter queue.
    Handler,
    /// The kafka-go Writer: its fields, its ledger and what it did this step (batches
    /// queued, written, retried, failed, dropped).
    Writer,
    /// Every commit strategy against one crash point the learner picks: the outcome
    /// ledgers of `kafka_sim::scenario`.
    Outcomes,
    /// What the producer did in this step, send by send: appends, lost requests and
    /// acknowledgements, retries, duplicates turned away, failures, transactions.
    Sends,
    /// Brokers as columns holding their replicas (log, log end, high watermark, ISR and
    /// ELR), the controller's changes, and buttons to try faults on a copy of the step.
    Brokers,
    /// The KRaft metadata log and `kafka-metadata-quorum describe --status`.
    MetadataLog,
}

impl TryFrom<String> for Panel {
    type Error = String;

    fn try_from(line: String) -> Result<Self, String> {
        let mut a = Args::parse(&line)?;
        let panel = match a.name {
            "hash" => Self::Hash,
            "distribution" => Self::Distribution {
                topic: a.req("topic")?,
            },
            "try-key" => Self::TryKey,
            "reads" => Self::Reads,
            "metadata" => Self::Metadata,
            "consumer-log" => Self::ConsumerLog,
            "groups" => Self::Groups,
            "describe" => Self::Describe {
                groups: a.list("groups")?,
            },
            "lag-chart" => Self::LagChart {
                group: a.req("group")?,
                of: match a.opt::<String>("of")?.as_deref() {
                    None | Some("committed") => LagOf::Committed,
                    Some("position") => LagOf::Position,
                    Some(other) => {
                        return Err(format!(
                            "lag-chart: of={other}: expected committed or position"
                        ))
                    }
                },
            },
            "strategies" => Self::Strategies,
            "database" => Self::Database,
            "handler" => Self::Handler,
            "writer" => Self::Writer,
            "outcomes" => Self::Outcomes,
            "sends" => Self::Sends,
            "brokers" => Self::Brokers,
            "metadata-log" => Self::MetadataLog,
            _ => return Err(a.unknown("panel")),
        };
        a.done(panel)
    }
}

/// Which lag a lag chart draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LagOf {
    /// LAG as `kafka-consumer-groups --describe` prints it: end offset minus committed.
    Committed,
    /// How far the reader's position is behind (the consumer's `records-lag`).
    Position,
}

// -- reading from JSON (crate::json; the fields as serde named them) -----------------------

impl Lesson {
    pub(crate) fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&[
            "id",
            "title",
            "summary",
            "steps",
            "cluster",
            "objectives",
            "learnings",
            "challenges",
            "quiz",
            "interview",
        ]);
        let mut lesson = Lesson::of_steps(
            "",
            "",
            Vec::new(),
            kafka_sim::script::ClusterSpec::default(),
        );
        j.object("Lesson", &mut |j, key| {
            let Some(key) = key else {
                return f.require(&[0, 1, 2, 3]);
            };
            match f.key(j, key, true)? {
                Some(0) => lesson.id = j.string()?,
                Some(1) => lesson.title = j.string()?,
                Some(2) => lesson.summary = j.string()?,
                Some(3) => j.array(&mut |j| {
                    lesson.steps.push(Step::read(j)?);
                    Ok(())
                })?,
                Some(5) => lesson.objectives = j.strings()?,
                Some(6) => j.array(&mut |j| {
                    lesson.learnings.push(Learning::read(j)?);
                    Ok(())
                })?,
                Some(7) => j.array(&mut |j| {
                    lesson.challenges.push(Challenge::read(j)?);
                    Ok(())
                })?,
                Some(8) => j.array(&mut |j| {
                    lesson.quiz.push(Question::read(j)?);
                    Ok(())
                })?,
                Some(9) => j.array(&mut |j| {
                    lesson.interview.push(Interview::read(j)?);
                    Ok(())
                })?,
                _ => {
                    let fields = j.string()?;
                    lesson.cluster = format!("cluster {fields}").parse().map_err(
                        |e: kafka_sim::KafkaError| {
                            Error::custom(format!("`{fields}`: {}", e.message))
                        },
                    )?;
                }
            }
            Ok(())
        })?;
        Ok(lesson)
    }
}

impl Step {
    fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&[
            "title",
            "narration",
            "commands",
            "rejected",
            "highlight",
            "panels",
            "checks",
        ]);
        let mut step = Step {
            title: String::new(),
            narration: Vec::new(),
            commands: Vec::new(),
            rejected: Vec::new(),
            highlight: Highlight::default(),
            panels: Vec::new(),
            checks: Vec::new(),
        };
        j.object("Step", &mut |j, key| {
            let Some(key) = key else {
                return f.require(&[0, 1]);
            };
            match f.key(j, key, true)? {
                Some(0) => step.title = j.string()?,
                Some(1) => step.narration = j.strings()?,
                Some(2) => step.commands = j.strings()?,
                Some(3) => step.rejected = j.strings()?,
                Some(4) => step.highlight = Highlight::read(j)?,
                Some(5) => j.array(&mut |j| {
                    let panel = Panel::try_from(j.string()?).map_err(Error::custom)?;
                    step.panels.push(panel);
                    Ok(())
                })?,
                _ => j.array(&mut |j| {
                    step.checks.push(Check::read(j)?);
                    Ok(())
                })?,
            }
            Ok(())
        })?;
        Ok(step)
    }
}

impl Highlight {
    fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&["topic", "partition", "key", "sequences"]);
        let mut h = Highlight::default();
        j.object("Highlight", &mut |j, key| {
            let Some(key) = key else {
                return Ok(());
            };
            match f.key(j, key, true)? {
                Some(0) => h.topic = j.option(Json::string)?,
                Some(1) => h.partition = j.option(Json::u32)?,
                Some(2) => h.key = j.option(Json::string)?,
                _ => h.sequences = j.boolean()?,
            }
            Ok(())
        })?;
        Ok(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_parse_from_one_line() {
        assert_eq!(
            Panel::try_from("describe groups=eager,coop".to_string()),
            Ok(Panel::Describe {
                groups: vec!["eager".into(), "coop".into()]
            })
        );
        assert_eq!(Panel::try_from("hash".to_string()), Ok(Panel::Hash));
        assert!(Panel::try_from("hash topic=x".to_string())
            .unwrap_err()
            .contains("unknown argument topic"));
        assert!(Panel::try_from("chart".to_string())
            .unwrap_err()
            .contains("unknown panel `chart`"));
    }
}
