//! The play area after the exercise: capacities from sliders (and derived strategies such as
//! "combined" = nodes x capacity per node) judged against a load, for the live bar chart.

use crate::model::{Beyond, CapacitySource};
use serde::{Deserialize, Serialize};

/// The slider positions: a capacity per slider strategy, and the load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayInputs {
    pub capacities: Vec<(String, i64)>,
    pub load: i64,
    /// Whether strategies marked `discover` are shown yet.
    pub discovered: bool,
}

impl PlayInputs {
    /// The sliders at their content defaults, as on first view.
    pub fn defaults(beyond: &Beyond) -> Self {
        let capacities = beyond
            .strategies
            .iter()
            .filter_map(|s| match &s.capacity {
                CapacitySource::Slider(sl) => Some((s.key.clone(), sl.default)),
                CapacitySource::ProductOf(_) => None,
            })
            .collect();
        PlayInputs {
            capacities,
            load: beyond.load.default,
            discovered: false,
        }
    }
}

impl PlayInputs {
    /// Makes saved slider positions fit the content: unknown keys dropped, missing ones at
    /// their default, every value inside its slider's range (saved data may be old or edited).
    pub fn fitted(&self, beyond: &Beyond) -> Self {
        let mut fresh = PlayInputs::defaults(beyond);
        for (key, value) in fresh.capacities.iter_mut() {
            let range = beyond.strategies.iter().find_map(|s| match &s.capacity {
                CapacitySource::Slider(sl) if &s.key == key => Some((sl.min, sl.max)),
                _ => None,
            });
            if let (Some((lo, hi)), Some((_, saved))) =
                (range, self.capacities.iter().find(|(k, _)| k == key))
            {
                *value = (*saved).clamp(lo, hi);
            }
        }
        fresh.load = self.load.clamp(beyond.load.min, beyond.load.max);
        fresh.discovered = self.discovered;
        fresh
    }
}

/// One bar of the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategyVerdict {
    pub key: String,
    pub label: String,
    pub capacity: i64,
    pub can_handle_load: bool,
    /// capacity - load: negative when short.
    pub headroom: i64,
    /// How the capacity was obtained, e.g. `"5 x 2 = 10"` for a derived strategy, else `"5"`.
    pub formula: String,
}

/// Capacity of every visible strategy against the load, in content order.
pub fn play(beyond: &Beyond, inputs: &PlayInputs) -> Vec<StrategyVerdict> {
    let slider = |key: &str| -> i64 {
        inputs
            .capacities
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| {
                beyond
                    .strategies
                    .iter()
                    .find_map(|s| match &s.capacity {
                        CapacitySource::Slider(sl) if s.key == key => Some(sl.default),
                        _ => None,
                    })
                    .unwrap_or(0)
            })
    };
    beyond
        .strategies
        .iter()
        .filter(|s| inputs.discovered || !s.discover)
        .map(|s| {
            let (capacity, formula) = match &s.capacity {
                CapacitySource::Slider(_) => {
                    let c = slider(&s.key);
                    (c, c.to_string())
                }
                CapacitySource::ProductOf(keys) => {
                    let factors: Vec<i64> = keys.iter().map(|k| slider(k)).collect();
                    let product = factors.iter().fold(1i64, |acc, f| acc.saturating_mul(*f));
                    let parts: Vec<String> = factors.iter().map(|f| f.to_string()).collect();
                    (product, format!("{} = {product}", parts.join(" x ")))
                }
            };
            StrategyVerdict {
                key: s.key.clone(),
                label: s.label.clone(),
                capacity,
                can_handle_load: capacity >= inputs.load,
                headroom: capacity.saturating_sub(inputs.load),
                formula,
            }
        })
        .collect()
}

/// A Python program equivalent to the current sliders, so the learner can run what they see.
pub fn play_program(beyond: &Beyond, inputs: &PlayInputs) -> String {
    let verdicts = play(
        beyond,
        &PlayInputs {
            discovered: false,
            ..inputs.clone()
        },
    );
    let entries: Vec<String> = verdicts
        .iter()
        .map(|v| format!("'{}': {}", v.key, v.capacity))
        .collect();
    let mut src = format!("systems = {{{}}}\n", entries.join(", "));
    if inputs.discovered {
        for s in beyond.strategies.iter().filter(|s| s.discover) {
            if let CapacitySource::ProductOf(keys) = &s.capacity {
                let factors: Vec<String> = keys.iter().map(|k| format!("systems['{k}']")).collect();
                src.push_str(&format!("systems['{}'] = {}\n", s.key, factors.join(" * ")));
            }
        }
    }
    src.push_str(&format!(
        "load = {}\ncan_handle_load = {{}}\nfor strategy, capacity in systems.items():\n    can_handle_load[strategy] = capacity >= load\nprint(can_handle_load)\n",
        inputs.load
    ));
    src
}

/// The lab's query string for the play area's current state, without the leading `?`:
/// `scenario=PRESET&compare=S1,S2,...&intensity=LOAD/BASELINE&seed=N`. Only the strategies on
/// show are compared (the combined one once discovered). `None` when the content has no lab link.
pub fn lab_query(beyond: &Beyond, inputs: &PlayInputs) -> Option<String> {
    let lab = beyond.lab.as_ref()?;
    let compare: Vec<&str> = beyond
        .strategies
        .iter()
        .filter(|s| inputs.discovered || !s.discover)
        .filter_map(|s| {
            lab.strategies
                .iter()
                .find(|l| l.key == s.key)
                .map(|l| l.strategy.as_str())
        })
        .collect();
    Some(format!(
        "scenario={}&compare={}&intensity={}&seed={}",
        lab.preset,
        compare.join(","),
        intensity(inputs.load, lab.baseline_load),
        lab.seed
    ))
}

/// `load / baseline` with at most two decimals and no float formatting: 7/7 -> `"1"`,
/// 10/7 -> `"1.43"`, 0 -> `"0"`. A baseline below 1 counts as 1.
pub fn intensity(load: i64, baseline: i64) -> String {
    let baseline = baseline.max(1);
    let hundredths = (load.max(0).saturating_mul(200) / baseline + 1) / 2;
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}
