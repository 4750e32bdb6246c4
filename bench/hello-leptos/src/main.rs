use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <main>
            <h1>"Hello, Leptos"</h1>
            <button on:click=move |_| set_count.update(|n| *n += 1)>
                "Clicked " {count} " times"
            </button>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
