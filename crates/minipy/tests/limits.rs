//! The learner's program must never hang or crash the page: budgets, depth and size limits.

use minipy::{ErrorKind, RunOptions, RunOutcome};

/// Runs on a thread with a debug-sized stack: debug frames are ~10x the release ones that the
/// nesting limits were measured for (see `recursion_to_the_limit_fits_in_a_small_stack`).
fn run(src: &str, opts: &RunOptions) -> RunOutcome {
    let (src, opts) = (src.to_string(), opts.clone());
    std::thread::Builder::new()
        .stack_size(32 << 20)
        .spawn(move || minipy::run(&src, &opts))
        .unwrap()
        .join()
        .expect("no stack overflow")
}

fn err_of(src: &str) -> minipy::PyError {
    run(src, &RunOptions::default())
        .error
        .expect("the program should stop with an error")
}

#[test]
fn infinite_loop_stops_with_a_clear_message_and_its_line() {
    let e = err_of("x = 0\nwhile True:\n    x += 1\n");
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert_eq!(
        e.message,
        "stopped after 1000000 steps: is there an infinite loop?"
    );
    assert!(matches!(e.line, Some(2 | 3)), "{e:?}");
}

#[test]
fn the_budget_is_configurable_and_reported() {
    let opts = RunOptions {
        max_steps: 500,
        ..RunOptions::default()
    };
    let out = run("for i in range(10**9):\n    pass\n", &opts);
    assert_eq!(
        out.error.unwrap().message,
        "stopped after 500 steps: is there an infinite loop?"
    );
    assert!(out.steps_used > 500 && out.steps_used < 600);
    let ok = run("total = sum(range(100))\n", &opts);
    assert!(ok.error.is_none() && ok.steps_used < 500, "{ok:?}");
}

#[test]
fn runaway_recursion_is_a_recursion_error() {
    let e = err_of("def f(n):\n    return f(n + 1)\nf(0)\n");
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorKind::Recursion, "maximum recursion depth exceeded")
    );
    assert_eq!(e.line, Some(2));
}

#[test]
fn recursion_to_the_limit_fits_in_a_small_stack() {
    // In the browser the binding limit is the engine's ~1 MiB stack for wasm frames; the
    // interpreter's nesting cap (evaluations + blocks) keeps a release build inside it, which
    // was measured in node on the release wasm. A debug build uses ~10x bigger frames, hence
    // 16 MiB here. This function holds about six nested evaluations per call, so 60 fit.
    let handle = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(|| {
            let src = "def f(n):\n    if n == 0:\n        return [0]\n    return [f(n - 1)[0] + 1 if n > -1 else 0]\nprint(f(60))\nf(10**6)\n";
            minipy::run(src, &RunOptions::default())
        })
        .unwrap();
    let out = handle.join().expect("no stack overflow");
    assert_eq!(out.stdout, "[60]\n");
    assert_eq!(out.error.unwrap().kind, ErrorKind::Recursion);
}

#[test]
fn deep_expressions_inside_recursion_stop_cleanly() {
    let handle = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(|| {
            let nested = format!("{}f(n - 1){}", "[".repeat(50), "]".repeat(50));
            let blocks: String = (1..=60)
                .map(|i| format!("{}if True:\n", "    ".repeat(i)))
                .collect();
            let src = format!(
                "def f(n):\n    return {nested}\ndef g(n):\n{blocks}{}return g(n - 1)\n",
                "    ".repeat(61)
            );
            let a = minipy::run(&format!("{src}f(10)\n"), &RunOptions::default());
            let b = minipy::run(&format!("{src}g(10)\n"), &RunOptions::default());
            (a.error.unwrap(), b.error.unwrap())
        })
        .unwrap();
    let (a, b) = handle.join().expect("no stack overflow");
    assert_eq!(
        (a.kind, b.kind),
        (ErrorKind::Recursion, ErrorKind::Recursion)
    );
    assert_eq!(a.message, "maximum recursion depth exceeded");
}

#[test]
fn huge_strings_and_lists_are_refused() {
    let e = err_of("s = 'x' * 10**9\n");
    assert_eq!(e.kind, ErrorKind::Memory);
    assert_eq!(e.message, "refusing to build a str of 1000000000 characters: the limit in this course's Python is 1000000");
    assert_eq!(err_of("xs = [0] * 10**8\n").kind, ErrorKind::Memory);
    assert_eq!(err_of("xs = list(range(10**9))\n").kind, ErrorKind::Memory);
    assert_eq!(
        err_of("s = 'ab'\nwhile True:\n    s = s + s\n").kind,
        ErrorKind::Memory
    );
    assert_eq!(
        err_of("s = 'a' * 1000\nt = s.replace('a', s)\nu = t.replace('a', t)\n").kind,
        ErrorKind::Memory
    );
}

#[test]
fn endless_printing_stops() {
    let out = run(
        "while True:\n    print('scaling!' * 100)\n",
        &RunOptions::default(),
    );
    let e = out.error.unwrap();
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert!(out.stdout.len() <= RunOptions::default().max_output_bytes);
}

#[test]
fn huge_integers_are_refused_not_wrapped() {
    let e = err_of("x = 2 ** 64\n");
    assert_eq!(e.kind, ErrorKind::Overflow);
    assert_eq!(
        err_of("x = 9223372036854775807 + 1\n").kind,
        ErrorKind::Overflow
    );
    assert_eq!(
        err_of("x = 99999999999999999999\n").kind,
        ErrorKind::Overflow
    );
}

#[test]
fn deeply_nested_data_is_freed_and_printed_safely() {
    let out = run(
        "x = []\nfor i in range(100000):\n    x = [x]\nprint(x)\n",
        &RunOptions::default(),
    );
    assert_eq!(out.error.unwrap().kind, ErrorKind::Recursion);
}

#[test]
fn output_before_an_error_is_kept() {
    let out = run("print('one')\nprint(undefined)\n", &RunOptions::default());
    assert_eq!(out.stdout, "one\n");
    assert_eq!(
        out.error.unwrap().headline(),
        "NameError: name 'undefined' is not defined"
    );
}

#[test]
fn globals_snapshot_is_in_assignment_order_and_plain() {
    let out = run(
        "load = 7\nsystems = {'a': 1, 'b': (2, 3.5)}\ndef f():\n    local_only = 1\nf()\nname = 'x'\n",
        &RunOptions::default(),
    );
    let names: Vec<&str> = out.globals.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["load", "systems", "f", "name"]);
    assert_eq!(
        out.global("systems").unwrap().repr(),
        "{'a': 1, 'b': (2, 3.5)}"
    );
    assert_eq!(out.global("f").unwrap().type_name(), "function");
}

#[test]
fn comprehension_variables_do_not_leak() {
    let out = run(
        "xs = [i * 2 for i in range(3)]\nprint(i)\n",
        &RunOptions::default(),
    );
    assert_eq!(
        out.error.unwrap().headline(),
        "NameError: name 'i' is not defined"
    );
}

#[test]
fn blank_line_inside_a_block_does_not_swallow_the_dedent() {
    let out = run(
        "def f(n):\n    return n\n\nprint(f(2))\n",
        &RunOptions::default(),
    );
    assert_eq!(out.stdout, "2\n");
}
