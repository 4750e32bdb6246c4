//! Kafka Playground: the Leptos (CSR) app. The only code that touches the DOM.
//!
//! ```text
//!  URL hash ──► Location (route.rs) ──► App ──► Home | LessonPlayer
//!                                                  │
//!            kafka-lessons::LessonRun (engine states + events per step)
//!                                                  │
//!            view_model.rs (plain data, Memo'd) ──► views/* (SVG, panels)
//! ```

#![forbid(unsafe_code)]
// The lesson build leaves the sandbox out (Cargo.toml, feature `sandbox`): what only the
// sandbox uses (texts, view models) is dead there. The default build, which clippy and the
// tests check, uses all of it.
#![cfg_attr(not(feature = "sandbox"), allow(dead_code, unused_imports))]

mod app;
mod browser;
mod embed;
mod layout;
mod lesson_source;
mod locale;
mod pacing;
mod progress_store;
mod route;
#[cfg(feature = "sandbox")]
mod share;
mod shell;
mod text;
mod view_model;
mod views;

fn main() {
    console_error_panic_hook::set_once();
    // The learner's language (locale.rs): English is compiled in; another one's catalogue
    // is fetched first, so the first page is drawn in it. Unreachable or damaged, English.
    // A static page of another language (index.vi.html) is a choice of it too.
    let page = browser::root_attribute("lang");
    let lang = locale::wanted(
        &browser::current_hash(),
        browser::load_pref("lang").or(page),
    );
    if lang == "en" {
        start();
    } else {
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(file) = browser::fetch_text(&format!("locales/{lang}.json")).await {
                if locale::install(&lang, &file).is_ok() {
                    if let Ok(file) =
                        browser::fetch_text(&format!("lessons/{lang}/catalog.json")).await
                    {
                        let _ = locale::install_catalog(&file);
                    }
                }
            }
            start();
        });
    }
}

/// Draws the app in place of the static page.
fn start() {
    browser::set_root_attribute("lang", locale::code());
    // The static page (shell.rs) stood in until now; the app draws every page from here on.
    browser::remove_element("shell");
    leptos::mount::mount_to_body(app::App);
}
