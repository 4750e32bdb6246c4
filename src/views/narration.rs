//! The words of a step: title, paragraphs, the engine's checks, refused commands.

use kafka_lessons::rich_text::{parse, Span};
use leptos::prelude::*;

use crate::shell::esc;
use crate::text;
use crate::view_model::{self, Refuser};
use crate::views::lesson_player::StepContext;

/// One paragraph of lesson rich text, as markup (escaped).
pub(crate) fn paragraph(source: &str, h: &mut String) {
    h.push_str("<p>");
    for span in parse(source) {
        match span {
            Span::Text(t) => h.push_str(&esc(&t)),
            Span::Code(c) => h.push_str(&format!("<code>{}</code>", esc(&c))),
            Span::Strong(s) => h.push_str(&format!("<strong>{}</strong>", esc(&s))),
        }
    }
    h.push_str("</p>");
}

/// The step's words, refused commands (grouped by who refused them,
/// `view_model::refused_by`) and the engine's checks, as markup: a step's text changes
/// whole, in one DOM call.
fn body_html(step: &kafka_lessons::Step, state: &kafka_lessons::run::StepState) -> String {
    let mut h = String::new();
    for p in &step.narration {
        paragraph(p, &mut h);
    }
    for who in [Refuser::Client, Refuser::Broker] {
        let mine: Vec<_> = state
            .rejections
            .iter()
            .filter(|(_, e)| view_model::refused_by(e.kind) == who)
            .collect();
        if mine.is_empty() {
            continue;
        }
        h.push_str(&format!(
            r#"<h3 class="narration__sub">{}</h3><ul class="rejections">"#,
            text::refused_heading(who)
        ));
        for (command, error) in mine {
            h.push_str(&format!(
                r#"<li class="rejection"><code class="rejection__command">$ {}</code><span class="rejection__error"><strong>{}</strong>: {}</span></li>"#,
                esc(command),
                error.kind.name(),
                esc(&error.message)
            ));
        }
        h.push_str("</ul>");
    }
    if !step.checks.is_empty() {
        h.push_str(&format!(
            r#"<h3 class="narration__sub">{}</h3><ul class="checks">"#,
            text::engine_checks()
        ));
        for (check, result) in step.checks.iter().zip(&state.checks) {
            let (class, mark, sr) = match result {
                Ok(()) => ("check", "✓", text::passed()),
                Err(_) => ("check check--failed", "✗", text::failed()),
            };
            let detail = result
                .as_ref()
                .err()
                .map(|d| {
                    format!(
                        r#"<span class="check__detail">{}</span>"#,
                        esc(&text::miss(d))
                    )
                })
                .unwrap_or_default();
            h.push_str(&format!(
                r#"<li class="{class}"><span class="check__mark" aria-hidden="true">{mark}</span><span class="check__text"><span class="visually-hidden">{sr}</span>{}{detail}</span></li>"#,
                esc(&check.says)
            ));
        }
        h.push_str("</ul>");
    }
    h
}

/// The narration column of the player.
#[component]
pub fn Narration() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let content = move || {
        let i = ctx.step.get();
        ctx.run.with_value(|run| {
            let step = &run.lesson.steps[i];
            let state = &run.steps[i];
            let body = body_html(step, state);
            let command_count = state.commands.len();
            // The list is built when the learner opens it, not on every step.
            let open = RwSignal::new(false);
            let commands = move || {
                open.get().then(|| {
                    ctx.run.with_value(|run| {
                        run.steps[i]
                            .commands
                            .iter()
                            .map(|c| format!("<li><code>{}</code></li>", esc(&c.to_string())))
                            .collect::<String>()
                    })
                })
            };
            view! {
                <h2 class="narration__title" id="step-title">{step.title.clone()}</h2>
                <div inner_html=body></div>
                {(command_count > 0).then(|| view! {
                    <details class="narration__commands" on:toggle=move |ev| {
                        open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open());
                    }>
                        <summary>{text::commands_summary(command_count)}</summary>
                        <ol inner_html=move || commands().unwrap_or_default()></ol>
                    </details>
                })}
            }
        })
    };
    view! {
        <section class="narration" aria-labelledby="step-title" aria-live="polite">
            {content}
        </section>
    }
}
