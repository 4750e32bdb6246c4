//! Brokers as columns holding their replicas: each replica's log, log end and high
//! watermark, its role and ISR or ELR membership; the controller quorum; what the
//! controller did; and buttons to kill, stop, isolate, heal or start a broker or a
//! controller, produce and let time pass, applied to a copy of the step by the engine
//! (the lesson itself never changes).
//!
//! The columns are one HTML string (`columns_html`, a pure function tested natively)
//! with one click handler for all their buttons, each naming its command in
//! `data-command`: dozens of reactive elements would cost the download far more.

use std::fmt::Write as _;

use kafka_sim::{Cluster, Command};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::shell::esc;
use crate::text;
use crate::view_model::{
    brokers_model, mark_changes, replication_news, shown_replicas, BrokerState, BrokersModel,
    Change, Role,
};
use crate::views::lesson_player::StepContext;

/// The learner's copy of the step and what their last action did.
#[derive(Clone)]
struct Experiment {
    cluster: Cluster,
    /// The copy before the learner's last action: what it changed is animated.
    before: Cluster,
    news: Vec<String>,
    produced: u32,
}

/// One button: visible label, accessible name, command.
fn button(out: &mut String, label: &str, name: &str, command: &str) {
    let _ = write!(
        out,
        r#"<button type="button" class="broker-col__action" aria-label="{}" data-command="{}">{}</button>"#,
        esc(name),
        esc(command),
        esc(label)
    );
}

/// An ISR or ELR badge: shown while a member, flashed when it joined, struck through
/// when it left in this step.
fn badge(out: &mut String, set: &str, member: bool, change: Change) {
    let kind = set.to_ascii_lowercase();
    let _ = match (member, change) {
        (true, Change::Joined) => write!(
            out,
            r#"<span class="replica__badge replica__badge--{kind} replica__badge--joined" title="{}">{set}</span>"#,
            text::joined_set(set)
        ),
        (true, _) => write!(
            out,
            r#"<span class="replica__badge replica__badge--{kind}">{set}</span>"#
        ),
        (false, Change::Left) => write!(
            out,
            r#"<span class="replica__badge replica__badge--left" title="{t}"><s>{set}</s><span class="visually-hidden"> ({t})</span></span>"#,
            t = text::left_set(set)
        ),
        (false, _) => Ok(()),
    };
}

/// The controllers and the broker columns, as HTML.
pub fn columns_html(m: &BrokersModel) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<div class="brokers__quorum" role="group" aria-label="{c}"><h4 class="brokers__quorum-title">{c}</h4><p class="brokers__quorum-summary">{}</p><ul class="brokers__controllers">"#,
        esc(&text::quorum_summary(
            m.quorum_active,
            m.quorum_epoch,
            m.combined
        )),
        c = text::controllers()
    );
    for c in &m.controllers {
        let state = text::controller_state(c.up, c.leader, m.quorum_active);
        let class = match (c.up, c.leader) {
            (false, _) => " controller--down",
            (true, true) => " controller--leader",
            _ => "",
        };
        let _ = write!(
            s,
            r#"<li class="controller{class}" aria-label="{}, {state}"><span class="controller__name">{}</span><span class="controller__state">{state}</span>"#,
            text::controller(c.id),
            text::controller(c.id)
        );
        // A combined node's controller goes with its broker: its buttons are the broker's.
        if !m.combined {
            let verb = if c.up {
                "kill-controller"
            } else {
                "start-controller"
            };
            let label = text::action_word(verb);
            button(
                &mut s,
                label,
                &text::controller_action(label, c.id),
                &format!("{verb} id={}", c.id),
            );
        }
        s.push_str("</li>");
    }
    s.push_str(r#"</ul></div><ul class="brokers__columns">"#);
    for b in &m.brokers {
        let state = text::broker_state(b.state, b.fenced);
        let mut class = String::from("broker-col");
        if b.state != BrokerState::Running {
            class.push_str(" broker-col--down");
        }
        if b.fenced {
            class.push_str(" broker-col--fenced");
        }
        let name = text::broker(b.id);
        let _ = write!(
            s,
            r#"<li class="{class}" aria-label="{name}, {}"><h4 class="broker-col__name">{name}</h4><p class="broker-col__state">{}</p><div class="broker-col__actions">"#,
            esc(&state),
            esc(&state)
        );
        let verbs: &[&str] = match b.state {
            BrokerState::Running => &["kill-broker", "stop-broker", "isolate-broker"],
            BrokerState::Isolated => &["heal-broker", "kill-broker"],
            BrokerState::Stopped | BrokerState::Killed => &["start-broker"],
        };
        for verb in verbs {
            let label = text::action_word(verb);
            button(
                &mut s,
                label,
                &text::broker_action(label, b.id),
                &format!("{verb} id={}", b.id),
            );
        }
        s.push_str(r#"</div><ul class="broker-col__replicas">"#);
        let (shown, hidden) = shown_replicas(&b.replicas);
        for r in shown {
            let tp = format!("{}-{}", esc(&r.topic), r.partition);
            let role = text::replica_role(r.role);
            let class = match r.role {
                Role::Leader => " replica--leader",
                Role::StaleLeader => " replica--stale",
                _ => "",
            };
            let _ = write!(
                s,
                r#"<li class="replica{class}" aria-label="{}"><div class="replica__head"><code>{tp}</code> {role} "#,
                esc(&text::replica_name(&tp, &name, role))
            );
            badge(&mut s, "ISR", r.in_isr, r.isr_change);
            badge(&mut s, "ELR", r.in_elr, r.elr_change);
            let _ = write!(
                s,
                r#"</div><ol class="replica__log" aria-label="{}">"#,
                esc(&text::replica_log(&tp))
            );
            let mut hw_drawn = false;
            for (offset, key) in &r.records {
                if *offset == r.high_watermark && !hw_drawn {
                    s.push_str(r#"<li class="replica__hw" aria-hidden="true"></li>"#);
                    hw_drawn = true;
                }
                let committed = if *offset < r.high_watermark {
                    " replica__record--committed"
                } else {
                    ""
                };
                // Arrived in this step: a follower's copy lands a beat after the
                // leader's append, as its fetch answer does.
                let arrived = if *offset < r.arrived_from {
                    ""
                } else if matches!(r.role, Role::Leader | Role::StaleLeader) {
                    " replica__record--new"
                } else {
                    " replica__record--new replica__record--copied"
                };
                let _ = write!(
                    s,
                    r#"<li class="replica__record{committed}{arrived}" title="offset {offset}, key {}">{offset}</li>"#,
                    esc(key.as_deref().unwrap_or("null"))
                );
            }
            if !hw_drawn {
                s.push_str(r#"<li class="replica__hw" aria-hidden="true"></li>"#);
            }
            let _ = write!(
                s,
                r#"</ol><div class="replica__offsets">{}</div></li>"#,
                text::replica_offsets(r.log_end_offset, r.high_watermark, r.leader_epoch)
            );
        }
        if hidden > 0 {
            let _ = write!(
                s,
                r#"<li class="replica replica--more">{}</li>"#,
                esc(&text::more_replicas(hidden))
            );
        }
        s.push_str("</ul></li>");
    }
    s.push_str("</ul>");
    s
}

/// The brokers panel.
#[component]
pub fn BrokersPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let experiment: RwSignal<Option<Experiment>> = RwSignal::new(None);
    // A new step shows the lesson again.
    Effect::new(move |_| {
        ctx.step.track();
        experiment.set(None);
    });
    // What this step (or the learner's last action) changed is marked for animation.
    // A memo: the count and the columns read it, and a thousand partitions cost.
    let model = Memo::new(move |_| {
        experiment
            .with(|e| {
                e.as_ref().map(|e| {
                    let mut m = brokers_model(&e.cluster);
                    mark_changes(&mut m, &brokers_model(&e.before));
                    m
                })
            })
            .unwrap_or_else(|| {
                let step = ctx.step.get();
                let mut m = ctx.with_cluster(brokers_model);
                if let Some(prev) = step.checked_sub(1) {
                    let before = ctx.run.with_value(|r| r.cluster(prev));
                    mark_changes(&mut m, &brokers_model(&before));
                }
                m
            })
    });
    let news = move || {
        experiment
            .with(|e| e.as_ref().map(|e| e.news.clone()))
            .unwrap_or_else(|| {
                ctx.run
                    .with_value(|r| replication_news(&r.steps[ctx.step.get()].events))
            })
    };
    // In the sandbox, a button types its command as the next step of the history.
    let dispatch = use_context::<crate::views::lesson_player::Dispatch>();
    let produced = StoredValue::new(0u32);
    // Applies one command line to the learner's copy (made from the step on first use);
    // `None` produces one record to the first replicated topic.
    let act = move |line: Option<String>| {
        if let Some(d) = dispatch {
            let line = line.or_else(|| {
                let topic = ctx.with_cluster_untracked(|c| {
                    c.topics()
                        .find(|t| t.replication_factor > 1)
                        .or_else(|| c.topics().next())
                        .map(|t| t.name.clone())
                })?;
                produced.update_value(|n| *n += 1);
                let n = produced.get_value();
                Some(format!("produce {topic} key=try-{n} value=v{n}"))
            });
            d.0.run(line.unwrap_or_else(|| "produce".into()));
            return;
        }
        let mut e = experiment.get_untracked().unwrap_or_else(|| {
            let cluster = ctx.with_cluster_untracked(Cluster::clone);
            Experiment {
                before: cluster.clone(),
                cluster,
                news: Vec::new(),
                produced: 0,
            }
        });
        e.before = e.cluster.clone();
        let topic = e
            .cluster
            .topics()
            .find(|t| t.replication_factor > 1)
            .map(|t| t.name.clone());
        let line = match (line, topic) {
            (Some(l), _) => l,
            (None, Some(topic)) => {
                e.produced += 1;
                format!("produce {topic} key=try-{n} value=v{n}", n = e.produced)
            }
            (None, None) => String::new(),
        };
        e.news = match line.parse::<Command>().and_then(|c| e.cluster.apply(&c)) {
            _ if line.is_empty() => vec![text::no_replicated_topic().to_string()],
            Ok(events) => {
                let mut news = replication_news(&events);
                if news.is_empty() {
                    news.push(text::nothing_changed().to_string());
                }
                news
            }
            Err(err) => vec![format!("{}: {}", err.kind.name(), err.message)],
        };
        experiment.set(Some(e));
    };
    // One handler for every button the columns draw.
    let on_columns_click = move |ev: leptos::ev::MouseEvent| {
        let command = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("button[data-command]").ok().flatten())
            .and_then(|b| b.get_attribute("data-command"));
        if let Some(c) = command {
            act(Some(c));
        }
    };
    view! {
        <section class="panel brokers" aria-labelledby="brokers-title">
            <h3 class="panel__title" id="brokers-title">{text::brokers_panel()}</h3>
            <p class="brokers__count" role="status">
                {move || {
                    let acknowledged = model.with(|m| (m.acknowledged, m.lost));
                    let mine = if experiment.with(|e| e.is_some()) { format!(" · {}", text::your_experiment()) } else { String::new() };
                    format!("{}{mine}", text::acknowledged_count(acknowledged.0, acknowledged.1))
                }}
            </p>
            <div on:click=on_columns_click inner_html=move || model.with(columns_html)></div>
            <div class="brokers__controls">
                <p class="brokers__hint">{if dispatch.is_some() { text::brokers_try_sandbox() } else { text::brokers_try() }}</p>
                <button type="button" on:click=move |_| act(None)>{text::produce_one()}</button>
                {[1u32, 10, 30].into_iter().map(|s| view! {
                    <button type="button" on:click=move |_| act(Some(format!("tick {s}s")))>{text::wait_for(s)}</button>
                }).collect_view()}
                <button type="button" hidden=move || experiment.with(|e| e.is_none()) on:click=move |_| experiment.set(None)>{text::back_to_step()}</button>
            </div>
            <ul class="brokers__news" aria-live="polite" aria-label=text::brokers_news() inner_html=move || {
                news().iter().map(|n| format!("<li>{}</li>", esc(n))).collect::<String>()
            }></ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_name_every_broker_replica_and_button_as_a_screen_reader_reads_them() {
        let mut c = Cluster::default();
        c.apply_script("start-broker id=2\ncreate-topic t replica-assignment=1:2\ntick 1s\nproduce t key=<a> value=1\nkill-broker id=2")
            .unwrap();
        let html = columns_html(&brokers_model(&c));
        assert!(html.contains(r#"aria-label="Broker 1, running""#), "{html}");
        assert!(html.contains(r#"aria-label="Broker 2, crashed""#));
        assert!(html.contains(r#"aria-label="t-0 on Broker 1: leader""#));
        assert!(html.contains(r#"aria-label="Kill broker 1" data-command="kill-broker id=1""#));
        assert!(html.contains(r#"aria-label="Start broker 2" data-command="start-broker id=2""#));
        assert!(html
            .contains(r#"aria-label="Kill controller 101" data-command="kill-controller id=101""#));
        assert!(html.contains("key &lt;a&gt;"), "keys are escaped");
        // Every command a button names is one the engine reads.
        for part in html.split("data-command=\"").skip(1) {
            let command = part.split('"').next().unwrap();
            assert!(command.parse::<Command>().is_ok(), "{command}");
        }
    }
}
