//! Loads a lesson by id and hands it to the player, or says plainly why it cannot.

use leptos::prelude::*;

use crate::browser;
use crate::text;
use crate::views::lesson_player::LessonPlayer;

/// The page for `#/lesson/<id>/...`.
#[component]
pub fn LessonPage(
    /// Lesson id from the URL.
    id: String,
) -> impl IntoView {
    match kafka_lessons::lesson(&id).map(kafka_lessons::LessonRun::new) {
        Some(Ok(run)) => {
            browser::set_title(&format!("{} · {}", run.lesson.title, text::APP_NAME));
            view! { <LessonPlayer run=run/> }.into_any()
        }
        Some(Err(e)) => view! {
            <section class="not-found" role="alert">
                <h1>{text::LESSON_BROKEN}</h1>
                <p>{e.to_string()}</p>
                <p><a href="#/">{text::HOME}</a></p>
            </section>
        }
        .into_any(),
        None => view! {
            <section class="not-found">
                <h1>{text::NOT_FOUND}</h1>
                <p>{text::no_such_lesson(&id)}</p>
                <p><a href="#/">{text::HOME}</a></p>
            </section>
        }
        .into_any(),
    }
}
