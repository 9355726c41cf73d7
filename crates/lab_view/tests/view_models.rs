//! Native tests of the lab's view models: URL state, strategy controls, the scene, charts, runs.

use cluster_sim::scenario::{self, HpaMetric, Strategy};
use lab_view::charts::ChartKind;
use lab_view::controls::{parse_strategy, strategy_text, Kind, Metric, StrategyForm};
use lab_view::params::{resolve, LabParams};
use lab_view::run::Lab;
use lab_view::scene::{scene, PodState};

fn hpa50() -> scenario::Scenario {
    scenario::find("hpa-50").unwrap().unwrap()
}

#[test]
fn parses_the_url_contract() {
    let (p, problems) = LabParams::parse(
        "?scenario=hpa-50&seed=7&strategy=hpa:2-8%4060&compare=fixed:2,hpa:2-10@50%2Bsafe&intensity=1.5&t=600&probe=off&quota=on",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(p.scenario, "hpa-50");
    assert_eq!(p.seed, Some(7));
    assert_eq!(p.strategy, "hpa:2-8@60");
    assert_eq!(
        p.compare,
        Some(vec!["fixed:2".into(), "hpa:2-10@50+safe".into()])
    );
    assert_eq!(p.intensity, 1.5);
    assert_eq!(p.t, 600);
    assert_eq!(p.toggles.probe, Some(false));
    assert_eq!(p.toggles.quota, Some(true));
    assert_eq!(p.toggles.requests, None);
}

#[test]
fn bad_params_fall_back_with_a_message_and_never_panic() {
    let (p, mut problems) = LabParams::parse(
        "scenario=nope&seed=abc&strategy=warp:9&intensity=-3&t=zz&probe=maybe&colour=red&%ZZ=1&&=",
    );
    assert_eq!(p.seed, None);
    assert_eq!(p.intensity, 1.0);
    assert_eq!(p.t, 0);
    assert_eq!(p.toggles.probe, None);
    assert!(problems.len() >= 6, "{problems:?}");
    let r = resolve(p, &mut problems).unwrap();
    assert!(problems.iter().any(|m| m.contains("no preset \"nope\"")));
    assert!(problems.iter().any(|m| m.contains("warp")));
    assert_eq!(r.strategy, Strategy::Scenario);
    assert_eq!(r.params.scenario, lab_view::params::default_scenario_id());
    // Fuzz-ish: odd strings never panic.
    for q in [
        "%",
        "%%",
        "%4",
        "a=%",
        "t=99999999999999999999",
        "strategy=hpa:",
        "strategy=hpa-ca:1-2@rps/nodes",
        "compare=,,,",
    ] {
        let (p, mut pr) = LabParams::parse(q);
        let _ = resolve(p, &mut pr);
    }
}

#[test]
fn the_url_round_trips() {
    let (p, problems) = LabParams::parse(
        "scenario=hpa-50&seed=9&strategy=hpa-ca:2-12@rps4/nodes2-6&compare=fixed:3,hpa%2Bsafe&intensity=2&t=120&broken=on",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let mut problems = Vec::new();
    let r = resolve(p, &mut problems).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let q = r.params.to_query(r.scenario.seed);
    let (back, problems) = LabParams::parse(&q);
    assert!(problems.is_empty(), "{problems:?} in {q}");
    assert_eq!(back, r.params, "{q}");
    assert!(q.contains("strategy=hpa-ca:2-12@rps4/nodes2-6"), "{q}");
    assert!(q.contains("compare=fixed:3,hpa:2-10@50%2Bsafe"), "{q}");
}

#[test]
fn scenario_alone_writes_seed_and_strategy() {
    let (p, _) = LabParams::parse("lab?scenario=hpa-50".trim_start_matches("lab"));
    let r = resolve(p, &mut Vec::new()).unwrap();
    assert_eq!(
        r.params.to_query(r.scenario.seed),
        "scenario=hpa-50&seed=42&strategy=scenario"
    );
}

#[test]
fn every_preset_resolves_its_compare_list() {
    for s in scenario::builtin().unwrap() {
        let (p, _) = LabParams::parse(&format!("scenario={}", s.id));
        let mut problems = Vec::new();
        let r = resolve(p, &mut problems).unwrap();
        assert!(problems.is_empty(), "{}: {problems:?}", s.id);
        assert!(!r.compare.is_empty(), "{} has a compare list", s.id);
    }
}

#[test]
fn the_form_maps_to_strategies_and_back() {
    let s = hpa50();
    let cases = [
        "scenario",
        "single:small",
        "vertical:large",
        "fixed:4",
        "hpa:2-10@50",
        "hpa:1-6@rps4",
        "hpa-ca:2-10@70/nodes3-9",
    ];
    for text in cases {
        let strategy = parse_strategy(text, &s).unwrap();
        let form = StrategyForm::from_strategy(&strategy, &s);
        assert_eq!(form.to_strategy(), strategy, "{text}");
        assert_eq!(
            parse_strategy(&strategy_text(&strategy), &s).unwrap(),
            strategy,
            "{text}"
        );
    }
    let mut f = StrategyForm::from_strategy(&Strategy::Scenario, &s);
    f.kind = Kind::Hpa;
    f.min = 3;
    f.max = 1; // max below min is raised to min
    f.metric = Metric::QueueLength;
    f.target = 5.0;
    assert_eq!(
        f.to_strategy(),
        Strategy::Hpa {
            min_replicas: 3,
            max_replicas: 3,
            metric: HpaMetric::QueueLength { target: 5.0 }
        }
    );
    assert!(parse_strategy("fixed:0", &s).is_err());
    assert!(parse_strategy("single:huge", &s).is_err());
    assert!(parse_strategy("fixed:3@rps4", &s).is_err());
}

#[test]
fn the_scene_places_pods_on_nodes_and_pending_apart() {
    let s = scenario::find("quota-blocks-scale-out").unwrap().unwrap();
    let mut c = s.build(&Strategy::Scenario, s.seed, None, 1.0).unwrap();
    c.step_n(900);
    let sc = scene(&c);
    assert_eq!(sc.pod_count(), c.pods().len());
    assert_eq!(sc.nodes.len(), c.nodes().len());
    for n in &sc.nodes {
        assert!(n.cpu_requested <= 100 && n.size >= 1);
        assert!(n.summary().starts_with(&format!("Node {}", n.name)));
        for p in &n.pods {
            assert_ne!(p.state, PodState::Pending);
        }
    }
    assert!(
        sc.controllers
            .iter()
            .any(|l| l.starts_with("HPA my-ml-model: ")),
        "{:?}",
        sc.controllers
    );
    assert!(
        sc.controllers
            .iter()
            .any(|l| l.contains("ResourceQuota") && l.contains("CPU requests 2.0 of 2.0 cores")),
        "{:?}",
        sc.controllers
    );
    let ready = sc
        .nodes
        .iter()
        .flat_map(|n| &n.pods)
        .filter(|p| p.state == PodState::Ready)
        .count();
    assert_eq!(ready as u32, c.metrics().replicas_ready);

    // A pod no node can take is Pending, outside the nodes, with the scheduler's reason.
    let big = scenario::find("hpa-50").unwrap().unwrap();
    let mut c = big
        .build(&Strategy::FixedReplicas { replicas: 40 }, 1, None, 1.0)
        .unwrap();
    c.step_n(30);
    let sc = scene(&c);
    assert!(!sc.pending.is_empty());
    assert!(sc.pending.iter().all(|p| p.state == PodState::Pending));
    assert!(
        sc.pending[0].detail.contains("nodes are available"),
        "{}",
        sc.pending[0].detail
    );
    assert!(sc.pending[0].key.ends_with("|pending|-"));
    assert_eq!(sc.pending[0].width, 1, "a 500m pod is one unit wide");

    // Vertical scaling: one pod with most of a node's CPU is drawn wide.
    let mut c = big
        .build(
            &Strategy::Vertical {
                node_type: "large".into(),
            },
            1,
            None,
            1.0,
        )
        .unwrap();
    c.step_n(5);
    let sc = scene(&c);
    assert!(
        sc.nodes[0].pods[0].width >= 10,
        "{}",
        sc.nodes[0].pods[0].width
    );
}

#[test]
fn pod_states_cover_crashes() {
    let s = scenario::find("crashloop-backoff").unwrap().unwrap();
    let mut c = s.build(&Strategy::Scenario, s.seed, None, 1.0).unwrap();
    c.step_n(300);
    let sc = scene(&c);
    let states: Vec<PodState> = sc
        .nodes
        .iter()
        .flat_map(|n| &n.pods)
        .map(|p| p.state)
        .collect();
    assert!(
        states.contains(&PodState::CrashLoopBackOff) || states.contains(&PodState::Failed),
        "{states:?}"
    );
}

#[test]
fn the_lab_plays_a_preset_and_replicas_go_up() {
    let (p, _) = LabParams::parse("scenario=hpa-50");
    let r = resolve(p, &mut Vec::new()).unwrap();
    let mut lab = Lab::new(r, true).unwrap();
    assert_eq!(lab.others.len(), 3);
    assert_eq!(lab.main.elapsed(), 0);
    let before = lab.main.metrics().replicas_desired;
    lab.step_n(900);
    assert!(lab.main.metrics().replicas_desired > before);
    assert!(lab.others.iter().all(|o| o.elapsed() == 900));
    let events = lab.main.new_events();
    assert!(
        events.iter().any(|e| e.reason == "SuccessfulRescale"),
        "{events:?}"
    );
    assert!(lab.main.new_events().is_empty());
    let said = lab.main.new_narration();
    assert!(said.iter().any(|s| s.contains("scaled")), "{said:?}");
    let rows = lab.summaries();
    assert_eq!(rows.len(), 4);
    assert!(rows[1].label.starts_with("fixed:2"));
    let charts = lab.main.charts(10);
    assert_eq!(charts.len(), 5);
    let rep = charts
        .iter()
        .find(|c| c.kind == ChartKind::Replicas)
        .unwrap();
    assert!(rep.series[0].points.len() > 100 && rep.series[0].points.len() <= 301);
    assert_eq!(rep.cursor, 15.0);
    assert_eq!((rep.x_from, rep.x_to), (5.0, 15.0));
    let cpu = charts.iter().find(|c| c.kind == ChartKind::Cpu).unwrap();
    assert_eq!(cpu.band, Some((45.0, 55.00000000000001)));
    assert!(rep.text.contains("desired"));
}

#[test]
fn fast_forward_is_the_same_run_as_playing() {
    let (p, _) = LabParams::parse("scenario=hpa-50&seed=3&t=400");
    let a = Lab::new(resolve(p, &mut Vec::new()).unwrap(), false).unwrap();
    let (p, _) = LabParams::parse("scenario=hpa-50&seed=3");
    let mut b = Lab::new(resolve(p, &mut Vec::new()).unwrap(), false).unwrap();
    for _ in 0..40 {
        b.step_n(10);
    }
    assert_eq!(a.main.metrics(), b.main.metrics());
    assert_eq!(scene(&a.main.cluster), scene(&b.main.cluster));
}

#[test]
fn load_patterns_come_from_the_url_and_change_the_run() {
    let (p, problems) = LabParams::parse("scenario=hpa-50&load=ramp");
    assert!(problems.is_empty());
    assert_eq!(p.load.as_deref(), Some("ramp"));
    let r = resolve(p, &mut Vec::new()).unwrap();
    assert!(
        matches!(r.scenario.load, cluster_sim::LoadPattern::Ramp { from_rps, to_rps, .. } if from_rps == 15.0 && to_rps == 45.0)
    );
    assert!(r.params.to_query(42).contains("load=ramp"));
    for (kind, _, _) in lab_view::controls::LOAD_KINDS {
        let (p, pr) = LabParams::parse(&format!("scenario=hpa-50&load={kind}&t=300"));
        assert!(pr.is_empty());
        let lab = Lab::new(resolve(p, &mut Vec::new()).unwrap(), false).unwrap();
        assert!(lab.main.metrics().load_rps > 0.0, "{kind}");
    }
    let (p, pr) = LabParams::parse("load=tsunami");
    assert_eq!(p.load, None);
    assert!(pr[0].contains("tsunami"));
}
