//! The home page inside the running app: the same markup as the static page that stands
//! in before the app loads ([`crate::shell::home_html`]), so the two cannot drift.

use leptos::prelude::*;

/// Lists every module of the catalog.
#[component]
pub fn Home() -> impl IntoView {
    let html = crate::shell::home_html(&kafka_lessons::catalog());
    view! { <section class="home" inner_html=html></section> }
}
