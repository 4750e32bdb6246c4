//! The kafka-go Writer panel of the Go platform's producer lesson: the Writer's fields
//! (set or zero value), its ledger of messages, the batches it holds, then the step's
//! Writer log, batch by batch (view_model/writer.rs reads all of it off the engine).

use leptos::prelude::*;

use crate::shell::esc;
use crate::text;
use crate::view_model::{self, WriterView};

/// The fields table, the ledger and the batches, as markup.
fn writer_html(w: Option<&WriterView>) -> String {
    let Some(w) = w else {
        return format!("<p>{}</p>", text::no_writer());
    };
    let mut h = format!(
        r#"<div class="describe" tabindex="0"><table aria-label="{}"><thead><tr>"#,
        text::writer_panel()
    );
    for c in text::writer_columns() {
        h.push_str(&format!(r#"<th scope="col">{c}</th>"#));
    }
    h.push_str("</tr></thead><tbody>");
    for f in &w.fields {
        let (class, by) = if f.set {
            (r#" class="writer__set""#, text::writer_field_set())
        } else {
            ("", text::writer_field_default())
        };
        h.push_str(&format!(
            r#"<tr{class}><th scope="row"><code>{}</code></th><td><code>{}</code></td><td>{by}</td></tr>"#,
            f.name,
            esc(&f.value),
        ));
    }
    h.push_str("</tbody></table></div>");
    let l = &w.ledger;
    let counts = [l.written, l.unseen, l.returned, l.reported, l.dropped];
    h.push_str(&format!(
        r#"<h4 class="panel__subtitle">{}</h4><dl class="writer__ledger">"#,
        text::writer_ledger()
    ));
    for (i, (label, n)) in text::writer_ledger_rows().iter().zip(counts).enumerate() {
        // Unseen and dropped are the losses nobody heard of.
        let bad = n > 0 && (i == 1 || i == 4);
        let class = if bad { r#" class="outcome--bad""# } else { "" };
        h.push_str(&format!("<div{class}><dt>{label}</dt><dd>{n}</dd></div>"));
    }
    h.push_str("</dl>");
    h.push_str(&format!(
        r#"<h4 class="panel__subtitle">{}</h4>"#,
        text::writer_batches()
    ));
    if w.pending.is_empty() {
        h.push_str(&format!(
            r#"<p class="writer__none">{}</p>"#,
            text::no_writer_batches()
        ));
    } else {
        h.push_str("<ul>");
        for b in &w.pending {
            h.push_str(&format!(
                "<li>{}</li>",
                esc(&text::writer_pending(
                    &b.partition,
                    b.batch,
                    b.messages,
                    &text::clock_now(b.next_ms),
                    b.attempts
                ))
            ));
        }
        h.push_str("</ul>");
    }
    h
}

/// The step's Writer log, as markup: a log that starts at its last line.
fn log_html(lines: &[String]) -> String {
    if lines.is_empty() {
        return format!("<p>{}</p>", text::no_writer_log());
    }
    let mut h = format!(
        r#"<div class="scroll-y" role="log" aria-label="{}" tabindex="0"><ol class="consumer-log">"#,
        text::writer_log()
    );
    for l in lines {
        h.push_str(&format!("<li><code>{}</code></li>", esc(l)));
    }
    h.push_str("</ol></div>");
    h
}

/// The kafka-go Writer panel.
#[component]
pub fn WriterPanel() -> impl IntoView {
    let ctx = expect_context::<crate::views::lesson_player::StepContext>();
    let state = Memo::new(move |_| ctx.with_cluster(view_model::writer));
    let lines = Memo::new(move |_| {
        ctx.run
            .with_value(|r| view_model::writer_log(&r.steps[ctx.step.get()].events))
    });
    view! {
        <section class="panel panel--wide" aria-labelledby="writer-title">
            <h3 class="panel__title" id="writer-title">{text::writer_panel()}</h3>
            <p class="strategies__help">{text::writer_help()}</p>
            <div inner_html=move || state.with(|w| writer_html(w.as_ref()))></div>
            <h4 class="panel__subtitle">{text::writer_log()}</h4>
            <div inner_html=move || lines.with(|l| log_html(l))></div>
        </section>
    }
}
