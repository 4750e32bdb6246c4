//! How the last record of the step found its partition.

use kafka_sim::partitioner::Routing;
use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::hash_steps::HashSteps;
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
            <h3 class="panel__title" id="hash-panel-title">{text::HASH_PANEL}</h3>
            {move || match last.get() {
                None => view! { <p>{text::NO_ROUTING}</p> }.into_any(),
                Some(l) => {
                    let head = format!(
                        "{} → {}-{} at offset {}",
                        l.key.as_deref().map_or("null key".to_string(), |k| format!("key {k}")),
                        l.topic,
                        l.partition,
                        l.offset
                    );
                    let body = match l.routing {
                        Routing::Hashed(hash) => view! {
                            <HashSteps key=l.key.as_deref().unwrap_or_default().to_string() hash=hash/>
                        }
                        .into_any(),
                        Routing::Sticky { produced_bytes, batch_size, switched } => view! {
                            <p>
                                "No key to hash: the built-in partitioner (KIP-794) sends it to the sticky partition "
                                <strong>{l.partition.to_string()}</strong>
                                {if switched { ", chosen at random for this new run" } else { "" }}
                                ". "
                                {format!("{produced_bytes} of batch.size={batch_size} bytes have gone there")}
                                {if produced_bytes >= batch_size { "; the next keyless record picks a new partition." } else { "." }}
                            </p>
                        }
                        .into_any(),
                        Routing::RoundRobin { counter } => view! {
                            <p>{format!("RoundRobinPartitioner: counter {counter} % partitions = {}", l.partition)}</p>
                        }
                        .into_any(),
                        Routing::Random => view! { <p>"librdkafka picked a random partition for this key."</p> }.into_any(),
                        Routing::LingerSticky { since_ms, linger_ms, switched } => view! {
                            <p>
                                {format!(
                                    "No key to hash: librdkafka keeps keyless records on partition {} for sticky.partitioning.linger.ms={linger_ms} ms{}.",
                                    l.partition,
                                    if switched { ", chosen at random just now".to_string() } else { format!(" (chosen at {since_ms} ms)") }
                                )}
                            </p>
                        }
                        .into_any(),
                        Routing::Explicit => view! { <p>"The record named its partition; an explicit partition always wins."</p> }.into_any(),
                    };
                    view! { <p class="panel__lead">{head}</p> {body} }.into_any()
                }
            }}
        </section>
    }
}
