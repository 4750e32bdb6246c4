//! The copy-paste snippet that puts a lesson step, or a shared sandbox, in a blog post or
//! a slide: an iframe of the page in embed mode (`?embed`, no site chrome).

/// An attribute value, escaped for a double-quoted HTML attribute.
fn attr(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The iframe for `src` (a full URL, already in embed mode), named `title` for screen
/// readers. Full screen stays allowed, for presenter mode inside a slide.
pub fn iframe(src: &str, title: &str, height: u32) -> String {
    format!(
        r#"<iframe src="{}" title="{}" width="100%" height="{height}" style="border: 0; max-width: 100%;" loading="lazy" allow="fullscreen; clipboard-write"></iframe>"#,
        attr(src),
        attr(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_escapes_what_would_end_an_attribute() {
        let s = iframe(
            "https://example.org/kp/#/sandbox?s=abc&embed",
            "Kafka \"Playground\" <demo>",
            640,
        );
        assert_eq!(
            s,
            r#"<iframe src="https://example.org/kp/#/sandbox?s=abc&amp;embed" title="Kafka &quot;Playground&quot; &lt;demo&gt;" width="100%" height="640" style="border: 0; max-width: 100%;" loading="lazy" allow="fullscreen; clipboard-write"></iframe>"#
        );
    }
}
