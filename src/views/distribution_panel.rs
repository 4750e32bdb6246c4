//! Records per partition, as bars split by key colour.

use std::sync::Arc;

use leptos::prelude::*;

use crate::layout;
use crate::text;
use crate::view_model;
use crate::views::lesson_player::StepContext;

const BAR_W: i32 = 220;
const BAR_H: i32 = 22;
const ROW: i32 = 30;
const LEFT: i32 = 34;

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
            {move || {
                let rows = rows.get();
                let max = rows.iter().map(|(_, ks)| ks.iter().map(|(_, n)| n).sum::<usize>()).max().unwrap_or(0);
                let height = rows.len() as i32 * ROW + 4;
                let summary: Vec<String> = rows
                    .iter()
                    .map(|(p, ks)| text::partition_count(*p, ks.iter().map(|(_, n)| n).sum::<usize>()))
                    .collect();
                view! {
                    <svg class="distribution" role="img" aria-label=summary.join(", ")
                        width=(LEFT + BAR_W + 50).to_string() height=height.to_string()
                        viewBox=format!("0 0 {} {height}", LEFT + BAR_W + 50)>
                        {rows
                            .into_iter()
                            .enumerate()
                            .map(|(i, (p, keys))| {
                                let y = i as i32 * ROW;
                                let total: usize = keys.iter().map(|(_, n)| n).sum();
                                let mut x = LEFT;
                                let bars = keys
                                    .into_iter()
                                    .map(|(k, n): (Option<Arc<str>>, usize)| {
                                        let w = layout::bar_length(n, max, BAR_W);
                                        let class = format!("bar {}", view_model::key_class(k.as_deref()));
                                        let bar = view! {
                                            <rect class=class x=x.to_string() y=y.to_string() width=w.to_string() height=BAR_H.to_string()>
                                                <title>{format!("{}: {n}", k.as_deref().unwrap_or(text::NULL_KEY))}</title>
                                            </rect>
                                        };
                                        x += w;
                                        bar
                                    })
                                    .collect_view();
                                view! {
                                    <g>
                                        <text class="bar__label" x="0" y=(y + 16).to_string()>{format!("P{p}")}</text>
                                        <rect class="bar__track" x=LEFT.to_string() y=y.to_string() width=BAR_W.to_string() height=BAR_H.to_string()/>
                                        {bars}
                                        <text class="bar__count" x=(LEFT + BAR_W + 6).to_string() y=(y + 16).to_string()>{total.to_string()}</text>
                                    </g>
                                }
                            })
                            .collect_view()}
                    </svg>
                }
            }}
        </section>
    }
}
