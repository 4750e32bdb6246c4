//! The lag chart: a group's LAG per partition after every command of the lesson so far.
//! The y axis is fixed for the whole lesson, so a spike reads the same at every step; the
//! x axis spans the samples so far (at least [`MIN_SAMPLES`]), so early steps are not
//! squeezed into a corner.

use kafka_lessons::run::{LagSample, StepState};
use kafka_lessons::LagOf;

/// Chart width in SVG units.
pub const CHART_W: i32 = 360;
/// Chart height in SVG units.
pub const CHART_H: i32 = 132;
/// The x axis always has room for this many samples.
pub const MIN_SAMPLES: usize = 16;
/// Left margin (y-axis labels).
const LEFT: i32 = 30;
/// Right margin: room for the partition labels at the lines' ends.
const RIGHT: i32 = 30;
/// Label size in the chart (at least `layout::MIN_FONT` once drawn: the chart is
/// never narrower than 94% of its width).
pub const CHART_FONT: i32 = 12;
/// Top margin.
const TOP: i32 = 8;
/// Bottom margin (x-axis label).
const BOTTOM: i32 = 18;

/// One partition's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LagLine {
    /// `topic-partition`.
    pub label: String,
    /// Partition number: picks the line's dash pattern and names it ("P0") at its end.
    /// Lines are drawn in ink, never in a key colour: colour means a key.
    pub partition: u32,
    /// SVG `points`.
    pub points: String,
    /// Lag now (`None` before the group committed anything there).
    pub lag: Option<i64>,
    /// Baseline of the "P0" label at the line's end, kept apart from the others'.
    pub label_y: i32,
}

/// The chart of one group up to the current step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LagChartModel {
    /// The highest lag in the whole lesson (top of the y axis), at least 1.
    pub max_lag: i64,
    /// One line per partition the group has a row for.
    pub lines: Vec<LagLine>,
    /// x of the first sample of each step so far (faint step separators).
    pub step_x: Vec<i32>,
    /// x of the latest sample.
    pub now_x: i32,
    /// y of lag 0 (the x axis).
    pub base_y: i32,
    /// The engine clock at the latest sample, in ms.
    pub now_ms: i64,
}

/// x of sample `i` of `n`.
fn x_of(i: usize, n: usize) -> i32 {
    let span = (CHART_W - LEFT - RIGHT) as i64;
    LEFT + (span * i as i64 / (n.max(2) - 1) as i64) as i32
}

/// y of `lag` on an axis topped by `max`.
fn y_of(lag: i64, max: i64) -> i32 {
    let span = i64::from(CHART_H - TOP - BOTTOM);
    CHART_H - BOTTOM - (span * lag / max.max(1)) as i32
}

/// Left edge of the plot, for axis labels.
pub const CHART_LEFT: i32 = LEFT;
/// Top edge of the plot, for axis labels.
pub const CHART_TOP: i32 = TOP;

/// The samples of `group` in one step.
fn of_group<'a>(s: &'a StepState, group: &str) -> Vec<&'a kafka_lessons::run::LagSample> {
    s.lag.iter().filter(|l| &*l.group == group).collect()
}

/// The chart of `group` after step `step` (0-based) of a lesson played in `steps`.
pub fn lag_chart(steps: &[StepState], step: usize, group: &str, of: LagOf) -> LagChartModel {
    let values = |s: &LagSample| -> Vec<(std::sync::Arc<str>, u32, Option<i64>)> {
        match of {
            LagOf::Committed => s.lags.clone(),
            LagOf::Position => s.behind.clone(),
        }
    };
    let all: Vec<_> = steps.iter().flat_map(|s| of_group(s, group)).collect();
    let n = steps
        .iter()
        .take(step + 1)
        .map(|s| of_group(s, group).len())
        .sum::<usize>()
        .max(MIN_SAMPLES);
    let max_lag = all
        .iter()
        .flat_map(|s| values(s).into_iter().filter_map(|l| l.2))
        .max()
        .unwrap_or(0)
        .max(1);
    let mut lines: Vec<LagLine> = Vec::new();
    let mut step_x = Vec::new();
    let mut i = 0;
    let mut now_ms = 0;
    for s in steps.iter().take(step + 1) {
        let samples = of_group(s, group);
        if !samples.is_empty() {
            step_x.push(x_of(i, n));
        }
        for sample in samples {
            let x = x_of(i, n);
            now_ms = sample.now_ms;
            for (topic, partition, lag) in &values(sample) {
                let label = format!("{topic}-{partition}");
                let line = match lines.iter_mut().position(|l| l.label == label) {
                    Some(at) => &mut lines[at],
                    None => {
                        lines.push(LagLine {
                            label,
                            partition: *partition,
                            points: String::new(),
                            lag: None,
                            label_y: 0,
                        });
                        lines.last_mut().expect("just pushed")
                    }
                };
                line.lag = *lag;
                if let Some(lag) = lag {
                    if !line.points.is_empty() {
                        line.points.push(' ');
                    }
                    line.points
                        .push_str(&format!("{x},{}", y_of(*lag, max_lag)));
                }
            }
            i += 1;
        }
    }
    // Each line is named at its end; labels of lines that end together are spread apart.
    let ends: Vec<i32> = lines
        .iter()
        .map(|l| y_of(l.lag.unwrap_or(0), max_lag) + CHART_FONT / 3)
        .collect();
    let spread = crate::layout::spread(&ends, CHART_FONT, TOP + CHART_FONT, CHART_H - BOTTOM + 4);
    for (l, y) in lines.iter_mut().zip(spread) {
        l.label_y = y;
    }
    LagChartModel {
        max_lag,
        lines,
        step_x,
        now_x: x_of(i.saturating_sub(1), n),
        base_y: y_of(0, max_lag),
        now_ms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_lessons::{Lesson, LessonRun};

    fn run(steps: &[&[&str]]) -> LessonRun {
        let json = serde_json::json!({
            "id": "t", "title": "t", "summary": "t",
            "steps": steps.iter().map(|c| serde_json::json!({"title": "s", "narration": [], "commands": c})).collect::<Vec<_>>()
        });
        let lesson: Lesson = kafka_lessons::parse_lesson(&json.to_string()).unwrap();
        LessonRun::new(lesson).unwrap()
    }

    #[test]
    fn lines_follow_the_describe_lag_and_grow_step_by_step() {
        let r = run(&[
            &[
                "create-topic t partitions=2",
                "produce t partition=0 value=a",
                "create-consumer c group=g auto.offset.reset=earliest enable.auto.commit=false",
                "subscribe c topics=t",
                "poll c",
                "commit c",
            ],
            &[
                "produce t partition=1 value=b",
                "produce t partition=1 value=c",
            ],
        ]);
        let first = lag_chart(&r.steps, 0, "g", LagOf::Committed);
        let second = lag_chart(&r.steps, 1, "g", LagOf::Committed);
        // The group exists from `poll c`: two samples in step 1, two in step 2.
        assert_eq!(second.max_lag, 2);
        assert_eq!(second.step_x.len(), 2);
        let lags: Vec<_> = second
            .lines
            .iter()
            .map(|l| (l.label.as_str(), l.lag))
            .collect();
        assert_eq!(lags, vec![("t-0", Some(0)), ("t-1", Some(2))]);
        // Before the commit the group has no offset on t-0: only the last sample is drawn.
        assert_eq!(first.lines[0].points.split(' ').count(), 1);
        assert_eq!(second.lines[1].points.split(' ').count(), 3);
        assert!(second.now_x > first.now_x);
        assert_eq!(
            lag_chart(&r.steps, 1, "nobody", LagOf::Committed).lines,
            vec![]
        );
        // The line-end labels never meet.
        let ys: Vec<i32> = second.lines.iter().map(|l| l.label_y).collect();
        assert!((ys[0] - ys[1]).abs() >= CHART_FONT, "{ys:?}");
    }

    #[test]
    fn in_lesson_1_4_eager_stops_every_reader_and_coop_only_the_moving_partition() {
        // Issue 11: the narration and the chart must agree. The committed LAG climbs alike
        // in both groups (commits wait for the rebalance); the readers' positions tell the
        // protocols apart: every eager partition falls behind, in coop the kept partition 0
        // never falls more than a record behind.
        let r = LessonRun::new(kafka_lessons::lesson("1.4").unwrap()).unwrap();
        let peak = |group: &str, partition: u32| {
            r.steps[10..13]
                .iter()
                .flat_map(|s| &s.lag)
                .filter(|s| &*s.group == group)
                .flat_map(|s| &s.behind)
                .filter(|l| l.1 == partition)
                .filter_map(|l| l.2)
                .max()
                .unwrap()
        };
        assert_eq!(
            [peak("eager", 0), peak("eager", 1), peak("eager", 2)],
            [3, 3, 3]
        );
        assert!(peak("coop", 0) <= 1, "{}", peak("coop", 0));
        let says = r.lesson.steps[12].narration.join(" ");
        assert!(
            says.contains("partitions 0 and 2 never lost their reader"),
            "{says}"
        );
    }
}
