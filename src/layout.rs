//! Geometry of the log picture, in whole SVG user units (integers keep float formatting
//! out of the wasm build). Pure and tested: views only place what these functions say.

/// Width of one offset cell.
pub const CELL_W: i32 = 34;
/// Height of one offset cell.
pub const CELL_H: i32 = 34;
/// Space between cells.
pub const CELL_GAP: i32 = 3;
/// Width of the partition label column on the left.
pub const LABEL_W: i32 = 112;
/// Height of one partition row: segment labels above the cells, marks below.
pub const ROW_H: i32 = 72;
/// Top of the cells within a row (room for segment labels above).
pub const CELL_TOP: i32 = 14;
/// Top margin above the first row.
pub const TOP: i32 = 8;
/// Cells always drawn, even for a short log, so the LEO slot and a few free ones show.
pub const MIN_SLOTS: usize = 8;

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

/// Total height of a topic drawing with `partitions` rows.
pub fn topic_height(partitions: usize) -> i32 {
    row_y(partitions) + 4
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

#[cfg(test)]
mod tests {
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
}
