//! Generated questions: fresh numbers each try from a seed, answers computed by the cluster engine.
//!
//! The replica count is never worked out here: it comes from `cluster_sim::hpa::resource_replicas`,
//! the same pure function the simulator runs every 15 simulated seconds, so the quiz and the
//! cluster view can never disagree. This module only picks numbers and words them.

use cluster_sim::hpa::{resource_replicas, PodPhase, PodSample, ResourceReplicaInput, Tolerances};
use serde::Serialize;

use crate::grade::{parse_whole_number, Answer, AnswerShapeError, Grade, GradeDetail};
use crate::model::GeneratorKind;

/// splitmix64: tiny, seedable, good enough to pick quiz numbers (no `rand` in the bundle).
#[derive(Clone, Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-enough pick in `lo..=hi` (the bias of `%` is irrelevant at these sizes).
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

/// The seed for the next try: the page keeps one seed per question and steps it on "new numbers".
pub fn next_seed(seed: u64) -> u64 {
    SplitMix64(seed).next_u64()
}

/// One pod of a generated question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct GeneratedPod {
    pub request_milli: u64,
    /// None for a pod still starting (not Ready): it has no usable sample yet.
    pub usage_milli: Option<u64>,
}

/// A question with its numbers, its computed answer and the engine's explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GeneratedQuestion {
    pub generator: GeneratorKind,
    pub seed: u64,
    /// The question with its numbers, e.g. "3 pods request 500m CPU each and use 400m, 450m
    /// and 650m. The HPA targets 50 % CPU utilization. How many replicas will it want?"
    pub prompt: String,
    pub current_replicas: u32,
    pub target_utilization_percent: u32,
    pub pods: Vec<GeneratedPod>,
    /// What the HPA controller computes (before min/max clamping, which the prompt leaves out).
    pub expected_replicas: u32,
    /// The engine's step-by-step explanation, one sentence per step.
    pub solution: Vec<String>,
}

fn milli(m: u64) -> String {
    format!("{m}m")
}

/// "third" for 3: the starting pod is the one after the ready ones (3 to 6 here).
fn ordinal(n: u32) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        4 => "fourth".into(),
        5 => "fifth".into(),
        6 => "sixth".into(),
        n => format!("{n}th"),
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Makes the question for `seed`. Same seed, same question, on every machine.
pub fn generate(generator: GeneratorKind, seed: u64) -> GeneratedQuestion {
    let mut rng = SplitMix64(seed);
    let ready_count = rng.range(2, 5) as usize;
    let request_milli = rng.pick(&[200, 250, 400, 500, 1000]);
    let target_utilization_percent = rng.pick(&[50, 60, 70, 75, 80]) as u32;
    // Usage from 20 % to 200 % of the request, in steps of 5 % so the numbers read well.
    let mut pods: Vec<GeneratedPod> = (0..ready_count)
        .map(|_| GeneratedPod {
            request_milli,
            usage_milli: Some(request_milli * rng.range(4, 40) * 5 / 100),
        })
        .collect();
    if generator == GeneratorKind::HpaReplicasWithStartingPod {
        pods.push(GeneratedPod {
            request_milli,
            usage_milli: None,
        });
    }
    let current_replicas = pods.len() as u32;

    let samples: Vec<PodSample> = pods
        .iter()
        .map(|p| match p.usage_milli {
            Some(usage) => PodSample::running(p.request_milli, usage),
            // A pod that never became Ready: the controller counts it as unready.
            None => PodSample {
                ready: false,
                usage_milli: Some(0),
                phase: PodPhase::Running,
                ..PodSample::running(p.request_milli, 0)
            },
        })
        .collect();
    let input = ResourceReplicaInput {
        current_replicas,
        target_utilization_percent,
        tolerances: Tolerances::default(),
        resource: Default::default(),
        pods: samples,
    };
    // The inputs above always have ready pods with requests and a positive target, so the
    // calculation cannot fail; if the engine ever disagrees that is a programmer error.
    let calc = resource_replicas(&input).expect("generated HPA inputs are always computable");

    let usages: Vec<String> = pods
        .iter()
        .filter_map(|p| p.usage_milli)
        .map(milli)
        .collect();
    let starting = if generator == GeneratorKind::HpaReplicasWithStartingPod {
        format!(
            " A {} pod has just started and is not Ready yet, so the Deployment has {current_replicas} replicas.",
            ordinal(current_replicas)
        )
    } else {
        String::new()
    };
    let prompt = format!(
        "{ready_count} pods request {} CPU each and use {}.{starting} The HPA targets {target_utilization_percent} % CPU utilization (default tolerance 0.1). How many replicas will it want?",
        milli(request_milli),
        join_and(&usages),
    );
    GeneratedQuestion {
        generator,
        seed,
        prompt,
        current_replicas,
        target_utilization_percent,
        pods,
        expected_replicas: calc.desired_replicas,
        solution: calc.steps,
    }
}

impl GeneratedQuestion {
    /// Grades a typed number ("4", "4 replicas").
    pub fn grade(&self, answer: &Answer) -> Result<Grade, AnswerShapeError> {
        let Answer::Text { text } = answer else {
            return Err(AnswerShapeError::WrongKind {
                question_kind: "generated",
                answer_kind: answer.kind_str(),
            });
        };
        Ok(match parse_whole_number(text) {
            Some(n) => Grade {
                correct: n == u64::from(self.expected_replicas),
                detail: GradeDetail::None,
            },
            None => Grade {
                correct: false,
                detail: GradeDetail::NotANumber,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_question_and_seeds_differ() {
        let a = generate(GeneratorKind::HpaReplicas, 42);
        assert_eq!(a, generate(GeneratorKind::HpaReplicas, 42));
        let prompts: std::collections::BTreeSet<String> = (0..50)
            .map(|s| generate(GeneratorKind::HpaReplicas, s).prompt)
            .collect();
        assert!(
            prompts.len() > 40,
            "only {} distinct prompts",
            prompts.len()
        );
        assert_ne!(next_seed(1), 1);
        assert_ne!(next_seed(1), next_seed(2));
    }

    #[test]
    fn join_and_reads_like_english() {
        let s = |v: &[&str]| join_and(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b"]), "a and b");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }
}
