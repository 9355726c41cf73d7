//! Build script: compiles `content/modes.toml` into a Rust static, so the browser gets the list
//! of learning modes without shipping a TOML parser (about 50 KB of gzipped wasm).
//!
//! A malformed file stops the build with one line naming the file and the problem.
//! The quiz content is compiled the same way (see `build/quizzes.rs`).

use serde::Deserialize;
use std::fmt::Write;

#[path = "build/quizzes.rs"]
mod quizzes;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModesFile {
    mode: Vec<Mode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Mode {
    slug: String,
    title: String,
    tagline: String,
    summary: String,
    minutes: u32,
}

fn main() {
    quizzes::compile();
    const FILE: &str = "content/modes.toml";
    println!("cargo:rerun-if-changed={FILE}");
    let text = std::fs::read_to_string(FILE).unwrap_or_else(|e| fail(&format!("cannot read: {e}")));
    let file: ModesFile = toml::from_str(&text).unwrap_or_else(|e| fail(&e.to_string()));
    if file.mode.is_empty() {
        fail("no [[mode]] entries");
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = String::from("/// The learning modes, compiled from content/modes.toml by build.rs.\npub static MODES: &[Mode] = &[\n");
    for m in &file.mode {
        let slug_ok = m
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug_ok {
            fail(&format!(
                "slug {:?}: use lowercase letters, digits and '-'",
                m.slug
            ));
        }
        if !seen.insert(m.slug.clone()) {
            fail(&format!("slug {:?} appears twice", m.slug));
        }
        writeln!(
            out,
            "    Mode {{ slug: {:?}, title: {:?}, tagline: {:?}, summary: {:?}, minutes: {} }},",
            m.slug, m.title, m.tagline, m.summary, m.minutes
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("modes.rs");
    std::fs::write(dest, out).unwrap_or_else(|e| fail(&format!("cannot write modes.rs: {e}")));
}

fn fail(message: &str) -> ! {
    eprintln!("content/modes.toml: {}", message.trim());
    std::process::exit(1);
}
