//! A group's lag per partition as a line chart that grows as the lesson goes on: the
//! spike while a rebalance stops consumption is the point of lesson 1.4.

use leptos::prelude::*;

use crate::text;
use crate::view_model::{self, LegendItem, Swatch, CHART_H, CHART_LEFT, CHART_TOP, CHART_W};
use crate::views::legend::legend_html;
use crate::views::lesson_player::StepContext;

/// The chart's SVG and its legend, as markup (numbers and escaped names only).
fn chart_html(c: &view_model::LagChartModel) -> String {
    use std::fmt::Write;
    if c.lines.is_empty() {
        return format!("<p>{}</p>", text::lag_chart_empty());
    }
    let lags: Vec<(String, Option<i64>)> =
        c.lines.iter().map(|l| (l.label.clone(), l.lag)).collect();
    let summary = crate::shell::esc(&text::lag_chart_summary(&lags, c.now_ms));
    let (f, base) = (view_model::CHART_FONT, c.base_y);
    let mut h = format!(
        r#"<svg class="lag-chart" role="img" aria-label="{summary}" viewBox="0 0 {CHART_W} {CHART_H}">"#
    );
    for x in &c.step_x {
        let _ = write!(
            h,
            r#"<line class="lag-chart__step" x1="{x}" x2="{x}" y1="{CHART_TOP}" y2="{base}"/>"#
        );
    }
    let _ = write!(
        h,
        r#"<line class="lag-chart__axis" x1="{CHART_LEFT}" x2="{}" y1="{base}" y2="{base}"/><text class="lag-chart__label" x="{}" y="{}" text-anchor="end" font-size="{f}">0</text><text class="lag-chart__label" x="{}" y="{}" text-anchor="end" font-size="{f}">{}</text><text class="lag-chart__label" x="{CHART_LEFT}" y="{}" font-size="{f}">{}</text>"#,
        CHART_W - 8,
        CHART_LEFT - 4,
        base + 4,
        CHART_LEFT - 4,
        CHART_TOP + 8,
        c.max_lag,
        CHART_H - 3,
        text::lag_chart_x()
    );
    for l in &c.lines {
        let _ = write!(
            h,
            r#"<polyline class="lag-chart__line lag-chart__line--p{}" points="{}"/><text class="lag-chart__end" x="{}" y="{}" font-size="{f}">P{}</text>"#,
            l.partition % 4,
            l.points,
            c.now_x + 4,
            l.label_y,
            l.partition
        );
    }
    let _ = write!(
        h,
        r#"<line class="lag-chart__now" x1="{0}" x2="{0}" y1="{CHART_TOP}" y2="{base}"/></svg><ul class="legend" aria-label="{1}">{2}</ul>"#,
        c.now_x,
        text::legend(),
        legend_html(
            &c.lines
                .iter()
                .map(|l| LegendItem {
                    swatch: Swatch::Line(l.partition),
                    label: text::lag_line(&l.label, l.lag),
                })
                .collect::<Vec<_>>()
        )
    );
    h
}

/// The lag chart of one group.
#[component]
pub fn LagChart(
    /// Group id.
    group: String,
    /// Committed LAG, or how far the readers' positions are behind.
    of: kafka_lessons::LagOf,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let chart = {
        let group = group.clone();
        Memo::new(move |_| {
            ctx.run
                .with_value(|r| view_model::lag_chart(&r.steps, ctx.step.get(), &group, of))
        })
    };
    let title_id = format!("lag-{group}-{of:?}");
    let labelled_by = title_id.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h3 class="panel__title" id=title_id>{text::lag_chart_title(&group, of)}</h3>
            // The chart changes whole with the step: its markup is set in one DOM call.
            <div inner_html=move || chart.with(chart_html)></div>
        </section>
    }
}
