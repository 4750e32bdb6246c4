//! The delivery-semantics panels: the outcome table of lesson 1.5 (pick where the
//! consumer crashes, read off what each commit strategy processed once, more than once
//! or never), the application databases, and the producer's sends, send by send.

use kafka_sim::scenario::CrashPoint;
use leptos::prelude::*;

use crate::text;
use crate::view_model;

/// A table's header row.
fn head(columns: &[&str]) -> String {
    let mut h = String::from("<thead><tr>");
    for c in columns {
        h.push_str(&format!(r#"<th scope="col">{c}</th>"#));
    }
    h.push_str("</tr></thead>");
    h
}

/// The outcome table, as markup.
fn outcome_html(rows: &[view_model::OutcomeRow]) -> String {
    let mut h = format!(
        r#"<div class="describe" tabindex="0"><table aria-label="{}">{}<tbody>"#,
        text::outcomes_panel(),
        head(&text::outcome_columns())
    );
    for r in rows {
        let l = &r.ledger;
        let bad = |n: usize| {
            if n > 0 {
                r#" class="outcome--bad""#
            } else {
                ""
            }
        };
        h.push_str(&format!(
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td{}>{}</td><td{}>{}</td><td>{}</td><td>{}</td></tr>"#,
            text::strategy_label(r.strategy),
            l.produced,
            l.processed_once,
            bad(l.processed_more_than_once as usize),
            l.processed_more_than_once,
            bad(l.never_processed as usize),
            l.never_processed,
            l.duplicates_prevented,
            r.balance.map_or(text::no_value().to_string(), |b| b.to_string())
        ));
    }
    h.push_str("</tbody></table></div>");
    h
}

/// The application databases, as markup.
fn database_html(rows: &[view_model::DbRow]) -> String {
    use crate::shell::esc;
    if rows.is_empty() {
        return format!("<p>{}</p>", text::no_database());
    }
    let mut h = format!(
        r#"<div class="describe" tabindex="0"><table aria-label="{}">{}<tbody>"#,
        text::database_panel(),
        head(&text::database_columns())
    );
    for r in rows {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.group),
            esc(&r.key),
            r.balance,
            esc(r.status.as_deref().unwrap_or(text::no_value())),
            r.applied,
            r.prevented
        ));
    }
    h.push_str("</tbody></table></div>");
    h
}

/// The producer's sends, as a log that starts at its last line.
fn sends_html(lines: &[String]) -> String {
    if lines.is_empty() {
        return format!("<p>{}</p>", text::no_sends());
    }
    let mut h = format!(
        r#"<div class="scroll-y" role="log" aria-label="{}" tabindex="0"><ol class="consumer-log">"#,
        text::sends_panel()
    );
    for l in lines {
        h.push_str(&format!("<li><code>{}</code></li>", crate::shell::esc(l)));
    }
    h.push_str("</ol></div>");
    h
}

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
            <h3 class="panel__title" id="outcomes-title">{text::outcomes_panel()}</h3>
            <p class="strategies__help">{text::outcomes_help()}</p>
            <label class="strategies__controls">
                {text::crash_point_label()}" "
                <select on:change=move |ev| crash.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {CrashPoint::ALL.iter().enumerate().map(|(i, c)| view! {
                        <option value=i.to_string() selected=move || crash.get() == i>{text::crash_point(c.name())}</option>
                    }).collect_view()}
                </select>
            </label>
            // The table changes whole with the crash point: one DOM call.
            <div inner_html=move || rows.with(|r| match r {
                Ok(rows) => outcome_html(rows),
                Err(e) => format!(r#"<p class="error" role="alert">{}</p>"#, crate::shell::esc(e)),
            })></div>
        </section>
    }
}

/// The application databases of the current step.
#[component]
pub fn DatabasePanel() -> impl IntoView {
    let ctx = expect_context::<crate::views::lesson_player::StepContext>();
    let rows = Memo::new(move |_| ctx.with_cluster(view_model::database));
    view! {
        <section class="panel panel--wide" aria-labelledby="database-title">
            <h3 class="panel__title" id="database-title">{text::database_panel()}</h3>
            <div inner_html=move || rows.with(|r| database_html(r))></div>
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
            ctx.with_cluster(|c| view_model::sends(&s.events, c))
        })
    });
    view! {
        <section class="panel panel--wide" aria-labelledby="sends-title">
            <h3 class="panel__title" id="sends-title">{text::sends_panel()}</h3>
            // A scrolling log starts at its last line (style: .scroll-y).
            <div inner_html=move || lines.with(|l| sends_html(l))></div>
        </section>
    }
}
