//! How the last record of the step found its partition.

use kafka_sim::partitioner::Routing;
use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::hash_steps::hash_steps_html;
use crate::views::lesson_player::StepContext;

/// The hash panel.
#[component]
pub fn HashPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let last = Memo::new(move |_| {
        ctx.run
            .with_value(|r| view_model::last_routing(&r.steps[ctx.step.get()].events))
    });
    view! {
        <section class="panel" aria-labelledby="hash-panel-title">
            <h3 class="panel__title" id="hash-panel-title">{text::hash_panel()}</h3>
            {move || match last.get() {
                None => view! { <p>{text::no_routing()}</p> }.into_any(),
                Some(l) => {
                    let head = text::routed(l.key.as_deref(), &l.topic, l.partition, l.offset);
                    let body = match l.routing {
                        Routing::Hashed(hash) => view! {
                            <div inner_html=hash_steps_html(l.key.as_deref().unwrap_or_default(), &hash)></div>
                        }
                        .into_any(),
                        Routing::Sticky { produced_bytes, batch_size, switched } => {
                            view! { <p>{text::routed_sticky(l.partition, switched, produced_bytes, batch_size)}</p> }.into_any()
                        }
                        Routing::RoundRobin { counter } => {
                            view! { <p>{text::routed_round_robin(counter, l.partition)}</p> }.into_any()
                        }
                        Routing::Random => view! { <p>{text::routed_random()}</p> }.into_any(),
                        Routing::LingerSticky { since_ms, linger_ms, switched } => {
                            view! { <p>{text::routed_linger(l.partition, linger_ms, switched, since_ms)}</p> }.into_any()
                        }
                        Routing::Explicit => view! { <p>{text::routed_explicit()}</p> }.into_any(),
                    };
                    view! { <p class="panel__lead">{head}</p> {body} }.into_any()
                }
            }}
        </section>
    }
}
