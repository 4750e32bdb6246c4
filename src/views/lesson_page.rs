//! Fetches a lesson's file, plays it through the engine and hands it to the player, or
//! says plainly why it cannot. Lesson files are data served beside the app
//! (`lessons/<id>-<slug>.json`), so their text is not part of the wasm download.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::text;
use crate::views::lesson_player::LessonPlayer;

/// Where loading a lesson stands.
#[allow(clippy::large_enum_variant)] // one value, moved out once (`take`)
enum Loaded {
    Waiting,
    Ready(kafka_lessons::LessonRun),
    Failed(String),
}

/// What `state` holds, moved out (leaving `empty` there), and tracking it: how a page
/// hands a loaded run to its view without cloning it.
pub fn take<T: Send + Sync + 'static>(state: RwSignal<T>, empty: impl Fn() -> T) -> T {
    state.track();
    let mut taken = empty();
    state.update_untracked(|s| taken = std::mem::replace(s, empty()));
    taken
}

/// The page for `#/lesson/<id>/...`.
#[component]
pub fn LessonPage(
    /// Lesson id from the URL.
    id: String,
) -> impl IntoView {
    let Some(file) = kafka_lessons::lesson_file(&id) else {
        return view! {
            <section class="not-found">
                <h1>{text::not_found()}</h1>
                <p>{text::no_such_lesson(&id)}</p>
                <p><a href="#/">{text::home()}</a></p>
            </section>
        }
        .into_any();
    };
    let state = RwSignal::new(Loaded::Waiting);
    spawn_local(async move {
        let loaded = match crate::lesson_source::fetch_lesson(file)
            .await
            .and_then(|l| kafka_lessons::LessonRun::new(l).map_err(|e| e.to_string()))
        {
            Ok(run) => Loaded::Ready(run),
            Err(e) => Loaded::Failed(e),
        };
        state.set(loaded);
    });
    view! {
        // Moved out, not cloned: a run holds every step's events (and a clone is 16 KB of
        // wasm). The signal is set once, so this runs once more, with the run.
        {move || match take(state, || Loaded::Waiting) {
            Loaded::Waiting => view! { <p class="shell__loading" role="status">{text::loading_lesson()}</p> }.into_any(),
            Loaded::Ready(run) => {
                browser::set_title(&format!("{} · {}", run.lesson.title, text::app_name()));
                view! { <LessonPlayer run=run/> }.into_any()
            }
            Loaded::Failed(e) => view! {
                <section class="not-found" role="alert">
                    <h1>{text::lesson_broken()}</h1>
                    <p>{e}</p>
                    <p><a href="#/">{text::home()}</a></p>
                </section>
            }
            .into_any(),
        }}
    }
    .into_any()
}
