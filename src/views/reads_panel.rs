//! What each reader fetched in this step, and that the log kept it all.

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// The reads panel.
#[component]
pub fn ReadsPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let reads = Memo::new(move |_| {
        ctx.run
            .with_value(|r| view_model::reads(&r.steps[ctx.step.get()].events))
    });
    view! {
        <section class="panel" aria-labelledby="reads-title">
            <h3 class="panel__title" id="reads-title">{text::reads_panel()}</h3>
            <ul class="reads" inner_html=move || {
                reads.with(|rs| {
                    rs.iter()
                        .map(|r| {
                            let range = match (r.offsets.first(), r.offsets.last()) {
                                (Some(a), Some(b)) => text::offsets_range(*a, *b, r.offsets.len()),
                                _ => text::nothing_new().to_string(),
                            };
                            format!(
                                "<li><strong>{}</strong>{}</li>",
                                crate::shell::esc(&r.reader),
                                crate::shell::esc(&text::fetched(&r.topic, r.partition, &range, r.next_offset))
                            )
                        })
                        .collect::<String>()
                })
            }></ul>
        </section>
    }
}
