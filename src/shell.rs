//! The page a visitor sees before any WebAssembly runs: the site bar, the lesson catalog
//! and the footer as plain HTML, inlined into `index.html` from `shell.html`.
//!
//! The home page needs no engine, so it costs no wasm: the loader in `Trunk.toml`
//! (`pattern_script`) fetches the app only when the URL names a lesson (or anything but
//! home). The same [`home_html`], written to `home.html`, is the home page inside the
//! running app too, so the two cannot drift and the app parses no catalog. A test checks
//! both files against these functions (`UPDATE_SHELL=1 cargo test -p kafka-playground
//! shell` rewrites them).

use kafka_lessons::Catalog;

use crate::text;

/// Escapes text for HTML element content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The home page's content: title, introduction, and every module with its lessons
/// (written ones linked, unwritten ones marked).
pub fn home_html(catalog: &Catalog) -> String {
    let mut h = format!(
        "<h1>{}</h1>\n<p class=\"home__tagline\">{}</p>\n<p class=\"home__intro\">{}</p>\n",
        esc(text::app_name()),
        esc(text::tagline()),
        esc(text::home_intro())
    );
    h += &format!(
        "<p class=\"home__sandbox\"><a class=\"btn btn--primary\" href=\"#/sandbox\">{}</a> {}</p>\n<p class=\"home__progress\"><a class=\"btn\" href=\"#/progress\">{}</a> {}</p>\n",
        esc(text::open_sandbox()),
        esc(text::sandbox_pitch()),
        esc(text::progress_title()),
        esc(text::progress_pitch())
    );
    for m in &catalog.modules {
        let id = esc(&m.id);
        h += &format!(
            "<section class=\"module\" aria-labelledby=\"module-{id}\">\n<h2 id=\"module-{id}\">{}</h2>\n<p>{}</p>\n<ol class=\"module__lessons\">\n",
            esc(&m.title),
            esc(&m.summary)
        );
        for l in &m.lessons {
            let label = esc(&text::lesson_label(&l.id));
            let (title, summary) = (esc(&l.title), esc(&l.summary));
            if l.ready {
                h += &format!(
                    "<li class=\"lesson-card\"><a class=\"lesson-card__link\" href=\"#/lesson/{}/step/1\"><span class=\"lesson-card__id\">{label}</span> <span class=\"lesson-card__title\">{title}</span></a><p class=\"lesson-card__summary\">{summary}</p></li>\n",
                    esc(&l.id)
                );
            } else {
                h += &format!(
                    "<li class=\"lesson-card lesson-card--soon\" aria-disabled=\"true\"><span class=\"lesson-card__id\">{label}</span> <span class=\"lesson-card__title\">{title}</span> <span class=\"lesson-card__badge\">{}</span><p class=\"lesson-card__summary\">{summary}</p></li>\n",
                    esc(text::coming_soon())
                );
            }
        }
        h += "</ol>\n</section>\n";
    }
    h
}

/// The written lessons in catalog order, id and title: all the catalog the app needs
/// (for "Next lesson"), so it parses none. A test checks it against `catalog.json`.
pub const READY_LESSONS: &[(&str, &str)] = &[
    ("1.1", "Topics, partitions, segments and offsets"),
    ("1.2", "Keyed routing"),
    ("1.3", "Consume and log"),
    ("1.4", "Rebalance and scale"),
    ("1.5", "Offset semantics"),
    ("1.6", "Producer guarantees"),
    ("1.7", "The consumer group protocol"),
    ("1.8", "Same key, different partition"),
    ("1.9", "Retention: the log forgets"),
    ("1.10", "Compaction: the latest value per key"),
    ("1.11", "Retries, backoff and the dead letter queue"),
    ("1.12", "The Go platform's producer"),
    ("2.1", "Replication and durability"),
    ("2.2", "Leaders and elections"),
    ("2.3", "KRaft controllers"),
];

/// The lesson after `id` in the catalog, if one is written.
pub fn next_lesson(id: &str) -> Option<(&'static str, &'static str)> {
    let at = READY_LESSONS.iter().position(|(i, _)| *i == id)?;
    READY_LESSONS.get(at + 1).copied()
}

/// The home page's markup inside the running app (`home.html`, checked by a test).
pub const HOME_HTML: &str = include_str!("../home.html");

/// The static page of language `code`: `index.html` for English, `index.<code>.html` for
/// another (written from `shell.<code>.html` by scripts/write-language-pages.sh).
#[cfg_attr(not(test), allow(dead_code))]
pub fn page_of(code: &str) -> String {
    if code == "en" {
        "index.html".to_string()
    } else {
        format!("index.{code}.html")
    }
}

// Only the test that writes and checks `shell.html` calls this; the browser build gets
// its result through that file.
#[cfg_attr(not(test), allow(dead_code))]
/// The whole static page body: the same classes and accessible names as the app's
/// header, home page and footer, plus the message shown while the app loads.
pub fn shell_html(catalog: &Catalog) -> String {
    format!(
        "<div id=\"shell\" class=\"app\" data-failed=\"{failed}\" data-reload=\"{reload}\" data-update=\"{update}\">\n\
<a class=\"skip-link\" href=\"#main\">{skip}</a>\n\
<header class=\"site-header\"><a class=\"site-header__name\" href=\"#/\"><span class=\"site-header__logo\" aria-hidden=\"true\">▤</span>{name}</a>\
{langs}<button class=\"site-header__theme\" type=\"button\" data-to-dark=\"{dark}\" data-to-light=\"{light}\"><span class=\"site-header__icon\" aria-hidden=\"true\">☾</span><span class=\"site-header__theme-text\">{dark}</span></button></header>\n\
<main id=\"main\" class=\"app__main\" tabindex=\"-1\">\n\
<p class=\"shell__loading\" role=\"status\" hidden>{loading}</p>\n\
<section class=\"home\">\n{home}</section>\n\
</main>\n\
<footer class=\"app__footer\">{footer}</footer>\n\
</div>\n",
        skip = esc(text::skip_to_content()),
        failed = esc(text::loader_failed()),
        reload = esc(text::loader_reload()),
        update = esc(text::loader_update()),
        langs = crate::locale::languages()
            .iter()
            .filter(|(c, _)| c != crate::locale::code())
            .map(|(c, n)| format!(
                "<a class=\"site-header__lang\" href=\"{}\" hreflang=\"{c}\" lang=\"{c}\">{}</a>",
                page_of(c),
                esc(n)
            ))
            .collect::<String>(),
        name = esc(text::app_name()),
        dark = esc(text::theme_to_dark()),
        light = esc(text::theme_to_light()),
        loading = esc(text::loading_app()),
        home = home_html(catalog),
        footer = esc(text::footer()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/shell.html");
    const HOME_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/home.html");

    #[test]
    fn shell_html_and_home_html_are_up_to_date() {
        let catalog = kafka_lessons::catalog();
        let mut files = vec![
            (SHELL_FILE.to_string(), shell_html(&catalog)),
            (HOME_FILE.to_string(), home_html(&catalog)),
        ];
        // Each other language's static page (its home page without wasm): the catalogue
        // and the lesson catalog of that language, as the app installs them.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (code, _) in &crate::locale::languages()[1..] {
            let read = |p: String| std::fs::read_to_string(root.join(p)).unwrap();
            crate::locale::install(code, &read(format!("locales/{code}.json"))).unwrap();
            crate::locale::install_catalog(&read(format!(
                "crates/kafka-lessons/lessons/{code}/catalog.json"
            )))
            .unwrap();
            let file = root.join(format!("shell.{code}.html"));
            files.push((
                file.display().to_string(),
                shell_html(&crate::locale::catalog()),
            ));
        }
        for (file, want) in files {
            if std::env::var_os("UPDATE_SHELL").is_some() {
                std::fs::write(&file, &want).unwrap();
            }
            let have = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(
                have == want,
                "{file} is stale: run UPDATE_SHELL=1 cargo test -p kafka-playground shell"
            );
        }
    }

    #[test]
    fn ready_lessons_are_the_catalogs_in_order_and_each_leads_to_the_next() {
        let catalog = kafka_lessons::catalog();
        let ready: Vec<(String, String)> = catalog
            .modules
            .iter()
            .flat_map(|m| &m.lessons)
            .filter(|l| l.ready)
            .map(|l| (l.id.clone(), l.title.clone()))
            .collect();
        let ours: Vec<(String, String)> = READY_LESSONS
            .iter()
            .map(|(i, t)| (i.to_string(), t.to_string()))
            .collect();
        assert_eq!(
            ours, ready,
            "update READY_LESSONS from lessons/catalog.json"
        );
        assert_eq!(next_lesson("1.4"), Some(("1.5", "Offset semantics")));
        assert_eq!(
            next_lesson("1.6"),
            Some(("1.7", "The consumer group protocol"))
        );
        assert_eq!(
            next_lesson("1.7"),
            Some(("1.8", "Same key, different partition"))
        );
        assert_eq!(
            next_lesson("1.8"),
            Some(("1.9", "Retention: the log forgets"))
        );
        assert_eq!(
            next_lesson("1.9"),
            Some(("1.10", "Compaction: the latest value per key"))
        );
        assert_eq!(
            next_lesson("1.10"),
            Some(("1.11", "Retries, backoff and the dead letter queue"))
        );
        assert_eq!(
            next_lesson("1.11"),
            Some(("1.12", "The Go platform's producer"))
        );
        assert_eq!(
            next_lesson("1.12"),
            Some(("2.1", "Replication and durability"))
        );
        assert_eq!(next_lesson("2.1"), Some(("2.2", "Leaders and elections")));
        assert_eq!(next_lesson("2.3"), None);
        assert_eq!(next_lesson("bench"), None);
    }

    #[test]
    fn the_static_theme_button_says_what_the_app_says() {
        // index.html's script reads the button's two names from the static page.
        let shell = shell_html(&kafka_lessons::catalog());
        assert!(shell.contains(&format!("data-to-dark=\"{}\"", text::theme_to_dark())));
        assert!(shell.contains(&format!("data-to-light=\"{}\"", text::theme_to_light())));
        let index = include_str!("../index.html");
        assert!(index.contains("dataset.toDark") && index.contains("dataset.toLight"));
    }

    #[test]
    fn the_home_links_written_lessons_and_escapes_text() {
        let mut catalog = kafka_lessons::catalog();
        let h = home_html(&catalog);
        assert!(h.contains("href=\"#/lesson/1.2/step/1\""));
        let soon = catalog
            .modules
            .iter()
            .flat_map(|m| &m.lessons)
            .filter(|l| !l.ready)
            .count();
        assert_eq!(
            h.matches("lesson-card--soon").count(),
            soon,
            "only unwritten lessons say coming soon"
        );
        catalog.modules[0].lessons[0].ready = false;
        assert_eq!(
            home_html(&catalog).matches("lesson-card--soon").count(),
            soon + 1
        );
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
