//! What each picture's legend explains, read off what the picture draws: only the keys,
//! marks and kinds of record that are on screen. One list feeds the shared `Legend` view.

use std::sync::Arc;

use kafka_sim::event::Event;

use super::{key_class, OffsetMark, TopicModel};

/// How an entry of a legend is drawn: the same shape and classes as in the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Swatch {
    /// A record cell in a key's colour (its CSS class, `key-3` or `key-null`).
    Key(String),
    /// ▼ above the cells.
    Position,
    /// ▲ below the cells.
    Committed,
    /// A dashed cell: a transaction marker.
    Marker,
    /// A faded, struck-through cell.
    Aborted,
    /// A cell with a corner flag: a second copy written by a retry.
    Duplicate,
    /// An outlined, see-through cell: a tombstone (a key with a null value).
    Tombstone,
    /// A small dotted slot: an offset the log cleaner emptied.
    Hole,
    /// The HW line.
    HighWatermark,
    /// The dashed LEO slot.
    LogEnd,
    /// A dashed segment boundary.
    Segment,
    /// "s0" under a record: its producer sequence number.
    Sequence,
    /// A lag chart line, in partition `n`'s dash pattern.
    Line(u32),
}

/// One entry: a swatch and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendItem {
    /// The shape.
    pub swatch: Swatch,
    /// The words.
    pub label: String,
}

/// Offsets (topic, partition, offset) of records written a second time because the
/// producer retried a send whose acknowledgement was lost (no idempotence: the broker
/// cannot tell). Read off the events: `AckLost`, then `ProduceRetried`, then the append.
pub fn retried_copies<'a>(
    events: impl IntoIterator<Item = &'a Event>,
) -> Vec<(Arc<str>, u32, i64)> {
    let mut out = Vec::new();
    let mut lost: Option<(Arc<str>, u32)> = None;
    for e in events {
        match e {
            Event::AckLost {
                topic, partition, ..
            } => lost = Some((topic.clone(), *partition)),
            Event::ProduceRetried { .. } => {}
            Event::RecordAppended {
                topic,
                partition,
                offset,
                ..
            } => {
                if lost
                    .take()
                    .is_some_and(|(t, p)| t == *topic && p == *partition)
                {
                    out.push((topic.clone(), *partition, *offset));
                }
            }
            _ => lost = None,
        }
    }
    out
}

/// The legend of the cluster picture: the keys drawn (in first-drawn order, at most
/// `max_keys`), then each kind of mark and record that appears.
pub fn picture_legend(
    topics: &[TopicModel],
    marks: &[OffsetMark],
    duplicates: usize,
    sequences: bool,
    max_keys: usize,
    text: &dyn Fn(&Swatch) -> String,
) -> Vec<LegendItem> {
    let mut items: Vec<LegendItem> = Vec::new();
    let records = || {
        topics
            .iter()
            .flat_map(|t| &t.partitions)
            .flat_map(|p| &p.records)
    };
    let mut keys: Vec<Option<Arc<str>>> = Vec::new();
    for r in records().filter(|r| r.marker.is_none()) {
        if !keys.contains(&r.key) {
            keys.push(r.key.clone());
        }
    }
    let more = keys.len().saturating_sub(max_keys);
    for k in keys.into_iter().take(max_keys) {
        let swatch = Swatch::Key(key_class(k.as_deref()));
        let label = match &k {
            Some(k) => format!("key {k}"),
            None => text(&swatch),
        };
        items.push(LegendItem { swatch, label });
    }
    if more > 0 {
        items.push(LegendItem {
            swatch: Swatch::Key("key-null".into()),
            label: format!("+{more} more keys"),
        });
    }
    let mut add = |present: bool, swatch: Swatch| {
        if present {
            let label = text(&swatch);
            items.push(LegendItem { swatch, label });
        }
    };
    let any_topic = !topics.is_empty();
    add(any_topic, Swatch::LogEnd);
    add(any_topic, Swatch::HighWatermark);
    add(
        topics
            .iter()
            .flat_map(|t| &t.partitions)
            .any(|p| p.segments.iter().any(|s| *s > p.log_start_offset)),
        Swatch::Segment,
    );
    add(marks.iter().any(|m| !m.committed), Swatch::Position);
    add(marks.iter().any(|m| m.committed), Swatch::Committed);
    add(records().any(|r| r.marker.is_some()), Swatch::Marker);
    add(records().any(|r| r.aborted), Swatch::Aborted);
    add(duplicates > 0, Swatch::Duplicate);
    add(records().any(|r| r.tombstone), Swatch::Tombstone);
    add(
        topics
            .iter()
            .flat_map(|t| &t.partitions)
            .any(|p| !p.holes.is_empty()),
        Swatch::Hole,
    );
    add(
        sequences && records().any(|r| r.producer.is_some()),
        Swatch::Sequence,
    );
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_sim::Cluster;

    fn run(script: &str) -> (Cluster, Vec<Event>) {
        let mut c = Cluster::default();
        let mut events = Vec::new();
        for cmd in kafka_sim::command::parse_script(script).unwrap() {
            events.extend(c.apply(&cmd).unwrap());
        }
        (c, events)
    }

    #[test]
    fn a_retry_after_a_lost_ack_is_a_copy_and_after_a_lost_request_is_not() {
        let (_, events) = run("create-topic t partitions=1\nset-producer enable.idempotence=false\nproduce t value=a fault=lost-request\nproduce t value=b fault=lost-ack\nproduce t value=c\n");
        assert_eq!(retried_copies(&events), vec![(Arc::from("t"), 0, 2)]);
        let (_, events) = run("create-topic t partitions=1\nproduce t value=b fault=lost-ack\n");
        assert_eq!(
            retried_copies(&events),
            vec![],
            "idempotence: the broker drops it"
        );
    }

    #[test]
    fn the_legend_lists_only_what_the_picture_draws() {
        let label = |s: &Swatch| format!("{s:?}");
        let (c, _) =
            run("create-topic t partitions=1\nproduce t key=a value=1\nproduce t value=2\n");
        let items = picture_legend(&super::super::topics(&c), &[], 0, false, 8, &label);
        let swatches: Vec<&Swatch> = items.iter().map(|i| &i.swatch).collect();
        assert_eq!(
            swatches,
            vec![
                &Swatch::Key(key_class(Some("a"))),
                &Swatch::Key("key-null".into()),
                &Swatch::LogEnd,
                &Swatch::HighWatermark
            ]
        );
        assert_eq!(items[0].label, "key a");
        let marks = [OffsetMark {
            label: "g".into(),
            offset: 1,
            committed: true,
        }];
        let items = picture_legend(&super::super::topics(&c), &marks, 1, false, 1, &label);
        let swatches: Vec<&Swatch> = items.iter().map(|i| &i.swatch).collect();
        assert!(swatches.contains(&&Swatch::Committed));
        assert!(!swatches.contains(&&Swatch::Position));
        assert!(swatches.contains(&&Swatch::Duplicate));
        assert_eq!(items[1].label, "+1 more keys");
    }
}
