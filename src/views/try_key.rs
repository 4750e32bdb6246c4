//! "Try a key": any key, any partition count, the real partition for the Java client
//! and for librdkafka's `consistent` partitioner, every step shown, then a table of
//! where each client library puts it; all computed by the engine.

use kafka_sim::client_partitioner::{place, Client, Placement};
use kafka_sim::partitioner::{hash_key, HashAlgorithm};
use leptos::prelude::*;

use crate::text;
use crate::views::hash_steps::hash_steps_html;

/// Why a typed partition count cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadCount {
    /// Nothing typed, or not a whole number ("2.5", "abc").
    NotWhole,
    /// Zero or negative: a topic has at least one partition (Kafka's own rule).
    NotPositive,
    /// More than a Java `int` holds, the type of Kafka's partition count.
    TooLarge,
}

/// Reads a partition count typed by a learner: any whole number Kafka could have, from 1
/// to `Integer.MAX_VALUE` (the box sets no limit of its own).
pub fn parse_partitions(text: &str) -> Result<u32, BadCount> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BadCount::NotWhole);
    }
    if t.starts_with('-') || digits.bytes().all(|b| b == b'0') {
        return Err(BadCount::NotPositive);
    }
    match digits.parse::<u32>() {
        Ok(n) if n <= i32::MAX as u32 => Ok(n),
        _ => Err(BadCount::TooLarge),
    }
}

/// The table's rows: each client's default, then the settings that match Java.
const CLIENT_ROWS: [(Client, &str); 9] = [
    (Client::Java, "default"),
    (Client::Librdkafka, "consistent_random"),
    (Client::KafkaGo, "round-robin"),
    (Client::Sarama, "hash"),
    (Client::Kafkajs, "default"),
    (Client::Kafkajs, "legacy"),
    (Client::Librdkafka, "murmur2_random"),
    (Client::KafkaGo, "murmur2"),
    (Client::KafkaGo, "hash"),
];

/// Where every client of [`CLIENT_ROWS`] puts `key` (`None`: null) among `n`.
fn clients_table(key: Option<&str>, n: u32) -> impl IntoView {
    let rows = CLIENT_ROWS
        .iter()
        .map(|(client, name)| {
            let setting = client.setting(name).unwrap_or_default();
            let cell = match place(*client, Some(name), key.map(str::as_bytes), n) {
                Ok(Placement::Hashed(h)) => {
                    view! { <td><strong>{h.partition}</strong></td> }.into_any()
                }
                // The engine's reason is English; the setting column already says
                // which rule this is.
                Ok(Placement::NotFromKey(_)) => {
                    view! { <td class="try-key__not-from-key">{text::not_from_key()}</td> }
                        .into_any()
                }
                Err(e) => view! { <td>{e}</td> }.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{client.label()}</th>
                    <td><code>{setting}</code></td>
                    {cell}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="try-key__clients">
            <caption>{text::every_client_caption()}</caption>
            <thead>
                <tr>
                    <th scope="col">{text::column_client()}</th>
                    <th scope="col">{text::column_setting()}</th>
                    <th scope="col">{text::column_partition()}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The try-a-key box.
#[component]
pub fn TryKey() -> impl IntoView {
    let key = RwSignal::new(text::try_key_example().to_string());
    let null_key = RwSignal::new(false);
    let partitions = RwSignal::new("3".to_string());
    let result = move || {
        let n = match parse_partitions(&partitions.get()) {
            Ok(n) => n,
            Err(bad) => {
                return view! { <p class="panel__error" role="alert">{text::bad_partition_count(bad)}</p> }
                    .into_any()
            }
        };
        if null_key.get() {
            return view! { <p>{text::null_key_explained()}</p> {clients_table(None, n)} }
                .into_any();
        }
        let k = key.get();
        let java = hash_key(HashAlgorithm::Murmur2, k.as_bytes(), n);
        let crc = hash_key(HashAlgorithm::Crc32, k.as_bytes(), n);
        view! {
            <div class="try-key__results">
                <div>
                    <h4>{text::java_client()}</h4>
                    <div inner_html=hash_steps_html(&k, &java)></div>
                </div>
                <div>
                    <h4>{text::librdkafka_consistent()}</h4>
                    <div inner_html=hash_steps_html(&k, &crc)></div>
                </div>
            </div>
            {clients_table(Some(&k), n)}
        }
        .into_any()
    };
    view! {
        <section class="panel try-key" aria-labelledby="try-key-title">
            <h3 class="panel__title" id="try-key-title">{text::try_key_panel()}</h3>
            <div class="try-key__inputs">
                <label>
                    {text::key()}
                    <input
                        type="text"
                        prop:value=move || key.get()
                        on:input=move |ev| key.set(event_target_value(&ev))
                        disabled=move || null_key.get()
                        spellcheck="false"
                    />
                </label>
                <label>
                    {text::partitions()}
                    <input
                        type="number"
                        min="1"
                        step="1"
                        prop:value=move || partitions.get()
                        on:input=move |ev| partitions.set(event_target_value(&ev))
                    />
                </label>
                <label class="try-key__null">
                    <input type="checkbox" prop:checked=move || null_key.get() on:change=move |ev| null_key.set(event_target_checked(&ev))/>
                    {text::null_key()}
                </label>
            </div>
            <div aria-live="polite">{result}</div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_partitions;

    #[test]
    fn any_count_kafka_could_have_is_taken_and_the_rest_says_why() {
        use super::BadCount::*;
        assert_eq!(parse_partitions(" 3 "), Ok(3));
        assert_eq!(parse_partitions("99999999"), Ok(99_999_999));
        assert_eq!(parse_partitions("2147483647"), Ok(2_147_483_647));
        for (text, why) in [
            ("0", NotPositive),
            ("-3", NotPositive),
            ("000", NotPositive),
            ("2.5", NotWhole),
            ("", NotWhole),
            ("abc", NotWhole),
            ("1e3", NotWhole),
            ("-", NotWhole),
            ("2147483648", TooLarge),
            ("99999999999999999999", TooLarge),
        ] {
            assert_eq!(parse_partitions(text), Err(why), "{text}");
        }
    }
}
