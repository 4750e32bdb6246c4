//! Consumers as cards beside the brokers, grouped by `group.id` under the group's state
//! badge and generation: who is alive, what it is doing, which partitions it owns.
//! Crashed and closed consumers fold into one line per group, and groups the step does
//! not work with fold to one line each (`view_model::focused_groups`), so finished groups
//! do not push the step's picture below the fold.

use leptos::prelude::*;

use crate::text;
use crate::view_model::{self, Activity, ConsumerModel};
use crate::views::lesson_player::StepContext;

/// Partition chips a card draws; its text names them all.
const MAX_CHIPS: usize = 12;

/// One consumer's card.
fn card(ctx: StepContext, c: ConsumerModel) -> impl IntoView {
    let activity = format!("{:?}", c.activity).to_ascii_lowercase();
    let more = (c.owned.len() > MAX_CHIPS)
        .then(|| view! { <span class="chip chip--more">{format!("+{}", c.owned.len() - MAX_CHIPS)}</span> });
    view! {
        <li class=format!("consumer consumer--{} consumer--{activity}", c.liveness)>
            <strong>{c.name.to_string()}</strong>
            " "
            <span class="consumer__activity">{text::activity(c.activity)}</span>
            <span class="consumer__meta">
                {c.member_id.as_deref().map(|m| format!("member {m} · ")).unwrap_or_default()}
                {text::owned_list(&c.owned)}
            </span>
            <span class="consumer__chips" aria-hidden="true">
                {c.owned.into_iter().take(MAX_CHIPS).map(|tp| {
                    let p = tp.1;
                    let leave = tp.clone();
                    view! {
                        <span
                            class="chip"
                            on:mouseenter=move |_| ctx.pointed.set(Some(tp.clone()))
                            on:mouseleave=move |_| if ctx.pointed.get_untracked().as_ref() == Some(&leave) { ctx.pointed.set(None) }
                        >{format!("P{p}")}</span>
                    }
                }).collect_view()}
                {more}
            </span>
        </li>
    }
}

/// The consumer cards.
#[component]
pub fn ConsumerCards() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let groups = Memo::new(move |_| {
        ctx.run.with_value(|r| {
            let s = &r.steps[ctx.step.get()];
            let cards = ctx.with_cluster(view_model::consumer_cards);
            let focus = view_model::focused_groups(&s.commands, &cards);
            cards.into_iter().zip(focus).collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || groups.with(|g| !g.is_empty())>
            <div class="consumer-groups" role="region" aria-label=text::consumers()>
                {move || groups.get().into_iter().map(|(g, open)| {
                    // A group the step does not work with is folded to its summary line.
                    let title = text::group_cards_title(&g.group, g.generation, g.epochs);
                    let (running, stopped): (Vec<_>, Vec<_>) = g
                        .consumers
                        .into_iter()
                        .partition(|c| !matches!(c.activity, Activity::Crashed | Activity::Closed));
                    let summary = if open { title.clone() } else { text::folded_group(&title, running.len(), stopped.len()) };
                    let names: Vec<String> = stopped.iter().map(|c| text::stopped_consumer(&c.name, c.liveness)).collect();
                    let has_stopped = !stopped.is_empty();
                    view! {
                        <section class="consumer-group" aria-label=title>
                            <details open=open>
                                <summary class="consumer-group__title">
                                    <span class=format!("badge badge--{}", g.state.to_ascii_lowercase())>{g.state}</span>
                                    " "{summary}
                                </summary>
                                <ul class="consumers">{running.into_iter().map(|c| card(ctx, c)).collect_view()}</ul>
                                <details class="consumer-group__stopped" hidden=!has_stopped>
                                    <summary>{text::stopped_consumers(&names)}</summary>
                                    <ul class="consumers">{stopped.into_iter().map(|c| card(ctx, c)).collect_view()}</ul>
                                </details>
                            </details>
                        </section>
                    }
                }).collect_view()}
            </div>
        </Show>
    }
}
