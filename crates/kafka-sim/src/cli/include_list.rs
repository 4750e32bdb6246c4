//! `--topic` is a regular expression outside `--create` (`TopicFilter.IncludeList`): commas
//! become `|`, spaces and surrounding quotes go, and a topic is included when the whole
//! name matches. This is the part of Java's regex syntax topic filters use: literals,
//! `.`, `\` escapes (`\d`, `\w`, `\s` and escaped punctuation), `[...]` classes with ranges
//! and `^`, groups `(...)`, `|`, the quantifiers `*`, `+`, `?`, and `^`/`$` (which a whole
//! match makes redundant). Anything else
//! (`{n}`, lookarounds, backreferences) is refused with `PatternSyntaxException`'s words.

/// One element of a pattern.
#[derive(Debug, Clone)]
enum Node {
    Char(char),
    Any,
    Class {
        negated: bool,
        items: Vec<ClassItem>,
    },
    Group(Vec<Vec<Quantified>>),
}

#[derive(Debug, Clone)]
enum ClassItem {
    Range(char, char),
    Digit,
    Word,
    Space,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Repeat {
    One,
    ZeroOrOne,
    ZeroOrMore,
    OneOrMore,
}

#[derive(Debug, Clone)]
struct Quantified {
    node: Node,
    repeat: Repeat,
}

/// A compiled include list.
#[derive(Debug, Clone)]
pub(super) struct IncludeList {
    alternatives: Vec<Vec<Quantified>>,
}

impl IncludeList {
    /// `new IncludeList(regex)`; the error is the `PatternSyntaxException`'s message.
    pub fn new(regex: &str) -> Result<IncludeList, String> {
        let cleaned: String = regex.trim().replace(',', "|").replace(' ', "");
        let cleaned = cleaned
            .trim_start_matches(['"', '\''])
            .trim_end_matches(['"', '\'']);
        let chars: Vec<char> = cleaned.chars().collect();
        let mut at = 0;
        let alternatives = alternation(&chars, &mut at)?;
        if at < chars.len() {
            return Err(format!("Unmatched closing ')' near index {at}"));
        }
        Ok(IncludeList { alternatives })
    }

    /// Whether the whole of `topic` matches.
    pub fn matches(&self, topic: &str) -> bool {
        let t: Vec<char> = topic.chars().collect();
        self.alternatives
            .iter()
            .any(|seq| match_seq(seq, &t, 0, &mut |end| end == t.len()))
    }
}

fn alternation(p: &[char], at: &mut usize) -> Result<Vec<Vec<Quantified>>, String> {
    let mut alts = vec![Vec::new()];
    while *at < p.len() {
        let c = p[*at];
        match c {
            '|' => {
                *at += 1;
                alts.push(Vec::new());
                continue;
            }
            ')' => break,
            _ => {}
        }
        let node = atom(p, at)?;
        let repeat = match p.get(*at) {
            Some('*') => Repeat::ZeroOrMore,
            Some('+') => Repeat::OneOrMore,
            Some('?') => Repeat::ZeroOrOne,
            Some('{') => {
                return Err(format!(
                    "Counted repetition is not supported near index {at}"
                ))
            }
            _ => Repeat::One,
        };
        if repeat != Repeat::One {
            *at += 1;
        }
        alts.last_mut()
            .expect("one")
            .push(Quantified { node, repeat });
    }
    Ok(alts)
}

fn atom(p: &[char], at: &mut usize) -> Result<Node, String> {
    let c = p[*at];
    *at += 1;
    Ok(match c {
        '.' => Node::Any,
        '(' => {
            if p.get(*at) == Some(&'?') {
                return Err(format!("Unknown inline modifier near index {at}"));
            }
            let inner = alternation(p, at)?;
            if p.get(*at) != Some(&')') {
                return Err(format!("Unclosed group near index {}", p.len()));
            }
            *at += 1;
            Node::Group(inner)
        }
        '[' => class(p, at)?,
        '\\' => match escape(p, at)? {
            Ok(ch) => Node::Char(ch),
            Err(item) => Node::Class {
                negated: false,
                items: vec![item],
            },
        },
        '*' | '+' | '?' => {
            return Err(format!(
                "Dangling meta character '{c}' near index {}",
                *at - 1
            ))
        }
        // The whole name must match anyway; an anchor matches the empty string here.
        '^' | '$' => Node::Group(vec![Vec::new()]),
        other => Node::Char(other),
    })
}

/// After a backslash: a literal character, or a predefined class.
fn escape(p: &[char], at: &mut usize) -> Result<Result<char, ClassItem>, String> {
    let Some(&e) = p.get(*at) else {
        return Err(format!("Unexpected internal error near index {}", p.len()));
    };
    *at += 1;
    Ok(match e {
        'd' => Err(ClassItem::Digit),
        'w' => Err(ClassItem::Word),
        's' => Err(ClassItem::Space),
        c if c.is_ascii_alphanumeric() => {
            return Err(format!(
                "Illegal/unsupported escape sequence near index {}",
                *at - 1
            ))
        }
        c => Ok(c),
    })
}

fn class(p: &[char], at: &mut usize) -> Result<Node, String> {
    let negated = p.get(*at) == Some(&'^');
    if negated {
        *at += 1;
    }
    let mut items = Vec::new();
    let mut first = true;
    loop {
        let Some(&c) = p.get(*at) else {
            return Err(format!(
                "Unclosed character class near index {}",
                p.len() - 1
            ));
        };
        *at += 1;
        if c == ']' && !first {
            break;
        }
        first = false;
        let lo = if c == '\\' {
            match escape(p, at)? {
                Ok(ch) => ch,
                Err(item) => {
                    items.push(item);
                    continue;
                }
            }
        } else {
            c
        };
        if p.get(*at) == Some(&'-') && p.get(*at + 1).is_some_and(|n| *n != ']') {
            let hi = p[*at + 1];
            *at += 2;
            if hi < lo {
                return Err(format!("Illegal character range near index {}", *at - 1));
            }
            items.push(ClassItem::Range(lo, hi));
        } else {
            items.push(ClassItem::Range(lo, lo));
        }
    }
    Ok(Node::Class { negated, items })
}

fn one(node: &Node, c: char) -> bool {
    match node {
        Node::Char(x) => *x == c,
        Node::Any => c != '\n' && c != '\r',
        Node::Class { negated, items } => {
            let hit = items.iter().any(|i| match i {
                ClassItem::Range(lo, hi) => (*lo..=*hi).contains(&c),
                ClassItem::Digit => c.is_ascii_digit(),
                ClassItem::Word => c.is_ascii_alphanumeric() || c == '_',
                ClassItem::Space => c.is_whitespace(),
            });
            hit != *negated
        }
        Node::Group(_) => false,
    }
}

/// Matches the single element `node` at `i`, calling `k` with each end it can reach.
fn match_node(node: &Node, t: &[char], i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    match node {
        Node::Group(alts) => alts.iter().any(|seq| match_seq(seq, t, i, k)),
        n => i < t.len() && one(n, t[i]) && k(i + 1),
    }
}

/// Backtracking match of `seq` from `i`, greedy, with continuation `k`.
fn match_seq(seq: &[Quantified], t: &[char], i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some((q, rest)) = seq.split_first() else {
        return k(i);
    };
    match q.repeat {
        Repeat::One => match_node(&q.node, t, i, &mut |j| match_seq(rest, t, j, k)),
        Repeat::ZeroOrOne => {
            match_node(&q.node, t, i, &mut |j| match_seq(rest, t, j, k)) || match_seq(rest, t, i, k)
        }
        Repeat::ZeroOrMore | Repeat::OneOrMore => {
            star(q, rest, t, i, q.repeat == Repeat::OneOrMore, k)
        }
    }
}

fn star(
    q: &Quantified,
    rest: &[Quantified],
    t: &[char],
    i: usize,
    need_one: bool,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    // One more repetition (that consumes something), then either stop or go on.
    match_node(&q.node, t, i, &mut |j| {
        j > i && star(q, rest, t, j, false, k)
    }) || (!need_one && match_seq(rest, t, i, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(re: &str, topic: &str) -> bool {
        IncludeList::new(re).unwrap().matches(topic)
    }

    #[test]
    fn a_topic_is_included_when_its_whole_name_matches() {
        assert!(m("orders", "orders"));
        assert!(!m("orders", "orders-dlq"), "whole name");
        assert!(m("orders.*", "orders-dlq"));
        assert!(m("pay.ments", "pay_ments"), "'.' is any character");
        assert!(!m(r"pay\.ments", "pay_ments"));
        assert!(m("a,b", "b"), "commas are alternatives");
        assert!(m("(ab)+c?", "ababc"));
        assert!(m("[a-c]x[^0-9]", "bxz"));
        assert!(!m("[a-c]x[^0-9]", "bx1"));
        assert!(m(r"t\d+", "t42"));
        assert!(m("^orders$", "orders"));
    }

    #[test]
    fn unsupported_syntax_is_refused() {
        assert!(IncludeList::new("a{2}").is_err());
        assert!(IncludeList::new("(a").is_err());
        assert!(IncludeList::new("*a").is_err());
    }
}
