//! Runs many programs from stdin (separated by a line `#---`) and prints each one's stdout and
//! error headline, separated the same way. Used by tests/golden/differential.py against CPython.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .expect("stdin is text");
    let opts = minipy::RunOptions {
        max_steps: 100_000,
        ..Default::default()
    };
    for program in input.split("\n#---\n") {
        let out = minipy::run(program, &opts);
        print!("{}", out.stdout);
        if let Some(e) = out.error {
            println!("!! {}", e.headline());
        }
        print!("\n#---\n");
    }
}
