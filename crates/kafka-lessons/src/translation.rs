//! A lesson's words in another language: a file beside the lesson, `lessons/<lang>/<file>`,
//! that maps each text of the lesson, by its path, to its translation.
//!
//! ```json
//! { "title": "Định tuyến theo khóa", "steps.1.narration.0": "Với một bản ghi có khóa, ..." }
//! ```
//!
//! Only words are translated: commands, goals, topic names and keys stay in the lesson
//! file, written once, so a translation can never change what a lesson does. A text the
//! translation leaves out stays in English (a lesson being translated still opens); a path
//! that names no text is an error, so a translation cannot silently drift from its lesson
//! (the native test `every_translation_fits_its_lesson` checks every file).
//!
//! Paths, 0-based: `title`, `summary`, `objectives.N`, `learnings.N`, `steps.N.title`,
//! `steps.N.narration.M`, `steps.N.checks.M`, `challenges.N.title|goal|hint`,
//! `challenges.N.checks.M`, `quiz.N.question|explain`, `quiz.N.options.M` (choice questions
//! only: the engine words its own), `interview.N.question|answer`. The catalog's file,
//! `lessons/<lang>/catalog.json`, uses `<module>.title|summary` and `<lesson>.title|summary`.

use crate::catalog::Catalog;
use crate::json::{self, Error, Json};
use crate::lesson::Lesson;
use crate::quiz::Question;

/// Visits every translatable text of `lesson` with its path.
fn each_text(lesson: &mut Lesson, f: &mut dyn FnMut(&str, &mut String)) {
    f("title", &mut lesson.title);
    f("summary", &mut lesson.summary);
    for (i, o) in lesson.objectives.iter_mut().enumerate() {
        f(&format!("objectives.{i}"), o);
    }
    for (i, l) in lesson.learnings.iter_mut().enumerate() {
        f(&format!("learnings.{i}"), &mut l.says);
    }
    for (i, s) in lesson.steps.iter_mut().enumerate() {
        f(&format!("steps.{i}.title"), &mut s.title);
        for (j, p) in s.narration.iter_mut().enumerate() {
            f(&format!("steps.{i}.narration.{j}"), p);
        }
        for (j, c) in s.checks.iter_mut().enumerate() {
            f(&format!("steps.{i}.checks.{j}"), &mut c.says);
        }
    }
    for (i, c) in lesson.challenges.iter_mut().enumerate() {
        f(&format!("challenges.{i}.title"), &mut c.title);
        f(&format!("challenges.{i}.goal"), &mut c.goal);
        f(&format!("challenges.{i}.hint"), &mut c.hint);
        for (j, k) in c.checks.iter_mut().enumerate() {
            f(&format!("challenges.{i}.checks.{j}"), &mut k.says);
        }
    }
    for (i, q) in lesson.quiz.iter_mut().enumerate() {
        if let Question::Choice {
            question,
            options,
            explain,
            ..
        } = q
        {
            f(&format!("quiz.{i}.question"), question);
            for (j, o) in options.iter_mut().enumerate() {
                f(&format!("quiz.{i}.options.{j}"), o);
            }
            f(&format!("quiz.{i}.explain"), explain);
        }
    }
    for (i, q) in lesson.interview.iter_mut().enumerate() {
        f(&format!("interview.{i}.question"), &mut q.question);
        f(&format!("interview.{i}.answer"), &mut q.answer);
    }
}

/// Visits every translatable text of the catalog with its path.
fn each_catalog_text(catalog: &mut Catalog, f: &mut dyn FnMut(&str, &mut String)) {
    for m in &mut catalog.modules {
        f(&format!("{}.title", m.id), &mut m.title);
        f(&format!("{}.summary", m.id), &mut m.summary);
        for l in &mut m.lessons {
            f(&format!("{}.title", l.id), &mut l.title);
            f(&format!("{}.summary", l.id), &mut l.summary);
        }
    }
}

/// Every text of the lesson with its path, in file order: what a translator starts from
/// (`lesson-script texts ID`).
pub fn texts(lesson: &Lesson) -> Vec<(String, String)> {
    let mut lesson = lesson.clone();
    let mut out = Vec::new();
    each_text(&mut lesson, &mut |path, text| {
        out.push((path.to_string(), text.clone()))
    });
    out
}

/// Every text of the catalog with its path.
pub fn catalog_texts(catalog: &Catalog) -> Vec<(String, String)> {
    let mut catalog = catalog.clone();
    let mut out = Vec::new();
    each_catalog_text(&mut catalog, &mut |path, text| {
        out.push((path.to_string(), text.clone()))
    });
    out
}

/// `texts` as a translation file's JSON, one text per line.
pub fn to_json(texts: &[(String, String)]) -> String {
    let mut s = String::from("{\n");
    for (i, (path, text)) in texts.iter().enumerate() {
        let comma = if i + 1 < texts.len() { "," } else { "" };
        s.push_str(&format!("  {}: {}{comma}\n", quote(path), quote(text)));
    }
    s.push_str("}\n");
    s
}

/// A JSON string literal.
fn quote(s: &str) -> String {
    let mut q = String::from('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            c if (c as u32) < 0x20 => q.push_str(&format!("\\u{:04x}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// Reads a translation file: an object of path (or message key) to text. The app's
/// message catalogues (`locales/<lang>.json`) are files of the same shape.
pub fn parse(text: &str) -> Result<Vec<(String, String)>, String> {
    json::parse(text, |j: &mut Json| {
        let mut out: Vec<(String, String)> = Vec::new();
        j.object("Translation", &mut |j, key| {
            let Some(key) = key else { return Ok(()) };
            if out.iter().any(|(k, _)| k == key) {
                return Err(Error::custom(format!("duplicate field `{key}`")));
            }
            let key = key.to_string();
            j.colon()?;
            out.push((key, j.string()?));
            Ok(())
        })?;
        Ok(out)
    })
}

/// Puts `found` into `visit`'s texts; an unused path is an error naming it.
fn apply(
    found: Vec<(String, String)>,
    visit: impl FnOnce(&mut dyn FnMut(&str, &mut String)),
) -> Result<(), String> {
    let mut found: Vec<(String, Option<String>)> =
        found.into_iter().map(|(k, v)| (k, Some(v))).collect();
    visit(&mut |path, text| {
        if let Some((_, v)) = found.iter_mut().find(|(k, _)| k == path) {
            if let Some(v) = v.take() {
                *text = v;
            }
        }
    });
    match found.iter().find(|(_, v)| v.is_some()) {
        Some((k, _)) => Err(format!("no text at `{k}` in this lesson")),
        None => Ok(()),
    }
}

/// The lesson with the translation file's texts in place of its own.
pub fn translate(mut lesson: Lesson, translation: &str) -> Result<Lesson, String> {
    let found = parse(translation)?;
    apply(found, |f| each_text(&mut lesson, f))?;
    Ok(lesson)
}

/// The catalog with the translation file's texts in place of its own.
pub fn translate_catalog(mut catalog: Catalog, translation: &str) -> Result<Catalog, String> {
    let found = parse(translation)?;
    apply(found, |f| each_catalog_text(&mut catalog, f))?;
    Ok(catalog)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_translation_replaces_words_and_nothing_else() {
        let en = crate::lesson("1.2").unwrap();
        let vi = translate(
            en.clone(),
            r#"{"title": "Định tuyến theo khóa", "steps.1.narration.0": "Với khóa \"k\"", "steps.0.checks.0": "kiểm tra"}"#,
        )
        .unwrap();
        assert_eq!(vi.title, "Định tuyến theo khóa");
        assert_eq!(vi.steps[1].narration[0], "Với khóa \"k\"");
        assert_eq!(vi.steps[0].checks[0].says, "kiểm tra");
        // What is left out stays English; commands and goals are the lesson's own.
        assert_eq!(vi.steps[1].narration[1], en.steps[1].narration[1]);
        assert_eq!(vi.steps[1].commands, en.steps[1].commands);
        assert_eq!(vi.steps[0].checks[0].goal, en.steps[0].checks[0].goal);
    }

    #[test]
    fn a_path_with_no_text_is_an_error_naming_it() {
        let en = crate::lesson("1.2").unwrap();
        let err = translate(en.clone(), r#"{"steps.99.title": "x"}"#).unwrap_err();
        assert_eq!(err, "no text at `steps.99.title` in this lesson");
        let err = translate(en.clone(), r#"{"title": "a", "title": "b"}"#).unwrap_err();
        assert!(err.starts_with("duplicate field `title`"), "{err}");
        let err = translate(en, r#"{"title": 3}"#).unwrap_err();
        assert!(err.starts_with("invalid type: integer `3`"), "{err}");
    }

    #[test]
    fn the_texts_of_a_lesson_read_back_as_a_translation() {
        for id in crate::catalog::lesson_ids() {
            let en = crate::lesson(id).unwrap();
            let file = to_json(&texts(&en));
            assert_eq!(translate(en.clone(), &file).unwrap(), en, "{id}");
        }
        let c = crate::catalog();
        assert_eq!(
            translate_catalog(c.clone(), &to_json(&catalog_texts(&c))).unwrap(),
            c
        );
    }

    /// The `code` spans and the numbers of a text: what a translation keeps as written
    /// (Kafka's names, configs, commands and the engine's values).
    fn kept(text: &str) -> (Vec<String>, Vec<String>) {
        use crate::rich_text::{parse, Span};
        let mut code = Vec::new();
        let mut words = String::new();
        for span in parse(text) {
            match span {
                Span::Code(c) => code.push(c),
                Span::Text(t) | Span::Strong(t) => {
                    words.push_str(&t);
                    words.push(' ');
                }
            }
        }
        let mut numbers: Vec<String> = words
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(String::from)
            .collect();
        code.sort();
        numbers.sort();
        (code, numbers)
    }

    /// Every file in `lessons/<lang>/` (one folder per language): it reads, every path it
    /// names is a text of its lesson, it translates every text (no English left), and it
    /// keeps each text's `code` spans and numbers.
    #[test]
    fn every_translation_fits_its_lesson() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
        let mut problems = Vec::new();
        let mut checked = 0;
        for dir in std::fs::read_dir(&root).unwrap() {
            let dir = dir.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            let lang = dir.file_name().unwrap().to_string_lossy().to_string();
            let mut files: Vec<(String, Vec<(String, String)>)> = crate::catalog::LESSON_FILES
                .iter()
                .filter(|(id, _)| *id != crate::catalog::BENCH_LESSON)
                .map(|(id, file)| (file.to_string(), texts(&crate::lesson(id).unwrap())))
                .collect();
            files.push(("catalog.json".into(), catalog_texts(&crate::catalog())));
            for (file, english) in files {
                let path = dir.join(&file);
                let Ok(body) = std::fs::read_to_string(&path) else {
                    problems.push(format!("{lang}/{file}: missing"));
                    continue;
                };
                checked += 1;
                let found = match parse(&body) {
                    Ok(f) => f,
                    Err(e) => {
                        problems.push(format!("{lang}/{file}: {e}"));
                        continue;
                    }
                };
                for (k, _) in &found {
                    if !english.iter().any(|(p, _)| p == k) {
                        problems.push(format!("{lang}/{file}: no text at `{k}`"));
                    }
                }
                for (p, en) in &english {
                    match found.iter().find(|(k, _)| k == p) {
                        None => problems.push(format!("{lang}/{file}: `{p}` not translated")),
                        Some((_, t)) => {
                            let (want, got) = (kept(en), kept(t));
                            if want.0 != got.0 {
                                problems.push(format!(
                                    "{lang}/{file}: `{p}` code spans {:?}, the English has {:?}",
                                    got.0, want.0
                                ));
                            }
                            if want.1 != got.1 {
                                problems.push(format!(
                                    "{lang}/{file}: `{p}` numbers {:?}, the English has {:?}",
                                    got.1, want.1
                                ));
                            }
                        }
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        // Vietnamese is there: the test reads files, not nothing.
        assert!(checked >= 11, "only {checked} translation files");
    }
}
