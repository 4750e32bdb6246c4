//! Consumer groups as `kafka-consumer-groups --describe` shows them, kept live: a state
//! badge, the generation, and the CLI's columns as a real table (read cell by cell by a
//! screen reader, scrolled sideways on a narrow screen).

use leptos::prelude::*;

use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

/// Each group's summary, notice and `--describe` table, as markup (escaped text only).
fn groups_html(groups: &[view_model::GroupModel]) -> String {
    use crate::shell::esc;
    use std::fmt::Write;
    if groups.is_empty() {
        return format!("<p>{}</p>", text::no_groups());
    }
    let dash = |o: Option<i64>| o.map_or(text::no_value().to_string(), |v| v.to_string());
    let mut h = String::new();
    for g in groups {
        let id = esc(&g.id);
        let _ = write!(
            h,
            r#"<div class="group-card"><p class="group-card__summary"><span class="badge badge--{}">{}</span> {}</p>"#,
            g.state.to_ascii_lowercase(),
            g.state,
            esc(&text::group_summary(
                &g.id,
                g.group_type,
                g.state,
                g.generation,
                g.protocol,
                g.total_lag
            ))
        );
        if let Some(n) = text::describe_notice(&g.id, g.state) {
            let _ = write!(h, r#"<p class="describe__notice">{}</p>"#, esc(&n));
        }
        let _ = write!(
            h,
            r#"<div class="describe describe--groups" tabindex="0"><table aria-label="{} {id}"><thead><tr>"#,
            text::groups_panel()
        );
        for c in text::DESCRIBE_COLUMNS {
            let _ = write!(h, r#"<th scope="col">{c}</th>"#);
        }
        h.push_str("</tr></thead><tbody>");
        // Many partitions: the lagging rows first, up to a screenful, in the tool's order.
        let mut picked: Vec<usize> = (0..g.rows.len()).collect();
        if picked.len() > MAX_ROWS {
            kafka_sim::sort::sort_by_key(&mut picked, |i| g.rows[*i].lag.is_none_or(|l| l <= 0));
            picked.truncate(MAX_ROWS);
            picked.sort_unstable();
        }
        for r in picked.iter().map(|i| &g.rows[*i]) {
            let lagging = if r.lag.is_some_and(|l| l > 0) {
                r#" class="describe__lagging""#
            } else {
                ""
            };
            let _ = write!(
                h,
                "<tr{lagging}><td>{id}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&r.topic),
                r.partition,
                dash(r.current_offset),
                r.log_end_offset,
                dash(r.lag),
                esc(r.consumer_id.as_deref().unwrap_or(text::no_value()))
            );
        }
        if g.rows.len() > picked.len() {
            let _ = write!(
                h,
                r#"<tr><td colspan="7" class="describe__more">{}</td></tr>"#,
                esc(&text::more_rows(g.rows.len() - picked.len()))
            );
        }
        h.push_str("</tbody></table></div></div>");
    }
    h
}

/// Rows a group's table draws; the tool prints every partition.
const MAX_ROWS: usize = 32;

/// The groups panel.
#[component]
pub fn GroupsPanel(
    /// Show only these groups, in this order (all groups, by id, when absent).
    #[prop(optional)]
    only: Option<Vec<String>>,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let groups = Memo::new(move |_| {
        let all = ctx.with_cluster(view_model::groups);
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
            <h3 class="panel__title" id="groups-title"><code>{text::groups_panel()}</code></h3>
            // The tables change whole with the step: their markup is set in one DOM call.
            <div inner_html=move || groups.with(|g| groups_html(g))></div>
        </section>
    }
}
