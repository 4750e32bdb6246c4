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
    // The static page (shell.rs) stood in until now; the app draws every page from here on.
    browser::remove_element("shell");
    leptos::mount::mount_to_body(app::App);
}
