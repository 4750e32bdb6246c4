//! `#/sandbox`: a free cluster of three brokers with a console. Each line typed is one
//! more step of a growing `LessonRun` (`kafka_lessons::sandbox`), so the lesson views draw
//! it unchanged, Undo and Redo move between steps, and the brokers panel's buttons type
//! their command into the same history.

use kafka_lessons::{LessonRun, Panel};
use kafka_sim::script::ClusterSpec;
use leptos::prelude::*;

use crate::browser;
use crate::shell::esc;
use crate::text;
use crate::view_model;
use crate::views::challenge_panel::{ChallengePanel, ChallengeSpec};
use crate::views::client_code_panel::ClientCodePanel;
use crate::views::cluster_view::ClusterView;
use crate::views::lesson_player::{Dispatch, Shown, StepContext};
use crate::views::panels::{panel_key, panel_view};
use crate::views::record_panel::RecordPanel;
use crate::views::sandbox_actions::SandboxActions;

/// The console's transcript up to `at`, after the last `clear` (entries `from..`), as HTML.
fn transcript_html(run: &LessonRun, at: usize, from: usize) -> String {
    let mut s = String::new();
    for step in run.steps.iter().take(at + 1).skip(from) {
        let Some(e) = &step.console else { continue };
        // A console producer's input shows as a terminal shows it: `>` and the line.
        let prompt = if e.prompt == ">" { ">" } else { "$ " };
        s.push_str(&format!(
            r#"<div class="console__entry"><div class="console__line"><span aria-hidden="true">{prompt}</span>{}</div>"#,
            esc(&e.line)
        ));
        if !e.stdout.is_empty() {
            s.push_str(&format!(
                r#"<pre class="console__out">{}</pre>"#,
                esc(&e.stdout)
            ));
        }
        if !e.stderr.is_empty() {
            s.push_str(&format!(
                r#"<pre class="console__err">{}</pre>"#,
                esc(&e.stderr)
            ));
        }
        // What the console consumers running beside the prompt printed meanwhile.
        // Each is named by its job number and tool, as the running list names it in full.
        for j in &e.jobs {
            let tool = j.line.split_whitespace().next().unwrap_or_default();
            s.push_str(&format!(
                r#"<div class="console__job"><div class="console__job-line" title="{}">[{}] {}</div>"#,
                esc(&j.line),
                j.number,
                esc(tool)
            ));
            for (class, text) in [("console__out", &j.stdout), ("console__err", &j.stderr)] {
                if !text.is_empty() {
                    s.push_str(&format!(r#"<pre class="{class}">{}</pre>"#, esc(text)));
                }
            }
            s.push_str("</div>");
        }
        s.push_str("</div>");
    }
    s
}

/// The names Tab completes besides commands and options.
#[derive(Default)]
struct Names {
    topics: Vec<String>,
    groups: Vec<String>,
    consumers: Vec<String>,
}

/// Completes the last word of `line`: a command, a tool's option, a topic name after
/// `--topic` or a command's verb, a group after `--group` or `group=`, a consumer after a
/// consumer command's verb. `None` when nothing or several fit (then the candidates are
/// `Err`).
fn complete(line: &str, names: &Names) -> Result<String, Vec<String>> {
    let topics = &names.topics;
    let words: Vec<&str> = line.split(' ').collect();
    let last = *words.last().unwrap_or(&"");
    let head = &line[..line.len() - last.len()];
    let candidates: Vec<String> = if words.len() <= 1 {
        kafka_sim::cli::TOOLS
            .iter()
            .chain(kafka_sim::command::VERBS)
            .chain(&["help", "clear"])
            .map(|s| s.to_string())
            .collect()
    } else if last.starts_with("--") {
        kafka_sim::cli::options(words[0])
            .iter()
            .map(|o| format!("--{o}"))
            .collect()
    } else if words.len() >= 2 && words[words.len() - 2] == "--group" {
        names.groups.clone()
    } else if let Some(g) = last.strip_prefix("group=") {
        return complete_value(head, "group=", g, &names.groups);
    } else if let Some(t) = last
        .strip_prefix("topics=")
        .or_else(|| last.strip_prefix("topic="))
    {
        let key = &last[..last.len() - t.len()];
        return complete_value(head, key, t, topics);
    } else if words.len() == 2 && CONSUMER_VERBS.contains(&words[0]) {
        names.consumers.clone()
    } else if words.len() >= 2 && (words[words.len() - 2] == "--topic" || words.len() == 2) {
        topics.to_vec()
    } else {
        Vec::new()
    };
    let fits: Vec<String> = candidates
        .into_iter()
        .filter(|c| c.starts_with(last))
        .collect();
    match fits.as_slice() {
        [one] => Ok(format!("{head}{one} ")),
        [] => Err(Vec::new()),
        many => {
            // The longest common prefix, if it adds anything.
            let mut prefix = many[0].clone();
            for m in &many[1..] {
                while !m.starts_with(&prefix) {
                    prefix.pop();
                }
            }
            if prefix.len() > last.len() {
                Ok(format!("{head}{prefix}"))
            } else {
                Err(many.to_vec())
            }
        }
    }
}

/// The panels a learner can show in the sandbox, named as their headings name them:
/// the step-free ones, then a lag chart per group and a distribution per topic.
fn panel_options(cluster: &kafka_sim::Cluster) -> Vec<(Panel, String)> {
    let mut out = vec![
        (Panel::Brokers, text::brokers_panel().to_string()),
        (Panel::Metadata, text::metadata_panel().to_string()),
        (Panel::Groups, text::groups_panel().to_string()),
        (Panel::ConsumerLog, text::consumer_log_panel().to_string()),
        (Panel::Sends, text::sends_panel().to_string()),
        (Panel::Hash, text::hash_panel().to_string()),
        (Panel::TryKey, text::try_key_panel().to_string()),
        (Panel::Reads, text::reads_panel().to_string()),
        (Panel::MetadataLog, text::metadata_log_panel().to_string()),
        (Panel::Handler, text::handler_panel().to_string()),
        (Panel::Database, text::database_panel().to_string()),
        (Panel::Writer, text::writer_panel().to_string()),
    ];
    for g in cluster.groups() {
        let of = kafka_lessons::LagOf::Committed;
        out.push((
            Panel::LagChart {
                group: g.id.to_string(),
                of,
            },
            text::lag_chart_title(&g.id, of),
        ));
    }
    for t in cluster.topics() {
        out.push((
            Panel::Distribution {
                topic: t.name.to_string(),
            },
            text::distribution_title(&t.name),
        ));
    }
    out
}

/// The engine's commands whose first argument is a consumer.
const CONSUMER_VERBS: &[&str] = &[
    "subscribe",
    "poll",
    "process",
    "commit",
    "seek",
    "crash-consumer",
    "close",
    "send-offsets-to-transaction",
];

/// Completes `key=VALUE`'s value among `options`.
fn complete_value(
    head: &str,
    key: &str,
    value: &str,
    options: &[String],
) -> Result<String, Vec<String>> {
    let fits: Vec<&String> = options.iter().filter(|o| o.starts_with(value)).collect();
    match fits.as_slice() {
        [one] => Ok(format!("{head}{key}{one} ")),
        [] => Err(Vec::new()),
        many => Err(many.iter().map(|m| format!("{key}{m}")).collect()),
    }
}

/// Where loading a sandbox stands.
#[allow(clippy::large_enum_variant)] // one value, moved out once (`take`)
enum Loaded {
    Waiting,
    Ready(LessonRun, Option<String>, Option<ChallengeSpec>),
}

/// The names in the shown step's cluster, for Tab.
fn ctx_names(cluster: Memo<Shown>) -> Names {
    cluster.with_untracked(|c| Names {
        topics: c.0.topics().map(|t| t.name.to_string()).collect(),
        groups: c.0.groups().map(|g| g.id.to_string()).collect(),
        consumers: c.0.consumers().map(|c| c.name.to_string()).collect(),
    })
}

/// The sandbox's start: three brokers, or the state of a lesson step; then the lines of a
/// share link replayed on it. A damaged link or an unknown lesson is said in a notice,
/// and the sandbox starts afresh.
async fn load(
    from: Option<(String, usize)>,
    lines: Option<String>,
    challenge: Option<(String, usize)>,
) -> (LessonRun, Option<String>, Option<ChallengeSpec>) {
    let mut notices = Vec::new();
    if let Some((id, n)) = challenge {
        match challenge_start(&id, n).await {
            Ok((run, spec)) => return (run, None, Some(spec)),
            Err(e) => notices.push(e),
        }
    }
    let fresh = || {
        let spec = ClusterSpec {
            brokers: 3,
            ..ClusterSpec::default()
        };
        LessonRun::sandbox(spec, text::sandbox_start())
    };
    let mut run = match &from {
        None => fresh(),
        Some((id, n)) => match lesson_step(id, *n).await {
            Ok(run) => run,
            Err(e) => {
                notices.push(e);
                fresh()
            }
        },
    };
    if let Some(s) = lines {
        let (lines, damage) = crate::share::decode(&s);
        match damage {
            Some(crate::share::Damage::Foreign) => notices.push(text::foreign_share_link().into()),
            Some(crate::share::Damage::Newer(v)) => notices.push(text::newer_share_link(v)),
            Some(crate::share::Damage::Damaged(why)) => {
                notices.push(text::damaged_share_link(&why, lines.len()))
            }
            None => {}
        }
        if let Err(stop) = run.replay(&lines) {
            notices.push(text::replay_stopped(&stop));
        }
    }
    (run, (!notices.is_empty()).then(|| notices.join(" ")), None)
}

/// Challenge `n` (0-based) of lesson `id`: its starting sandbox, and the picture of what
/// its known solution leaves (played here, on a copy).
async fn challenge_start(id: &str, n: usize) -> Result<(LessonRun, ChallengeSpec), String> {
    let file = kafka_lessons::lesson_file(id).ok_or_else(|| text::no_such_lesson(id))?;
    let lesson = crate::lesson_source::fetch_lesson(file).await?;
    let challenge = lesson
        .challenges
        .get(n)
        .cloned()
        .ok_or_else(|| text::no_such_challenge(id, n))?;
    let title = text::challenge_name(n, &challenge.title);
    let run = challenge
        .start(&lesson.cluster, &title)
        .map_err(|e| e.to_string())?;
    let mut solved = run.clone();
    let mut at = 0;
    for line in &challenge.solution {
        at = solved.type_line(at, line);
    }
    let picture = view_model::goal_picture(&solved.cluster(at));
    let spec = ChallengeSpec {
        lesson: id.to_string(),
        index: n,
        total: lesson.challenges.len(),
        challenge,
        picture,
    };
    Ok((run, spec))
}

/// A sandbox that starts from step `n` (0-based) of lesson `id`.
async fn lesson_step(id: &str, n: usize) -> Result<LessonRun, String> {
    let file = kafka_lessons::lesson_file(id).ok_or_else(|| text::no_such_lesson(id))?;
    let lesson = crate::lesson_source::fetch_lesson(file).await?;
    let played = LessonRun::new(lesson).map_err(|e| e.to_string())?;
    let n = n.min(played.len().saturating_sub(1));
    let step = &played.lesson.steps[n];
    let prelude = played.lesson.steps[..=n]
        .iter()
        .flat_map(|s| s.commands.iter().cloned())
        .collect();
    Ok(LessonRun::sandbox_at(
        kafka_sim::Cluster::clone(&played.cluster(n)),
        played.lesson.cluster,
        prelude,
        &text::sandbox_from(id, n, &step.title),
    ))
}

/// The page for `#/sandbox`.
#[component]
pub fn SandboxPage(
    /// A lesson step to start from (`?from=2.1/3`).
    from: Option<(String, usize)>,
    /// A share link's lines (`s=`).
    lines: Option<String>,
    /// A lesson's challenge (`?challenge=1.2/1`).
    challenge: Option<(String, usize)>,
) -> impl IntoView {
    browser::set_title(text::sandbox_title());
    let state = RwSignal::new(Loaded::Waiting);
    {
        let from = from.clone();
        leptos::task::spawn_local(async move {
            let (run, notice, challenge) = load(from, lines, challenge).await;
            state.set(Loaded::Ready(run, notice, challenge));
        });
    }
    // Moved out, not cloned: a long session's run is large. Each set (the load, an
    // import) runs this once more, with that run.
    move || match crate::views::lesson_page::take(state, || Loaded::Waiting) {
        Loaded::Waiting => {
            view! { <p class="shell__loading" role="status">{text::loading_sandbox()}</p> }
                .into_any()
        }
        Loaded::Ready(run, notice, challenge) => {
            let restart =
                Callback::new(move |(run, notice)| state.set(Loaded::Ready(run, notice, None)));
            view! { <Sandbox run=run notice=notice from=from.clone() restart=restart challenge=challenge/> }.into_any()
        }
    }
}

/// The sandbox itself.
#[component]
fn Sandbox(
    run: LessonRun,
    notice: Option<String>,
    from: Option<(String, usize)>,
    /// Starts the page again on another run (an imported session).
    restart: Callback<(LessonRun, Option<String>)>,
    /// The challenge this sandbox is, if any: it restricts the lines typed.
    challenge: Option<ChallengeSpec>,
) -> impl IntoView {
    let rules = StoredValue::new(challenge.as_ref().map(|c| c.challenge.clone()));
    let in_challenge = challenge.is_some();
    let last = run.steps.len() - 1;
    let notice = RwSignal::new(notice);
    let run = StoredValue::new(run);
    let at = RwSignal::new(last);
    let len = RwSignal::new(last + 1);
    let cleared = RwSignal::new(0usize);
    let step = Memo::new(move |_| at.get());
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
        (1200 / n).clamp(15, 140)
    });
    let highlight = Memo::new(move |_| kafka_lessons::Highlight::default());
    let duplicates = StoredValue::new(Vec::new());
    provide_context(StepContext {
        run,
        step,
        cluster,
        topics,
        arrivals,
        stagger_ms,
        highlight,
        duplicates,
        selected: RwSignal::new(None),
        pointed: RwSignal::new(None),
    });

    let hint = RwSignal::new(String::new());
    // Runs a line; `false` when a challenge does not allow it (said under the console,
    // and the line is left in the input to edit).
    let type_line = move |line: String| -> bool {
        // A console producer takes every line as typed, an empty one too.
        let reading = run.with_value(|r| r.producing(at.get_untracked()).is_some());
        let line = if reading {
            line
        } else {
            line.trim().to_string()
        };
        if line.is_empty() && !reading {
            return true;
        }
        if line == "clear" && !reading {
            cleared.set(at.get_untracked() + 1);
            return true;
        }
        if let Some(Err(word)) = rules.with_value(|c| c.as_ref().map(|c| c.allows(&line, reading)))
        {
            let allow =
                rules.with_value(|c| c.as_ref().map(|c| c.allow.clone()).unwrap_or_default());
            hint.set(text::not_allowed(&word, &allow));
            return false;
        }
        let mut next = 0;
        run.update_value(|r| next = r.type_line(at.get_untracked(), &line));
        duplicates.set_value(run.with_value(|r| {
            view_model::retried_copies(r.steps.iter().take(next + 1).flat_map(|s| &s.events))
        }));
        cleared.update(|c| *c = (*c).min(next));
        len.set(next + 1);
        at.set(next);
        true
    };
    provide_context(Dispatch(Callback::new(move |line| {
        type_line(line);
    })));

    // A console producer reads the lines typed after this step.
    let producing = Memo::new(move |_| run.with_value(|r| r.producing(at.get()).is_some()));
    // The console consumers running after this step: (job number, line), oldest first.
    let jobs = Memo::new(move |_| {
        run.with_value(|r| {
            r.jobs(at.get())
                .iter()
                .map(|j| (j.number, j.line.clone()))
                .collect::<Vec<_>>()
        })
    });

    // The clock: Step lets one second pass; Play lets one second (1×) or ten (10×) pass
    // every second, each a `tick` line in the history, until Pause. Going back in the
    // history pauses it, and a console producer's input is not the place for a tick.
    let playing = RwSignal::new(None::<u32>);
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Interval>);
    let pause = move || {
        timer.set_value(None);
        playing.set(None);
    };
    let play = move |speed: u32| {
        let tick = move || {
            if !producing.get_untracked() {
                type_line(format!("tick {speed}s"));
            }
        };
        tick();
        timer.set_value(Some(gloo_timers::callback::Interval::new(1_000, tick)));
        playing.set(Some(speed));
    };
    let input = NodeRef::<leptos::html::Input>::new();
    // Up and Down walk the lines typed so far (newest first); `None` is the line being edited.
    let recall = StoredValue::new(None::<usize>);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(el) = input.get() else { return };
        match ev.key().as_str() {
            "ArrowUp" | "ArrowDown" => {
                ev.prevent_default();
                let lines: Vec<String> = run.with_value(|r| {
                    r.console(len.get_untracked() - 1)
                        .map(|e| e.line.clone())
                        .collect()
                });
                if lines.is_empty() {
                    return;
                }
                let next = match (ev.key().as_str(), recall.get_value()) {
                    ("ArrowUp", None) => Some(lines.len() - 1),
                    ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                    ("ArrowDown", Some(i)) if i + 1 < lines.len() => Some(i + 1),
                    _ => None,
                };
                recall.set_value(next);
                el.set_value(next.map(|i| lines[i].as_str()).unwrap_or(""));
            }
            // End of input for a console producer, as a terminal's Ctrl+D.
            "d" if ev.ctrl_key() && producing.get_untracked() => {
                ev.prevent_default();
                el.set_value("");
                type_line(kafka_lessons::sandbox::EOF.to_string());
            }
            // Ctrl+C stops the newest console consumer, as in a terminal; with text
            // selected in the input it copies, as everywhere else.
            "c" if ev.ctrl_key()
                && !producing.get_untracked()
                && jobs.with_untracked(|j| !j.is_empty())
                && el.selection_start().ok().flatten() == el.selection_end().ok().flatten() =>
            {
                ev.prevent_default();
                type_line(kafka_sim::cli::INTERRUPT.to_string());
            }
            "Tab" if !producing.get_untracked() => {
                ev.prevent_default();
                let names = ctx_names(cluster);
                match complete(&el.value(), &names) {
                    Ok(done) => {
                        el.set_value(&done);
                        hint.set(String::new());
                    }
                    Err(options) => hint.set(options.join("  ")),
                }
            }
            _ => {}
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(el) = input.get() else { return };
        let line = el.value();
        hint.set(String::new());
        if type_line(line) {
            el.set_value("");
            recall.set_value(None);
        }
    };
    // The newest output stays in view.
    let screen = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        at.track();
        cleared.track();
        if let Some(s) = screen.get() {
            request_animation_frame(move || s.set_scroll_top(s.scroll_height()));
        }
    });

    // Share: the lines up to the step shown, in a link that replays them.
    let share = RwSignal::new(None::<Result<String, String>>);
    let make_link = move |_| {
        let lines = run.with_value(|r| r.shared_lines(at.get_untracked()));
        let link = match crate::share::encode(&lines) {
            Ok(s) => {
                let route = crate::route::Route::Sandbox {
                    challenge: None,
                    from: from.clone(),
                    lines: Some(s),
                };
                let hash = crate::route::Location {
                    route,
                    embed: false,
                    present: false,
                }
                .to_hash();
                let link = format!(
                    "{}{}",
                    browser::page_url_without_hash(),
                    crate::locale::carry(&hash)
                );
                browser::copy_to_clipboard(&link);
                Ok(link)
            }
            Err(n) => Err(text::share_too_long(n)),
        };
        share.set(Some(link));
    };
    // Export: the session as a file `kafka-sim cli` and Import read.
    // Built when clicked, not on every step: a long session's file is not small. The
    // click's default action follows the href as the handler leaves it.
    let export = move |ev: leptos::ev::MouseEvent| {
        let file = run.with_value(|r| r.export(at.get_untracked()));
        let href = format!(
            "data:text/plain;charset=utf-8,{}",
            browser::percent_encode(&file)
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
                Err(why) => notice.set(Some(text::import_failed(&name, &why))),
                Ok(body) => {
                    let (imported, stop) = LessonRun::import(&body, &text::imported_title(&name));
                    let mut notice = text::imported(&name, imported.steps.len() - 1);
                    if let Some(stop) = stop {
                        notice = format!("{notice} {}", text::replay_stopped(&stop));
                    }
                    restart.run((imported, Some(notice)));
                }
            }
        });
    };
    let start_title = run.with_value(|r| r.lesson.steps[0].title.clone());
    let page_title = match &challenge {
        Some(c) => text::challenge_name(c.index, &c.challenge.title),
        None => text::sandbox_title().to_string(),
    };

    // The scrubber over every command: max first, then the value, in one effect, so the
    // browser never clamps a new step to the old length.
    let scrubber = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        let (a, l) = (at.get(), len.get());
        if let Some(el) = scrubber.get() {
            el.set_max(&(l - 1).to_string());
            el.set_value(&a.to_string());
        }
    });

    // The panels shown, by key; the picker offers what the step's cluster has.
    let shown = RwSignal::new(vec![
        panel_key(&Panel::Brokers),
        panel_key(&Panel::Metadata),
        panel_key(&Panel::Groups),
    ]);
    // An application's handler and database appear once there is one (a challenge's
    // setup, or the first set-app, stop-database or process); the learner may hide them.
    let app_panels_shown = StoredValue::new(false);
    Effect::new(move |_| {
        let has_app = cluster.with(|c| c.0.apps().next().is_some());
        if has_app && !app_panels_shown.get_value() {
            app_panels_shown.set_value(true);
            shown.update(|s| {
                for p in [Panel::Handler, Panel::Database] {
                    let k = panel_key(&p);
                    if !s.contains(&k) {
                        s.push(k);
                    }
                }
            });
        }
    });
    // The Writer panel appears with the first kafka-go Writer (set-writer).
    let writer_panel_shown = StoredValue::new(false);
    Effect::new(move |_| {
        let has_writer = cluster.with(|c| c.0.producer().writer.is_some());
        if has_writer && !writer_panel_shown.get_value() {
            writer_panel_shown.set_value(true);
            shown.update(|s| {
                let k = panel_key(&Panel::Writer);
                if !s.contains(&k) {
                    s.push(k);
                }
            });
        }
    });
    let options = Memo::new(move |_| cluster.with(|c| panel_options(&c.0)));
    let panels = Memo::new(move |_| {
        let keys = shown.get();
        options.with(|o| {
            o.iter()
                .filter(|(p, _)| keys.contains(&panel_key(p)))
                .map(|(p, _)| p.clone())
                .collect::<Vec<_>>()
        })
    });

    view! {
        <article class="player sandbox" aria-labelledby="sandbox-title">
            <header class="player__header">
                <a class="player__home" href="#/">{"← "}{text::home()}</a>
                <h1 id="sandbox-title">{page_title}</h1>
            </header>
            <div class="player__controls" role="group" aria-label=text::sandbox_controls()>
                <button type="button" class="btn" on:click=move |_| { pause(); at.update(|a| *a = a.saturating_sub(1)) } disabled=move || at.get() == 0>
                    <span aria-hidden="true">"↶ "</span>{text::undo()}
                </button>
                <button type="button" class="btn" on:click=move |_| { pause(); at.update(|a| *a = (*a + 1).min(len.get_untracked() - 1)) } disabled=move || { at.get() + 1 >= len.get() }>
                    {text::redo()}<span aria-hidden="true">" ↷"</span>
                </button>
                <Show when=move || !in_challenge>
                    <button type="button" class="btn" on:click=make_link.clone()>{text::share_link()}</button>
                    <a class="btn" href="#" download=text::export_file_name() on:click=export>{text::export_session()}</a>
                    <label class="btn sandbox__import">
                        {text::import_session()}
                        <input type="file" accept=".txt,text/plain" class="visually-hidden" on:change=on_import/>
                    </label>
                </Show>
                <input type="range" class="sandbox__scrubber" min="0" aria-label=text::timeline() node_ref=scrubber
                    aria-valuetext=move || text::sandbox_position(at.get(), len.get())
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                            pause();
                            at.set(n.min(len.get_untracked() - 1));
                        }
                    }/>
                <span class="player__progress-text" aria-live="polite">{move || text::sandbox_position(at.get(), len.get())}</span>
            </div>
            {move || notice.get().map(|n| view! { <p class="sandbox__notice" role="alert">{n}</p> })}
            <p class="sandbox__start">{text::started_with(&start_title)}</p>
            {challenge.map(|spec| view! {
                <ChallengePanel spec=spec
                    go_to=Callback::new(move |n: usize| { pause(); at.set(n.min(len.get_untracked() - 1)); })
                    type_line=Callback::new(move |line: String| { type_line(line); })/>
            })}
            {move || match share.get() {
                None => None,
                Some(Err(too_long)) => Some(view! { <p class="sandbox__notice" role="alert">{too_long}</p> }.into_any()),
                Some(Ok(link)) => {
                    // The same state in embed mode, as an iframe for a blog post (embed.rs).
                    let code = crate::embed::iframe(&format!("{link}&embed"), &format!("{} · {}", text::sandbox_title(), text::app_name()), 720);
                    Some(view! {
                        <p class="sandbox__share">
                            <label>
                                {text::share_link_label()}
                                <input type="text" readonly class="sandbox__share-link" prop:value=link
                                    on:focus=|ev| { if let Some(i) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) { i.select(); } }/>
                            </label>
                            <button type="button" class="btn btn--small" on:click=move |_| browser::copy_to_clipboard(&code)>{text::copy_embed_code()}</button>
                        </p>
                    }.into_any())
                }
            }}
            <div class="player__body">
                <section class="panel console" aria-labelledby="console-title">
                    <h2 class="panel__title" id="console-title">{text::console()}</h2>
                    <p class="console__intro">{text::console_intro()}</p>
                    <div class="console__screen" node_ref=screen role="log" aria-label=text::console_output() tabindex="0"
                        inner_html=move || run.with_value(|r| transcript_html(r, at.get(), cleared.get()))>
                    </div>
                    <form class="console__form" on:submit=on_submit>
                        <span class="console__prompt" aria-hidden="true">{move || if producing.get() { ">" } else { "$" }}</span>
                        <input class="console__input" node_ref=input type="text" autocomplete="off" autocapitalize="off"
                            spellcheck="false" aria-label=text::console_input() on:keydown=on_keydown
                            placeholder="kafka-topics.sh --create --topic demo --partitions 3 --replication-factor 3"/>
                        <button type="submit" class="btn btn--primary">{text::run()}</button>
                    </form>
                    <p class="console__hint" aria-live="polite">{move || if producing.get() { text::producer_hint().to_string() } else { hint.get() }}</p>
                    <Show when=move || jobs.with(|j| !j.is_empty())>
                        <div class="console__jobs" role="group" aria-label=text::running_consumers()>
                            <ul class="console__job-list">
                                {move || jobs.get().into_iter().map(|(n, line)| view! {
                                    <li><code>{format!("[{n}] {line}")}</code></li>
                                }).collect_view()}
                            </ul>
                            <p class="console__job-hint">{text::consumer_hint()}</p>
                            <button type="button" class="btn btn--small" disabled=move || producing.get()
                                on:click=move |_| { type_line(kafka_sim::cli::INTERRUPT.to_string()); }>{text::stop_consumer()}</button>
                        </div>
                    </Show>
                    <Show when=move || producing.get()>
                        <button type="button" class="btn" on:click=move |_| { type_line(kafka_lessons::sandbox::EOF.to_string()); }>{text::end_input()}</button>
                    </Show>
                    <div class="console__clock" role="group" aria-label=text::clock()>
                        <span class="console__clock-label">{text::clock()}</span>
                        <button type="button" class="btn btn--small" disabled=move || producing.get()
                            on:click=move |_| { pause(); type_line("tick 1s".into()); }>{text::clock_step()}</button>
                        <button type="button" class="btn btn--small" aria-pressed=move || (playing.get() == Some(1)).to_string()
                            disabled=move || producing.get() on:click=move |_| play(1)>{text::clock_play_1x()}</button>
                        <button type="button" class="btn btn--small" aria-pressed=move || (playing.get() == Some(10)).to_string()
                            disabled=move || producing.get() on:click=move |_| play(10)>{text::clock_play_10x()}</button>
                        <button type="button" class="btn btn--small" disabled=move || playing.get().is_none()
                            on:click=move |_| pause()>{text::clock_pause()}</button>
                        <span class="console__clock-now" aria-live="off">{move || cluster.with(|c| text::clock_now(c.0.now_ms()))}</span>
                    </div>
                </section>
                <div class="player__stage">
                    <ClusterView/>
                    <div class="player__panels">
                        <RecordPanel/>
                        <For each=move || panels.get() key=panel_key let:panel>
                            {panel_view(panel)}
                        </For>
                        <details class="panel sandbox__picker">
                            <summary>{text::show_panels()}</summary>
                            <fieldset>
                                <legend class="visually-hidden">{text::show_panels()}</legend>
                                {move || options.get().into_iter().map(|(p, label)| {
                                    let key = panel_key(&p);
                                    let checked = shown.with(|s| s.contains(&key));
                                    view! {
                                        <label class="sandbox__picker-item">
                                            <input type="checkbox" prop:checked=checked on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                shown.update(|s| {
                                                    s.retain(|k| *k != key);
                                                    if on { s.push(key.clone()); }
                                                });
                                            }/>
                                            {label}
                                        </label>
                                    }
                                }).collect_view()}
                            </fieldset>
                        </details>
                    </div>
                </div>
            </div>
            <SandboxActions/>
            <ClientCodePanel/>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_completes_commands_options_and_topic_names() {
        let topics = Names {
            topics: vec!["orders".to_string(), "order-events".to_string()],
            ..Names::default()
        };
        assert_eq!(complete("kafka-to", &topics), Ok("kafka-topics.sh ".into()));
        assert_eq!(
            complete("kafka-topics.sh --crea", &topics),
            Ok("kafka-topics.sh --create ".into())
        );
        assert_eq!(
            complete("kafka-topics.sh --describe --topic ord", &topics),
            Ok("kafka-topics.sh --describe --topic order".into())
        );
        assert_eq!(
            complete("produce orde", &topics),
            Ok("produce order".into())
        );
        assert_eq!(
            complete("kill-", &topics),
            Err(vec!["kill-broker".into(), "kill-controller".into()]),
            "several fit and share nothing more: listed"
        );
    }

    #[test]
    fn tab_completes_groups_and_consumers_where_they_go() {
        let names = Names {
            topics: vec!["orders".into()],
            groups: vec!["billing".into(), "audit".into()],
            consumers: vec!["billing-1".into()],
        };
        assert_eq!(
            complete("kafka-consumer-groups.sh --describe --group bil", &names),
            Ok("kafka-consumer-groups.sh --describe --group billing ".into())
        );
        assert_eq!(
            complete("create-consumer c2 group=au", &names),
            Ok("create-consumer c2 group=audit ".into())
        );
        assert_eq!(
            complete("subscribe c2 topics=or", &names),
            Ok("subscribe c2 topics=orders ".into())
        );
        assert_eq!(complete("poll bi", &names), Ok("poll billing-1 ".into()));
    }

    #[test]
    fn the_transcript_escapes_what_was_typed() {
        let mut run = LessonRun::sandbox(ClusterSpec::default(), "start");
        run.type_line(0, "frobnicate <b>");
        let html = transcript_html(&run, 1, 0);
        assert!(html.contains("frobnicate &lt;b&gt;"), "{html}");
        assert!(html.contains(r#"<pre class="console__err">"#));
    }
}
