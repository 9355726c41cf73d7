//! Table tests of the step checker: right programs in many shapes pass, wrong ones get the
//! precise sentence the learner will read.

use exercise::{capacity_vs_load, check_program, CheckReport, RunOptions};

fn check(src: &str) -> CheckReport {
    check_program(capacity_vs_load(), src, &RunOptions::default())
}

const SEED: &str = "systems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2}\n";

/// (program, step number, expected pass, expected message when failing). Programs for steps
/// 2-4 that do not define `systems` themselves run after the one-line seed dict, so their
/// error lines are one more than in the text here.
const TABLE: &[(&str, u32, bool, &str)] = &[
    // ---- step 1: the systems dict ----
    (SEED, 1, true, ""),
    ("systems = {\n    \"vertical_scaling\": 2,\n    \"single_node\": 1,   # one box\n\n    \"horizontal_scaling\": 5,\n}\n", 1, true, ""),
    ("systems = dict(single_node=1, horizontal_scaling=5, vertical_scaling=2)\n", 1, true, ""),
    ("systems = {}\nsystems['single_node'] = 1\nsystems['horizontal_scaling'] = 5\nsystems['vertical_scaling'] = 2\n", 1, true, ""),
    ("systems = {k: v for k, v in [('single_node', 1), ('horizontal_scaling', 5), ('vertical_scaling', 2)]}\n", 1, true, ""),
    ("load = 7\n", 1, false, "systems is not defined: step 1 asks you to create a dictionary called systems"),
    ("systems = {'single_node': 1, 'horizontal_scaling': 5}\n", 1, false, "systems has no key 'vertical_scaling'"),
    ("systems = {'single_node': 2, 'horizontal_scaling': 5, 'vertical_scaling': 2}\n", 1, false, "systems['single_node'] is 2, the step asks for 1"),
    ("systems = {'single_node': '1', 'horizontal_scaling': 5, 'vertical_scaling': 2}\n", 1, false, "systems['single_node'] is '1' (a str), the step asks for the int 1"),
    ("systems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2, 'gpu': 8}\n", 1, false, "systems has an extra key 'gpu': the step asks for exactly 'single_node', 'horizontal_scaling' and 'vertical_scaling'"),
    ("systems = [1, 5, 2]\n", 1, false, "systems is a list, the step asks for a dict"),
    ("systems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2\n", 1, false, "the program did not run: line 1: SyntaxError: '{' was never closed"),
    // ---- step 2: the load ----
    ("load = 7\n", 2, true, ""),
    ("load = 3 + 4\n", 2, true, ""),
    ("load = 8\n", 2, false, "load is 8, the step asks for 7"),
    ("load = '7'\n", 2, false, "load is '7' (a str), the step asks for the int 7"),
    ("load = 7.0\n", 2, false, "load is 7.0 (a float), the step asks for the int 7"),
    ("Load = 7\n", 2, false, "load is not defined: step 2 asks you to create it"),
    ("load = 7\nprint(capcity)\n", 2, true, ""),
    ("print(capcity)\nload = 7\n", 2, false, "load is not defined: step 2 asks you to create it (the program stopped early at line 2: NameError: name 'capcity' is not defined)"),
    // ---- step 3: the loop ----
    ("load = 7\ncan_handle_load = {}\nfor strategy, capacity in systems.items():\n    can_handle_load[strategy] = capacity >= load\n", 3, true, ""),
    ("load = 7\ncan_handle_load = {}\nfor strategy, capacity in systems.items():\n    if capacity >= load:\n        can_handle_load[strategy] = True\n    else:\n        can_handle_load[strategy] = False\n", 3, true, ""),
    ("load = 7\ncan_handle_load = {strategy: capacity >= load for strategy, capacity in systems.items()}\n", 3, true, ""),
    ("load = 7\ncan_handle_load = {}\nfor s in systems:\n    can_handle_load[s] = not systems[s] < load\n", 3, true, ""),
    ("load = 7\n", 3, false, "can_handle_load is not defined: step 3 asks you to build it in a for loop over systems.items()"),
    ("load = 7\ncan_handle_load = {}\nfor strategy, capacity in systems.items():\n    can_handle_load[strategy] = capacity > 4\n", 3, false, "can_handle_load['horizontal_scaling'] is True, but 5 >= 7 is False"),
    ("load = 7\ncan_handle_load = {}\nfor strategy, capacity in systems.items():\n    if strategy != 'vertical_scaling':\n        can_handle_load[strategy] = capacity >= load\n", 3, false, "can_handle_load has no key 'vertical_scaling'"),
    ("load = 7\ncan_handle_load = {}\nfor strategy, capacity in systems.items():\n    can_handle_load[strategy] = 'False'\n", 3, false, "can_handle_load['single_node'] is 'False' (a str), it should be the bool False (1 >= 7)"),
    ("load = 7\ncan_handle_load = {}\nfor strategy, capacity in systems.items():\n    can_handle_load[strategy] = capacity >= load\ncan_handle_load['cloud'] = True\n", 3, false, "can_handle_load has an extra key 'cloud': systems has no such strategy"),
    ("load = 7\nfor strategy, capacity in systems.items():\n    can_handle_load[strategy] = capcity >= load\n", 3, false, "can_handle_load is not defined: step 3 asks you to build it in a for loop over systems.items() (the program stopped early at line 4: NameError: name 'capcity' is not defined. Did you mean: 'capacity'?)"),
    ("load = 7\ncan_handle_load = {}\nfor strategy, capacity in systems.items()\n    can_handle_load[strategy] = capacity >= load\n", 3, false, "the program did not run: line 4: SyntaxError: expected ':'"),
    ("load = 7\ncan_handle_load = {}\nfor strategy, capacity in systems.items():\ncan_handle_load[strategy] = capacity >= load\n", 3, false, "the program did not run: line 5: IndentationError: expected an indented block after 'for' statement on line 4"),
    // ---- step 4: the print ----
    ("load = 7\ncan_handle_load = {s: c >= load for s, c in systems.items()}\nprint(can_handle_load)\n", 4, true, ""),
    ("load = 7\ncan_handle_load = {s: c >= load for s, c in systems.items()}\nprint('Results:')\nprint(can_handle_load)\n", 4, true, ""),
    ("load = 7\ncan_handle_load = {s: c >= load for s, c in systems.items()}\n", 4, false, "nothing was printed: step 4 asks you to print(can_handle_load)"),
    ("load = 7\ncan_handle_load = {s: c >= load for s, c in systems.items()}\nprint(systems)\n", 4, false, "the output does not show can_handle_load: step 4 asks you to print(can_handle_load), which prints {'single_node': False, 'horizontal_scaling': False, 'vertical_scaling': False}, but the last line printed is {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2}"),
    ("load = 7\ncan_handle_load = {}\nfor strategy, capacity in systems.items():\n    can_handle_load[strategy] = capacity >= load\n    print(can_handle_load)\n", 4, false, "can_handle_load was printed 3 times: is print(can_handle_load) indented inside the loop? Step 4 asks you to print it once, after the loop"),
];

#[test]
fn every_row_of_the_table_gets_its_verdict_and_message() {
    let mut failures = Vec::new();
    for (i, (body, step, pass, message)) in TABLE.iter().enumerate() {
        // Steps after the first build on the seed dict.
        let src = if *step == 1 || body.starts_with("systems") {
            body.to_string()
        } else {
            format!("{SEED}{body}")
        };
        let report = check(&src);
        let got = &report.steps[*step as usize - 1];
        let want_message = if *pass {
            capacity_vs_load().steps[*step as usize - 1].done.as_str()
        } else {
            message
        };
        if got.passed != *pass || got.message != want_message {
            failures.push(format!("row {i} (step {step}):\n{src}\n  want passed={pass} {want_message:?}\n  got  passed={} {:?}", got.passed, got.message));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn progress_counts_steps_passed_in_order() {
    assert_eq!(check("").progress_label(), "0 / 4 steps");
    assert_eq!(
        check(&capacity_vs_load().starter_code).progress_label(),
        "0 / 4 steps"
    );
    assert_eq!(check(SEED).progress_label(), "1 / 4 steps");
    assert_eq!(
        check(&format!("{SEED}load = 7\n")).progress_label(),
        "2 / 4 steps"
    );
    // Step 2 passes alone, but progress waits for step 1.
    let r = check("load = 7\n");
    assert!(r.steps[1].passed && !r.steps[0].passed);
    assert_eq!(r.completed, 0);
    let solved = check(&capacity_vs_load().solution);
    assert_eq!(solved.progress_label(), "4 / 4 steps");
    assert!(solved.all_passed());
    assert_eq!(
        solved.run.stdout,
        "{'single_node': False, 'horizontal_scaling': False, 'vertical_scaling': False}\n"
    );
}

#[test]
fn the_combined_strategy_is_a_bonus_checked_on_behaviour() {
    let ex = capacity_vs_load();
    let plain = check(&ex.solution);
    let bonus = plain.bonus.expect("the exercise has a bonus");
    assert!(!bonus.passed);
    assert_eq!(bonus.message, "systems has no key 'combined'");
    let with_combined = check(
        &ex.solution
            .replace("load = 7", "systems['combined'] = 5 * 2\nload = 7"),
    );
    let bonus = with_combined.bonus.unwrap();
    assert!(bonus.passed, "{}", bonus.message);
    assert!(with_combined.run.stdout.contains("'combined': True"));
    let wrong = check(
        &ex.solution
            .replace("load = 7", "systems['combined'] = 5 + 2\nload = 7"),
    );
    assert_eq!(
        wrong.bonus.unwrap().message,
        "systems['combined'] is 7, the step asks for 10"
    );
}

#[test]
fn an_endless_loop_ends_with_the_budget_message_and_fails_the_steps_after_it() {
    let r = check("systems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2}\nload = 7\nwhile True:\n    load = load\n");
    let e = r.run.error.as_ref().expect("the budget stops it");
    assert_eq!(e.kind, minipy::ErrorKind::Timeout);
    assert_eq!(e.line, Some(4));
    assert_eq!(
        e.last_line(),
        "TimeoutError: stopped after 1000000 steps: is there an infinite loop?"
    );
    assert_eq!(r.completed, 2, "steps 1 and 2 ran before the loop");
    assert_eq!(
        r.steps[2].message,
        "can_handle_load is not defined: step 3 asks you to build it in a for loop over systems.items() (the program stopped early at line 4: TimeoutError: stopped after 1000000 steps: is there an infinite loop?)"
    );
}
