//! Every mission: it parses, its goal is NOT met at the start, and its reference solution
//! meets it (checked on the cluster state, as the page checks it). Also the golf par.

use kubectl::mission::{missions, Mission, MissionRun, MISSION_FILES, MISSION_JSON};

fn run_solution(mission: &Mission) -> MissionRun {
    let mut run = MissionRun::new(mission.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !mission.is_met(run.session.cluster()),
        "{}: goal already met at the start: {:?}",
        mission.id,
        mission.evaluate(run.session.cluster())
    );
    for line in &mission.solution {
        let output = run.run_line(line);
        assert!(
            !output.is_error(),
            "{}: {line:?} failed:\n{}",
            mission.id,
            output.text()
        );
    }
    run
}

/// The browser reads the JSON build.rs made from each file: it must be the very same mission.
#[test]
fn the_json_missions_equal_their_toml_files() {
    assert_eq!(MISSION_FILES.len(), MISSION_JSON.len());
    for ((id, text), (json_id, json)) in MISSION_FILES.iter().zip(MISSION_JSON) {
        assert_eq!(id, json_id);
        assert_eq!(
            Mission::parse(id, text).unwrap(),
            Mission::from_json(id, json).unwrap()
        );
    }
    let err = Mission::from_json("x", "null").unwrap_err();
    assert_eq!(err.file, "content/missions/x.toml");
}

#[test]
fn every_reference_solution_meets_its_goal_at_par() {
    let all = missions().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.len(), MISSION_FILES.len());
    for mission in &all {
        let run = run_solution(mission);
        let status = run.status();
        assert!(
            status.completed,
            "{}: goal not met after the solution: {:?}",
            mission.id, status.checks
        );
        assert_eq!(
            run.commands, mission.par,
            "{}: the reference solution should score par",
            mission.id
        );
        assert_eq!(status.made_par, Some(true));
    }
}

#[test]
fn waiting_alone_does_not_meet_any_goal() {
    for mission in missions().unwrap() {
        let mut run = MissionRun::new(mission.clone()).unwrap();
        run.run_line("wait 10m");
        assert!(
            !run.status().completed,
            "{} is met by doing nothing",
            mission.id
        );
    }
}

#[test]
fn hints_come_one_at_a_time() {
    let mission = missions().unwrap().remove(0);
    let mut run = MissionRun::new(mission.clone()).unwrap();
    for hint in &mission.hints {
        assert_eq!(run.next_hint(), Some(hint.as_str()));
    }
    assert_eq!(run.next_hint(), None);
}

#[test]
fn missions_are_ordered_and_cover_the_course() {
    let ids: Vec<&str> = MISSION_FILES.iter().map(|(id, _)| *id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    // The list: scale, HPA on a spike, <unknown> targets, quota, readiness probe,
    // max replicas too low, sticky sessions.
    for topic in [
        "scale",
        "autoscale",
        "unknown",
        "quota",
        "readiness",
        "max-replicas",
        "sticky",
    ] {
        assert!(
            ids.iter().any(|id| id.contains(topic)),
            "no mission about {topic}"
        );
    }
}

#[test]
fn bad_mission_files_get_one_line_errors() {
    let err = Mission::parse("x", "title = 1").unwrap_err().to_string();
    assert!(err.starts_with("content/missions/x.toml: "), "{err}");
    assert!(!err.contains('\n'));
    let good = MISSION_FILES
        .iter()
        .find(|(id, _)| *id == "01-scale-to-three")
        .unwrap()
        .1;
    let bad_solution = good.replace(
        "kubectl scale deployment my-ml-model --replicas=3",
        "kubectl scael x",
    );
    assert!(Mission::parse("x", &bad_solution)
        .unwrap_err()
        .message
        .contains("does not parse"));
    let bad_start = good.replace("scenario = \"sandbox\"", "scenario = \"nowhere\"");
    assert!(Mission::parse("x", &bad_start)
        .unwrap_err()
        .message
        .starts_with("start.scenario: unknown scenario"));
}
