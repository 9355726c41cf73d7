//! Beyond the four steps: sliders for the capacities and the load, a live bar chart (plotters
//! on a canvas) with the same numbers as a table, the combined strategy to discover (bonus
//! step), and a link that opens the cluster lab with the same load and strategies.

use exercise::{lab_query, play, CapacitySource, Exercise, PlayInputs, StrategyVerdict};
use leptos::prelude::*;
use mlops_scaling::state::base::BasePath;

use crate::page::{ExState, StepItem};

/// The play area, shown once every step has passed.
#[component]
pub fn Beyond(ex: &'static Exercise, st: ExState) -> impl IntoView {
    let b = &ex.beyond;
    let total = ex.steps.len();
    let inputs = st.play;
    let current = move || PlayInputs {
        discovered: st.discovered.get(),
        ..inputs.get()
    };
    let bars = Memo::new(move |_| play(b, &current()));
    let lab_href = move || {
        lab_query(b, &current())
            .map(|q| format!("{}?{q}", BasePath::from_document().href("lab")))
            .unwrap_or_default()
    };
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    Effect::new(move |_| {
        let shown = st.best.get() >= total;
        let bars = bars.get();
        let load = inputs.with(|i| i.load);
        if let (true, Some(c)) = (shown, canvas.get()) {
            // After the frame's layout, so a section that was just un-hidden has its width.
            request_animation_frame(move || draw_chart(c, &bars, load));
        }
    });
    let summary = move || {
        let bars = bars.get();
        let load = inputs.with(|i| i.load);
        let able: Vec<&str> = bars
            .iter()
            .filter(|v| v.can_handle_load)
            .map(|v| v.label.as_str())
            .collect();
        match able.len() {
            0 => format!(
                "Load {load}: none of the {} strategies can handle it.",
                bars.len()
            ),
            n => format!(
                "Load {load}: {n} of {} can handle it ({}).",
                bars.len(),
                able.join(", ")
            ),
        }
    };
    let bonus_state = Signal::derive(move || exercise::StepState {
        done: st.bonus.get(),
        message: st.bonus_message.get(),
    });
    let sliders = b
        .strategies
        .iter()
        .filter_map(|s| match &s.capacity {
            CapacitySource::Slider(sl) => Some((s.key.as_str(), format!("{} capacity", s.label), sl)),
            CapacitySource::ProductOf(_) => None,
        })
        .map(|(key, label, sl)| {
            let value = move || {
                inputs.with(|i| {
                    i.capacities
                        .iter()
                        .find(|(k, _)| k == key)
                        .map_or(sl.default, |(_, v)| *v)
                })
            };
            let set = move |v: i64| {
                inputs.update(|i| {
                    if let Some(c) = i.capacities.iter_mut().find(|(k, _)| k == key) {
                        c.1 = v;
                    }
                })
            };
            view! { <SliderRow id=format!("ex-slider-{key}") label=label slider=sl value=value set=set /> }
        })
        .collect_view();
    view! {
        <section
            class="card ex-beyond"
            aria-labelledby="ex-beyond-title"
            data-testid="beyond"
            hidden=move || st.best.get() < total
        >
            <h2 id="ex-beyond-title">"Beyond the exercise: play with the numbers"</h2>
            <p>{b.intro.clone()}</p>
            <div class="ex-play">
                <div class="ex-sliders">
                    <SliderRow
                        id="ex-slider-load".to_string()
                        label=b.load.label.clone()
                        slider=&b.load
                        value=move || inputs.with(|i| i.load)
                        set=move |v| inputs.update(|i| i.load = v)
                    />
                    {sliders}
                </div>
                <div class="ex-chart">
                    <canvas
                        node_ref=canvas
                        class="ex-canvas"
                        data-testid="chart"
                        role="img"
                        aria-label="Bar chart of each strategy's capacity against the load; the table below has the same numbers."
                        width="600"
                        height="280"
                    ></canvas>
                    <p class="ex-summary" aria-live="polite" data-testid="play-summary">{summary}</p>
                </div>
            </div>
            <table class="ex-table" data-testid="play-table">
                <caption>"Capacity against load (the chart as a table)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Strategy"</th>
                        <th scope="col">"Capacity"</th>
                        <th scope="col">"Load"</th>
                        <th scope="col">"Handles the load?"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let load = inputs.with(|i| i.load);
                        bars.get()
                            .into_iter()
                            .map(|v| {
                                let verdict = if v.can_handle_load {
                                    format!("Yes, {} to spare", v.headroom)
                                } else {
                                    format!("No, {} short", -v.headroom)
                                };
                                view! {
                                    <tr data-key=v.key>
                                        <th scope="row">{v.label}</th>
                                        <td>{v.formula}</td>
                                        <td>{load}</td>
                                        <td>{verdict}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            {b.bonus.as_ref().map(|bonus| view! {
                <h3>"Bonus: a fourth strategy"</h3>
                <ol class="ex-step-list" start=bonus.number>
                    <StepItem step=bonus state=bonus_state />
                </ol>
                <p>
                    <button
                        type="button"
                        class="button button-quiet"
                        data-testid="discover"
                        hidden=move || st.discovered.get()
                        on:click=move |_| st.discovered.set(true)
                    >
                        "Show it in the chart without coding it"
                    </button>
                </p>
            })}
            {b.lab.as_ref().map(|lab| view! {
                <h3>"From toy numbers to a cluster"</h3>
                <p>{lab.note.clone()}</p>
                <p>
                    <a class="button button-primary" data-testid="lab-link" href=lab_href>
                        {lab.label.clone()}
                    </a>
                </p>
            })}
        </section>
    }
}

/// A labelled range input with its value shown next to it.
#[component]
fn SliderRow(
    id: String,
    label: String,
    slider: &'static exercise::Slider,
    value: impl Fn() -> i64 + Copy + Send + Sync + 'static,
    set: impl Fn(i64) + Copy + 'static,
) -> impl IntoView {
    let default = slider.default;
    view! {
        <div class="ex-slider">
            <label for=id.clone()>{label}</label>
            <input
                type="range"
                id=id.clone()
                data-testid=id.clone()
                min=slider.min
                max=slider.max
                step="1"
                prop:value=move || value().to_string()
                on:input=move |ev| set(event_target_value(&ev).parse().unwrap_or(default))
            />
            <output for=id>{value}</output>
        </div>
    }
}

/// Draws the bars (green when the capacity covers the load, red when short) and the load line.
fn draw_chart(canvas: web_sys::HtmlCanvasElement, bars: &[StrategyVerdict], load: i64) {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    // Draw at the size it is shown, so the text stays readable on a phone; setting the width
    // also clears the canvas.
    let width = canvas.client_width().clamp(240, 1200) as u32;
    canvas.set_width(width);
    canvas.set_height(280);
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    let (fg, ok, short, line) = if dark {
        (
            RGBColor(229, 231, 235),
            RGBColor(134, 239, 172),
            RGBColor(252, 165, 165),
            RGBColor(253, 186, 116),
        )
    } else {
        (
            RGBColor(15, 23, 42),
            RGBColor(21, 128, 61),
            RGBColor(185, 28, 28),
            RGBColor(194, 65, 12),
        )
    };
    let Some(backend) = plotters_canvas::CanvasBackend::with_canvas_object(canvas) else {
        return;
    };
    let root = backend.into_drawing_area();
    let (w, h) = root.dim_in_pixel();
    let top = bars
        .iter()
        .map(|b| b.capacity)
        .chain([load, 1])
        .max()
        .unwrap_or(1);
    let top = top + top / 5 + 1;
    let (left, right, ytop, bottom) = (8i32, w as i32 - 8, 8i32, h as i32 - 30);
    let y = |v: i64| bottom - (v.clamp(0, top) * i64::from(bottom - ytop) / top) as i32;
    let font = |h: HPos, v: VPos| {
        ("sans-serif", 15)
            .into_font()
            .color(&fg)
            .pos(Pos::new(h, v))
    };
    let slot = (right - left) / bars.len().max(1) as i32;
    for (i, b) in bars.iter().enumerate() {
        let x0 = left + slot * i as i32 + slot / 6;
        let x1 = left + slot * (i as i32 + 1) - slot / 6;
        let color = if b.can_handle_load { ok } else { short };
        let _ = root.draw(&Rectangle::new(
            [(x0, y(b.capacity)), (x1, bottom)],
            color.filled(),
        ));
        let mid = (x0 + x1) / 2;
        let _ = root.draw(&Text::new(
            b.capacity.to_string(),
            (mid, y(b.capacity) - 4),
            font(HPos::Center, VPos::Bottom),
        ));
        let name = b.label.split_whitespace().next().unwrap_or("");
        let _ = root.draw(&Text::new(
            name.to_string(),
            (mid, bottom + 6),
            font(HPos::Center, VPos::Top),
        ));
    }
    let ly = y(load);
    let _ = root.draw(&PathElement::new(
        vec![(left, ly), (right, ly)],
        line.stroke_width(3),
    ));
    let _ = root.draw(&Text::new(
        format!("load {load}"),
        (left + 2, ly - 4),
        font(HPos::Left, VPos::Bottom),
    ));
    let _ = root.present();
}
