//! The lab's URL state: parse a query string into [`LabParams`] (with a message per bad value) and
//! write it back, so a link reproduces the run exactly.
//!
//! Keys: `scenario=<preset id>`, `seed=<n>`, `strategy=<Strategy::parse text>`,
//! `compare=<strategy>,<strategy>[,...]`, `intensity=<load multiplier>`, `t=<seconds since the load
//! started to fast-forward to>`, and the pitfall toggles `requests`, `probe`, `quota`, `broken`,
//! `sticky` (`on`/`off`, also `1`/`0`, `true`/`false`, `yes`/`no`).

use cluster_sim::scenario::{self, Scenario, Strategy, Toggles, Variant};

use crate::controls::{parse_strategy, strategy_text};

/// The longest fast-forward a link may ask for (six simulated hours).
pub const MAX_T: u64 = 6 * 3600;
/// The largest load multiplier the lab accepts.
pub const MAX_INTENSITY: f64 = 10.0;
/// At most this many side-by-side runs.
pub const MAX_COMPARE: usize = 3;

/// Toggle overrides from the URL: `None` keeps what the scenario file says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ToggleParams {
    pub requests: Option<bool>,
    pub probe: Option<bool>,
    pub quota: Option<bool>,
    pub broken: Option<bool>,
    pub sticky: Option<bool>,
}

impl ToggleParams {
    pub fn is_empty(&self) -> bool {
        *self == ToggleParams::default()
    }

    /// The toggles for `scenario` with these overrides (`None` when nothing is overridden).
    pub fn resolve(&self, scenario: &Scenario) -> Option<Toggles> {
        if self.is_empty() {
            return None;
        }
        let mut t = Toggles::of(scenario);
        if let Some(v) = self.requests {
            t.requests_and_limits = v;
        }
        if let Some(v) = self.probe {
            t.readiness_probe = v;
        }
        if let Some(v) = self.quota {
            t.quota = v;
        }
        if let Some(v) = self.broken {
            t.broken_image = v;
        }
        if let Some(v) = self.sticky {
            t.sticky_sessions = v;
        }
        Some(t)
    }

    /// Overrides that turn the scenario's toggles into `t` (only the ones that differ).
    pub fn from_toggles(t: &Toggles, scenario: &Scenario) -> ToggleParams {
        let s = Toggles::of(scenario);
        let diff = |a: bool, b: bool| (a != b).then_some(a);
        ToggleParams {
            requests: diff(t.requests_and_limits, s.requests_and_limits),
            probe: diff(t.readiness_probe, s.readiness_probe),
            quota: diff(t.quota, s.quota),
            broken: diff(t.broken_image, s.broken_image),
            sticky: diff(t.sticky_sessions, s.sticky_sessions),
        }
    }
}

/// Everything that defines a lab run, as the URL carries it (texts not yet checked against the scenario).
#[derive(Clone, Debug, PartialEq)]
pub struct LabParams {
    pub scenario: String,
    /// `None`: the scenario's seed.
    pub seed: Option<u64>,
    pub strategy: String,
    /// `None`: the scenario's `compare` list.
    pub compare: Option<Vec<String>>,
    pub intensity: f64,
    pub t: u64,
    pub toggles: ToggleParams,
    /// `None`: the preset's load pattern; else one of [`crate::controls::LOAD_KINDS`].
    pub load: Option<String>,
}

/// The preset the lab opens when the URL names none (the first in the lab's list).
pub fn default_scenario_id() -> String {
    scenario::builtin()
        .ok()
        .and_then(|list| list.into_iter().next().map(|s| s.id))
        .unwrap_or_else(|| "hpa-50".into())
}

impl Default for LabParams {
    fn default() -> Self {
        LabParams {
            scenario: default_scenario_id(),
            seed: None,
            strategy: "scenario".into(),
            compare: None,
            intensity: 1.0,
            t: 0,
            toggles: ToggleParams::default(),
            load: None,
        }
    }
}

/// Decode `%XX` escapes; `+` stays `+` (strategy texts use it for `+safe`, never a space).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encode what a query value must not carry raw (`&`, `=`, `#`, `%`, `+`, spaces, non-ASCII).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~:@,/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "on" | "1" | "true" | "yes" => Some(true),
        "off" | "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

fn on_off(v: bool) -> &'static str {
    if v {
        "on"
    } else {
        "off"
    }
}

impl LabParams {
    /// Parse a query string (with or without the leading `?`). Syntax problems are reported and
    /// that key falls back to its default; whether texts fit the scenario is checked by [`resolve`].
    pub fn parse(query: &str) -> (LabParams, Vec<String>) {
        let mut p = LabParams::default();
        let mut problems = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|s| !s.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(k);
            let v = percent_decode(v);
            let v = v.trim();
            let mut bool_key = |slot: &mut Option<bool>, name: &str| match parse_bool(v) {
                Some(b) => *slot = Some(b),
                None => problems.push(format!(
                    "\"{name}={v}\": expected on or off; using the scenario's setting."
                )),
            };
            match key.as_str() {
                "scenario" => p.scenario = v.to_string(),
                "seed" => match v.parse::<u64>() {
                    Ok(s) => p.seed = Some(s),
                    Err(_) => problems.push(format!(
                        "\"seed={v}\": a seed is a whole number like 42; using the scenario's seed."
                    )),
                },
                "strategy" => {
                    if v.is_empty() {
                        problems.push("\"strategy=\" is empty; using the scenario's own setup.".into());
                    } else {
                        p.strategy = v.to_string()
                    }
                }
                "compare" => {
                    let list: Vec<String> = v
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect();
                    p.compare = Some(list);
                }
                "intensity" => match v.parse::<f64>() {
                    Ok(x) if x.is_finite() && (0.0..=MAX_INTENSITY).contains(&x) => p.intensity = x,
                    _ => problems.push(format!(
                        "\"intensity={v}\": the load multiplier is a number from 0 to {MAX_INTENSITY}; using 1."
                    )),
                },
                "t" => match v.parse::<u64>() {
                    Ok(t) if t <= MAX_T => p.t = t,
                    _ => problems.push(format!(
                        "\"t={v}\": the time to jump to is whole seconds from 0 to {MAX_T}; starting at 0."
                    )),
                },
                "load" => {
                    if crate::controls::LOAD_KINDS.iter().any(|(k, _, _)| *k == v) {
                        p.load = (v != "scenario").then(|| v.to_string());
                    } else {
                        let known: Vec<&str> =
                            crate::controls::LOAD_KINDS.iter().map(|(k, _, _)| *k).collect();
                        problems.push(format!(
                            "\"load={v}\": the load patterns are {}; using the preset's.",
                            known.join(", ")
                        ));
                    }
                }
                "requests" => bool_key(&mut p.toggles.requests, "requests"),
                "probe" => bool_key(&mut p.toggles.probe, "probe"),
                "quota" => bool_key(&mut p.toggles.quota, "quota"),
                "broken" => bool_key(&mut p.toggles.broken, "broken"),
                "sticky" => bool_key(&mut p.toggles.sticky, "sticky"),
                other => problems.push(format!("Unknown setting \"{other}\" in the link was ignored.")),
            }
        }
        (p, problems)
    }

    /// The query string (without `?`): scenario, seed and strategy always, the rest when not default.
    pub fn to_query(&self, scenario_seed: u64) -> String {
        let mut parts = vec![
            format!("scenario={}", percent_encode(&self.scenario)),
            format!("seed={}", self.seed.unwrap_or(scenario_seed)),
            format!("strategy={}", percent_encode(&self.strategy)),
        ];
        if let Some(c) = &self.compare {
            let list: Vec<String> = c.iter().map(|s| percent_encode(s)).collect();
            parts.push(format!("compare={}", list.join(",")));
        }
        if let Some(l) = &self.load {
            parts.push(format!("load={l}"));
        }
        if self.intensity != 1.0 {
            parts.push(format!("intensity={}", self.intensity));
        }
        if self.t != 0 {
            parts.push(format!("t={}", self.t));
        }
        let t = &self.toggles;
        for (name, v) in [
            ("requests", t.requests),
            ("probe", t.probe),
            ("quota", t.quota),
            ("broken", t.broken),
            ("sticky", t.sticky),
        ] {
            if let Some(v) = v {
                parts.push(format!("{name}={}", on_off(v)));
            }
        }
        parts.join("&")
    }
}

/// The parameters checked against the scenario: what a run is built from.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub scenario: Scenario,
    pub seed: u64,
    pub strategy: Strategy,
    pub toggles: Option<Toggles>,
    pub intensity: f64,
    pub t: u64,
    /// The side-by-side variants, with their texts.
    pub compare: Vec<(String, Variant)>,
    /// The params with every bad value replaced by what is used instead (write this to the URL).
    pub params: LabParams,
}

/// Check `params` against the presets: an unknown preset, strategy or comparison falls back to the
/// default with a message added to `problems`.
pub fn resolve(mut params: LabParams, problems: &mut Vec<String>) -> Result<Resolved, String> {
    let mut scenario = match scenario::find(&params.scenario) {
        Some(Ok(s)) => s,
        Some(Err(e)) => return Err(e.to_string()),
        None => {
            let fallback = default_scenario_id();
            let known: Vec<&str> = scenario::BUILTIN.iter().map(|(id, _)| *id).collect();
            problems.push(format!(
                "There is no preset \"{}\" (presets: {}); showing \"{fallback}\".",
                params.scenario,
                known.join(", ")
            ));
            params.scenario = fallback.clone();
            match scenario::find(&fallback) {
                Some(Ok(s)) => s,
                Some(Err(e)) => return Err(e.to_string()),
                None => return Err("no presets are built in".into()),
            }
        }
    };
    if let Some(kind) = &params.load {
        if let Some(p) = crate::controls::load_pattern(kind, &scenario) {
            scenario.load = p;
        }
    }
    let strategy = match parse_strategy(&params.strategy, &scenario) {
        Ok(s) => s,
        Err(e) => {
            problems.push(format!(
                "Strategy \"{}\": {e}; using the scenario's own setup.",
                params.strategy
            ));
            params.strategy = "scenario".into();
            Strategy::Scenario
        }
    };
    params.strategy = strategy_text(&strategy);
    let mut compare = Vec::new();
    let texts = params
        .compare
        .clone()
        .unwrap_or_else(|| scenario.compare_strategies());
    for text in texts {
        if compare.len() == MAX_COMPARE {
            problems.push(format!(
                "At most {MAX_COMPARE} strategies side by side; \"{text}\" was left out."
            ));
            continue;
        }
        let (base, safe) = match text.strip_suffix("+safe") {
            Some(b) => (b, true),
            None => (text.as_str(), false),
        };
        match parse_strategy(base, &scenario) {
            Ok(s) => {
                let label = format!("{}{}", strategy_text(&s), if safe { "+safe" } else { "" });
                compare.push((
                    label,
                    Variant {
                        strategy: s,
                        toggles: safe.then(Toggles::safe),
                    },
                ))
            }
            Err(e) => problems.push(format!("Comparison \"{text}\": {e}; left out.")),
        }
    }
    if params.compare.is_some() {
        params.compare = Some(compare.iter().map(|(l, _)| l.clone()).collect());
    }
    let toggles = params.toggles.resolve(&scenario);
    Ok(Resolved {
        seed: params.seed.unwrap_or(scenario.seed),
        strategy,
        toggles,
        intensity: params.intensity,
        t: params.t,
        compare,
        scenario,
        params,
    })
}
