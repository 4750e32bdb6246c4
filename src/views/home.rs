//! The home page inside the running app: the markup the static page shows before the app
//! loads ([`crate::shell::home_html`], compiled in as `home.html`), so the two cannot drift.

use leptos::prelude::*;

/// Lists every module of the catalog.
#[component]
pub fn Home() -> impl IntoView {
    view! { <section class="home" inner_html=crate::shell::HOME_HTML></section> }
}
