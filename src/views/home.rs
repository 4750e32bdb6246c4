//! The home page: modules and their lessons; unwritten lessons are marked, not linked.

use leptos::prelude::*;

use crate::text;

/// Lists every module of the catalog.
#[component]
pub fn Home() -> impl IntoView {
    let catalog = kafka_lessons::catalog();
    view! {
        <section class="home">
            <h1>{text::APP_NAME}</h1>
            <p class="home__tagline">{text::TAGLINE}</p>
            <p class="home__intro">{text::HOME_INTRO}</p>
            {catalog
                .modules
                .into_iter()
                .map(|m| {
                    view! {
                        <section class="module" aria-labelledby=format!("module-{}", m.id)>
                            <h2 id=format!("module-{}", m.id)>{m.title}</h2>
                            <p>{m.summary}</p>
                            <ol class="module__lessons">
                                {m
                                    .lessons
                                    .into_iter()
                                    .map(|l| {
                                        let label = text::lesson_label(&l.id);
                                        if l.ready {
                                            view! {
                                                <li class="lesson-card">
                                                    <a class="lesson-card__link" href=format!("#/lesson/{}/step/1", l.id)>
                                                        <span class="lesson-card__id">{label}</span>
                                                        <span class="lesson-card__title">{l.title}</span>
                                                    </a>
                                                    <p class="lesson-card__summary">{l.summary}</p>
                                                </li>
                                            }
                                                .into_any()
                                        } else {
                                            view! {
                                                <li class="lesson-card lesson-card--soon" aria-disabled="true">
                                                    <span class="lesson-card__id">{label}</span>
                                                    <span class="lesson-card__title">{l.title}</span>
                                                    <span class="lesson-card__badge">{text::COMING_SOON}</span>
                                                    <p class="lesson-card__summary">{l.summary}</p>
                                                </li>
                                            }
                                                .into_any()
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
}
