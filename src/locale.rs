//! The learner's language, and the message catalogue chosen by it.
//!
//! Every string of the app's chrome goes through [`tr`] with its key and its English
//! (text.rs): English is compiled in; another language's catalogue is a data file,
//! `locales/<lang>.json` (key to text, `{name}` placeholders), fetched before the app
//! draws its first page, with its lesson texts in `lessons/<lang>/` (kafka-lessons'
//! translation.rs). The languages offered are listed in `locales/languages.json`: adding
//! one is adding those files. The choice comes from `?lang=` in the URL, else the one
//! saved, else English; switching saves it and reloads the page in the new language.

use std::cell::RefCell;

/// The languages offered: code and name, in the file's order (English first).
pub fn languages() -> Vec<(String, String)> {
    kafka_lessons::translation::parse(include_str!("../locales/languages.json"))
        .expect("locales/languages.json is valid (tested)")
}

/// The catalogue in use: its language code and its messages, sorted by key.
struct Catalogue {
    code: &'static str,
    messages: Vec<(String, &'static str)>,
}

thread_local! {
    // Per thread: the page has one; native tests each install their own.
    static CATALOGUE: RefCell<Option<Catalogue>> = const { RefCell::new(None) };
    // The lesson catalog in the language in use (titles and summaries), when not English.
    static LESSONS: RefCell<Option<kafka_lessons::Catalog>> = const { RefCell::new(None) };
}

/// The code of the language in use: `en` until another catalogue is installed.
pub fn code() -> &'static str {
    CATALOGUE.with_borrow(|c| c.as_ref().map_or("en", |c| c.code))
}

/// Installs the catalogue of `code` from its file's text, before the first page is
/// drawn. A damaged file leaves English in place and says why.
pub fn install(code: &str, file: &str) -> Result<(), String> {
    let found = kafka_lessons::translation::parse(file)?;
    // Leaked once per page load: the app's strings live as long as the page.
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let mut messages: Vec<(String, &'static str)> =
        found.into_iter().map(|(k, v)| (k, leak(v))).collect();
    messages.sort_by(|a, b| a.0.cmp(&b.0));
    let code = leak(code.to_string());
    CATALOGUE.with_borrow_mut(|c| *c = Some(Catalogue { code, messages }));
    Ok(())
}

/// Lays the language's lesson catalog file (`lessons/<lang>/catalog.json`) over the
/// English one; a damaged file leaves English and says why.
pub fn install_catalog(file: &str) -> Result<(), String> {
    let translated = kafka_lessons::translation::translate_catalog(kafka_lessons::catalog(), file)?;
    LESSONS.with_borrow_mut(|c| *c = Some(translated));
    Ok(())
}

/// The lesson catalog (modules, lessons, their titles) in the language in use.
pub fn catalog() -> kafka_lessons::Catalog {
    LESSONS
        .with_borrow(|c| c.clone())
        .unwrap_or_else(kafka_lessons::catalog)
}

/// The title of lesson `id` in the language in use, when that is not English.
pub fn lesson_title(id: &str) -> Option<String> {
    LESSONS.with_borrow(|c| {
        c.as_ref()?
            .modules
            .iter()
            .flat_map(|m| &m.lessons)
            .find(|l| l.id == id)
            .map(|l| l.title.clone())
    })
}

/// The message `key` in the language in use, or its English.
pub fn tr(key: &'static str, english: &'static str) -> &'static str {
    CATALOGUE.with_borrow(|c| match c {
        None => english,
        Some(c) => c
            .messages
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .map_or(english, |i| c.messages[i].1),
    })
}

/// `template` with each `{name}` replaced by its value in `args`; a name not given stays
/// as written (a test holds every catalogue to English's names).
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    kafka_lessons::miss::fill_holes(template, |name| {
        args.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    })
}

/// The language to draw the page in: the URL's `?lang=` when it names one offered (and
/// then it is the saved choice too), else the saved choice, else English.
pub fn wanted(hash: &str, saved: Option<String>) -> String {
    let offered = languages();
    let known = |c: &str| offered.iter().any(|(code, _)| code == c);
    if let Some(asked) = from_hash(hash).filter(|c| known(c)) {
        crate::browser::save_pref("lang", asked);
        return asked.to_string();
    }
    saved
        .filter(|c| known(c))
        .unwrap_or_else(|| "en".to_string())
}

/// Switches to `code`: saved, and the page reloaded in it, at the same place (a `lang=`
/// in the URL would win over the choice, so it is dropped).
pub fn switch_to(code: &str) {
    crate::browser::save_pref("lang", code);
    let here = crate::route::Location::parse(&crate::browser::current_hash()).to_hash();
    crate::browser::reload_at(&here);
}

/// A lesson file's path, relative to the site: its translation in the language in use,
/// if that is not English (kafka-lessons' translation.rs lays it over the lesson).
pub fn lesson_translation(file: &str) -> Option<String> {
    let code = code();
    (code != "en").then(|| format!("lessons/{code}/{file}"))
}

/// `hash` asking for language `code` (`#/lesson/1.2/step/3?lang=vi`).
pub fn with_lang(hash: &str, code: &str) -> String {
    let sep = if hash.contains('?') { '&' } else { '?' };
    format!("{hash}{sep}lang={code}")
}

/// A link to `hash` for someone else (a share link, embed code): in the language in use,
/// so a class reads the teacher's language; English needs no `lang=`.
pub fn carry(hash: &str) -> String {
    match code() {
        "en" => hash.to_string(),
        code => with_lang(hash, code),
    }
}

/// The language asked for in the URL fragment's query (`#/lesson/1.2/step/3?lang=vi`).
pub fn from_hash(hash: &str) -> Option<&str> {
    let (_, query) = hash.split_once('?')?;
    query.split('&').find_map(|p| p.strip_prefix("lang="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_values_in_their_places() {
        assert_eq!(
            fill("Bước {step} / {total}", &[("step", &3), ("total", &9)]),
            "Bước 3 / 9"
        );
        assert_eq!(fill("{a}{a} {b", &[("a", &"x")]), "xx {b");
        assert_eq!(fill("{missing}", &[]), "{missing}");
    }

    #[test]
    fn the_language_comes_from_the_url() {
        assert_eq!(from_hash("#/lesson/1.2/step/3?lang=vi"), Some("vi"));
        assert_eq!(from_hash("#/sandbox?s=x&lang=vi&embed"), Some("vi"));
        assert_eq!(from_hash("#/"), None);
        assert_eq!(with_lang("#/", "vi"), "#/?lang=vi");
        assert_eq!(from_hash(&with_lang("#/sandbox?s=x", "vi")), Some("vi"));
    }

    #[test]
    fn english_comes_first_and_every_language_has_its_files() {
        let langs = languages();
        assert_eq!(langs[0], ("en".to_string(), "English".to_string()));
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (code, _) in &langs[1..] {
            assert!(root.join(format!("locales/{code}.json")).exists(), "{code}");
            assert!(
                root.join(format!("crates/kafka-lessons/lessons/{code}/catalog.json"))
                    .exists(),
                "{code}"
            );
        }
    }

    /// Every `tr("key", "English")` of text.rs: the English catalogue, read from the
    /// source so that it is the code's own (a key used twice must say the same).
    fn english() -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        // The app's messages, and the goal failures kafka-lessons types (`Miss`).
        scan(include_str!("text.rs"), "tr(", &mut out);
        scan(include_str!("text/writer.rs"), "tr(", &mut out);
        scan(
            include_str!("../crates/kafka-lessons/src/goal.rs"),
            "Miss::new(",
            &mut out,
        );
        out
    }

    /// Each `opener"key", "English"` of `src` into `out`.
    fn scan(src: &str, opener: &str, out: &mut Vec<(String, String)>) {
        let mut rest = src;
        while let Some(at) = rest.find(opener) {
            let word = at == 0 || !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            rest = rest[at + opener.len()..].trim_start();
            let Some(quoted) = rest.strip_prefix('"').filter(|_| word) else {
                continue;
            };
            rest = quoted;
            let (key, after) = rest.split_once('"').unwrap();
            let after = after.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
            let Some(body) = after.strip_prefix('"') else {
                continue; // not a literal: not a catalogue entry
            };
            let mut text = String::new();
            let mut chars = body.chars();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('n') => text.push('\n'),
                        Some('\n') => {
                            // A line continuation: the next line's indent is not text.
                            let more: String = chars.clone().collect();
                            let trimmed = more.trim_start();
                            chars = body[body.len() - trimmed.len()..].chars();
                        }
                        Some(o) => text.push(o),
                        None => {}
                    },
                    c => text.push(c),
                }
            }
            match out.iter().find(|(k, _)| k == key) {
                Some((_, was)) => assert_eq!(was, &text, "`{key}` says two things"),
                None => out.push((key.to_string(), text)),
            }
            rest = after;
        }
    }

    /// A template's `{name}`s, less the English plural endings (`{s}`, `{..._s}`),
    /// which a language without them leaves out.
    fn holes(t: &str) -> Vec<String> {
        let mut v: Vec<String> = t
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
            .filter(|n| n != "s" && !n.ends_with("_s"))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_english_catalogue_is_read_whole_from_the_code() {
        let en = english();
        assert!(en.len() > 400, "{} messages", en.len());
        let find = |k: &str| en.iter().find(|(key, _)| key == k).map(|(_, t)| t.as_str());
        assert_eq!(find("step_of"), Some("Step {step} of {total}"));
        assert_eq!(find("app_name"), Some("Kafka Playground"));
        assert_eq!(
            find("miss.partition_count"),
            Some("{topic} has {n} partitions, not {partitions}")
        );
    }

    /// Every language's catalogue: valid, names only English's keys, has them all, and
    /// keeps each message's `{names}` (so `fill` can put every value in).
    #[test]
    fn every_catalogue_has_englishs_keys_and_names() {
        let en = english();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut problems = Vec::new();
        for (code, _) in &languages()[1..] {
            let body = std::fs::read_to_string(root.join(format!("locales/{code}.json")))
                .unwrap_or_default();
            let found = match kafka_lessons::translation::parse(&body) {
                Ok(f) => f,
                Err(e) => {
                    problems.push(format!("{code}: {e}"));
                    continue;
                }
            };
            for (k, _) in &found {
                if !en.iter().any(|(e, _)| e == k) {
                    problems.push(format!("{code}: `{k}` is no message of text.rs"));
                }
            }
            for (k, english) in &en {
                match found.iter().find(|(f, _)| f == k) {
                    None => problems.push(format!("{code}: `{k}` not translated")),
                    Some((_, t)) if holes(t) != holes(english) => problems.push(format!(
                        "{code}: `{k}` fills {:?}, the English {:?}",
                        holes(t),
                        holes(english)
                    )),
                    Some(_) => {}
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn an_installed_catalogue_speaks_and_falls_back_to_english() {
        install("vi", r#"{"step_of": "Bước {step} / {total}"}"#).unwrap();
        assert_eq!(code(), "vi");
        assert_eq!(
            tr("step_of", "Step {step} of {total}"),
            "Bước {step} / {total}"
        );
        assert_eq!(tr("not_there", "English"), "English");
        assert_eq!(
            carry("#/lesson/1.2/step/3?embed"),
            "#/lesson/1.2/step/3?embed&lang=vi"
        );
        assert!(install("vi", "not json").is_err());
    }
}
