//! Runs a file through minipy (a debugging aid; `lab python` is the real command).
fn main() {
    let path = std::env::args().nth(1).expect("usage: run FILE");
    let src = std::fs::read_to_string(path).expect("readable file");
    let out = minipy::run(&src, &minipy::RunOptions::default());
    print!("{}", out.stdout);
    if let Some(e) = out.error {
        eprintln!("{e}");
    }
}
