//! The one-line grammar that lesson files use for goals and panels, in the style of the
//! engine's commands: a name, then `key=value` arguments; lists are comma-separated.
//!
//! ```text
//! consumer-owns consumer=c1 topic=user-events partitions=0,1
//! lag-chart group=scaling
//! ```
//!
//! Parsing a string by hand keeps serde's derive for externally tagged enums (tens of
//! kilobytes of wasm for the goal list alone) out of the browser build.

use std::str::FromStr;

/// A parsed line: its name and its arguments, each taken at most once.
#[derive(Debug)]
pub struct Args<'a> {
    /// The whole line, for error messages.
    line: &'a str,
    /// The first word.
    pub name: &'a str,
    /// `key=value` pairs not yet taken.
    rest: Vec<(&'a str, &'a str)>,
}

impl<'a> Args<'a> {
    /// Splits `line` into its name and arguments.
    pub fn parse(line: &'a str) -> Result<Self, String> {
        let mut words = line.split_whitespace();
        let name = words.next().ok_or_else(|| "empty line".to_string())?;
        let mut rest: Vec<(&str, &str)> = Vec::new();
        for word in words {
            let (k, v) = word
                .split_once('=')
                .ok_or_else(|| format!("`{line}`: `{word}` is not key=value"))?;
            if rest.iter().any(|(seen, _)| *seen == k) {
                return Err(format!("`{line}`: {k} is given twice"));
            }
            rest.push((k, v));
        }
        Ok(Self { line, name, rest })
    }

    fn take(&mut self, key: &str) -> Option<&'a str> {
        let at = self.rest.iter().position(|(k, _)| *k == key)?;
        Some(self.rest.remove(at).1)
    }

    fn typed<T: FromStr>(&self, key: &str, v: &str) -> Result<T, String> {
        v.parse()
            .map_err(|_| format!("`{}`: {key}={v} is not valid", self.line))
    }

    /// A required argument.
    pub fn req<T: FromStr>(&mut self, key: &str) -> Result<T, String> {
        let v = self
            .take(key)
            .ok_or_else(|| format!("`{}`: {key}= is missing", self.line))?;
        self.typed(key, v)
    }

    /// An optional argument.
    pub fn opt<T: FromStr>(&mut self, key: &str) -> Result<Option<T>, String> {
        self.take(key).map(|v| self.typed(key, v)).transpose()
    }

    /// A required comma-separated list (`key=` is the empty list).
    pub fn list<T: FromStr>(&mut self, key: &str) -> Result<Vec<T>, String> {
        let v = self
            .take(key)
            .ok_or_else(|| format!("`{}`: {key}= is missing", self.line))?;
        v.split(',')
            .filter(|s| !s.is_empty())
            .map(|s| self.typed(key, s))
            .collect()
    }

    /// Fails on arguments nobody took: a typo must not pass silently.
    pub fn done<T>(self, value: T) -> Result<T, String> {
        match self.rest.first() {
            None => Ok(value),
            Some((k, _)) => Err(format!("`{}`: unknown argument {k}", self.line)),
        }
    }

    /// The error for an unknown name.
    pub fn unknown(&self, what: &str) -> String {
        format!("`{}`: unknown {what} `{}`", self.line, self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_typed_taken_once_and_all_used() {
        let mut a = Args::parse("owns consumer=c1 partitions=0,2 gen=3").unwrap();
        assert_eq!(a.name, "owns");
        assert_eq!(a.req::<String>("consumer").unwrap(), "c1");
        assert_eq!(a.list::<u32>("partitions").unwrap(), vec![0, 2]);
        assert_eq!(a.opt::<i32>("missing").unwrap(), None);
        assert!(a.done(()).unwrap_err().contains("unknown argument gen"));
        assert!(Args::parse("x a=1 a=2").unwrap_err().contains("twice"));
        assert!(Args::parse("x nope").unwrap_err().contains("not key=value"));
        let mut b = Args::parse("x partitions=").unwrap();
        assert_eq!(b.list::<u32>("partitions").unwrap(), Vec::<u32>::new());
        let mut c = Args::parse("x n=-1").unwrap();
        assert!(c.req::<u32>("n").unwrap_err().contains("n=-1 is not valid"));
    }
}
