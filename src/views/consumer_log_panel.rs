//! The consumer log: each record a poll returned, logged as a service would log it:
//! `topic/partition/offset key=value`.

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// The consumer log panel.
#[component]
pub fn ConsumerLogPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let lines = Memo::new(move |_| {
        ctx.run.with_value(|r| {
            let s = &r.steps[ctx.step.get()];
            view_model::poll_log(&s.events, &s.cluster)
        })
    });
    view! {
        <section class="panel" aria-labelledby="consumer-log-title">
            <h3 class="panel__title" id="consumer-log-title">{text::CONSUMER_LOG_PANEL}</h3>
            {move || {
                let lines = lines.get();
                if lines.is_empty() {
                    view! { <p>{text::NOTHING_POLLED}</p> }.into_any()
                } else {
                    let keys = view_model::per_key(&lines);
                    view! {
                        <ol class="consumer-log" role="log" aria-label=text::CONSUMER_LOG_PANEL>
                            {lines
                                .into_iter()
                                .map(|l| view! { <li><span class="consumer-log__who">{format!("[{}] ", l.consumer)}</span><code>{l.text}</code></li> })
                                .collect_view()}
                        </ol>
                        <h4 class="consumer-log__keys-title">{text::PER_KEY_ORDER}</h4>
                        <ul class="consumer-log__keys">
                            {keys.into_iter().map(|(k, vs)| view! { <li><code>{text::key_sequence(&k, &vs)}</code></li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
