//! The message catalogue: every string of the app's chrome that a learner reads or a
//! screen reader announces. Lesson text lives in the lesson files. One English table
//! today; a translation is another table with the same names.

/// Site name.
pub const APP_NAME: &str = "Kafka Playground";
/// Tagline on the home page.
pub const TAGLINE: &str =
    "See how Apache Kafka really runs: a faithful simulation, step by step, in your browser.";
/// Home page intro.
pub const HOME_INTRO: &str = "Every picture here is drawn from a deterministic simulation of Kafka: murmur2 partitioning to the bit, real config names and defaults, real error names. Nothing is sent anywhere; it works offline.";
/// Link back home.
pub const HOME: &str = "All lessons";
/// Lesson status for unwritten lessons.
pub const COMING_SOON: &str = "Coming soon";
/// Button names (the e2e tests find buttons by these).
pub const PREVIOUS_STEP: &str = "Previous step";
/// See [`PREVIOUS_STEP`].
pub const NEXT_STEP: &str = "Next step";
/// See [`PREVIOUS_STEP`].
pub const PLAY: &str = "Play";
/// See [`PREVIOUS_STEP`].
pub const PAUSE: &str = "Pause";
/// Speed control label.
pub const SPEED: &str = "Speed";
/// Steps navigation label.
pub const STEPS: &str = "Steps";
/// Keyboard help under the controls.
pub const KEYS_HELP: &str =
    "Keys: ← previous, → next, Space play or pause. Click a record to see it in full.";
/// Record panel heading.
pub const RECORD_PANEL: &str = "Record";
/// Closes the record panel.
pub const CLOSE_RECORD: &str = "Close record";
/// Theme toggle (a pressed/unpressed button).
pub const DARK_THEME: &str = "Dark theme";
/// Heading of the checks list.
pub const ENGINE_CHECKS: &str = "Checked by the engine";
/// Heading of the refused commands list.
pub const REFUSED: &str = "Refused by the broker";
/// Heading of the commands of a step.
pub const COMMANDS: &str = "Commands in this step";
/// Label of the cluster picture.
pub const CLUSTER: &str = "Cluster";
/// Shown when there is no topic yet.
pub const NO_TOPICS: &str = "No topics yet: one broker, waiting.";
/// Not found page heading.
pub const NOT_FOUND: &str = "Nothing here";
/// Lesson that failed to load.
pub const LESSON_BROKEN: &str = "This lesson could not be played";
/// Panel headings.
pub const HASH_PANEL: &str = "How the partition was chosen";
/// See [`HASH_PANEL`].
pub const DISTRIBUTION_PANEL: &str = "Records per partition";
/// See [`HASH_PANEL`].
pub const TRY_KEY_PANEL: &str = "Try a key";
/// See [`HASH_PANEL`].
pub const READS_PANEL: &str = "Reads in this step";
/// See [`HASH_PANEL`].
pub const METADATA_PANEL: &str = "kafka-topics --describe";
/// Try-a-key inputs.
pub const KEY: &str = "Key";
/// See [`KEY`].
pub const PARTITIONS: &str = "Partitions";
/// See [`KEY`].
pub const NULL_KEY: &str = "Null key";
/// Java client label.
pub const JAVA_CLIENT: &str = "Java client (murmur2)";
/// librdkafka label.
pub const LIBRDKAFKA_CONSISTENT: &str = "librdkafka consistent (CRC-32)";
/// Shown for a bad partition count.
pub const BAD_PARTITION_COUNT: &str =
    "InvalidPartitionsException: the partition count must be a whole number from 1 to 10000";
/// Null-key explanation in the try box.
pub const NULL_KEY_EXPLAINED: &str = "A null key is not hashed: the Java producer uses its sticky partitioner (KIP-794), so the key cannot tell you the partition.";
/// Hash panel when the step routed nothing.
pub const NO_ROUTING: &str = "No record was produced in this step.";
/// Footer.
pub const FOOTER: &str = "A static site: no server, no tracking. Faithful to Apache Kafka's Java client and broker; sources named in the code.";

/// "Step 3 of 9".
pub fn step_of(step: usize, total: usize) -> String {
    format!("Step {} of {}", step + 1, total)
}

/// "Lesson 1.2".
pub fn lesson_label(id: &str) -> String {
    format!("Lesson {id}")
}

/// "Lesson 7.7 does not exist."
pub fn no_such_lesson(id: &str) -> String {
    format!("There is no lesson {id}.")
}

/// Accessible name of a partition's record list.
pub fn partition_name(topic: &str, partition: u32) -> String {
    format!("{topic} partition {partition}")
}

/// Accessible name of one record cell.
pub fn record_name(offset: i64, key: Option<&str>, value: Option<&str>) -> String {
    format!(
        "offset {offset}, key {}, value {}",
        key.unwrap_or("null"),
        value.unwrap_or("null")
    )
}
