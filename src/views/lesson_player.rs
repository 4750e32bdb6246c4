//! One player for every lesson: narration beside a live picture of the cluster,
//! Previous / Next / Play, a speed control, keyboard keys, and step progress.

use gloo_timers::callback::Timeout;
use kafka_lessons::{Highlight, LessonRun};
use leptos::prelude::*;

use crate::app::Navigator;
use crate::browser;
use crate::route::Route;
use crate::text;
use crate::view_model::{self, Arrival, Selection, TopicModel};
use crate::views::cluster_view::ClusterView;
use crate::views::narration::Narration;
use crate::views::panels::{panel_key, panel_view};
use crate::views::presenter::{self, Presenter};
use crate::views::quiz_panel::CheckYourself;
use crate::views::record_panel::RecordPanel;

/// What the pictures of the current step read, shared by context.
#[derive(Clone, Copy)]
pub struct StepContext {
    /// The lesson, computed once (or, in the sandbox, growing).
    pub run: StoredValue<LessonRun>,
    /// 0-based current step.
    pub step: Memo<usize>,
    /// The cluster after the current step, got (or rebuilt) once per step: what every
    /// view reads through [`StepContext::with_cluster`].
    pub cluster: Memo<Shown>,
    /// Topics as drawn.
    pub topics: Memo<Vec<TopicModel>>,
    /// Records appended in this step, when arriving by a forward step (else empty).
    pub arrivals: Memo<Vec<Arrival>>,
    /// Milliseconds between two arrivals' animations.
    pub stagger_ms: Memo<u32>,
    /// What to draw attention to.
    pub highlight: Memo<Highlight>,
    /// Records written a second time by a retry (topic, partition, offset), for the
    /// whole lesson: offsets are never reused, so a step simply has those it has.
    pub duplicates: StoredValue<Vec<(std::sync::Arc<str>, u32, i64)>>,
    /// The record the learner clicked, shown in full by the record panel.
    pub selected: RwSignal<Option<Selection>>,
    /// The partition a consumer card points at (hover or focus on its chip): its row in
    /// the log is outlined.
    pub pointed: RwSignal<Option<(std::sync::Arc<str>, u32)>>,
}

/// The write path of a page whose history grows (the sandbox): a command line to run as
/// the next step. The brokers panel uses it when present, instead of its copy of a lesson
/// step.
#[derive(Clone, Copy)]
pub struct Dispatch(pub Callback<String>);

/// A step's cluster, shared: equal when it is the same one, which is all a view needs.
#[derive(Clone)]
pub struct Shown(pub std::sync::Arc<kafka_sim::Cluster>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Shown {
    /// The cluster after step `step` of `run`, kept or rebuilt.
    pub fn memo(run: StoredValue<LessonRun>, step: Memo<usize>) -> Memo<Shown> {
        Memo::new(move |_| Shown(run.with_value(|r| r.cluster(step.get()))))
    }
}

impl StepContext {
    /// Reads the current step's cluster, tracking the step.
    pub fn with_cluster<R>(&self, f: impl FnOnce(&kafka_sim::Cluster) -> R) -> R {
        self.cluster.with(|c| f(&c.0))
    }

    /// Reads the current step's cluster without tracking (in event handlers).
    pub fn with_cluster_untracked<R>(&self, f: impl FnOnce(&kafka_sim::Cluster) -> R) -> R {
        self.cluster.with_untracked(|c| f(&c.0))
    }
}

/// Speeds offered, in percent of normal speed (integers keep float code out of the wasm).
const SPEEDS: &[(&str, u32)] = &[("0.5×", 50), ("1×", 100), ("2×", 200), ("4×", 400)];

/// The lesson player.
#[component]
pub fn LessonPlayer(
    /// The lesson, already played through the engine.
    run: LessonRun,
) -> impl IntoView {
    let nav = expect_context::<Navigator>();
    let total = run.len().max(1);
    let lesson_id = run.lesson.id.clone();
    let title = run.lesson.title.clone();
    // Play leaves each step up as long as its narration takes to read (pacing.rs).
    let words: Vec<u32> = run
        .lesson
        .steps
        .iter()
        .map(|s| crate::pacing::words(&s.narration))
        .collect();
    let words = StoredValue::new(words);
    let duplicates = StoredValue::new(view_model::retried_copies(
        run.steps.iter().flat_map(|s| &s.events),
    ));
    let run = StoredValue::new(run);

    let step = Memo::new(move |_| {
        nav.location.with(|l| match &l.route {
            Route::Lesson { step, .. } => (*step).min(total - 1),
            _ => 0,
        })
    });
    // A URL past the last step shows the last step and says so in the address bar.
    {
        let lesson_id = lesson_id.clone();
        Effect::new(move |_| {
            let shown = step.get();
            let asked = nav.location.with_untracked(|l| match &l.route {
                Route::Lesson { step, .. } => *step,
                _ => shown,
            });
            if asked != shown {
                nav.go(
                    Route::Lesson {
                        id: lesson_id.clone(),
                        step: shown,
                    },
                    true,
                );
            }
        });
    }

    let playing = RwSignal::new(false);
    let speed = RwSignal::new(100u32);
    let previous = StoredValue::new(None::<usize>);
    let forward = Memo::new(move |_| {
        let now = step.get();
        let before = previous.get_value();
        previous.set_value(Some(now));
        before.is_some_and(|b| now == b + 1)
    });
    let reduced_motion = browser::prefers_reduced_motion();

    let cluster = Shown::memo(run, step);
    let topics = Memo::new(move |_| cluster.with(|c| view_model::topics(&c.0)));
    let arrivals = Memo::new(move |_| {
        if forward.get() && !reduced_motion {
            run.with_value(|r| view_model::arrivals(&r.steps[step.get()].events))
        } else {
            Vec::new()
        }
    });
    let stagger_ms = Memo::new(move |_| {
        let n = arrivals.with(Vec::len).max(1) as u32;
        let budget = if playing.get() {
            (crate::pacing::step_ms(words.with_value(|w| w[step.get()]), speed.get()) * 3 / 5)
                .min(1800)
        } else {
            1800
        };
        (budget / n).clamp(15, 140)
    });
    let highlight =
        Memo::new(move |_| run.with_value(|r| r.lesson.steps[step.get()].highlight.clone()));
    let selected = RwSignal::new(None::<Selection>);
    let pointed = RwSignal::new(None);
    provide_context(StepContext {
        run,
        step,
        cluster,
        topics,
        arrivals,
        stagger_ms,
        highlight,
        duplicates,
        selected,
        pointed,
    });

    // Every step is a history entry: the browser's Back goes back a step.
    let go_to = {
        let lesson_id = lesson_id.clone();
        move |n: usize| {
            nav.go(
                Route::Lesson {
                    id: lesson_id.clone(),
                    step: n.min(total - 1),
                },
                false,
            )
        }
    };
    let go_prev = {
        let go_to = go_to.clone();
        move || {
            let s = step.get_untracked();
            if s > 0 {
                go_to(s - 1);
            }
        }
    };
    let go_next = {
        let go_to = go_to.clone();
        move || {
            let s = step.get_untracked();
            if s + 1 < total {
                go_to(s + 1);
            } else {
                playing.set(false);
            }
        }
    };
    let toggle_play = move || {
        if !playing.get_untracked() && step.get_untracked() + 1 >= total {
            // Playing from the last step starts over.
            go_to(0);
        }
        playing.update(|p| *p = !*p);
    };

    // Playback: one Timeout per step, as long as the step's narration (pacing.rs), set
    // again whenever the step, the speed or Play changes.
    let timer = StoredValue::new_local(None::<Timeout>);
    {
        let go_next = go_next.clone();
        Effect::new(move |_| {
            let on = playing.get();
            let ms = crate::pacing::step_ms(words.with_value(|w| w[step.get()]), speed.get());
            timer.set_value(None);
            if on {
                timer.set_value(Some(Timeout::new(ms, go_next.clone())));
            }
        });
    }
    on_cleanup(move || timer.set_value(None));

    // A step changed while the learner had scrolled past its words (on a phone, down to
    // the picture): bring its title back into view.
    // Measured in the next frame, after the step is drawn: reading layout in the middle
    // of the update would force an extra one.
    Effect::new(move |first: Option<()>| {
        step.track();
        if first.is_some() {
            request_animation_frame(|| {
                if let Some(title) = document().get_element_by_id("step-title") {
                    if title.get_bounding_client_rect().top() < 0.0 {
                        title.scroll_into_view();
                    }
                }
            });
        }
    });

    // Presenter mode (views/presenter.rs) and its notes: the narration, hidden until N.
    let present = Memo::new(move |_| nav.location.with(|l| l.present));
    let notes = RwSignal::new(false);

    // Keys: Left, Right, Space, unless the learner is typing or on a control that owns
    // them; P presents. A presentation clicker sends Page Up and Page Down.
    let keys = {
        let (go_prev, go_next, toggle_play) =
            (go_prev.clone(), go_next.clone(), toggle_play.clone());
        window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || presenter::typing(&ev) {
                return;
            }
            let tag = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .map(|e| e.tag_name().to_ascii_lowercase())
                .unwrap_or_default();
            match ev.key().as_str() {
                "p" | "P" if !present.get_untracked() => {
                    ev.prevent_default();
                    presenter::set_presenting(nav, true);
                }
                "ArrowLeft" | "PageUp" => {
                    ev.prevent_default();
                    playing.set(false);
                    go_prev();
                }
                "ArrowRight" | "PageDown" => {
                    ev.prevent_default();
                    playing.set(false);
                    go_next();
                }
                " " if tag != "button" && tag != "a" => {
                    ev.prevent_default();
                    toggle_play();
                }
                _ => {}
            }
        })
    };
    on_cleanup(move || keys.remove());

    // Every step shown counts as seen, in the learner's progress.
    {
        let store = crate::progress_store::ProgressStore::get();
        let id = lesson_id.clone();
        Effect::new(move |_| {
            let s = step.get();
            store.update(|p| p.see(&id, s));
        });
    }
    let step_titles: Vec<String> =
        run.with_value(|r| r.lesson.steps.iter().map(|s| s.title.clone()).collect());
    // Its title in the language in use (the catalog's), not the English one shell.rs keeps.
    let next_lesson = crate::shell::next_lesson(&lesson_id).map(|(id, title)| {
        (
            id,
            crate::locale::lesson_title(id).unwrap_or_else(|| title.to_string()),
        )
    });
    let panels = Memo::new(move |_| run.with_value(|r| r.lesson.steps[step.get()].panels.clone()));

    // "Copy embed code": this step in embed mode, as an iframe for a blog post (embed.rs).
    let embedded = Memo::new(move |_| nav.location.with(|l| l.embed));
    let embed_code = RwSignal::new(None::<String>);
    let copy_embed = {
        let (lesson_id, title) = (
            lesson_id.clone(),
            run.with_value(|r| r.lesson.title.clone()),
        );
        move |_| {
            let n = step.get_untracked();
            let hash = crate::route::Location {
                route: Route::Lesson {
                    id: lesson_id.clone(),
                    step: n,
                },
                embed: true,
                present: false,
            }
            .to_hash();
            let src = format!(
                "{}{}",
                browser::page_url_without_hash(),
                crate::locale::carry(&hash)
            );
            let name = format!(
                "{} · {}",
                text::embed_title(&lesson_id, &title, n),
                text::app_name()
            );
            let code = crate::embed::iframe(&src, &name, 640);
            browser::copy_to_clipboard(&code);
            embed_code.set(Some(code));
        }
    };
    // Embedded, the page offers itself whole, in a new tab.
    let full_page = move || {
        nav.location.with(|l| {
            let mut whole = l.clone();
            whole.embed = false;
            format!(
                "{}{}",
                browser::page_url_without_hash(),
                crate::locale::carry(&whole.to_hash())
            )
        })
    };

    view! {
        <article class="player" class:player--present=present class:player--notes=notes aria-labelledby="lesson-title">
            <header class="player__header">
                <a class="player__home" href="#/">{"← "}{text::home()}</a>
                <h1 id="lesson-title">
                    <span class="player__lesson-id">{text::lesson_label(&lesson_id)}</span>
                    " "
                    {title}
                </h1>
                // This step's state, to try things on (views/sandbox_page.rs).
                <a class="player__sandbox" href={
                    let lesson_id = lesson_id.clone();
                    move || format!("#/sandbox?from={lesson_id}/{}", step.get() + 1)
                }>{text::open_in_sandbox()}</a>
                <a class="player__present" aria-keyshortcuts="P" href={
                    let lesson_id = lesson_id.clone();
                    move || format!("#/lesson/{lesson_id}/step/{}?present", step.get() + 1)
                }>{text::present()}</a>
                <Show when=move || embedded.get()>
                    <a class="player__full-page" href=full_page target="_blank" rel="noopener">{text::open_full_page()}</a>
                </Show>
                <Show when=move || !embedded.get()>
                    <button type="button" class="btn btn--small player__embed" on:click=copy_embed.clone()>{text::copy_embed_code()}</button>
                </Show>
            </header>
            {move || embed_code.get().map(|code| view! {
                <p class="player__embed-code">
                    <label>
                        {text::embed_code_label()}
                        <textarea readonly rows="3" prop:value=code
                            on:focus=|ev| { if let Some(t) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(t).ok()) { t.select(); } }></textarea>
                    </label>
                    <button type="button" class="btn btn--small" on:click=move |_| embed_code.set(None)>{text::dismiss()}</button>
                </p>
            })}
            <div class="player__controls" role="group" aria-label=text::lesson_controls()>
                <button
                    type="button"
                    class="btn"
                    on:click={
                        let go_prev = go_prev.clone();
                        move |_| {
                            playing.set(false);
                            go_prev();
                        }
                    }
                    disabled=move || step.get() == 0
                >
                    <span aria-hidden="true">"◀ "</span>
                    {text::previous()}
                    <span class="player__word">{text::step_word()}</span>
                </button>
                <button
                    type="button"
                    class="btn btn--primary player__next-step"
                    on:click={
                        let go_next = go_next.clone();
                        move |_| {
                            playing.set(false);
                            go_next();
                        }
                    }
                    disabled=move || { step.get() + 1 >= total }
                >
                    {text::next()}
                    <span class="player__word">{text::step_word()}</span>
                    <span aria-hidden="true">" ▶"</span>
                </button>
                // The last step leads on: to the next written lesson, or says there is none.
                <Show when=move || { step.get() + 1 >= total }>
                    {match next_lesson.clone() {
                        Some((id, title)) => view! {
                            <a class="btn btn--primary player__next" href=format!("#/lesson/{id}/step/1")>{text::next_lesson()}</a>
                            <span class="player__next-title">{text::next_lesson_title(id, &title)}</span>
                        }
                        .into_any(),
                        None => view! { <span class="player__next-title">{text::last_lesson_done()}</span> }.into_any(),
                    }}
                </Show>
                <button type="button" class="btn" on:click=move |_| toggle_play() aria-pressed=move || playing.get().to_string()>
                    {move || if playing.get() { text::pause() } else { text::play() }}
                </button>
                <label class="player__speed">
                    {text::speed()}
                    <select on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                            speed.set(v);
                        }
                    }>
                        {SPEEDS
                            .iter()
                            .map(|(label, v)| {
                                view! { <option value=v.to_string() selected=*v == 100>{*label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <span class="player__progress-text" aria-live="polite">{move || text::step_of(step.get(), total)}</span>
            </div>
            <nav class="player__steps" aria-label=text::steps()>
                <ol>
                    {step_titles
                        .into_iter()
                        .enumerate()
                        .map(|(i, t)| {
                            let href = format!("#/lesson/{lesson_id}/step/{}", i + 1);
                            view! {
                                <li class="player__step-dot" class:player__step-dot--done=move || { i < step.get() }>
                                    <a
                                        href=href
                                        aria-current=move || (i == step.get()).then_some("step")
                                        title=t.clone()
                                        on:click=move |_| playing.set(false)
                                    >
                                        <span class="visually-hidden">{text::step_link(i, &t)}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            <p class="player__keys">{text::keys_help()}</p>
            // What the step did, for a screen reader: told politely after its words.
            <p class="visually-hidden" aria-live="polite">{move || {
                let i = step.get();
                run.with_value(|r| {
                    let events = &r.steps[i].events;
                    let mut said: Vec<String> = view_model::story(events).iter().map(text::told).collect();
                    said.extend(view_model::replication_news(events));
                    text::step_story(&said)
                })
            }}</p>
            <div class="player__body">
                <Narration/>
                // A step that points at no topic is about its panels: they come first.
                <div class="player__stage" class:player__stage--panels-first=move || highlight.with(|h| h.topic.is_none())>
                    <ClusterView/>
                    <div class="player__panels">
                        <RecordPanel/>
                        <For each=move || panels.get() key=panel_key let:panel>
                            {panel_view(panel)}
                        </For>
                    </div>
                </div>
            </div>
            <Show when=move || { step.get() + 1 >= total && !present.get() }>
                <CheckYourself/>
            </Show>
            <Show when=move || present.get()>
                <Presenter notes=notes progress=Signal::derive(move || text::step_of(step.get(), total))/>
            </Show>
        </article>
    }
}
