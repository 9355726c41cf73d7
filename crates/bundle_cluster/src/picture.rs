//! The cluster picture, shared by the lab and the terminal: requests flowing from the load through
//! the Service, nodes as boxes sized by capacity with CPU and memory bars, pods as cards coloured
//! by state, and Pending pods waiting outside the nodes with their reason on hover and focus.
//!
//! It draws a [`Scene`] (built by `lab_view::scene::scene(&cluster)`); lists are keyed (`<For>`),
//! so a tick updates only the cards and bars that changed.

use lab_view::scene::{NodeBox, PodCard, PodState, Scene};
use leptos::prelude::*;

/// The picture of `scene`: flow, Pending pods, nodes, legend.
#[component]
pub fn ClusterPicture(scene: Signal<Scene>) -> impl IntoView {
    let flow = Memo::new(move |_| {
        scene.with(|s| {
            let total = (s.served + s.failed + s.dropped).max(1);
            let lost = s.failed + s.dropped;
            (
                s.load_rps,
                s.service.clone(),
                s.endpoints,
                (s.served * 100 / total) as u32,
                lost,
                s.flow_text(),
            )
        })
    });
    let node_names = Memo::new(move |_| {
        scene.with(|s| s.nodes.iter().map(|n| n.name.clone()).collect::<Vec<_>>())
    });
    let pending = Memo::new(move |_| scene.with(|s| s.pending.clone()));
    view! {
        <div class="lab-picture" data-testid="cluster-picture">
            <div class="lab-flow" aria-hidden="true">
                <span class="lab-flow-box">
                    "Load " <strong>{move || flow.with(|f| f.0)}</strong> " req/s"
                </span>
                <span class="lab-flow-band" class:lab-flow-band--idle=move || flow.with(|f| f.0 == 0)>
                    <span class="lab-flow-ok" style:width=move || flow.with(|f| format!("{}%", f.3))></span>
                    <span class="lab-flow-lost" style:flex-grow=move || flow.with(|f| if f.4 > 0 { "1" } else { "0" })></span>
                </span>
                <span class="lab-flow-box">
                    "Service " {move || flow.with(|f| f.1.clone())}
                </span>
                <span class="lab-flow-arrow">"→ " {move || flow.with(|f| f.2)} " endpoints"</span>
                <span class="lab-flow-drop" class:lab-flow-drop--on=move || flow.with(|f| f.4 > 0)>
                    {move || flow.with(|f| f.4)} " lost/s"
                </span>
            </div>
            <p class="visually-hidden" data-testid="flow-text">{move || flow.with(|f| f.5.clone())}</p>
            <ul class="lab-controllers" data-testid="controllers">
                {move || scene.with(|s| s.controllers.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view())}
            </ul>
            <div class="lab-pending" hidden=move || pending.with(|p| p.is_empty())>
                <p class="lab-pending-title">"Pending: no node has room (hover or focus a pod for the reason)"</p>
                <ul class="lab-pods" data-testid="pending-pods">
                    <For each=move || pending.get() key=|p| p.key.clone() let:p>
                        <Pod p=p focusable=true />
                    </For>
                </ul>
            </div>
            <ul class="lab-nodes" data-testid="nodes">
                <For each=move || node_names.get() key=|n| n.clone() let:name>
                    <Node scene=scene name=name />
                </For>
            </ul>
            <ul class="lab-legend" aria-label="Pod colours">
                {PodState::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <li>
                                <span class=format!("lab-pod lab-pod--{}", s.class()) aria-hidden="true">
                                    {glyph(s)}
                                </span>
                                {s.label()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// `scaleX(0.42)` for 42 %: bars grow by transform, which needs no layout.
fn scale(percent: u32) -> String {
    let p = percent.min(100);
    format!("scaleX({}.{:02})", p / 100, p % 100)
}

/// A letter per state, so colour is not the only cue.
fn glyph(s: PodState) -> &'static str {
    match s {
        PodState::Pending => "P",
        PodState::ContainerCreating => "C",
        PodState::Starting => "S",
        PodState::Ready => "R",
        PodState::Terminating => "T",
        PodState::CrashLoopBackOff => "!",
        PodState::OomKilled => "M",
        PodState::Failed => "×",
    }
}

#[component]
fn Node(scene: Signal<Scene>, name: String) -> impl IntoView {
    let key = name.clone();
    let node = Memo::new(move |_| scene.with(|s| s.nodes.iter().find(|n| n.name == key).cloned()));
    let get = move |f: fn(&NodeBox) -> String| {
        move || node.with(|n| n.as_ref().map(f).unwrap_or_default())
    };
    let pods = move || node.with(|n| n.as_ref().map(|n| n.pods.clone()).unwrap_or_default());
    let size = move || node.with(|n| n.as_ref().map_or(1, |n| n.size));
    view! {
        <li
            class="lab-node"
            class:lab-node--booting=move || node.with(|n| n.as_ref().is_some_and(|n| n.provisioning || !n.ready))
            style:flex-grow=move || size().to_string()
            style:min-width=move || format!("{}rem", 5 + size() * 2)
            data-testid="node"
        >
            <div class="lab-node-head">
                <strong>{name.clone()}</strong>
                <span class="lab-node-type">{get(|n| {
                    if n.provisioning { format!("{} · booting", n.node_type) } else { n.node_type.clone() }
                })}</span>
            </div>
            <div class="lab-bar" title=get(|n| n.cpu_text.clone())>
                <span class="lab-bar-label" aria-hidden="true">"CPU"</span>
                <span class="lab-bar-track" aria-hidden="true">
                    <span class="lab-bar-req" style:transform=get(|n| scale(n.cpu_requested))></span>
                    <span class="lab-bar-use" style:transform=get(|n| scale(n.cpu_used))></span>
                </span>
            </div>
            <div class="lab-bar" title=get(|n| n.mem_text.clone())>
                <span class="lab-bar-label" aria-hidden="true">"Mem"</span>
                <span class="lab-bar-track" aria-hidden="true">
                    <span class="lab-bar-req" style:transform=get(|n| scale(n.mem_requested))></span>
                    <span class="lab-bar-use" style:transform=get(|n| scale(n.mem_used))></span>
                </span>
            </div>
            <p class="visually-hidden">{get(|n| n.summary())}</p>
            <ul class="lab-pods" aria-hidden="true">
                <For each=pods key=|p| p.key.clone() let:p>
                    <Pod p=p focusable=false />
                </For>
            </ul>
        </li>
    }
}

#[component]
fn Pod(p: PodCard, focusable: bool) -> impl IntoView {
    let class = format!(
        "lab-pod lab-pod--{}{}",
        p.state.class(),
        if p.receiving { " lab-pod--traffic" } else { "" }
    );
    view! {
        <li
            class=class
            title=p.detail.clone()
            tabindex=focusable.then_some("0")
            aria-label=focusable.then(|| p.detail.clone())
            style:width=(p.width > 1).then(|| format!("{}rem", p.width * 27 / 20))
            data-state=p.state.class()
            data-pod=p.name.clone()
        >
            <span aria-hidden="true">{glyph(p.state)}</span>
            {focusable.then(|| view! { <span class="lab-tip" aria-hidden="true">{p.detail.clone()}</span> })}
        </li>
    }
}
