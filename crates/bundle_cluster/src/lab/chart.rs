//! Draws a `lab_view::charts::Chart` on a canvas with plotters-canvas (light or dark palette).

use lab_view::charts::Chart;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Series colours by palette index: load, capacity/ready, p95, desired, current, nodes/cost, dropped.
const LIGHT: [RGBColor; 7] = [
    RGBColor(29, 78, 216),
    RGBColor(21, 128, 61),
    RGBColor(194, 65, 12),
    RGBColor(107, 33, 168),
    RGBColor(100, 116, 139),
    RGBColor(161, 98, 7),
    RGBColor(185, 28, 28),
];
const DARK: [RGBColor; 7] = [
    RGBColor(147, 197, 253),
    RGBColor(134, 239, 172),
    RGBColor(253, 186, 116),
    RGBColor(216, 180, 254),
    RGBColor(203, 213, 225),
    RGBColor(253, 224, 71),
    RGBColor(252, 165, 165),
];

/// True when the page is in dark mode.
pub fn dark_mode() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Draw `chart` on `canvas`, sized to its CSS box at the device pixel ratio.
pub fn draw(canvas: &HtmlCanvasElement, chart: &Chart, dark: bool) {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0);
    let css_w = canvas.client_width().max(100) as f64;
    let css_h = canvas.client_height().max(80) as f64;
    let (w, h) = ((css_w * dpr) as u32, (css_h * dpr) as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let _ = draw_inner(canvas, chart, dark, dpr);
}

fn draw_inner(
    canvas: &HtmlCanvasElement,
    chart: &Chart,
    dark: bool,
    dpr: f64,
) -> Result<(), Box<dyn std::error::Error>> {
    let pal = if dark { &DARK } else { &LIGHT };
    let (bg, fg, grid) = if dark {
        (
            RGBColor(17, 24, 39),
            RGBColor(229, 231, 235),
            RGBColor(55, 65, 81),
        )
    } else {
        (
            RGBColor(255, 255, 255),
            RGBColor(15, 23, 42),
            RGBColor(226, 232, 240),
        )
    };
    let px = |v: f64| (v * dpr) as u32;
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d context")?;
    let root = backend.into_drawing_area();
    root.fill(&bg)?;
    let font = ("sans-serif", 11.0 * dpr).into_font().color(&fg);
    let mut ctx = ChartBuilder::on(&root)
        .margin(px(6.0))
        .margin_right(px(16.0))
        .x_label_area_size(px(18.0))
        .y_label_area_size(px(34.0))
        .build_cartesian_2d(chart.x_from..chart.x_to, 0.0..chart.y_max)?;
    ctx.configure_mesh()
        .light_line_style(bg)
        .bold_line_style(grid)
        .axis_style(grid)
        .label_style(font)
        .x_labels(6)
        .y_labels(4)
        .x_label_formatter(&|x| format!("{}m", x.round()))
        .y_label_formatter(&|y| short(*y))
        .draw()?;
    if let Some((lo, hi)) = chart.band {
        let c = pal[1].mix(0.18);
        ctx.draw_series(std::iter::once(Rectangle::new(
            [(chart.x_from, lo), (chart.x_to, hi)],
            c.filled(),
        )))?;
    }
    let width = px(2.0);
    for s in &chart.series {
        let color = pal[s.color % pal.len()];
        let pts: Vec<(f64, f64)> = if s.step {
            let mut v = Vec::with_capacity(s.points.len() * 2);
            for (i, p) in s.points.iter().enumerate() {
                if i > 0 {
                    v.push((p.0, s.points[i - 1].1));
                }
                v.push(*p);
            }
            v
        } else {
            s.points.clone()
        };
        if s.fill {
            ctx.draw_series(
                AreaSeries::new(pts, 0.0, color.mix(0.22)).border_style(color.stroke_width(width)),
            )?;
        } else {
            ctx.draw_series(LineSeries::new(pts, color.stroke_width(width)))?;
        }
    }
    ctx.draw_series(std::iter::once(PathElement::new(
        vec![(chart.cursor, 0.0), (chart.cursor, chart.y_max)],
        fg.mix(0.5).stroke_width(px(1.0)),
    )))?;
    root.present()?;
    Ok(())
}

/// An axis number without a float's noise: `1.5k`, `250`, `2.5`, `0.005`.
fn short(v: f64) -> String {
    if v >= 1000.0 {
        format!("{}k", (v / 100.0).round() / 10.0)
    } else if v >= 10.0 || v == 0.0 {
        format!("{}", v.round())
    } else if v >= 1.0 {
        format!("{}", (v * 10.0).round() / 10.0)
    } else {
        format!("{}", (v * 1000.0).round() / 1000.0)
    }
}
