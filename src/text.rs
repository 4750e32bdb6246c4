//! The message catalogue: every string of the app's chrome that a learner reads or a
//! screen reader announces. Lesson text lives in the lesson files. Each message is
//! `tr(key, English)`, with `{name}` holes that `fill` puts values in: the English is
//! compiled in, another language's text is `locales/<lang>.json` under the same keys
//! (locale.rs picks it; a test holds every catalogue to these keys and holes). Kafka's own
//! words (config keys, error names, CLI output) are not messages: they stay as Kafka
//! prints them.

use crate::locale::{fill, tr};

mod writer;
pub use writer::*;

/// The English plural ending for `n` things, as `{s}` in a template (a language without
/// plural endings leaves `{s}` out of its text).
fn s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Site name.
pub fn app_name() -> &'static str {
    tr("app_name", "Kafka Playground")
}
/// Tagline on the home page.
pub fn tagline() -> &'static str {
    tr(
        "tagline",
        "See how Apache Kafka really runs: a faithful simulation, step by step, in your browser.",
    )
}
/// Home page intro.
pub fn home_intro() -> &'static str {
    tr("home_intro", "Every picture here is drawn from a deterministic simulation of Kafka: murmur2 partitioning to the bit, real config names and defaults, real error names. Nothing is sent anywhere; it works offline.")
}
/// Shown while a lesson file is fetched.
pub fn loading_lesson() -> &'static str {
    tr("loading_lesson", "Loading the lesson…")
}

/// Why a lesson could not be fetched.
pub fn lesson_unreachable(reason: &str) -> String {
    fill(tr("lesson_unreachable", "The lesson file could not be loaded ({reason}). Check the connection and reload the page."), &[("reason", &reason)])
}

/// Shown on the static home page while the app loads (see `shell.rs`; written into
/// `shell.html`, so the wasm build itself never reads it).
#[cfg_attr(not(test), allow(dead_code))]
pub fn loading_app() -> &'static str {
    tr("loading_app", "Loading the simulation…")
}
/// The loader's words (Trunk.toml's script reads them from the static page): the app
/// could not be fetched, `{error}` being why.
#[cfg_attr(not(test), allow(dead_code))]
pub fn loader_failed() -> &'static str {
    tr(
        "loader_failed",
        "The simulation could not be loaded: {error}. Reload the page to try again.",
    )
}
/// The button of the new-build notice (the service worker has a new build).
#[cfg_attr(not(test), allow(dead_code))]
pub fn loader_reload() -> &'static str {
    tr("loader_reload", "Reload")
}
/// The new-build notice.
#[cfg_attr(not(test), allow(dead_code))]
pub fn loader_update() -> &'static str {
    tr(
        "loader_update",
        "A new version of Kafka Playground is ready.",
    )
}
/// Link back home.
pub fn home() -> &'static str {
    tr("home", "All lessons")
}
/// Lesson status for unwritten lessons.
pub fn coming_soon() -> &'static str {
    tr("coming_soon", "Coming soon")
}
/// Button names (the e2e tests find buttons by these): "Previous step" and "Next step",
/// with " step" in its own span so a phone can hide it from sight (not from the name).
pub fn previous() -> &'static str {
    tr("previous", "Previous")
}
/// See [`previous`].
pub fn next() -> &'static str {
    tr("next", "Next")
}
/// See [`previous`].
pub fn step_word() -> &'static str {
    tr("step_word", " step")
}
/// See [`previous`].
pub fn play() -> &'static str {
    tr("play", "Play")
}
/// See [`previous`].
pub fn pause() -> &'static str {
    tr("pause", "Pause")
}
/// Speed control label.
pub fn speed() -> &'static str {
    tr("speed", "Speed")
}
/// Steps navigation label.
pub fn steps() -> &'static str {
    tr("steps", "Steps")
}
/// Keyboard help under the controls.
pub fn keys_help() -> &'static str {
    tr("keys_help", "Keys: ← previous, → next, Space play or pause, P present. Click a record to see it in full.")
}
/// The link into presenter mode (views/presenter.rs).
pub fn present() -> &'static str {
    tr("present", "Present")
}
/// Presenter mode's bar: its name, its keys, and the way out.
pub fn presenter_mode() -> &'static str {
    tr("presenter_mode", "Presenter mode")
}
/// See [`presenter_mode`].
pub fn presenter_keys() -> &'static str {
    tr(
        "presenter_keys",
        "← → step · Space play · F full screen · B blank · N notes · Esc leave",
    )
}
/// See [`presenter_mode`].
pub fn exit_presenter() -> &'static str {
    tr("exit_presenter", "Leave presenter mode")
}
/// The lesson player's button that copies an iframe of the step (embed.rs).
pub fn copy_embed_code() -> &'static str {
    tr("copy_embed_code", "Copy embed code")
}
/// Beside the snippet once copied.
pub fn embed_code_label() -> &'static str {
    tr("embed_code_label", "Embed code for this step (copied): ")
}
/// Embedded, the link to the whole page in a new tab.
pub fn open_full_page() -> &'static str {
    tr("open_full_page", "Open in Kafka Playground ↗")
}
/// The embedded frame's name: "Lesson 1.2: Keyed routing, step 3".
pub fn embed_title(id: &str, title: &str, step: usize) -> String {
    fill(
        tr("embed_title", "Lesson {id}: {title}, step {step}"),
        &[("id", &id), ("title", &title), ("step", &(step + 1))],
    )
}
/// One thing a step did, for the live region (view_model::story).
pub fn told(t: &crate::view_model::Told) -> String {
    use crate::view_model::Told;
    match t {
        Told::TopicCreated { topic, partitions } => fill(
            tr("told.topic_created", "topic {topic} created with {partitions} partition{s}"),
            &[("topic", &topic), ("partitions", &partitions), ("s", &s(*partitions as usize))],
        ),
        Told::PartitionsAdded { topic, to } => fill(tr("told", "{topic} now has {to} partitions"), &[("topic", &topic), ("to", &to)]),
        Told::Appended {
            key,
            topic,
            partition,
            offset,
        } => match key {
            Some(k) => {
                fill(tr("told.2", "record {k} appended to {topic} partition {partition} at offset {offset}"), &[("k", &k), ("topic", &topic), ("partition", &partition), ("offset", &offset)])
            }
            None => fill(tr("told.3", "record with a null key appended to {topic} partition {partition} at offset {offset}"), &[("topic", &topic), ("partition", &partition), ("offset", &offset)]),
        },
        Told::AppendedMore { count } => fill(tr("told.appended_more", "and {count} more record{s}"), &[("count", &count), ("s", &s(*count))]),
        Told::Polled { consumer, count } => {
            fill(tr("told.polled", "{consumer} polled {count} record{s}"), &[("consumer", &consumer), ("count", &count), ("s", &s(*count))])
        }
        Told::Committed { group, offsets } => match offsets.as_slice() {
            [(topic, partition, offset)] => {
                fill(tr("told.4", "group {group} committed offset {offset} for {topic} partition {partition}"), &[("group", &group), ("offset", &offset), ("topic", &topic), ("partition", &partition)])
            }
            many => fill(tr("told.committed_many", "group {group} committed offsets for {count} partitions"), &[("group", &group), ("count", &many.len())]),
        },
        Told::Rebalanced { group, generation } => {
            fill(tr("told.5", "group {group} rebalanced into generation {generation}"), &[("group", &group), ("generation", &generation)])
        }
        Told::ConsumerCrashed { consumer } => fill(tr("told.6", "{consumer} crashed"), &[("consumer", &consumer)]),
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
        more = fill(
            tr("step_story.more", "and {count} more changes"),
            &[("count", &(sentences.len() - MAX_TOLD))],
        );
        out.push(&more);
    }
    if out.is_empty() {
        String::new()
    } else {
        format!("{}.", out.join("; "))
    }
}
/// Announced when B blanks the screen.
pub fn screen_blanked() -> &'static str {
    tr(
        "screen_blanked",
        "Screen blanked. Press B to show it again.",
    )
}
/// Closes the record panel.
pub fn close_record() -> &'static str {
    tr("close_record", "Close record")
}
/// The theme button names what it does, so it says which theme is on now. The static
/// page's script in `index.html` uses the same two strings (a test checks).
pub fn theme_to_dark() -> &'static str {
    tr("theme_to_dark", "Switch to dark theme")
}
/// See [`theme_to_dark`].
pub fn theme_to_light() -> &'static str {
    tr("theme_to_light", "Switch to light theme")
}
/// The link on a lesson's last step.
pub fn next_lesson() -> &'static str {
    tr("next_lesson", "Next lesson")
}
/// Beside it, where it leads: "Lesson 1.5: Offset semantics".
pub fn next_lesson_title(id: &str, title: &str) -> String {
    fill(
        tr("next_lesson_title", "Lesson {id}: {title}"),
        &[("id", &id), ("title", &title)],
    )
}
/// On the last step of the last lesson.
pub fn last_lesson_done() -> &'static str {
    tr(
        "last_lesson_done",
        "That was the last lesson written so far.",
    )
}
/// What the engine found instead of a goal (kafka-lessons' `Miss`): its message in the
/// language in use, by its key, with the values filled in.
pub fn miss(m: &kafka_lessons::Miss) -> String {
    m.fill(tr(m.key, m.english))
}
/// Heading of the checks list.
pub fn engine_checks() -> &'static str {
    tr("engine_checks", "Checked by the engine")
}
/// Heading of a list of refused commands, by who refused them.
pub fn refused_heading(who: crate::view_model::Refuser) -> &'static str {
    match who {
        crate::view_model::Refuser::Client => tr("refused_heading", "Refused by the client"),
        crate::view_model::Refuser::Broker => tr("refused_heading.2", "Refused by the broker"),
    }
}
/// Heading of the commands of a step.
pub fn commands() -> &'static str {
    tr("commands", "Commands in this step")
}
/// Label of the cluster picture.
pub fn cluster() -> &'static str {
    tr("cluster", "Cluster")
}
/// Shown when there is no topic yet.
pub fn no_topics() -> &'static str {
    tr("no_topics", "No topics yet: one broker, waiting.")
}
/// Not found page heading.
pub fn not_found() -> &'static str {
    tr("not_found", "Nothing here")
}
/// Lesson that failed to load.
pub fn lesson_broken() -> &'static str {
    tr("lesson_broken", "This lesson could not be played")
}
/// Panel headings.
pub fn hash_panel() -> &'static str {
    tr("hash_panel", "How the partition was chosen")
}
/// See [`hash_panel`].
pub fn distribution_panel() -> &'static str {
    tr("distribution_panel", "Records per partition")
}
/// See [`hash_panel`].
pub fn try_key_panel() -> &'static str {
    tr("try_key_panel", "Try a key")
}
/// See [`hash_panel`].
pub fn reads_panel() -> &'static str {
    tr("reads_panel", "Reads in this step")
}
/// See [`hash_panel`].
pub fn metadata_panel() -> &'static str {
    tr("metadata_panel", "kafka-topics --describe")
}
/// Try-a-key inputs.
pub fn key() -> &'static str {
    tr("key", "Key")
}
/// See [`key`].
pub fn partitions() -> &'static str {
    tr("partitions", "Partitions")
}
/// See [`key`].
pub fn null_key() -> &'static str {
    tr("null_key", "Null key")
}
/// Java client label.
pub fn java_client() -> &'static str {
    tr("java_client", "Java client (murmur2)")
}
/// librdkafka label.
pub fn librdkafka_consistent() -> &'static str {
    tr("librdkafka_consistent", "librdkafka consistent (CRC-32)")
}
/// Caption of the try box's table of clients.
pub fn every_client_caption() -> &'static str {
    tr("every_client_caption", "Where each client puts this key")
}
/// Column heads of that table.
pub fn column_client() -> &'static str {
    tr("column_client", "Client")
}
/// See [`column_client`].
pub fn column_setting() -> &'static str {
    tr("column_setting", "Partitioner setting")
}
/// See [`column_client`].
pub fn column_partition() -> &'static str {
    tr("column_partition", "Partition")
}
/// A client that does not take the partition from the key.
pub fn not_from_key() -> &'static str {
    tr("not_from_key", "not from the key")
}
/// Why the try box cannot use a partition count: what the box takes, in plain words,
/// and Kafka's rule where the count breaks one of Kafka's.
pub fn bad_partition_count(why: crate::views::try_key::BadCount) -> &'static str {
    use crate::views::try_key::BadCount;
    match why {
        BadCount::NotWhole => tr("bad_partition_count", "Type a whole number of partitions, from 1 to 2147483647."),
        BadCount::NotPositive => tr("bad_partition_count.2", "A topic has at least one partition: Kafka refuses 0 or fewer (InvalidPartitionsException)."),
        BadCount::TooLarge => tr("bad_partition_count.3", "Kafka counts partitions in a Java int: 2147483647 at most."),
    }
}
/// Null-key explanation in the try box.
pub fn null_key_explained() -> &'static str {
    tr("null_key_explained", "A null key is not hashed: the Java producer uses its sticky partitioner (KIP-794), so the key cannot tell you the partition.")
}
/// Hash panel when the step routed nothing.
pub fn no_routing() -> &'static str {
    tr("no_routing", "No record was produced in this step.")
}
/// Footer.
pub fn footer() -> &'static str {
    tr("footer", "A static site: no server, no tracking. Faithful to Apache Kafka's Java client and broker; sources named in the code.")
}

/// "Step 3 of 9".
pub fn step_of(step: usize, total: usize) -> String {
    fill(
        tr("step_of", "Step {step} of {total}"),
        &[("step", &(step + 1)), ("total", &total)],
    )
}

/// "Lesson 1.2".
pub fn lesson_label(id: &str) -> String {
    fill(tr("lesson_label", "Lesson {id}"), &[("id", &id)])
}

/// "Lesson 7.7 does not exist."
pub fn no_such_lesson(id: &str) -> String {
    fill(
        tr("no_such_lesson", "There is no lesson {id}."),
        &[("id", &id)],
    )
}

/// Accessible name of a partition's record list.
pub fn partition_name(topic: &str, partition: u32) -> String {
    fill(
        tr("partition_name", "{topic} partition {partition}"),
        &[("topic", &topic), ("partition", &partition)],
    )
}

/// Accessible name of one record cell.
pub fn record_name(offset: i64, key: Option<&str>, value: Option<&str>) -> String {
    fill(
        tr("record_name", "offset {offset}, key {key}, value {value}"),
        &[
            ("offset", &offset),
            ("key", &key.unwrap_or("null")),
            ("value", &value.unwrap_or("null")),
        ],
    )
}

/// Sends panel heading.
pub fn sends_panel() -> &'static str {
    tr("sends_panel", "What the producer did")
}
/// Shown when the producer did nothing in the step.
pub fn no_sends() -> &'static str {
    tr("no_sends", "The producer sent nothing in this step.")
}
/// `beginTransaction()`.
pub fn send_begin() -> &'static str {
    tr("send_begin", "beginTransaction()")
}

/// "set-producer acks=all".
pub fn send_configured(name: &str, value: &str) -> String {
    fill(
        tr("send_configured", "new producer: {name}={value}"),
        &[("name", &name), ("value", &value)],
    )
}
/// InitProducerId for an idempotent producer.
pub fn send_producer_id(id: i64, epoch: i16) -> String {
    fill(
        tr(
            "send_producer_id",
            "InitProducerId: producer id {id}, epoch {epoch}",
        ),
        &[("id", &id), ("epoch", &epoch)],
    )
}
/// The broker appended a record.
pub fn send_appended(topic: &str, partition: u32, offset: i64, tag: Option<(i64, i32)>) -> String {
    match tag {
        Some((id, seq)) => fill(
            tr(
                "send_appended",
                "{topic}-{partition}: appended at offset {offset} (producer {id}, sequence {seq})",
            ),
            &[
                ("topic", &topic),
                ("partition", &partition),
                ("offset", &offset),
                ("id", &id),
                ("seq", &seq),
            ],
        ),
        None => fill(
            tr(
                "send_appended.2",
                "{topic}-{partition}: appended at offset {offset} (no producer id: not idempotent)",
            ),
            &[
                ("topic", &topic),
                ("partition", &partition),
                ("offset", &offset),
            ],
        ),
    }
}
/// A request lost on the way.
pub fn send_request_lost(topic: &str, partition: u32) -> String {
    fill(
        tr(
            "send_request_lost",
            "{topic}-{partition}: the request was lost before the broker saw it",
        ),
        &[("topic", &topic), ("partition", &partition)],
    )
}
/// An acknowledgement lost on the way back.
pub fn send_ack_lost(topic: &str, partition: u32, offset: i64) -> String {
    fill(tr("send_ack_lost", "{topic}-{partition}: the broker's answer (offset {offset}) was lost; the producer cannot tell"), &[("topic", &topic), ("partition", &partition), ("offset", &offset)])
}
/// A retry.
pub fn send_retried(sequence: i32, after_ms: i64) -> String {
    if sequence < 0 {
        fill(
            tr(
                "send_retried",
                "after request.timeout.ms={after_ms}: sent again",
            ),
            &[("after_ms", &after_ms)],
        )
    } else {
        fill(
            tr(
                "send_retried.2",
                "after request.timeout.ms={after_ms}: sent again with the same sequence {sequence}",
            ),
            &[("after_ms", &after_ms), ("sequence", &sequence)],
        )
    }
}
/// A duplicate turned away.
pub fn send_duplicate(sequence: i32, offset: i64) -> String {
    fill(tr("send_duplicate", "the broker knows sequence {sequence}: a duplicate, answered with offset {offset}, nothing written"), &[("sequence", &sequence), ("offset", &offset)])
}
/// A send that failed for good.
pub fn send_failed(kind: &str, message: &str, in_log: bool) -> String {
    if in_log {
        fill(
            tr(
                "send_failed",
                "send failed: {kind}: {message}; the record is in the log all the same",
            ),
            &[("kind", &kind), ("message", &message)],
        )
    } else {
        fill(
            tr(
                "send_failed.2",
                "send failed: {kind}: {message}; the record was never written",
            ),
            &[("kind", &kind), ("message", &message)],
        )
    }
}
/// initTransactions().
pub fn send_init_transactions(id: &str, producer: i64, epoch: i16) -> String {
    fill(
        tr(
            "send_init_transactions",
            "initTransactions(): transactional.id {id}, producer id {producer}, epoch {epoch}",
        ),
        &[("id", &id), ("producer", &producer), ("epoch", &epoch)],
    )
}
/// commitTransaction() or abortTransaction().
pub fn send_transaction_ended(committed: bool, markers: &[String]) -> String {
    let call = if committed {
        tr("send_transaction_ended.2", "commitTransaction()")
    } else {
        tr("send_transaction_ended.3", "abortTransaction()")
    };
    let marker = if committed { "COMMIT" } else { "ABORT" };
    fill(
        tr(
            "send_transaction_ended",
            "{call}: {marker} marker at {offsets}",
        ),
        &[
            ("call", &call),
            ("marker", &marker),
            ("offsets", &markers.join(", ")),
        ],
    )
}

/// Record inspector label for the batch's producer fields.
pub fn field_producer() -> &'static str {
    tr("field_producer", "producer")
}

/// "id 0, epoch 0, sequence 3" (from the batch header), or why there is none.
pub fn producer_tag(tag: Option<(i64, i16, i32)>, marker: Option<&str>) -> String {
    match (tag, marker) {
        (_, Some(m)) => fill(
            tr(
                "producer_tag",
                "{m} marker of a transaction (a control record)",
            ),
            &[("m", &m)],
        ),
        (Some((id, epoch, seq)), None) => fill(
            tr("producer_tag.2", "id {id}, epoch {epoch}, sequence {seq}"),
            &[("id", &id), ("epoch", &epoch), ("seq", &seq)],
        ),
        (None, None) => tr(
            "producer_tag.3",
            "none: written without idempotence (producer id -1)",
        )
        .to_string(),
    }
}

/// A tombstone's accessible name: "offset 6, key user-2, tombstone".
pub fn tombstone_name(offset: i64, key: &str) -> String {
    fill(
        tr("tombstone_name", "offset {offset}, key {key}, tombstone"),
        &[("offset", &offset), ("key", &key)],
    )
}

/// An offset the log cleaner emptied: "offset 2, removed by compaction".
pub fn hole_name(offset: i64) -> String {
    fill(
        tr("hole_name", "offset {offset}, removed by compaction"),
        &[("offset", &offset)],
    )
}

/// A transaction marker's accessible name: "offset 3, commit() marker".
pub fn marker_name(offset: i64, marker: &str) -> String {
    fill(
        tr("marker_name", "offset {offset}, {marker} marker"),
        &[("offset", &offset), ("marker", &marker)],
    )
}

/// Appended to the name of a record of an aborted transaction.
pub fn aborted_suffix() -> &'static str {
    tr("aborted_suffix", ", aborted")
}
/// Appended to the name of a record written a second time by a retry.
pub fn duplicate_suffix() -> &'static str {
    tr("duplicate_suffix", ", a duplicate written by a retry")
}

// --- Labels inside the pictures and panels ------------------------------------------

/// Skip link.
pub fn skip_to_content() -> &'static str {
    tr("skip_to_content", "Skip to content")
}
/// Lesson controls group.
pub fn lesson_controls() -> &'static str {
    tr("lesson_controls", "Lesson controls")
}
/// Screen-reader prefix of a passed check.
pub fn passed() -> &'static str {
    tr("passed", "Passed: ")
}
/// Screen-reader prefix of a failed check.
pub fn failed() -> &'static str {
    tr("failed", "Failed: ")
}
/// Log end offset mark.
pub fn leo() -> &'static str {
    tr("leo", "LEO")
}
/// A picture's legend.
pub fn legend() -> &'static str {
    tr("legend", "Legend")
}

/// What a legend entry means (keys are named by the key itself).
pub fn legend_label(s: &crate::view_model::Swatch) -> String {
    use crate::view_model::Swatch;
    match s {
        Swatch::Key(_) => tr("legend_label.2", "null key").into(),
        Swatch::Position => tr(
            "legend_label.3",
            "a consumer's position: the next offset it fetches",
        )
        .into(),
        Swatch::Committed => tr(
            "legend_label.4",
            "a group's committed offset: where it restarts",
        )
        .into(),
        Swatch::Marker => tr(
            "legend_label.5",
            "dashed: a transaction marker (commit() or ABORT), with its own offset",
        )
        .into(),
        Swatch::Aborted => tr(
            "legend_label.6",
            "faded, struck: written in a transaction that aborted",
        )
        .into(),
        Swatch::Duplicate => tr(
            "legend_label.7",
            "flagged: the same send written again by a retry",
        )
        .into(),
        Swatch::Tombstone => tr(
            "legend_label.tombstone",
            "outlined: a tombstone, a key with a null value",
        )
        .into(),
        Swatch::Hole => tr("legend_label.hole", "dotted: an offset compaction emptied").into(),
        Swatch::HighWatermark => tr("legend_label.8", "HW: consumers read below this line").into(),
        Swatch::LogEnd => tr("legend_label.9", "LEO: the offset the next record gets").into(),
        Swatch::Segment => tr("legend_label.10", "dashed line: a new segment file starts").into(),
        Swatch::Sequence => tr("legend_label.11", "sN: the producer's sequence number").into(),
        Swatch::Line(p) => fill(tr("legend_label", "partition {p}"), &[("p", &p)]),
    }
}
/// Field names of a record.
pub fn field_key() -> &'static str {
    tr("field_key", "key")
}
/// See [`field_key`].
pub fn field_value() -> &'static str {
    tr("field_value", "value")
}
/// See [`field_key`].
pub fn field_headers() -> &'static str {
    tr("field_headers", "headers")
}
/// See [`field_key`].
pub fn field_timestamp() -> &'static str {
    tr("field_timestamp", "timestamp")
}
/// See [`field_key`].
pub fn field_segment() -> &'static str {
    tr("field_segment", "segment")
}
/// See [`field_key`].
pub fn field_partition() -> &'static str {
    tr("field_partition", "partition")
}
/// Hash steps.
pub fn utf8_bytes() -> &'static str {
    tr("utf8_bytes", "UTF-8 bytes")
}
/// See [`utf8_bytes`].
pub fn murmur2_of_bytes() -> &'static str {
    tr("murmur2_of_bytes", "murmur2(bytes)")
}
/// See [`utf8_bytes`].
pub fn to_positive() -> &'static str {
    tr("to_positive", "toPositive: n & 0x7fffffff")
}
/// See [`utf8_bytes`].
pub fn crc32_of_bytes() -> &'static str {
    tr("crc32_of_bytes", "crc32(bytes)")
}
/// See [`utf8_bytes`].
pub fn unsigned() -> &'static str {
    tr("unsigned", "unsigned")
}
/// See [`utf8_bytes`].
pub fn fnv1a_of_bytes() -> &'static str {
    tr("fnv1a_of_bytes", "fnv1a(bytes) as int32")
}
/// See [`utf8_bytes`]: Sarama's sign flip.
pub fn negated_if_negative() -> &'static str {
    tr("negated_if_negative", "negated if negative")
}
/// See [`utf8_bytes`].
pub fn kafkajs_legacy_murmur2_of_bytes() -> &'static str {
    tr(
        "kafkajs_legacy_murmur2_of_bytes",
        "KafkaJS 1.x murmur2(bytes)",
    )
}
/// No headers.
pub fn no_headers() -> &'static str {
    tr("no_headers", "(none)")
}
/// A read that returned nothing.
pub fn nothing_new() -> &'static str {
    tr("nothing_new", "nothing new")
}
/// Routing explanations.
pub fn routed_random() -> &'static str {
    tr(
        "routed_random",
        "librdkafka picked a random partition for this key.",
    )
}
/// See [`routed_random`].
pub fn routed_explicit() -> &'static str {
    tr(
        "routed_explicit",
        "The record named its partition; an explicit partition always wins.",
    )
}
/// The initial key of the try box.
pub fn try_key_example() -> &'static str {
    tr("try_key_example", "user-1")
}

/// Producer card label.
pub fn producer() -> &'static str {
    tr("producer", "Producer")
}
/// Producer card when nothing was sent in this step.
pub fn producer_idle() -> &'static str {
    tr("producer_idle", "sent nothing in this step")
}

/// "sent 29 records; the last, key user-3, to user-events-2 at offset 29".
pub fn producer_sent(
    count: usize,
    key: Option<&str>,
    topic: &str,
    partition: u32,
    offset: i64,
) -> String {
    let records = if count == 1 {
        tr("producer_sent.4", "1 record").to_string()
    } else {
        fill(tr("producer_sent", "{count} records"), &[("count", &count)])
    };
    let key = key.map_or(
        tr("producer_sent.null_key", "a null key").to_string(),
        |k| fill(tr("producer_sent.2", "key {k}"), &[("k", &k)]),
    );
    fill(
        tr(
            "producer_sent.3",
            "sent {records}; the last, {key}, to {topic}-{partition} at offset {offset}",
        ),
        &[
            ("records", &records),
            ("key", &key),
            ("topic", &topic),
            ("partition", &partition),
            ("offset", &offset),
        ],
    )
}

/// "No page at #/x."
pub fn no_page_at(path: &str) -> String {
    fill(tr("no_page_at", "No page at #{path}."), &[("path", &path)])
}

/// "Step 3: title", for the step dots.
pub fn step_link(step: usize, title: &str) -> String {
    fill(
        tr("step_link", "Step {step}: {title}"),
        &[("step", &(step + 1)), ("title", &title)],
    )
}

/// "Broker 1".
pub fn broker(id: i32) -> String {
    fill(tr("broker", "Broker {id}"), &[("id", &id)])
}

/// "Topic orders".
pub fn topic_label(name: &str) -> String {
    fill(tr("topic_label", "Topic {name}"), &[("name", &name)])
}

/// The SVG's accessible name.
pub fn topic_picture(name: &str) -> String {
    fill(
        tr(
            "topic_picture",
            "Topic {name}: partitions drawn as logs of offsets",
        ),
        &[("name", &name)],
    )
}

/// "3 partitions · 30 records".
pub fn topic_summary(partitions: usize, records: usize) -> String {
    fill(
        tr(
            "topic_summary",
            "{partitions} partition{partitions_s} · {records} record{records_s}",
        ),
        &[
            ("partitions", &partitions),
            ("partitions_s", &s(partitions)),
            ("records", &records),
            ("records_s", &s(records)),
        ],
    )
}

/// "leader 1 · ISR 1".
pub fn partition_meta(leader: Option<i32>, isr: &[i32]) -> String {
    let isr: Vec<String> = isr.iter().map(i32::to_string).collect();
    match leader {
        Some(leader) => fill(
            tr("partition_meta", "leader {leader} · ISR {isr}"),
            &[("leader", &leader), ("isr", &isr.join(","))],
        ),
        None => fill(
            tr("partition_meta.no_leader", "no leader · ISR {isr}"),
            &[("isr", &isr.join(","))],
        ),
    }
}

/// "segment 6".
pub fn segment_label(base: i64) -> String {
    fill(tr("segment_label", "segment {base}"), &[("base", &base)])
}
/// "log start 6": the first segment of a log that retention shortened.
pub fn log_start_label(base: i64) -> String {
    fill(
        tr("log_start_label", "log start {base}"),
        &[("base", &base)],
    )
}

/// "HW 14".
pub fn high_watermark(hw: i64) -> String {
    fill(tr("high_watermark", "HW {hw}"), &[("hw", &hw)])
}

/// "partition 0: 10", for the chart's accessible name.
pub fn partition_count(partition: u32, count: usize) -> String {
    fill(
        tr("partition_count", "partition {partition}: {count}"),
        &[("partition", &partition), ("count", &count)],
    )
}

/// "key user-1 → orders-1 at offset 3".
pub fn routed(key: Option<&str>, topic: &str, partition: u32, offset: i64) -> String {
    let key = key.map_or(tr("routed.null_key", "null key").to_string(), |k| {
        fill(tr("routed", "key {k}"), &[("k", &k)])
    });
    fill(
        tr("routed.2", "{key} → {topic}-{partition} at offset {offset}"),
        &[
            ("key", &key),
            ("topic", &topic),
            ("partition", &partition),
            ("offset", &offset),
        ],
    )
}

/// Java sticky partitioner explanation.
pub fn routed_sticky(partition: u32, switched: bool, produced: u32, batch_size: u32) -> String {
    let chosen = if switched {
        tr(
            "routed_sticky.chosen",
            ", chosen at random for this new run",
        )
    } else {
        ""
    };
    let next = if produced >= batch_size {
        tr(
            "routed_sticky.full",
            "; the next keyless record picks a new partition.",
        )
    } else {
        "."
    };
    fill(
        tr("routed_sticky", "No key to hash: the built-in partitioner (KIP-794) sends it to the sticky partition {partition}{chosen}. {produced} of batch.size={batch_size} bytes have gone there{next}"),
        &[
            ("partition", &partition),
            ("chosen", &chosen),
            ("produced", &produced),
            ("batch_size", &batch_size),
            ("next", &next),
        ],
    )
}

/// librdkafka sticky explanation.
pub fn routed_linger(partition: u32, linger_ms: i64, switched: bool, since_ms: i64) -> String {
    let when = if switched {
        tr("routed_linger.3", ", chosen at random just now").to_string()
    } else {
        fill(
            tr("routed_linger", " (chosen at {since_ms} ms)"),
            &[("since_ms", &since_ms)],
        )
    };
    fill(tr("routed_linger.2", "No key to hash: librdkafka keeps keyless records on partition {partition} for sticky.partitioning.linger.ms={linger_ms} ms{when}."), &[("partition", &partition), ("linger_ms", &linger_ms), ("when", &when)])
}

/// RoundRobinPartitioner explanation.
pub fn routed_round_robin(counter: u32, partition: u32) -> String {
    fill(
        tr(
            "routed_round_robin",
            "RoundRobinPartitioner: counter {counter} % partitions = {partition}",
        ),
        &[("counter", &counter), ("partition", &partition)],
    )
}

/// "% 3 partitions".
pub fn modulo_partitions(partitions: u32) -> String {
    fill(
        tr("modulo_partitions", "% {partitions} partitions"),
        &[("partitions", &partitions)],
    )
}

/// "offsets 0 to 3 (4 records)".
pub fn offsets_range(first: i64, last: i64, count: usize) -> String {
    fill(
        tr(
            "offsets_range",
            "offsets {first} to {last} ({count} records)",
        ),
        &[("first", &first), ("last", &last), ("count", &count)],
    )
}

/// " fetched notifications-0: offsets 0 to 3 (4 records); next fetch from offset 4."
pub fn fetched(topic: &str, partition: u32, range: &str, next: i64) -> String {
    fill(
        tr(
            "fetched",
            " fetched {topic}-{partition}: {range}; next fetch from offset {next}.",
        ),
        &[
            ("topic", &topic),
            ("partition", &partition),
            ("range", &range),
            ("next", &next),
        ],
    )
}

/// "Record: orders-1 @ offset 3".
pub fn record_heading(topic: &str, partition: u32, offset: i64) -> String {
    fill(
        tr(
            "record_heading",
            "Record: {topic}-{partition} @ offset {offset}",
        ),
        &[
            ("topic", &topic),
            ("partition", &partition),
            ("offset", &offset),
        ],
    )
}

/// "0 ms (CreateTime, simulated clock)".
pub fn timestamp(ms: i64) -> String {
    fill(
        tr("timestamp", "{ms} ms (CreateTime, simulated clock)"),
        &[("ms", &ms)],
    )
}

/// "Records per partition: orders".
pub fn distribution_title(topic: &str) -> String {
    format!("{}: {topic}", distribution_panel())
}

/// "Commands in this step (30)".
pub fn commands_summary(count: usize) -> String {
    format!("{} ({count})", commands())
}

pub use groups_text::*;

/// Strings of the consumer and group views.
mod groups_text {
    // --- Consumers and groups --------------------------------------------------------------

    /// Consumer log panel heading.
    pub fn consumer_log_panel() -> &'static str {
        tr("consumer_log_panel", "Consumer log")
    }
    /// Shown when no poll returned anything in this step.
    pub fn nothing_polled() -> &'static str {
        tr("nothing_polled", "No records were polled in this step.")
    }
    /// Groups panel heading.
    pub fn groups_panel() -> &'static str {
        tr("groups_panel", "kafka-consumer-groups --describe")
    }
    /// Consumers list label.
    pub fn consumers() -> &'static str {
        tr("consumers", "Consumers")
    }
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
            "Empty" => Some(fill(
                tr(
                    "describe_notice",
                    "Consumer group '{group}' has no active members.",
                ),
                &[("group", &group)],
            )),
            "PreparingRebalance" | "CompletingRebalance" | "Assigning" | "Reconciling" => {
                Some(fill(
                    tr(
                        "describe_notice.2",
                        "Warning: Consumer group '{group}' is rebalancing.",
                    ),
                    &[("group", &group)],
                ))
            }
            "Dead" => Some(fill(
                tr(
                    "describe_notice.3",
                    "Consumer group '{group}' does not exist.",
                ),
                &[("group", &group)],
            )),
            _ => None,
        }
    }
    /// The CLI's mark for "no value" in a describe cell.
    pub fn no_value() -> &'static str {
        tr("no_value", "-")
    }
    /// Shown in the groups panel before any group exists.
    pub fn no_groups() -> &'static str {
        tr("no_groups", "No consumer group exists yet.")
    }

    use crate::locale::{fill, tr};
    use crate::view_model::Activity;

    /// What a consumer card says the consumer is doing.
    pub fn activity(a: Activity) -> &'static str {
        match a {
            Activity::Reading => tr("activity", "reading"),
            Activity::Idle => tr("activity.2", "idle: no partition for it"),
            Activity::Paused => tr("activity.3", "paused: waiting for the rebalance"),
            Activity::ReadingThroughRebalance => {
                tr("activity.4", "rebalancing, still reading what it keeps")
            }
            Activity::NotJoined => tr("activity.5", "not in the group yet"),
            Activity::Crashed => tr("activity.6", "crashed: no heartbeats"),
            Activity::Closed => tr("activity.7", "closed"),
        }
    }

    /// A group's heading on the consumer cards: "group scaling · generation 3".
    pub fn group_cards_title(group: &str, generation: i32, epochs: bool) -> String {
        if epochs {
            fill(
                tr(
                    "group_cards_title",
                    "group {group} · group epoch {generation}",
                ),
                &[("group", &group), ("generation", &generation)],
            )
        } else {
            fill(
                tr(
                    "group_cards_title.2",
                    "group {group} · generation {generation}",
                ),
                &[("group", &group), ("generation", &generation)],
            )
        }
    }

    /// A folded group: "group audit · generation 1 · 1 running, 1 stopped".
    pub fn folded_group(title: &str, running: usize, stopped: usize) -> String {
        let mut s = fill(
            tr("folded_group", "{title} · {running} running"),
            &[("title", &title), ("running", &running)],
        );
        if stopped > 0 {
            s.push_str(&fill(
                tr("folded_group.2", ", {stopped} stopped"),
                &[("stopped", &stopped)],
            ));
        }
        s
    }

    /// One stopped consumer: "t1 crashed", "t2 closed" (the view model's liveness).
    pub fn stopped_consumer(name: &str, liveness: &str) -> String {
        match liveness {
            "crashed" => fill(
                tr("stopped_consumer.crashed", "{name} crashed"),
                &[("name", &name)],
            ),
            _ => fill(
                tr("stopped_consumer.closed", "{name} closed"),
                &[("name", &name)],
            ),
        }
    }
    /// The line crashed and closed consumers fold into: "Stopped: a1 crashed, c3 closed".
    pub fn stopped_consumers(names: &[String]) -> String {
        fill(
            tr("stopped_consumers", "Stopped: {names}"),
            &[("names", &names.join(", "))],
        )
    }

    /// A consumer card's owned partitions, or that it owns none.
    pub fn owned_list(owned: &[(std::sync::Arc<str>, u32)]) -> String {
        if owned.is_empty() {
            return tr("owned_list.none", "owns no partition").to_string();
        }
        if owned.len() <= 8 {
            let names: Vec<String> = owned.iter().map(kafka_sim::consumer::tp_name).collect();
            return fill(
                tr("owned_list", "owns {partitions}"),
                &[("partitions", &names.join(", "))],
            );
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
        fill(
            tr("owned_list.many", "owns {partitions} ({count} partitions)"),
            &[("partitions", &parts.join(", ")), ("count", &owned.len())],
        )
    }

    /// Lag chart heading.
    pub fn lag_chart_title(group: &str, of: kafka_lessons::LagOf) -> String {
        match of {
            kafka_lessons::LagOf::Committed => fill(
                tr(
                    "lag_chart_title",
                    "Lag of group {group}, per partition (from committed offsets)",
                ),
                &[("group", &group)],
            ),
            kafka_lessons::LagOf::Position => fill(
                tr(
                    "lag_chart_title.2",
                    "How far group {group}'s readers are behind, per partition (records-lag)",
                ),
                &[("group", &group)],
            ),
        }
    }
    /// The lag chart's x axis.
    pub fn lag_chart_x() -> &'static str {
        tr("lag_chart_x", "every command of the lesson so far →")
    }
    /// Lag chart's accessible summary: "Lag now: user-events-0 2, user-events-1 0 (clock 12 s)".
    pub fn lag_chart_summary(lags: &[(String, Option<i64>)], now_ms: i64) -> String {
        let parts: Vec<String> = lags
            .iter()
            .map(|(tp, lag)| match lag {
                Some(l) => format!("{tp} {l}"),
                None => format!("{tp} -"),
            })
            .collect();
        fill(
            tr("lag_chart_summary", "Lag now: {lags} (clock {seconds} s)"),
            &[("lags", &parts.join(", ")), ("seconds", &(now_ms / 1000))],
        )
    }
    /// A lag chart legend entry: "user-events-0 (P0) lag 2".
    pub fn lag_line(tp: &str, lag: Option<i64>) -> String {
        fill(
            tr("lag_line", "{tp} lag {lag}"),
            &[
                ("tp", &tp),
                (
                    "lag",
                    &lag.map_or(no_value().to_string(), |v| v.to_string()),
                ),
            ],
        )
    }
    /// Shown before the group exists.
    pub fn lag_chart_empty() -> &'static str {
        tr("lag_chart_empty", "The group has no committed offsets yet.")
    }

    /// Strategy picker heading.
    pub fn strategies_panel() -> &'static str {
        tr("strategies_panel", "Assignors on two topics")
    }
    /// Strategy select label (the consumer config it sets).
    pub fn strategy_config_label() -> &'static str {
        tr("strategy_config_label", "partition.assignment.strategy")
    }
    /// Member count select label.
    pub fn members_label() -> &'static str {
        tr("members_label", "Members")
    }
    /// Picker explanation.
    pub fn strategies_help() -> &'static str {
        tr(
            "strategies_help",
            "Topics t0 and t1 have three partitions each; every member subscribes to both.",
        )
    }
    /// Heading of the assignment table.
    pub fn assignment_now() -> &'static str {
        tr("assignment_now", "Assignment")
    }
    /// Heading of the table after the last member leaves.
    pub fn after_leave_title(member: &str) -> String {
        fill(
            tr("after_leave_title", "After {member} leaves"),
            &[("member", &member)],
        )
    }
    /// What moved away from surviving members.
    pub fn moved_summary(moved: &[String]) -> String {
        if moved.is_empty() {
            tr(
                "moved_summary.none",
                "No surviving member lost a partition: only the leaver's partitions moved.",
            )
            .to_string()
        } else {
            fill(
                tr(
                    "moved_summary",
                    "Surviving members lost {count} partition{s} they owned: {partitions}.",
                ),
                &[
                    ("count", &moved.len()),
                    ("s", &super::s(moved.len())),
                    ("partitions", &moved.join(", ")),
                ],
            )
        }
    }
    /// Member column header.
    pub fn member() -> &'static str {
        tr("member", "Member")
    }

    /// Outcome panel heading.
    pub fn outcomes_panel() -> &'static str {
        tr("outcomes_panel", "What each commit strategy processed")
    }
    /// Outcome panel explanation.
    pub fn outcomes_help() -> &'static str {
        tr("outcomes_help", "Six payments of balance+=100 to acct-1, three per poll. The first consumer crashes during its second batch; a replacement takes over after session.timeout.ms and reads on from the committed offsets.")
    }
    /// Crash point select label.
    pub fn crash_point_label() -> &'static str {
        tr("crash_point_label", "The consumer crashes")
    }
    /// A crash point's name as the menu shows it.
    pub fn crash_point(name: &str) -> &'static str {
        match name {
            "none" => tr("crash_point", "never"),
            "after-poll" => tr("crash_point.2", "right after poll()"),
            "mid-batch" => tr("crash_point.3", "after processing one record of the batch"),
            "after-processing" => tr(
                "crash_point.4",
                "after processing the batch, before the commit",
            ),
            _ => tr("crash_point.5", "right after the commit"),
        }
    }
    /// A commit strategy's row label in the outcome table.
    pub fn strategy_label(name: &str) -> &'static str {
        match name {
            "auto-commit" => tr("strategy_label", "auto-commit"),
            "commit-before" => tr(
                "strategy_label.2",
                "commit before processing (at-most-once)",
            ),
            "commit-after" => tr(
                "strategy_label.3",
                "commit after processing (at-least-once)",
            ),
            "idempotent-consumer" => tr("strategy_label.4", "at-least-once + idempotency key"),
            _ => tr("strategy_label.5", "transaction (exactly-once)"),
        }
    }
    /// Outcome table columns.
    pub fn outcome_columns() -> [&'static str; 7] {
        [
            tr("outcome_columns.0", "strategy"),
            tr("outcome_columns.1", "produced"),
            tr("outcome_columns.2", "processed once"),
            tr("outcome_columns.3", "more than once"),
            tr("outcome_columns.4", "never"),
            tr("outcome_columns.5", "duplicates refused"),
            tr("outcome_columns.6", "balance"),
        ]
    }
    /// Database panel heading.
    pub fn database_panel() -> &'static str {
        tr("database_panel", "Application database")
    }
    /// Shown before any application processed anything.
    pub fn no_database() -> &'static str {
        tr("no_database", "No application has processed a record yet.")
    }
    /// Database table columns.
    pub fn database_columns() -> [&'static str; 6] {
        [
            tr("database_columns.0", "application"),
            tr("database_columns.1", "key"),
            tr("database_columns.2", "balance"),
            tr("database_columns.3", "status"),
            tr("database_columns.4", "effects applied (all)"),
            tr("database_columns.5", "duplicates refused"),
        ]
    }

    /// Per-key order line: "user-1: login → search → checkout".
    pub fn key_sequence(key: &str, values: &[String]) -> String {
        format!("{key}: {}", values.join(" → "))
    }
    /// Heading of the per-key order list.
    pub fn per_key_order() -> &'static str {
        tr("per_key_order", "Per key, in the order read")
    }

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
            tr("group_summary.group_epoch", "group epoch")
        } else {
            tr("group_summary.generation", "generation")
        };
        fill(
            tr("group_summary", "group {id} · {group_type} · {state} · {epoch} {generation} · {assignor} · total lag {lag}"),
            &[
                ("id", &id),
                ("group_type", &group_type),
                ("state", &state),
                ("epoch", &epoch),
                ("generation", &generation),
                ("assignor", &protocol.unwrap_or(tr("group_summary.no_assignor", "no assignor yet"))),
                ("lag", &lag.map_or("-".to_string(), |l| l.to_string())),
            ],
        )
    }

    /// "+4 more" after the offset marks that fit.
    pub fn more_marks(n: usize) -> String {
        fill(tr("more_marks", "+{n} more"), &[("n", &n)])
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
pub fn brokers_panel() -> &'static str {
    tr("brokers_panel", "Brokers and their replicas")
}
/// Its hint: the buttons change a copy of the step, never the lesson.
pub fn brokers_try() -> &'static str {
    tr("brokers_try", "Try it: kill, stop, isolate or start a broker, produce, and let time pass. It changes a copy of this step; the lesson stays as it is.")
}
/// Returns to the lesson's own state.
pub fn back_to_step() -> &'static str {
    tr("back_to_step", "Back to the lesson step")
}
/// Produces one record to the first replicated topic.
pub fn produce_one() -> &'static str {
    tr("produce_one", "Produce a record")
}
/// Shown when the learner's copy is on screen.
pub fn your_experiment() -> &'static str {
    tr(
        "your_experiment",
        "Your experiment (not the lesson's state)",
    )
}

/// A wait button.
pub fn wait_for(seconds: u32) -> String {
    fill(tr("wait_for", "Wait {seconds} s"), &[("seconds", &seconds)])
}

/// A broker button's accessible name, e.g. "Kill broker 2".
/// A replica's accessible name: "orders-0 on Broker 1: leader".
pub fn replica_name(tp: &str, broker: &str, role: &str) -> String {
    fill(
        tr("replica_name", "{tp} on {broker}: {role}"),
        &[("tp", &tp), ("broker", &broker), ("role", &role)],
    )
}
/// A replica's log, for screen readers: "log of orders-0".
pub fn replica_log(tp: &str) -> String {
    fill(tr("replica_log", "log of {tp}"), &[("tp", &tp)])
}
/// A broker or controller button's word, by the console command it types.
pub fn action_word(command: &str) -> &'static str {
    match command.split('-').next() {
        Some("kill") => tr("action.kill", "Kill"),
        Some("stop") => tr("action.stop", "Stop"),
        Some("isolate") => tr("action.isolate", "Isolate"),
        Some("heal") => tr("action.heal", "Heal"),
        _ => tr("action.start", "Start"),
    }
}
pub fn broker_action(verb: &str, id: i32) -> String {
    fill(
        tr("broker_action", "{verb} broker {id}"),
        &[("verb", &verb), ("id", &id)],
    )
}

/// A broker's state, as its column says it.
pub fn broker_state(state: crate::view_model::BrokerState, fenced: bool) -> String {
    use crate::view_model::BrokerState::*;
    let s = match state {
        Running => tr("broker_state.2", "running"),
        Isolated => tr("broker_state.3", "isolated from the other nodes"),
        Stopped => tr("broker_state.4", "stopped (clean shutdown)"),
        Killed => tr("broker_state.5", "crashed"),
    };
    if fenced {
        fill(
            tr("broker_state", "{s}, fenced by the controller"),
            &[("s", &s)],
        )
    } else {
        s.to_string()
    }
}

/// A replica's role.
pub fn replica_role(role: crate::view_model::Role) -> &'static str {
    use crate::view_model::Role::*;
    match role {
        Leader => tr("replica_role", "leader"),
        StaleLeader => tr("replica_role.2", "still thinks it leads"),
        Follower => tr("replica_role.3", "follower"),
        Offline => tr("replica_role.4", "on disk, broker down"),
    }
}

/// The acknowledged-records counter.
pub fn acknowledged_count(acknowledged: u64, lost: Option<u64>) -> String {
    match lost {
        Some(l) => fill(
            tr(
                "acknowledged_count",
                "{acknowledged} acknowledged, {l} of them lost",
            ),
            &[("acknowledged", &acknowledged), ("l", &l)],
        ),
        None => fill(
            tr(
                "acknowledged_count.2",
                "{acknowledged} acknowledged; lost unknown while a partition has no leader",
            ),
            &[("acknowledged", &acknowledged)],
        ),
    }
}

/// A replica's offsets line.
pub fn replica_offsets(leo: i64, hw: i64, epoch: i32) -> String {
    fill(
        tr(
            "replica_offsets",
            "log end {leo} · high watermark {hw} · epoch {epoch}",
        ),
        &[("leo", &leo), ("hw", &hw), ("epoch", &epoch)],
    )
}

/// The title of a replica's ISR or ELR badge in the step it joined.
pub fn joined_set(set: &str) -> String {
    fill(
        tr("joined_set", "joined the {set} in this step"),
        &[("set", &set)],
    )
}

/// The title of a replica's struck-through badge in the step it left the ISR or ELR.
pub fn left_set(set: &str) -> String {
    fill(
        tr("left_set", "left the {set} in this step"),
        &[("set", &set)],
    )
}

/// News lines of the brokers panel.
pub fn broker_started(id: i32, restarted: bool) -> String {
    if restarted {
        fill(
            tr(
                "broker_started",
                "Broker {id} restarted with the log on its disk.",
            ),
            &[("id", &id)],
        )
    } else {
        fill(
            tr("broker_started.2", "Broker {id} started and registered."),
            &[("id", &id)],
        )
    }
}
/// See [`broker_started`].
pub fn broker_stopped(id: i32) -> String {
    fill(
        tr(
            "broker_stopped",
            "Broker {id} shut down cleanly; its leaderships moved first.",
        ),
        &[("id", &id)],
    )
}
/// See [`broker_started`].
pub fn broker_killed(id: i32) -> String {
    fill(
        tr(
            "broker_killed",
            "Broker {id} crashed. The controller notices when its session times out.",
        ),
        &[("id", &id)],
    )
}
/// See [`broker_started`].
pub fn broker_isolated(id: i32) -> String {
    fill(
        tr(
            "broker_isolated",
            "Broker {id} is cut off from every other node; clients still reach it.",
        ),
        &[("id", &id)],
    )
}
/// See [`broker_started`].
pub fn broker_healed(id: i32) -> String {
    fill(
        tr("broker_healed", "Broker {id} is connected again."),
        &[("id", &id)],
    )
}
/// See [`broker_started`].
pub fn broker_fenced(id: i32) -> String {
    fill(
        tr("broker_fenced", "The controller fenced broker {id}."),
        &[("id", &id)],
    )
}
/// See [`broker_started`].
pub fn broker_unfenced(id: i32) -> String {
    fill(
        tr("broker_unfenced", "The controller unfenced broker {id}."),
        &[("id", &id)],
    )
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
            tr("partition_changed.none", "none").to_string()
        } else {
            v.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
        }
    };
    let leader = leader.map_or(
        tr("partition_changed.no_leader", "no leader").to_string(),
        |l| fill(tr("partition_changed.leader", "leader {l}"), &[("l", &l)]),
    );
    let unclean = if unclean {
        tr("partition_changed.unclean", " (an unclean election)")
    } else {
        ""
    };
    fill(
        tr("partition_changed", "{topic}-{partition}: {leader}{unclean}, epoch {epoch}, ISR {isr}, ELR {elr} ({reason})."),
        &[
            ("topic", &topic),
            ("partition", &partition),
            ("leader", &leader),
            ("unclean", &unclean),
            ("epoch", &epoch),
            ("isr", &ids(isr)),
            ("elr", &ids(elr)),
            ("reason", &reason),
        ],
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
    fill(tr("replica_truncated", "Broker {broker} truncated {topic}-{partition} to offset {offset}: {removed} record(s) removed, {acknowledged} of them acknowledged."), &[("broker", &broker), ("topic", &topic), ("partition", &partition), ("offset", &offset), ("removed", &removed), ("acknowledged", &acknowledged)])
}

/// A send's success.
pub fn send_acknowledged(topic: &str, partition: u32, offset: i64, waited_ms: i64) -> String {
    fill(
        tr(
            "send_acknowledged",
            "Send acknowledged: {topic}-{partition} offset {offset}, after {waited_ms} ms.",
        ),
        &[
            ("topic", &topic),
            ("partition", &partition),
            ("offset", &offset),
            ("waited_ms", &waited_ms),
        ],
    )
}

/// A send's failure, in the brokers panel.
pub fn replicated_send_failed(error: &kafka_sim::KafkaError) -> String {
    fill(
        tr("replicated_send_failed", "Send failed: {error}: {message}"),
        &[("error", &error.kind.name()), ("message", &error.message)],
    )
}
/// The produce button with no replicated topic.
pub fn no_replicated_topic() -> &'static str {
    tr(
        "no_replicated_topic",
        "There is no replicated topic to produce to.",
    )
}
/// An action with nothing to report.
pub fn nothing_changed() -> &'static str {
    tr(
        "nothing_changed",
        "Done; nothing the controller or the replicas report changed.",
    )
}
/// The news list's accessible name.
pub fn brokers_news() -> &'static str {
    tr("brokers_news", "What happened")
}

/// A run of the same retried error from a leader, in the sends panel.
pub fn send_request_failed(broker: i32, kind: &str, times: u32) -> String {
    if times == 1 {
        fill(
            tr(
                "send_request_failed",
                "Broker {broker} answered {kind}; the producer retries after its backoff.",
            ),
            &[("broker", &broker), ("kind", &kind)],
        )
    } else {
        fill(tr("send_request_failed.2", "Broker {broker} answered {kind} {times} times; the producer retried each time after its backoff (retry.backoff.ms 100, doubling to retry.backoff.max.ms 1000)."), &[("broker", &broker), ("kind", &kind), ("times", &times)])
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
        0 => tr("send_acknowledged_after.2", "acks=0: not waited for").to_string(),
        1 => tr("send_acknowledged_after.3", "acks=1: the leader wrote it").to_string(),
        _ => tr("send_acknowledged_after.4", "acks=all: the ISR has it").to_string(),
    };
    fill(
        tr(
            "send_acknowledged_after",
            "{topic}-{partition}: acknowledged at offset {offset} ({acks}), after {waited_ms} ms.",
        ),
        &[
            ("topic", &topic),
            ("partition", &partition),
            ("offset", &offset),
            ("acks", &acks),
            ("waited_ms", &waited_ms),
        ],
    )
}

/// The controllers row's heading.
pub fn controllers() -> &'static str {
    tr("controllers", "KRaft controllers")
}
/// A controller's name.
pub fn controller(id: i32) -> String {
    fill(tr("controller", "Controller {id}"), &[("id", &id)])
}
/// A controller's state.
pub fn controller_state(up: bool, leader: bool, active: bool) -> &'static str {
    match (up, leader, active) {
        (false, _, _) => tr("controller_state", "down"),
        (true, true, true) => tr("controller_state.2", "active controller (Raft leader)"),
        (true, true, false) => tr("controller_state.3", "leader without a majority"),
        (true, false, _) => tr("controller_state.4", "follower"),
    }
}
/// A controller button's accessible name, e.g. "Kill controller 101".
pub fn controller_action(verb: &str, id: i32) -> String {
    fill(
        tr("controller_action", "{verb} controller {id}"),
        &[("verb", &verb), ("id", &id)],
    )
}
/// The quorum's summary line.
pub fn quorum_summary(active: bool, epoch: i32, combined: bool) -> String {
    let state = if active {
        fill(
            tr(
                "quorum_summary",
                "Metadata log leader epoch {epoch}: changes commit.",
            ),
            &[("epoch", &epoch)],
        )
    } else {
        fill(
            tr(
                "quorum_summary.2",
                "No active controller (epoch {epoch}): no metadata change can be made.",
            ),
            &[("epoch", &epoch)],
        )
    };
    if combined {
        fill(tr("quorum_summary.3", "{state} Combined mode: each controller runs inside the broker with its id (process.roles=broker,controller)."), &[("state", &state)])
    } else {
        state
    }
}
/// News lines for controllers.
pub fn controller_killed(id: i32) -> String {
    fill(
        tr("controller_killed", "Controller {id} crashed."),
        &[("id", &id)],
    )
}
/// See [`controller_killed`].
pub fn controller_started(id: i32) -> String {
    fill(
        tr("controller_started", "Controller {id} started."),
        &[("id", &id)],
    )
}
/// See [`controller_killed`].
pub fn controller_elected(id: i32, epoch: i32) -> String {
    fill(
        tr(
            "controller_elected",
            "Controller {id} won the election: the active controller in epoch {epoch}.",
        ),
        &[("id", &id), ("epoch", &epoch)],
    )
}
/// See [`controller_killed`].
pub fn controller_resigned(id: i32) -> String {
    fill(
        tr(
            "controller_resigned",
            "Controller {id} lost its majority and resigned.",
        ),
        &[("id", &id)],
    )
}
/// The metadata log panel's title.
pub fn metadata_log_panel() -> &'static str {
    tr(
        "metadata_log_panel",
        "The metadata log (__cluster_metadata)",
    )
}
/// Its status block's title.
pub fn quorum_status() -> &'static str {
    tr("quorum_status", "kafka-metadata-quorum describe --status")
}
/// One record line.
pub fn metadata_record(offset: i64, epoch: i32, record: &str) -> String {
    fill(
        tr("metadata_record", "{offset} (epoch {epoch}) {record}"),
        &[("offset", &offset), ("epoch", &epoch), ("record", &record)],
    )
}

// The sandbox.

/// The sandbox's page title and heading.
pub fn sandbox_title() -> &'static str {
    tr("sandbox_title", "Sandbox")
}
/// The sandbox's first step.
pub fn sandbox_start() -> &'static str {
    tr(
        "sandbox_start",
        "Three brokers, three controllers, no topics yet",
    )
}
/// Name of the undo and redo group.
pub fn sandbox_controls() -> &'static str {
    tr("sandbox_controls", "History")
}
/// Undo button.
pub fn undo() -> &'static str {
    tr("undo", "Undo")
}
/// Redo button.
pub fn redo() -> &'static str {
    tr("redo", "Redo")
}
/// The console panel's heading.
pub fn console() -> &'static str {
    tr("console", "Console")
}
/// Above the console.
pub fn console_intro() -> &'static str {
    tr("console_intro", "Type Kafka's tools as at work, or the playground's own commands. help lists them; Up and Down recall lines; Tab completes.")
}
/// The console's output, for screen readers.
pub fn console_output() -> &'static str {
    tr("console_output", "Console output")
}
/// The console's input, for screen readers.
pub fn console_input() -> &'static str {
    tr("console_input", "Command")
}
/// The console's submit button.
pub fn run() -> &'static str {
    tr("run", "Run")
}
/// The brokers panel's hint in the sandbox.
pub fn brokers_try_sandbox() -> &'static str {
    tr("brokers_try_sandbox", "Kill, stop, isolate or start a broker, produce, and let time pass: each button types its command into the console.")
}
/// Link to the sandbox.
pub fn open_sandbox() -> &'static str {
    tr("open_sandbox", "Open the sandbox")
}
/// Beside the link on the home page.
pub fn sandbox_pitch() -> &'static str {
    tr("sandbox_pitch", "Three brokers of your own: type kafka-topics.sh and the playground's commands, kill brokers, undo.")
}

/// "After 3 of 5 commands" (0 is the start).
pub fn sandbox_position(at: usize, len: usize) -> String {
    match (at, len - 1) {
        (_, 0) => tr("sandbox_position.empty", "Nothing typed yet").to_string(),
        (0, n) => fill(
            tr(
                "sandbox_position.start",
                "At the start, before {n} command{s}",
            ),
            &[("n", &n), ("s", &s(n))],
        ),
        (a, n) => fill(
            tr("sandbox_position", "After {a} of {n} command{s}"),
            &[("a", &a), ("n", &n), ("s", &s(n))],
        ),
    }
}

/// The share button.
pub fn share_link() -> &'static str {
    tr("share_link", "Share link")
}
/// Beside the link once made.
pub fn share_link_label() -> &'static str {
    tr("share_link_label", "Link to this state (copied): ")
}
/// While a sandbox loads.
pub fn loading_sandbox() -> &'static str {
    tr("loading_sandbox", "Loading the sandbox…")
}
/// "Open in sandbox" on a lesson step.
pub fn open_in_sandbox() -> &'static str {
    tr("open_in_sandbox", "Open in sandbox")
}

/// Why a share link is damaged: it ends too soon.
pub fn share_cut_short() -> &'static str {
    tr("share_cut_short", "it was cut short")
}
/// Why a share link is damaged: its checksum is wrong.
pub fn share_bad_checksum() -> &'static str {
    tr("share_bad_checksum", "its checksum does not match")
}
/// Why a share link is damaged: a line without its outcome.
pub fn share_no_outcome() -> &'static str {
    tr("share_no_outcome", "a line has no outcome")
}
/// A share link that is damaged: the lines before the damage were replayed.
pub fn damaged_share_link(why: &str, replayed: usize) -> String {
    fill(
        tr(
            "damaged_share_link",
            "This share link is damaged ({why}): {lines} replayed, the rest could not be read.",
        ),
        &[("why", &why), ("lines", &lines_count(replayed))],
    )
}

/// A link that is not a sandbox link.
pub fn foreign_share_link() -> &'static str {
    tr("foreign_share_link", "This link is not a sandbox share link, so nothing was replayed: the sandbox starts afresh.")
}

/// A link from a newer playground.
pub fn newer_share_link(version: u32) -> String {
    fill(
        tr("newer_share_link", "This link was made by a newer Kafka Playground (format {version}; this one reads format {ours}), so nothing was replayed: open it in the newer one."),
        &[("version", &version), ("ours", &kafka_sim::FORMAT_VERSION)],
    )
}

/// A replayed line that went differently from where it was shared or saved.
#[cfg(feature = "sandbox")]
pub fn replay_stopped(stop: &kafka_lessons::ReplayStop) -> String {
    fill(
        tr(
            "replay_stopped",
            "Replay stopped at line {number} (`{text}`): {why}. The lines before it were replayed.",
        ),
        &[
            ("number", &stop.number),
            ("text", &stop.text),
            ("why", &stop.why),
        ],
    )
}

/// "3 lines", "1 line".
fn lines_count(n: usize) -> String {
    fill(tr("lines_count", "{n} line{s}"), &[("n", &n), ("s", &s(n))])
}

/// A session too long for a link.
#[cfg(feature = "sandbox")]
pub fn share_too_long(chars: usize) -> String {
    fill(
        tr("share_too_long", "This session is too long to share as a link ({chars} characters; a link holds at most {max}): export it as a file instead."),
        &[("chars", &chars), ("max", &crate::share::MAX_CHARS)],
    )
}

/// The export link.
pub fn export_session() -> &'static str {
    tr("export_session", "Export session")
}
/// The import control.
pub fn import_session() -> &'static str {
    tr("import_session", "Import session")
}
/// A session file read.
pub fn imported(name: &str, lines: usize) -> String {
    fill(
        tr("imported", "Imported {name}: {lines} typed."),
        &[("name", &name), ("lines", &lines_count(lines))],
    )
}
/// A session file that could not be read at all.
pub fn import_failed(name: &str, why: &str) -> String {
    fill(
        tr(
            "import_failed",
            "Could not read {name} ({why}): the sandbox is unchanged.",
        ),
        &[("name", &name), ("why", &why)],
    )
}
/// The first step of an imported session.
pub fn imported_title(name: &str) -> String {
    fill(
        tr("imported_title", "Imported from {name}"),
        &[("name", &name)],
    )
}
/// The file name an export is saved as.
pub fn export_file_name() -> &'static str {
    tr("export_file_name", "kafka-sandbox-session.txt")
}

/// The first step of a sandbox forked from a lesson step.
pub fn sandbox_from(id: &str, step: usize, title: &str) -> String {
    fill(
        tr("sandbox_from", "From lesson {id}, step {step}: {title}"),
        &[("id", &id), ("step", &(step + 1)), ("title", &title)],
    )
}

/// Under the console while a console producer reads it.
pub fn producer_hint() -> &'static str {
    tr(
        "producer_hint",
        "kafka-console-producer.sh is reading: each line is one record. Ctrl+D ends it.",
    )
}
/// The console consumers running beside the prompt, for screen readers.
pub fn running_consumers() -> &'static str {
    tr("running_consumers", "Console consumers running")
}
/// Under the running console consumers.
pub fn consumer_hint() -> &'static str {
    tr("consumer_hint", "Running beside the prompt, as in a terminal of its own: records print as they arrive and as the clock runs. Ctrl+C stops the newest.")
}
/// The button that stops the newest console consumer.
pub fn stop_consumer() -> &'static str {
    tr("stop_consumer", "Stop the newest (Ctrl+C)")
}
/// The button that ends a console producer's input.
pub fn end_input() -> &'static str {
    tr("end_input", "End input (Ctrl+D)")
}

/// The client code panel's title.
pub fn client_code() -> &'static str {
    tr("client_code", "Code for a real cluster")
}
/// Under it.
pub fn client_code_intro() -> &'static str {
    tr("client_code_intro", "The producer and consumer you set up here, as a program for a real cluster. Where a client's defaults differ from the Java client the sandbox models, the code sets them and a comment says why.")
}
/// The language tabs, for screen readers.
pub fn client_code_languages() -> &'static str {
    tr("client_code_languages", "Language")
}
/// Before any topic exists.
pub fn client_code_no_topic() -> &'static str {
    tr(
        "client_code_no_topic",
        "Create a topic first: the code writes to the topic you produced to last.",
    )
}
/// The copy button.
pub fn copy_code() -> &'static str {
    tr("copy_code", "Copy code")
}

/// After copying.
pub fn code_copied(language: &str) -> String {
    fill(
        tr("code_copied", "{language} code copied."),
        &[("language", &language)],
    )
}

/// The code block, for screen readers.
pub fn code_label(language: &str) -> String {
    fill(
        tr("code_label", "{language} code"),
        &[("language", &language)],
    )
}

/// The sandbox's forms.
pub fn actions() -> &'static str {
    tr("actions", "Actions")
}
/// Under the title.
pub fn actions_intro() -> &'static str {
    tr("actions_intro", "Each form types its command at the console for you: the same line, the same history, the same errors.")
}
/// Form titles.
pub fn action_create_topic() -> &'static str {
    tr("action_create_topic", "Create a topic")
}
/// Form titles.
pub fn action_produce() -> &'static str {
    tr("action_produce", "Produce a record")
}
/// Form titles.
pub fn action_add_consumer() -> &'static str {
    tr("action_add_consumer", "Add a consumer")
}
/// Form titles.
pub fn action_consumers() -> &'static str {
    tr(
        "action_consumers",
        "A consumer: poll, process, commit, seek, close",
    )
}
/// Form titles.
pub fn action_reset_offsets() -> &'static str {
    tr("action_reset_offsets", "Reset a group's offsets")
}
/// Field labels.
pub fn input_topic() -> &'static str {
    tr("input_topic", "Topic")
}
/// Field labels.
pub fn input_partitions() -> &'static str {
    tr("input_partitions", "Partitions")
}
/// Field labels.
pub fn input_replication_factor() -> &'static str {
    tr("input_replication_factor", "Replication factor")
}
/// Field labels.
pub fn input_key() -> &'static str {
    tr("input_key", "Key (empty: none)")
}
/// Field labels.
pub fn input_value() -> &'static str {
    tr("input_value", "Value")
}
/// Field labels.
pub fn input_header() -> &'static str {
    tr("input_header", "Header (name=value)")
}
/// Field labels.
pub fn input_consumer() -> &'static str {
    tr("input_consumer", "Consumer")
}
/// Field labels.
pub fn input_group() -> &'static str {
    tr("input_group", "Group")
}
/// Field labels.
pub fn input_partition() -> &'static str {
    tr("input_partition", "Partition")
}
/// Field labels.
pub fn input_offset() -> &'static str {
    tr("input_offset", "Offset")
}
/// Field labels.
pub fn input_plan() -> &'static str {
    tr("input_plan", "Plan")
}
/// Field labels.
pub fn input_plan_n() -> &'static str {
    tr("input_plan_n", "Offset or shift (to-offset, shift-by)")
}
/// Buttons.
pub fn create_topic() -> &'static str {
    tr("create_topic", "Create topic")
}
/// Buttons.
pub fn send() -> &'static str {
    tr("send", "Send")
}
/// Buttons.
pub fn add_consumer() -> &'static str {
    tr("add_consumer", "Add consumer")
}
/// Buttons.
pub fn poll() -> &'static str {
    tr("poll", "Poll")
}
/// Buttons.
pub fn commit() -> &'static str {
    tr("commit", "Commit")
}
/// Buttons.
pub fn close_consumer() -> &'static str {
    tr("close_consumer", "Close")
}
/// Buttons.
pub fn crash_consumer() -> &'static str {
    tr("crash_consumer", "Crash")
}
/// Buttons.
pub fn process_records() -> &'static str {
    tr("process_records", "Process")
}
/// Form titles.
pub fn action_app() -> &'static str {
    tr(
        "action_app",
        "An application: its database and error handler",
    )
}
/// Field labels.
pub fn input_retry_timeout() -> &'static str {
    tr(
        "input_retry_timeout",
        "errors.retry.timeout (ms, -1 forever)",
    )
}
/// Field labels.
pub fn input_dlq_topic() -> &'static str {
    tr(
        "input_dlq_topic",
        "Dead letter queue topic (empty for none)",
    )
}
/// Field labels.
pub fn input_outage() -> &'static str {
    tr("input_outage", "Outage (like 30s; empty until started)")
}
/// The Writer form's heading.
pub fn action_writer() -> &'static str {
    tr("action_writer", "A Go service's producer (kafka-go Writer)")
}
/// Make the producer a kafka-go Writer.
pub fn set_writer() -> &'static str {
    tr("set_writer", "Use this Writer")
}
/// Back to the Java producer.
pub fn use_java_client() -> &'static str {
    tr("use_java_client", "Back to the Java client")
}
/// Buttons.
pub fn set_handler() -> &'static str {
    tr("set_handler", "Set the handler")
}
/// Buttons.
pub fn stop_database() -> &'static str {
    tr("stop_database", "Stop the database")
}
/// Buttons.
pub fn start_database() -> &'static str {
    tr("start_database", "Start the database")
}
/// Buttons.
pub fn seek() -> &'static str {
    tr("seek", "Seek")
}
/// Buttons.
pub fn reset_offsets() -> &'static str {
    tr("reset_offsets", "Reset offsets")
}

/// The sandbox's panel picker.
pub fn show_panels() -> &'static str {
    tr("show_panels", "Show panels")
}
/// The sandbox's scrubber over every command.
pub fn timeline() -> &'static str {
    tr("timeline", "Timeline: every command")
}

/// A many-partition topic's pager.
pub fn partition_pager() -> &'static str {
    tr("partition_pager", "Partitions shown")
}
/// Pager buttons.
pub fn earlier_partitions() -> &'static str {
    tr("earlier_partitions", "Earlier partitions")
}
/// Pager buttons.
pub fn later_partitions() -> &'static str {
    tr("later_partitions", "Later partitions")
}
/// Pager input.
pub fn go_to_partition() -> &'static str {
    tr("go_to_partition", "Go to")
}

/// "P16–P31 of 1000".
pub fn partition_window(start: usize, end: usize, count: usize) -> String {
    fill(
        tr("partition_window", "P{start}–P{last} of {count}"),
        &[
            ("start", &start),
            ("last", &end.saturating_sub(1)),
            ("count", &count),
        ],
    )
}

/// Below a broker column that leaves replicas out.
pub fn more_replicas(n: usize) -> String {
    fill(
        tr(
            "more_replicas",
            "… and {n} more replicas (kafka-topics --describe lists them all)",
        ),
        &[("n", &n)],
    )
}

/// Below a `--describe` table that leaves rows out.
pub fn more_rows(n: usize) -> String {
    fill(
        tr(
            "more_rows",
            "… and {n} more partitions (kafka-consumer-groups --describe prints every one)",
        ),
        &[("n", &n)],
    )
}

/// The sandbox's clock control.
pub fn clock() -> &'static str {
    tr("clock", "Clock")
}
/// Clock buttons.
pub fn clock_step() -> &'static str {
    tr("clock_step", "Step 1 s")
}
/// Clock buttons.
pub fn clock_play_1x() -> &'static str {
    tr("clock_play_1x", "Play 1×")
}
/// Clock buttons.
pub fn clock_play_10x() -> &'static str {
    tr("clock_play_10x", "Play 10×")
}
/// Clock buttons.
pub fn clock_pause() -> &'static str {
    tr("clock_pause", "Pause")
}

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
    fill(
        tr("started_with", "Started with: {title}"),
        &[("title", &title)],
    )
}

// -- the learner's journey: challenges, quiz, progress (issue 14) ---------------------------

/// Heading of a lesson's closing section.
pub fn check_yourself() -> &'static str {
    tr("check_yourself", "Check yourself")
}
/// Its intro.
pub fn check_yourself_intro() -> &'static str {
    tr("check_yourself_intro", "Try the challenges in a sandbox the engine checks, then answer the quiz. Your progress stays in this browser.")
}
/// Challenges list heading.
pub fn challenges() -> &'static str {
    tr("challenges", "Challenges")
}
/// A challenge's name: "Challenge 1: Land order-100 in partition 1".
pub fn challenge_name(n: usize, title: &str) -> String {
    fill(
        tr("challenge_name", "Challenge {n}: {title}"),
        &[("n", &(n + 1)), ("title", &title)],
    )
}
/// A solved challenge in a list.
pub fn solved_in(lines: usize) -> String {
    fill(
        tr("solved_in", "Solved in {lines}"),
        &[("lines", &lines_count(lines))],
    )
}
/// An unsolved challenge in a list.
pub fn not_solved() -> &'static str {
    tr("not_solved", "Not solved yet")
}
/// The challenge panel's label.
pub fn challenge() -> &'static str {
    tr("challenge", "Challenge")
}
/// "Challenge 1 of 2 · Lesson 1.2".
pub fn challenge_of(n: usize, total: usize, lesson: &str) -> String {
    fill(
        tr("challenge_of", "Challenge {n} of {total} · Lesson {lesson}"),
        &[("n", &(n + 1)), ("total", &total), ("lesson", &lesson)],
    )
}
/// The goal checklist heading.
pub fn goal() -> &'static str {
    tr("goal", "Goal")
}
/// A check that holds now.
pub fn goal_met() -> &'static str {
    tr("goal_met", "met")
}
/// A check that does not hold yet.
pub fn goal_not_met() -> &'static str {
    tr("goal_not_met", "not yet")
}
/// Button: check the cluster against the goal.
pub fn check_cluster() -> &'static str {
    tr("check_cluster", "Check my cluster")
}
/// Button: start the challenge again.
pub fn start_over() -> &'static str {
    tr("start_over", "Start over")
}
/// Button: play the known solution.
pub fn show_solution() -> &'static str {
    tr("show_solution", "Show solution")
}
/// What the learner may type.
pub fn allowed_here(allow: &[String]) -> String {
    fill(
        tr("allowed_here", "Allowed here: {commands}, and help."),
        &[("commands", &allow.join(", "))],
    )
}
/// A line the challenge does not allow.
pub fn not_allowed(word: &str, allow: &[String]) -> String {
    fill(
        tr(
            "not_allowed",
            "{word} is not part of this challenge. {allowed}",
        ),
        &[("word", &word), ("allowed", &allowed_here(allow))],
    )
}
/// After a failed check.
pub fn not_yet() -> &'static str {
    tr("not_yet", "Not yet. The engine found:")
}
/// The hint's label.
pub fn hint() -> &'static str {
    tr("hint", "Hint")
}
/// Solved, with the learner's count against the shortest known.
pub fn solved(lines: usize, shortest: usize) -> String {
    let how = match lines.cmp(&shortest) {
        std::cmp::Ordering::Less => {
            tr("solved.fewer", "fewer than the shortest solution we knew").to_string()
        }
        std::cmp::Ordering::Equal => {
            tr("solved.as_short", "as short as the shortest known solution").to_string()
        }
        std::cmp::Ordering::Greater => fill(
            tr(
                "solved.longer",
                "the shortest known solution takes {shortest}",
            ),
            &[("shortest", &shortest)],
        ),
    };
    fill(
        tr("solved", "Solved in {lines}: {how}."),
        &[("lines", &lines_count(lines)), ("how", &how)],
    )
}
/// The solution is playing.
pub fn solution_playing(line: usize, total: usize) -> String {
    fill(
        tr(
            "solution_playing",
            "Playing the solution: line {line} of {total}.",
        ),
        &[("line", &(line + 1)), ("total", &total)],
    )
}
/// The solution played to its end.
pub fn solution_played(total: usize) -> String {
    fill(
        tr(
            "solution_played",
            "That is the shortest known solution, {lines}. Start over to solve it yourself.",
        ),
        &[("lines", &lines_count(total))],
    )
}
/// Lines typed so far.
pub fn lines_typed(n: usize) -> String {
    fill(
        tr("lines_typed", "{lines} typed"),
        &[("lines", &lines_count(n))],
    )
}
/// The picture of the goal state, from the known solution.
pub fn goal_picture() -> &'static str {
    tr("goal_picture", "The goal, as the solution leaves it")
}
/// One partition in the goal picture.
pub fn goal_partition(name: &str, records: usize, keys: &str) -> String {
    let records = fill(
        tr("goal_partition.records", "{records} record{s}"),
        &[("records", &records), ("s", &s(records))],
    );
    if keys.is_empty() {
        format!("{name}: {records}")
    } else {
        format!("{name}: {records} ({keys})")
    }
}
/// A replicated partition's leader in the goal picture.
pub fn goal_leader(leader: Option<i32>) -> String {
    match leader {
        Some(id) => fill(tr("goal_leader", "leader {id}"), &[("id", &id)]),
        None => tr("goal_leader.2", "no leader").to_string(),
    }
}
/// A group in the goal picture.
pub fn goal_group(id: &str, state: &str, lag: i64) -> String {
    fill(
        tr("goal_group", "group {id}: {state}, lag {lag}"),
        &[("id", &id), ("state", &state), ("lag", &lag)],
    )
}
/// Back from a challenge to its lesson.
pub fn back_to_lesson(id: &str) -> String {
    fill(tr("back_to_lesson", "Back to lesson {id}"), &[("id", &id)])
}
/// To the next challenge.
pub fn next_challenge() -> &'static str {
    tr("next_challenge", "Next challenge")
}
/// A challenge that does not exist.
pub fn no_such_challenge(id: &str, n: usize) -> String {
    fill(
        tr(
            "no_such_challenge",
            "Lesson {id} has no challenge {n}: the sandbox starts afresh.",
        ),
        &[("id", &id), ("n", &(n + 1))],
    )
}

/// Quiz heading.
pub fn quiz() -> &'static str {
    tr("quiz", "Quiz")
}
/// Button: check one answer.
pub fn check_answer() -> &'static str {
    tr("check_answer", "Check answer")
}
/// A right answer.
pub fn right() -> &'static str {
    tr("right", "Right.")
}
/// A wrong answer.
pub fn wrong() -> &'static str {
    tr("wrong", "Not quite.")
}
/// The number input's label.
pub fn your_answer() -> &'static str {
    tr("your_answer", "Your answer")
}
/// A computed question, in words.
pub fn ask_text(ask: &kafka_lessons::Ask) -> String {
    match ask {
        kafka_lessons::Ask::Partition { key, partitions } => fill(tr("ask_text", "With the Java client's default partitioner, which partition does a record with key {key} go to in a topic of {partitions} partitions?"), &[("key", &key), ("partitions", &partitions)]),
        kafka_lessons::Ask::Lag { group, step } => fill(tr("ask_text.2", "After step {step} of this lesson, what is group {group}'s total lag (the LAG column of kafka-consumer-groups --describe, summed)?"), &[("step", &step), ("group", &group)]),
        kafka_lessons::Ask::NextOffset {
            topic,
            partition,
            step,
        } => fill(tr("ask_text.3", "After step {step} of this lesson, which offset does the next record appended to {topic}-{partition} get?"), &[("step", &step), ("topic", &topic), ("partition", &partition)]),
    }
}
/// Why a computed answer is what it is.
pub fn answer_text(answer: &kafka_lessons::Answer) -> String {
    match answer {
        kafka_lessons::Answer::Partition(h) => fill(
            tr("answer_text.partition", "murmur2 gives {hash}; toPositive makes it {positive}; {positive} % {partitions} = {partition}."),
            &[("hash", &h.hash), ("positive", &h.positive), ("partitions", &h.partitions), ("partition", &h.partition)],
        ),
        kafka_lessons::Answer::Number(n) => fill(tr("answer_text", "The engine says {n}."), &[("n", &n)]),
    }
}
/// A question the engine could not answer (a lesson file's mistake).
pub fn unanswerable(why: &str) -> String {
    fill(
        tr("unanswerable", "This question cannot be answered: {why}."),
        &[("why", &why)],
    )
}
/// Not a number.
pub fn not_a_number() -> &'static str {
    tr("not_a_number", "Type a whole number.")
}
/// Pick an option first.
pub fn pick_one() -> &'static str {
    tr("pick_one", "Pick one of the options first.")
}

/// The tracker's title and the header link.
pub fn progress_title() -> &'static str {
    tr("progress_title", "Your progress")
}
/// Beside the home page's link to the tracker.
pub fn progress_pitch() -> &'static str {
    tr("progress_pitch", "Steps seen, challenges solved, quiz answers and interview questions, kept in this browser only.")
}
/// The tracker's intro.
pub fn progress_intro() -> &'static str {
    tr("progress_intro", "What you did in each lesson: steps seen, challenges solved and quiz questions answered. It is kept in this browser only; export it to move it to another.")
}
/// Column headings of the dashboard table.
pub fn col_lesson() -> &'static str {
    tr("col_lesson", "Lesson")
}
/// See [`col_lesson`].
pub fn col_status() -> &'static str {
    tr("col_status", "Status")
}
/// See [`col_lesson`].
pub fn col_completed() -> &'static str {
    tr("col_completed", "Completed")
}
/// See [`col_lesson`].
pub fn col_learnings() -> &'static str {
    tr("col_learnings", "Key learnings")
}
/// A lesson's status.
pub fn status_name(s: kafka_lessons::progress::Status) -> &'static str {
    match s {
        kafka_lessons::progress::Status::NotStarted => tr("status_name", "Not started"),
        kafka_lessons::progress::Status::InProgress => tr("status_name.2", "In progress"),
        kafka_lessons::progress::Status::Complete => tr("status_name.3", "Complete"),
    }
}
/// "3/5".
pub fn of_total(done: usize, total: usize) -> String {
    format!("{done}/{total}")
}
/// A module's progress.
pub fn module_progress(title: &str, percent: usize, complete: usize, lessons: usize) -> String {
    fill(
        tr(
            "module_progress",
            "{title}: {percent}% complete ({complete} of {lessons} lessons done)",
        ),
        &[
            ("title", &title),
            ("percent", &percent),
            ("complete", &complete),
            ("lessons", &lessons),
        ],
    )
}
/// Objectives heading.
pub fn objectives() -> &'static str {
    tr("objectives", "Objectives")
}
/// A ticked learning, for screen readers and print (not colour alone).
pub fn learned() -> &'static str {
    tr("learned", "Done")
}
/// An unticked learning.
pub fn not_learned() -> &'static str {
    tr("not_learned", "Not yet")
}
/// Interview questions heading.
pub fn interview() -> &'static str {
    tr("interview", "Interview questions")
}
/// A locked interview question.
pub fn interview_locked() -> &'static str {
    tr(
        "interview_locked",
        "Unlocks when you have seen every step of the lesson.",
    )
}
/// The answer box.
pub fn your_words() -> &'static str {
    tr("your_words", "Your answer, in your own words")
}
/// Button: show the model answer beside the learner's.
pub fn compare() -> &'static str {
    tr("compare", "Compare with the model answer")
}
/// Button: show the model answer without writing one.
pub fn reveal() -> &'static str {
    tr("reveal", "Reveal the model answer")
}
/// The model answer's label.
pub fn model_answer() -> &'static str {
    tr("model_answer", "Model answer")
}
/// Open the lesson.
pub fn open_lesson() -> &'static str {
    tr("open_lesson", "Open the lesson")
}
/// Export, import, reset.
pub fn export_progress() -> &'static str {
    tr("export_progress", "Export progress")
}
/// See [`export_progress`].
pub fn import_progress() -> &'static str {
    tr("import_progress", "Import progress")
}
/// See [`export_progress`].
pub fn reset_progress() -> &'static str {
    tr("reset_progress", "Reset progress")
}
/// See [`export_progress`].
pub fn confirm_reset() -> &'static str {
    tr("confirm_reset", "Yes, forget my progress")
}
/// The exported file's name.
pub fn progress_file_name() -> &'static str {
    tr("progress_file_name", "kafka-playground-progress.json")
}
/// Loading the lessons for the dashboard.
pub fn loading_progress() -> &'static str {
    tr("loading_progress", "Loading your progress…")
}
/// Dismiss a notice.
pub fn dismiss() -> &'static str {
    tr("dismiss", "Dismiss")
}
/// Stored progress that could not be read, set aside.
pub fn progress_unreadable(why: &str) -> String {
    fill(tr("progress_unreadable", "Your saved progress could not be read ({why}), so it starts afresh. The old data was kept aside in this browser's storage, under kafka-playground.progress.unreadable."), &[("why", &why)])
}
/// Damaged stored progress.
pub fn progress_damaged(e: &str) -> String {
    fill(tr("progress_damaged", "it is damaged: {e}"), &[("e", &e)])
}
/// Progress of another format version.
pub fn progress_other_version(v: u32) -> String {
    fill(
        tr("progress_other_version", "it was written by another version of Kafka Playground, format {v}; this one reads format {ours}"),
        &[("v", &v), ("ours", &kafka_lessons::progress::VERSION)],
    )
}
/// An import that worked.
pub fn progress_imported(name: &str) -> String {
    fill(
        tr("progress_imported", "Imported your progress from {name}."),
        &[("name", &name)],
    )
}
/// An import that did not.
pub fn progress_import_failed(name: &str, why: &kafka_lessons::progress::Unreadable) -> String {
    fill(
        tr(
            "progress_import_failed",
            "Could not import {name}: {why}. Your progress is unchanged.",
        ),
        &[
            ("name", &name),
            ("why", &crate::progress_store::unreadable(why)),
        ],
    )
}

// -- the error handler panel (view_model/handler.rs) ----------------------------------

/// The error handler panel's title.
pub fn handler_panel() -> &'static str {
    tr("handler_panel", "Error handler")
}
/// What the panel shows.
pub fn handler_help() -> &'static str {
    tr("handler_help", "Each application's database and error handler (Kafka Connect's settings), then what the handler did this step.")
}
/// No application to show.
pub fn no_handler() -> &'static str {
    tr(
        "no_handler",
        "No application has an error handler setting or a database to show yet.",
    )
}
/// The handler table's columns.
pub fn handler_columns() -> [&'static str; 5] {
    [
        tr("handler_columns.0", "application"),
        tr("handler_columns.1", "database"),
        tr("handler_columns.2", "retries (errors.retry.timeout)"),
        tr("handler_columns.3", "errors.tolerance"),
        tr("handler_columns.4", "dead letter queue"),
    ]
}
/// The step's handler log.
pub fn handler_log() -> &'static str {
    tr("handler_log", "What the handler did")
}
/// An empty handler log.
pub fn no_handler_log() -> &'static str {
    tr("no_handler_log", "The handler did nothing this step.")
}
/// A database that takes writes.
pub fn database_up() -> &'static str {
    tr("database_up", "up")
}
/// A database down with no end.
pub fn database_down() -> &'static str {
    tr("database_down", "down until started")
}
/// A database down until an instant.
pub fn database_down_until(at_ms: i64) -> String {
    fill(
        tr("database_down_until", "down until {at}"),
        &[("at", &clock_now(at_ms))],
    )
}
/// errors.retry.timeout=0.
pub fn retry_none() -> &'static str {
    tr("retry_none", "none (0)")
}
/// errors.retry.timeout=-1.
pub fn retry_forever() -> &'static str {
    tr("retry_forever", "forever (-1)")
}
/// errors.retry.timeout=N.
pub fn retry_for(ms: i64) -> String {
    fill(tr("retry_for", "for {ms} ms"), &[("ms", &ms)])
}
/// A handler setting.
pub fn handler_configured(group: &str, name: &str, value: &str) -> String {
    fill(
        tr("handler_configured", "{group}: {name}={value}"),
        &[("group", &group), ("name", &name), ("value", &value)],
    )
}
/// The database went down.
pub fn handler_database_stopped(group: &str, until_ms: Option<i64>) -> String {
    match until_ms {
        Some(t) => fill(
            tr(
                "handler_database_stopped",
                "{group}'s database is down until {at}",
            ),
            &[("group", &group), ("at", &clock_now(t))],
        ),
        None => fill(
            tr(
                "handler_database_stopped.2",
                "{group}'s database is down until started",
            ),
            &[("group", &group)],
        ),
    }
}
/// The database is back.
pub fn handler_database_started(group: &str) -> String {
    fill(
        tr("handler_database_started", "{group}'s database is back"),
        &[("group", &group)],
    )
}
/// One failed attempt, and the wait before the next one if there is one.
pub fn handler_failed(record: &str, attempt: u32, error: &str, retry_in_ms: Option<i64>) -> String {
    match retry_in_ms {
        Some(ms) => fill(
            tr(
                "handler_failed",
                "{record}, attempt {attempt}: {error}; retry in {ms} ms",
            ),
            &[
                ("record", &record),
                ("attempt", &attempt),
                ("error", &error),
                ("ms", &ms),
            ],
        ),
        None => fill(
            tr(
                "handler_failed.2",
                "{record}, attempt {attempt}: {error}; no more retries",
            ),
            &[
                ("record", &record),
                ("attempt", &attempt),
                ("error", &error),
            ],
        ),
    }
}
/// A record written to the dead letter queue.
pub fn handler_dead_lettered(record: &str, copy: &str) -> String {
    fill(
        tr(
            "handler_dead_lettered",
            "{record} went to the dead letter queue at {copy}",
        ),
        &[("record", &record), ("copy", &copy)],
    )
}
/// A record skipped without a copy.
pub fn handler_skipped(record: &str, error: Option<&str>) -> String {
    match error {
        None => fill(
            tr(
                "handler_skipped",
                "{record} skipped (errors.tolerance=all, no dead letter queue)",
            ),
            &[("record", &record)],
        ),
        Some(e) => fill(
            tr("handler_skipped.2", "{record} skipped: {error}"),
            &[("record", &record), ("error", &e)],
        ),
    }
}
/// errors.tolerance=none stopped the application.
pub fn handler_stopped(consumer: &str, error: &str) -> String {
    fill(
        tr("handler_stopped", "{consumer} stopped: {error}"),
        &[("consumer", &consumer), ("error", &error)],
    )
}
/// The poll timer ran out while the handler waited.
pub fn handler_poll_timeout(consumer: &str, ms: i64) -> String {
    fill(
        tr(
            "handler_poll_timeout",
            "{consumer} has not polled for max.poll.interval.ms={ms}: it left its group",
        ),
        &[("consumer", &consumer), ("ms", &ms)],
    )
}
/// Records whose effect was written.
pub fn handler_processed(consumer: &str, n: usize) -> String {
    if n == 1 {
        fill(
            tr("handler_processed", "{consumer} processed {n} record"),
            &[("consumer", &consumer), ("n", &n)],
        )
    } else {
        fill(
            tr("handler_processed.2", "{consumer} processed {n} records"),
            &[("consumer", &consumer), ("n", &n)],
        )
    }
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
