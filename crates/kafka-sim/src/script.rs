//! A script's header: the cluster it starts from.
//!
//! A script (a lesson, a golden transcript, `kafka-sim run` and `eval`) may open with
//! one line `cluster brokers=3 controllers=3 seed=7` before its first command; every
//! field may be left out (the default is one broker, three controllers and
//! [`DEFAULT_SEED`]). Without the line, a script runs on the default cluster, so every
//! script written before headers keeps its meaning.

use std::fmt;
use std::str::FromStr;

use crate::broker::lifecycle::MAX_BROKERS;
use crate::cluster::{Cluster, DEFAULT_SEED};
use crate::command::Command;
use crate::error::KafkaError;

/// The most controllers a playground quorum has (node ids 101 to 105).
pub const MAX_CONTROLLERS: u32 = 5;

/// The cluster a script starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterSpec {
    /// Brokers `1..=brokers`, registered and unfenced at time 0.
    pub brokers: u32,
    /// KRaft voters `101..=100 + controllers`; the first leads epoch 1.
    pub controllers: u32,
    /// The seed of every random choice the engine makes (keyless partitions, replica
    /// placement, the Raft election's winner, member ids).
    pub seed: u64,
    /// Combined mode (`process.roles=broker,controller`): the controllers run inside
    /// brokers `1..=controllers` instead of as nodes 101 on, and go down with them.
    pub combined: bool,
}

impl Default for ClusterSpec {
    fn default() -> Self {
        Self {
            brokers: 1,
            controllers: 3,
            seed: DEFAULT_SEED,
            combined: false,
        }
    }
}

impl ClusterSpec {
    /// A fresh cluster as the header says.
    pub fn build(&self) -> Cluster {
        Cluster::with_roles(self.brokers, self.controllers, self.combined, self.seed)
    }

    /// Whether this is the default cluster (a script need not say so).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl FromStr for ClusterSpec {
    type Err = KafkaError;

    /// `cluster brokers=N controllers=N seed=N combined=true`, each field optional. In
    /// combined mode the controllers default to as many brokers as there are, up to 3.
    fn from_str(line: &str) -> Result<Self, KafkaError> {
        let mut words = line.split_whitespace();
        if words.next() != Some("cluster") {
            return Err(KafkaError::syntax("a script header starts with `cluster`"));
        }
        let mut spec = Self::default();
        let mut controllers_given = false;
        for word in words {
            let (k, v) = word.split_once('=').ok_or_else(|| {
                KafkaError::syntax(format!("cluster: expected name=value, got '{word}'"))
            })?;
            let number = |max: u64| -> Result<u64, KafkaError> {
                v.parse::<u64>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or_else(|| {
                        KafkaError::syntax(format!("cluster: {k} must be 1 to {max}, got '{v}'"))
                    })
            };
            match k {
                "brokers" => spec.brokers = number(MAX_BROKERS as u64)? as u32,
                "controllers" => {
                    spec.controllers = number(MAX_CONTROLLERS as u64)? as u32;
                    controllers_given = true;
                }
                "combined" => {
                    spec.combined = match v {
                        "true" => true,
                        "false" => false,
                        _ => {
                            return Err(KafkaError::syntax(format!(
                                "cluster: combined must be true or false, got '{v}'"
                            )))
                        }
                    }
                }
                "seed" => {
                    spec.seed = v.parse().map_err(|_| {
                        KafkaError::syntax(format!(
                            "cluster: seed must be a whole number, got '{v}'"
                        ))
                    })?
                }
                other => {
                    return Err(KafkaError::syntax(format!(
                        "cluster: unknown field '{other}' (expected brokers, controllers, seed or combined)"
                    )))
                }
            }
        }
        if spec.combined && !controllers_given {
            spec.controllers = spec.brokers.min(3);
        }
        if spec.combined && spec.controllers > spec.brokers {
            return Err(KafkaError::syntax(format!(
                "cluster: in combined mode each controller runs in a broker, so controllers ({}) cannot exceed brokers ({})",
                spec.controllers, spec.brokers
            )));
        }
        Ok(spec)
    }
}

impl fmt::Display for ClusterSpec {
    /// Every field, so a header read back is the same cluster.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cluster brokers={} controllers={} seed={}",
            self.brokers, self.controllers, self.seed
        )?;
        if self.combined {
            f.write_str(" combined=true")?;
        }
        Ok(())
    }
}

/// The header of a script given as lines: the index of its first line that is neither
/// blank nor a comment, when that line is a `cluster` line, with what it says.
pub fn header<'a>(
    lines: impl IntoIterator<Item = &'a str>,
) -> Option<(usize, Result<ClusterSpec, KafkaError>)> {
    let (i, line) = lines
        .into_iter()
        .map(str::trim)
        .enumerate()
        .find(|(_, l)| !l.is_empty() && !l.starts_with('#'))?;
    is_header(line).then(|| (i, line.parse()))
}

/// Whether `line` (trimmed) is a header line.
pub fn is_header(line: &str) -> bool {
    line == "cluster" || line.starts_with("cluster ")
}

/// A script's header and its commands: blank lines and `#` comments skipped; a `cluster`
/// line is allowed only before the first command. Fails with the 1-based line number of
/// the first bad line.
pub fn parse(text: &str) -> Result<(ClusterSpec, Vec<Command>), (usize, KafkaError)> {
    let mut spec = None;
    let mut commands = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if is_header(line) {
            if spec.is_some() || !commands.is_empty() {
                return Err((i + 1, misplaced()));
            }
            spec = Some(line.parse().map_err(|e| (i + 1, e))?);
            continue;
        }
        commands.push(line.parse().map_err(|e| (i + 1, e))?);
    }
    Ok((spec.unwrap_or_default(), commands))
}

/// The error for a header after the first command (or a second one).
pub fn misplaced() -> KafkaError {
    KafkaError::syntax("a `cluster` line comes once, before the script's first command")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_reads_back_as_it_prints_and_fields_default() {
        let spec: ClusterSpec = "cluster brokers=3 seed=7".parse().unwrap();
        assert_eq!(
            spec,
            ClusterSpec {
                brokers: 3,
                controllers: 3,
                seed: 7,
                combined: false,
            }
        );
        let combined: ClusterSpec = "cluster brokers=2 combined=true".parse().unwrap();
        assert_eq!((combined.controllers, combined.combined), (2, true));
        assert_eq!(
            combined.to_string().parse::<ClusterSpec>().unwrap(),
            combined
        );
        assert_eq!(spec.to_string().parse::<ClusterSpec>().unwrap(), spec);
        assert!("cluster".parse::<ClusterSpec>().unwrap().is_default());
    }

    #[test]
    fn bad_headers_say_which_field_and_why() {
        let e = |s: &str| s.parse::<ClusterSpec>().unwrap_err().message;
        assert_eq!(
            e("cluster brokers=0"),
            "cluster: brokers must be 1 to 9, got '0'"
        );
        assert_eq!(
            e("cluster controllers=6"),
            "cluster: controllers must be 1 to 5, got '6'"
        );
        assert!(e("cluster racks=2").contains("unknown field 'racks'"));
        assert!(e("cluster brokers").contains("expected name=value"));
        assert!(e("cluster brokers=1 controllers=3 combined=true")
            .contains("cannot exceed brokers (1)"));
        assert!(e("cluster combined=yes").contains("true or false"));
    }

    #[test]
    fn a_script_has_at_most_one_header_before_its_commands() {
        let (spec, commands) = parse("# intro\ncluster brokers=2\n\ncreate-topic t\n").unwrap();
        assert_eq!(spec.brokers, 2);
        assert_eq!(commands.len(), 1);
        let (line, e) = parse("create-topic t\ncluster brokers=2\n").unwrap_err();
        assert_eq!((line, e.message), (2, misplaced().message));
        assert!(parse("create-topic t\n").unwrap().0.is_default());
    }

    #[test]
    fn the_header_cluster_has_its_brokers_and_controllers() {
        let c = "cluster brokers=3 controllers=1"
            .parse::<ClusterSpec>()
            .unwrap()
            .build();
        assert_eq!(c.brokers().len(), 3);
        assert_eq!(c.quorum().voters.len(), 1);
    }
}
