//! "Try a key": any key, any partition count, the real partition for the Java client
//! and for librdkafka's `consistent` partitioner, computed by the engine.

use kafka_sim::partitioner::{hash_key, HashAlgorithm};
use leptos::prelude::*;

use crate::text;
use crate::views::hash_steps::HashSteps;

/// Largest partition count the box accepts (Kafka allows more; the picture does not need it).
const MAX_PARTITIONS: u32 = 10_000;

/// Reads a partition count typed by a learner.
pub fn parse_partitions(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_PARTITIONS).contains(n))
}

/// The try-a-key box.
#[component]
pub fn TryKey() -> impl IntoView {
    let key = RwSignal::new(text::TRY_KEY_EXAMPLE.to_string());
    let null_key = RwSignal::new(false);
    let partitions = RwSignal::new("3".to_string());
    let result = move || {
        let Some(n) = parse_partitions(&partitions.get()) else {
            return view! { <p class="panel__error" role="alert">{text::BAD_PARTITION_COUNT}</p> }
                .into_any();
        };
        if null_key.get() {
            return view! { <p>{text::NULL_KEY_EXPLAINED}</p> }.into_any();
        }
        let k = key.get();
        let java = hash_key(HashAlgorithm::Murmur2, k.as_bytes(), n);
        let crc = hash_key(HashAlgorithm::Crc32, k.as_bytes(), n);
        view! {
            <div class="try-key__results">
                <div>
                    <h4>{text::JAVA_CLIENT}</h4>
                    <HashSteps key=k.clone() hash=java/>
                </div>
                <div>
                    <h4>{text::LIBRDKAFKA_CONSISTENT}</h4>
                    <HashSteps key=k hash=crc/>
                </div>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel try-key" aria-labelledby="try-key-title">
            <h3 class="panel__title" id="try-key-title">{text::TRY_KEY_PANEL}</h3>
            <div class="try-key__inputs">
                <label>
                    {text::KEY}
                    <input
                        type="text"
                        prop:value=move || key.get()
                        on:input=move |ev| key.set(event_target_value(&ev))
                        disabled=move || null_key.get()
                        maxlength="200"
                        spellcheck="false"
                    />
                </label>
                <label>
                    {text::PARTITIONS}
                    <input
                        type="number"
                        min="1"
                        max=MAX_PARTITIONS.to_string()
                        prop:value=move || partitions.get()
                        on:input=move |ev| partitions.set(event_target_value(&ev))
                    />
                </label>
                <label class="try-key__null">
                    <input type="checkbox" prop:checked=move || null_key.get() on:change=move |ev| null_key.set(event_target_checked(&ev))/>
                    {text::NULL_KEY}
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
    fn partition_counts_must_be_whole_and_in_range() {
        assert_eq!(parse_partitions(" 3 "), Some(3));
        for bad in ["0", "-1", "2.5", "", "abc", "10001", "99999999999999999999"] {
            assert_eq!(parse_partitions(bad), None, "{bad}");
        }
    }
}
