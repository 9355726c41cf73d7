//! Size probe: the baseline pays for what any Rust wasm app already has (float formatting and
//! parsing, HashMap, Unicode case mapping); the features add minipy or the exercise checker.
use std::collections::HashMap;

#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// # Safety
/// `ptr..ptr+len` must be UTF-8 written by the caller into memory from [`alloc`].
#[no_mangle]
pub unsafe extern "C" fn run_it(ptr: *const u8, len: usize) -> usize {
    let src = unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len)) };
    let x: f64 = src.trim().parse().unwrap_or(0.5);
    let mut m: HashMap<String, f64> = HashMap::new();
    m.insert(src.to_lowercase(), x);
    m.insert(src.to_uppercase(), x * 2.0);
    let base = format!("{x} {x:e} {x:.3} {:?} {}", m.get("a"), m.len()).len();
    #[cfg(feature = "minipy")]
    let base = base + minipy::run(src, &minipy::RunOptions::default()).stdout.len();
    #[cfg(feature = "exercise")]
    let base = {
        let ex = exercise::capacity_vs_load();
        let report = exercise::check_program(ex, src, &Default::default());
        let bars = exercise::play(&ex.beyond, &exercise::PlayInputs::defaults(&ex.beyond));
        base + report.completed + report.progress_label().len() + bars.len()
    };
    base
}

/// Runs a program with a given call-depth limit; returns stdout length, or 1_000_000 plus the
/// error kind's index. Used by stack.mjs to check that no program can exhaust the wasm stack.
///
/// # Safety
/// As for [`run_it`].
#[cfg(feature = "minipy")]
#[no_mangle]
pub unsafe extern "C" fn run_depth(ptr: *const u8, len: usize, depth: usize) -> usize {
    let src = unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len)) };
    let opts = minipy::RunOptions { max_call_depth: depth, ..Default::default() };
    let out = minipy::run(src, &opts);
    match out.error {
        Some(e) => 1_000_000 + e.kind as usize,
        None => out.stdout.len(),
    }
}
