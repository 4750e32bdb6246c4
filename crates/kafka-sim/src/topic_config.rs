//! Topic-level configs with Kafka's names and defaults (`TopicConfig`, `LogConfig`,
//! `ServerLogConfigs` at the Kafka 3.9 snapshot named in KAFKA-SEMANTICS.md).

use crate::collections::VecMap;

use crate::error::{ErrorKind, KafkaError};

/// `cleanup.policy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum CleanupPolicy {
    /// `delete` (default): whole segments are removed by retention.
    Delete,
    /// `compact`: the latest value per key is kept.
    Compact,
    /// `delete,compact` (either order): both.
    DeleteAndCompact,
}

impl CleanupPolicy {
    /// The config value as Kafka prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Delete => "delete",
            Self::Compact => "compact",
            Self::DeleteAndCompact => "delete,compact",
        }
    }
}

/// The typed config of one topic. `overrides` remembers which keys were set
/// explicitly, as `kafka-configs --describe` separates them from defaults.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TopicConfig {
    /// `retention.ms`, default 604800000 (7 days); -1 means unlimited.
    pub retention_ms: i64,
    /// `retention.bytes`, per partition; default -1 (unlimited).
    pub retention_bytes: i64,
    /// `segment.bytes`, default 1073741824 (1 GiB).
    pub segment_bytes: i64,
    /// `segment.ms`, default 604800000 (7 days).
    pub segment_ms: i64,
    /// `cleanup.policy`, default delete.
    pub cleanup_policy: CleanupPolicy,
    /// `compression.type`, default `producer` (keep what the producer sent).
    pub compression_type: String,
    /// `min.insync.replicas`, default 1.
    pub min_insync_replicas: i32,
    /// `max.message.bytes`, default 1048588.
    pub max_message_bytes: i64,
    /// `unclean.leader.election.enable`, default false: whether the controller may elect
    /// a replica outside the ISR (and ELR) when no eligible one is left, losing data.
    pub unclean_leader_election_enable: bool,
    /// Keys set explicitly, with the text they were given.
    pub overrides: VecMap<String, String>,
}

impl Default for TopicConfig {
    fn default() -> Self {
        Self {
            retention_ms: 604_800_000,
            retention_bytes: -1,
            segment_bytes: 1_073_741_824,
            segment_ms: 604_800_000,
            cleanup_policy: CleanupPolicy::Delete,
            compression_type: "producer".into(),
            min_insync_replicas: 1,
            max_message_bytes: 1_048_588,
            unclean_leader_election_enable: false,
            overrides: VecMap::new(),
        }
    }
}

/// The topic config names this simulation knows, in the order `--describe` lists them.
pub const KNOWN_NAMES: &[&str] = &[
    "cleanup.policy",
    "compression.type",
    "max.message.bytes",
    "min.insync.replicas",
    "retention.bytes",
    "retention.ms",
    "segment.bytes",
    "segment.ms",
    "unclean.leader.election.enable",
];

/// `compression.type` values (`BrokerCompressionType`).
const COMPRESSION_TYPES: &[&str] = &["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"];

/// The smallest `segment.bytes`: 1 MiB since Kafka 4.0 (KIP-1030; `LogConfig`:
/// `atLeast(1024 * 1024)`). It was 14 bytes before.
pub const MIN_SEGMENT_BYTES: i64 = 1024 * 1024;

impl TopicConfig {
    /// Sets `name` to `value`, as CreateTopics or AlterConfigs would, with ConfigDef's
    /// messages for bad input. On error nothing changes.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), KafkaError> {
        match name {
            "retention.ms" => self.retention_ms = long_at_least(name, value, -1)?,
            // LogConfig: retention.bytes has no validator ("can be negative").
            "retention.bytes" => self.retention_bytes = long_at_least(name, value, i64::MIN)?,
            // segment.bytes, max.message.bytes and min.insync.replicas are INT in LogConfig.
            "segment.bytes" => {
                self.segment_bytes = int_at_least(name, value, MIN_SEGMENT_BYTES as i32)?.into()
            }
            "segment.ms" => self.segment_ms = long_at_least(name, value, 1)?,
            "max.message.bytes" => self.max_message_bytes = int_at_least(name, value, 0)?.into(),
            "min.insync.replicas" => self.min_insync_replicas = int_at_least(name, value, 1)?,
            "unclean.leader.election.enable" => {
                // ConfigDef.parseType(BOOLEAN): "true" or "false", any case.
                self.unclean_leader_election_enable = match value.to_ascii_lowercase().as_str() {
                    "true" => true,
                    "false" => false,
                    _ => {
                        return Err(invalid(
                            value,
                            name,
                            "Expected value to be either true or false",
                        ))
                    }
                }
            }
            "cleanup.policy" => self.cleanup_policy = cleanup_policy(value)?,
            "compression.type" => {
                if !COMPRESSION_TYPES.contains(&value) {
                    return Err(invalid(
                        value,
                        name,
                        &format!("String must be one of: {}", COMPRESSION_TYPES.join(", ")),
                    ));
                }
                self.compression_type = value.to_string();
            }
            _ => {
                return Err(KafkaError::new(
                    ErrorKind::InvalidConfigurationException,
                    format!("Unknown topic config name: {name}"),
                ))
            }
        }
        self.overrides.insert(name.to_string(), value.to_string());
        Ok(())
    }

    /// The value of `name` as text, or `None` for an unknown name.
    pub fn get(&self, name: &str) -> Option<String> {
        Some(match name {
            "retention.ms" => self.retention_ms.to_string(),
            "retention.bytes" => self.retention_bytes.to_string(),
            "segment.bytes" => self.segment_bytes.to_string(),
            "segment.ms" => self.segment_ms.to_string(),
            "max.message.bytes" => self.max_message_bytes.to_string(),
            "min.insync.replicas" => self.min_insync_replicas.to_string(),
            "unclean.leader.election.enable" => self.unclean_leader_election_enable.to_string(),
            "cleanup.policy" => self.cleanup_policy.as_str().to_string(),
            "compression.type" => self.compression_type.clone(),
            _ => return None,
        })
    }
}

/// ConfigException's message shape: `Invalid value V for configuration N: reason`.
fn invalid(value: &str, name: &str, reason: &str) -> KafkaError {
    KafkaError::new(
        ErrorKind::InvalidConfigurationException,
        format!("Invalid value {value} for configuration {name}: {reason}"),
    )
}

/// A LONG config, at least `min` (ConfigDef's `Range.atLeast`).
fn long_at_least(name: &str, value: &str, min: i64) -> Result<i64, KafkaError> {
    number_at_least(name, value, min, "LONG")
}

/// An INT config (segment.bytes, max.message.bytes, min.insync.replicas are INT in
/// LogConfig): values past i32 are "Not a number of type INT".
fn int_at_least(name: &str, value: &str, min: i32) -> Result<i32, KafkaError> {
    number_at_least(name, value, min, "INT")
}

fn number_at_least<T>(name: &str, value: &str, min: T, type_name: &str) -> Result<T, KafkaError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    let n: T = value
        .trim()
        .parse()
        .map_err(|_| invalid(value, name, &format!("Not a number of type {type_name}")))?;
    if n < min {
        return Err(invalid(
            value,
            name,
            &format!("Value must be at least {min}"),
        ));
    }
    Ok(n)
}

fn cleanup_policy(value: &str) -> Result<CleanupPolicy, KafkaError> {
    let mut delete = false;
    let mut compact = false;
    for part in value.split(',').map(str::trim) {
        match part {
            "delete" => delete = true,
            "compact" => compact = true,
            // ValidList names the offending element, not the whole list.
            other => {
                return Err(invalid(
                    other,
                    "cleanup.policy",
                    "String must be one of: compact, delete",
                ))
            }
        }
    }
    Ok(match (delete, compact) {
        (true, true) => CleanupPolicy::DeleteAndCompact,
        (false, true) => CleanupPolicy::Compact,
        _ => CleanupPolicy::Delete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_kafkas() {
        let c = TopicConfig::default();
        assert_eq!(c.get("retention.ms").as_deref(), Some("604800000"));
        assert_eq!(c.get("retention.bytes").as_deref(), Some("-1"));
        assert_eq!(c.get("segment.bytes").as_deref(), Some("1073741824"));
        assert_eq!(c.get("cleanup.policy").as_deref(), Some("delete"));
        assert_eq!(c.get("compression.type").as_deref(), Some("producer"));
        assert_eq!(c.get("min.insync.replicas").as_deref(), Some("1"));
    }

    #[test]
    fn a_bad_value_is_refused_with_config_defs_message_and_changes_nothing() {
        let mut c = TopicConfig::default();
        let err = c.set("retention.ms", "seven days").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid value seven days for configuration retention.ms: Not a number of type LONG"
        );
        // Kafka 4.0 raised the minimum from 14 bytes to 1 MiB (KIP-1030).
        let err = c.set("segment.bytes", "512").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid value 512 for configuration segment.bytes: Value must be at least 1048576"
        );
        assert_eq!(c, TopicConfig::default());
    }

    #[test]
    fn int_configs_refuse_values_past_i32_and_retention_bytes_takes_any_long() {
        let mut c = TopicConfig::default();
        let err = c.set("segment.bytes", "3000000000").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid value 3000000000 for configuration segment.bytes: Not a number of type INT"
        );
        assert!(c.set("retention.bytes", "-5").is_ok());
        let err = c.set("cleanup.policy", "delete,shred").unwrap_err();
        assert!(
            err.message
                .starts_with("Invalid value shred for configuration cleanup.policy"),
            "{err}"
        );
    }

    #[test]
    fn unknown_names_are_refused() {
        let err = TopicConfig::default()
            .set("retention.days", "7")
            .unwrap_err();
        assert_eq!(err.message, "Unknown topic config name: retention.days");
    }

    #[test]
    fn both_cleanup_policies_in_either_order() {
        let mut c = TopicConfig::default();
        c.set("cleanup.policy", "compact,delete").unwrap();
        assert_eq!(c.cleanup_policy, CleanupPolicy::DeleteAndCompact);
        assert_eq!(c.overrides["cleanup.policy"], "compact,delete");
    }
}
