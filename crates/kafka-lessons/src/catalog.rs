//! The modules and lessons the home page lists, and the lesson files compiled in.

use crate::json::{self, Error, Fields, Json};
use crate::lesson::Lesson;

/// Every module, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Modules.
    pub modules: Vec<Module>,
}

/// A module of lessons, like the tracker's Module A.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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

impl Catalog {
    fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&["modules"]);
        let mut modules = Vec::new();
        j.object("Catalog", &mut |j, key| {
            let Some(key) = key else {
                return f.require(&[0]);
            };
            f.key(j, key, true)?;
            j.array(&mut |j| {
                modules.push(Module::read(j)?);
                Ok(())
            })
        })?;
        Ok(Catalog { modules })
    }
}

impl Module {
    fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&["id", "title", "summary", "lessons"]);
        let mut m = Module {
            id: String::new(),
            title: String::new(),
            summary: String::new(),
            lessons: Vec::new(),
        };
        j.object("Module", &mut |j, key| {
            let Some(key) = key else {
                return f.require(&[0, 1, 2, 3]);
            };
            match f.key(j, key, true)? {
                Some(0) => m.id = j.string()?,
                Some(1) => m.title = j.string()?,
                Some(2) => m.summary = j.string()?,
                _ => j.array(&mut |j| {
                    m.lessons.push(LessonEntry::read(j)?);
                    Ok(())
                })?,
            }
            Ok(())
        })?;
        Ok(m)
    }
}

impl LessonEntry {
    fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&["id", "title", "summary", "ready"]);
        let mut e = LessonEntry {
            id: String::new(),
            title: String::new(),
            summary: String::new(),
            ready: false,
        };
        j.object("LessonEntry", &mut |j, key| {
            let Some(key) = key else {
                return f.require(&[0, 1, 2, 3]);
            };
            match f.key(j, key, true)? {
                Some(0) => e.id = j.string()?,
                Some(1) => e.title = j.string()?,
                Some(2) => e.summary = j.string()?,
                _ => e.ready = j.boolean()?,
            }
            Ok(())
        })?;
        Ok(e)
    }
}

const CATALOG: &str = include_str!("../lessons/catalog.json");

/// Lesson files by id, in `lessons/`. Add a line here when adding a lesson. The
/// browser fetches them on demand (Trunk copies `lessons/` into the site), so their text
/// is not in the wasm download; native builds (tests, tools) compile them in.
pub const LESSON_FILES: &[(&str, &str)] = &[
    ("1.1", "1.1-topics-partitions-segments-offsets.json"),
    ("1.2", "1.2-keyed-routing.json"),
    ("1.3", "1.3-consume-and-log.json"),
    ("1.4", "1.4-rebalance-and-scale.json"),
    ("1.5", "1.5-offset-semantics.json"),
    ("1.6", "1.6-producer-guarantees.json"),
    ("1.7", "1.7-consumer-group-protocol.json"),
    ("1.8", "1.8-same-key-different-partition.json"),
    ("1.9", "1.9-retention.json"),
    ("1.10", "1.10-compaction.json"),
    ("1.11", "1.11-retries-and-dead-letters.json"),
    ("1.12", "1.12-go-platform-producer.json"),
    ("2.1", "2.1-replication-and-durability.json"),
    ("2.2", "2.2-leaders-and-elections.json"),
    ("2.3", "2.3-kraft-controllers.json"),
    // Not in the catalog: the scene scripts/bench.sh times a redraw on (#/lesson/bench).
    (BENCH_LESSON, "bench-frame-time.json"),
];

/// The file of lesson `id`, relative to `lessons/`.
pub fn lesson_file(id: &str) -> Option<&'static str> {
    LESSON_FILES.iter().find(|(i, _)| *i == id).map(|(_, f)| *f)
}

/// Parses a lesson file's text.
pub fn parse_lesson(text: &str) -> Result<Lesson, String> {
    json::parse(text, Lesson::read)
}

/// Parses the catalog's text.
fn parse_catalog(text: &str) -> Result<Catalog, String> {
    json::parse(text, Catalog::read)
}

/// The text of every lesson file, compiled in (not in the wasm build).
#[cfg(not(target_arch = "wasm32"))]
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
    (
        "1.7",
        include_str!("../lessons/1.7-consumer-group-protocol.json"),
    ),
    (
        "1.8",
        include_str!("../lessons/1.8-same-key-different-partition.json"),
    ),
    ("1.9", include_str!("../lessons/1.9-retention.json")),
    ("1.10", include_str!("../lessons/1.10-compaction.json")),
    (
        "1.11",
        include_str!("../lessons/1.11-retries-and-dead-letters.json"),
    ),
    (
        "1.12",
        include_str!("../lessons/1.12-go-platform-producer.json"),
    ),
    (
        "2.1",
        include_str!("../lessons/2.1-replication-and-durability.json"),
    ),
    (
        "2.2",
        include_str!("../lessons/2.2-leaders-and-elections.json"),
    ),
    ("2.3", include_str!("../lessons/2.3-kraft-controllers.json")),
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
    parse_catalog(CATALOG).expect("lessons/catalog.json is valid (tested)")
}

/// The lesson with this id, if it is written (native builds; the browser fetches the file).
#[cfg(not(target_arch = "wasm32"))]
pub fn lesson(id: &str) -> Option<Lesson> {
    let (_, text) = LESSONS.iter().find(|(i, _)| *i == id)?;
    Some(parse_lesson(text).expect("lesson files are valid (tested)"))
}

/// Ids of every written lesson.
pub fn lesson_ids() -> impl Iterator<Item = &'static str> {
    LESSON_FILES.iter().map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::LessonRun;

    #[test]
    fn the_catalog_and_every_lesson_load() {
        let catalog = parse_catalog(CATALOG).unwrap();
        for (id, text) in LESSONS {
            let lesson = parse_lesson(text).unwrap_or_else(|e| panic!("lesson {id}: {e}"));
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
        let lesson = parse_lesson(text).unwrap_or_else(|e| panic!("lesson {id}: {e}"));
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
    fn the_fetched_files_are_the_compiled_ones() {
        assert_eq!(LESSON_FILES.len(), LESSONS.len());
        for ((id, file), (id2, text)) in LESSON_FILES.iter().zip(LESSONS) {
            assert_eq!(id, id2);
            let on_disk = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("lessons")
                    .join(file),
            )
            .unwrap();
            assert_eq!(&on_disk, text, "{file}");
        }
    }

    #[test]
    fn every_lesson_solves() {
        for (id, text) in LESSONS {
            assert_solves(id, text);
        }
    }
}
