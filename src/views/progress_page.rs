//! `#/progress`: the tracker seed's dashboard, driven by what the learner did. Per module
//! a table (status, completed percentage, key learnings ticked), then per lesson its
//! objectives, its key-learnings checklist and its interview questions: unlocked once
//! every step of the lesson was seen, answered in the learner's own words and compared
//! with a model answer, or revealed. Export, import and reset of the progress record.

use kafka_lessons::progress::Status;
use kafka_lessons::Lesson;
use leptos::prelude::*;

use crate::browser;
use crate::progress_store::ProgressStore;
use crate::text;

/// The written lessons, fetched and parsed (not played: the tracker needs their data).
async fn load_lessons() -> Result<Vec<(String, Vec<Lesson>)>, String> {
    let mut modules = Vec::new();
    for module in crate::locale::catalog().modules {
        let mut lessons = Vec::new();
        for entry in module.lessons.iter().filter(|l| l.ready) {
            let Some(file) = kafka_lessons::lesson_file(&entry.id) else {
                continue;
            };
            lessons.push(crate::lesson_source::fetch_lesson(file).await?);
        }
        if !lessons.is_empty() {
            modules.push((module.title.clone(), lessons));
        }
    }
    Ok(modules)
}

/// The page.
#[component]
pub fn ProgressPage() -> impl IntoView {
    browser::set_title(&format!(
        "{} · {}",
        text::progress_title(),
        text::app_name()
    ));
    let loaded = LocalResource::new(load_lessons);
    view! {
        <article class="progress" aria-labelledby="progress-title">
            <header class="player__header">
                <a class="player__home" href="#/">{"← "}{text::home()}</a>
                <h1 id="progress-title">{text::progress_title()}</h1>
            </header>
            <p>{text::progress_intro()}</p>
            <ProgressFile/>
            <Suspense fallback=|| view! { <p role="status">{text::loading_progress()}</p> }>
                {move || loaded.get().map(|r| match r {
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    Ok(modules) => modules.into_iter().map(|(title, lessons)| {
                        view! { <ModuleProgress title=title lessons=lessons/> }
                    }).collect_view().into_any(),
                })}
            </Suspense>
        </article>
    }
}

/// Export, import and reset.
#[component]
fn ProgressFile() -> impl IntoView {
    let store = ProgressStore::get();
    let confirm = RwSignal::new(false);
    let export = move |ev: leptos::ev::MouseEvent| {
        let json = store.progress.with_untracked(|p| p.to_json());
        let href = format!(
            "data:application/json;charset=utf-8,{}",
            browser::percent_encode(&json)
        );
        if let Some(a) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        {
            let _ = a.set_attribute("href", &href);
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = browser::chosen_file(&ev) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            match browser::file_text(&file).await {
                Ok(body) => store.import(&name, &body),
                Err(why) => store.notice.set(Some(text::progress_import_failed(
                    &name,
                    &kafka_lessons::progress::Unreadable::Damaged(why),
                ))),
            }
        });
    };
    view! {
        <div class="progress__file" role="group" aria-label=text::progress_title()>
            <a class="btn" href="#" download=text::progress_file_name() on:click=export>{text::export_progress()}</a>
            <label class="btn">
                {text::import_progress()}
                <input type="file" accept=".json,application/json" class="visually-hidden" on:change=on_import/>
            </label>
            <button type="button" class="btn" aria-expanded=move || confirm.get().to_string()
                on:click=move |_| confirm.update(|c| *c = !*c)>{text::reset_progress()}</button>
            <Show when=move || confirm.get()>
                <button type="button" class="btn btn--danger" on:click=move |_| { store.reset(); confirm.set(false); }>
                    {text::confirm_reset()}
                </button>
            </Show>
        </div>
    }
}

/// One module: its table and its lessons' details.
#[component]
fn ModuleProgress(title: String, lessons: Vec<Lesson>) -> impl IntoView {
    let store = ProgressStore::get();
    let lessons = StoredValue::new(lessons);
    let summaries = Memo::new(move |_| {
        store
            .progress
            .with(|p| lessons.with_value(|ls| ls.iter().map(|l| p.summary(l)).collect::<Vec<_>>()))
    });
    let heading = {
        let title = title.clone();
        move || {
            summaries.with(|s| {
                let (done, total) = s.iter().fold((0, 0), |(d, t), x| (d + x.done, t + x.total));
                let complete = s.iter().filter(|x| x.status == Status::Complete).count();
                let percent = (done * 100).checked_div(total).unwrap_or(0);
                text::module_progress(&title, percent, complete, s.len())
            })
        }
    };
    let rows = move || {
        summaries.with(|s| {
            lessons.with_value(|ls| {
                ls.iter()
                    .zip(s)
                    .map(|(l, sum)| {
                        let ticked = sum.learnings.iter().filter(|t| **t).count();
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("#/lesson/{}", l.id)>{format!("{} {}", l.id, l.title)}</a></th>
                                <td class=format!("progress__status progress__status--{}", status_class(sum.status))>{text::status_name(sum.status)}</td>
                                <td>{format!("{}%", sum.percent())}</td>
                                <td>{text::of_total(ticked, sum.learnings.len())}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let details = lessons.with_value(|ls| {
        ls.iter()
            .enumerate()
            .map(|(i, l)| view! { <LessonProgress lesson=l.clone() summaries=summaries at=i/> })
            .collect_view()
    });
    view! {
        <section class="progress__module" aria-label=title.clone()>
            <h2 class="progress__module-title">{heading}</h2>
            <table class="progress__table">
                <thead>
                    <tr>
                        <th scope="col">{text::col_lesson()}</th>
                        <th scope="col">{text::col_status()}</th>
                        <th scope="col">{text::col_completed()}</th>
                        <th scope="col">{text::col_learnings()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {details}
        </section>
    }
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "not-started",
        Status::InProgress => "in-progress",
        Status::Complete => "complete",
    }
}

/// One lesson's objectives, key learnings and interview questions.
#[component]
fn LessonProgress(
    lesson: Lesson,
    summaries: Memo<Vec<kafka_lessons::progress::Summary>>,
    at: usize,
) -> impl IntoView {
    let store = ProgressStore::get();
    let id = lesson.id.clone();
    let steps = lesson.steps.len();
    let unlocked = {
        let id = id.clone();
        Memo::new(move |_| {
            store.progress.with(|p| {
                p.lesson(&id)
                    .is_some_and(|l| (0..steps).all(|s| l.seen.binary_search(&s).is_ok()))
            })
        })
    };
    let learnings = lesson
        .learnings
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let ticked = move || summaries.with(|s| s[at].learnings.get(i).copied().unwrap_or(false));
            view! {
                <li class="progress__learning" class:progress__learning--done=ticked>
                    <span aria-hidden="true">{move || if ticked() { "☑ " } else { "☐ " }}</span>
                    {l.says.clone()}
                    <span class="progress__learning-state">{move || if ticked() { format!(" ({})", text::learned()) } else { format!(" ({})", text::not_learned()) }}</span>
                </li>
            }
        })
        .collect_view();
    let interview = lesson
        .interview
        .iter()
        .enumerate()
        .map(|(q, item)| {
            let id = id.clone();
            let saved = store.progress.with_untracked(|p| {
                p.lesson(&id)
                    .and_then(|l| l.answers.iter().find(|(i, _)| *i == q))
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default()
            });
            let shown = RwSignal::new(false);
            let mut model = String::new();
            crate::views::narration::paragraph(&item.answer, &mut model);
            let box_id = format!("answer-{}-{q}", id.replace('.', "-"));
            let (model, box_id, id) = (
                StoredValue::new(model),
                StoredValue::new(box_id),
                StoredValue::new(id),
            );
            let wrote = RwSignal::new(!saved.trim().is_empty());
            let saved = StoredValue::new(saved);
            view! {
                <li class="interview__item">
                    <p class="interview__question"><strong>{item.question.clone()}</strong></p>
                    <Show when=move || unlocked.get() fallback=|| view! { <p class="interview__locked">{text::interview_locked()}</p> }>
                        <label for=box_id.get_value()>{text::your_words()}</label>
                        <textarea id=box_id.get_value() class="interview__answer" rows="4"
                            prop:value=saved.get_value()
                            on:input=move |ev| wrote.set(!event_target_value(&ev).trim().is_empty())
                            on:change=move |ev| {
                                let t = event_target_value(&ev);
                                id.with_value(|id| store.update(|p| { p.write_answer(id, q, &t); true }));
                            }></textarea>
                        <button type="button" class="btn btn--small" aria-expanded=move || shown.get().to_string()
                            on:click=move |_| shown.set(true)>
                            {move || if wrote.get() { text::compare() } else { text::reveal() }}
                        </button>
                        <Show when=move || shown.get()>
                            <div class="interview__model">
                                <p class="interview__model-label">{text::model_answer()}</p>
                                <div inner_html=model.get_value()></div>
                            </div>
                        </Show>
                    </Show>
                </li>
            }
        })
        .collect_view();
    let anchor = format!("lesson-{}", id.replace('.', "-"));
    view! {
        <section class="progress__lesson" id=anchor.clone() aria-labelledby=format!("{anchor}-title")>
            <h3 id=format!("{anchor}-title")>{format!("{} {}", lesson.id, lesson.title)}</h3>
            <p><a href=format!("#/lesson/{}", lesson.id)>{text::open_lesson()}</a></p>
            {(!lesson.objectives.is_empty()).then(|| view! {
                <h4>{text::objectives()}</h4>
                <ul>{lesson.objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
            })}
            {(!lesson.learnings.is_empty()).then(|| view! {
                <h4>{text::col_learnings()}</h4>
                <ul class="progress__learnings">{learnings}</ul>
            })}
            {(!lesson.interview.is_empty()).then(|| view! {
                <h4>{text::interview()}</h4>
                <ul class="interview">{interview}</ul>
            })}
        </section>
    }
}
