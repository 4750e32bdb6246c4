//! The option parser of Kafka's jopt-simple tools, as `CommandDefaultOptions` builds it:
//! long options only (`--name value` or `--name=value`), never abbreviated; an option
//! that takes an argument takes the next word whatever it is (`--topic --list` names the
//! topic `--list`); `--` ends the options; other words are kept and ignored. Values are
//! converted when the tool reads them, so a bad number surfaces late, as in Kafka.

/// One option a tool accepts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spec {
    pub name: &'static str,
    /// Whether it takes a (required) argument.
    pub arg: bool,
    /// Whether it takes an optional argument (`withOptionalArg`): the next word, unless
    /// it looks like an option.
    pub optional: bool,
}

/// An option, for a tool's `SPECS` table.
pub(super) const fn opt(name: &'static str, arg: bool) -> Spec {
    Spec {
        name,
        arg,
        optional: false,
    }
}

/// An option whose argument may be left out (`--compression-codec` alone is gzip).
pub(super) const fn opt_optional(name: &'static str) -> Spec {
    Spec {
        name,
        arg: false,
        optional: true,
    }
}

/// Every option's name in `specs`, for completion.
pub(super) fn names(specs: &[Spec]) -> Vec<&'static str> {
    specs.iter().map(|s| s.name).collect()
}

/// A parse failure, as jopt-simple's exception names and says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Error {
    pub class: &'static str,
    pub message: String,
}

/// The options given, in order, with their arguments.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    given: Vec<(&'static str, Option<String>)>,
}

impl Parsed {
    pub fn has(&self, name: &str) -> bool {
        self.given.iter().any(|(n, _)| *n == name)
    }

    /// Every argument given to `name`, in order (`valuesOf`).
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.given
            .iter()
            .filter(|(n, _)| *n == name)
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }

    /// The one argument of `name` (`valueOf`): more than one is an error.
    pub fn value(&self, name: &str) -> Result<Option<&str>, Error> {
        match self.values(name).as_slice() {
            [] => Ok(None),
            [v] => Ok(Some(v)),
            _ => Err(Error {
                class: "joptsimple.MultipleArgumentsForOptionException",
                message: format!(
                    "Found multiple arguments for option {name}, but you asked for only one"
                ),
            }),
        }
    }
}

/// `OptionParser#parse`.
pub(super) fn parse(specs: &[Spec], words: &[String]) -> Result<Parsed, Error> {
    let mut parsed = Parsed::default();
    let mut it = words.iter();
    while let Some(w) = it.next() {
        if w == "--" {
            break;
        }
        if let Some(long) = w.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let spec = specs
                .iter()
                .find(|s| s.name == name)
                .ok_or_else(|| unrecognized(name))?;
            let value = if spec.optional {
                // `OptionalArgumentOptionSpec#detectOptionArgument`: the next word is the
                // argument unless it looks like an option.
                inline.or_else(|| {
                    it.as_slice()
                        .first()
                        .filter(|n| !n.starts_with('-'))
                        .cloned()
                        .inspect(|_| {
                            it.next();
                        })
                })
            } else if !spec.arg {
                None
            } else if inline.is_some() {
                inline
            } else {
                Some(it.next().cloned().ok_or_else(|| Error {
                    class: "joptsimple.OptionMissingRequiredArgumentException",
                    message: format!("Option {name} requires an argument"),
                })?)
            };
            parsed.given.push((spec.name, value));
        } else if let Some(short) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
            // A cluster of short options: these tools define none.
            let first = short.chars().next().expect("not empty").to_string();
            return Err(unrecognized(&first));
        }
    }
    Ok(parsed)
}

fn unrecognized(name: &str) -> Error {
    Error {
        class: "joptsimple.UnrecognizedOptionException",
        message: format!("{name} is not a recognized option"),
    }
}

/// jopt's conversion of an `Integer` option's argument (`Integer.valueOf`).
pub(super) fn integer(option: &str, text: &str) -> Result<i32, (String, Vec<(String, String)>)> {
    text.parse::<i32>().map_err(|_| {
        let nfe = format!("For input string: \"{text}\"");
        (
            format!("Cannot parse argument '{text}' of option {option}"),
            vec![
                (
                    "joptsimple.internal.ReflectionException".to_string(),
                    format!("java.lang.NumberFormatException: {nfe}"),
                ),
                ("java.lang.NumberFormatException".to_string(), nfe),
            ],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[Spec] = &[
        opt("topic", true),
        opt("list", false),
        opt_optional("codec"),
    ];

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn an_argument_option_takes_the_next_word_whatever_it_is() {
        let p = parse(SPECS, &words("--topic --list")).unwrap();
        assert_eq!(p.value("topic").unwrap(), Some("--list"));
        assert!(!p.has("list"));
        let p = parse(SPECS, &words("--topic=a --list extra")).unwrap();
        assert_eq!(p.value("topic").unwrap(), Some("a"));
        assert!(p.has("list"));
    }

    #[test]
    fn an_optional_argument_is_the_next_word_unless_it_looks_like_an_option() {
        let p = parse(SPECS, &words("--codec --list")).unwrap();
        assert_eq!(p.value("codec").unwrap(), None);
        assert!(p.has("codec") && p.has("list"));
        let p = parse(SPECS, &words("--codec lz4 --list")).unwrap();
        assert_eq!(p.value("codec").unwrap(), Some("lz4"));
        let p = parse(SPECS, &words("--codec=zstd")).unwrap();
        assert_eq!(p.value("codec").unwrap(), Some("zstd"));
        let p = parse(SPECS, &words("--list --codec")).unwrap();
        assert!(p.has("codec"));
    }

    #[test]
    fn jopt_errors_name_the_option_as_jopt_does() {
        let e = parse(SPECS, &words("--frob")).unwrap_err();
        assert_eq!(e.message, "frob is not a recognized option");
        let e = parse(SPECS, &words("-x")).unwrap_err();
        assert_eq!(e.message, "x is not a recognized option");
        let e = parse(SPECS, &words("--list --topic")).unwrap_err();
        assert_eq!(e.message, "Option topic requires an argument");
        let p = parse(SPECS, &words("--topic a --topic b")).unwrap();
        assert_eq!(
            p.value("topic").unwrap_err().message,
            "Found multiple arguments for option topic, but you asked for only one"
        );
        assert!(parse(SPECS, &words("--top a")).is_err(), "no abbreviations");
    }
}
