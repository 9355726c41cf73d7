//! The progress document: round trips, the tolerant loader (one bad section dropped alone,
//! unreadable text kept for a backup), migration from the legacy keys through their own
//! loaders, strict import, the summary and the event's exact JSON, and the completion rule
//! checked against the other content. Property tests over random, truncated, mutated and
//! hostile JSON with a fixed case count.

use std::collections::BTreeMap;

use progress::catalog::{EXERCISE_STEPS, MISSIONS, PRESETS, QUIZZES, RULE};
use progress::summary::{event_detail, Summary};
use progress::{
    export, import, load, migrate, Document, LabRun, Legacy, MissionRecord, Section, LEGACY_KEYS,
    MAX_DOCUMENT_BYTES, MAX_LAB_RUNS,
};
use proptest::prelude::*;
use quiz::Answer;

fn run(scenario: &str) -> LabRun {
    LabRun {
        scenario: scenario.into(),
        strategy: "hpa:2-10@50".into(),
        seed: 42,
        seconds: 2400,
        p95_ms: "412".into(),
        dropped: "0.3 %".into(),
        peak_pods: 7,
        peak_nodes: 4,
        cost: "1.25".into(),
    }
}

/// The quiz section of `d` as the quiz crate's type.
fn quiz_of(d: &Document) -> quiz::progress::Progress {
    quiz::progress::import_progress(&d.quiz.to_string()).unwrap()
}

/// Changes the quiz section through the quiz crate's type.
fn with_quiz(d: &mut Document, f: impl FnOnce(&mut quiz::progress::Progress)) {
    let mut p = quiz_of(d);
    f(&mut p);
    d.quiz = serde_json::to_value(&p).unwrap();
}

/// Something in every section.
fn sample() -> Document {
    let mut d = Document::default();
    with_quiz(&mut d, |q| {
        q.record_answer(
            "visual",
            "visual-1-small-data",
            Answer::Choice { index: 0 },
            true,
        );
        q.record_answer(
            "practice",
            "practice-1-why-different",
            Answer::Choice { index: 3 },
            false,
        );
    });
    d.exercise = Some(progress::ExerciseSection {
        code: Some("load = 7\n".into()),
        best: 2,
        ..Default::default()
    });
    d.missions.insert(
        "01-scale-to-three".into(),
        MissionRecord {
            completed: true,
            best_commands: Some(1),
            hints_used: 0,
        },
    );
    d.files.insert(
        "my-hpa.yaml".into(),
        "kind: HorizontalPodAutoscaler\n".into(),
    );
    d.record_lab_run(run("hpa-50"));
    d
}

#[test]
fn a_document_round_trips_through_storage_and_export() {
    let d = sample();
    let loaded = load(Some(&export(&d)));
    assert_eq!(loaded.document, d);
    assert!(loaded.notices.is_empty() && loaded.backup.is_none() && !loaded.changed);
    assert_eq!(import(&export(&d)), Ok(d));
    assert_eq!(load(None).document, Document::default());
}

#[test]
fn a_corrupt_section_is_dropped_alone_with_a_notice() {
    let mut v: serde_json::Value = serde_json::from_str(&export(&sample())).unwrap();
    v["exercise"] = serde_json::json!({"best": "lots"});
    v["lab_runs"] = serde_json::json!([{"scenario": 3}]);
    let loaded = load(Some(&v.to_string()));
    assert_eq!(loaded.document.exercise, None);
    assert!(loaded.document.lab_runs.is_empty());
    assert_eq!(
        loaded.document.missions,
        sample().missions,
        "the others survive"
    );
    assert_eq!(loaded.document.quiz, sample().quiz);
    assert_eq!(loaded.notices.len(), 2, "{:?}", loaded.notices);
    assert!(loaded.notices[0].contains("exercise progress could not be read"));
    assert!(loaded.changed && loaded.backup.is_none());
    // Import is strict: the same text is refused, saying which part.
    let err = import(&v.to_string()).unwrap_err();
    assert!(err.contains("exercise progress"), "{err}");
}

#[test]
fn unreadable_or_newer_documents_are_kept_for_a_backup() {
    for bad in [
        "{\"broken",
        "[1,2]",
        "{}",
        "{\"schema_version\": 2, \"quiz\": {}}",
        "{\"schema_version\": 0}",
        "null",
    ] {
        let loaded = load(Some(bad));
        assert_eq!(loaded.document, Document::default(), "{bad}");
        assert_eq!(loaded.backup.as_deref(), Some(bad));
        assert!(
            loaded.notices[0].contains("kept aside"),
            "{:?}",
            loaded.notices
        );
        assert!(import(bad).is_err());
    }
    assert!(load(Some("{\"schema_version\": 2}")).notices[0].contains("newer version"));
    let huge = format!(
        "{{\"schema_version\":1,\"pad\":\"{}\"}}",
        "x".repeat(MAX_DOCUMENT_BYTES)
    );
    assert!(load(Some(&huge)).backup.is_some());
}

#[test]
fn hostile_sections_are_capped() {
    let many: BTreeMap<String, MissionRecord> = (0..1000)
        .map(|i| (format!("m{i}"), MissionRecord::default()))
        .collect();
    let text = serde_json::json!({"schema_version": 1, "missions": many, "files": {"../x": "a", "ok.yaml": "b", "n": 3}}).to_string();
    let loaded = load(Some(&text));
    assert!(loaded.document.missions.is_empty());
    assert_eq!(
        loaded.document.files.len(),
        1,
        "untypeable names and non-text dropped"
    );
    let runs: Vec<LabRun> = (0..MAX_LAB_RUNS + 1).map(|_| run("hpa-50")).collect();
    let text = serde_json::json!({"schema_version": 1, "lab_runs": runs}).to_string();
    assert!(load(Some(&text)).document.lab_runs.is_empty());
    let mut d = Document::default();
    for i in 0..(MAX_LAB_RUNS as u64 + 10) {
        d.record_lab_run(LabRun {
            seed: i,
            ..run("hpa-50")
        });
    }
    assert_eq!(d.lab_runs.len(), MAX_LAB_RUNS);
    assert_eq!(d.lab_runs[0].seed, 10, "the oldest are forgotten");
}

#[test]
fn migration_reads_the_legacy_keys_through_their_own_loaders() {
    assert_eq!(
        LEGACY_KEYS,
        [
            quiz::progress::PROGRESS_STORAGE_KEY,
            "mlops-scaling.exercise.capacity-vs-load",
            kubectl::saved::PROGRESS_KEY,
            kubectl::saved::FILES_KEY,
        ]
    );
    let nothing = migrate(&Legacy::default());
    assert!(!nothing.changed && nothing.document == Document::default());

    let mut quiz = quiz::progress::Progress::default();
    quiz.record_answer(
        "visual",
        "visual-1-small-data",
        Answer::Choice { index: 0 },
        true,
    );
    let saved = exercise::Saved {
        code: Some("load = 7\n".into()),
        best: 3,
        bonus: false,
        discovered: true,
        play: Some(exercise::PlayInputs {
            capacities: vec![("single_node".into(), 3)],
            load: 12,
            discovered: false,
        }),
    };
    let missions =
        r#"{"01-scale-to-three":{"completed":true,"best_commands":1,"hints_used":2},"x":"lots"}"#;
    let files = r#"{"my-hpa.yaml":"kind: HorizontalPodAutoscaler\n","../etc":"x"}"#;
    let legacy = Legacy {
        quiz: Some(quiz::progress::export_progress(&quiz)),
        exercise: Some(saved.to_json()),
        missions: Some(missions.into()),
        files: Some(files.into()),
    };
    let m = migrate(&legacy);
    assert!(m.changed && m.notices.is_empty() && m.backup.is_none());
    let d = &m.document;
    assert_eq!(quiz_of(d), quiz);
    // Each section reads back through its writer's own loader unchanged.
    let ex = d.section_json(Section::Exercise).unwrap();
    assert_eq!(exercise::Saved::parse(Some(&ex), 4), (saved, None));
    let ms = d.section_json(Section::Missions).unwrap();
    assert_eq!(
        kubectl::saved::load_progress(Some(&ms)),
        kubectl::saved::load_progress(Some(missions))
    );
    let fs = d.section_json(Section::Files).unwrap();
    assert_eq!(
        kubectl::saved::load_files(Some(&fs)),
        kubectl::saved::load_files(Some(files))
    );
    // Corrupt legacy values give the legacy notices and the rest migrates.
    let m = migrate(&Legacy {
        quiz: Some("{\"broken".into()),
        exercise: Some("{\"best\": \"lots".into()),
        missions: Some("{not json".into()),
        files: Some(files.into()),
    });
    assert_eq!(m.notices.len(), 2, "{:?}", m.notices);
    assert!(m.notices[0].contains("could not be used") && m.notices[0].contains("starts afresh"));
    assert!(m.notices[1].contains("could not be read, so it starts afresh"));
    assert_eq!(m.document.files.len(), 1);
}

#[test]
fn writers_replace_only_their_section() {
    let mut d = sample();
    let before = d.clone();
    let mut p = kubectl::saved::load_progress(d.section_json(Section::Missions).as_deref());
    p.insert(
        "02-autoscale-the-spike".into(),
        kubectl::mission::MissionProgress {
            completed: true,
            best_commands: Some(2),
            hints_used: 1,
        },
    );
    d.set_section_json(Section::Missions, &kubectl::saved::save_progress(&p))
        .unwrap();
    assert_eq!(d.missions.len(), 2);
    assert_eq!(
        (d.quiz.clone(), d.exercise.clone(), d.files.clone()),
        (before.quiz, before.exercise, before.files)
    );
    assert!(d.set_section_json(Section::Exercise, "[1]").is_err());
    assert!(d.exercise.is_some(), "a refused write changes nothing");
    d.set_section_json(Section::Exercise, "null").unwrap();
    assert_eq!(d.exercise, None);
    let timer = quiz::TimerSetting::Extended { percent: 200 };
    with_quiz(&mut d, |q| q.timer_setting = timer);
    d.reset();
    assert_eq!(quiz_of(&d).timer_setting, timer);
    assert_eq!(quiz_of(&d).quizzes.len(), 0);
    assert_eq!(
        d,
        Document {
            quiz: d.quiz.clone(),
            ..Document::default()
        }
    );
}

#[test]
fn summary_score_completion_and_event_detail() {
    assert_eq!(
        quiz_of(&Document::default()),
        quiz::progress::Progress::default()
    );
    let empty = Summary::of(&Document::default());
    assert_eq!(
        empty.left().len(),
        1 + RULE.quizzes.len() + RULE.badges.len() + RULE.missions.len() + 2
    );
    let total: usize = QUIZZES.iter().map(|q| q.3.len()).sum();
    assert_eq!(
        (empty.score, empty.questions as usize, empty.completed),
        (0, total, false)
    );
    assert_eq!(
        event_detail(&empty),
        format!(
            "{{\"score\":{{\"raw\":0,\"min\":0,\"max\":100}},\"completed\":false,\"summary\":{}}}",
            serde_json::to_string(&empty.line()).unwrap()
        )
    );
    let s = Summary::of(&sample());
    assert_eq!(s.right, 1, "the wrong practice answer does not count");
    assert_eq!(s.score, 100 / total as u32);
    assert_eq!(s.exercise_steps, 2);
    assert_eq!(s.presets.iter().find(|p| p.id == "hpa-50").unwrap().runs, 1);
    assert!(
        s.missions
            .iter()
            .find(|m| m.id == "01-scale-to-three")
            .unwrap()
            .completed
    );

    // Everything the rule asks for: completed, and the event says so.
    let mut d = sample();
    with_quiz(&mut d, |p| {
        for &(id, _, _, questions) in QUIZZES {
            for q in questions {
                p.record_answer(id, q, Answer::Choice { index: 0 }, true);
            }
            p.quizzes.get_mut(id).unwrap().runs_completed = 1;
        }
        for b in RULE.badges {
            p.badges.insert(b.to_string());
        }
    });
    for m in MISSIONS {
        d.missions.insert(
            m.0.into(),
            MissionRecord {
                completed: true,
                best_commands: Some(m.2),
                hints_used: 0,
            },
        );
    }
    d.exercise.as_mut().unwrap().best = 4;
    let s = Summary::of(&d);
    assert!(s.completed && s.left().is_empty(), "{:?}", s.left());
    assert_eq!(s.score, 100);
    let detail: serde_json::Value = serde_json::from_str(&event_detail(&s)).unwrap();
    assert_eq!(
        detail["score"],
        serde_json::json!({"raw": 100, "min": 0, "max": 100})
    );
    assert_eq!(detail["completed"], serde_json::json!(true));
    assert!(event_detail(&s).starts_with(
        "{\"score\":{\"raw\":100,\"min\":0,\"max\":100},\"completed\":true,\"summary\":\""
    ));
    // A later wrong answer replaces the right one.
    with_quiz(&mut d, |p| {
        p.record_answer(
            "visual",
            "visual-1-small-data",
            Answer::Choice { index: 1 },
            false,
        )
    });
    assert!(!Summary::of(&d).completed || RULE.min_score as usize * total <= 100 * (total - 1));
}

#[test]
fn the_catalog_and_the_completion_rule_agree_with_the_content() {
    let quizzes = quiz::content::builtin_quizzes().unwrap();
    assert_eq!(quizzes.len(), QUIZZES.len());
    for q in &quizzes {
        let (_, title, badge, ids) = QUIZZES.iter().find(|c| c.0 == q.id.0).unwrap();
        assert_eq!(*title, q.title);
        assert_eq!(*badge, q.badge.as_ref().map_or("", |b| b.name.as_str()));
        let content: Vec<&str> = q.questions.iter().map(|x| x.id.0.as_str()).collect();
        assert_eq!(*ids, content.as_slice());
    }
    let missions = kubectl::mission::missions().unwrap();
    assert_eq!(
        MISSIONS.iter().map(|m| (m.0, m.1, m.2)).collect::<Vec<_>>(),
        missions
            .iter()
            .map(|m| (m.id.as_str(), m.title.as_str(), m.par))
            .collect::<Vec<_>>()
    );
    let mut presets = cluster_sim::scenario::builtin().unwrap();
    presets.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
    assert_eq!(
        PRESETS.iter().map(|p| (p.0, p.1, p.2)).collect::<Vec<_>>(),
        presets
            .iter()
            .map(|s| (s.id.as_str(), s.title.as_str(), s.seconds))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        EXERCISE_STEPS as usize,
        exercise::capacity_vs_load().steps.len()
    );

    assert!(RULE.min_score <= 100);
    for q in RULE.quizzes {
        assert!(
            QUIZZES.iter().any(|c| c.0 == *q),
            "completion.toml: unknown quiz {q}"
        );
    }
    for b in RULE.badges {
        assert!(
            QUIZZES.iter().any(|c| c.2 == *b),
            "completion.toml: unknown badge {b}"
        );
    }
    for m in RULE.missions {
        assert!(
            MISSIONS.iter().any(|c| c.0 == *m),
            "completion.toml: unknown mission {m}"
        );
    }
    assert!(RULE.exercise_steps <= EXERCISE_STEPS);
    assert!(RULE.lab_presets as usize <= PRESETS.len());
}

/// Text that is sometimes a valid document, sometimes JSON of the wrong shape, sometimes junk.
fn arb_text() -> impl Strategy<Value = String> {
    let valid = export(&sample());
    prop_oneof![
        // Truncated at any byte (valid UTF-8 boundaries only: localStorage holds strings).
        (0..valid.len()).prop_map(move |n| {
            let mut cut = n;
            while !valid.is_char_boundary(cut) {
                cut -= 1;
            }
            valid[..cut].to_string()
        }),
        // One byte changed.
        (0..export(&sample()).len(), any::<u8>()).prop_map(|(i, b)| {
            let mut bytes = export(&sample()).into_bytes();
            bytes[i] = b;
            String::from_utf8_lossy(&bytes).into_owned()
        }),
        // Random JSON values in each section's place.
        (arb_json(), 0..6usize).prop_map(|(v, i)| {
            let mut doc: serde_json::Value = serde_json::from_str(&export(&sample())).unwrap();
            let key = [
                "schema_version",
                "quiz",
                "exercise",
                "missions",
                "files",
                "lab_runs",
            ][i];
            doc[key] = v;
            doc.to_string()
        }),
        arb_json().prop_map(|v| v.to_string()),
        any::<String>(),
        // Deep nesting.
        (1..5000usize).prop_map(|n| format!(
            "{{\"schema_version\":1,\"quiz\":{}{}",
            "[".repeat(n),
            "]".repeat(n)
        )),
    ]
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        ".{0,20}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z_0-9.-]{0,12}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn load_and_import_never_panic_and_load_always_gives_a_usable_document(text in arb_text()) {
        let loaded = load(Some(&text));
        // What load keeps is itself loadable unchanged, and importable.
        let again = load(Some(&export(&loaded.document)));
        prop_assert_eq!(&again.document, &loaded.document);
        prop_assert!(again.notices.is_empty());
        prop_assert!(loaded.backup.is_none() || loaded.document == Document::default());
        if loaded.backup.is_some() {
            prop_assert_eq!(loaded.backup.as_deref(), Some(text.as_str()));
        }
        match import(&text) {
            Ok(d) => {
                prop_assert_eq!(&d, &loaded.document);
                prop_assert!(loaded.notices.is_empty());
            }
            Err(why) => prop_assert!(!why.is_empty()),
        }
        let s = Summary::of(&loaded.document);
        prop_assert!(s.score <= 100);
        let _ = event_detail(&s);
    }

    #[test]
    fn migration_never_panics(q in arb_text(), e in arb_text(), m in arb_text(), f in arb_text()) {
        let migrated = migrate(&Legacy { quiz: Some(q), exercise: Some(e), missions: Some(m), files: Some(f) });
        let again = load(Some(&export(&migrated.document)));
        prop_assert_eq!(again.document, migrated.document);
    }
}
