//! The KRaft metadata log: `kafka-metadata-quorum describe --status` and the last
//! records of `__cluster_metadata`, as the engine's active controller wrote them.

use leptos::prelude::*;

use crate::text;
use crate::view_model::metadata_log;
use crate::views::lesson_player::StepContext;

/// How many records the panel lists.
const SHOWN: usize = 14;

/// The metadata log panel.
#[component]
pub fn MetadataLogPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let status = Memo::new(move |_| {
        ctx.with_cluster(|c| {
            c.describe_quorum_status()
                .unwrap_or_else(|e| format!("{}: {}", e.kind.name(), e.message))
        })
    });
    let records = Memo::new(move |_| ctx.with_cluster(|c| metadata_log(c, SHOWN)));
    view! {
        <section class="panel panel--wide metadata-log" aria-labelledby="metadata-log-title">
            <h3 class="panel__title" id="metadata-log-title">{text::metadata_log_panel()}</h3>
            <h4 class="metadata-log__sub"><code>{text::quorum_status()}</code></h4>
            <pre class="describe">{move || status.get()}</pre>
            <ol class="metadata-log__records" aria-label=text::metadata_log_panel()>
                {move || records.get().into_iter().map(|(offset, epoch, record)| view! {
                    <li class="metadata-log__record">{text::metadata_record(offset, epoch, &record)}</li>
                }).collect_view()}
            </ol>
        </section>
    }
}
