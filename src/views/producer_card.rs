//! The producer beside the brokers: what it sent in this step and where the last record
//! went, so the records sliding into their logs have a visible source.

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// The producer card.
#[component]
pub fn ProducerCard() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let sent = Memo::new(move |_| {
        ctx.run.with_value(|r| {
            let events = &r.steps[ctx.step.get()].events;
            view_model::producer_sends(events)
        })
    });
    view! {
        <div class="producer" class:producer--busy=move || sent.with(|(n, _)| *n > 0) role="status">
            <span class="producer__name">{text::producer()}</span>
            {move || {
                let (n, last) = sent.get();
                match last {
                    Some(l) => text::producer_sent(n, l.key.as_deref(), &l.topic, l.partition, l.offset),
                    None => text::producer_idle().to_string(),
                }
            }}
        </div>
    }
}
