//! Geometry of the log picture, in whole SVG user units (integers keep float formatting
//! out of the wasm build). Pure and tested: views only place what these functions say.
//!
//! The pictures are drawn at one user unit per CSS pixel and never scaled down (a long log
//! scrolls sideways instead), so a font size here is the size on screen: no label is
//! smaller than [`MIN_FONT`] pixels, on a phone or on a projector. Labels that could meet
//! are placed by [`row_labels`] and [`fit_lines`], which never let two of them overlap.
//!
//! ```text
//!  label column      cells (the whole picture scrolls sideways when it is too wide)
//!  P0                segment 0   segment 6          HW 14      labels above
//!  leader 1 · ISR 1      ▼                                      position marks
//!  ▼c1 12  ▲g 12     [0][1][2]…[12][13][  ]                     cells, LEO slot
//!                             ▲                                 committed marks
//!                        s0 s1 …            LEO                 labels below
//! ```

/// Width of one offset cell.
pub const CELL_W: i32 = 30;
/// Height of one offset cell.
pub const CELL_H: i32 = 32;
/// Space between cells.
pub const CELL_GAP: i32 = 3;
/// Width of the partition label column on the left.
pub const LABEL_W: i32 = 132;
/// Height of one partition row: labels above, position marks, cells, committed marks,
/// labels below.
pub const ROW_H: i32 = 84;
/// Top of the cells within a row.
pub const CELL_TOP: i32 = 24;
/// Baseline of the labels above the cells (segments, HW).
pub const TOP_BASELINE: i32 = 12;
/// Baseline of the labels below the cells (LEO, sequence numbers).
pub const BOTTOM_BASELINE: i32 = CELL_TOP + CELL_H + 21;
/// Top margin above the first row.
pub const TOP: i32 = 4;
/// Cells always drawn, even for a short log, so the LEO slot and a few free ones show.
pub const MIN_SLOTS: usize = 8;

/// The smallest text in any picture, in pixels: readable on a phone and from the back
/// of a room with a projector.
#[cfg_attr(not(test), allow(dead_code))]
pub const MIN_FONT: i32 = 11;
/// Labels: segments, HW, LEO, sequence numbers, partition metadata, marks.
pub const LABEL_FONT: i32 = 11;
/// The offset written in each cell.
pub const CELL_FONT: i32 = 13;
/// The partition name ("P0").
pub const PARTITION_FONT: i32 = 15;
/// Baselines in the label column.
pub const NAME_BASELINE: i32 = 30;
/// See [`NAME_BASELINE`].
pub const META_BASELINE: i32 = 46;
/// Lines of offset marks under a partition's name, and their baselines.
pub const MARK_BASELINES: [i32; 2] = [62, 77];

// A row holds its bands without touching: labels, position marks, cells, committed
// marks, labels; and the label column's lines fit in it. Checked when compiling.
const _: () = {
    assert!(TOP_BASELINE + 2 <= CELL_TOP - 8);
    assert!(BOTTOM_BASELINE - LABEL_FONT >= CELL_TOP + CELL_H + 8);
    assert!(BOTTOM_BASELINE + 4 <= ROW_H);
    assert!(MARK_BASELINES[1] + 4 <= ROW_H);
    assert!(LABEL_FONT >= MIN_FONT && CELL_FONT >= MIN_FONT && PARTITION_FONT >= MIN_FONT);
};

/// Left edge of the cell at `index` (0 = the log start offset).
pub fn cell_x(index: usize) -> i32 {
    LABEL_W + index as i32 * (CELL_W + CELL_GAP)
}

/// Top edge of partition row `row`.
pub fn row_y(row: usize) -> i32 {
    TOP + row as i32 * ROW_H
}

/// Slots to draw for a log of `len` records: the records, the LEO slot, and padding.
pub fn slots(len: usize) -> usize {
    (len + 1).max(MIN_SLOTS)
}

/// Total width of a topic drawing whose longest log has `max_len` records.
pub fn topic_width(max_len: usize) -> i32 {
    cell_x(slots(max_len)) + 8
}

/// Rows a topic card shows at once; a topic with more pages through them.
pub const PAGE: usize = 16;

/// The partitions shown from `first` on, of `count`: a full page when there is one, so
/// the last page ends at the last partition.
pub fn window(first: usize, count: usize) -> std::ops::Range<usize> {
    let start = first.min(count.saturating_sub(PAGE));
    start..(start + PAGE).min(count)
}

/// Where the window starts so that `partition` is in it: unchanged if it is already,
/// else the page that holds it.
pub fn follow(first: usize, partition: usize, count: usize) -> usize {
    let partition = partition.min(count.saturating_sub(1));
    let now = window(first, count);
    if now.contains(&partition) {
        now.start
    } else {
        window(partition / PAGE * PAGE, count).start
    }
}

/// Height of a topic's picture showing `partitions` rows.
pub fn topic_height(partitions: usize) -> i32 {
    row_y(partitions) + 2
}

/// x of a mark placed between cells, before the cell for `offset` (segment boundaries,
/// LEO, HW), in a log starting at `log_start`.
pub fn boundary_x(offset: i64, log_start: i64) -> i32 {
    let index = (offset - log_start).max(0) as usize;
    cell_x(index) - (CELL_GAP + 1) / 2
}

/// Bar length in a distribution chart: `count` of `max` scaled to `width`, at least 0.
pub fn bar_length(count: usize, max: usize, width: i32) -> i32 {
    if max == 0 {
        0
    } else {
        (i64::from(width) * count as i64 / max as i64) as i32
    }
}

/// A generous estimate of the width of `text` at `font` pixels (about two thirds of the
/// font size per character, more than the system sans-serif fonts use), so that labels
/// kept apart here are apart on screen too.
pub fn text_width(text: &str, font: i32) -> i32 {
    text.chars().count() as i32 * font * 2 / 3
}

/// Where a label hangs from its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// x is the label's left edge.
    Start,
    /// x is its centre.
    Middle,
    /// x is its right edge.
    End,
}

/// What a row label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// "segment 6": a segment's base offset.
    Segment(i64),
    /// "log start 6": the first segment once retention deleted those before it.
    LogStart(i64),
    /// "HW 14".
    HighWatermark,
    /// "LEO".
    LogEnd,
    /// "s3": a record's producer sequence number.
    Sequence(i32),
}

/// A label placed on a partition row: its baseline `y` is [`TOP_BASELINE`] or
/// [`BOTTOM_BASELINE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// What it says.
    pub kind: LabelKind,
    /// x of the anchor.
    pub x: i32,
    /// Baseline.
    pub y: i32,
    /// How it hangs from x.
    pub anchor: Anchor,
    /// Estimated left and right edges, for the overlap rule.
    pub span: (i32, i32),
}

/// What a partition row has to label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowFacts {
    /// Log start offset.
    pub log_start: i64,
    /// Log end offset.
    pub leo: i64,
    /// High watermark.
    pub hw: i64,
    /// Segment base offsets.
    pub segments: Vec<i64>,
    /// Offsets and sequence numbers to write under their records (empty unless shown).
    pub sequences: Vec<(i64, i32)>,
}

/// The text of a row label.
pub fn label_text(kind: LabelKind) -> String {
    match kind {
        LabelKind::Segment(base) => crate::text::segment_label(base),
        LabelKind::LogStart(base) => crate::text::log_start_label(base),
        LabelKind::HighWatermark => String::new(),
        LabelKind::LogEnd => crate::text::leo().to_string(),
        LabelKind::Sequence(s) => format!("s{s}"),
    }
}

/// Places a row's labels, most important first, each at the first of its places where it
/// overlaps nothing already placed (with a gap of 4 units); a label with no free place is
/// left out (its mark is still drawn, and the record panel has every number). `hw_text`
/// is the HW label as the view writes it ("HW 14"). The LEO and HW labels always fit:
/// only the LEO label and the sequence numbers (all below the cells) come before HW, and
/// HW can always go above them.
pub fn row_labels(facts: &RowFacts, hw_text: &str) -> Vec<Placed> {
    let slot_x = |offset: i64| cell_x((offset - facts.log_start).max(0) as usize);
    let hw_x = boundary_x(facts.hw, facts.log_start);
    let mut wanted: Vec<Wanted> = Vec::new();
    let leo_mid = slot_x(facts.leo) + CELL_W / 2;
    wanted.push((
        LabelKind::LogEnd,
        text_width("LEO", LABEL_FONT),
        vec![(leo_mid, BOTTOM_BASELINE, Anchor::Middle)],
    ));
    // Sequence numbers sit under their records, where nothing else wants to be.
    for (offset, seq) in &facts.sequences {
        let kind = LabelKind::Sequence(*seq);
        let w = text_width(&label_text(kind), LABEL_FONT);
        let mid = slot_x(*offset) + CELL_W / 2;
        wanted.push((kind, w, vec![(mid, BOTTOM_BASELINE, Anchor::Middle)]));
    }
    // HW: under the last records, left of its line; where sequence numbers are there,
    // above the cells right of the line (always free: segments come after it).
    wanted.push((
        LabelKind::HighWatermark,
        text_width(hw_text, LABEL_FONT),
        vec![
            (hw_x - 3, BOTTOM_BASELINE, Anchor::End),
            (hw_x + 3, TOP_BASELINE, Anchor::Start),
            (hw_x - 3, TOP_BASELINE, Anchor::End),
        ],
    ));
    let mut placed: Vec<Placed> = Vec::new();
    place(&mut placed, wanted);
    // A segment's name goes right after its boundary, or slides right past the labels
    // already there (the HW label of an empty log sits at the same boundary).
    for base in &facts.segments {
        // A log that no longer starts at 0 says so where it starts.
        let kind = if *base == facts.log_start && facts.log_start > 0 {
            LabelKind::LogStart(*base)
        } else {
            LabelKind::Segment(*base)
        };
        let w = text_width(&label_text(kind), LABEL_FONT);
        let x = boundary_x(*base, facts.log_start) + 3;
        let mut places = vec![(x, TOP_BASELINE, Anchor::Start)];
        for p in placed
            .iter()
            .filter(|p| p.y == TOP_BASELINE && p.span.1 + 6 > x)
        {
            places.push((p.span.1 + 6, TOP_BASELINE, Anchor::Start));
        }
        place(&mut placed, vec![(kind, w, places)]);
    }
    placed
}

/// A label to place: what it says, its estimated width, and its places in order of
/// preference as (x, baseline, anchor).
type Wanted = (LabelKind, i32, Vec<(i32, i32, Anchor)>);

/// Places each wanted label at the first of its places that is free.
fn place(placed: &mut Vec<Placed>, wanted: Vec<Wanted>) {
    for (kind, w, places) in wanted {
        for (x, y, anchor) in places {
            let span = match anchor {
                Anchor::Start => (x, x + w),
                Anchor::Middle => (x - w / 2, x + w - w / 2),
                Anchor::End => (x - w, x),
            };
            // Never into the label column, never onto another label.
            let free = span.0 >= cell_x(0) - CELL_GAP
                && placed
                    .iter()
                    .all(|p| p.y != y || span.1 + 4 <= p.span.0 || p.span.1 + 4 <= span.0);
            if free {
                placed.push(Placed {
                    kind,
                    x,
                    y,
                    anchor,
                    span,
                });
                break;
            }
        }
    }
}

/// Packs `items` into at most `lines` lines of `width` units at [`LABEL_FONT`], two
/// spaces apart, in order; when they do not all fit, the last line ends with
/// `more(n)` for the `n` left out. No line is wider than `width`.
pub fn fit_lines(
    items: &[String],
    width: i32,
    lines: usize,
    more: impl Fn(usize) -> String,
) -> Vec<String> {
    let w = |s: &str| text_width(s, LABEL_FONT);
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut used = 0;
    for item in items {
        let fits_last = out.last().is_some_and(|line| {
            let text = format!("{}  {item}", line.join("  "));
            w(&text) <= width
        });
        if fits_last {
            out.last_mut().expect("checked").push(item);
        } else if out.len() < lines && w(item) <= width {
            out.push(vec![item]);
        } else {
            break;
        }
        used += 1;
    }
    let left = items.len() - used;
    let mut text: Vec<String> = out.iter().map(|l| l.join("  ")).collect();
    if left > 0 {
        // Make room for "+n more" on the last line, dropping items from its end.
        let mut dropped = left;
        loop {
            let tail = more(dropped);
            match out.last_mut() {
                None => {
                    text = vec![tail];
                    break;
                }
                Some(last) => {
                    let candidate = if last.is_empty() {
                        tail.clone()
                    } else {
                        format!("{}  {tail}", last.join("  "))
                    };
                    if w(&candidate) <= width || last.is_empty() {
                        let n = text.len();
                        text[n - 1] = candidate;
                        break;
                    }
                    last.pop();
                    dropped += 1;
                }
            }
        }
    }
    text
}

/// Spreads labels that want to sit at heights `ys` so that any two are at least `gap`
/// apart, keeping their order and staying within `[lo, hi]` where room allows (for the
/// lag chart's line-end labels).
pub fn spread(ys: &[i32], gap: i32, lo: i32, hi: i32) -> Vec<i32> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    kafka_sim::sort::sort_by_key(&mut order, |i| (ys[*i], *i));
    let mut out = ys.to_vec();
    let mut prev: Option<i32> = None;
    for i in &order {
        let y = out[*i].max(lo);
        let y = prev.map_or(y, |p| y.max(p + gap));
        out[*i] = y;
        prev = Some(y);
    }
    // Pushed past the bottom: shift the run back up.
    if let Some(last) = order.last() {
        let over = out[*last] - hi;
        if over > 0 {
            for i in &order {
                out[*i] -= over;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_window_is_a_page_that_ends_at_the_last_partition() {
        assert_eq!(window(0, 3), 0..3);
        assert_eq!(window(0, 1000), 0..PAGE);
        assert_eq!(window(992, 1000), 1000 - PAGE..1000);
        assert_eq!(window(5, 0), 0..0);
    }

    #[test]
    fn the_window_follows_a_partition_only_when_it_is_out_of_view() {
        assert_eq!(follow(0, 3, 1000), 0, "in view: the window stays");
        assert_eq!(follow(0, 517, 1000), 512, "the page holding it");
        assert_eq!(follow(512, 999, 1000), 1000 - PAGE);
        assert_eq!(
            follow(0, 5000, 1000),
            1000 - PAGE,
            "past the end: the last page"
        );
    }

    use super::*;

    #[test]
    fn cells_are_evenly_spaced_after_the_label() {
        assert_eq!(cell_x(0), LABEL_W);
        assert_eq!(cell_x(2) - cell_x(1), CELL_W + CELL_GAP);
    }

    #[test]
    fn a_short_log_still_shows_free_slots_and_a_long_one_one_more_than_its_length() {
        assert_eq!(slots(0), MIN_SLOTS);
        assert_eq!(slots(30), 31);
        assert!(topic_width(30) > cell_x(30));
    }

    #[test]
    fn boundaries_sit_in_the_gap_before_their_offset() {
        assert_eq!(boundary_x(6, 0), cell_x(6) - 2);
        assert_eq!(boundary_x(6, 6), cell_x(0) - 2);
    }

    #[test]
    fn bars_scale_to_the_largest_and_survive_empty_charts() {
        assert_eq!(bar_length(5, 10, 200), 100);
        assert_eq!(bar_length(1, 3, 200), 66);
        assert_eq!(bar_length(0, 0, 200), 0);
    }

    #[test]
    fn no_text_is_drawn_smaller_than_the_readable_minimum() {
        // A two-digit offset fits in its cell.
        assert!(text_width("29", CELL_FONT) + 4 <= CELL_W);
    }

    fn overlaps(placed: &[Placed]) -> Vec<(LabelKind, LabelKind)> {
        let mut out = Vec::new();
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                if a.y == b.y && a.span.0 < b.span.1 && b.span.0 < a.span.1 {
                    out.push((a.kind, b.kind));
                }
            }
        }
        out
    }

    #[test]
    fn a_sequence_number_under_the_last_record_does_not_meet_the_hw_label() {
        // Issue 11, lesson 1.6 step 4: "s1" was drawn over "HW 6".
        let facts = RowFacts {
            log_start: 0,
            leo: 6,
            hw: 6,
            segments: vec![0],
            sequences: vec![(4, 0), (5, 1)],
        };
        let placed = row_labels(&facts, "HW 6");
        assert_eq!(overlaps(&placed), vec![]);
        for kind in [
            LabelKind::LogEnd,
            LabelKind::HighWatermark,
            LabelKind::Sequence(1),
        ] {
            assert!(placed.iter().any(|p| p.kind == kind), "{kind:?} placed");
        }
    }

    #[test]
    fn an_empty_logs_hw_label_stays_out_of_the_label_column() {
        let placed = row_labels(&RowFacts::default(), "HW 0");
        let hw = placed
            .iter()
            .find(|p| p.kind == LabelKind::HighWatermark)
            .unwrap();
        assert!(hw.span.0 >= cell_x(0) - CELL_GAP, "{hw:?}");
        assert_eq!(overlaps(&placed), vec![]);
    }

    #[test]
    fn a_segment_starting_at_the_last_record_gives_way_to_the_hw_label() {
        let facts = RowFacts {
            log_start: 0,
            leo: 13,
            hw: 13,
            segments: vec![0, 6, 12],
            sequences: vec![],
        };
        let placed = row_labels(&facts, "HW 13");
        assert_eq!(overlaps(&placed), vec![]);
        assert!(placed.iter().any(|p| p.kind == LabelKind::HighWatermark));
        assert!(placed.iter().any(|p| p.kind == LabelKind::Segment(6)));
    }

    #[test]
    fn a_log_that_retention_shortened_names_its_start() {
        let facts = RowFacts {
            log_start: 9,
            leo: 12,
            hw: 12,
            segments: vec![9],
            sequences: vec![],
        };
        let placed = row_labels(&facts, "HW 12");
        assert!(placed.iter().any(|p| p.kind == LabelKind::LogStart(9)));
        assert!(!placed.iter().any(|p| p.kind == LabelKind::Segment(9)));
        assert_eq!(label_text(LabelKind::LogStart(9)), "log start 9");
        assert_eq!(overlaps(&placed), vec![]);
    }

    #[test]
    fn marks_that_do_not_fit_the_column_are_counted_instead() {
        // Issue 11, lesson 1.5 step 8: "+12 more" ran out of the label column over "HW 6".
        let items: Vec<String> = (0..15).map(|i| format!("▲at-least-once-{i} 6")).collect();
        let lines = fit_lines(&items, LABEL_W - 8, 2, |n| format!("+{n} more"));
        assert!(lines.len() <= 2);
        for l in &lines {
            assert!(text_width(l, LABEL_FONT) <= LABEL_W - 8, "{l}");
        }
        assert!(lines.last().unwrap().ends_with("more"), "{lines:?}");
        let short = vec!["▼c1 3".to_string(), "▲g 3".to_string()];
        assert_eq!(
            fit_lines(&short, LABEL_W - 8, 2, |n| format!("+{n}")),
            vec!["▼c1 3  ▲g 3"]
        );
        assert!(fit_lines(&[], 100, 2, |n| format!("+{n}")).is_empty());
    }

    #[test]
    fn spread_labels_keep_their_order_and_their_distance() {
        assert_eq!(spread(&[50, 50, 50], 12, 0, 200), vec![50, 62, 74]);
        assert_eq!(spread(&[10, 80], 12, 0, 200), vec![10, 80]);
        assert_eq!(spread(&[100, 100], 12, 0, 104), vec![92, 104]);
    }
}
