//! Why a goal does not hold, as data rather than a finished English sentence, so that
//! the app can show it in the learner's language: a [`Miss`] carries a stable key
//! (`miss.partition_count`), its English template with `{name}` holes, and the values
//! found on the cluster. The app's `locale.rs`/`text.rs` look the key up in the
//! locale's table and [`Miss::fill`] the translated template with the same values;
//! without a translation, [`Display`](std::fmt::Display) gives the English.
//!
//! Every message is written in `goal.rs` as one call of [`Miss::new`] on one line, its
//! key and its English both plain string literals: the app extracts the key/English
//! pairs from that source text with a simple scanner, and a test there proves each key
//! has one English.

use std::fmt;

/// Why a goal does not hold, as a message a translation can carry: a key, its English
/// template with `{name}` holes, and the values. Display gives the English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// The message's key, like `miss.partition_count`: `miss.` and a snake_case name.
    pub key: &'static str,
    /// The English template, like `{topic} has {n} partitions, not {partitions}`.
    pub english: &'static str,
    /// The value of each hole, by name, in the order given.
    pub args: Vec<(&'static str, String)>,
}

impl Miss {
    /// A message without values yet (see [`Miss::with`]).
    pub fn new(key: &'static str, english: &'static str) -> Self {
        Miss {
            key,
            english,
            args: Vec::new(),
        }
    }

    /// The message with `value` for the hole `{name}` (its `Display` text).
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The value of hole `name`, if given.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The template filled with the values (a name with no value stays as `{name}`).
    /// `template` is [`Miss::english`] or a translation of it with the same holes; the
    /// values are put in as they are, never read as holes themselves.
    pub fn fill(&self, template: &str) -> String {
        fill_holes(template, |name| self.arg(name).map(str::to_string))
    }
}

/// `template` with each `{name}` replaced by `value(name)`; a name with no value stays
/// as written, and an unclosed `{` is text. Values are put in as they are, never read as
/// holes themselves. The one filler of the project: the app's messages (locale.rs) use
/// it too.
pub fn fill_holes(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fill(self.english))
    }
}

impl std::error::Error for Miss {}

#[cfg(test)]
mod tests {
    use super::*;

    // Through constants, so no scanner of `Miss::new("...` takes these for messages.
    const KEY: &str = "miss.test";
    const ENGLISH: &str = "{topic} has {n} partitions, not {partitions}";

    #[test]
    fn fill_puts_each_value_in_its_hole() {
        let m = Miss::new(KEY, ENGLISH)
            .with("topic", "orders")
            .with("n", 3)
            .with("partitions", 5u32);
        assert_eq!(m.fill(ENGLISH), "orders has 3 partitions, not 5");
        assert_eq!(
            m.fill("{partitions} statt {n} Partitionen in {topic}"),
            "5 statt 3 Partitionen in orders"
        );
        assert_eq!(m.arg("n"), Some("3"));
        assert_eq!(m.arg("x"), None);
    }

    #[test]
    fn display_is_the_english_filled() {
        let m = Miss::new(KEY, ENGLISH)
            .with("topic", "t")
            .with("n", 1)
            .with("partitions", 2);
        assert_eq!(m.to_string(), "t has 1 partitions, not 2");
        assert_eq!(m.key, KEY);
        assert_eq!(m.english, ENGLISH);
    }

    #[test]
    fn a_hole_without_a_value_stays_as_its_name() {
        let m = Miss::new(KEY, ENGLISH).with("topic", "t");
        assert_eq!(m.to_string(), "t has {n} partitions, not {partitions}");
        // Values are not holes, and a brace that never closes is text.
        let m = Miss::new(KEY, "{a} and {b").with("a", "{b}");
        assert_eq!(m.to_string(), "{b} and {b");
        // A plural ending a translation may leave out.
        let m = Miss::new(KEY, "{n} record{s}").with("n", 1).with("s", "");
        assert_eq!(m.to_string(), "1 record");
        assert_eq!(m.fill("{n} enregistrement"), "1 enregistrement");
    }
}
