//! A challenge beside the sandbox's console: the goal in words, each check the engine
//! proves on the learner's cluster after every line (met or not yet), a small picture of
//! the state the known solution leaves, Check (a failed attempt shows what the engine
//! found and the hint), Start over, and Show solution, which plays the known solution
//! line by line. A solve by hand is recorded in the learner's progress with its count.

use kafka_lessons::Challenge;
use leptos::prelude::*;

use crate::progress_store::ProgressStore;
use crate::text;
use crate::view_model::GoalLine;
use crate::views::lesson_player::StepContext;

/// A challenge as the sandbox page loaded it.
#[derive(Clone)]
pub struct ChallengeSpec {
    /// Its lesson's id.
    pub lesson: String,
    /// 0-based index in the lesson.
    pub index: usize,
    /// How many challenges the lesson has.
    pub total: usize,
    /// The challenge.
    pub challenge: Challenge,
    /// What its known solution leaves in the cluster.
    pub picture: Vec<GoalLine>,
}

/// How long each line of a played solution stays before the next, in ms.
const SOLUTION_LINE_MS: u32 = 1_200;

fn goal_line_text(line: &GoalLine) -> String {
    match line {
        GoalLine::Partition {
            name,
            records,
            keys,
            leader,
        } => {
            let mut s = text::goal_partition(name, *records, &keys.join(", "));
            if let Some(leader) = leader {
                s = format!("{s}, {}", text::goal_leader(*leader));
            }
            s
        }
        GoalLine::Group { id, state, lag } => text::goal_group(id, state, *lag),
    }
}

/// The panel.
#[component]
pub fn ChallengePanel(
    spec: ChallengeSpec,
    /// Moves the sandbox to a step (0: the start).
    go_to: Callback<usize>,
    /// Types a line as the learner would.
    type_line: Callback<String>,
) -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let store = ProgressStore::get();
    let challenge = StoredValue::new(spec.challenge.clone());
    let shortest = spec.challenge.solution.len();
    let (lesson, index) = (spec.lesson.clone(), spec.index);
    let outcome = Memo::new(move |_| {
        ctx.cluster
            .with(|c| challenge.with_value(|ch| ch.evaluate(&c.0)))
    });
    let typed = Memo::new(move |_| {
        let at = ctx.step.get();
        ctx.run
            .with_value(|r| r.console(at).filter(|e| Challenge::counts(&e.line)).count())
    });
    let solved =
        Memo::new(move |_| typed.get() > 0 && outcome.with(|o| o.iter().all(Result::is_ok)));
    // Set while the known solution plays, and after it: a solve it made is not the learner's.
    let by_solution = RwSignal::new(false);
    let playing = RwSignal::new(None::<usize>);
    let attempt = RwSignal::new(None::<Vec<String>>);
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Interval>);
    on_cleanup(move || timer.set_value(None));

    // A solve by hand goes into the progress, with its count (the best one is kept).
    {
        let lesson = lesson.clone();
        Effect::new(move |_| {
            if solved.get() && !by_solution.get_untracked() {
                let n = typed.get_untracked();
                store.update(|p| {
                    let before = p.lesson(&lesson).and_then(|l| l.best(index));
                    p.solve(&lesson, index, n);
                    before != p.lesson(&lesson).and_then(|l| l.best(index))
                });
            }
        });
    }
    // Any other line typed clears the last attempt's findings.
    Effect::new(move |_| {
        ctx.step.track();
        attempt.set(None);
    });

    let check = move |_| {
        let found: Vec<String> = outcome.with_untracked(|o| {
            o.iter()
                .filter_map(|r| r.as_ref().err().map(text::miss))
                .collect()
        });
        attempt.set(Some(found));
    };
    let start_over = move || {
        timer.set_value(None);
        playing.set(None);
        by_solution.set(false);
        go_to.run(0);
    };
    let show_solution = move |_| {
        start_over();
        by_solution.set(true);
        let lines = challenge.with_value(|c| c.solution.clone());
        let next = StoredValue::new(0usize);
        let step = move || {
            let i = next.get_value();
            if i >= lines.len() {
                timer.set_value(None);
                playing.set(None);
                return;
            }
            next.set_value(i + 1);
            playing.set(Some(i));
            type_line.run(lines[i].clone());
        };
        step();
        timer.set_value(Some(gloo_timers::callback::Interval::new(
            SOLUTION_LINE_MS,
            step,
        )));
    };

    let goal_html = {
        let mut h = String::new();
        crate::views::narration::paragraph(&spec.challenge.goal, &mut h);
        h
    };
    let says: Vec<String> = spec
        .challenge
        .checks
        .iter()
        .map(|c| c.says.clone())
        .collect();
    let hint = spec.challenge.hint.clone();
    let allowed = text::allowed_here(&spec.challenge.allow);
    let picture: Vec<String> = spec.picture.iter().map(goal_line_text).collect();
    let next = (spec.index + 1 < spec.total)
        .then(|| format!("#/sandbox?challenge={}/{}", spec.lesson, spec.index + 2));

    view! {
        <section class="panel challenge" aria-labelledby="challenge-title">
            <p class="challenge__where">{text::challenge_of(spec.index, spec.total, &spec.lesson)}</p>
            <h2 class="panel__title" id="challenge-title">{spec.challenge.title.clone()}</h2>
            <div class="challenge__goal" inner_html=goal_html></div>
            <p class="challenge__allowed">{allowed}</p>
            <div class="challenge__columns">
                <div>
                    <h3 class="challenge__sub">{text::goal()}</h3>
                    <ul class="challenge__checks">
                        {says.into_iter().enumerate().map(|(i, s)| {
                            let met = move || outcome.with(|o| o.get(i).is_some_and(Result::is_ok));
                            view! {
                                <li class="challenge__check" class:challenge__check--met=met>
                                    <span class="challenge__mark" aria-hidden="true">{move || if met() { "✓" } else { "○" }}</span>
                                    {s}
                                    <span class="challenge__state">{move || if met() { format!(" ({})", text::goal_met()) } else { format!(" ({})", text::goal_not_met()) }}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
                <figure class="challenge__picture">
                    <figcaption>{text::goal_picture()}</figcaption>
                    <ul>
                        {picture.into_iter().map(|l| view! { <li><code>{l}</code></li> }).collect_view()}
                    </ul>
                </figure>
            </div>
            <div class="challenge__actions" role="group" aria-label=text::challenge()>
                <button type="button" class="btn btn--primary" on:click=check>{text::check_cluster()}</button>
                <button type="button" class="btn" on:click=move |_| start_over()>{text::start_over()}</button>
                <button type="button" class="btn" on:click=show_solution>{text::show_solution()}</button>
                <span class="challenge__count">{move || text::lines_typed(typed.get())}</span>
            </div>
            <div class="challenge__status" role="status">
                {move || {
                    if let Some(i) = playing.get() {
                        return view! { <p>{text::solution_playing(i, shortest)}</p> }.into_any();
                    }
                    if solved.get() && by_solution.get() {
                        return view! { <p class="challenge__done">{text::solution_played(shortest)}</p> }.into_any();
                    }
                    if solved.get() {
                        return view! {
                            <p class="challenge__done"><strong>{text::solved(typed.get(), shortest)}</strong></p>
                        }.into_any();
                    }
                    match attempt.get() {
                        Some(found) if !found.is_empty() => view! {
                            <div class="challenge__failed">
                                <p>{text::not_yet()}</p>
                                <ul>{found.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                                <p><strong>{text::hint()}": "</strong>{hint.clone()}</p>
                            </div>
                        }.into_any(),
                        _ => ().into_any(),
                    }
                }}
            </div>
            <p class="challenge__links">
                <a href=format!("#/lesson/{}", spec.lesson)>{text::back_to_lesson(&spec.lesson)}</a>
                {next.map(|href| view! { " · " <a href=href>{text::next_challenge()}</a> })}
            </p>
        </section>
    }
}
