//! "Code for a real cluster": the shown step's producer and consumer as a Java, Python,
//! Go or C# program, written by the engine (`kafka_sim::client_code`); this view only
//! picks the language and copies.

use kafka_sim::client_code::{generate, Client, Setup};
use leptos::prelude::*;

use crate::browser;
use crate::text;
use crate::views::lesson_player::StepContext;

fn tab_id(c: Client) -> String {
    format!("code-tab-{}", c.file_name().replace('.', "-"))
}

/// The panel, below the sandbox's cluster.
#[component]
pub fn ClientCodePanel() -> impl IntoView {
    let ctx = expect_context::<StepContext>();
    let client = RwSignal::new(Client::Java);
    let copied = RwSignal::new(String::new());
    let code = Memo::new(move |_| {
        let c = client.get();
        ctx.with_cluster(|cluster| Setup::of(cluster).map(|setup| generate(c, &setup)))
    });
    // Left and Right move between the tabs, as the ARIA tabs pattern has it.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let i = Client::ALL
            .iter()
            .position(|c| *c == client.get_untracked())
            .unwrap_or(0);
        let n = Client::ALL.len();
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        client.set(Client::ALL[next]);
        copied.set(String::new());
        browser::focus_by_id(&tab_id(Client::ALL[next]));
    };
    let copy = move |_| {
        if let Some(code) = code.get_untracked() {
            browser::copy_to_clipboard(&code);
            copied.set(text::code_copied(client.get_untracked().language()));
        }
    };
    view! {
        <section class="panel client-code" aria-labelledby="client-code-title">
            <h2 class="panel__title" id="client-code-title">{text::client_code()}</h2>
            <p class="client-code__intro">{text::client_code_intro()}</p>
            <div class="client-code__tabs" role="tablist" aria-label=text::client_code_languages() on:keydown=on_keydown>
                {Client::ALL.into_iter().map(|c| view! {
                    <button type="button" role="tab" class="client-code__tab" id=tab_id(c)
                        aria-controls="client-code-body"
                        aria-selected=move || (client.get() == c).to_string()
                        tabindex=move || if client.get() == c { "0" } else { "-1" }
                        on:click=move |_| { client.set(c); copied.set(String::new()); }>
                        {c.language()}
                        <span class="client-code__library">{c.library()}</span>
                    </button>
                }).collect_view()}
            </div>
            <div id="client-code-body" role="tabpanel" aria-labelledby=move || tab_id(client.get())>
                {move || match code.get() {
                    None => view! { <p class="client-code__empty">{text::client_code_no_topic()}</p> }.into_any(),
                    Some(code) => view! {
                        <div class="client-code__bar">
                            <span class="client-code__file">{client.get().file_name()}</span>
                            <button type="button" class="btn" on:click=copy>{text::copy_code()}</button>
                            <span class="client-code__copied" aria-live="polite">{move || copied.get()}</span>
                        </div>
                        <pre class="client-code__code" tabindex="0" aria-label=move || text::code_label(client.get().language())><code>{code}</code></pre>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}
