//! Topic name rules, as `org.apache.kafka.common.internals.Topic#validate` checks them.

use crate::error::{ErrorKind, KafkaError};

/// The longest legal topic name (`Topic.MAX_NAME_LENGTH`): 255 minus room for the
/// partition suffix and the `.deleted`/`-delete` markers of a log directory name.
pub const MAX_NAME_LENGTH: usize = 249;

/// Checks `name` in the order Kafka does and fails with its message.
///
/// ```
/// use kafka_sim::topic_name::validate;
/// assert!(validate("order-processing.DLQ").is_ok());
/// assert_eq!(
///     validate("..").unwrap_err().to_string(),
///     "InvalidTopicException: Topic name is invalid: '..' is not allowed"
/// );
/// ```
pub fn validate(name: &str) -> Result<(), KafkaError> {
    // Topic#detectInvalidTopic, then `logPrefix + " is invalid: " + reason`.
    let reason = if name.is_empty() {
        "the empty string is not allowed".to_string()
    } else if name == "." {
        "'.' is not allowed".to_string()
    } else if name == ".." {
        "'..' is not allowed".to_string()
    } else if name.encode_utf16().count() > MAX_NAME_LENGTH {
        // Java's String#length counts UTF-16 code units.
        format!("the length of '{name}' is longer than the max allowed length {MAX_NAME_LENGTH}")
    } else if !name.bytes().all(is_legal_byte) {
        format!("'{name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'")
    } else {
        return Ok(());
    };
    Err(KafkaError::new(
        ErrorKind::InvalidTopicException,
        format!("Topic name is invalid: {reason}"),
    ))
}

/// `Topic.LEGAL_CHARS`: `[a-zA-Z0-9._-]`.
fn is_legal_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-'
}

/// `Topic#unifyCollisionChars`: metric names replace '.' with '_', so Kafka refuses a
/// topic whose name equals an existing one once both are unified.
pub fn unify_collision_chars(name: &str) -> String {
    name.replace('.', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_five_demo_topics() {
        for name in [
            "user-events",
            "orders",
            "payments",
            "notifications",
            "order-processing.DLQ",
        ] {
            assert_eq!(validate(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn accepts_exactly_249_characters_and_rejects_250() {
        assert!(validate(&"a".repeat(249)).is_ok());
        let err = validate(&"a".repeat(250)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidTopicException);
        assert!(err
            .message
            .ends_with("is longer than the max allowed length 249"));
    }

    #[test]
    fn rejects_empty_dot_and_dotdot_but_not_three_dots() {
        assert!(validate("").is_err());
        assert!(validate(".").is_err());
        assert!(validate("..").is_err());
        assert!(validate("...").is_ok());
    }

    #[test]
    fn rejects_spaces_slashes_and_non_ascii_with_kafkas_message() {
        for name in ["my topic", "a/b", "ünïcode", "a:b", "tab\t"] {
            let err = validate(name).unwrap_err();
            assert_eq!(
                err.message,
                format!("Topic name is invalid: '{name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'")
            );
        }
    }
}
