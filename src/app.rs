//! The root component: routing by URL fragment, theme, and the page frame.

use leptos::prelude::*;

use crate::browser;
use crate::progress_store::ProgressStore;
use crate::route::{Location, Route};
use crate::text;
use crate::views::home::Home;
use crate::views::lesson_page::LessonPage;
use crate::views::progress_page::ProgressPage;
use crate::views::site_header::SiteHeader;

/// The write path for navigation, shared by context: every page change goes through it.
#[derive(Clone, Copy)]
pub struct Navigator {
    /// Where the learner is.
    pub location: RwSignal<Location>,
}

impl Navigator {
    /// Goes to `route`, keeping embed and presenter mode. Every step is a history entry, so the
    /// browser's Back goes back a step; `replace` is for corrections (a step number out of
    /// range) that should not leave an entry behind.
    pub fn go(&self, route: Route, replace: bool) {
        let (embed, present) = self.location.with_untracked(|l| (l.embed, l.present));
        let next = Location {
            route,
            embed,
            present,
        };
        self.go_to(next, replace);
    }

    /// Goes to `next` as it is (presenter mode on or off).
    pub fn go_to(&self, next: Location, replace: bool) {
        if self.location.with_untracked(|l| *l != next) {
            browser::set_hash(&next.to_hash(), replace);
            self.location.set(next);
        }
    }
}

/// Which page, without the step: pages re-render only when this changes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Page {
    Home,
    Sandbox(
        Option<(String, usize)>,
        Option<String>,
        Option<(String, usize)>,
    ),
    Progress,
    Lesson(String),
    NotFound(String),
}

/// The app.
#[component]
pub fn App() -> impl IntoView {
    // A lesson URL is shown as the app would write it (`#/lesson/1.2` and `step/0` become
    // `step/1`), without a history entry.
    let read = || {
        let hash = browser::current_hash();
        let l = Location::parse(&hash);
        if matches!(l.route, Route::Lesson { .. }) && l.to_hash() != hash {
            browser::set_hash(&l.to_hash(), true);
        }
        l
    };
    let location = RwSignal::new(read());
    let sync = move || {
        let now = read();
        if location.with_untracked(|l| *l != now) {
            location.set(now);
        }
    };
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| sync());
    let pop_listener = window_event_listener(leptos::ev::popstate, move |_| sync());
    on_cleanup(move || {
        hash_listener.remove();
        pop_listener.remove();
    });
    provide_context(Navigator { location });
    let store = ProgressStore::load();
    provide_context(store);

    let page = Memo::new(move |_| {
        location.with(|l| match &l.route {
            Route::Home => Page::Home,
            Route::Sandbox {
                from,
                lines,
                challenge,
            } => Page::Sandbox(from.clone(), lines.clone(), challenge.clone()),
            Route::Progress => Page::Progress,
            Route::Lesson { id, .. } => Page::Lesson(id.clone()),
            Route::NotFound(t) => Page::NotFound(t.clone()),
        })
    });
    // Presenter mode is a lesson's: elsewhere it only drops the chrome, as embed does.
    let present = Memo::new(move |_| location.with(|l| l.present));
    let embed = Memo::new(move |_| location.with(|l| l.embed || l.present));

    view! {
        <div class="app" class:app--embed=move || embed.get() class:app--present=move || present.get()>
            <a class="skip-link" href="#main" on:click=|ev| {
                ev.prevent_default();
                if let Some(main) = document().get_element_by_id("main") {
                    main.scroll_into_view();
                }
            }>{text::skip_to_content()}</a>
            <Show when=move || !embed.get()>
                <SiteHeader/>
            </Show>
            {move || store.notice.get().map(|n| view! {
                <div class="app__notice" role="alert">
                    <p>{n}</p>
                    <button type="button" class="btn btn--small" on:click=move |_| store.notice.set(None)>{text::dismiss()}</button>
                </div>
            })}
            <main id="main" class="app__main" tabindex="-1">
                {move || match page.get() {
                    Page::Home => {
                        browser::set_title(text::app_name());
                        view! { <Home/> }.into_any()
                    }
                    Page::Lesson(id) => view! { <LessonPage id=id/> }.into_any(),
                    Page::Sandbox(from, lines, challenge) => sandbox_page(from, lines, challenge),
                    Page::Progress => view! { <ProgressPage/> }.into_any(),
                    Page::NotFound(path) => view! { <NotFound path=path/> }.into_any(),
                }}
            </main>
            <Show when=move || !embed.get()>
                <footer class="app__footer">{text::footer()}</footer>
            </Show>
        </div>
    }
}

/// `#/sandbox`: the sandbox page, in the build that has it.
#[cfg(feature = "sandbox")]
fn sandbox_page(
    from: Option<(String, usize)>,
    lines: Option<String>,
    challenge: Option<(String, usize)>,
) -> AnyView {
    view! { <crate::views::sandbox_page::SandboxPage from=from lines=lines challenge=challenge/> }
        .into_any()
}

/// `#/sandbox` in the lesson build, which leaves the sandbox out: the page's loader
/// (Trunk.toml) reloads the page on this hash, and the reload loads the build with it.
#[cfg(not(feature = "sandbox"))]
fn sandbox_page(
    _from: Option<(String, usize)>,
    _lines: Option<String>,
    _challenge: Option<(String, usize)>,
) -> AnyView {
    view! { <p class="shell__loading" role="status">{text::loading_sandbox()}</p> }.into_any()
}

/// A page for links that lead nowhere.
#[component]
pub fn NotFound(
    /// The fragment that matched nothing.
    path: String,
) -> impl IntoView {
    browser::set_title(text::not_found());
    view! {
        <section class="not-found">
            <h1>{text::not_found()}</h1>
            <p>{text::no_page_at(&path)}</p>
            <p><a href="#/">{text::home()}</a></p>
        </section>
    }
}
