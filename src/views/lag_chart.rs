//! A group's lag per partition as a line chart that grows as the lesson goes on: the
//! spike while a rebalance stops consumption is the point of lesson 1.4.

use leptos::prelude::*;

use crate::text;
use crate::view_model::{self, CHART_H, CHART_LEFT, CHART_TOP, CHART_W};
use crate::views::lesson_player::StepContext;

/// The lag chart of one group.
#[component]
pub fn LagChart(
    /// Group id.
    group: String,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let chart = {
        let group = group.clone();
        Memo::new(move |_| {
            ctx.run
                .with_value(|r| view_model::lag_chart(&r.steps, ctx.step.get(), &group))
        })
    };
    let title_id = format!("lag-{group}");
    let labelled_by = title_id.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h3 class="panel__title" id=title_id>{text::lag_chart_title(&group)}</h3>
            {move || {
                let c = chart.get();
                if c.lines.is_empty() {
                    return view! { <p>{text::LAG_CHART_EMPTY}</p> }.into_any();
                }
                let lags: Vec<(String, Option<i64>)> = c.lines.iter().map(|l| (l.label.clone(), l.lag)).collect();
                let summary = text::lag_chart_summary(&lags, c.now_ms);
                view! {
                    <svg class="lag-chart" role="img" aria-label=summary.clone()
                        viewBox=format!("0 0 {CHART_W} {CHART_H}")>
                        {c.step_x.iter().map(|x| view! {
                            <line class="lag-chart__step" x1=x.to_string() x2=x.to_string() y1=CHART_TOP.to_string() y2=c.base_y.to_string()/>
                        }).collect_view()}
                        <line class="lag-chart__axis" x1=CHART_LEFT.to_string() x2=(CHART_W - 8).to_string() y1=c.base_y.to_string() y2=c.base_y.to_string()/>
                        <text class="lag-chart__label" x=(CHART_LEFT - 4).to_string() y=(c.base_y + 4).to_string() text-anchor="end">"0"</text>
                        <text class="lag-chart__label" x=(CHART_LEFT - 4).to_string() y=(CHART_TOP + 8).to_string() text-anchor="end">{c.max_lag}</text>
                        <text class="lag-chart__label" x=CHART_LEFT.to_string() y=(CHART_H - 4).to_string()>{text::LAG_CHART_X}</text>
                        {c.lines.iter().map(|l| view! {
                            <polyline class=format!("lag-chart__line lag-chart__line--p{}", l.partition % 6) points=l.points.clone()/>
                        }).collect_view()}
                        <line class="lag-chart__now" x1=c.now_x.to_string() x2=c.now_x.to_string() y1=CHART_TOP.to_string() y2=c.base_y.to_string()/>
                    </svg>
                    <ul class="lag-chart__legend">
                        {c.lines.iter().map(|l| view! {
                            <li class=format!("lag-chart__key lag-chart__key--p{}", l.partition % 6)>
                                {format!("{} lag {}", l.label, l.lag.map_or(text::NO_VALUE.to_string(), |v| v.to_string()))}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
