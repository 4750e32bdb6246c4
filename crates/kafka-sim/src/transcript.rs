//! A script's run as text: each command, the events it caused (as JSON) or Kafka's
//! refusal, then the final state. `kafka-sim run` prints it; golden tests diff it.

use std::fmt::Write as _;

use crate::command::Command;

/// What running a script produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    /// The readable record of the run.
    pub text: String,
    /// How many commands were refused.
    pub rejected: usize,
}

/// Runs `commands` on a fresh default cluster.
///
/// ```
/// let commands = kafka_sim::command::parse_script("create-topic t\nproduce t key=k value=v\n").unwrap();
/// let t = kafka_sim::transcript::transcript(&commands);
/// assert_eq!(t.rejected, 0);
/// assert!(t.text.contains("\"event\":\"RecordAppended\""));
/// ```
pub fn transcript(commands: &[Command]) -> Transcript {
    transcript_from(crate::script::ClusterSpec::default(), commands)
}

/// Runs `commands` on the cluster a script's header names (`script.rs`).
pub fn transcript_from(spec: crate::script::ClusterSpec, commands: &[Command]) -> Transcript {
    let mut cluster = spec.build();
    let mut text = String::new();
    let mut rejected = 0;
    for c in commands {
        let _ = writeln!(text, "> {c}");
        match cluster.apply(c) {
            Ok(events) => {
                for e in events {
                    let _ = writeln!(text, "  {}", serde_json::to_string(&e).unwrap_or_default());
                }
            }
            Err(e) => {
                rejected += 1;
                let _ = writeln!(text, "  ! {e}");
            }
        }
    }
    text.push_str(&cluster.render());
    Transcript { text, rejected }
}
