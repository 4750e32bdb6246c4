//! Consumers as cards beside the brokers: who is alive, which member id, what it owns.

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// The consumer cards.
#[component]
pub fn ConsumerCards() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let consumers = Memo::new(move |_| {
        ctx.run
            .with_value(|r| view_model::consumers(&r.steps[ctx.step.get()].cluster))
    });
    view! {
        <Show when=move || consumers.with(|c| !c.is_empty())>
            <ul class="consumers" aria-label=text::CONSUMERS>
                <For each=move || consumers.get() key=|c| c.clone() let:c>
                    <li class=format!("consumer consumer--{}", c.liveness)>
                        <strong>{c.name.to_string()}</strong>
                        " "
                        <span class="consumer__meta">
                            {text::consumer_card("", c.liveness, c.member_id.as_deref(), &c.owned).trim_start().to_string()}
                        </span>
                    </li>
                </For>
            </ul>
        </Show>
    }
}
