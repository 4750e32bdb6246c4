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

mod app;
mod browser;
mod layout;
mod pacing;
mod route;
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
