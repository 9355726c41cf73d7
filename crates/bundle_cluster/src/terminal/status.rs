//! The cluster beside the terminal: the lab's picture of nodes and pods, and a one-glance summary
//! (clock, deployments, autoscalers, nodes), both redrawn after every command and tick.

use kubectl::duration::human_duration;
use leptos::prelude::*;

use super::driver::Term;

/// Re-read after every command and every tick (`rev`).
#[component]
pub fn ClusterStatus(driver: Term, rev: RwSignal<u64>) -> impl IntoView {
    let lines = move || {
        rev.track();
        driver
            .try_with_value(|d| summary(d.session().cluster()))
            .unwrap_or_default()
    };
    let scene = Memo::new(move |_| {
        rev.track();
        driver
            .try_with_value(|d| lab_view::scene::scene(d.session().cluster()))
            .unwrap_or_default()
    });
    view! {
        <section class="term-status" aria-label="Cluster at a glance">
            <ul>{move || lines().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            <div class="lab term-picture"><crate::picture::ClusterPicture scene=scene.into() /></div>
        </section>
    }
}

/// Plain sentences, so the summary reads the same to everyone.
fn summary(c: &cluster_sim::Cluster) -> Vec<String> {
    let mut out = vec![format!("Cluster time {}", human_duration(c.tick() as i64))];
    for d in c.deployments() {
        out.push(format!(
            "Deployment {}: {}/{} pods ready",
            d.name.0, d.ready_replicas, d.replicas
        ));
    }
    for h in c.hpas() {
        out.push(format!(
            "HPA {}: {} to {} replicas, wants {}",
            h.name.0,
            h.min_replicas.unwrap_or(1),
            h.max_replicas,
            h.desired_replicas
        ));
    }
    let nodes = c.nodes();
    let ready = nodes.iter().filter(|n| n.ready).count();
    out.push(format!("Nodes: {ready} ready of {}", nodes.len()));
    let pending = c.pods().iter().filter(|p| p.status == "Pending").count();
    if pending > 0 {
        out.push(format!("Pending pods: {pending}"));
    }
    out
}
