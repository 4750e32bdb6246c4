//! The site bar: name, home link, progress, language switch, theme switch.

use leptos::prelude::*;

use crate::app::Navigator;
use crate::browser;
use crate::locale;
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
    // Each other language, by its own name in its own language (locale.rs): the link
    // carries the place and `lang=` (it works with the app not yet loaded, as in the
    // static page); a click saves the choice and redraws the page in it.
    let nav = use_context::<Navigator>();
    let here = move || {
        nav.map(|n| n.location.with(|l| l.to_hash()))
            .unwrap_or_else(|| "#/".into())
    };
    let others: Vec<(String, String)> = locale::languages()
        .into_iter()
        .filter(|(c, _)| c != locale::code())
        .collect();
    let switches = others
        .into_iter()
        .map(|(code, name)| {
            let href = {
                let code = code.clone();
                move || locale::with_lang(&here(), &code)
            };
            let to = code.clone();
            let go = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                locale::switch_to(&to);
            };
            view! {
                <a class="site-header__lang" href=href hreflang=code.clone() lang=code on:click=go>{name}</a>
            }
        })
        .collect_view();
    view! {
        <header class="site-header">
            <a class="site-header__name" href="#/">
                <span class="site-header__logo" aria-hidden="true">"▤"</span>
                {text::app_name()}
            </a>
            <a class="site-header__progress" href="#/progress">{text::progress_title()}</a>
            {switches}
            // Named by what it does; the icon shows the theme it switches to, and a phone
            // shows only the icon (the name stays for screen readers).
            <button class="site-header__theme" type="button" on:click=toggle>
                <span class="site-header__icon" aria-hidden="true">{move || if dark.get() { "☀" } else { "☾" }}</span>
                <span class="site-header__theme-text">{move || if dark.get() { text::theme_to_light() } else { text::theme_to_dark() }}</span>
            </button>
        </header>
    }
}
