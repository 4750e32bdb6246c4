//! A lesson's closing section, on its last step: its challenges (links into the sandbox
//! that checks them, with what the learner solved) and its quiz. A computed question's
//! answer comes from the engine (`kafka_lessons::Ask::answer` on the lesson's own run);
//! the view only compares and explains.

use kafka_lessons::{Answer, Question};
use leptos::prelude::*;

use crate::progress_store::ProgressStore;
use crate::text;
use crate::views::lesson_player::StepContext;

/// The section.
#[component]
pub fn CheckYourself() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let store = ProgressStore::get();
    let (id, challenges, quiz) = ctx.run.with_value(|r| {
        (
            r.lesson.id.clone(),
            r.lesson
                .challenges
                .iter()
                .map(|c| c.title.clone())
                .collect::<Vec<_>>(),
            r.lesson.quiz.clone(),
        )
    });
    if challenges.is_empty() && quiz.is_empty() {
        return ().into_any();
    }
    let challenge_items = {
        let id = id.clone();
        challenges
            .into_iter()
            .enumerate()
            .map(|(i, title)| {
                let href = format!("#/sandbox?challenge={id}/{}", i + 1);
                let lesson = id.clone();
                let best = Memo::new(move |_| {
                    store
                        .progress
                        .with(|p| p.lesson(&lesson).and_then(|l| l.best(i)))
                });
                let best = move || best.get();
                view! {
                    <li class="check-yourself__challenge">
                        <a href=href>{text::challenge_name(i, &title)}</a>
                        " "
                        <span class="check-yourself__state" class:check-yourself__state--done=move || best().is_some()>
                            {move || best().map_or(text::not_solved().to_string(), text::solved_in)}
                        </span>
                    </li>
                }
            })
            .collect_view()
    };
    let questions = quiz
        .into_iter()
        .enumerate()
        .map(|(i, q)| view! { <QuizQuestion lesson=id.clone() index=i question=q/> })
        .collect_view();
    view! {
        <section class="panel check-yourself" aria-labelledby="check-yourself-title">
            <h2 class="panel__title" id="check-yourself-title">{text::check_yourself()}</h2>
            <p>{text::check_yourself_intro()}</p>
            <h3 class="check-yourself__sub">{text::challenges()}</h3>
            <ul class="check-yourself__challenges">{challenge_items}</ul>
            <h3 class="check-yourself__sub">{text::quiz()}</h3>
            <ol class="quiz">{questions}</ol>
            <p><a href="#/progress">{text::progress_title()}</a></p>
        </section>
    }
    .into_any()
}

/// One question: options or a number, Check answer, and the verdict with its reason.
#[component]
fn QuizQuestion(lesson: String, index: usize, question: Question) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let store = ProgressStore::get();
    // None: not answered; Some((Some(right), why)): an answer judged; Some((None, why)):
    // not an answer (nothing picked, not a number).
    let verdict = RwSignal::new(None::<(Option<bool>, String)>);
    let picked = RwSignal::new(None::<usize>);
    let typed = RwSignal::new(String::new());
    let was_right = {
        let lesson = lesson.clone();
        move || {
            store
                .progress
                .with_untracked(|p| p.lesson(&lesson).is_some_and(|l| l.quiz.contains(&index)))
        }
    };
    let name = format!("quiz-{index}");
    let body = match question {
        Question::Choice {
            question,
            options,
            answer,
            explain,
        } => {
            let explain = StoredValue::new(explain);
            let check = {
                let lesson = lesson.clone();
                move |_| match picked.get_untracked() {
                    None => verdict.set(Some((None, text::pick_one().to_string()))),
                    Some(p) if p == answer => {
                        store.update(|pr| {
                            pr.answer_right(&lesson, index);
                            true
                        });
                        verdict.set(Some((Some(true), explain.get_value())));
                    }
                    Some(_) => verdict.set(Some((Some(false), explain.get_value()))),
                }
            };
            view! {
                <fieldset class="quiz__options">
                    <legend>{question}</legend>
                    {options.into_iter().enumerate().map(|(o, label)| view! {
                        <label class="quiz__option">
                            <input type="radio" name=name.clone() on:change=move |_| picked.set(Some(o))/>
                            {label}
                        </label>
                    }).collect_view()}
                </fieldset>
                <button type="button" class="btn btn--small" on:click=check>{text::check_answer()}</button>
            }
            .into_any()
        }
        Question::Computed(ask) => {
            let answer: Result<Answer, String> = ctx.run.with_value(|r| ask.answer(r));
            let label_id = format!("{name}-text");
            let check = {
                let lesson = lesson.clone();
                move |_| {
                    let Ok(given) = typed.get_untracked().trim().parse::<i64>() else {
                        verdict.set(Some((None, text::not_a_number().to_string())));
                        return;
                    };
                    match &answer {
                        Err(why) => verdict.set(Some((None, text::unanswerable(why)))),
                        Ok(a) if a.value() == given => {
                            store.update(|pr| {
                                pr.answer_right(&lesson, index);
                                true
                            });
                            verdict.set(Some((Some(true), text::answer_text(a))));
                        }
                        Ok(a) => verdict.set(Some((Some(false), text::answer_text(a)))),
                    }
                }
            };
            view! {
                <p id=label_id.clone()>{text::ask_text(&ask)}</p>
                <label class="quiz__number">
                    {text::your_answer()}" "
                    <input type="text" inputmode="numeric" aria-describedby=label_id
                        on:input=move |ev| typed.set(event_target_value(&ev))/>
                </label>
                " "
                <button type="button" class="btn btn--small" on:click=check>{text::check_answer()}</button>
            }
            .into_any()
        }
    };
    let already = was_right();
    view! {
        <li class="quiz__question" class:quiz__question--right=already>
            {body}
            <p class="quiz__verdict" role="status">
                {move || match verdict.get() {
                    None => String::new(),
                    Some((Some(true), why)) => format!("{} {why}", text::right()),
                    Some((Some(false), why)) => format!("{} {why}", text::wrong()),
                    Some((None, why)) => why,
                }}
            </p>
        </li>
    }
}
