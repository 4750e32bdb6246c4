//! Records per partition, as bars split by key colour.

use leptos::prelude::*;

use crate::layout;
use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

const BAR_W: i32 = 220;
const BAR_H: i32 = 22;
const ROW: i32 = 30;
const LEFT: i32 = 34;

/// The bars and their legend, as markup (numbers, key classes and escaped keys only).
fn chart_html(rows: &[(u32, view_model::KeyCounts)]) -> String {
    use std::fmt::Write;
    let total = |ks: &view_model::KeyCounts| ks.iter().map(|(_, n)| n).sum::<usize>();
    let max = rows.iter().map(|(_, ks)| total(ks)).max().unwrap_or(0);
    let height = rows.len() as i32 * ROW + 4;
    let width = LEFT + BAR_W + 50;
    let summary: Vec<String> = rows
        .iter()
        .map(|(p, ks)| text::partition_count(*p, total(ks)))
        .collect();
    let mut h = format!(
        r#"<svg class="distribution" role="img" aria-label="{}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#,
        summary.join(", ")
    );
    let mut legend: Vec<view_model::LegendItem> = Vec::new();
    for (i, (p, keys)) in rows.iter().enumerate() {
        let y = i as i32 * ROW;
        let _ = write!(
            h,
            r#"<text class="bar__label" x="0" y="{}">P{p}</text><rect class="bar__track" x="{LEFT}" y="{y}" width="{BAR_W}" height="{BAR_H}"/>"#,
            y + 16
        );
        let mut x = LEFT;
        for (k, n) in keys {
            let w = layout::bar_length(*n, max, BAR_W);
            let class = view_model::key_class(k.as_deref());
            let name = crate::shell::esc(k.as_deref().unwrap_or(text::null_key()));
            let _ = write!(
                h,
                r#"<rect class="bar {class}" x="{x}" y="{y}" width="{w}" height="{BAR_H}"><title>{name}: {n}</title></rect>"#
            );
            x += w;
            let swatch = view_model::Swatch::Key(class);
            if !legend.iter().any(|i| i.swatch == swatch) {
                let label = k
                    .as_deref()
                    .map_or_else(|| text::legend_label(&swatch), |k| format!("key {k}"));
                legend.push(view_model::LegendItem { swatch, label });
            }
        }
        let _ = write!(
            h,
            r#"<text class="bar__count" x="{}" y="{}">{}</text>"#,
            LEFT + BAR_W + 6,
            y + 16,
            total(keys)
        );
    }
    let _ = write!(
        h,
        r#"</svg><ul class="legend" aria-label="{}">{}</ul>"#,
        text::legend(),
        crate::views::legend::legend_html(&legend)
    );
    h
}

/// The distribution chart of one topic.
#[component]
pub fn DistributionPanel(
    /// Topic to chart.
    topic: String,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let rows = {
        let topic = topic.clone();
        Memo::new(move |_| {
            ctx.topics.with(|ts| {
                ts.iter()
                    .find(|t| *t.name == *topic)
                    .map(view_model::distribution)
                    .unwrap_or_default()
            })
        })
    };
    let title_id = format!("dist-{topic}");
    let labelled_by = title_id.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h3 class="panel__title" id=title_id>{text::distribution_title(&topic)}</h3>
            // Drawn whole on each step, in one DOM call.
            <div inner_html=move || rows.with(|r| chart_html(r))></div>
        </section>
    }
}
