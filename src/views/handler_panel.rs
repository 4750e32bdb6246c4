//! The error handler panel of the retries and dead-letter lesson: each application's
//! database and handler settings as a table, then the step's handler log, attempt by
//! attempt (view_model/handler.rs reads both off the engine).

use leptos::prelude::*;

use crate::shell::esc;
use crate::text;
use crate::view_model;

/// The handlers table, as markup.
fn handlers_html(rows: &[view_model::HandlerRow]) -> String {
    if rows.is_empty() {
        return format!("<p>{}</p>", text::no_handler());
    }
    let mut h = format!(
        r#"<div class="describe" tabindex="0"><table aria-label="{}"><thead><tr>"#,
        text::handler_panel()
    );
    for c in text::handler_columns() {
        h.push_str(&format!(r#"<th scope="col">{c}</th>"#));
    }
    h.push_str("</tr></thead><tbody>");
    for r in rows {
        let db_class = if r.database_up {
            ""
        } else {
            r#" class="outcome--bad""#
        };
        h.push_str(&format!(
            r#"<tr><th scope="row">{}</th><td{db_class}>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            esc(&r.group),
            esc(&r.database),
            esc(&r.retry),
            r.tolerance,
            esc(r.dlq.as_deref().unwrap_or(text::no_value())),
        ));
    }
    h.push_str("</tbody></table></div>");
    h
}

/// The step's handler log, as markup: a log that starts at its last line.
fn log_html(lines: &[String]) -> String {
    if lines.is_empty() {
        return format!("<p>{}</p>", text::no_handler_log());
    }
    let mut h = format!(
        r#"<div class="scroll-y" role="log" aria-label="{}" tabindex="0"><ol class="consumer-log">"#,
        text::handler_log()
    );
    for l in lines {
        h.push_str(&format!("<li><code>{}</code></li>", esc(l)));
    }
    h.push_str("</ol></div>");
    h
}

/// The error handler panel.
#[component]
pub fn HandlerPanel() -> impl IntoView {
    let ctx = expect_context::<crate::views::lesson_player::StepContext>();
    let rows = Memo::new(move |_| ctx.with_cluster(view_model::handlers));
    let lines = Memo::new(move |_| {
        ctx.run
            .with_value(|r| view_model::handler_log(&r.steps[ctx.step.get()].events))
    });
    view! {
        <section class="panel panel--wide" aria-labelledby="handler-title">
            <h3 class="panel__title" id="handler-title">{text::handler_panel()}</h3>
            <p class="strategies__help">{text::handler_help()}</p>
            <div inner_html=move || rows.with(|r| handlers_html(r))></div>
            <h4 class="panel__subtitle">{text::handler_log()}</h4>
            <div inner_html=move || lines.with(|l| log_html(l))></div>
        </section>
    }
}
