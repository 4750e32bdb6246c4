//! Consumer groups as `kafka-consumer-groups --describe` shows them, kept live: a state
//! badge, the generation, and the CLI's columns as a real table (read cell by cell by a
//! screen reader, scrolled sideways on a narrow screen).

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// The groups panel.
#[component]
pub fn GroupsPanel(
    /// Show only these groups, in this order (all groups, by id, when absent).
    #[prop(optional)]
    only: Option<Vec<String>>,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let groups = Memo::new(move |_| {
        let all = ctx
            .run
            .with_value(|r| view_model::groups(&r.steps[ctx.step.get()].cluster));
        match &only {
            None => all,
            Some(ids) => ids
                .iter()
                .filter_map(|id| all.iter().find(|g| &*g.id == id).cloned())
                .collect(),
        }
    });
    view! {
        <section class="panel panel--wide" aria-labelledby="groups-title">
            <h3 class="panel__title" id="groups-title"><code>{text::GROUPS_PANEL}</code></h3>
            <Show when=move || groups.with(|g| !g.is_empty()) fallback=|| view! { <p>{text::NO_GROUPS}</p> }>
                {move || groups.get().into_iter().map(|g| view! {
                    <div class="group-card">
                        <p class="group-card__summary">
                            <span class=format!("badge badge--{}", g.state.to_ascii_lowercase())>{g.state}</span>
                            " "
                            {text::group_summary(&g.id, g.state, g.generation, g.protocol, g.total_lag)}
                        </p>
                        {text::describe_notice(&g.id, g.state).map(|n| view! { <p class="describe__notice">{n}</p> })}
                        <div class="describe">
                            <table aria-label=format!("{} {}", text::GROUPS_PANEL, g.id)>
                                <thead>
                                    <tr>{text::DESCRIBE_COLUMNS.map(|c| view! { <th scope="col">{c}</th> })}</tr>
                                </thead>
                                <tbody>
                                    {g.rows
                                        .iter()
                                        .map(|r| {
                                            let dash = |o: Option<i64>| o.map_or(text::NO_VALUE.to_string(), |v| v.to_string());
                                            let lagging = r.lag.is_some_and(|l| l > 0);
                                            view! {
                                                <tr class:describe__lagging=lagging>
                                                    <td>{g.id.to_string()}</td>
                                                    <td>{r.topic.to_string()}</td>
                                                    <td>{r.partition}</td>
                                                    <td>{dash(r.current_offset)}</td>
                                                    <td>{r.log_end_offset}</td>
                                                    <td>{dash(r.lag)}</td>
                                                    <td>{r.consumer_id.as_deref().unwrap_or(text::NO_VALUE).to_string()}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </div>
                }).collect_view()}
            </Show>
        </section>
    }
}
