//! Load patterns: how many inference requests per second arrive at the Service, tick by tick.

use crate::rng::SplitMix64;
use serde::{Deserialize, Serialize};

/// The shape of the offered load over time (seconds since the start of the run).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "pattern", rename_all = "snake_case", deny_unknown_fields)]
pub enum LoadPattern {
    /// The same rate all the time.
    Constant { rps: f64 },
    /// Linear change from `from_rps` to `to_rps` between `start_s` and `start_s + duration_s`.
    Ramp {
        from_rps: f64,
        to_rps: f64,
        start_s: u64,
        duration_s: u64,
    },
    /// A flash crowd: `base_rps`, rising over `rise_s` to `peak_rps` at `start_s`, held for `duration_s`.
    Spike {
        base_rps: f64,
        peak_rps: f64,
        start_s: u64,
        duration_s: u64,
        #[serde(default = "d_rise")]
        rise_s: u64,
    },
    /// A day compressed into `period_s`: a cosine between `min_rps` (at t=0) and `max_rps`.
    DailyWave {
        min_rps: f64,
        max_rps: f64,
        period_s: u64,
    },
    /// `base_rps` with bursts to `burst_rps` of `burst_s` seconds starting at random (seeded) moments.
    RandomBursts {
        base_rps: f64,
        burst_rps: f64,
        bursts_per_hour: f64,
        burst_s: u64,
    },
    /// A replayable trace: one rate per `step_s` seconds, held; the last value holds after the end.
    Trace {
        rps: Vec<f64>,
        #[serde(default = "d_step")]
        step_s: u64,
    },
}

impl LoadPattern {
    /// Check every rate is a number in [0, 1e6]: (key, message) on failure.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        let p = self;
        let check = |k: &'static str, v: f64| {
            if v.is_finite() && (0.0..=1e6).contains(&v) {
                Ok(())
            } else {
                Err((
                    k,
                    format!("must be a number between 0 and 1000000, got {v}"),
                ))
            }
        };
        match p {
            LoadPattern::Constant { rps } => check("rps", *rps),
            LoadPattern::Ramp {
                from_rps, to_rps, ..
            } => check("from_rps", *from_rps).and(check("to_rps", *to_rps)),
            LoadPattern::Spike {
                base_rps, peak_rps, ..
            } => check("base_rps", *base_rps).and(check("peak_rps", *peak_rps)),
            LoadPattern::DailyWave {
                min_rps,
                max_rps,
                period_s,
            } => {
                if *period_s == 0 {
                    return Err(("period_s", "must be greater than 0".into()));
                }
                check("min_rps", *min_rps).and(check("max_rps", *max_rps))
            }
            LoadPattern::RandomBursts {
                base_rps,
                burst_rps,
                bursts_per_hour,
                ..
            } => check("base_rps", *base_rps)
                .and(check("burst_rps", *burst_rps))
                .and(check("bursts_per_hour", *bursts_per_hour)),
            LoadPattern::Trace { rps, .. } => {
                if rps.is_empty() {
                    return Err(("rps", "the trace needs at least one value".into()));
                }
                rps.iter().try_for_each(|v| check("rps", *v))
            }
        }
    }
}

fn d_rise() -> u64 {
    30
}
fn d_step() -> u64 {
    60
}

/// The load generator's configuration: a pattern and an intensity multiplier (the lab's slider).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadSpec {
    pub pattern: LoadPattern,
    /// Multiplies every rate (1.0 = as written).
    #[serde(default = "d_intensity")]
    pub intensity: f64,
}

fn d_intensity() -> f64 {
    1.0
}

impl LoadSpec {
    pub fn constant(rps: f64) -> Self {
        LoadSpec {
            pattern: LoadPattern::Constant { rps },
            intensity: 1.0,
        }
    }
}

/// Cosine without libm, so native and wasm agree bit for bit: range-reduced Taylor series.
pub(crate) fn cos_portable(x: f64) -> f64 {
    let two_pi = 2.0 * std::f64::consts::PI;
    let mut r = x - two_pi * (x / two_pi).floor();
    // Fold into [0, pi] where cos is symmetric; then into [0, pi/2] with a sign.
    if r > std::f64::consts::PI {
        r = two_pi - r;
    }
    let (r, sign) = if r > std::f64::consts::FRAC_PI_2 {
        (std::f64::consts::PI - r, -1.0)
    } else {
        (r, 1.0)
    };
    let r2 = r * r;
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..12 {
        term *= -r2 / ((2 * k - 1) as f64 * (2 * k) as f64);
        sum += term;
    }
    sign * sum
}

/// The generator's own state (burst schedule), advanced once per tick from its own PRNG stream so the
/// offered load is the same whatever the cluster does: strategies compare on identical traffic.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LoadGenerator {
    pub spec: LoadSpec,
    rng: SplitMix64,
    burst_until_s: u64,
    /// The tick the pattern's time 0 corresponds to (the load starts when it is set).
    pub origin_tick: u64,
}

impl LoadGenerator {
    pub fn new(spec: LoadSpec, seed: u64) -> Self {
        LoadGenerator {
            spec,
            rng: SplitMix64::stream(seed, 0x10AD),
            burst_until_s: 0,
            origin_tick: 0,
        }
    }

    /// Mean rate for pattern second `t` (advances the burst schedule; call once per tick).
    pub fn rate_at(&mut self, t: u64) -> f64 {
        let base = match &self.spec.pattern {
            LoadPattern::Constant { rps } => *rps,
            LoadPattern::Ramp {
                from_rps,
                to_rps,
                start_s,
                duration_s,
            } => {
                if t <= *start_s {
                    *from_rps
                } else if t >= start_s + duration_s {
                    *to_rps
                } else {
                    from_rps
                        + (to_rps - from_rps) * ((t - start_s) as f64 / (*duration_s).max(1) as f64)
                }
            }
            LoadPattern::Spike {
                base_rps,
                peak_rps,
                start_s,
                duration_s,
                rise_s,
            } => {
                let rise = (*rise_s).max(1);
                let end = start_s + duration_s;
                if t < *start_s || t >= end + rise {
                    *base_rps
                } else if t < start_s + rise {
                    base_rps + (peak_rps - base_rps) * ((t - start_s) as f64 / rise as f64)
                } else if t < end {
                    *peak_rps
                } else {
                    peak_rps - (peak_rps - base_rps) * ((t - end) as f64 / rise as f64)
                }
            }
            LoadPattern::DailyWave {
                min_rps,
                max_rps,
                period_s,
            } => {
                let phase = 2.0 * std::f64::consts::PI * (t % (*period_s).max(1)) as f64
                    / (*period_s).max(1) as f64;
                min_rps + (max_rps - min_rps) * (1.0 - cos_portable(phase)) / 2.0
            }
            LoadPattern::RandomBursts {
                base_rps,
                burst_rps,
                bursts_per_hour,
                burst_s,
            } => {
                let p_start = bursts_per_hour / 3600.0;
                if t >= self.burst_until_s && self.rng.next_f64() < p_start {
                    self.burst_until_s = t + burst_s;
                }
                if t < self.burst_until_s {
                    *burst_rps
                } else {
                    *base_rps
                }
            }
            LoadPattern::Trace { rps, step_s } => {
                if rps.is_empty() {
                    0.0
                } else {
                    let i = (t / (*step_s).max(1)) as usize;
                    rps[i.min(rps.len() - 1)]
                }
            }
        };
        (base * self.spec.intensity).max(0.0)
    }

    /// Requests arriving at engine tick `tick`: a seeded, Poisson-like count around the mean rate.
    pub fn arrivals_at(&mut self, tick: u64) -> (f64, u64) {
        let rate = self.rate_at(tick.saturating_sub(self.origin_tick));
        (rate, self.rng.poisson_like(rate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cos_portable_matches_std() {
        for i in 0..200 {
            let x = i as f64 * 0.173 - 7.0;
            assert!((cos_portable(x) - x.cos()).abs() < 1e-9, "x={x}");
        }
    }

    #[test]
    fn spike_rises_holds_and_falls() {
        let spec = LoadSpec {
            pattern: LoadPattern::Spike {
                base_rps: 10.0,
                peak_rps: 110.0,
                start_s: 100,
                duration_s: 50,
                rise_s: 10,
            },
            intensity: 1.0,
        };
        let mut g = LoadGenerator::new(spec, 1);
        assert_eq!(g.rate_at(50), 10.0);
        assert_eq!(g.rate_at(105), 60.0);
        assert_eq!(g.rate_at(120), 110.0);
        assert_eq!(g.rate_at(155), 60.0);
        assert_eq!(g.rate_at(200), 10.0);
    }

    #[test]
    fn same_seed_same_arrivals() {
        let spec = LoadSpec {
            pattern: LoadPattern::RandomBursts {
                base_rps: 5.0,
                burst_rps: 80.0,
                bursts_per_hour: 20.0,
                burst_s: 60,
            },
            intensity: 1.5,
        };
        let mut a = LoadGenerator::new(spec.clone(), 9);
        let mut b = LoadGenerator::new(spec, 9);
        for t in 0..2000 {
            assert_eq!(a.arrivals_at(t), b.arrivals_at(t));
        }
    }
}
