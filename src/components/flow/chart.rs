//! The decision flowchart as an SVG drawn from the content's nodes (grid row/column) and edges:
//! the current node lit, the visited nodes and the arrows followed so far marked.

use course::{NodeKind, TraceStep};
use leptos::either::Either;
use leptos::prelude::*;

/// Width and height of one grid cell, in SVG units. Geometry stays in whole units: integer
/// formatting is all the chart needs (float formatting would add ~5 KB to the bundle).
const CELL_W: i32 = 190;
const CELL_H: i32 = 110;

/// Half width and half height of a node's shape.
fn half_extent(kind: NodeKind) -> (i32, i32) {
    match kind {
        NodeKind::Decision => (88, 36),
        _ => (82, 26),
    }
}

fn center(row: u32, column: u32) -> (i32, i32) {
    (
        column as i32 * CELL_W + CELL_W / 2,
        row as i32 * CELL_H + CELL_H / 2,
    )
}

/// Greedy word wrap for node labels (SVG text does not wrap by itself).
fn wrap(label: &str, max_chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= max_chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// An orthogonal route between two nodes and where its label goes.
struct Route {
    points: Vec<(i32, i32)>,
    label_at: (i32, i32),
    label_anchor: &'static str,
}

/// Routes an arrow with at most one bend: straight within a row or column; from a decision
/// sideways first (it branches), otherwise down first (it joins).
fn route(from: &course::flow::Node, to: &course::flow::Node) -> Route {
    let (fx, fy) = center(from.row, from.column);
    let (tx, ty) = center(to.row, to.column);
    let (fw, fh) = half_extent(from.kind);
    let (tw, th) = half_extent(to.kind);
    let side = |x: i32, w: i32, towards: i32| if towards > x { x + w } else { x - w };
    if from.column == to.column {
        let (a, b) = ((fx, fy + fh), (tx, ty - th));
        Route {
            points: vec![a, b],
            label_at: (fx + 10, (a.1 + b.1) / 2 + 5),
            label_anchor: "start",
        }
    } else if from.row == to.row {
        let (a, b) = ((side(fx, fw, tx), fy), (side(tx, tw, fx), ty));
        Route {
            points: vec![a, b],
            label_at: ((a.0 + b.0) / 2, fy - 8),
            label_anchor: "middle",
        }
    } else if from.kind == NodeKind::Decision {
        let a = (side(fx, fw, tx), fy);
        Route {
            points: vec![a, (tx, fy), (tx, ty - th)],
            label_at: (tx, fy - 8),
            label_anchor: "middle",
        }
    } else {
        let a = (fx, fy + fh);
        Route {
            points: vec![a, (fx, ty), (side(tx, tw, fx), ty)],
            label_at: (fx, ty - 8),
            label_anchor: "middle",
        }
    }
}

fn points_attr(points: &[(i32, i32)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The flowchart in a sideways-scrolling frame (it needs about 27rem to stay legible); on a
/// narrow screen the frame scrolls the current node into view at each step.
#[component]
pub fn FlowChart(
    /// The walkthrough's visited steps, oldest first; the last is the current step.
    #[prop(into)]
    steps: Signal<Vec<TraceStep>>,
) -> impl IntoView {
    let flow = course::decision_flow();
    let (rows, columns) = flow.grid_size();
    let frame = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let column = steps.with(|s| {
            s.last()
                .and_then(|step| flow.node(step.node.as_str()))
                .map(|n| n.column)
        });
        let (Some(el), Some(column)) = (frame.get(), column) else {
            return;
        };
        // Centre the current node's column: its middle is at (2 * column + 1) / (2 * columns)
        // of the scroll width.
        let middle = el.scroll_width() * (2 * column as i32 + 1) / (2 * columns.max(1) as i32);
        el.set_scroll_left((middle - el.client_width() / 2).max(0));
    });
    let view_box = format!("0 0 {} {}", columns as i32 * CELL_W, rows as i32 * CELL_H);
    let state_of = move |id: &'static str| {
        move || {
            steps.with(|s| match s.iter().position(|x| x.node.as_str() == id) {
                Some(i) if i + 1 == s.len() => "current",
                Some(_) => "visited",
                None => "idle",
            })
        }
    };
    let taken = move |from: &'static str, to: &'static str| {
        move || {
            steps.with(|s| {
                s.windows(2)
                    .any(|w| w[0].node.as_str() == from && w[1].node.as_str() == to)
            })
        }
    };

    let edges = flow
        .edges
        .iter()
        .filter_map(|e| {
            let (from, to) = (flow.node(e.from.as_str())?, flow.node(e.to.as_str())?);
            let r = route(from, to);
            let is_taken = taken(e.from.as_str(), e.to.as_str());
            let class = move || {
                if is_taken() {
                    "flow-edge is-taken"
                } else {
                    "flow-edge"
                }
            };
            let marker = move || {
                if is_taken() {
                    "url(#flow-arrow-taken)"
                } else {
                    "url(#flow-arrow)"
                }
            };
            let label = e.label.as_ref().map(|l| {
                view! {
                    <text
                        class="flow-edge-label"
                        x=r.label_at.0
                        y=r.label_at.1
                        text-anchor=r.label_anchor
                    >
                        {l.as_ref()}
                    </text>
                }
            });
            Some(view! {
                <g class=class data-testid=format!("flow-edge-{}-{}", e.from, e.to)>
                    <polyline points=points_attr(&r.points) marker-end=marker />
                    {label}
                </g>
            })
        })
        .collect_view();

    let nodes = flow
        .nodes
        .iter()
        .map(|n| {
            let (cx, cy) = center(n.row, n.column);
            let (w, h) = half_extent(n.kind);
            let state = state_of(n.id.as_str());
            let shape = match n.kind {
                NodeKind::Decision => Either::Left(view! {
                    <polygon points=format!(
                        "{cx},{} {},{cy} {cx},{} {},{cy}",
                        cy - h,
                        cx + w,
                        cy + h,
                        cx - w,
                    ) />
                }),
                kind => Either::Right(view! {
                    <rect
                        x=cx - w
                        y=cy - h
                        width=2 * w
                        height=2 * h
                        rx=if matches!(kind, NodeKind::Start | NodeKind::End) { h } else { 6 }
                    />
                }),
            };
            let lines = wrap(&n.label, 15);
            // Centre the block of lines: move up 0.6em per extra line, then 1.2em per line.
            let first_dy = match lines.len() {
                0 | 1 => "0em",
                2 => "-0.6em",
                _ => "-1.2em",
            };
            let text = lines
                .into_iter()
                .enumerate()
                .map(|(i, line)| {
                    let dy = if i == 0 { first_dy } else { "1.2em" };
                    view! { <tspan x=cx dy=dy>{line}</tspan> }
                })
                .collect_view();
            view! {
                <g
                    class=move || format!("flow-node kind-{} is-{}", n.kind.as_str(), state())
                    data-testid=format!("flow-node-{}", n.id)
                    data-state=state
                >
                    {shape}
                    <text x=cx y=cy dominant-baseline="central" text-anchor="middle">{text}</text>
                </g>
            }
        })
        .collect_view();

    view! {
        <div
            class="flow-chart-scroll"
            tabindex="0"
            role="region"
            aria-label="Flowchart (scrolls sideways on small screens)"
            node_ref=frame
        >
        <svg
            class="flow-chart"
            viewBox=view_box
            role="img"
            aria-labelledby="flow-chart-title"
            aria-describedby="flow-chart-desc"
            data-testid="flow-chart"
        >
            <defs>
                <marker
                    id="flow-arrow"
                    viewBox="0 0 10 10"
                    refX="9"
                    refY="5"
                    markerUnits="userSpaceOnUse"
                    markerWidth="11"
                    markerHeight="11"
                    orient="auto-start-reverse"
                >
                    <path class="flow-arrow-head" d="M0,0 L10,5 L0,10 z" />
                </marker>
                <marker
                    id="flow-arrow-taken"
                    viewBox="0 0 10 10"
                    refX="9"
                    refY="5"
                    markerUnits="userSpaceOnUse"
                    markerWidth="14"
                    markerHeight="14"
                    orient="auto-start-reverse"
                >
                    <path class="flow-arrow-head is-taken" d="M0,0 L10,5 L0,10 z" />
                </marker>
            </defs>
            {edges}
            {nodes}
        </svg>
        </div>
    }
}
