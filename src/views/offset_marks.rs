//! Where groups and consumers stand in one partition: a triangle above the cells at each
//! consumer's position (the next offset it fetches), one below them at each group's
//! committed offset (the next offset to read after a restart), and their labels.

use std::sync::Arc;

use leptos::prelude::*;

use crate::layout::{self, CELL_H, CELL_TOP};
use crate::text;
use crate::views::lesson_player::StepContext;

/// The marks of one partition row.
#[component]
pub fn OffsetMarks(
    /// Topic.
    topic: Arc<str>,
    /// Partition.
    partition: u32,
    /// The partition's log start offset.
    log_start: Memo<i64>,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let marks = Memo::new(move |_| {
        ctx.with_cluster(|c| crate::view_model::offset_marks(c, &topic, partition))
    });
    // Who is where, under the partition's name: as many as fit the label column on two
    // lines (layout::fit_lines), the rest counted.
    let marks_text = Memo::new(move |_| {
        marks.with(|ms| {
            let items: Vec<String> = ms
                .iter()
                .map(|m| {
                    if m.committed {
                        text::committed_mark(&m.label, m.offset)
                    } else {
                        text::position_mark(&m.label, m.offset)
                    }
                })
                .collect();
            layout::fit_lines(&items, layout::LABEL_W - 12, 2, text::more_marks)
        })
    });
    view! {
        <For each=move || marks.get() key=|m| (m.label.clone(), m.committed, m.offset) let:mark>
            <polygon
                class=if mark.committed { "offset-mark offset-mark--committed" } else { "offset-mark offset-mark--position" }
                points=move || {
                    let x = layout::boundary_x(mark.offset, log_start.get());
                    let (base, tip) = if mark.committed {
                        (CELL_TOP + CELL_H + 8, CELL_TOP + CELL_H + 1)
                    } else {
                        (CELL_TOP - 8, CELL_TOP - 1)
                    };
                    format!("{},{base} {},{base} {x},{tip}", x - 5, x + 5)
                }
            >
                <title>{if mark.committed { text::committed_mark(&mark.label, mark.offset) } else { text::position_mark(&mark.label, mark.offset) }}</title>
            </polygon>
        </For>
        {move || {
            marks_text
                .get()
                .into_iter()
                .zip(layout::MARK_BASELINES)
                .map(|(line, y)| view! { <text class="partition__marks" x="8" y=y.to_string() font-size=layout::LABEL_FONT.to_string()>{line}</text> })
                .collect_view()
        }}
    }
}
