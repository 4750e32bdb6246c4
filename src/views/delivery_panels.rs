//! The delivery-semantics panels: the outcome table of lesson 1.5 (pick where the
//! consumer crashes, read off what each commit strategy processed once, more than once
//! or never), the application databases, and the producer's sends, send by send.

use kafka_sim::scenario::CrashPoint;
use leptos::prelude::*;

use crate::text;
use crate::view_model;

/// The outcome panel.
#[component]
pub fn OutcomePanel() -> impl IntoView {
    // Mid-batch by default: every strategy's behaviour shows at once.
    let crash = RwSignal::new(2usize);
    let rows = Memo::new(move |_| {
        view_model::outcomes(CrashPoint::ALL[crash.get().min(CrashPoint::ALL.len() - 1)])
    });
    view! {
        <section class="panel panel--wide outcomes" aria-labelledby="outcomes-title">
            <h3 class="panel__title" id="outcomes-title">{text::OUTCOMES_PANEL}</h3>
            <p class="strategies__help">{text::OUTCOMES_HELP}</p>
            <label class="strategies__controls">
                {text::CRASH_POINT_LABEL}" "
                <select on:change=move |ev| crash.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {CrashPoint::ALL.iter().enumerate().map(|(i, c)| view! {
                        <option value=i.to_string() selected=move || crash.get() == i>{text::crash_point(c.name())}</option>
                    }).collect_view()}
                </select>
            </label>
            {move || match rows.get() {
                Ok(rows) => view! {
                    <div class="describe">
                        <table aria-label=text::OUTCOMES_PANEL>
                            <thead><tr>{text::OUTCOME_COLUMNS.map(|c| view! { <th scope="col">{c}</th> })}</tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let (more, never) = (r.ledger.processed_more_than_once, r.ledger.never_processed);
                                    let (more_bad, never_bad) = (more > 0, never > 0);
                                    view! {
                                    <tr>
                                        <th scope="row">{text::strategy_label(r.strategy)}</th>
                                        <td>{r.ledger.produced}</td>
                                        <td>{r.ledger.processed_once}</td>
                                        <td class:outcome--bad=more_bad>{more}</td>
                                        <td class:outcome--bad=never_bad>{never}</td>
                                        <td>{r.ledger.duplicates_prevented}</td>
                                        <td>{r.balance.map_or(text::NO_VALUE.to_string(), |b| b.to_string())}</td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            }}
        </section>
    }
}

/// The application databases of the current step.
#[component]
pub fn DatabasePanel() -> impl IntoView {
    let ctx = expect_context::<crate::views::lesson_player::StepContext>();
    let rows = Memo::new(move |_| {
        ctx.run
            .with_value(|r| view_model::database(&r.steps[ctx.step.get()].cluster))
    });
    view! {
        <section class="panel panel--wide" aria-labelledby="database-title">
            <h3 class="panel__title" id="database-title">{text::DATABASE_PANEL}</h3>
            <Show when=move || rows.with(|r| !r.is_empty()) fallback=|| view! { <p>{text::NO_DATABASE}</p> }>
                <div class="describe">
                    <table aria-label=text::DATABASE_PANEL>
                        <thead><tr>{text::DATABASE_COLUMNS.map(|c| view! { <th scope="col">{c}</th> })}</tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|r| view! {
                                <tr>
                                    <td>{r.group.to_string()}</td>
                                    <td>{r.key.to_string()}</td>
                                    <td>{r.balance}</td>
                                    <td>{r.status.as_deref().unwrap_or(text::NO_VALUE).to_string()}</td>
                                    <td>{r.applied}</td>
                                    <td>{r.prevented}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// The producer's side of the step, send by send.
#[component]
pub fn SendsPanel() -> impl IntoView {
    let ctx = expect_context::<crate::views::lesson_player::StepContext>();
    let lines = Memo::new(move |_| {
        ctx.run.with_value(|r| {
            let s = &r.steps[ctx.step.get()];
            view_model::sends(&s.events, &s.cluster)
        })
    });
    view! {
        <section class="panel panel--wide" aria-labelledby="sends-title">
            <h3 class="panel__title" id="sends-title">{text::SENDS_PANEL}</h3>
            <Show when=move || lines.with(|l| !l.is_empty()) fallback=|| view! { <p>{text::NO_SENDS}</p> }>
                <div class="scroll-y" role="log" aria-label=text::SENDS_PANEL tabindex="0">
                    <ol class="consumer-log">
                        {move || lines.get().into_iter().map(|l| view! { <li><code>{l}</code></li> }).collect_view()}
                    </ol>
                </div>
            </Show>
        </section>
    }
}
