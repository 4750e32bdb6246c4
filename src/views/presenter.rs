//! Presenter mode (`?present` on a lesson step): the step full size and in large type for
//! a projector, driven by keys alone. ← → (and a clicker's Page Up / Page Down) change
//! step and Space plays, as in the player; F goes full screen, B blanks the screen, N
//! shows the narration as notes beside the picture, Esc leaves. A ring follows the
//! pointer so the room can see what the presenter points at.

use leptos::prelude::*;

use crate::app::Navigator;
use crate::browser;
use crate::text;

/// Whether a key press belongs to a field the learner is typing in.
pub fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    let tag = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .map(|e| e.tag_name().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(tag.as_str(), "input" | "select" | "textarea")
}

/// Turns presenter mode on or off, on the same step.
pub fn set_presenting(nav: Navigator, on: bool) {
    let mut next = nav.location.get_untracked();
    if next.present != on {
        next.present = on;
        if !on {
            browser::exit_fullscreen();
        }
        nav.go_to(next, true);
    }
}

/// What presenter mode adds to the player: the bar of keys, the blank screen and the
/// pointer ring. `notes` is the player's: it shows the narration.
#[component]
pub fn Presenter(
    /// The narration is shown (N).
    notes: RwSignal<bool>,
    /// "Step 3 of 9", as the player words it.
    progress: Signal<String>,
) -> impl IntoView {
    let nav = expect_context::<Navigator>();
    let blank = RwSignal::new(false);
    // The pointer ring, at the pointer's last place (none until it moves).
    let pointer = RwSignal::new(None::<(i32, i32)>);
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || typing(&ev) {
            return;
        }
        match ev.key().as_str() {
            "f" | "F" => {
                ev.prevent_default();
                browser::toggle_fullscreen();
            }
            "b" | "B" | "." => {
                ev.prevent_default();
                blank.update(|b| *b = !*b);
            }
            "n" | "N" => {
                ev.prevent_default();
                notes.update(|n| *n = !*n);
            }
            "Escape" if blank.get_untracked() => blank.set(false),
            "Escape" | "p" | "P" => set_presenting(nav, false),
            _ => {}
        }
    });
    let moves = window_event_listener(leptos::ev::pointermove, move |ev| {
        if ev.pointer_type() == "mouse" || ev.pointer_type() == "pen" {
            pointer.set(Some((ev.client_x(), ev.client_y())));
        }
    });
    let leaves = window_event_listener(leptos::ev::pointerout, move |ev| {
        if ev.related_target().is_none() {
            pointer.set(None);
        }
    });
    on_cleanup(move || {
        keys.remove();
        moves.remove();
        leaves.remove();
    });
    view! {
        <div class="presenter__bar" role="group" aria-label=text::presenter_mode()>
            <span class="presenter__progress">{move || progress.get()}</span>
            <span class="presenter__keys">{text::presenter_keys()}</span>
            <button type="button" class="btn btn--small" on:click=move |_| set_presenting(nav, false)>
                {text::exit_presenter()}
            </button>
        </div>
        <div
            class="presenter__pointer"
            aria-hidden="true"
            style:display=move || if pointer.get().is_some() { "block" } else { "none" }
            style:transform=move || {
                let (x, y) = pointer.get().unwrap_or_default();
                format!("translate({x}px, {y}px)")
            }
        ></div>
        <Show when=move || blank.get()>
            <div class="presenter__blank" role="status" on:click=move |_| blank.set(false)>
                <span class="visually-hidden">{text::screen_blanked()}</span>
            </div>
        </Show>
    }
}
