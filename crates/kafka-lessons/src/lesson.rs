//! The shape of a lesson file.

use serde::Deserialize;

use crate::goal::Check;

/// A lesson: a sequence of steps that each apply commands and explain what happened.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Short id used in URLs, like `1.2`.
    pub id: String,
    /// Title shown on the home page and above the player.
    pub title: String,
    /// One sentence for the home page.
    pub summary: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Heading of the step.
    pub title: String,
    /// Paragraphs, in the rich-text subset of [`crate::rich_text`].
    pub narration: Vec<String>,
    /// Engine commands this step applies, in the grammar of `kafka_sim::command`.
    #[serde(default)]
    pub commands: Vec<String>,
    /// Commands the engine must refuse (shown with Kafka's error), applied after `commands`.
    #[serde(default)]
    pub rejected: Vec<String>,
    /// What the view should draw attention to.
    #[serde(default)]
    pub highlight: Highlight,
    /// Extra panels to show beside the cluster.
    #[serde(default)]
    pub panels: Vec<Panel>,
    /// Claims about the state after this step that the engine verifies.
    #[serde(default)]
    pub checks: Vec<Check>,
}

/// Where to look. Every field is optional; an empty highlight draws attention nowhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    /// A topic.
    pub topic: Option<String>,
    /// A partition of that topic.
    pub partition: Option<u32>,
    /// Records with this key.
    pub key: Option<String>,
}

/// Panels a step can open beside the cluster picture.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
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
    /// A group's lag per partition over the lesson so far, sampled after every command.
    LagChart {
        /// Group id.
        group: String,
    },
    /// The four assignors side by side on two topics, with a strategy picker.
    Strategies,
}
