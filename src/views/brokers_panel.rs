//! Brokers as columns holding their replicas: each replica's log, log end and high
//! watermark, its role and ISR or ELR membership; what the controller did; and buttons
//! to kill, stop, isolate, heal or start a broker, produce and let time pass, applied to
//! a copy of the step by the engine (the lesson itself never changes).

use kafka_sim::{Cluster, Command};
use leptos::prelude::*;

use crate::text;
use crate::view_model::{brokers_model, replication_news, BrokerState, Role};
use crate::views::lesson_player::StepContext;

/// The learner's copy of the step and what their last action did.
#[derive(Clone)]
struct Experiment {
    cluster: Cluster,
    news: Vec<String>,
    produced: u32,
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
    let model = Memo::new(move |_| {
        experiment
            .with(|e| e.as_ref().map(|e| brokers_model(&e.cluster)))
            .unwrap_or_else(|| {
                ctx.run
                    .with_value(|r| brokers_model(&r.steps[ctx.step.get()].cluster))
            })
    });
    let news = Memo::new(move |_| {
        experiment
            .with(|e| e.as_ref().map(|e| e.news.clone()))
            .unwrap_or_else(|| {
                ctx.run
                    .with_value(|r| replication_news(&r.steps[ctx.step.get()].events))
            })
    });
    // Applies one command line to the learner's copy (made from the step on first use).
    let act = move |line: Option<String>| {
        let mut e = experiment.get_untracked().unwrap_or_else(|| Experiment {
            cluster: ctx
                .run
                .with_value(|r| r.steps[ctx.step.get_untracked()].cluster.clone()),
            news: Vec::new(),
            produced: 0,
        });
        let line = match line {
            Some(l) => l,
            None => {
                let Some(topic) = e
                    .cluster
                    .topics()
                    .find(|t| t.replication_factor > 1)
                    .map(|t| t.name.clone())
                else {
                    e.news = vec![text::NO_REPLICATED_TOPIC.to_string()];
                    experiment.set(Some(e));
                    return;
                };
                e.produced += 1;
                format!("produce {topic} key=try-{n} value=v{n}", n = e.produced)
            }
        };
        e.news = match line.parse::<Command>().and_then(|c| e.cluster.apply(&c)) {
            Ok(events) => {
                let mut news = replication_news(&events);
                if news.is_empty() {
                    news.push(text::NOTHING_CHANGED.to_string());
                }
                news
            }
            Err(err) => vec![format!("{}: {}", err.kind.name(), err.message)],
        };
        experiment.set(Some(e));
    };
    let broker_buttons = move |id: i32, state: BrokerState| {
        let verbs: &[(&str, &str)] = match state {
            BrokerState::Running => &[
                ("Kill", "kill-broker"),
                ("Stop", "stop-broker"),
                ("Isolate", "isolate-broker"),
            ],
            BrokerState::Isolated => &[("Heal", "heal-broker"), ("Kill", "kill-broker")],
            BrokerState::Stopped | BrokerState::Killed => &[("Start", "start-broker")],
        };
        verbs
            .iter()
            .map(|(label, verb)| {
                let line = format!("{verb} id={id}");
                view! {
                    <button type="button" class="broker-col__action" aria-label=text::broker_action(label, id)
                        on:click=move |_| act(Some(line.clone()))>{*label}</button>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel brokers" aria-labelledby="brokers-title">
            <h3 class="panel__title" id="brokers-title">{text::BROKERS_PANEL}</h3>
            <p class="brokers__count" role="status">
                {move || model.with(|m| text::acknowledged_count(m.acknowledged, m.lost))}
                {move || experiment.with(|e| e.is_some()).then(|| view! { <span class="brokers__mine">{" · "}{text::YOUR_EXPERIMENT}</span> })}
            </p>
            <div class="brokers__quorum" role="group" aria-label=text::CONTROLLERS>
                <h4 class="brokers__quorum-title">{text::CONTROLLERS}</h4>
                <p class="brokers__quorum-summary">{move || model.with(|m| text::quorum_summary(m.quorum_active, m.quorum_epoch))}</p>
                <ul class="brokers__controllers">
                    {move || {
                        let m = model.get();
                        m.controllers.into_iter().map(|c| {
                            let state = text::controller_state(c.up, c.leader, m.quorum_active);
                            let (label, verb) = if c.up { ("Kill", "kill-controller") } else { ("Start", "start-controller") };
                            let line = format!("{verb} id={}", c.id);
                            view! {
                                <li class="controller" class:controller--leader=c.leader && c.up class:controller--down=!c.up
                                    aria-label=format!("{}, {state}", text::controller(c.id))>
                                    <span class="controller__name">{text::controller(c.id)}</span>
                                    <span class="controller__state">{state}</span>
                                    <button type="button" class="broker-col__action" aria-label=text::controller_action(label, c.id)
                                        on:click=move |_| act(Some(line.clone()))>{label}</button>
                                </li>
                            }
                        }).collect_view()
                    }}
                </ul>
            </div>
            <ul class="brokers__columns">
                {move || model.get().brokers.into_iter().map(|b| {
                    let state = text::broker_state(b.state, b.fenced);
                    let label = format!("{}, {state}", text::broker(b.id));
                    let down = b.state != BrokerState::Running;
                    view! {
                        <li class="broker-col" class:broker-col--down=down class:broker-col--fenced=b.fenced
                            aria-label=label>
                            <h4 class="broker-col__name">{text::broker(b.id)}</h4>
                            <p class="broker-col__state">{state}</p>
                            <div class="broker-col__actions">{broker_buttons(b.id, b.state)}</div>
                            <ul class="broker-col__replicas">
                                {b.replicas.into_iter().map(|r| {
                                    let name = format!("{}-{}", r.topic, r.partition);
                                    let hw = r.high_watermark;
                                    let mut cells: Vec<AnyView> = Vec::new();
                                    let mut hw_drawn = false;
                                    for (offset, key) in r.records {
                                        if offset == hw && !hw_drawn {
                                            cells.push(view! { <li class="replica__hw" aria-hidden="true"></li> }.into_any());
                                            hw_drawn = true;
                                        }
                                        let title = format!("offset {offset}, key {}", key.as_deref().unwrap_or("null"));
                                        cells.push(view! {
                                            <li class="replica__record" class:replica__record--committed=offset < hw title=title>{offset}</li>
                                        }.into_any());
                                    }
                                    if !hw_drawn {
                                        cells.push(view! { <li class="replica__hw" aria-hidden="true"></li> }.into_any());
                                    }
                                    let isr = r.in_isr.then(|| view! { <span class="replica__badge replica__badge--isr">"ISR"</span> });
                                    let elr = r.in_elr.then(|| view! { <span class="replica__badge replica__badge--elr">"ELR"</span> });
                                    view! {
                                        <li class="replica" class:replica--leader=r.role == Role::Leader class:replica--stale=r.role == Role::StaleLeader
                                            aria-label=format!("{name} on {}: {}", text::broker(b.id), text::replica_role(r.role))>
                                            <div class="replica__head"><code>{name.clone()}</code>" "{text::replica_role(r.role)}" "{isr}{elr}</div>
                                            <ol class="replica__log" aria-label=format!("log of {name}")>{cells}</ol>
                                            <div class="replica__offsets">{text::replica_offsets(r.log_end_offset, r.high_watermark, r.leader_epoch)}</div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="brokers__controls">
                <p class="brokers__hint">{text::BROKERS_TRY}</p>
                <button type="button" on:click=move |_| act(None)>{text::PRODUCE_ONE}</button>
                {[1u32, 10, 30].into_iter().map(|s| view! {
                    <button type="button" on:click=move |_| act(Some(format!("tick {s}s")))>{text::wait_for(s)}</button>
                }).collect_view()}
                {move || experiment.with(|e| e.is_some()).then(|| view! {
                    <button type="button" on:click=move |_| experiment.set(None)>{text::BACK_TO_STEP}</button>
                })}
            </div>
            <ul class="brokers__news" aria-live="polite" aria-label=text::BROKERS_NEWS>
                {move || news.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        </section>
    }
}
