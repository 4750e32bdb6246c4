//! The narration's tiny markup: `code`, **strong**, and nothing else, so lesson text
//! stays plain data and the view never parses HTML.

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// `code`: config names, commands, values.
    Code(String),
    /// **strong**: the point of the paragraph.
    Strong(String),
}

/// Splits a paragraph into spans. Unclosed markers are kept as literal text.
///
/// ```
/// use kafka_lessons::rich_text::{parse, Span};
/// assert_eq!(
///     parse("set `acks=all` **now**"),
///     vec![Span::Text("set ".into()), Span::Code("acks=all".into()), Span::Text(" ".into()), Span::Strong("now".into())]
/// );
/// ```
pub fn parse(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (marker, make): (&str, fn(String) -> Span) = if rest.starts_with('`') {
            ("`", Span::Code)
        } else if rest.starts_with("**") {
            ("**", Span::Strong)
        } else {
            let c = rest.chars().next().expect("not empty");
            plain.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        match rest[marker.len()..].find(marker) {
            Some(end) => {
                if !plain.is_empty() {
                    spans.push(Span::Text(std::mem::take(&mut plain)));
                }
                spans.push(make(rest[marker.len()..marker.len() + end].to_string()));
                rest = &rest[2 * marker.len() + end..];
            }
            None => {
                plain.push_str(marker);
                rest = &rest[marker.len()..];
            }
        }
    }
    if !plain.is_empty() {
        spans.push(Span::Text(plain));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_markers_stay_literal() {
        assert_eq!(parse("a ` b ** c"), vec![Span::Text("a ` b ** c".into())]);
    }

    #[test]
    fn non_ascii_text_survives() {
        assert_eq!(
            parse("→ **ü**"),
            vec![Span::Text("→ ".into()), Span::Strong("ü".into())]
        );
    }
}
