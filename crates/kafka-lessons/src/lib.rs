//! # kafka-lessons: lessons as data, and the goals the engine checks
//!
//! ```text
//!   lessons/*.json ──json.rs──► Lesson { steps: [Step { narration, commands, highlight, checks }] }
//!                                   │
//!                 LessonRun::new ───┴──► per step: the cluster state (kafka-sim) and its events
//!                                        and every check evaluated against that state
//! ```
//!
//! Adding a lesson: write `lessons/<id>.json`, list it in `lessons/catalog.json`, and the
//! native test `every_lesson_solves` replays it and proves each check.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod args;
pub mod catalog;
pub mod challenge;
pub mod goal;
mod json;
pub mod lesson;
pub mod miss;
pub mod progress;
pub mod quiz;
pub mod rich_text;
pub mod run;
#[cfg(feature = "sandbox")]
pub mod sandbox;
#[cfg(feature = "sandbox")]
pub mod session;
pub mod tracker;
pub mod translation;

#[cfg(not(target_arch = "wasm32"))]
pub use catalog::lesson;
pub use catalog::{catalog, lesson_file, parse_lesson, Catalog, LessonEntry, Module};
pub use challenge::Challenge;
pub use goal::{Check, Goal};
pub use lesson::{Highlight, LagOf, Lesson, Panel, Step};
pub use miss::Miss;
pub use progress::Progress;
pub use quiz::{Answer, Ask, Question};
pub use run::ConsoleEntry;
pub use run::LessonRun;
#[cfg(feature = "sandbox")]
pub use session::{ReplayStop, SharedLine};
pub use tracker::{Evidence, Interview, Learning};
