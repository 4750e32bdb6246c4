//! A small JSON reader for lesson files and the catalog.
//!
//! serde's derives and `serde_json::from_str` compiled about 44 KB of generic code into the
//! wasm for the handful of lesson structs. This reader is written once, without
//! generics: `Json::object` walks an object and hands each key to a closure,
//! `Json::array` does the same per item. It keeps serde_json's behaviour for what a
//! lesson author can get wrong: unknown fields are errors (the structs used
//! `deny_unknown_fields`, except `Check`, which ignores them), a missing or repeated field
//! is an error, and the messages are serde_json's own (`unknown field `x`, expected one of
//! ...`, `invalid type: ...`, `missing field ...`, `trailing comma`, ... `at line L column
//! C`, at the same position). Unlike serde, a struct cannot be written as an array of its
//! fields (no lesson ever was).

use std::fmt;

/// A parse error: serde_json's message and, once known, the byte offset its line and
/// column are computed from.
#[derive(Debug)]
pub(crate) struct Error {
    msg: String,
    at: Option<usize>,
}

impl Error {
    /// An error whose position the enclosing value fills in (serde's `Error::custom`).
    pub(crate) fn custom(msg: impl Into<String>) -> Error {
        Error {
            msg: msg.into(),
            at: None,
        }
    }
}

/// What [`Json::object`] calls with each key, then with `None` at the end of the object.
pub(crate) type OnField<'f, 'a> = dyn FnMut(&mut Json<'a>, Option<&str>) -> Result<(), Error> + 'f;

/// The reader over one document, and the text the errors are located in.
pub(crate) struct Json<'a> {
    b: &'a [u8],
    i: usize,
}

/// Parses `text` as one value with `read`, then requires the end of input.
pub(crate) fn parse<T>(
    text: &str,
    read: impl FnOnce(&mut Json) -> Result<T, Error>,
) -> Result<T, String> {
    let mut json = Json {
        b: text.as_bytes(),
        i: 0,
    };
    let value = read(&mut json).and_then(|v| match json.ws() {
        Some(_) => Err(json.peek_error("trailing characters")),
        None => Ok(v),
    });
    value.map_err(|e| json.render(e))
}

impl<'a> Json<'a> {
    fn render(&self, e: Error) -> String {
        let i = e.at.unwrap_or(self.i).min(self.b.len());
        let before = &self.b[..i];
        let start = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let line = 1 + before[..start].iter().filter(|&&c| c == b'\n').count();
        format!("{} at line {} column {}", e.msg, line, i - start)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Skips whitespace and peeks at the next byte.
    fn ws(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
        self.peek()
    }

    /// An error at the last byte read.
    fn error(&self, msg: &str) -> Error {
        Error {
            msg: msg.into(),
            at: Some(self.i),
        }
    }

    /// An error at the byte peeked at.
    fn peek_error(&self, msg: &str) -> Error {
        Error {
            msg: msg.into(),
            at: Some((self.i + 1).min(self.b.len())),
        }
    }

    /// Gives a positionless error the current position.
    fn fix(&self, mut e: Error) -> Error {
        e.at.get_or_insert(self.i);
        e
    }

    /// The value about to be read is of the wrong type: serde's `invalid type` error,
    /// after reading that value (which may fail first).
    fn invalid_type(&mut self, expected: &str) -> Error {
        let unexpected = match self.peek() {
            Some(b'n') => self.ident("null").map(|_| "null".to_string()),
            Some(b't') => self.ident("true").map(|_| "boolean `true`".to_string()),
            Some(b'f') => self.ident("false").map(|_| "boolean `false`".to_string()),
            Some(b'-' | b'0'..=b'9') => self.number().map(|n| match n {
                Number::Unsigned(n) => format!("integer `{n}`"),
                Number::Signed(n) => format!("integer `{n}`"),
                Number::Float(text) => format!("floating point `{text}`"),
            }),
            Some(b'"') => {
                self.i += 1;
                self.string_body().map(|s| format!("string {s:?}"))
            }
            Some(b'[') => Ok("sequence".into()),
            Some(b'{') => Ok("map".into()),
            _ => return self.peek_error("expected value"),
        };
        match unexpected {
            Ok(u) => self.fix(Error::custom(format!(
                "invalid type: {u}, expected {expected}"
            ))),
            Err(e) => e,
        }
    }

    fn ident(&mut self, word: &str) -> Result<(), Error> {
        self.i += 1;
        for &c in &word.as_bytes()[1..] {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(got) => {
                    self.i += 1;
                    if got != c {
                        return Err(self.error("expected ident"));
                    }
                }
            }
        }
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    /// A number, as serde_json classifies it.
    fn number(&mut self) -> Result<Number, Error> {
        let start = self.i;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let int_start = self.i;
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => {
                self.i += usize::from(self.peek().is_some());
                return Err(self.error("invalid number"));
            }
        }
        let int_end = self.i;
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            float = true;
            if self.digits() == 0 {
                return Err(match self.peek() {
                    Some(_) => self.peek_error("invalid number"),
                    None => self.peek_error("EOF while parsing a value"),
                });
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            float = true;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                self.i += usize::from(self.peek().is_some());
                return Err(self.error("invalid number"));
            }
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).unwrap_or_default();
        let int = std::str::from_utf8(&self.b[int_start..int_end]).unwrap_or_default();
        Ok(match (float, int.parse::<u64>()) {
            (false, Ok(n)) if !negative => Number::Unsigned(n),
            (false, Ok(n)) if n > 0 && n <= 1 << 63 => {
                Number::Signed(0i64.wrapping_sub_unsigned(n))
            }
            // As serde_json, `-0` is a float; a float is shown as written, with serde's
            // `.0` added to one written without a point or exponent.
            _ if text.contains(['.', 'e', 'E']) => Number::Float(text.to_string()),
            _ => Number::Float(format!("{text}.0")),
        })
    }

    /// The rest of a string whose opening quote was read.
    fn string_body(&mut self) -> Result<String, Error> {
        let mut out = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("EOF while parsing a string"));
            };
            self.i += 1;
            match c {
                b'"' => return Ok(String::from_utf8(out).unwrap_or_default()),
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return Err(self.error("EOF while parsing a string"));
                    };
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(self.error("invalid escape")),
                    };
                    out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                }
                0..=0x1f => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                _ => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Result<u16, Error> {
        let Some(hex) = self.b.get(self.i..self.i + 4) else {
            self.i = self.b.len();
            return Err(self.error("EOF while parsing a string"));
        };
        let mut n = 0u16;
        for &h in hex {
            self.i += 1;
            let d = match h {
                b'0'..=b'9' => h - b'0',
                b'a'..=b'f' => h - b'a' + 10,
                b'A'..=b'F' => h - b'A' + 10,
                _ => return Err(self.error("invalid escape")),
            };
            n = n * 16 + u16::from(d);
        }
        Ok(n)
    }

    /// `\u` and its four hex digits (and a second escape for a surrogate pair).
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let n = self.hex4()?;
        let code = match n {
            0xDC00..=0xDFFF => {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            0xD800..=0xDBFF => {
                if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                    self.i = (self.i + 2).min(self.b.len());
                    return Err(self.error("unexpected end of hex escape"));
                }
                self.i += 2;
                let lo = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&lo) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((u32::from(n) - 0xD800) << 10) + (u32::from(lo) - 0xDC00)
            }
            _ => u32::from(n),
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    /// A string value (`expected a string` for anything else).
    pub(crate) fn string(&mut self) -> Result<String, Error> {
        match self.ws() {
            None => Err(self.peek_error("EOF while parsing a value")),
            Some(b'"') => {
                self.i += 1;
                self.string_body()
            }
            Some(_) => Err(self.invalid_type("a string")),
        }
    }

    /// A boolean value.
    pub(crate) fn boolean(&mut self) -> Result<bool, Error> {
        match self.ws() {
            None => Err(self.peek_error("EOF while parsing a value")),
            Some(b't') => self.ident("true").map(|_| true),
            Some(b'f') => self.ident("false").map(|_| false),
            Some(_) => Err(self.invalid_type("a boolean")),
        }
    }

    /// A `u32` value.
    pub(crate) fn u32(&mut self) -> Result<u32, Error> {
        let n = match self.ws() {
            None => return Err(self.peek_error("EOF while parsing a value")),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.invalid_type("u32")),
        };
        let invalid = |what: String| format!("invalid {what}, expected u32");
        match n {
            Number::Unsigned(n) => u32::try_from(n)
                .map_err(|_| Error::custom(invalid(format!("value: integer `{n}`")))),
            Number::Signed(n) => u32::try_from(n)
                .map_err(|_| Error::custom(invalid(format!("value: integer `{n}`")))),
            Number::Float(f) => Err(Error::custom(invalid(format!(
                "type: floating point `{f}`"
            )))),
        }
        .map_err(|e| self.fix(e))
    }

    /// `null` for `None`, else the value `read` reads (serde's `Option`).
    pub(crate) fn option<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        if self.ws() == Some(b'n') {
            self.ident("null")?;
            return Ok(None);
        }
        read(self).map(Some)
    }

    /// An array of strings.
    pub(crate) fn strings(&mut self) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        self.array(&mut |j| {
            out.push(j.string()?);
            Ok(())
        })?;
        Ok(out)
    }

    /// An array, each item read by `item`.
    pub(crate) fn array(
        &mut self,
        item: &mut dyn FnMut(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        match self.ws() {
            None => return Err(self.peek_error("EOF while parsing a value")),
            Some(b'[') => {}
            Some(_) => return Err(self.invalid_type("a sequence")),
        }
        self.i += 1;
        let items = self.items(item);
        let end = self.end_array();
        items.and(end).map_err(|e| self.fix(e))
    }

    fn items(&mut self, item: &mut dyn FnMut(&mut Self) -> Result<(), Error>) -> Result<(), Error> {
        let mut first = true;
        loop {
            match self.ws() {
                None => return Err(self.peek_error("EOF while parsing a list")),
                Some(b']') => return Ok(()),
                Some(_) if first => first = false,
                Some(b',') => {
                    self.i += 1;
                    match self.ws() {
                        Some(b']') => return Err(self.peek_error("trailing comma")),
                        Some(_) => {}
                        None => return Err(self.peek_error("EOF while parsing a value")),
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `]`")),
            }
            item(self)?;
        }
    }

    fn end_array(&mut self) -> Result<(), Error> {
        match self.ws() {
            Some(b']') => {
                self.i += 1;
                Ok(())
            }
            Some(b',') => {
                self.i += 1;
                match self.ws() {
                    Some(b']') => Err(self.peek_error("trailing comma")),
                    _ => Err(self.peek_error("trailing characters")),
                }
            }
            Some(_) => Err(self.peek_error("trailing characters")),
            None => Err(self.peek_error("EOF while parsing a list")),
        }
    }

    /// An object read as serde reads a struct named `name`: `field` gets each key (it
    /// checks the key, then reads the value with [`Json::value`]), then `None` at the end
    /// (to report a missing field).
    pub(crate) fn object(&mut self, name: &str, field: &mut OnField<'_, 'a>) -> Result<(), Error> {
        match self.ws() {
            None => return Err(self.peek_error("EOF while parsing a value")),
            Some(b'{') => {}
            Some(_) => return Err(self.invalid_type(&format!("struct {name}"))),
        }
        self.i += 1;
        let fields = self.fields(field);
        let end = self.end_object();
        fields.and(end).map_err(|e| self.fix(e))
    }

    fn fields(&mut self, field: &mut OnField<'_, 'a>) -> Result<(), Error> {
        let mut first = true;
        loop {
            let peek = match self.ws() {
                None => return Err(self.peek_error("EOF while parsing an object")),
                Some(b'}') => return field(self, None),
                Some(b',') if !first => {
                    self.i += 1;
                    self.ws()
                }
                Some(b) if first => {
                    first = false;
                    Some(b)
                }
                Some(_) => return Err(self.peek_error("expected `,` or `}`")),
            };
            match peek {
                Some(b'"') => {
                    self.i += 1;
                    let key = self.string_body()?;
                    field(self, Some(&key))?;
                }
                Some(b'}') => return Err(self.peek_error("trailing comma")),
                Some(_) => return Err(self.peek_error("key must be a string")),
                None => return Err(self.peek_error("EOF while parsing a value")),
            }
        }
    }

    fn end_object(&mut self) -> Result<(), Error> {
        match self.ws() {
            Some(b'}') => {
                self.i += 1;
                Ok(())
            }
            Some(b',') => Err(self.peek_error("trailing comma")),
            Some(_) => Err(self.peek_error("trailing characters")),
            None => Err(self.peek_error("EOF while parsing an object")),
        }
    }

    /// The `:` after a key, before its value.
    pub(crate) fn colon(&mut self) -> Result<(), Error> {
        match self.ws() {
            Some(b':') => {
                self.i += 1;
                Ok(())
            }
            Some(_) => Err(self.peek_error("expected `:`")),
            None => Err(self.peek_error("EOF while parsing an object")),
        }
    }

    /// Reads and drops the value of a key that is ignored.
    pub(crate) fn skip(&mut self) -> Result<(), Error> {
        self.colon()?;
        self.skip_value()
    }

    fn skip_value(&mut self) -> Result<(), Error> {
        match self.ws() {
            None => Err(self.peek_error("EOF while parsing a value")),
            Some(b'n') => self.ident("null"),
            Some(b't') => self.ident("true"),
            Some(b'f') => self.ident("false"),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            Some(b'"') => {
                self.i += 1;
                self.string_body().map(drop)
            }
            Some(b'[') => {
                self.i += 1;
                self.items(&mut |j| j.skip_value())?;
                self.end_array()
            }
            Some(b'{') => {
                self.i += 1;
                self.fields(&mut |j, key| match key {
                    Some(_) => j.skip(),
                    None => Ok(()),
                })?;
                self.end_object()
            }
            Some(_) => Err(self.peek_error("expected value")),
        }
    }
}

enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(String),
}

/// serde's error for a key that is not a field of a struct that denies unknown fields.
pub(crate) fn unknown_field(key: &str, fields: &[&str]) -> Error {
    let expected = match fields {
        [] => "there are no fields".to_string(),
        [one] => format!("expected `{one}`"),
        [a, b] => format!("expected `{a}` or `{b}`"),
        _ => format!(
            "expected one of {}",
            fields
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Error::custom(format!("unknown field `{key}`, {expected}"))
}

/// A struct's fields as they are read: each key's slot, filled once.
pub(crate) struct Fields<'f> {
    names: &'f [&'f str],
    seen: Vec<bool>,
}

impl<'f> Fields<'f> {
    /// The fields of a struct, in declaration order (the order serde reports them in).
    pub(crate) fn new(names: &'f [&'f str]) -> Self {
        Fields {
            names,
            seen: vec![false; names.len()],
        }
    }

    /// Which field `key` is, once: an unknown key is an error when `deny_unknown`, else
    /// `None` (the caller skips its value); a repeated one is always an error. Reads the
    /// colon after a known key.
    pub(crate) fn key(
        &mut self,
        json: &mut Json,
        key: &str,
        deny_unknown: bool,
    ) -> Result<Option<usize>, Error> {
        match self.names.iter().position(|n| *n == key) {
            Some(i) if self.seen[i] => Err(Error::custom(format!("duplicate field `{key}`"))),
            Some(i) => {
                self.seen[i] = true;
                json.colon()?;
                Ok(Some(i))
            }
            None if deny_unknown => Err(unknown_field(key, self.names)),
            None => Ok(None),
        }
    }

    /// At the end of the object: the first required field (by index) that is missing.
    pub(crate) fn require(&self, required: &[usize]) -> Result<(), Error> {
        match required.iter().find(|&&i| !self.seen[i]) {
            Some(&i) => Err(Error::custom(format!("missing field `{}`", self.names[i]))),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

#[cfg(test)]
mod tests {
    use crate::parse_lesson;

    /// serde_json's messages for the same inputs, recorded when the lessons were still read
    /// with serde (a differential run over 47,000 mutated lesson files agreed on all but a
    /// float's spelling in a message and structs written as arrays).
    #[test]
    fn errors_are_serde_jsons() {
        let cases = [
            ("", "EOF while parsing a value at line 1 column 0"),
            ("{}", "missing field `id` at line 1 column 2"),
            (r#"{"id":"1","title":"t","summary":"s","steps":[]} x"#, "trailing characters at line 1 column 49"),
            (r#"{"id":"1","title":"t","summary":"s","steps":[],}"#, "trailing comma at line 1 column 48"),
            (r#"{"id":"1","id":"2"}"#, "duplicate field `id` at line 1 column 14"),
            (r#"{"id":1}"#, "invalid type: integer `1`, expected a string at line 1 column 7"),
            (r#"{"id":true}"#, "invalid type: boolean `true`, expected a string at line 1 column 10"),
            (r#"{"id":"a\qb"}"#, "invalid escape at line 1 column 10"),
            ("{\n  \"id\": \"a\",\n  \"title\": \"t\",\n  \"summary\": \"s\",\n  \"steps\": [],\n  \"levels\": 3\n}", "unknown field `levels`, expected one of `id`, `title`, `summary`, `steps`, `cluster`, `objectives`, `learnings`, `challenges`, `quiz`, `interview` at line 6 column 10"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x","narration":["a"],"colour":"red"}]}"#, "unknown field `colour`, expected one of `title`, `narration`, `commands`, `rejected`, `highlight`, `panels`, `checks` at line 1 column 84"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x","narration":["a"],"highlight":{"topic":"t","offset":1}}]}"#, "unknown field `offset`, expected one of `topic`, `partition`, `key`, `sequences` at line 1 column 109"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x","narration":["a"],"highlight":{"partition":4294967296}}]}"#, "invalid value: integer `4294967296`, expected u32 at line 1 column 111"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x","narration":["a"],"highlight":{"partition":-1}}]}"#, "invalid value: integer `-1`, expected u32 at line 1 column 103"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x","narration":["a"],"highlight":{"sequences":1}}]}"#, "invalid type: integer `1`, expected a boolean at line 1 column 102"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x","narration":["a"],"checks":[{"says":"x","goal":"be-fast"}]}]}"#, "`be-fast`: unknown goal `be-fast` at line 1 column 115"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x","narration":["a"],"panels":["hash", "nope", "reads"]}]}"#, "`nope`: unknown panel `nope` at line 1 column 102"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x","narration":["a"],"panels":["hash",]}]}"#, "trailing comma at line 1 column 94"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x"}]}"#, "missing field `narration` at line 1 column 58"),
            (r#"{"id":"a","title":"t","summary":"s","steps":[{"title":"x","narration":["a"],"checks":[{"says":"s"}]}]}"#, "missing field `goal` at line 1 column 98"),
            (r#"{"id":"a" "title":"t"}"#, "expected `,` or `}` at line 1 column 11"),
            (r#"{id:"a"}"#, "key must be a string at line 1 column 2"),
            (r#"{"id":01}"#, "invalid number at line 1 column 8"),
        ];
        for (text, message) in cases {
            assert_eq!(parse_lesson(text).unwrap_err(), message, "{text}");
        }
    }

    #[test]
    fn values_are_read_as_serde_read_them() {
        let text = r#"{"id": "a\u00e9\ud83d\ude00\n", "title": "t", "summary": "s", "steps": [
            {"title": "x", "narration": ["a", "b"], "commands": ["tick ms=1"],
             "highlight": {"topic": null, "partition": 4, "sequences": true},
             "panels": ["hash", "distribution topic=t"],
             "checks": [{"says": "x", "ignored": {"a": [1, -2.5e3, null, true]}, "goal": "topic-exists topic=t"}]}
        ]}"#;
        let lesson = parse_lesson(text).unwrap();
        assert_eq!(lesson.id, "a\u{e9}\u{1f600}\n");
        let step = &lesson.steps[0];
        assert_eq!(step.narration, ["a", "b"]);
        assert_eq!(step.commands, ["tick ms=1"]);
        assert!(step.rejected.is_empty());
        assert_eq!(step.highlight.topic, None);
        assert_eq!(step.highlight.partition, Some(4));
        assert!(step.highlight.sequences);
        assert_eq!(step.panels.len(), 2);
        assert_eq!(step.checks[0].says, "x");
    }
}
