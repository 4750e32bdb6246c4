//! The words of a step: title, paragraphs, the engine's checks, refused commands.

use kafka_lessons::rich_text::{parse, Span};
use leptos::prelude::*;

use crate::text;
use crate::view_model::{self, Refuser};
use crate::views::lesson_player::StepContext;

/// Renders one paragraph of lesson rich text.
fn paragraph(source: &str) -> impl IntoView {
    parse(source)
        .into_iter()
        .map(|span| match span {
            Span::Text(t) => t.into_any(),
            Span::Code(c) => view! { <code>{c}</code> }.into_any(),
            Span::Strong(s) => view! { <strong>{s}</strong> }.into_any(),
        })
        .collect_view()
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
            let checks = step
                .checks
                .iter()
                .zip(&state.checks)
                .map(|(check, result)| {
                    let ok = result.is_ok();
                    let detail = result.clone().err();
                    view! {
                        <li class="check" class:check--failed=!ok>
                            <span class="check__mark" aria-hidden="true">{if ok { "✓" } else { "✗" }}</span>
                            <span class="check__text">
                                <span class="visually-hidden">{if ok { text::PASSED } else { text::FAILED }}</span>
                                {check.says.clone()}
                                {detail.map(|d| view! { <span class="check__detail">{d}</span> })}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            // Grouped by who refused: the client library or a broker (view_model::refused_by).
            let rejections = |who: Refuser| {
                let items: Vec<_> = state
                    .rejections
                    .iter()
                    .filter(|(_, e)| view_model::refused_by(e.kind) == who)
                    .map(|(command, error)| {
                        view! {
                            <li class="rejection">
                                <code class="rejection__command">{format!("$ {command}")}</code>
                                <span class="rejection__error">
                                    <strong>{error.kind.name()}</strong>
                                    {format!(": {}", error.message)}
                                </span>
                            </li>
                        }
                    })
                    .collect();
                (!items.is_empty()).then(|| {
                    view! {
                        <h3 class="narration__sub">{text::refused_heading(who)}</h3>
                        <ul class="rejections">{items}</ul>
                    }
                })
            };
            let refused = (rejections(Refuser::Client), rejections(Refuser::Broker));
            let has_checks = !step.checks.is_empty();
            let command_count = state.commands.len();
            // The list is built when the learner opens it, not on every step.
            let open = RwSignal::new(false);
            let commands = move || {
                open.get().then(|| {
                    ctx.run.with_value(|run| {
                        run.steps[i].commands.iter().map(|c| view! { <li><code>{c.to_string()}</code></li> }).collect_view()
                    })
                })
            };
            view! {
                <h2 class="narration__title" id="step-title">{step.title.clone()}</h2>
                {step.narration.iter().map(|p| view! { <p>{paragraph(p)}</p> }).collect_view()}
                {refused}
                {has_checks.then(|| view! {
                    <h3 class="narration__sub">{text::ENGINE_CHECKS}</h3>
                    <ul class="checks">{checks}</ul>
                })}
                {(command_count > 0).then(|| view! {
                    <details class="narration__commands" on:toggle=move |ev| {
                        open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open());
                    }>
                        <summary>{text::commands_summary(command_count)}</summary>
                        <ol>{commands}</ol>
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
