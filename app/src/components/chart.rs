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
    figure(id, "chart", (WIDTH, height), title, summary, rows)
}

/// A chart's figure: the drawing of `size` (its own units, scaled to the page) named by its title
/// and described by its summary for screen readers, and the same two as the caption.
fn figure<D: IntoView + 'static>(
    id: &str,
    class: &'static str,
    (width, height): (u32, u32),
    title: String,
    summary: String,
    drawing: D,
) -> impl IntoView + use<D> {
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class=class id=id.to_owned()>
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby=labelled_by>
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{summary.clone()}</desc>
                {drawing}
            </svg>
            <figcaption><strong>{title}</strong> " " {summary}</figcaption>
        </figure>
    }
}

/// How a series of a grouped chart is drawn: outlined or filled, so two series differ in shape
/// as well as in colour, and the legend shows which is which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stroke {
    Outline,
    Solid,
}

impl Stroke {
    fn class(self) -> &'static str {
        match self {
            Stroke::Outline => "bar bar-outline",
            Stroke::Solid => "bar bar-good",
        }
    }
}

/// A series of a grouped chart: its name in the legend, and how it is drawn.
#[derive(Clone, Debug)]
pub struct Series {
    pub label: String,
    pub stroke: Stroke,
}

/// A row of a grouped chart: its label and a value for each series.
#[derive(Clone, Debug)]
pub struct Group {
    pub label: String,
    pub values: Vec<u64>,
}

/// A horizontal chart with a row of bars for each group (one bar for each series), rows one under
/// the other so it reads on a phone however many there are; each bar carries its number as text.
pub fn grouped_bar_chart(
    id: &str,
    title: String,
    summary: String,
    series: Vec<Series>,
    groups: Vec<Group>,
) -> impl IntoView + use<> {
    /// Narrower than a labelled bar chart, so its text stays readable on a phone's width.
    const NARROW: u32 = 420;
    /// Room for the month's name.
    const GROUP_LABEL: u32 = 110;
    const THIN: u32 = 14;
    const LEGEND: u32 = 30;
    let per_group = u32::try_from(series.len()).unwrap_or(1) * (THIN + 2) + 10;
    let max = groups.iter().flat_map(|g| g.values.iter().copied()).max().unwrap_or(0).max(1);
    let height = LEGEND + per_group * u32::try_from(groups.len()).unwrap_or(0) + 5;
    let room = NARROW - GROUP_LABEL - 50;
    let legend = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let x = 150 * u32::try_from(i).unwrap_or(0);
            view! {
                <g>
                    <rect x=x y=6 width=THIN height=THIN class=s.stroke.class() />
                    <text x=x + THIN + 6 y=18 class="bar-label">{s.label.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let strokes: Vec<Stroke> = series.iter().map(|s| s.stroke).collect();
    let rows = groups
        .into_iter()
        .enumerate()
        .map(|(i, group)| {
            let top = LEGEND + per_group * u32::try_from(i).unwrap_or(0);
            let bars = group
                .values
                .iter()
                .zip(&strokes)
                .enumerate()
                .map(|(j, (value, stroke))| {
                    let y = top + (THIN + 2) * u32::try_from(j).unwrap_or(0);
                    let width = ((u64::from(room) * value / max) as u32).max(1);
                    view! {
                        <rect x=GROUP_LABEL y=y width=width height=THIN class=stroke.class() />
                        <text x=GROUP_LABEL + width + 6 y=y + THIN - 2 class="bar-value">{*value}</text>
                    }
                })
                .collect_view();
            view! {
                <g>
                    <text x="0" y=top + THIN + 2 class="bar-label">{group.label}</text>
                    {bars}
                </g>
            }
        })
        .collect_view();
    figure(id, "chart chart-narrow", (NARROW, height), title, summary, view! { {legend} {rows} })
}
