//! The cluster picture: the broker and one card per topic.

use leptos::prelude::*;

use crate::text;
use crate::views::legend::Legend;
use crate::views::lesson_player::StepContext;
use crate::views::producer_card::ProducerCard;
use crate::views::topic_view::TopicView;

/// Consumer cards.
fn consumer_cards() -> impl IntoView {
    view! { <crate::views::consumer_cards::ConsumerCards/> }
}

/// All topics of the current step, keyed by name so unchanged topics stay in place.
#[component]
pub fn ClusterView() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    // The topic the step is about comes first; the rest in name order, as kafka-topics lists them.
    let names = Memo::new(move |_| {
        let focus = ctx.highlight.with(|h| h.topic.clone());
        let mut names: Vec<_> = ctx
            .topics
            .with(|ts| ts.iter().map(|t| t.name.clone()).collect());
        kafka_sim::sort::sort_by_key(&mut names, |n| focus.as_deref() != Some(&**n));
        names
    });
    // The picture's legend: only what it draws.
    let legend = Memo::new(move |_| {
        let sequences = ctx.highlight.with(|h| h.sequences);
        ctx.topics.with(|ts| {
            let marks: Vec<_> = ctx.with_cluster(|cluster| {
                ts.iter()
                    .flat_map(|t| {
                        t.partitions
                            .iter()
                            .flat_map(|p| crate::view_model::offset_marks(cluster, &t.name, p.id))
                    })
                    .collect()
            });
            let duplicates = ctx.duplicates.with_value(|d| {
                d.iter()
                    .filter(|(t, p, o)| {
                        ts.iter().any(|x| {
                            x.name == *t
                                && x.partitions
                                    .get(*p as usize)
                                    .is_some_and(|p| p.log_end_offset > *o)
                        })
                    })
                    .count()
            });
            crate::view_model::picture_legend(
                ts,
                &marks,
                duplicates,
                sequences,
                8,
                &text::legend_label,
            )
        })
    });
    let brokers = Memo::new(move |_| ctx.with_cluster(|c| c.broker_ids()));
    view! {
        <section class="cluster" aria-label=text::cluster()>
            <div class="cluster__brokers">
                {move || {
                    brokers
                        .get()
                        .into_iter()
                        .map(|b| view! { <span class="broker">{text::broker(b)}</span> })
                        .collect_view()
                }}
                <ProducerCard/>
            </div>
            {consumer_cards()}
            <Show when=move || names.with(Vec::is_empty)>
                <p class="cluster__empty">{text::no_topics()}</p>
            </Show>
            <For each=move || names.get() key=|n| n.clone() let:name>
                <TopicView name=name/>
            </For>
            <Show when=move || names.with(|n| !n.is_empty())>
                <Legend items=legend/>
            </Show>
        </section>
    }
}
