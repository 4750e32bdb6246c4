//! One record in full, as a consumer would see it: topic, partition, offset, key, value,
//! headers, timestamp, and the segment file that holds it.

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// Kafka names segment files by base offset, zero-padded to 20 digits.
pub fn segment_file_name(base_offset: i64) -> String {
    format!("{base_offset:020}.log")
}

/// The record panel: visible while a record that exists in this step is selected.
#[component]
pub fn RecordPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let shown = Memo::new(move |_| {
        ctx.selected.with(|s| {
            let s = s.as_ref()?;
            let found = ctx.topics.with(|ts| view_model::selected_record(ts, s))?;
            Some((s.clone(), found))
        })
    });
    move || {
        shown.get().map(|(sel, (record, segment))| {
            // One header a line: a dead-lettered record carries eight of Connect's.
            let headers = if record.headers.is_empty() {
                text::no_headers().into_any()
            } else {
                let items = record
                    .headers
                    .iter()
                    .map(|(k, v)| view! { <li><code>{format!("{k}={v}")}</code></li> })
                    .collect_view();
                view! { <ul class="record-panel__headers">{items}</ul> }.into_any()
            };
            view! {
                <section class="panel record-panel" aria-labelledby="record-title">
                    <div class="record-panel__head">
                        <h3 class="panel__title" id="record-title">
                            {text::record_heading(&sel.topic, sel.partition, sel.offset)}
                        </h3>
                        <button type="button" class="btn btn--small" on:click=move |_| ctx.selected.set(None)>
                            {text::close_record()}
                        </button>
                    </div>
                    <dl class="record-panel__fields">
                        <dt>{text::field_key()}</dt>
                        <dd><code>{record.key.as_deref().map_or("null".to_string(), |k| format!("{k:?}"))}</code></dd>
                        <dt>{text::field_value()}</dt>
                        <dd><code>{record.value.as_deref().map_or("null".to_string(), |v| format!("{v:?}"))}</code></dd>
                        <dt>{text::field_headers()}</dt>
                        <dd>{headers}</dd>
                        <dt>{text::field_producer()}</dt>
                        <dd>{text::producer_tag(record.producer, record.marker)}</dd>
                        <dt>{text::field_timestamp()}</dt>
                        <dd>{text::timestamp(record.timestamp)}</dd>
                        <dt>{text::field_segment()}</dt>
                        <dd><code>{segment_file_name(segment)}</code></dd>
                    </dl>
                </section>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::segment_file_name;

    #[test]
    fn segment_files_are_named_by_their_zero_padded_base_offset() {
        assert_eq!(segment_file_name(0), "00000000000000000000.log");
        assert_eq!(segment_file_name(12), "00000000000000000012.log");
    }
}
