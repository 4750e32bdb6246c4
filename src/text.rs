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
/// Shown while a lesson file is fetched.
pub const LOADING_LESSON: &str = "Loading the lesson…";

/// Why a lesson could not be fetched.
pub fn lesson_unreachable(reason: &str) -> String {
    format!(
        "The lesson file could not be loaded ({reason}). Check the connection and reload the page."
    )
}

/// Shown on the static home page while the app loads (see `shell.rs`; written into
/// `shell.html`, so the wasm build itself never reads it).
#[cfg_attr(not(test), allow(dead_code))]
pub const LOADING_APP: &str = "Loading the simulation…";
/// Link back home.
pub const HOME: &str = "All lessons";
/// Lesson status for unwritten lessons.
pub const COMING_SOON: &str = "Coming soon";
/// Button names (the e2e tests find buttons by these): "Previous step" and "Next step",
/// with " step" in its own span so a phone can hide it from sight (not from the name).
pub const PREVIOUS: &str = "Previous";
/// See [`PREVIOUS`].
pub const NEXT: &str = "Next";
/// See [`PREVIOUS`].
pub const STEP_WORD: &str = " step";
/// See [`PREVIOUS`].
pub const PLAY: &str = "Play";
/// See [`PREVIOUS`].
pub const PAUSE: &str = "Pause";
/// Speed control label.
pub const SPEED: &str = "Speed";
/// Steps navigation label.
pub const STEPS: &str = "Steps";
/// Keyboard help under the controls.
pub const KEYS_HELP: &str =
    "Keys: ← previous, → next, Space play or pause, P present. Click a record to see it in full.";
/// The link into presenter mode (views/presenter.rs).
pub const PRESENT: &str = "Present";
/// Presenter mode's bar: its name, its keys, and the way out.
pub const PRESENTER_MODE: &str = "Presenter mode";
/// See [`PRESENTER_MODE`].
pub const PRESENTER_KEYS: &str =
    "← → step · Space play · F full screen · B blank · N notes · Esc leave";
/// See [`PRESENTER_MODE`].
pub const EXIT_PRESENTER: &str = "Leave presenter mode";
/// The lesson player's button that copies an iframe of the step (embed.rs).
pub const COPY_EMBED_CODE: &str = "Copy embed code";
/// Beside the snippet once copied.
pub const EMBED_CODE_LABEL: &str = "Embed code for this step (copied): ";
/// Embedded, the link to the whole page in a new tab.
pub const OPEN_FULL_PAGE: &str = "Open in Kafka Playground ↗";
/// The embedded frame's name: "Lesson 1.2: Keyed routing, step 3".
pub fn embed_title(id: &str, title: &str, step: usize) -> String {
    format!("Lesson {id}: {title}, step {}", step + 1)
}
/// One thing a step did, for the live region (view_model::story).
pub fn told(t: &crate::view_model::Told) -> String {
    use crate::view_model::Told;
    let s = |n: usize| if n == 1 { "" } else { "s" };
    match t {
        Told::TopicCreated { topic, partitions } => format!(
            "topic {topic} created with {partitions} partition{}",
            s(*partitions as usize)
        ),
        Told::PartitionsAdded { topic, to } => format!("{topic} now has {to} partitions"),
        Told::Appended {
            key,
            topic,
            partition,
            offset,
        } => match key {
            Some(k) => {
                format!("record {k} appended to {topic} partition {partition} at offset {offset}")
            }
            None => format!(
                "record with a null key appended to {topic} partition {partition} at offset {offset}"
            ),
        },
        Told::AppendedMore { count } => format!("and {count} more record{}", s(*count)),
        Told::Polled { consumer, count } => {
            format!("{consumer} polled {count} record{}", s(*count))
        }
        Told::Committed { group, offsets } => match offsets.as_slice() {
            [(topic, partition, offset)] => {
                format!("group {group} committed offset {offset} for {topic} partition {partition}")
            }
            many => format!("group {group} committed offsets for {} partitions", many.len()),
        },
        Told::Rebalanced { group, generation } => {
            format!("group {group} rebalanced into generation {generation}")
        }
        Told::ConsumerCrashed { consumer } => format!("{consumer} crashed"),
    }
}
/// The live region's words for a step: its sentences, at most `MAX_TOLD`, then a count.
pub fn step_story(sentences: &[String]) -> String {
    const MAX_TOLD: usize = 6;
    let mut out: Vec<&str> = sentences
        .iter()
        .take(MAX_TOLD)
        .map(String::as_str)
        .collect();
    let more;
    if sentences.len() > MAX_TOLD {
        more = format!("and {} more changes", sentences.len() - MAX_TOLD);
        out.push(&more);
    }
    if out.is_empty() {
        String::new()
    } else {
        format!("{}.", out.join("; "))
    }
}
/// Announced when B blanks the screen.
pub const SCREEN_BLANKED: &str = "Screen blanked. Press B to show it again.";
/// Record panel heading.
pub const RECORD_PANEL: &str = "Record";
/// Closes the record panel.
pub const CLOSE_RECORD: &str = "Close record";
/// The theme button names what it does, so it says which theme is on now. The static
/// page's script in `index.html` uses the same two strings (a test checks).
pub const THEME_TO_DARK: &str = "Switch to dark theme";
/// See [`THEME_TO_DARK`].
pub const THEME_TO_LIGHT: &str = "Switch to light theme";
/// The link on a lesson's last step.
pub const NEXT_LESSON: &str = "Next lesson";
/// Beside it, where it leads: "Lesson 1.5: Offset semantics".
pub fn next_lesson_title(id: &str, title: &str) -> String {
    format!("Lesson {id}: {title}")
}
/// On the last step of the last lesson.
pub const LAST_LESSON_DONE: &str = "That was the last lesson written so far.";
/// Heading of the checks list.
pub const ENGINE_CHECKS: &str = "Checked by the engine";
/// Heading of a list of refused commands, by who refused them.
pub fn refused_heading(who: crate::view_model::Refuser) -> &'static str {
    match who {
        crate::view_model::Refuser::Client => "Refused by the client",
        crate::view_model::Refuser::Broker => "Refused by the broker",
    }
}
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
/// Why the try box cannot use a partition count: what the box takes, in plain words,
/// and Kafka's rule where the count breaks one of Kafka's.
pub fn bad_partition_count(why: crate::views::try_key::BadCount) -> &'static str {
    use crate::views::try_key::BadCount;
    match why {
        BadCount::NotWhole => "Type a whole number of partitions, from 1 to 2147483647.",
        BadCount::NotPositive => "A topic has at least one partition: Kafka refuses 0 or fewer (InvalidPartitionsException).",
        BadCount::TooLarge => "Kafka counts partitions in a Java int: 2147483647 at most.",
    }
}
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

/// Sends panel heading.
pub const SENDS_PANEL: &str = "What the producer did";
/// Shown when the producer did nothing in the step.
pub const NO_SENDS: &str = "The producer sent nothing in this step.";
/// `beginTransaction()`.
pub const SEND_BEGIN: &str = "beginTransaction()";

/// "set-producer acks=all".
pub fn send_configured(name: &str, value: &str) -> String {
    format!("new producer: {name}={value}")
}
/// InitProducerId for an idempotent producer.
pub fn send_producer_id(id: i64, epoch: i16) -> String {
    format!("InitProducerId: producer id {id}, epoch {epoch}")
}
/// The broker appended a record.
pub fn send_appended(topic: &str, partition: u32, offset: i64, tag: Option<(i64, i32)>) -> String {
    match tag {
        Some((id, seq)) => format!(
            "{topic}-{partition}: appended at offset {offset} (producer {id}, sequence {seq})"
        ),
        None => format!(
            "{topic}-{partition}: appended at offset {offset} (no producer id: not idempotent)"
        ),
    }
}
/// A request lost on the way.
pub fn send_request_lost(topic: &str, partition: u32) -> String {
    format!("{topic}-{partition}: the request was lost before the broker saw it")
}
/// An acknowledgement lost on the way back.
pub fn send_ack_lost(topic: &str, partition: u32, offset: i64) -> String {
    format!("{topic}-{partition}: the broker's answer (offset {offset}) was lost; the producer cannot tell")
}
/// A retry.
pub fn send_retried(sequence: i32, after_ms: i64) -> String {
    if sequence < 0 {
        format!("after request.timeout.ms={after_ms}: sent again")
    } else {
        format!("after request.timeout.ms={after_ms}: sent again with the same sequence {sequence}")
    }
}
/// A duplicate turned away.
pub fn send_duplicate(sequence: i32, offset: i64) -> String {
    format!("the broker knows sequence {sequence}: a duplicate, answered with offset {offset}, nothing written")
}
/// A send that failed for good.
pub fn send_failed(kind: &str, message: &str, in_log: bool) -> String {
    if in_log {
        format!("send failed: {kind}: {message}; the record is in the log all the same")
    } else {
        format!("send failed: {kind}: {message}; the record was never written")
    }
}
/// initTransactions().
pub fn send_init_transactions(id: &str, producer: i64, epoch: i16) -> String {
    format!("initTransactions(): transactional.id {id}, producer id {producer}, epoch {epoch}")
}
/// commitTransaction() or abortTransaction().
pub fn send_transaction_ended(committed: bool, markers: &[String]) -> String {
    format!(
        "{}: {} marker at {}",
        if committed {
            "commitTransaction()"
        } else {
            "abortTransaction()"
        },
        if committed { "COMMIT" } else { "ABORT" },
        markers.join(", ")
    )
}

/// Record inspector label for the batch's producer fields.
pub const FIELD_PRODUCER: &str = "producer";

/// "id 0, epoch 0, sequence 3" (from the batch header), or why there is none.
pub fn producer_tag(tag: Option<(i64, i16, i32)>, marker: Option<&str>) -> String {
    match (tag, marker) {
        (_, Some(m)) => format!("{m} marker of a transaction (a control record)"),
        (Some((id, epoch, seq)), None) => format!("id {id}, epoch {epoch}, sequence {seq}"),
        (None, None) => "none: written without idempotence (producer id -1)".to_string(),
    }
}

/// A transaction marker's accessible name: "offset 3, COMMIT marker".
pub fn marker_name(offset: i64, marker: &str) -> String {
    format!("offset {offset}, {marker} marker")
}

/// Appended to the name of a record of an aborted transaction.
pub const ABORTED_SUFFIX: &str = ", aborted";
/// Appended to the name of a record written a second time by a retry.
pub const DUPLICATE_SUFFIX: &str = ", a duplicate written by a retry";

// --- Labels inside the pictures and panels ------------------------------------------

/// Skip link.
pub const SKIP_TO_CONTENT: &str = "Skip to content";
/// Lesson controls group.
pub const LESSON_CONTROLS: &str = "Lesson controls";
/// Screen-reader prefix of a passed check.
pub const PASSED: &str = "Passed: ";
/// Screen-reader prefix of a failed check.
pub const FAILED: &str = "Failed: ";
/// Log end offset mark.
pub const LEO: &str = "LEO";
/// A picture's legend.
pub const LEGEND: &str = "Legend";

/// What a legend entry means (keys are named by the key itself).
pub fn legend_label(s: &crate::view_model::Swatch) -> String {
    use crate::view_model::Swatch;
    match s {
        Swatch::Key(_) => "null key".into(),
        Swatch::Position => "a consumer's position: the next offset it fetches".into(),
        Swatch::Committed => "a group's committed offset: where it restarts".into(),
        Swatch::Marker => {
            "dashed: a transaction marker (COMMIT or ABORT), with its own offset".into()
        }
        Swatch::Aborted => "faded, struck: written in a transaction that aborted".into(),
        Swatch::Duplicate => "flagged: the same send written again by a retry".into(),
        Swatch::HighWatermark => "HW: consumers read below this line".into(),
        Swatch::LogEnd => "LEO: the offset the next record gets".into(),
        Swatch::Segment => "dashed line: a new segment file starts".into(),
        Swatch::Sequence => "sN: the producer's sequence number".into(),
        Swatch::Line(p) => format!("partition {p}"),
    }
}
/// Field names of a record.
pub const FIELD_KEY: &str = "key";
/// See [`FIELD_KEY`].
pub const FIELD_VALUE: &str = "value";
/// See [`FIELD_KEY`].
pub const FIELD_HEADERS: &str = "headers";
/// See [`FIELD_KEY`].
pub const FIELD_TIMESTAMP: &str = "timestamp";
/// See [`FIELD_KEY`].
pub const FIELD_SEGMENT: &str = "segment";
/// See [`FIELD_KEY`].
pub const FIELD_PARTITION: &str = "partition";
/// Hash steps.
pub const UTF8_BYTES: &str = "UTF-8 bytes";
/// See [`UTF8_BYTES`].
pub const MURMUR2_OF_BYTES: &str = "murmur2(bytes)";
/// See [`UTF8_BYTES`].
pub const TO_POSITIVE: &str = "toPositive: n & 0x7fffffff";
/// See [`UTF8_BYTES`].
pub const CRC32_OF_BYTES: &str = "crc32(bytes)";
/// See [`UTF8_BYTES`].
pub const UNSIGNED: &str = "unsigned";
/// No headers.
pub const NO_HEADERS: &str = "(none)";
/// A read that returned nothing.
pub const NOTHING_NEW: &str = "nothing new";
/// Routing explanations.
pub const ROUTED_RANDOM: &str = "librdkafka picked a random partition for this key.";
/// See [`ROUTED_RANDOM`].
pub const ROUTED_EXPLICIT: &str =
    "The record named its partition; an explicit partition always wins.";
/// The initial key of the try box.
pub const TRY_KEY_EXAMPLE: &str = "user-1";

/// Producer card label.
pub const PRODUCER: &str = "Producer";
/// Producer card when nothing was sent in this step.
pub const PRODUCER_IDLE: &str = "sent nothing in this step";

/// "sent 29 records; the last, key user-3, to user-events-2 at offset 29".
pub fn producer_sent(
    count: usize,
    key: Option<&str>,
    topic: &str,
    partition: u32,
    offset: i64,
) -> String {
    let records = if count == 1 {
        "1 record".to_string()
    } else {
        format!("{count} records")
    };
    let key = key.map_or("a null key".to_string(), |k| format!("key {k}"));
    format!("sent {records}; the last, {key}, to {topic}-{partition} at offset {offset}")
}

/// "No page at #/x."
pub fn no_page_at(path: &str) -> String {
    format!("No page at #{path}.")
}

/// "Step 3: title", for the step dots.
pub fn step_link(step: usize, title: &str) -> String {
    format!("Step {}: {title}", step + 1)
}

/// "Broker 1".
pub fn broker(id: i32) -> String {
    format!("Broker {id}")
}

/// "Topic orders".
pub fn topic_label(name: &str) -> String {
    format!("Topic {name}")
}

/// The SVG's accessible name.
pub fn topic_picture(name: &str) -> String {
    format!("Topic {name}: partitions drawn as logs of offsets")
}

/// "3 partitions · 30 records".
pub fn topic_summary(partitions: usize, records: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{} · {}",
        plural(partitions, "partition"),
        plural(records, "record")
    )
}

/// "leader 1 · ISR 1".
pub fn partition_meta(leader: Option<i32>, isr: &[i32]) -> String {
    let isr: Vec<String> = isr.iter().map(i32::to_string).collect();
    match leader {
        Some(leader) => format!("leader {leader} · ISR {}", isr.join(",")),
        None => format!("no leader · ISR {}", isr.join(",")),
    }
}

/// "segment 6".
pub fn segment_label(base: i64) -> String {
    format!("segment {base}")
}

/// "HW 14".
pub fn high_watermark(hw: i64) -> String {
    format!("HW {hw}")
}

/// "partition 0: 10", for the chart's accessible name.
pub fn partition_count(partition: u32, count: usize) -> String {
    format!("partition {partition}: {count}")
}

/// "key user-1 → orders-1 at offset 3".
pub fn routed(key: Option<&str>, topic: &str, partition: u32, offset: i64) -> String {
    let key = key.map_or("null key".to_string(), |k| format!("key {k}"));
    format!("{key} → {topic}-{partition} at offset {offset}")
}

/// Java sticky partitioner explanation.
pub fn routed_sticky(partition: u32, switched: bool, produced: u32, batch_size: u32) -> String {
    format!(
        "No key to hash: the built-in partitioner (KIP-794) sends it to the sticky partition {partition}{}. {produced} of batch.size={batch_size} bytes have gone there{}",
        if switched { ", chosen at random for this new run" } else { "" },
        if produced >= batch_size { "; the next keyless record picks a new partition." } else { "." }
    )
}

/// librdkafka sticky explanation.
pub fn routed_linger(partition: u32, linger_ms: i64, switched: bool, since_ms: i64) -> String {
    let when = if switched {
        ", chosen at random just now".to_string()
    } else {
        format!(" (chosen at {since_ms} ms)")
    };
    format!("No key to hash: librdkafka keeps keyless records on partition {partition} for sticky.partitioning.linger.ms={linger_ms} ms{when}.")
}

/// RoundRobinPartitioner explanation.
pub fn routed_round_robin(counter: u32, partition: u32) -> String {
    format!("RoundRobinPartitioner: counter {counter} % partitions = {partition}")
}

/// "% 3 partitions".
pub fn modulo_partitions(partitions: u32) -> String {
    format!("% {partitions} partitions")
}

/// "offsets 0 to 3 (4 records)".
pub fn offsets_range(first: i64, last: i64, count: usize) -> String {
    format!("offsets {first} to {last} ({count} records)")
}

/// " fetched notifications-0: offsets 0 to 3 (4 records); next fetch from offset 4."
pub fn fetched(topic: &str, partition: u32, range: &str, next: i64) -> String {
    format!(" fetched {topic}-{partition}: {range}; next fetch from offset {next}.")
}

/// "Record: orders-1 @ offset 3".
pub fn record_heading(topic: &str, partition: u32, offset: i64) -> String {
    format!("{RECORD_PANEL}: {topic}-{partition} @ offset {offset}")
}

/// "0 ms (CreateTime, simulated clock)".
pub fn timestamp(ms: i64) -> String {
    format!("{ms} ms (CreateTime, simulated clock)")
}

/// "Records per partition: orders".
pub fn distribution_title(topic: &str) -> String {
    format!("{DISTRIBUTION_PANEL}: {topic}")
}

/// "Commands in this step (30)".
pub fn commands_summary(count: usize) -> String {
    format!("{COMMANDS} ({count})")
}

pub use groups_text::*;

/// Strings of the consumer and group views.
mod groups_text {
    // --- Consumers and groups --------------------------------------------------------------

    /// Consumer log panel heading.
    pub const CONSUMER_LOG_PANEL: &str = "Consumer log";
    /// Shown when no poll returned anything in this step.
    pub const NOTHING_POLLED: &str = "No records were polled in this step.";
    /// Groups panel heading.
    pub const GROUPS_PANEL: &str = "kafka-consumer-groups --describe";
    /// Consumers list label.
    pub const CONSUMERS: &str = "Consumers";
    /// Column headers of the describe table, as the CLI prints them.
    pub const DESCRIBE_COLUMNS: [&str; 7] = [
        "GROUP",
        "TOPIC",
        "PARTITION",
        "CURRENT-OFFSET",
        "LOG-END-OFFSET",
        "LAG",
        "CONSUMER-ID",
    ];
    /// What `kafka-consumer-groups --describe` prints on stderr before the table, by group
    /// state (`ConsumerGroupCommand`'s `printGroupState` check).
    pub fn describe_notice(group: &str, state: &str) -> Option<String> {
        match state {
            "Empty" => Some(format!("Consumer group '{group}' has no active members.")),
            "PreparingRebalance" | "CompletingRebalance" | "Assigning" | "Reconciling" => {
                Some(format!("Warning: Consumer group '{group}' is rebalancing."))
            }
            "Dead" => Some(format!("Consumer group '{group}' does not exist.")),
            _ => None,
        }
    }
    /// The CLI's mark for "no value" in a describe cell.
    pub const NO_VALUE: &str = "-";
    /// Shown in the groups panel before any group exists.
    pub const NO_GROUPS: &str = "No consumer group exists yet.";

    use crate::view_model::Activity;

    /// What a consumer card says the consumer is doing.
    pub fn activity(a: Activity) -> &'static str {
        match a {
            Activity::Reading => "reading",
            Activity::Idle => "idle: no partition for it",
            Activity::Paused => "paused: waiting for the rebalance",
            Activity::ReadingThroughRebalance => "rebalancing, still reading what it keeps",
            Activity::NotJoined => "not in the group yet",
            Activity::Crashed => "crashed: no heartbeats",
            Activity::Closed => "closed",
        }
    }

    /// A group's heading on the consumer cards: "group scaling · generation 3".
    pub fn group_cards_title(group: &str, generation: i32, epochs: bool) -> String {
        if epochs {
            format!("group {group} · group epoch {generation}")
        } else {
            format!("group {group} · generation {generation}")
        }
    }

    /// A folded group: "group audit · generation 1 · 1 running, 1 stopped".
    pub fn folded_group(title: &str, running: usize, stopped: usize) -> String {
        let mut s = format!("{title} · {running} running");
        if stopped > 0 {
            s.push_str(&format!(", {stopped} stopped"));
        }
        s
    }

    /// The line crashed and closed consumers fold into: "Stopped: a1 crashed, c3 closed".
    pub fn stopped_consumers(names: &[String]) -> String {
        format!("Stopped: {}", names.join(", "))
    }

    /// A consumer card's owned partitions, or that it owns none.
    pub fn owned_list(owned: &[(std::sync::Arc<str>, u32)]) -> String {
        if owned.is_empty() {
            return "owns no partition".to_string();
        }
        if owned.len() <= 8 {
            let names: Vec<String> = owned.iter().map(kafka_sim::consumer::tp_name).collect();
            return format!("owns {}", names.join(", "));
        }
        // Many: runs of consecutive partitions as ranges, `big-0–499`.
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while i < owned.len() {
            let (t, from) = (&owned[i].0, owned[i].1);
            let mut j = i;
            while j + 1 < owned.len() && owned[j + 1].0 == *t && owned[j + 1].1 == owned[j].1 + 1 {
                j += 1;
            }
            parts.push(match j - i {
                0 => format!("{t}-{from}"),
                _ => format!("{t}-{from}–{}", owned[j].1),
            });
            i = j + 1;
        }
        format!("owns {} ({} partitions)", parts.join(", "), owned.len())
    }

    /// Lag chart heading.
    pub fn lag_chart_title(group: &str, of: kafka_lessons::LagOf) -> String {
        match of {
            kafka_lessons::LagOf::Committed => {
                format!("Lag of group {group}, per partition (from committed offsets)")
            }
            kafka_lessons::LagOf::Position => {
                format!("How far group {group}'s readers are behind, per partition (records-lag)")
            }
        }
    }
    /// The lag chart's x axis.
    pub const LAG_CHART_X: &str = "every command of the lesson so far →";
    /// Lag chart's accessible summary: "Lag now: user-events-0 2, user-events-1 0 (clock 12 s)".
    pub fn lag_chart_summary(lags: &[(String, Option<i64>)], now_ms: i64) -> String {
        let parts: Vec<String> = lags
            .iter()
            .map(|(tp, lag)| match lag {
                Some(l) => format!("{tp} {l}"),
                None => format!("{tp} -"),
            })
            .collect();
        format!("Lag now: {} (clock {} s)", parts.join(", "), now_ms / 1000)
    }
    /// A lag chart legend entry: "user-events-0 (P0) lag 2".
    pub fn lag_line(tp: &str, lag: Option<i64>) -> String {
        format!(
            "{tp} lag {}",
            lag.map_or(NO_VALUE.to_string(), |v| v.to_string())
        )
    }
    /// Shown before the group exists.
    pub const LAG_CHART_EMPTY: &str = "The group has no committed offsets yet.";

    /// Strategy picker heading.
    pub const STRATEGIES_PANEL: &str = "Assignors on two topics";
    /// Strategy select label (the consumer config it sets).
    pub const STRATEGY_LABEL: &str = "partition.assignment.strategy";
    /// Member count select label.
    pub const MEMBERS_LABEL: &str = "Members";
    /// Picker explanation.
    pub const STRATEGIES_HELP: &str =
        "Topics t0 and t1 have three partitions each; every member subscribes to both.";
    /// Heading of the assignment table.
    pub const ASSIGNMENT_NOW: &str = "Assignment";
    /// Heading of the table after the last member leaves.
    pub fn after_leave_title(member: &str) -> String {
        format!("After {member} leaves")
    }
    /// What moved away from surviving members.
    pub fn moved_summary(moved: &[String]) -> String {
        if moved.is_empty() {
            "No surviving member lost a partition: only the leaver's partitions moved.".to_string()
        } else {
            format!(
                "Surviving members lost {} partition{} they owned: {}.",
                moved.len(),
                if moved.len() == 1 { "" } else { "s" },
                moved.join(", ")
            )
        }
    }
    /// Member column header.
    pub const MEMBER: &str = "Member";

    /// Outcome panel heading.
    pub const OUTCOMES_PANEL: &str = "What each commit strategy processed";
    /// Outcome panel explanation.
    pub const OUTCOMES_HELP: &str = "Six payments of balance+=100 to acct-1, three per poll. The first consumer crashes during its second batch; a replacement takes over after session.timeout.ms and reads on from the committed offsets.";
    /// Crash point select label.
    pub const CRASH_POINT_LABEL: &str = "The consumer crashes";
    /// A crash point's name as the menu shows it.
    pub fn crash_point(name: &str) -> &'static str {
        match name {
            "none" => "never",
            "after-poll" => "right after poll()",
            "mid-batch" => "after processing one record of the batch",
            "after-processing" => "after processing the batch, before the commit",
            _ => "right after the commit",
        }
    }
    /// A commit strategy's row label in the outcome table.
    pub fn strategy_label(name: &str) -> &'static str {
        match name {
            "auto-commit" => "auto-commit",
            "commit-before" => "commit before processing (at-most-once)",
            "commit-after" => "commit after processing (at-least-once)",
            "idempotent-consumer" => "at-least-once + idempotency key",
            _ => "transaction (exactly-once)",
        }
    }
    /// Outcome table columns.
    pub const OUTCOME_COLUMNS: [&str; 7] = [
        "strategy",
        "produced",
        "processed once",
        "more than once",
        "never",
        "duplicates refused",
        "balance",
    ];
    /// Database panel heading.
    pub const DATABASE_PANEL: &str = "Application database";
    /// Shown before any application processed anything.
    pub const NO_DATABASE: &str = "No application has processed a record yet.";
    /// Database table columns.
    pub const DATABASE_COLUMNS: [&str; 6] = [
        "application",
        "key",
        "balance",
        "status",
        "effects applied (all)",
        "duplicates refused",
    ];

    /// Per-key order line: "user-1: login → search → checkout".
    pub fn key_sequence(key: &str, values: &[String]) -> String {
        format!("{key}: {}", values.join(" → "))
    }
    /// Heading of the per-key order list.
    pub const PER_KEY_ORDER: &str = "Per key, in the order read";

    /// "group g · Stable · generation 2 · range · total lag 12" (`-` while no partition
    /// has a lag: nothing committed yet).
    pub fn group_summary(
        id: &str,
        group_type: &str,
        state: &str,
        generation: i32,
        protocol: Option<&str>,
        lag: Option<i64>,
    ) -> String {
        // A consumer-protocol group has a group epoch where a classic one has a generation.
        let epoch = if group_type == "Consumer" {
            "group epoch"
        } else {
            "generation"
        };
        format!(
            "group {id} · {group_type} · {state} · {epoch} {generation} · {} · total lag {}",
            protocol.unwrap_or("no assignor yet"),
            lag.map_or("-".to_string(), |l| l.to_string())
        )
    }

    /// "+4 more" after the offset marks that fit.
    pub fn more_marks(n: usize) -> String {
        format!("+{n} more")
    }

    /// A group's committed offset on a partition row: "▲g 3" (the next offset to read),
    /// the triangle drawn under the cells.
    pub fn committed_mark(group: &str, offset: i64) -> String {
        format!("▲{group} {offset}")
    }

    /// A consumer's position on a partition row: "▼c1 5" (the next offset it fetches),
    /// the triangle drawn above the cells.
    pub fn position_mark(consumer: &str, offset: i64) -> String {
        format!("▼{consumer} {offset}")
    }
}

// -- the brokers panel ------------------------------------------------------------------

/// The brokers panel's title.
pub const BROKERS_PANEL: &str = "Brokers and their replicas";
/// Its hint: the buttons change a copy of the step, never the lesson.
pub const BROKERS_TRY: &str = "Try it: kill, stop, isolate or start a broker, produce, and let time pass. It changes a copy of this step; the lesson stays as it is.";
/// Returns to the lesson's own state.
pub const BACK_TO_STEP: &str = "Back to the lesson step";
/// Produces one record to the first replicated topic.
pub const PRODUCE_ONE: &str = "Produce a record";
/// Shown when the learner's copy is on screen.
pub const YOUR_EXPERIMENT: &str = "Your experiment (not the lesson's state)";

/// A wait button.
pub fn wait_for(seconds: u32) -> String {
    format!("Wait {seconds} s")
}

/// A broker button's accessible name, e.g. "Kill broker 2".
pub fn broker_action(verb: &str, id: i32) -> String {
    format!("{verb} broker {id}")
}

/// A broker's state, as its column says it.
pub fn broker_state(state: crate::view_model::BrokerState, fenced: bool) -> String {
    use crate::view_model::BrokerState::*;
    let s = match state {
        Running => "running",
        Isolated => "isolated from the other nodes",
        Stopped => "stopped (clean shutdown)",
        Killed => "crashed",
    };
    if fenced {
        format!("{s}, fenced by the controller")
    } else {
        s.to_string()
    }
}

/// A replica's role.
pub fn replica_role(role: crate::view_model::Role) -> &'static str {
    use crate::view_model::Role::*;
    match role {
        Leader => "leader",
        StaleLeader => "still thinks it leads",
        Follower => "follower",
        Offline => "on disk, broker down",
    }
}

/// The acknowledged-records counter.
pub fn acknowledged_count(acknowledged: u64, lost: Option<u64>) -> String {
    match lost {
        Some(l) => format!("{acknowledged} acknowledged, {l} of them lost"),
        None => {
            format!("{acknowledged} acknowledged; lost unknown while a partition has no leader")
        }
    }
}

/// A replica's offsets line.
pub fn replica_offsets(leo: i64, hw: i64, epoch: i32) -> String {
    format!("log end {leo} · high watermark {hw} · epoch {epoch}")
}

/// The title of a replica's ISR or ELR badge in the step it joined.
pub fn joined_set(set: &str) -> String {
    format!("joined the {set} in this step")
}

/// The title of a replica's struck-through badge in the step it left the ISR or ELR.
pub fn left_set(set: &str) -> String {
    format!("left the {set} in this step")
}

/// News lines of the brokers panel.
pub fn broker_started(id: i32, restarted: bool) -> String {
    if restarted {
        format!("Broker {id} restarted with the log on its disk.")
    } else {
        format!("Broker {id} started and registered.")
    }
}
/// See [`broker_started`].
pub fn broker_stopped(id: i32) -> String {
    format!("Broker {id} shut down cleanly; its leaderships moved first.")
}
/// See [`broker_started`].
pub fn broker_killed(id: i32) -> String {
    format!("Broker {id} crashed. The controller notices when its session times out.")
}
/// See [`broker_started`].
pub fn broker_isolated(id: i32) -> String {
    format!("Broker {id} is cut off from every other node; clients still reach it.")
}
/// See [`broker_started`].
pub fn broker_healed(id: i32) -> String {
    format!("Broker {id} is connected again.")
}
/// See [`broker_started`].
pub fn broker_fenced(id: i32) -> String {
    format!("The controller fenced broker {id}.")
}
/// See [`broker_started`].
pub fn broker_unfenced(id: i32) -> String {
    format!("The controller unfenced broker {id}.")
}

/// A controller change of one partition.
#[allow(clippy::too_many_arguments)]
pub fn partition_changed(
    topic: &str,
    partition: u32,
    leader: Option<i32>,
    epoch: i32,
    isr: &[i32],
    elr: &[i32],
    unclean: bool,
    reason: &str,
) -> String {
    let ids = |v: &[i32]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
        }
    };
    let leader = leader.map_or("no leader".to_string(), |l| format!("leader {l}"));
    let unclean = if unclean {
        " (an unclean election)"
    } else {
        ""
    };
    format!(
        "{topic}-{partition}: {leader}{unclean}, epoch {epoch}, ISR {}, ELR {} ({reason}).",
        ids(isr),
        ids(elr)
    )
}

/// A follower's truncation.
pub fn replica_truncated(
    topic: &str,
    partition: u32,
    broker: i32,
    offset: i64,
    removed: u32,
    acknowledged: u32,
) -> String {
    format!("Broker {broker} truncated {topic}-{partition} to offset {offset}: {removed} record(s) removed, {acknowledged} of them acknowledged.")
}

/// A send's success.
pub fn send_acknowledged(topic: &str, partition: u32, offset: i64, waited_ms: i64) -> String {
    format!("Send acknowledged: {topic}-{partition} offset {offset}, after {waited_ms} ms.")
}

/// A send's failure, in the brokers panel.
pub fn replicated_send_failed(error: &kafka_sim::KafkaError) -> String {
    format!("Send failed: {}: {}", error.kind.name(), error.message)
}
/// The produce button with no replicated topic.
pub const NO_REPLICATED_TOPIC: &str = "There is no replicated topic to produce to.";
/// An action with nothing to report.
pub const NOTHING_CHANGED: &str = "Done; nothing the controller or the replicas report changed.";
/// The news list's accessible name.
pub const BROKERS_NEWS: &str = "What happened";

/// A run of the same retried error from a leader, in the sends panel.
pub fn send_request_failed(broker: i32, kind: &str, times: u32) -> String {
    if times == 1 {
        format!("Broker {broker} answered {kind}; the producer retries after its backoff.")
    } else {
        format!("Broker {broker} answered {kind} {times} times; the producer retried each time after its backoff (retry.backoff.ms 100, doubling to retry.backoff.max.ms 1000).")
    }
}

/// A replicated send's acknowledgement, in the sends panel.
pub fn send_acknowledged_after(
    topic: &str,
    partition: u32,
    offset: i64,
    acks: i8,
    waited_ms: i64,
) -> String {
    let acks = match acks {
        0 => "acks=0: not waited for".to_string(),
        1 => "acks=1: the leader wrote it".to_string(),
        _ => "acks=all: the ISR has it".to_string(),
    };
    format!("{topic}-{partition}: acknowledged at offset {offset} ({acks}), after {waited_ms} ms.")
}

/// The controllers row's heading.
pub const CONTROLLERS: &str = "KRaft controllers";
/// A controller's name.
pub fn controller(id: i32) -> String {
    format!("Controller {id}")
}
/// A controller's state.
pub fn controller_state(up: bool, leader: bool, active: bool) -> &'static str {
    match (up, leader, active) {
        (false, _, _) => "down",
        (true, true, true) => "active controller (Raft leader)",
        (true, true, false) => "leader without a majority",
        (true, false, _) => "follower",
    }
}
/// A controller button's accessible name, e.g. "Kill controller 101".
pub fn controller_action(verb: &str, id: i32) -> String {
    format!("{verb} controller {id}")
}
/// The quorum's summary line.
pub fn quorum_summary(active: bool, epoch: i32, combined: bool) -> String {
    let state = if active {
        format!("Metadata log leader epoch {epoch}: changes commit.")
    } else {
        format!("No active controller (epoch {epoch}): no metadata change can be made.")
    };
    if combined {
        format!("{state} Combined mode: each controller runs inside the broker with its id (process.roles=broker,controller).")
    } else {
        state
    }
}
/// News lines for controllers.
pub fn controller_killed(id: i32) -> String {
    format!("Controller {id} crashed.")
}
/// See [`controller_killed`].
pub fn controller_started(id: i32) -> String {
    format!("Controller {id} started.")
}
/// See [`controller_killed`].
pub fn controller_elected(id: i32, epoch: i32) -> String {
    format!("Controller {id} won the election: the active controller in epoch {epoch}.")
}
/// See [`controller_killed`].
pub fn controller_resigned(id: i32) -> String {
    format!("Controller {id} lost its majority and resigned.")
}
/// The metadata log panel's title.
pub const METADATA_LOG_PANEL: &str = "The metadata log (__cluster_metadata)";
/// Its status block's title.
pub const QUORUM_STATUS: &str = "kafka-metadata-quorum describe --status";
/// One record line.
pub fn metadata_record(offset: i64, epoch: i32, record: &str) -> String {
    format!("{offset} (epoch {epoch}) {record}")
}

// The sandbox.

/// The sandbox's page title and heading.
pub const SANDBOX_TITLE: &str = "Sandbox";
/// The sandbox's first step.
pub const SANDBOX_START: &str = "Three brokers, three controllers, no topics yet";
/// Name of the undo and redo group.
pub const SANDBOX_CONTROLS: &str = "History";
/// Undo button.
pub const UNDO: &str = "Undo";
/// Redo button.
pub const REDO: &str = "Redo";
/// The console panel's heading.
pub const CONSOLE: &str = "Console";
/// Above the console.
pub const CONSOLE_INTRO: &str = "Type Kafka's tools as at work, or the playground's own commands. help lists them; Up and Down recall lines; Tab completes.";
/// The console's output, for screen readers.
pub const CONSOLE_OUTPUT: &str = "Console output";
/// The console's input, for screen readers.
pub const CONSOLE_INPUT: &str = "Command";
/// The console's submit button.
pub const RUN: &str = "Run";
/// The brokers panel's hint in the sandbox.
pub const BROKERS_TRY_SANDBOX: &str = "Kill, stop, isolate or start a broker, produce, and let time pass: each button types its command into the console.";
/// Link to the sandbox.
pub const OPEN_SANDBOX: &str = "Open the sandbox";
/// Beside the link on the home page.
pub const SANDBOX_PITCH: &str = "Three brokers of your own: type kafka-topics.sh and the playground's commands, kill brokers, undo.";

/// "After 3 of 5 commands" (0 is the start).
pub fn sandbox_position(at: usize, len: usize) -> String {
    match (at, len - 1) {
        (_, 0) => "Nothing typed yet".to_string(),
        (0, n) => format!(
            "At the start, before {n} command{}",
            if n == 1 { "" } else { "s" }
        ),
        (a, n) => format!("After {a} of {n} command{}", if n == 1 { "" } else { "s" }),
    }
}

/// The share button.
pub const SHARE_LINK: &str = "Share link";
/// Beside the link once made.
pub const SHARE_LINK_LABEL: &str = "Link to this state (copied): ";
/// While a sandbox loads.
pub const LOADING_SANDBOX: &str = "Loading the sandbox…";
/// "Open in sandbox" on a lesson step.
pub const OPEN_IN_SANDBOX: &str = "Open in sandbox";

/// A share link that is damaged: the lines before the damage were replayed.
pub fn damaged_share_link(why: &str, replayed: usize) -> String {
    format!(
        "This share link is damaged ({why}): {} replayed, the rest could not be read.",
        lines_count(replayed)
    )
}

/// A link that is not a sandbox link.
pub const FOREIGN_SHARE_LINK: &str =
    "This link is not a sandbox share link, so nothing was replayed: the sandbox starts afresh.";

/// A link from a newer playground.
pub fn newer_share_link(version: u32) -> String {
    format!(
        "This link was made by a newer Kafka Playground (format {version}; this one reads format {}), so nothing was replayed: open it in the newer one.",
        kafka_sim::FORMAT_VERSION
    )
}

/// A replayed line that went differently from where it was shared or saved.
#[cfg(feature = "sandbox")]
pub fn replay_stopped(stop: &kafka_lessons::ReplayStop) -> String {
    format!(
        "Replay stopped at line {} (`{}`): {}. The lines before it were replayed.",
        stop.number, stop.text, stop.why
    )
}

/// "3 lines", "1 line".
fn lines_count(n: usize) -> String {
    format!("{n} line{}", if n == 1 { "" } else { "s" })
}

/// A session too long for a link.
#[cfg(feature = "sandbox")]
pub fn share_too_long(chars: usize) -> String {
    format!(
        "This session is too long to share as a link ({chars} characters; a link holds at most {}): export it as a file instead.",
        crate::share::MAX_CHARS
    )
}

/// The export link.
pub const EXPORT_SESSION: &str = "Export session";
/// The import control.
pub const IMPORT_SESSION: &str = "Import session";
/// A session file read.
pub fn imported(name: &str, lines: usize) -> String {
    format!("Imported {name}: {} typed.", lines_count(lines))
}
/// A session file that could not be read at all.
pub fn import_failed(name: &str, why: &str) -> String {
    format!("Could not read {name} ({why}): the sandbox is unchanged.")
}
/// The first step of an imported session.
pub fn imported_title(name: &str) -> String {
    format!("Imported from {name}")
}
/// The file name an export is saved as.
pub const EXPORT_FILE_NAME: &str = "kafka-sandbox-session.txt";

/// The first step of a sandbox forked from a lesson step.
pub fn sandbox_from(id: &str, step: usize, title: &str) -> String {
    format!("From lesson {id}, step {}: {title}", step + 1)
}

/// Under the console while a console producer reads it.
pub const PRODUCER_HINT: &str =
    "kafka-console-producer.sh is reading: each line is one record. Ctrl+D ends it.";
/// The console consumers running beside the prompt, for screen readers.
pub const RUNNING_CONSUMERS: &str = "Console consumers running";
/// Under the running console consumers.
pub const CONSUMER_HINT: &str = "Running beside the prompt, as in a terminal of its own: records print as they arrive and as the clock runs. Ctrl+C stops the newest.";
/// The button that stops the newest console consumer.
pub const STOP_CONSUMER: &str = "Stop the newest (Ctrl+C)";
/// The button that ends a console producer's input.
pub const END_INPUT: &str = "End input (Ctrl+D)";

/// The client code panel's title.
pub const CLIENT_CODE: &str = "Code for a real cluster";
/// Under it.
pub const CLIENT_CODE_INTRO: &str = "The producer and consumer you set up here, as a program for a real cluster. Where a client's defaults differ from the Java client the sandbox models, the code sets them and a comment says why.";
/// The language tabs, for screen readers.
pub const CLIENT_CODE_LANGUAGES: &str = "Language";
/// Before any topic exists.
pub const CLIENT_CODE_NO_TOPIC: &str =
    "Create a topic first: the code writes to the topic you produced to last.";
/// The copy button.
pub const COPY_CODE: &str = "Copy code";

/// After copying.
pub fn code_copied(language: &str) -> String {
    format!("{language} code copied.")
}

/// The code block, for screen readers.
pub fn code_label(language: &str) -> String {
    format!("{language} code")
}

/// The sandbox's forms.
pub const ACTIONS: &str = "Actions";
/// Under the title.
pub const ACTIONS_INTRO: &str = "Each form types its command at the console for you: the same line, the same history, the same errors.";
/// Form titles.
pub const ACTION_CREATE_TOPIC: &str = "Create a topic";
/// Form titles.
pub const ACTION_PRODUCE: &str = "Produce a record";
/// Form titles.
pub const ACTION_ADD_CONSUMER: &str = "Add a consumer";
/// Form titles.
pub const ACTION_CONSUMERS: &str = "A consumer: poll, commit, seek, close";
/// Form titles.
pub const ACTION_RESET_OFFSETS: &str = "Reset a group's offsets";
/// Field labels.
pub const INPUT_TOPIC: &str = "Topic";
/// Field labels.
pub const INPUT_PARTITIONS: &str = "Partitions";
/// Field labels.
pub const INPUT_REPLICATION_FACTOR: &str = "Replication factor";
/// Field labels.
pub const INPUT_KEY: &str = "Key (empty: none)";
/// Field labels.
pub const INPUT_VALUE: &str = "Value";
/// Field labels.
pub const INPUT_HEADER: &str = "Header (name=value)";
/// Field labels.
pub const INPUT_CONSUMER: &str = "Consumer";
/// Field labels.
pub const INPUT_GROUP: &str = "Group";
/// Field labels.
pub const INPUT_PARTITION: &str = "Partition";
/// Field labels.
pub const INPUT_OFFSET: &str = "Offset";
/// Field labels.
pub const INPUT_PLAN: &str = "Plan";
/// Field labels.
pub const INPUT_PLAN_N: &str = "Offset or shift (to-offset, shift-by)";
/// Buttons.
pub const CREATE_TOPIC: &str = "Create topic";
/// Buttons.
pub const SEND: &str = "Send";
/// Buttons.
pub const ADD_CONSUMER: &str = "Add consumer";
/// Buttons.
pub const POLL: &str = "Poll";
/// Buttons.
pub const COMMIT: &str = "Commit";
/// Buttons.
pub const CLOSE_CONSUMER: &str = "Close";
/// Buttons.
pub const CRASH_CONSUMER: &str = "Crash";
/// Buttons.
pub const SEEK: &str = "Seek";
/// Buttons.
pub const RESET_OFFSETS: &str = "Reset offsets";

/// The sandbox's panel picker.
pub const SHOW_PANELS: &str = "Show panels";
/// The sandbox's scrubber over every command.
pub const TIMELINE: &str = "Timeline: every command";

/// A many-partition topic's pager.
pub const PARTITION_PAGER: &str = "Partitions shown";
/// Pager buttons.
pub const EARLIER_PARTITIONS: &str = "Earlier partitions";
/// Pager buttons.
pub const LATER_PARTITIONS: &str = "Later partitions";
/// Pager input.
pub const GO_TO_PARTITION: &str = "Go to";

/// "P16–P31 of 1000".
pub fn partition_window(start: usize, end: usize, count: usize) -> String {
    format!("P{start}–P{} of {count}", end.saturating_sub(1))
}

/// Below a broker column that leaves replicas out.
pub fn more_replicas(n: usize) -> String {
    format!("… and {n} more replicas (kafka-topics --describe lists them all)")
}

/// Below a `--describe` table that leaves rows out.
pub fn more_rows(n: usize) -> String {
    format!("… and {n} more partitions (kafka-consumer-groups --describe prints every one)")
}

/// The sandbox's clock control.
pub const CLOCK: &str = "Clock";
/// Clock buttons.
pub const CLOCK_STEP: &str = "Step 1 s";
/// Clock buttons.
pub const CLOCK_PLAY_1X: &str = "Play 1×";
/// Clock buttons.
pub const CLOCK_PLAY_10X: &str = "Play 10×";
/// Clock buttons.
pub const CLOCK_PAUSE: &str = "Pause";

/// The engine's clock, as the learner reads it: "t = 12.5 s".
pub fn clock_now(ms: i64) -> String {
    match ms % 1000 {
        0 => format!("t = {} s", ms / 1000),
        r => {
            let fraction = format!("{r:03}");
            format!("t = {}.{} s", ms / 1000, fraction.trim_end_matches('0'))
        }
    }
}

/// Above the sandbox: where its history starts (it stays true as the cluster changes).
pub fn started_with(title: &str) -> String {
    format!("Started with: {title}")
}

// -- the learner's journey: challenges, quiz, progress (issue 14) ---------------------------

/// Heading of a lesson's closing section.
pub const CHECK_YOURSELF: &str = "Check yourself";
/// Its intro.
pub const CHECK_YOURSELF_INTRO: &str = "Try the challenges in a sandbox the engine checks, then answer the quiz. Your progress stays in this browser.";
/// Challenges list heading.
pub const CHALLENGES: &str = "Challenges";
/// A challenge's name: "Challenge 1: Land order-100 in partition 1".
pub fn challenge_name(n: usize, title: &str) -> String {
    format!("Challenge {}: {title}", n + 1)
}
/// A solved challenge in a list.
pub fn solved_in(lines: usize) -> String {
    format!("Solved in {}", lines_count(lines))
}
/// An unsolved challenge in a list.
pub const NOT_SOLVED: &str = "Not solved yet";
/// The challenge panel's label.
pub const CHALLENGE: &str = "Challenge";
/// "Challenge 1 of 2 · Lesson 1.2".
pub fn challenge_of(n: usize, total: usize, lesson: &str) -> String {
    format!("Challenge {} of {total} · Lesson {lesson}", n + 1)
}
/// The goal checklist heading.
pub const GOAL: &str = "Goal";
/// A check that holds now.
pub const GOAL_MET: &str = "met";
/// A check that does not hold yet.
pub const GOAL_NOT_MET: &str = "not yet";
/// Button: check the cluster against the goal.
pub const CHECK_CLUSTER: &str = "Check my cluster";
/// Button: start the challenge again.
pub const START_OVER: &str = "Start over";
/// Button: play the known solution.
pub const SHOW_SOLUTION: &str = "Show solution";
/// What the learner may type.
pub fn allowed_here(allow: &[String]) -> String {
    format!("Allowed here: {}, and help.", allow.join(", "))
}
/// A line the challenge does not allow.
pub fn not_allowed(word: &str, allow: &[String]) -> String {
    format!(
        "{word} is not part of this challenge. {}",
        allowed_here(allow)
    )
}
/// After a failed check.
pub const NOT_YET: &str = "Not yet. The engine found:";
/// The hint's label.
pub const HINT: &str = "Hint";
/// Solved, with the learner's count against the shortest known.
pub fn solved(lines: usize, shortest: usize) -> String {
    let how = match lines.cmp(&shortest) {
        std::cmp::Ordering::Less => "fewer than the shortest solution we knew".to_string(),
        std::cmp::Ordering::Equal => "as short as the shortest known solution".to_string(),
        std::cmp::Ordering::Greater => format!("the shortest known solution takes {shortest}"),
    };
    format!("Solved in {}: {how}.", lines_count(lines))
}
/// The solution is playing.
pub fn solution_playing(line: usize, total: usize) -> String {
    format!("Playing the solution: line {} of {total}.", line + 1)
}
/// The solution played to its end.
pub fn solution_played(total: usize) -> String {
    format!(
        "That is the shortest known solution, {}. Start over to solve it yourself.",
        lines_count(total)
    )
}
/// Lines typed so far.
pub fn lines_typed(n: usize) -> String {
    format!("{} typed", lines_count(n))
}
/// The picture of the goal state, from the known solution.
pub const GOAL_PICTURE: &str = "The goal, as the solution leaves it";
/// One partition in the goal picture.
pub fn goal_partition(name: &str, records: usize, keys: &str) -> String {
    let records = format!("{records} record{}", if records == 1 { "" } else { "s" });
    if keys.is_empty() {
        format!("{name}: {records}")
    } else {
        format!("{name}: {records} ({keys})")
    }
}
/// A replicated partition's leader in the goal picture.
pub fn goal_leader(leader: Option<i32>) -> String {
    match leader {
        Some(id) => format!("leader {id}"),
        None => "no leader".to_string(),
    }
}
/// A group in the goal picture.
pub fn goal_group(id: &str, state: &str, lag: i64) -> String {
    format!("group {id}: {state}, lag {lag}")
}
/// Back from a challenge to its lesson.
pub fn back_to_lesson(id: &str) -> String {
    format!("Back to lesson {id}")
}
/// To the next challenge.
pub const NEXT_CHALLENGE: &str = "Next challenge";
/// A challenge that does not exist.
pub fn no_such_challenge(id: &str, n: usize) -> String {
    format!(
        "Lesson {id} has no challenge {}: the sandbox starts afresh.",
        n + 1
    )
}

/// Quiz heading.
pub const QUIZ: &str = "Quiz";
/// Button: check one answer.
pub const CHECK_ANSWER: &str = "Check answer";
/// A right answer.
pub const RIGHT: &str = "Right.";
/// A wrong answer.
pub const WRONG: &str = "Not quite.";
/// The number input's label.
pub const YOUR_ANSWER: &str = "Your answer";
/// A computed question, in words.
pub fn ask_text(ask: &kafka_lessons::Ask) -> String {
    match ask {
        kafka_lessons::Ask::Partition { key, partitions } => format!(
            "With the Java client's default partitioner, which partition does a record with key {key} go to in a topic of {partitions} partitions?"
        ),
        kafka_lessons::Ask::Lag { group, step } => format!(
            "After step {step} of this lesson, what is group {group}'s total lag (the LAG column of kafka-consumer-groups --describe, summed)?"
        ),
        kafka_lessons::Ask::NextOffset {
            topic,
            partition,
            step,
        } => format!(
            "After step {step} of this lesson, which offset does the next record appended to {topic}-{partition} get?"
        ),
    }
}
/// Why a computed answer is what it is.
pub fn answer_text(answer: &kafka_lessons::Answer) -> String {
    match answer {
        kafka_lessons::Answer::Partition(h) => format!(
            "murmur2 gives {}; toPositive makes it {}; {} % {} = {}.",
            h.hash, h.positive, h.positive, h.partitions, h.partition
        ),
        kafka_lessons::Answer::Number(n) => format!("The engine says {n}."),
    }
}
/// A question the engine could not answer (a lesson file's mistake).
pub fn unanswerable(why: &str) -> String {
    format!("This question cannot be answered: {why}.")
}
/// Not a number.
pub const NOT_A_NUMBER: &str = "Type a whole number.";
/// Pick an option first.
pub const PICK_ONE: &str = "Pick one of the options first.";

/// The tracker's title and the header link.
pub const PROGRESS_TITLE: &str = "Your progress";
/// Beside the home page's link to the tracker.
pub const PROGRESS_PITCH: &str = "Steps seen, challenges solved, quiz answers and interview questions, kept in this browser only.";
/// The tracker's intro.
pub const PROGRESS_INTRO: &str = "What you did in each lesson: steps seen, challenges solved and quiz questions answered. It is kept in this browser only; export it to move it to another.";
/// Column headings of the dashboard table.
pub const COL_LESSON: &str = "Lesson";
/// See [`COL_LESSON`].
pub const COL_STATUS: &str = "Status";
/// See [`COL_LESSON`].
pub const COL_COMPLETED: &str = "Completed";
/// See [`COL_LESSON`].
pub const COL_LEARNINGS: &str = "Key learnings";
/// A lesson's status.
pub fn status_name(s: kafka_lessons::progress::Status) -> &'static str {
    match s {
        kafka_lessons::progress::Status::NotStarted => "Not started",
        kafka_lessons::progress::Status::InProgress => "In progress",
        kafka_lessons::progress::Status::Complete => "Complete",
    }
}
/// "3/5".
pub fn of_total(done: usize, total: usize) -> String {
    format!("{done}/{total}")
}
/// A module's progress.
pub fn module_progress(title: &str, percent: usize, complete: usize, lessons: usize) -> String {
    format!("{title}: {percent}% complete ({complete} of {lessons} lessons done)")
}
/// Objectives heading.
pub const OBJECTIVES: &str = "Objectives";
/// A ticked learning, for screen readers and print (not colour alone).
pub const LEARNED: &str = "Done";
/// An unticked learning.
pub const NOT_LEARNED: &str = "Not yet";
/// Interview questions heading.
pub const INTERVIEW: &str = "Interview questions";
/// A locked interview question.
pub const INTERVIEW_LOCKED: &str = "Unlocks when you have seen every step of the lesson.";
/// The answer box.
pub const YOUR_WORDS: &str = "Your answer, in your own words";
/// Button: show the model answer beside the learner's.
pub const COMPARE: &str = "Compare with the model answer";
/// Button: show the model answer without writing one.
pub const REVEAL: &str = "Reveal the model answer";
/// The model answer's label.
pub const MODEL_ANSWER: &str = "Model answer";
/// Open the lesson.
pub const OPEN_LESSON: &str = "Open the lesson";
/// Export, import, reset.
pub const EXPORT_PROGRESS: &str = "Export progress";
/// See [`EXPORT_PROGRESS`].
pub const IMPORT_PROGRESS: &str = "Import progress";
/// See [`EXPORT_PROGRESS`].
pub const RESET_PROGRESS: &str = "Reset progress";
/// See [`EXPORT_PROGRESS`].
pub const CONFIRM_RESET: &str = "Yes, forget my progress";
/// The exported file's name.
pub const PROGRESS_FILE_NAME: &str = "kafka-playground-progress.json";
/// Loading the lessons for the dashboard.
pub const LOADING_PROGRESS: &str = "Loading your progress…";
/// Dismiss a notice.
pub const DISMISS: &str = "Dismiss";
/// Stored progress that could not be read, set aside.
pub fn progress_unreadable(why: &str) -> String {
    format!("Your saved progress could not be read ({why}), so it starts afresh. The old data was kept aside in this browser's storage, under kafka-playground.progress.unreadable.")
}
/// Damaged stored progress.
pub fn progress_damaged(e: &str) -> String {
    format!("it is damaged: {e}")
}
/// Progress of another format version.
pub fn progress_other_version(v: u32) -> String {
    format!(
        "it was written by another version of Kafka Playground, format {v}; this one reads format {}",
        kafka_lessons::progress::VERSION
    )
}
/// An import that worked.
pub fn progress_imported(name: &str) -> String {
    format!("Imported your progress from {name}.")
}
/// An import that did not.
pub fn progress_import_failed(name: &str, why: &kafka_lessons::progress::Unreadable) -> String {
    format!(
        "Could not import {name}: {}. Your progress is unchanged.",
        crate::progress_store::unreadable(why)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn the_clock_reads_in_seconds() {
        assert_eq!(clock_now(0), "t = 0 s");
        assert_eq!(clock_now(12_500), "t = 12.5 s");
        assert_eq!(clock_now(1_001), "t = 1.001 s");
    }

    #[test]
    fn a_consumer_owning_many_partitions_is_told_in_ranges() {
        let t: Arc<str> = Arc::from("big");
        let few: Vec<_> = (0..3).map(|p| (t.clone(), p)).collect();
        assert_eq!(owned_list(&few), "owns big-0, big-1, big-2");
        let mut many: Vec<_> = (0..500).map(|p| (t.clone(), p)).collect();
        many.push((t.clone(), 700));
        assert_eq!(
            owned_list(&many),
            "owns big-0–499, big-700 (501 partitions)"
        );
    }
}
