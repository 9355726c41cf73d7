//! Print a compact timeline of a built-in scenario: `cargo run -p cluster_sim --example timeline -- hpa-50 [STRATEGY] [EVERY_S]`.

use cluster_sim::scenario::{self, Variant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let id = args.first().map(String::as_str).unwrap_or("hpa-50");
    let sc = match scenario::find(id) {
        Some(Ok(s)) => s,
        Some(Err(e)) => return eprintln!("error: {e}"),
        None => return eprintln!("error: unknown scenario {id}"),
    };
    let variant = match Variant::parse(args.get(1).map(String::as_str).unwrap_or("scenario"), &sc) {
        Ok(v) => v,
        Err(e) => return eprintln!("error: {e}"),
    };
    let every: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(60);
    let mut c = match sc.build(&variant.strategy, sc.seed, variant.toggles.as_ref(), 1.0) {
        Ok(c) => c,
        Err(e) => return eprintln!("error: {e}"),
    };
    println!(
        "tick  load  gen served fail drop queue  p50ms  p95ms  want cur ready pend nodes cpu%"
    );
    let mut seq = c.last_event_seq();
    for s in 1..=sc.seconds {
        c.step();
        if s % every == 0 {
            let m = c.metrics();
            println!(
                "{:5} {:5.1} {:4} {:5} {:4} {:4} {:5} {:6.0} {:6.0} {:5} {:3} {:5} {:4} {:5} {:5.1}",
                m.tick,
                m.load_rps,
                m.generated,
                m.served,
                m.failed,
                m.dropped,
                m.queued,
                m.latency_ms_p50,
                m.latency_ms_p95,
                m.replicas_desired,
                m.replicas_current,
                m.replicas_ready,
                m.pods_pending,
                m.nodes,
                m.cpu_utilization_percent.unwrap_or(-1.0)
            );
            if std::env::var("EVENTS").is_ok() {
                for e in c.events_since(seq) {
                    if e.object.kind != cluster_sim::ObjectKind::Pod
                        || e.event_type == cluster_sim::EventType::Warning
                    {
                        println!(
                            "      {} {} {}/{}: {} (x{})",
                            e.event_type.as_str(),
                            e.reason,
                            e.object.kind.as_str(),
                            e.object.name,
                            e.message,
                            e.count
                        );
                    }
                }
                seq = c.last_event_seq();
            }
        }
    }
    for p in c.pods() {
        println!(
            "{} {} {} q={} cpu={:?} ready={}",
            p.name,
            p.status,
            p.node.map(|n| n.0).unwrap_or_default(),
            p.queue_len,
            p.cpu_milli_usage,
            p.ready
        );
    }
    for h in c.hpas() {
        println!(
            "hpa {} {}/{} {:?}",
            h.name,
            h.current_replicas,
            h.desired_replicas,
            h.conditions
                .iter()
                .map(|c| format!("{}={} {}", c.kind, c.status, c.reason))
                .collect::<Vec<_>>()
        );
        for l in h.last_explanation {
            println!("   {l}");
        }
    }
}
