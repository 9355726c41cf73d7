//! Every exercise file validates: steps in order, references resolve, the solution passes
//! every step, the starter code none, and the play area agrees with the bonus solution.

use exercise::{all, capacity_vs_load, intensity, lab_query, play, validate, PlayInputs};

#[test]
fn every_exercise_validates() {
    assert!(!all().is_empty());
    for ex in all() {
        let problems = validate(ex);
        assert!(
            problems.is_empty(),
            "{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn the_seed_text_is_all_there() {
    let ex = capacity_vs_load();
    assert_eq!(ex.title, "Why Scaling Requires Different Strategies");
    assert!(ex.scenario.starts_with(
        "You are working in a team that manages machine learning models in production."
    ));
    assert!(ex.goal.contains("one size does not fit all"));
    assert_eq!(ex.what_you_learn.len(), 4);
    assert_eq!(ex.steps.len(), 4);
    let hints: Vec<&str> = ex.steps.iter().map(|s| s.hint.as_str()).collect();
    assert_eq!(
        hints,
        [
            "Use curly braces to create a dictionary with the exact keys and values.",
            "Just assign the number 7 to the variable named load.",
            "Start with an empty dictionary can_handle_load = {}. Then use a for loop to fill it.",
            "Use the print function to show the dictionary.",
        ]
    );
    assert!(ex.why_real_world.contains("horizontal") && ex.why_career.contains("MLOps engineers"));
}

#[test]
fn validation_catches_a_broken_solution_and_misnumbered_steps() {
    let mut ex = capacity_vs_load().clone();
    ex.solution = ex.solution.replace("load = 7", "load = 6");
    ex.steps[2].number = 9;
    let problems: Vec<String> = validate(&ex).iter().map(|p| p.to_string()).collect();
    assert!(
        problems.contains(
            &"capacity-vs-load: solution: fails step 2: load is 6, the step asks for 7".to_string()
        ),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("steps[2]: is numbered 9, expected 3")),
        "{problems:?}"
    );
}

#[test]
fn play_area_shows_the_combined_strategy_once_discovered() {
    let b = &capacity_vs_load().beyond;
    let mut inputs = PlayInputs::defaults(b);
    let bars = play(b, &inputs);
    assert_eq!(bars.len(), 3);
    assert!(bars.iter().all(|v| !v.can_handle_load));
    inputs.discovered = true;
    let bars = play(b, &inputs);
    let combined = bars.iter().find(|v| v.key == "combined").unwrap();
    assert_eq!(
        (
            combined.capacity,
            combined.can_handle_load,
            combined.formula.as_str()
        ),
        (10, true, "5 x 2 = 10")
    );
    assert_eq!(combined.headroom, 3);
    // Sliders move: three nodes of capacity 2 no longer carry 7.
    inputs
        .capacities
        .iter_mut()
        .find(|(k, _)| k == "horizontal_scaling")
        .unwrap()
        .1 = 3;
    let combined = play(b, &inputs)
        .into_iter()
        .find(|v| v.key == "combined")
        .unwrap();
    assert_eq!((combined.capacity, combined.can_handle_load), (6, false));
}

#[test]
fn the_lab_link_names_a_real_preset_and_strategies_the_lab_parses() {
    let b = &capacity_vs_load().beyond;
    let lab = b.lab.as_ref().expect("the exercise links to the lab");
    let scenario = cluster_sim::scenario::find(&lab.preset)
        .unwrap_or_else(|| panic!("no content/scenarios/{}.toml", lab.preset))
        .expect("the preset parses");
    for s in &lab.strategies {
        cluster_sim::scenario::Variant::parse(&s.strategy, &scenario)
            .unwrap_or_else(|e| panic!("{}: {e}", s.strategy));
    }
    let mut inputs = PlayInputs::defaults(b);
    assert_eq!(
        lab_query(b, &inputs).unwrap(),
        "scenario=small-model-one-node&compare=single:small,fixed:5,vertical:large&intensity=1&seed=42"
    );
    inputs.load = 14;
    inputs.discovered = true;
    assert_eq!(
        lab_query(b, &inputs).unwrap(),
        "scenario=small-model-one-node&compare=single:small,fixed:5,vertical:large,hpa-ca:5-5@50&intensity=2&seed=42"
    );
}

#[test]
fn intensity_is_the_load_over_the_baseline_without_float_formatting() {
    let cases = [
        (7, 7, "1"),
        (0, 7, "0"),
        (10, 7, "1.43"),
        (14, 7, "2"),
        (20, 7, "2.86"),
        (1, 7, "0.14"),
        (7, 2, "3.5"),
        (-3, 7, "0"),
        (5, 0, "5"),
    ];
    for (load, base, want) in cases {
        assert_eq!(intensity(load, base), want, "{load}/{base}");
    }
}

#[test]
fn validation_catches_a_lab_mapping_that_misses_a_strategy() {
    let mut ex = capacity_vs_load().clone();
    let lab = ex.beyond.lab.as_mut().unwrap();
    lab.strategies.retain(|s| s.key != "combined");
    lab.strategies.push(exercise::LabStrategy {
        key: "gpu".into(),
        strategy: "fixed:2 & more".into(),
    });
    let problems: Vec<String> = validate(&ex).iter().map(|p| p.to_string()).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("has no lab strategy for \"combined\"")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("\"gpu\" is not a play strategy")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("is not a lab strategy")),
        "{problems:?}"
    );
}
