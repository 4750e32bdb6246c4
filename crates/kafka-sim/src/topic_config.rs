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
    /// True when the log cleaner compacts this log (`LogConfig#compact`).
    pub fn compacts(self) -> bool {
        self != Self::Delete
    }

    /// True when retention deletes old segments by time and size (`LogConfig#delete`).
    pub fn deletes(self) -> bool {
        self != Self::Compact
    }

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
    /// `delete.retention.ms`, default 86400000 (1 day): how long a tombstone stays after
    /// the cleaner first keeps it.
    pub delete_retention_ms: i64,
    /// `min.cleanable.dirty.ratio`, default 0.5: the dirty share of a log above which the
    /// cleaner compacts it.
    pub min_cleanable_dirty_ratio: Ratio,
    /// `min.compaction.lag.ms`, default 0: a record stays uncompacted at least this long.
    pub min_compaction_lag_ms: i64,
    /// `max.compaction.lag.ms`, default Long.MAX_VALUE: a record is compacted at most
    /// this long after it was written, whatever the dirty ratio.
    pub max_compaction_lag_ms: i64,
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
            delete_retention_ms: 86_400_000,
            min_cleanable_dirty_ratio: Ratio::new(5, 1),
            min_compaction_lag_ms: 0,
            max_compaction_lag_ms: i64::MAX,
            overrides: VecMap::new(),
        }
    }
}

/// The topic config names this simulation knows, in the order `--describe` lists them.
pub const KNOWN_NAMES: &[&str] = &[
    "cleanup.policy",
    "compression.type",
    "delete.retention.ms",
    "max.compaction.lag.ms",
    "max.message.bytes",
    "min.cleanable.dirty.ratio",
    "min.compaction.lag.ms",
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
            "delete.retention.ms" => self.delete_retention_ms = long_at_least(name, value, 0)?,
            "min.compaction.lag.ms" => self.min_compaction_lag_ms = long_at_least(name, value, 0)?,
            "max.compaction.lag.ms" => self.max_compaction_lag_ms = long_at_least(name, value, 1)?,
            "min.cleanable.dirty.ratio" => self.min_cleanable_dirty_ratio = ratio(name, value)?,
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
            "delete.retention.ms" => self.delete_retention_ms.to_string(),
            "min.compaction.lag.ms" => self.min_compaction_lag_ms.to_string(),
            "max.compaction.lag.ms" => self.max_compaction_lag_ms.to_string(),
            "min.cleanable.dirty.ratio" => self.min_cleanable_dirty_ratio.java(),
            "max.message.bytes" => self.max_message_bytes.to_string(),
            "min.insync.replicas" => self.min_insync_replicas.to_string(),
            "unclean.leader.election.enable" => self.unclean_leader_election_enable.to_string(),
            "cleanup.policy" => self.cleanup_policy.as_str().to_string(),
            "compression.type" => self.compression_type.clone(),
            _ => return None,
        })
    }
}

impl TopicConfig {
    /// The checks across configs once all are set (`LogConfig#validateValues`).
    pub fn validate(&self) -> Result<(), KafkaError> {
        if self.min_compaction_lag_ms > self.max_compaction_lag_ms {
            return Err(KafkaError::new(
                ErrorKind::InvalidConfigurationException,
                format!(
                    "conflict topic config setting min.compaction.lag.ms ({}) > max.compaction.lag.ms ({})",
                    self.min_compaction_lag_ms, self.max_compaction_lag_ms
                ),
            ));
        }
        Ok(())
    }
}

/// A DOUBLE config between 0 and 1, kept as the decimal it was written in
/// (`mantissa / 10^scale`): exact, `Eq`, and neither parsed nor printed through floating
/// point, whose formatting code would cost the app tens of kilobytes of download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Ratio {
    mantissa: u64,
    scale: u32,
}

/// `NaN`, which `Range.between` lets through (every comparison with it is false), so the
/// dirty ratio never passes it.
const NAN: Ratio = Ratio::new(u64::MAX, 0);
/// `Infinity`, refused by the range check.
const INFINITY: Ratio = Ratio::new(u64::MAX - 1, 0);

/// The most decimal places a ratio keeps (a double holds about 17 digits).
const MAX_SCALE: u32 = 18;

impl Ratio {
    /// `mantissa / 10^scale`.
    pub const fn new(mantissa: u64, scale: u32) -> Self {
        Self { mantissa, scale }
    }

    /// True when `num / den` is above this ratio (`cleanableRatio > minCleanableRatio`).
    pub fn is_below(self, num: u64, den: u64) -> bool {
        self != NAN
            && u128::from(num) * 10u128.pow(self.scale)
                > u128::from(self.mantissa) * u128::from(den)
    }

    /// Java's `Double.toString` of the value: `0.5`, `1.0`, `0.01`, `1.0E-4`.
    fn java(self) -> String {
        match self {
            NAN => return "NaN".into(),
            INFINITY => return "Infinity".into(),
            _ => {}
        }
        let digits = self.mantissa.to_string();
        let scale = self.scale as usize;
        if self.mantissa == 0 {
            return "0.0".into();
        }
        let (int, frac) = if digits.len() > scale {
            let (i, f) = digits.split_at(digits.len() - scale);
            (i.to_string(), f.to_string())
        } else {
            (
                "0".to_string(),
                format!("{}{digits}", "0".repeat(scale - digits.len())),
            )
        };
        let frac = frac.trim_end_matches('0');
        // Below 10^-3 Java switches to computerized scientific notation.
        let leading = frac.len() - frac.trim_start_matches('0').len();
        if int == "0" && leading >= 3 {
            let sig = frac.trim_start_matches('0');
            let rest = if sig.len() > 1 { &sig[1..] } else { "0" };
            return format!("{}.{rest}E-{}", &sig[..1], leading + 1);
        }
        format!("{int}.{}", if frac.is_empty() { "0" } else { frac })
    }

    /// Java's `Double.parseDouble` for plain decimals (`0.5`, `.5`, `1`, `5e-1`); `None`
    /// for anything else.
    fn parse(text: &str) -> Option<(bool, Self)> {
        let (negative, t) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        // FloatingDecimal accepts a d, D, f or F suffix, NaN and Infinity.
        let t = t.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(t);
        match t {
            "NaN" => return Some((false, NAN)),
            "Infinity" => return Some((negative, INFINITY)),
            _ => {}
        }
        let (number, exponent) = match t.find(['e', 'E']) {
            Some(at) => (&t[..at], t[at + 1..].parse::<i32>().ok()?),
            None => (t, 0),
        };
        let (int, frac) = number.split_once('.').unwrap_or((number, ""));
        if int.is_empty() && frac.is_empty()
            || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut digits = format!("{int}{frac}");
        let mut scale = frac.len() as i64 - i64::from(exponent);
        while scale < 0 {
            digits.push('0');
            scale += 1;
        }
        let digits = digits.trim_start_matches('0');
        let mut digits = if digits.is_empty() { "0" } else { digits }.to_string();
        while scale > i64::from(MAX_SCALE) {
            digits.pop();
            scale -= 1;
            if digits.is_empty() {
                digits.push('0');
            }
        }
        // More than 19 digits is more than 1 here: the range check refuses it.
        let mantissa = digits.parse::<u64>().unwrap_or(u64::MAX);
        Some((negative && mantissa != 0, Self::new(mantissa, scale as u32)))
    }
}

/// A DOUBLE between 0 and 1 (`ConfigDef.Range.between(0, 1)`): the message names the
/// parsed double, as `ConfigException` prints the value it was given.
fn ratio(name: &str, value: &str) -> Result<Ratio, KafkaError> {
    let (negative, r) = Ratio::parse(value.trim())
        .ok_or_else(|| invalid(value, name, "Not a number of type DOUBLE"))?;
    if negative {
        return Err(invalid(
            &format!("-{}", r.java()),
            name,
            "Value must be at least 0",
        ));
    }
    if r != NAN && u128::from(r.mantissa) > 10u128.pow(r.scale) {
        return Err(invalid(&r.java(), name, "Value must be no more than 1"));
    }
    Ok(r)
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
        // ConfigException names the parsed value: `-05` is "Invalid value -5".
        return Err(invalid(
            &n.to_string(),
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
    fn compaction_configs_have_kafkas_defaults_and_ranges() {
        let mut c = TopicConfig::default();
        assert_eq!(c.get("delete.retention.ms").as_deref(), Some("86400000"));
        assert_eq!(c.get("min.cleanable.dirty.ratio").as_deref(), Some("0.5"));
        assert_eq!(c.get("min.compaction.lag.ms").as_deref(), Some("0"));
        assert_eq!(
            c.get("max.compaction.lag.ms").as_deref(),
            Some("9223372036854775807")
        );
        let err = c.set("min.cleanable.dirty.ratio", "2").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid value 2.0 for configuration min.cleanable.dirty.ratio: Value must be no more than 1"
        );
        let err = c.set("min.cleanable.dirty.ratio", "half").unwrap_err();
        assert!(
            err.message.ends_with("Not a number of type DOUBLE"),
            "{err}"
        );
        let err = c.set("max.compaction.lag.ms", "0").unwrap_err();
        assert!(err.message.ends_with("Value must be at least 1"), "{err}");
        c.set("min.cleanable.dirty.ratio", "0.01").unwrap();
        assert_eq!(c.min_cleanable_dirty_ratio, Ratio::new(1, 2));
        assert_eq!(c.get("min.cleanable.dirty.ratio").as_deref(), Some("0.01"));
        for (text, java) in [
            ("1", "1.0"),
            (".5", "0.5"),
            ("5e-1", "0.5"),
            ("0.0001", "1.0E-4"),
            ("0.00025", "2.5E-4"),
            ("0", "0.0"),
        ] {
            c.set("min.cleanable.dirty.ratio", text).unwrap();
            assert_eq!(
                c.get("min.cleanable.dirty.ratio").as_deref(),
                Some(java),
                "{text}"
            );
        }
        let err = c.set("min.cleanable.dirty.ratio", "-0.5").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid value -0.5 for configuration min.cleanable.dirty.ratio: Value must be at least 0"
        );
        assert!(c.set("min.cleanable.dirty.ratio", "1.5e0").is_err());
        let err = c.set("min.cleanable.dirty.ratio", "Infinity").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid value Infinity for configuration min.cleanable.dirty.ratio: Value must be no more than 1"
        );
        assert!(c.set("min.cleanable.dirty.ratio", "inf").is_err());
        c.set("min.cleanable.dirty.ratio", "0.25d").unwrap();
        assert_eq!(c.get("min.cleanable.dirty.ratio").as_deref(), Some("0.25"));
        // NaN passes Range.between, and no ratio is ever above it.
        c.set("min.cleanable.dirty.ratio", "NaN").unwrap();
        assert!(!c.min_cleanable_dirty_ratio.is_below(1, 1));
        let err = c.set("min.compaction.lag.ms", "-05").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid value -5 for configuration min.compaction.lag.ms: Value must be at least 0"
        );
        assert!(c.set("min.cleanable.dirty.ratio", "1.").is_ok());
        c.set("min.compaction.lag.ms", "60000").unwrap();
        c.set("max.compaction.lag.ms", "1000").unwrap();
        assert_eq!(
            c.validate().unwrap_err().message,
            "conflict topic config setting min.compaction.lag.ms (60000) > max.compaction.lag.ms (1000)"
        );
    }

    #[test]
    fn both_cleanup_policies_in_either_order() {
        let mut c = TopicConfig::default();
        c.set("cleanup.policy", "compact,delete").unwrap();
        assert_eq!(c.cleanup_policy, CleanupPolicy::DeleteAndCompact);
        assert_eq!(c.overrides["cleanup.policy"], "compact,delete");
    }
}
