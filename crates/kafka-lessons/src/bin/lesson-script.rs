//! `lesson-script ID|all [DIR]`: a lesson as a `kafka-sim` script (its commands, the ones
//! it shows refused, and a `# checkpoint` after each step), for `kafka-sim run` and
//! `kafka-sim crosscheck`. With DIR, writes `DIR/lesson-<id>.txt` for each lesson.
//! `lesson-script texts ID|catalog`: the words a translation file translates.

use std::process::ExitCode;

// The lesson texts are compiled in only for native builds (the browser fetches them).
#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::FAILURE
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(which) = args.first() else {
        eprintln!(
            "usage: lesson-script ID|all [DIR]   (ids: {})",
            ids().join(", ")
        );
        return ExitCode::from(2);
    };
    // `texts ID|catalog`: the lesson's words by path, what a translation file starts from
    // (translation.rs).
    if which == "texts" {
        let id = args.get(1).map(String::as_str).unwrap_or("");
        use kafka_lessons::translation::{catalog_texts, texts, to_json};
        match id {
            "catalog" => print!("{}", to_json(&catalog_texts(&kafka_lessons::catalog()))),
            id => match kafka_lessons::lesson(id) {
                Some(l) => print!("{}", to_json(&texts(&l))),
                None => {
                    eprintln!(
                        "lesson-script: no lesson {id} (ids: {}, catalog)",
                        ids().join(", ")
                    );
                    return ExitCode::from(2);
                }
            },
        }
        return ExitCode::SUCCESS;
    }
    let chosen: Vec<&str> = if which == "all" {
        ids()
    } else {
        vec![which.as_str()]
    };
    for id in chosen {
        let Some(lesson) = kafka_lessons::lesson(id) else {
            eprintln!("lesson-script: no lesson {id} (ids: {})", ids().join(", "));
            return ExitCode::from(2);
        };
        match args.get(1) {
            None => print!("{}", lesson.script()),
            Some(dir) => {
                let path = std::path::Path::new(dir).join(format!("lesson-{id}.txt"));
                if let Err(e) = std::fs::write(&path, lesson.script()) {
                    eprintln!("lesson-script: cannot write {}: {e}", path.display());
                    return ExitCode::from(1);
                }
            }
        }
    }
    ExitCode::SUCCESS
}

/// The lessons a learner can open (the timing scene is not one).
#[cfg(not(target_arch = "wasm32"))]
fn ids() -> Vec<&'static str> {
    kafka_lessons::catalog::lesson_ids()
        .filter(|id| *id != kafka_lessons::catalog::BENCH_LESSON)
        .collect()
}
