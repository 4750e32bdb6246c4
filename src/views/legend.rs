//! The one legend every picture uses: each entry drawn with the same shape and classes
//! as in the picture, fed by what the picture shows (`view_model::picture_legend`, the
//! lag chart's lines, the distribution's keys).

use leptos::prelude::*;

use crate::text;
use crate::view_model::{LegendItem, Swatch};

/// The swatch of one entry, as a small SVG's markup.
fn swatch(s: &Swatch) -> String {
    // Integers only, as in the pictures; 22 x 16 units.
    let body = match s {
        Swatch::Key(class) => format!(r#"<g class="cell {class}"><rect x="3" y="1" width="16" height="14" rx="3"></rect></g>"#),
        Swatch::Marker => r#"<g class="cell cell--marker"><rect x="3" y="1" width="16" height="14" rx="3"></rect></g>"#.into(),
        Swatch::Aborted => r#"<g class="cell key-null cell--aborted"><rect x="3" y="1" width="16" height="14" rx="3"></rect><path class="cell__strike" d="M5 13 L17 3"></path></g>"#.into(),
        Swatch::Duplicate => r#"<g class="cell key-null cell--duplicate"><rect x="3" y="1" width="16" height="14" rx="3"></rect><path class="cell__flag" d="M12 1 H19 V8 Z"></path></g>"#.into(),
        Swatch::Tombstone => r#"<g class="cell key-null cell--tombstone"><rect x="3" y="1" width="16" height="14" rx="3"></rect></g>"#.into(),
        Swatch::Hole => r#"<rect class="cell-hole" x="5" y="3" width="12" height="10" rx="2"></rect>"#.into(),
        Swatch::Position => r#"<polygon class="offset-mark offset-mark--position" points="5,3 17,3 11,13"></polygon>"#.into(),
        Swatch::Committed => r#"<polygon class="offset-mark offset-mark--committed" points="5,13 17,13 11,3"></polygon>"#.into(),
        Swatch::HighWatermark => r#"<line class="hw" x1="11" x2="11" y1="0" y2="16"></line>"#.into(),
        Swatch::LogEnd => r#"<rect class="leo-slot" x="3" y="1" width="16" height="14" rx="3"></rect>"#.into(),
        Swatch::Segment => r#"<line class="segment-boundary" x1="11" x2="11" y1="0" y2="16"></line>"#.into(),
        Swatch::Sequence => r#"<text class="row-label row-label--seq" x="11" y="13" text-anchor="middle" font-size="11">s0</text>"#.into(),
        Swatch::Line(p) => format!(r#"<line class="lag-chart__line lag-chart__line--p{}" x1="0" x2="22" y1="8" y2="8"></line>"#, p % 4),
    };
    format!(
        r#"<svg class="legend__swatch" width="22" height="16" viewBox="0 0 22 16" aria-hidden="true">{body}</svg>"#
    )
}

/// The markup of a legend's entries (set in one DOM call: a legend changes whole).
pub fn legend_html(items: &[LegendItem]) -> String {
    let mut h = String::new();
    for i in items {
        h.push_str(r#"<li class="legend__item">"#);
        h.push_str(&swatch(&i.swatch));
        h.push_str("<span>");
        h.push_str(&crate::shell::esc(&i.label));
        h.push_str("</span></li>");
    }
    h
}

/// A legend: a list named "Legend", one entry per kind of thing the picture draws.
#[component]
pub fn Legend(
    /// The entries, in order.
    #[prop(into)]
    items: Signal<Vec<LegendItem>>,
) -> impl IntoView {
    view! { <ul class="legend" aria-label=text::legend() inner_html=move || items.with(|i| legend_html(i))></ul> }
}
