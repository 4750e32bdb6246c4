//! Topic metadata as `kafka-topics --describe` prints it, in the engine's own text.

use kafka_sim::admin::DescribeFilter;
use leptos::prelude::*;

use crate::text;
use crate::views::lesson_player::StepContext;

/// The metadata panel.
#[component]
pub fn MetadataPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let describe = Memo::new(move |_| {
        ctx.with_cluster(|c| {
            let text = c
                .describe_topics(None, DescribeFilter::All)
                .unwrap_or_default();
            if text.is_empty() {
                "(no topics)\n".to_string()
            } else {
                text
            }
        })
    });
    view! {
        <section class="panel" aria-labelledby="metadata-title">
            <h3 class="panel__title" id="metadata-title"><code>{text::metadata_panel()}</code></h3>
            // Scrolls past a screenful (a topic of a thousand partitions has a line each),
            // so it takes keyboard focus to scroll.
            <pre class="describe describe--metadata" tabindex="0" aria-label=text::metadata_panel()>{move || describe.get()}</pre>
        </section>
    }
}
