//! Consumers as cards beside the brokers, grouped by `group.id` under the group's state
//! badge and generation: who is alive, what it is doing, which partitions it owns.

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// The consumer cards.
#[component]
pub fn ConsumerCards() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let groups = Memo::new(move |_| {
        ctx.run
            .with_value(|r| view_model::consumer_cards(&r.steps[ctx.step.get()].cluster))
    });
    view! {
        <Show when=move || groups.with(|g| !g.is_empty())>
            <div class="consumer-groups" role="region" aria-label=text::CONSUMERS>
                <For each=move || groups.get() key=|g| g.clone() let:g>
                    <section class="consumer-group" aria-label=text::group_cards_title(&g.group, g.generation)>
                        <p class="consumer-group__title">
                            <span class=format!("badge badge--{}", g.state.to_ascii_lowercase())>{g.state}</span>
                            " "{text::group_cards_title(&g.group, g.generation)}
                        </p>
                        <ul class="consumers">
                            {g.consumers.into_iter().map(|c| {
                                let activity = format!("{:?}", c.activity).to_ascii_lowercase();
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
                                            {c.owned.into_iter().map(|tp| {
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
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                </For>
            </div>
        </Show>
    }
}
