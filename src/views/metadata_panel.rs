//! Topic metadata as `kafka-topics --describe` prints it.

use leptos::prelude::*;

use crate::text;
use crate::views::lesson_player::StepContext;

/// Formats a broker list the way kafka-topics does: `1,2,3`.
fn brokers(list: &[i32]) -> String {
    list.iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The metadata panel.
#[component]
pub fn MetadataPanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let describe = Memo::new(move |_| {
        ctx.topics.with(|ts| {
            let mut out = String::new();
            for t in ts {
                let configs: Vec<String> = t
                    .overrides
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                out.push_str(&format!(
                    "Topic: {}\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}\n",
                    t.name,
                    t.partitions.len(),
                    t.replication_factor,
                    configs.join(",")
                ));
                for p in &t.partitions {
                    out.push_str(&format!(
                        "\tTopic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}\n",
                        t.name,
                        p.id,
                        p.leader.map_or("none".to_string(), |b| b.to_string()),
                        brokers(&p.replicas),
                        brokers(&p.isr)
                    ));
                }
            }
            if out.is_empty() {
                out.push_str("(no topics)\n");
            }
            out
        })
    });
    view! {
        <section class="panel" aria-labelledby="metadata-title">
            <h3 class="panel__title" id="metadata-title"><code>{text::METADATA_PANEL}</code></h3>
            <pre class="describe">{move || describe.get()}</pre>
        </section>
    }
}
