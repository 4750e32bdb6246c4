//! Geometry of the log picture, in SVG user units. Pure and tested: views only place
//! what these functions say.

/// Width of one offset cell.
pub const CELL_W: f64 = 34.0;
/// Height of one offset cell.
pub const CELL_H: f64 = 34.0;
/// Space between cells.
pub const CELL_GAP: f64 = 3.0;
/// Width of the partition label column on the left.
pub const LABEL_W: f64 = 112.0;
/// Height of one partition row: segment labels above the cells, marks below.
pub const ROW_H: f64 = 72.0;
/// Top of the cells within a row (room for segment labels above).
pub const CELL_TOP: f64 = 14.0;
/// Top margin above the first row.
pub const TOP: f64 = 8.0;
/// Cells always drawn, even for a short log, so the LEO slot and a few free ones show.
pub const MIN_SLOTS: usize = 8;

/// Left edge of the cell at `index` (0 = the log start offset).
pub fn cell_x(index: usize) -> f64 {
    LABEL_W + index as f64 * (CELL_W + CELL_GAP)
}

/// Top edge of partition row `row`.
pub fn row_y(row: usize) -> f64 {
    TOP + row as f64 * ROW_H
}

/// Slots to draw for a log of `len` records: the records, the LEO slot, and padding.
pub fn slots(len: usize) -> usize {
    (len + 1).max(MIN_SLOTS)
}

/// Total width of a topic drawing whose longest log has `max_len` records.
pub fn topic_width(max_len: usize) -> f64 {
    cell_x(slots(max_len)) + 8.0
}

/// Total height of a topic drawing with `partitions` rows.
pub fn topic_height(partitions: usize) -> f64 {
    row_y(partitions) + 4.0
}

/// x of a mark placed between cells, before the cell for `offset` (segment boundaries,
/// LEO, HW), in a log starting at `log_start`.
pub fn boundary_x(offset: i64, log_start: i64) -> f64 {
    let index = (offset - log_start).max(0) as usize;
    cell_x(index) - CELL_GAP / 2.0
}

/// Bar length in a distribution chart: `count` of `max` scaled to `width`, at least 0.
pub fn bar_length(count: usize, max: usize, width: f64) -> f64 {
    if max == 0 {
        0.0
    } else {
        width * count as f64 / max as f64
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
        assert_eq!(boundary_x(6, 0), cell_x(6) - CELL_GAP / 2.0);
        assert_eq!(boundary_x(6, 6), cell_x(0) - CELL_GAP / 2.0);
    }

    #[test]
    fn bars_scale_to_the_largest_and_survive_empty_charts() {
        assert_eq!(bar_length(5, 10, 200.0), 100.0);
        assert_eq!(bar_length(0, 0, 200.0), 0.0);
    }
}
