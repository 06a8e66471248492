//! Charts drawn on the server as SVG, so they show without JavaScript and in print. Each is a
//! figure with a title, a sentence saying what it shows, and bars that carry their label and
//! number as text (colour is never the only carrier of meaning); the page puts the same numbers
//! in a table beside it.

use leptos::prelude::*;

/// Width of the drawing, in its own units; it scales to the page.
const WIDTH: u32 = 640;
/// Room for the labels at the left.
const LABEL: u32 = 250;
const ROW: u32 = 30;
const BAR: u32 = 20;

/// A bar of a chart: its label, its number, and its class (a colour that passes the contrast of
/// graphics against the page, WCAG 1.4.11).
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub tone: Tone,
}

#[derive(Clone, Copy, Debug)]
pub enum Tone {
    Good,
    Neutral,
    Bad,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Good => "bar bar-good",
            Tone::Neutral => "bar bar-neutral",
            Tone::Bad => "bar bar-bad",
        }
    }
}

/// A horizontal bar chart.
pub fn bar_chart(id: &str, title: String, summary: String, bars: Vec<Bar>) -> impl IntoView + use<> {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = ROW * u32::try_from(bars.len()).unwrap_or(0) + 10;
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = 5 + ROW * u32::try_from(i).unwrap_or(0);
            let room = WIDTH - LABEL - 70;
            let width = (u64::from(room) * bar.value / max) as u32;
            view! {
                <g>
                    <text x="0" y=y + BAR - 5 class="bar-label">{bar.label}</text>
                    <rect x=LABEL y=y width=width.max(1) height=BAR class=bar.tone.class() />
                    <text x=LABEL + width.max(1) + 6 y=y + BAR - 5 class="bar-value">{bar.value}</text>
                </g>
            }
        })
        .collect_view();
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart" id=id.to_owned()>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by>
                <title id=title_id.clone()>{title.clone()}</title>
                <desc id=desc_id>{summary.clone()}</desc>
                {rows}
            </svg>
            <figcaption><strong>{title}</strong> " " {summary}</figcaption>
        </figure>
    }
}
