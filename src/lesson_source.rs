//! Where a page gets a lesson: its file from the site (`lessons/<file>`, not in the wasm
//! download), with the words of the learner's language laid over it (locale.rs picks the
//! file, kafka-lessons' translation.rs lays it). A translation that is missing or damaged
//! leaves the lesson in English: a lesson in the wrong language beats no lesson.

use crate::{browser, locale, text};
use kafka_lessons::Lesson;

/// The lesson in `file`, in the language in use.
pub async fn fetch_lesson(file: &str) -> Result<Lesson, String> {
    let body = browser::fetch_text(&format!("lessons/{file}"))
        .await
        .map_err(|e| text::lesson_unreachable(&e))?;
    let lesson = kafka_lessons::parse_lesson(&body)?;
    let Some(url) = locale::lesson_translation(file) else {
        return Ok(lesson);
    };
    Ok(match browser::fetch_text(&url).await {
        Ok(words) => {
            kafka_lessons::translation::translate(lesson.clone(), &words).unwrap_or(lesson)
        }
        Err(_) => lesson,
    })
}
