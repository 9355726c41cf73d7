//! Measures how much native stack one Python call level costs (to size `max_call_depth`).
//! A stack overflow aborts the process, so each probe runs in a child process.
use std::process::Command;

fn probe(depth: usize, stack: usize) -> bool {
    if std::env::var("PROBE_PARSER").is_ok() {
        // Nesting the parser refuses only past its limit: parse up to it and see it survive.
        let src = format!(
            "x = {}1{}\n",
            "([".repeat(depth / 2),
            "])".repeat(depth / 2)
        );
        return std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || {
                // Only surviving matters: the result (ok, or "too deeply nested") is ignored.
                let _ = minipy::check_syntax(&src);
                true
            })
            .unwrap()
            .join()
            .unwrap_or(false);
    }
    let src = format!(
        "def f(n):\n    if n == 0:\n        return [0]\n    return [f(n - 1)[0] + 1 if n > -1 else 0]\nprint(f({depth}))\n"
    );
    let opts = minipy::RunOptions {
        max_call_depth: 100_000,
        ..Default::default()
    };
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || minipy::run(&src, &opts).error.is_none())
        .unwrap()
        .join()
        .unwrap_or(false)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 4 && args[1] == "probe" {
        let ok = probe(args[2].parse().unwrap(), args[3].parse().unwrap());
        std::process::exit(if ok { 0 } else { 1 });
    }
    let depths: &[usize] = if std::env::var("PROBE_PARSER").is_ok() {
        &[60, 120]
    } else {
        &[50, 100, 200]
    };
    for &depth in depths {
        let (mut lo, mut hi) = (16usize << 10, 64usize << 20);
        while hi - lo > 4096 {
            let mid = (lo + hi) / 2;
            let ok = Command::new(&args[0])
                .args(["probe", &depth.to_string(), &mid.to_string()])
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap()
                .success();
            if ok {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        println!(
            "depth {depth}: {} KiB of stack, {} bytes per level",
            hi >> 10,
            hi / depth
        );
    }
}
