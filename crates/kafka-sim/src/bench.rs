//! The throughput benchmark's workload, the same for `kafka-sim bench` (native) and the
//! in-browser bench (`bench/engine-wasm`, the engine compiled to wasm as the app ships
//! it): keyed records appended to a topic of twelve partitions. Untimed here: the engine
//! has no clock; each caller times [`Workload::run`] with its own.

use crate::{Cluster, Command, Produce};

/// `n` keyed records (10,000 keys, murmur2 routing) and the cluster they go to.
pub struct Workload {
    /// The cluster's setup, in the engine's grammar.
    pub setup: &'static str,
    /// The produce commands.
    pub commands: Vec<Command>,
}

/// The setup of the plain workload: one broker, twelve partitions.
pub const SETUP: &str = "create-topic bench partitions=12";
/// Replication factor 3, acks=all: every send waits for both followers' fetches, on the
/// engine's clock (2 ms each).
pub const SETUP_REPLICATED: &str = "start-broker id=2\nstart-broker id=3\ncreate-topic bench partitions=12 replication-factor=3\ntick 1s";

impl Workload {
    /// `n` records on the cluster `setup` builds.
    pub fn new(n: usize, setup: &'static str) -> Workload {
        let keys: Vec<String> = (0..10_000).map(|i| format!("user-{i}")).collect();
        let commands = (0..n)
            .map(|i| {
                Command::Produce(Produce::keyed(
                    "bench",
                    &keys[i % keys.len()],
                    "{\"action\":\"click\"}",
                ))
            })
            .collect();
        Workload { setup, commands }
    }

    /// A fresh cluster, set up: what [`Workload::run`] appends to.
    pub fn cluster(&self) -> Cluster {
        let mut cluster = Cluster::default();
        cluster.apply_script(self.setup).expect("a fresh cluster");
        cluster
    }

    /// Applies the first `n` commands to `cluster` (the part a caller times), and checks
    /// that every record was appended.
    pub fn run(&self, cluster: &mut Cluster, n: usize) {
        let mut events = Vec::with_capacity(8);
        for c in &self.commands[..n] {
            events.clear();
            cluster.apply_into(c, &mut events).expect("topic exists");
        }
        let appended = cluster.topic("bench").map(|t| {
            t.partitions
                .iter()
                .map(|p| p.log().log_end_offset())
                .sum::<i64>()
        });
        assert_eq!(appended, Some(n as i64), "every record appended");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workload_appends_every_record_on_both_setups() {
        for setup in [SETUP, SETUP_REPLICATED] {
            let w = Workload::new(100, setup);
            let mut c = w.cluster();
            w.run(&mut c, 100);
            assert_eq!(c.topic("bench").unwrap().partitions.len(), 12);
        }
    }
}
