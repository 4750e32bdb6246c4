//! The consumer log: each record a poll returned, logged as a service would log it:
//! `topic/partition/offset key=value`.

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// The log and the per-key order, as markup (escaped text only).
fn log_html(lines: &[view_model::LogLine]) -> String {
    use crate::shell::esc;
    if lines.is_empty() {
        return format!("<p>{}</p>", text::nothing_polled());
    }
    let mut h = format!(
        r#"<div class="scroll-y" role="log" aria-label="{}" tabindex="0"><ol class="consumer-log">"#,
        text::consumer_log_panel()
    );
    for l in lines {
        h.push_str(&format!(
            r#"<li><span class="consumer-log__who">[{}] </span><code>{}</code></li>"#,
            esc(&l.consumer),
            esc(&l.text)
        ));
    }
    h.push_str(&format!(
        r#"</ol></div><h4 class="consumer-log__keys-title">{}</h4><ul class="consumer-log__keys">"#,
        text::per_key_order()
    ));
    for (k, vs) in view_model::per_key(lines) {
        h.push_str(&format!(
            "<li><code>{}</code></li>",
            esc(&text::key_sequence(&k, &vs))
        ));
    }
    h.push_str("</ul>");
    h
}

/// The consumer log panel.
#[component]
pub fn ConsumerLogPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let lines = Memo::new(move |_| {
        ctx.run.with_value(|r| {
            let s = &r.steps[ctx.step.get()];
            ctx.with_cluster(|c| view_model::poll_log(&s.events, c))
        })
    });
    view! {
        <section class="panel" aria-labelledby="consumer-log-title">
            <h3 class="panel__title" id="consumer-log-title">{text::consumer_log_panel()}</h3>
            // The log changes whole with the step: its markup is set in one DOM call. A
            // scrolling log starts at its last line (style: .scroll-y).
            <div inner_html=move || lines.with(|l| log_html(l))></div>
        </section>
    }
}
