//! The home page inside the running app: the markup the static page shows before the app
//! loads ([`crate::shell::home_html`], compiled in as `home.html`), so the two cannot drift.

use leptos::prelude::*;

/// Lists every module of the catalog: the static markup in English, the same markup
/// made from the translated catalog in another language.
#[component]
pub fn Home() -> impl IntoView {
    let html = if crate::locale::code() == "en" {
        crate::shell::HOME_HTML.to_string()
    } else {
        crate::shell::home_html(&crate::locale::catalog())
    };
    view! { <section class="home" inner_html=html></section> }
}
