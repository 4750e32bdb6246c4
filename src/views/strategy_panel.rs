//! The strategy picker: choose `partition.assignment.strategy` and a member count, see the
//! assignment on two topics and what moves when the last member leaves.

use leptos::prelude::*;

use crate::text;
use crate::view_model::{self, MemberRow, MEMBERS, STRATEGIES};

/// A member → partitions table.
fn assignment_table(caption: &str, rows: &[MemberRow]) -> String {
    use crate::shell::esc;
    let mut h = format!(
        r#"<table class="assignment"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        esc(caption),
        text::member(),
        text::partitions()
    );
    for r in rows {
        let parts = if r.partitions.is_empty() {
            text::no_value().to_string()
        } else {
            r.partitions.join(", ")
        };
        h.push_str(&format!(
            r#"<tr><th scope="row">{}</th><td>{}</td></tr>"#,
            esc(&r.member),
            esc(&parts)
        ));
    }
    h.push_str("</tbody></table>");
    h
}

/// The strategy picker panel.
#[component]
pub fn StrategyPanel() -> impl IntoView {
    let strategy = RwSignal::new(0usize);
    let members = RwSignal::new(*MEMBERS.start());
    let model = Memo::new(move |_| {
        let s = STRATEGIES[strategy.get().min(STRATEGIES.len() - 1)];
        view_model::strategy_model(s, members.get())
    });
    view! {
        <section class="panel strategies" aria-labelledby="strategies-title">
            <h3 class="panel__title" id="strategies-title">{text::strategies_panel()}</h3>
            <p class="strategies__help">{text::strategies_help()}</p>
            <div class="strategies__controls">
                <label>
                    <code>{text::strategy_config_label()}</code>" "
                    <select on:change=move |ev| strategy.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {STRATEGIES.iter().enumerate().map(|(i, s)| view! {
                            <option value=i.to_string() selected=move || strategy.get() == i>{s.name()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    {text::members_label()}" "
                    <select on:change=move |ev| members.set(event_target_value(&ev).parse().unwrap_or(*MEMBERS.start()))>
                        {MEMBERS.map(|n| view! {
                            <option value=n.to_string() selected=move || members.get() == n>{n}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            // Both tables and the summary change whole: one DOM call.
            <div inner_html=move || {
                model.with(|m| match m {
                    Ok(m) => {
                        let leaver = format!("C{}", members.get().saturating_sub(1));
                        format!(
                            r#"<div class="strategies__tables">{}{}</div><p class="strategies__moved" role="status">{}</p>"#,
                            assignment_table(text::assignment_now(), &m.rows),
                            assignment_table(&text::after_leave_title(&leaver), &m.after_leave),
                            crate::shell::esc(&text::moved_summary(&m.moved))
                        )
                    }
                    Err(e) => format!(r#"<p class="error" role="alert">{}</p>"#, crate::shell::esc(e)),
                })
            }></div>
        </section>
    }
}
