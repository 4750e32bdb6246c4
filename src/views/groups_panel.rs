//! Consumer groups as `kafka-consumer-groups --describe` shows them, kept live.

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// The groups panel.
#[component]
pub fn GroupsPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let groups = Memo::new(move |_| {
        ctx.run
            .with_value(|r| view_model::groups(&r.steps[ctx.step.get()].cluster))
    });
    view! {
        <section class="panel" aria-labelledby="groups-title">
            <h3 class="panel__title" id="groups-title"><code>{text::GROUPS_PANEL}</code></h3>
            {move || {
                groups
                    .get()
                    .into_iter()
                    .map(|g| {
                        let mut table = String::from(text::DESCRIBE_HEADER);
                        table.push('\n');
                        for r in &g.rows {
                            let dash = |o: Option<i64>| o.map_or("-".to_string(), |v| v.to_string());
                            table.push_str(&format!(
                                "{}  {}  {}  {}  {}  {}  {}\n",
                                g.id,
                                r.topic,
                                r.partition,
                                dash(r.current_offset),
                                r.log_end_offset,
                                dash(r.lag),
                                r.consumer_id.as_deref().unwrap_or("-")
                            ));
                        }
                        view! {
                            <div class="group-card">
                                <p class="group-card__summary">
                                    <span class=format!("badge badge--{}", g.state.to_ascii_lowercase())>{g.state}</span>
                                    " "
                                    {text::group_summary(&g.id, g.state, g.generation, g.protocol, g.total_lag)}
                                </p>
                                <pre class="describe">{table}</pre>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}
