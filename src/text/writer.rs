//! The kafka-go Writer panel's messages (view_model/writer.rs). kafka-go's own words
//! (field names, `WriteMessages`, its error texts) are not messages: they stay in Go.

use crate::locale::{fill, tr};

/// The Writer panel's title.
pub fn writer_panel() -> &'static str {
    tr("writer_panel", "kafka-go Writer")
}
/// What the panel shows.
pub fn writer_help() -> &'static str {
    tr(
        "writer_help",
        "The Go service's producer: its fields (a field left out keeps its zero value), what became of the messages it was given, and what it did this step.",
    )
}
/// No Writer yet.
pub fn no_writer() -> &'static str {
    tr(
        "no_writer",
        "The producer is Kafka's Java client: no kafka-go Writer is set (set-writer).",
    )
}
/// The fields table's columns.
pub fn writer_columns() -> [&'static str; 3] {
    [
        tr("writer_columns.0", "field"),
        tr("writer_columns.1", "value"),
        tr("writer_columns.2", "set by"),
    ]
}
/// A field the service set.
pub fn writer_field_set() -> &'static str {
    tr("writer_field_set", "the service")
}
/// A field left at its zero value.
pub fn writer_field_default() -> &'static str {
    tr("writer_field_default", "zero value")
}
/// The ledger's heading.
pub fn writer_ledger() -> &'static str {
    tr("writer_ledger", "The messages it was given")
}
/// The ledger's rows: written, unseen, returned, reported, dropped.
pub fn writer_ledger_rows() -> [&'static str; 5] {
    [
        tr("writer_ledger_rows.0", "written to a partition"),
        tr(
            "writer_ledger_rows.1",
            "counted written, refused unseen (RequireNone)",
        ),
        tr(
            "writer_ledger_rows.2",
            "failed, WriteMessages returned the error",
        ),
        tr(
            "writer_ledger_rows.3",
            "failed, the Completion callback got the error",
        ),
        tr("writer_ledger_rows.4", "failed, nobody was told"),
    ]
}
/// The batches heading.
pub fn writer_batches() -> &'static str {
    tr("writer_batches", "Batches it holds")
}
/// No batches held.
pub fn no_writer_batches() -> &'static str {
    tr("no_writer_batches", "none")
}
/// One batch it holds.
pub fn writer_pending(
    partition: &str,
    batch: u32,
    messages: usize,
    next: &str,
    attempts: u32,
) -> String {
    fill(
        tr(
            "writer_pending",
            "batch {batch} for {partition}: {messages} message{s}, next at {next} (attempts so far: {attempts})",
        ),
        &[
            ("batch", &batch),
            ("partition", &partition),
            ("messages", &messages),
            ("s", &super::s(messages)),
            ("attempts", &attempts),
            ("next", &next),
        ],
    )
}
/// The step's Writer log.
pub fn writer_log() -> &'static str {
    tr("writer_log", "What the Writer did")
}
/// An empty Writer log.
pub fn no_writer_log() -> &'static str {
    tr("no_writer_log", "The Writer did nothing this step.")
}
/// A new Writer.
pub fn writer_configured(fields: &str) -> String {
    if fields.is_empty() {
        tr(
            "writer_configured.zero",
            "Writer: every field at its zero value",
        )
        .to_string()
    } else {
        fill(
            tr(
                "writer_configured",
                "Writer: {fields}; every other field at its zero value",
            ),
            &[("fields", &fields)],
        )
    }
}
/// A message put in its partition's batch.
pub fn writer_batched(partition: &str, batch: u32, due_ms: i64, is_async: bool) -> String {
    let due = super::clock_now(due_ms);
    if is_async {
        fill(
            tr(
                "writer_batched.async",
                "message in batch {batch} for {partition}, written at {due}; WriteMessages returned nil at once",
            ),
            &[("batch", &batch), ("partition", &partition), ("due", &due)],
        )
    } else {
        fill(
            tr(
                "writer_batched",
                "WriteMessages put the message in batch {batch} for {partition} and waits until {due}",
            ),
            &[("batch", &batch), ("partition", &partition), ("due", &due)],
        )
    }
}
/// Who heard of a batch's result: WriteMessages.
pub fn writer_report_returned() -> &'static str {
    tr("writer_report_returned", "WriteMessages returned")
}
/// Who heard of a batch's result: the Completion callback.
pub fn writer_report_completion() -> &'static str {
    tr("writer_report_completion", "the Completion callback got it")
}
/// Who heard of a batch's result: nobody.
pub fn writer_report_dropped() -> &'static str {
    tr("writer_report_dropped", "nobody is told")
}
/// A batch written.
pub fn writer_written(
    partition: &str,
    batch: u32,
    offsets: (i64, i64),
    attempts: u32,
    waited_ms: i64,
    report: &str,
) -> String {
    let offsets = if offsets.0 == offsets.1 {
        fill(
            tr("writer_offset", "offset {first}"),
            &[("first", &offsets.0)],
        )
    } else {
        fill(
            tr("writer_offsets", "offsets {first} to {last}"),
            &[("first", &offsets.0), ("last", &offsets.1)],
        )
    };
    fill(
        tr(
            "writer_written",
            "batch {batch} written to {partition} at {offsets}, attempt {attempts}, after {ms} ms: {report}",
        ),
        &[
            ("batch", &batch),
            ("partition", &partition),
            ("offsets", &offsets),
            ("attempts", &attempts),
            ("ms", &waited_ms),
            ("report", &report),
        ],
    )
}
/// A failed attempt, retried after a backoff.
pub fn writer_retried(batch: u32, attempt: u32, error: &str, backoff_ms: i64) -> String {
    fill(
        tr(
            "writer_retried",
            "batch {batch}, attempt {attempt}: {error}; retry in {ms} ms",
        ),
        &[
            ("batch", &batch),
            ("attempt", &attempt),
            ("error", &error),
            ("ms", &backoff_ms),
        ],
    )
}
/// A batch given up.
pub fn writer_failed(
    batch: u32,
    attempts: u32,
    waited_ms: i64,
    error: &str,
    report: &str,
) -> String {
    fill(
        tr(
            "writer_failed",
            "batch {batch} given up after {attempts} attempts, {ms} ms: {error}; {report}",
        ),
        &[
            ("batch", &batch),
            ("attempts", &attempts),
            ("ms", &waited_ms),
            ("error", &error),
            ("report", &report),
        ],
    )
}
/// A RequireNone batch the leader refused, which the Writer counts written.
pub fn writer_lost_unseen(partition: &str, batch: u32, messages: usize, error: &str) -> String {
    fill(
        tr(
            "writer_lost_unseen",
            "batch {batch} for {partition}: the leader refused its {messages} message{s} ({error}) and, with RequireNone, sent no answer: counted written",
        ),
        &[
            ("batch", &batch),
            ("partition", &partition),
            ("messages", &messages),
            ("s", &super::s(messages)),
            ("error", &error),
        ],
    )
}
