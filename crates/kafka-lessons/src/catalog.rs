//! The modules and lessons the home page lists, and the lesson files compiled in.

use serde::Deserialize;

use crate::lesson::Lesson;

/// Every module, in order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Modules.
    pub modules: Vec<Module>,
}

/// A module of lessons, like the tracker's Module A.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Short id, like `A`.
    pub id: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// Lessons in order.
    pub lessons: Vec<LessonEntry>,
}

/// A lesson as the home page lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonEntry {
    /// Lesson id, like `1.2`.
    pub id: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// False for lessons that are announced but not written yet.
    pub ready: bool,
}

const CATALOG: &str = include_str!("../lessons/catalog.json");

/// Lesson files by id. Add a line here when adding a lesson.
const LESSONS: &[(&str, &str)] = &[
    (
        "1.1",
        include_str!("../lessons/1.1-topics-partitions-segments-offsets.json"),
    ),
    ("1.2", include_str!("../lessons/1.2-keyed-routing.json")),
    ("1.3", include_str!("../lessons/1.3-consume-and-log.json")),
    (
        "1.4",
        include_str!("../lessons/1.4-rebalance-and-scale.json"),
    ),
    ("1.5", include_str!("../lessons/1.5-offset-semantics.json")),
    (
        "1.6",
        include_str!("../lessons/1.6-producer-guarantees.json"),
    ),
    // Not in the catalog: the scene scripts/bench.sh times a redraw on (#/lesson/bench).
    (
        BENCH_LESSON,
        include_str!("../lessons/bench-frame-time.json"),
    ),
];

/// The id of the unlisted benchmark scene.
pub const BENCH_LESSON: &str = "bench";

/// The catalog. Compiled-in data, so a parse failure is a build bug that the native
/// test `the_catalog_and_every_lesson_load` catches.
pub fn catalog() -> Catalog {
    serde_json::from_str(CATALOG).expect("lessons/catalog.json is valid (tested)")
}

/// The lesson with this id, if it is written.
pub fn lesson(id: &str) -> Option<Lesson> {
    let (_, text) = LESSONS.iter().find(|(i, _)| *i == id)?;
    Some(serde_json::from_str(text).expect("lesson files are valid (tested)"))
}

/// Ids of every written lesson.
pub fn lesson_ids() -> impl Iterator<Item = &'static str> {
    LESSONS.iter().map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::LessonRun;

    #[test]
    fn the_catalog_and_every_lesson_load() {
        let catalog: Catalog = serde_json::from_str(CATALOG).unwrap();
        for (id, text) in LESSONS {
            let lesson: Lesson =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("lesson {id}: {e}"));
            assert_eq!(lesson.id, *id);
            if *id == BENCH_LESSON {
                continue;
            }
            let entry = catalog
                .modules
                .iter()
                .flat_map(|m| &m.lessons)
                .find(|e| e.id == *id)
                .unwrap_or_else(|| panic!("lesson {id} is not in the catalog"));
            assert!(
                entry.ready,
                "lesson {id} is written but listed as coming soon"
            );
            assert_eq!(entry.title, lesson.title);
        }
        for entry in catalog.modules.iter().flat_map(|m| &m.lessons) {
            assert_eq!(
                entry.ready,
                lesson(&entry.id).is_some(),
                "lesson {} ready flag",
                entry.id
            );
        }
    }

    /// Plays a lesson file through the engine and asserts every check of every step.
    fn assert_solves(id: &str, text: &str) {
        let lesson: Lesson =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("lesson {id}: {e}"));
        let run = LessonRun::new(lesson).unwrap_or_else(|e| panic!("lesson {id}: {e}"));
        for (i, step) in run.steps.iter().enumerate() {
            for (check, result) in run.lesson.steps[i].checks.iter().zip(&step.checks) {
                assert_eq!(
                    result,
                    &Ok(()),
                    "lesson {id} step {} check \"{}\"",
                    i + 1,
                    check.says
                );
            }
        }
    }

    #[test]
    fn every_lesson_solves() {
        for (id, text) in LESSONS {
            assert_solves(id, text);
        }
    }
}
