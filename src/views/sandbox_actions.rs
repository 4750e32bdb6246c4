//! The sandbox's forms, for learners who do not type: each writes the command line the
//! console would take (Kafka's tool where there is one, else the engine's grammar) and
//! runs it through `Dispatch`, so it lands in the console's history like a typed line.
//! The forms only compose text: every rule is the engine's, every error the console's.

use kafka_sim::command::quote;
use leptos::prelude::*;

use crate::text;
use crate::views::lesson_player::Dispatch;
use crate::views::lesson_player::StepContext;

/// A text field bound to `value`.
#[component]
fn Field(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] number: bool,
) -> impl IntoView {
    view! {
        <label class="actions__field">
            <span>{label}</span>
            <input type=if number { "number" } else { "text" } min=if number { Some("0") } else { None }
                autocomplete="off" spellcheck="false"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

/// A choice among `options` (the first when `value` names none of them).
#[component]
fn Choice(
    label: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <label class="actions__field">
            <span>{label}</span>
            <select on:change=move |ev| value.set(event_target_value(&ev))>
                {move || {
                    let chosen = chosen(&value.get(), &options.get());
                    options.get().into_iter().map(|o| {
                        let selected = o == chosen;
                        view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

/// What a choice stands at: `value` if it is one of `options`, else the first.
fn chosen(value: &str, options: &[String]) -> String {
    options
        .iter()
        .find(|o| *o == value)
        .or_else(|| options.first())
        .cloned()
        .unwrap_or_default()
}

/// `produce` for the form's fields: empty key means a null key; a header is `name=value`.
fn produce_line(topic: &str, key: &str, value: &str, header: &str) -> String {
    let mut line = format!("produce {}", quote(topic));
    if !key.is_empty() {
        line.push_str(&format!(" key={}", quote(key)));
    }
    line.push_str(&format!(" value={}", quote(value)));
    if let Some((name, v)) = header.split_once('=') {
        if !name.trim().is_empty() {
            line.push_str(&format!(" header.{}={}", quote(name.trim()), quote(v)));
        }
    }
    line
}

/// `kafka-consumer-groups.sh --reset-offsets` for a plan (`to-earliest`, `to-latest`,
/// `to-offset N`, `shift-by N`).
fn reset_line(group: &str, topic: &str, plan: &str, n: &str) -> String {
    let plan = match plan {
        "to-offset" | "shift-by" => format!("--{plan} {}", n.trim()),
        other => format!("--{other}"),
    };
    format!(
        "kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group {} --topic {} --reset-offsets {plan} --execute",
        quote(group),
        quote(topic)
    )
}

/// `set-app` for the handler form: Connect's settings; a queue gets its context headers.
fn handler_line(group: &str, retry_timeout: &str, tolerance: &str, dlq: &str) -> String {
    let mut line = format!(
        "set-app {} errors.retry.timeout={} errors.tolerance={}",
        quote(group),
        quote(retry_timeout.trim()),
        quote(tolerance)
    );
    if !dlq.trim().is_empty() {
        line.push_str(&format!(
            " errors.deadletterqueue.topic.name={} errors.deadletterqueue.context.headers.enable=true",
            quote(dlq.trim())
        ));
    }
    line
}

/// `stop-database`, for a while (`30s`) or, with no duration, until started.
fn stop_database_line(group: &str, outage: &str) -> String {
    match outage.trim() {
        "" => format!("stop-database {}", quote(group)),
        d => format!("stop-database {} for={}", quote(group), quote(d)),
    }
}

/// `set-writer` for the Writer form: only the fields that differ from the zero value,
/// as a Go struct literal leaves them out.
fn writer_line(balancer: &str, acks: &str, is_async: &str, completion: &str) -> String {
    let mut line = "set-writer".to_string();
    for (field, value, zero) in [
        ("Balancer", balancer, "nil"),
        ("RequiredAcks", acks, "kafka.RequireNone"),
        ("Async", is_async, "false"),
        ("Completion", completion, "nil"),
    ] {
        if value != zero {
            line.push_str(&format!(" {field}={}", quote(value)));
        }
    }
    line
}

/// The forms.
#[component]
pub fn SandboxActions() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let Some(Dispatch(dispatch)) = use_context::<Dispatch>() else {
        return ().into_any();
    };
    let run = move |lines: Vec<String>| {
        for l in lines {
            dispatch.run(l);
        }
    };
    let cluster_names = move |f: fn(&kafka_sim::Cluster) -> Vec<String>| {
        Signal::derive(move || ctx.with_cluster(f))
    };
    let topics = cluster_names(|c| c.topics().map(|t| t.name.to_string()).collect());
    let consumers = cluster_names(|c| c.consumers().map(|c| c.name.to_string()).collect());
    let groups = cluster_names(|c| c.groups().map(|g| g.id.to_string()).collect());

    // Create a topic.
    let new_topic = RwSignal::new("demo".to_string());
    let partitions = RwSignal::new("3".to_string());
    let factor = RwSignal::new("3".to_string());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(vec![format!(
            "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic {} --partitions {} --replication-factor {}",
            quote(new_topic.get_untracked().trim()),
            partitions.get_untracked().trim(),
            factor.get_untracked().trim()
        )]);
    };

    // Produce a record.
    let topic = RwSignal::new(String::new());
    let key = RwSignal::new("user-1".to_string());
    let value = RwSignal::new("hello".to_string());
    let header = RwSignal::new(String::new());
    let acks = RwSignal::new("all".to_string());
    let acks_options = Signal::derive(|| vec!["all".to_string(), "1".to_string(), "0".to_string()]);
    let produce = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = chosen(&topic.get_untracked(), &topics.get_untracked());
        let mut lines = Vec::new();
        // acks is a producer config: a different one is a new producer first.
        let want = match acks.get_untracked().as_str() {
            "1" => 1,
            "0" => 0,
            _ => -1,
        };
        // A kafka-go Writer has its own RequiredAcks (its form): keep it.
        let (now, writer) =
            ctx.with_cluster_untracked(|c| (c.producer().acks, c.producer().writer.is_some()));
        if want != now && !writer {
            lines.push(format!("set-producer acks={}", acks.get_untracked()));
        }
        lines.push(produce_line(
            &t,
            &key.get_untracked(),
            &value.get_untracked(),
            &header.get_untracked(),
        ));
        run(lines);
    };

    // Consumers.
    let consumer_name = RwSignal::new("consumer-1".to_string());
    let group = RwSignal::new("group-1".to_string());
    let consumer_topic = RwSignal::new(String::new());
    let add_consumer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = quote(consumer_name.get_untracked().trim());
        let t = chosen(&consumer_topic.get_untracked(), &topics.get_untracked());
        run(vec![
            format!(
                "create-consumer {name} group={}",
                quote(group.get_untracked().trim())
            ),
            format!("subscribe {name} topics={}", quote(&t)),
        ]);
    };
    let picked = RwSignal::new(String::new());
    let on_consumer = move |verb: &'static str| {
        move |_| {
            let c = chosen(&picked.get_untracked(), &consumers.get_untracked());
            if !c.is_empty() {
                run(vec![format!("{verb} {}", quote(&c))]);
            }
        }
    };
    let seek_topic = RwSignal::new(String::new());
    let seek_partition = RwSignal::new("0".to_string());
    let seek_offset = RwSignal::new("0".to_string());
    let seek = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let c = chosen(&picked.get_untracked(), &consumers.get_untracked());
        let t = chosen(&seek_topic.get_untracked(), &topics.get_untracked());
        run(vec![format!(
            "seek {} topic={} partition={} offset={}",
            quote(&c),
            quote(&t),
            seek_partition.get_untracked().trim(),
            seek_offset.get_untracked().trim()
        )]);
    };

    // Reset a group's offsets.
    let reset_group = RwSignal::new(String::new());
    let reset_topic = RwSignal::new(String::new());
    let plan = RwSignal::new("to-earliest".to_string());
    let plan_n = RwSignal::new("0".to_string());
    let plans = Signal::derive(|| {
        ["to-earliest", "to-latest", "to-offset", "shift-by"]
            .map(String::from)
            .to_vec()
    });
    let reset = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(vec![reset_line(
            &chosen(&reset_group.get_untracked(), &groups.get_untracked()),
            &chosen(&reset_topic.get_untracked(), &topics.get_untracked()),
            &plan.get_untracked(),
            &plan_n.get_untracked(),
        )]);
    };

    // An application's handler and database.
    let app_group = RwSignal::new("group-1".to_string());
    let retry_timeout = RwSignal::new("10000".to_string());
    let tolerance = RwSignal::new("all".to_string());
    let tolerances = Signal::derive(|| vec!["all".to_string(), "none".to_string()]);
    let dlq = RwSignal::new("dead-letters".to_string());
    let outage = RwSignal::new("30s".to_string());
    let set_handler = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(vec![handler_line(
            app_group.get_untracked().trim(),
            &retry_timeout.get_untracked(),
            &tolerance.get_untracked(),
            &dlq.get_untracked(),
        )]);
    };
    let stop_db = move |_| {
        run(vec![stop_database_line(
            app_group.get_untracked().trim(),
            &outage.get_untracked(),
        )])
    };
    let start_db = move |_| {
        run(vec![format!(
            "start-database {}",
            quote(app_group.get_untracked().trim())
        )])
    };

    // The Go service's producer: a kafka-go Writer, or back to the Java client.
    let options = |o: &[&str]| o.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let balancer = RwSignal::new("nil".to_string());
    let balancers = Signal::derive(move || {
        options(&[
            "nil",
            "&kafka.Hash{}",
            "kafka.Murmur2Balancer{}",
            "kafka.CRC32Balancer{}",
            "&kafka.ReferenceHash{}",
        ])
    });
    let required_acks = RwSignal::new("kafka.RequireAll".to_string());
    let required_acks_options = Signal::derive(move || {
        options(&["kafka.RequireAll", "kafka.RequireOne", "kafka.RequireNone"])
    });
    let is_async = RwSignal::new("true".to_string());
    let booleans = Signal::derive(move || options(&["true", "false"]));
    let completion = RwSignal::new("nil".to_string());
    let completions = Signal::derive(move || options(&["nil", "log"]));
    let has_writer = Signal::derive(move || ctx.with_cluster(|c| c.producer().writer.is_some()));
    let set_writer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(vec![writer_line(
            &balancer.get_untracked(),
            &required_acks.get_untracked(),
            &is_async.get_untracked(),
            &completion.get_untracked(),
        )]);
    };
    let use_java = move |_| run(vec!["set-producer acks=all".to_string()]);

    let no_topics = move || topics.with(Vec::is_empty);
    let no_consumers = move || consumers.with(Vec::is_empty);
    view! {
        <section class="panel actions" aria-labelledby="actions-title">
            <h2 class="panel__title" id="actions-title">{text::actions()}</h2>
            <p class="actions__intro">{text::actions_intro()}</p>
            <form class="actions__form" on:submit=create aria-labelledby="actions-create">
                <h3 id="actions-create">{text::action_create_topic()}</h3>
                <Field label=text::input_topic() value=new_topic/>
                <Field label=text::input_partitions() value=partitions number=true/>
                <Field label=text::input_replication_factor() value=factor number=true/>
                <button type="submit" class="btn">{text::create_topic()}</button>
            </form>
            <form class="actions__form" on:submit=produce aria-labelledby="actions-produce">
                <h3 id="actions-produce">{text::action_produce()}</h3>
                <Choice label=text::input_topic() value=topic options=topics/>
                <Field label=text::input_key() value=key/>
                <Field label=text::input_value() value=value/>
                <Field label=text::input_header() value=header/>
                <Show when=move || !has_writer.get()>
                    <Choice label="acks" value=acks options=acks_options/>
                </Show>
                <button type="submit" class="btn" disabled=no_topics>{text::send()}</button>
            </form>
            <form class="actions__form" on:submit=set_writer aria-labelledby="actions-writer">
                <h3 id="actions-writer">{text::action_writer()}</h3>
                <Choice label="Balancer" value=balancer options=balancers/>
                <Choice label="RequiredAcks" value=required_acks options=required_acks_options/>
                <Choice label="Async" value=is_async options=booleans/>
                <Choice label="Completion" value=completion options=completions/>
                <div class="actions__buttons">
                    <button type="submit" class="btn">{text::set_writer()}</button>
                    <button type="button" class="btn" disabled=move || !has_writer.get() on:click=use_java>{text::use_java_client()}</button>
                </div>
            </form>
            <form class="actions__form" on:submit=add_consumer aria-labelledby="actions-consumer">
                <h3 id="actions-consumer">{text::action_add_consumer()}</h3>
                <Field label=text::input_consumer() value=consumer_name/>
                <Field label=text::input_group() value=group/>
                <Choice label=text::input_topic() value=consumer_topic options=topics/>
                <button type="submit" class="btn" disabled=no_topics>{text::add_consumer()}</button>
            </form>
            <form class="actions__form" on:submit=seek aria-labelledby="actions-consumers">
                <h3 id="actions-consumers">{text::action_consumers()}</h3>
                <Choice label=text::input_consumer() value=picked options=consumers/>
                <div class="actions__buttons">
                    <button type="button" class="btn" disabled=no_consumers on:click=on_consumer("poll")>{text::poll()}</button>
                    <button type="button" class="btn" disabled=no_consumers on:click=on_consumer("process")>{text::process_records()}</button>
                    <button type="button" class="btn" disabled=no_consumers on:click=on_consumer("commit")>{text::commit()}</button>
                    <button type="button" class="btn" disabled=no_consumers on:click=on_consumer("close")>{text::close_consumer()}</button>
                    <button type="button" class="btn" disabled=no_consumers on:click=on_consumer("crash-consumer")>{text::crash_consumer()}</button>
                </div>
                <Choice label=text::input_topic() value=seek_topic options=topics/>
                <Field label=text::input_partition() value=seek_partition number=true/>
                <Field label=text::input_offset() value=seek_offset number=true/>
                <button type="submit" class="btn" disabled=no_consumers>{text::seek()}</button>
            </form>
            <form class="actions__form" on:submit=set_handler aria-labelledby="actions-app">
                <h3 id="actions-app">{text::action_app()}</h3>
                <Field label=text::input_group() value=app_group/>
                <Field label=text::input_retry_timeout() value=retry_timeout/>
                <Choice label="errors.tolerance" value=tolerance options=tolerances/>
                <Field label=text::input_dlq_topic() value=dlq/>
                <button type="submit" class="btn">{text::set_handler()}</button>
                <Field label=text::input_outage() value=outage/>
                <div class="actions__buttons">
                    <button type="button" class="btn" on:click=stop_db>{text::stop_database()}</button>
                    <button type="button" class="btn" on:click=start_db>{text::start_database()}</button>
                </div>
            </form>
            <form class="actions__form" on:submit=reset aria-labelledby="actions-reset">
                <h3 id="actions-reset">{text::action_reset_offsets()}</h3>
                <Choice label=text::input_group() value=reset_group options=groups/>
                <Choice label=text::input_topic() value=reset_topic options=topics/>
                <Choice label=text::input_plan() value=plan options=plans/>
                <Field label=text::input_plan_n() value=plan_n/>
                <button type="submit" class="btn" disabled=move || groups.with(Vec::is_empty)>{text::reset_offsets()}</button>
            </form>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn produce_quotes_what_the_grammar_would_split_and_drops_an_empty_key() {
        assert_eq!(
            produce_line("orders", "order 1", "a=b", "source=web"),
            r#"produce orders key="order 1" value="a=b" header.source=web"#
        );
        assert_eq!(produce_line("t", "", "v", ""), "produce t value=v");
        let parsed: Result<kafka_sim::Command, _> =
            produce_line("t", "say \"hi\"", "x y", "h=1 2").parse();
        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn reset_writes_the_tools_plan_options() {
        assert_eq!(
            reset_line("g", "t", "shift-by", " -2 "),
            "kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group g --topic t --reset-offsets --shift-by -2 --execute"
        );
        assert!(reset_line("g", "t", "to-earliest", "").ends_with("--to-earliest --execute"));
    }

    #[test]
    fn the_handler_form_writes_connects_settings_and_an_outage() {
        let line = handler_line("billing", " 5000 ", "all", " payments-dlq ");
        assert_eq!(
            line,
            "set-app billing errors.retry.timeout=5000 errors.tolerance=all errors.deadletterqueue.topic.name=payments-dlq errors.deadletterqueue.context.headers.enable=true"
        );
        assert!(line.parse::<kafka_sim::Command>().is_ok());
        assert_eq!(
            handler_line("g", "0", "none", ""),
            "set-app g errors.retry.timeout=0 errors.tolerance=none"
        );
        assert_eq!(stop_database_line("g", " 30s "), "stop-database g for=30s");
        assert_eq!(stop_database_line("g", ""), "stop-database g");
        assert!(stop_database_line("g", "2m")
            .parse::<kafka_sim::Command>()
            .is_ok());
    }

    #[test]
    fn the_writer_form_writes_only_what_differs_from_the_zero_value() {
        assert_eq!(
            writer_line("nil", "kafka.RequireNone", "false", "nil"),
            "set-writer"
        );
        assert_eq!(
            writer_line("kafka.Murmur2Balancer{}", "kafka.RequireAll", "true", "log"),
            "set-writer Balancer=kafka.Murmur2Balancer{} RequiredAcks=kafka.RequireAll Async=true Completion=log"
        );
        // What the form writes, the engine takes.
        let mut c = kafka_sim::Cluster::default();
        c.apply_script(&writer_line(
            "&kafka.Hash{}",
            "kafka.RequireOne",
            "true",
            "nil",
        ))
        .unwrap();
        let w = c.producer().writer.as_ref().unwrap();
        assert_eq!(
            (w.balancer_literal(), w.required_acks, w.is_async),
            ("&kafka.Hash{}", 1, true)
        );
    }

    #[test]
    fn a_choice_falls_back_to_the_first_option() {
        let o = vec!["a".to_string(), "b".to_string()];
        assert_eq!(chosen("b", &o), "b");
        assert_eq!(chosen("", &o), "a");
        assert_eq!(chosen("x", &[]), "");
    }
}
