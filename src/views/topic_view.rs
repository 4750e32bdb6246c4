//! A topic drawn as its partitions: each a horizontal log of offset cells, with segment
//! boundaries, the log end offset and the high watermark marked.

use std::sync::Arc;

use leptos::prelude::*;

use crate::layout::{self, CELL_H, CELL_TOP, CELL_W};
use crate::text;
use crate::view_model::{PartitionModel, RecordModel, TopicModel};
use crate::views::lesson_player::StepContext;

/// One topic card.
#[component]
pub fn TopicView(
    /// Topic name.
    name: Arc<str>,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let topic: Memo<Option<TopicModel>> = {
        let name = name.clone();
        Memo::new(move |_| {
            ctx.topics
                .with(|ts| ts.iter().find(|t| t.name == name).cloned())
        })
    };
    let count = Memo::new(move |_| topic.with(|t| t.as_ref().map_or(0, |t| t.partitions.len())));
    let max_len = Memo::new(move |_| {
        topic.with(|t| {
            t.as_ref().map_or(0, |t| {
                t.partitions
                    .iter()
                    .map(PartitionModel::span)
                    .max()
                    .unwrap_or(0)
            })
        })
    });
    let summary = Memo::new(move |_| {
        topic.with(|t| {
            t.as_ref().map_or_else(String::new, |t| {
                let configs: Vec<String> = t
                    .overrides
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                let mut s = text::topic_summary(t.partitions.len(), t.record_count());
                if !configs.is_empty() {
                    s.push_str(" · ");
                    s.push_str(&configs.join(" "));
                }
                s
            })
        })
    });
    let highlighted = {
        let name = name.clone();
        move || ctx.highlight.with(|h| h.topic.as_deref() == Some(&*name))
    };
    // An empty topic, while others fill up, folds to its header so the logs that matter fit.
    let folded = {
        let name = name.clone();
        Memo::new(move |_| {
            let empty = topic.with(|t| t.as_ref().is_some_and(|t| t.record_count() == 0));
            let others_busy = ctx
                .topics
                .with(|ts| ts.iter().any(|t| t.record_count() > 0));
            let focused = ctx.highlight.with(|h| h.topic.as_deref() == Some(&*name));
            empty && others_busy && !focused
        })
    };
    // A topic of many partitions shows a window of them (layout::PAGE rows), which
    // follows the partition the step wrote to or points at: a thousand rows would cost
    // every step a thousand updates and the page its frame rate.
    let first = RwSignal::new(0usize);
    {
        let name = name.clone();
        Effect::new(move |_| {
            let target = ctx
                .highlight
                .with(|h| h.partition.filter(|_| h.topic.as_deref() == Some(&*name)))
                .or_else(|| {
                    ctx.run.with_value(|r| {
                        r.steps[ctx.step.get()]
                            .events
                            .iter()
                            .rev()
                            .find_map(|e| match e {
                                kafka_sim::Event::RecordAppended {
                                    topic, partition, ..
                                } if *topic == name => Some(*partition),
                                _ => None,
                            })
                    })
                });
            let n = count.get();
            let now = first.get_untracked();
            let next = match target {
                Some(p) => layout::follow(now, p as usize, n),
                None => layout::window(now, n).start,
            };
            if next != now {
                first.set(next);
            }
        });
    }
    let window = Memo::new(move |_| layout::window(first.get(), count.get()));
    let paged = move || count.get() > layout::PAGE;
    let width = move || layout::topic_width(max_len.get());
    let height = move || layout::topic_height(window.with(|w| w.len()));
    let go_to = move |ev: leptos::ev::Event| {
        if let Ok(p) = event_target_value(&ev).trim().parse::<usize>() {
            first.set(layout::follow(
                first.get_untracked(),
                p,
                count.get_untracked(),
            ));
        }
    };
    let label = text::topic_label(&name);
    let svg_label = text::topic_picture(&name);
    view! {
        <section class="topic" class:topic--highlight=highlighted aria-label=label>
            <header class="topic__header">
                <h3 class="topic__name">{name.to_string()}</h3>
                <span class="topic__summary">{move || summary.get()}</span>
                <Show when=paged>
                    <span class="topic__pager" role="group" aria-label=text::partition_pager()>
                        <button type="button" class="btn btn--small" aria-label=text::earlier_partitions()
                            disabled=move || first.get() == 0
                            on:click=move |_| first.update(|f| *f = f.saturating_sub(layout::PAGE))>"◀"</button>
                        <span class="topic__window" aria-live="polite">{move || window.with(|w| text::partition_window(w.start, w.end, count.get()))}</span>
                        <button type="button" class="btn btn--small" aria-label=text::later_partitions()
                            disabled=move || { window.with(|w| w.end) >= count.get() }
                            on:click=move |_| first.update(|f| *f = layout::window(*f + layout::PAGE, count.get_untracked()).start)>"▶"</button>
                        <label class="topic__goto">
                            {text::go_to_partition()}
                            <input type="number" min="0" prop:max=move || (count.get().saturating_sub(1)).to_string() on:change=go_to/>
                        </label>
                    </span>
                </Show>
            </header>
            <div class="topic__scroll scroll-x" tabindex="0" hidden=move || folded.get()>
                // Drawn at one unit per pixel, never scaled down (layout.rs): a log too long
                // for the card scrolls sideways, and its labels stay readable.
                <svg
                    class="topic__svg"
                    role="group"
                    aria-label=svg_label
                    width=move || width().to_string()
                    height=move || height().to_string()
                    viewBox=move || format!("0 0 {} {}", width(), height())
                >
                    <For each=move || window.get() key=|i| *i let:index>
                        <PartitionRow topic=topic name=name.clone() index=index max_len=max_len first=first/>
                    </For>
                </svg>
            </div>
        </section>
    }
}

/// One partition's log.
#[component]
fn PartitionRow(
    /// The topic this row belongs to.
    topic: Memo<Option<TopicModel>>,
    /// Topic name.
    name: Arc<str>,
    /// Partition number.
    index: usize,
    /// Longest log of the topic, for the track length.
    max_len: Memo<usize>,
    /// The first partition of the window shown: rows are placed from there.
    first: RwSignal<usize>,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let part: Memo<Option<PartitionModel>> = Memo::new(move |_| {
        topic.with(|t| t.as_ref().and_then(|t| t.partitions.get(index).cloned()))
    });
    let records = Memo::new(move |_| {
        part.with(|p| p.as_ref().map(|p| p.records.clone()).unwrap_or_default())
    });
    let holes =
        Memo::new(move |_| part.with(|p| p.as_ref().map(|p| p.holes.clone()).unwrap_or_default()));
    let log_start = Memo::new(move |_| part.with(|p| p.as_ref().map_or(0, |p| p.log_start_offset)));
    let leo = Memo::new(move |_| part.with(|p| p.as_ref().map_or(0, |p| p.log_end_offset)));
    let hw = Memo::new(move |_| part.with(|p| p.as_ref().map_or(0, |p| p.high_watermark)));
    let segments = Memo::new(move |_| {
        part.with(|p| p.as_ref().map(|p| p.segments.clone()).unwrap_or_default())
    });
    let meta = Memo::new(move |_| {
        part.with(|p| {
            p.as_ref()
                .map_or_else(String::new, |p| text::partition_meta(p.leader, &p.isr))
        })
    });
    let row_highlight = {
        let name = name.clone();
        move || {
            ctx.highlight
                .with(|h| h.topic.as_deref() == Some(&*name) && h.partition == Some(index as u32))
        }
    };
    let partition = index as u32;
    let row = RowSignals {
        topic: name.clone(),
        partition,
        log_start,
        arrivals: {
            let name = name.clone();
            Memo::new(move |_| {
                ctx.arrivals.with(|a| {
                    a.iter()
                        .filter(|x| x.partition == partition && x.topic == name)
                        .map(|x| (x.offset, x.order))
                        .collect()
                })
            })
        },
        dim_unless: {
            let name = name.clone();
            Memo::new(move |_| {
                ctx.highlight.with(|h| {
                    let here = h.topic.as_deref().is_none_or(|t| t == &*name);
                    // Highlighting a key dims the other keys, in the highlighted topic only.
                    h.key
                        .as_ref()
                        .filter(|_| here)
                        .map(|k| Some(Arc::from(k.as_str())))
                })
            })
        },
        selected: {
            let name = name.clone();
            Memo::new(move |_| {
                ctx.selected.with(|s| {
                    s.as_ref()
                        .filter(|s| s.partition == partition && s.topic == name)
                        .map(|s| s.offset)
                })
            })
        },
    };
    let pointed = {
        let name = name.clone();
        move || {
            ctx.pointed.with(|p| {
                p.as_ref()
                    .is_some_and(|(t, q)| *t == name && *q == partition)
            })
        }
    };
    // Labels that could meet (segments, HW, LEO, sequence numbers) are placed by
    // layout::row_labels, which keeps them apart.
    let labels = Memo::new(move |_| {
        let sequences = ctx.highlight.with(|h| h.sequences);
        part.with(|p| {
            p.as_ref().map_or_else(Vec::new, |p| {
                let facts = crate::view_model::row_facts(p, sequences);
                layout::row_labels(&facts, &text::high_watermark(p.high_watermark))
            })
        })
    });
    let y = move || layout::row_y(index.saturating_sub(first.get()));
    let track_end = move || layout::cell_x(layout::slots(max_len.get()));
    let list_name = text::partition_name(&name, index as u32);
    let leo_x = move || layout::cell_x((leo.get() - log_start.get()).max(0) as usize);
    let hw_x = move || layout::boundary_x(hw.get(), log_start.get());
    view! {
        <g class="partition" class:partition--highlight=row_highlight class:partition--pointed=pointed transform=move || format!("translate(0 {})", y())>
            <rect class="partition__band" x="0" y="0" width=move || (track_end() + 4).to_string() height=(layout::ROW_H - 4).to_string() rx="6"/>
            <text class="partition__label" x="8" y=layout::NAME_BASELINE.to_string() font-size=layout::PARTITION_FONT.to_string()>{format!("P{index}")}</text>
            <text class="partition__meta" x="8" y=layout::META_BASELINE.to_string() font-size=layout::LABEL_FONT.to_string()>{move || meta.get()}</text>
            <rect
                class="partition__track"
                x=layout::cell_x(0).to_string()
                y=CELL_TOP.to_string()
                width=move || (track_end() - layout::cell_x(0)).to_string()
                height=CELL_H.to_string()
                rx="4"
            />
            <g role="list" aria-label=list_name transform=format!("translate(0 {CELL_TOP})")>
                <For each=move || records.get() key=|r| r.offset let:record>
                    <RecordCell record=record row=row.clone()/>
                </For>
                // An offset the cleaner emptied: a dashed slot, no record.
                <For each=move || holes.get() key=|o| *o let:offset>
                    <rect
                        class="cell-hole"
                        role="listitem"
                        aria-label=text::hole_name(offset)
                        x=move || (layout::cell_x((offset - log_start.get()).max(0) as usize) + 3).to_string()
                        y="3"
                        width=(CELL_W - 6).to_string()
                        height=(CELL_H - 6).to_string()
                        rx="3"
                    />
                </For>
            </g>
            <For each=move || segments.get() key=|b| *b let:base>
                <Show when=move || { base > log_start.get() }>
                    <line
                        class="segment-boundary"
                        x1=move || layout::boundary_x(base, log_start.get()).to_string()
                        x2=move || layout::boundary_x(base, log_start.get()).to_string()
                        y1="2"
                        y2=(CELL_TOP + CELL_H + 3).to_string()
                    />
                </Show>
            </For>
            <rect
                class="leo-slot"
                x=move || leo_x().to_string()
                y=CELL_TOP.to_string()
                width=CELL_W.to_string()
                height=CELL_H.to_string()
                rx="4"
            />
            <text class="mark mark--leo" x=move || (leo_x() + CELL_W / 2).to_string() y=(CELL_TOP + CELL_H / 2 + 4).to_string() font-size=layout::LABEL_FONT.to_string()>
                {move || format!("{}", leo.get())}
            </text>
            {offset_marks(name.clone(), partition, log_start)}
            <line class="hw" x1=move || hw_x().to_string() x2=move || hw_x().to_string() y1=(CELL_TOP - 4).to_string() y2=(CELL_TOP + CELL_H + 4).to_string()/>
            {move || {
                labels
                    .get()
                    .into_iter()
                    .map(|l| {
                        let (class, words) = match l.kind {
                            layout::LabelKind::HighWatermark => ("row-label row-label--hw", text::high_watermark(hw.get_untracked())),
                            layout::LabelKind::Sequence(_) => ("row-label row-label--seq", layout::label_text(l.kind)),
                            _ => ("row-label", layout::label_text(l.kind)),
                        };
                        let anchor = match l.anchor {
                            layout::Anchor::Start => "start",
                            layout::Anchor::Middle => "middle",
                            layout::Anchor::End => "end",
                        };
                        view! { <text class=class x=l.x.to_string() y=l.y.to_string() text-anchor=anchor font-size=layout::LABEL_FONT.to_string()>{words}</text> }
                    })
                    .collect_view()
            }}
        </g>
    }
}

/// What every cell of one partition row reacts to, narrowed per row so that a change
/// elsewhere wakes no cell here (a step redraw must fit in a frame).
#[derive(Clone)]
struct RowSignals {
    topic: Arc<str>,
    partition: u32,
    log_start: Memo<i64>,
    /// Records of this row that arrived in this step: offset and arrival order.
    arrivals: Memo<Vec<(i64, usize)>>,
    /// `Some(key)`: dim every record whose key is not `key` (a key highlight on this topic).
    dim_unless: Memo<Option<Option<Arc<str>>>>,
    /// The selected offset, when the selected record is in this row.
    selected: Memo<Option<i64>>,
}

/// Committed offsets and consumer positions on a row.
fn offset_marks(topic: Arc<str>, partition: u32, log_start: Memo<i64>) -> impl IntoView {
    view! { <crate::views::offset_marks::OffsetMarks topic=topic partition=partition log_start=log_start/> }
}

/// One record: a cell in its key's colour, with its offset; it flies in from the
/// producer's side when it arrived in this step.
#[component]
fn RecordCell(
    /// The record.
    record: RecordModel,
    /// What the row's cells react to.
    row: RowSignals,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let offset = record.offset;
    let colour = crate::view_model::key_class(record.key.as_deref());
    let duplicate = ctx.duplicates.with_value(|d| {
        d.iter()
            .any(|(t, p, o)| *o == offset && *p == row.partition && *t == row.topic)
    });
    let name = match record.marker {
        Some(m) => text::marker_name(offset, m),
        None if record.aborted => format!(
            "{}{}",
            text::record_name(offset, record.key.as_deref(), record.value.as_deref()),
            text::aborted_suffix()
        ),
        None if record.tombstone => {
            text::tombstone_name(offset, record.key.as_deref().unwrap_or("null"))
        }
        None if duplicate => format!(
            "{}{}",
            text::record_name(offset, record.key.as_deref(), record.value.as_deref()),
            text::duplicate_suffix()
        ),
        None => text::record_name(offset, record.key.as_deref(), record.value.as_deref()),
    };
    let kind = match (record.marker, record.aborted, duplicate) {
        (Some(_), _, _) => " cell--marker",
        (None, true, _) => " cell--aborted",
        (None, false, true) => " cell--duplicate",
        _ if record.tombstone => " cell--tombstone",
        _ => "",
    };
    let arrival = move || {
        row.arrivals.with(|a| {
            a.iter()
                .find(|(o, _)| *o == offset)
                .map(|(_, order)| *order)
        })
    };
    let key = record.key.clone();
    let dim = move || {
        row.dim_unless
            .with(|d| d.as_ref().is_some_and(|k| *k != key))
    };
    let x = move || layout::cell_x((offset - row.log_start.get()).max(0) as usize);
    // One effect per concern, few attributes: a step may create sixty of these cells.
    let class = move || {
        let mut c = format!("cell {colour}{kind}");
        if arrival().is_some() {
            c.push_str(" cell--arrived");
        }
        if dim() {
            c.push_str(" cell--dim");
        }
        if row.selected.get() == Some(offset) {
            c.push_str(" cell--selected");
        }
        c
    };
    let style = move || {
        arrival().map(|order| {
            format!(
                "--delay:{}ms;--fly:{}px",
                order as u32 * ctx.stagger_ms.get(),
                x() + 40
            )
        })
    };
    // The cell's static body in one DOM call rather than eight: sixty cells may be
    // created in one step. Only numbers go into it, so there is nothing to escape.
    // An aborted record is struck through; a copy written by a retry has a corner flag.
    let strike = if record.aborted {
        format!(
            r#"<path class="cell__strike" d="M3 {} L{} 3"></path>"#,
            CELL_H - 3,
            CELL_W - 3
        )
    } else {
        String::new()
    };
    let flag = if duplicate {
        format!(
            r#"<path class="cell__flag" d="M{} 0 H{CELL_W} V10 Z"></path>"#,
            CELL_W - 10
        )
    } else {
        String::new()
    };
    let body = format!(
        r#"<rect width="{CELL_W}" height="{CELL_H}" rx="4"></rect><text x="{}" y="{}" font-size="{}">{offset}</text>{strike}{flag}"#,
        CELL_W / 2,
        CELL_H / 2 + 5,
        layout::CELL_FONT
    );
    let selection = crate::view_model::Selection {
        topic: row.topic.clone(),
        partition: row.partition,
        offset,
    };
    // The position lives on an outer group; the arrival animation moves the inner one
    // (a CSS transform would override an SVG transform attribute on the same element).
    view! {
        <g transform=move || format!("translate({} 0)", x())>
            <g
                on:click=move |_| ctx.selected.set(Some(selection.clone()))
                role="listitem"
                aria-label=name
                class=class
                style=style
                inner_html=body
            ></g>
        </g>
    }
}
