//! The site bar: name, home link, theme switch.

use leptos::prelude::*;

use crate::browser;
use crate::text;

/// Site header with a light/dark theme switch (the system theme by default).
#[component]
pub fn SiteHeader() -> impl IntoView {
    let initial_dark = match browser::load_pref("theme").as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => browser::prefers_dark(),
    };
    let dark = RwSignal::new(initial_dark);
    Effect::new(move |_| {
        browser::set_root_attribute("data-theme", if dark.get() { "dark" } else { "light" });
    });
    let toggle = move |_| {
        dark.update(|d| *d = !*d);
        browser::save_pref(
            "theme",
            if dark.get_untracked() {
                "dark"
            } else {
                "light"
            },
        );
    };
    view! {
        <header class="site-header">
            <a class="site-header__name" href="#/">
                <span class="site-header__logo" aria-hidden="true">"▤"</span>
                {text::APP_NAME}
            </a>
            <a class="site-header__progress" href="#/progress">{text::PROGRESS_TITLE}</a>
            // Named by what it does; the icon shows the theme it switches to, and a phone
            // shows only the icon (the name stays for screen readers).
            <button class="site-header__theme" type="button" on:click=toggle>
                <span class="site-header__icon" aria-hidden="true">{move || if dark.get() { "☀" } else { "☾" }}</span>
                <span class="site-header__theme-text">{move || if dark.get() { text::THEME_TO_LIGHT } else { text::THEME_TO_DARK }}</span>
            </button>
        </header>
    }
}
