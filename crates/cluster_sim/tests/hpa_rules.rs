//! Table tests for the HPA arithmetic: every row pins one upstream rule and names the upstream test or function.
//!
//! Upstream fixtures put two containers in every pod (`numContainersPerPod = 2`), so a pod's request and usage
//! are twice the per-container numbers; ratios and replica counts are the same, raw averages double.

use cluster_sim::hpa::{
    normalize_legacy, normalize_with_behavior, plain_metric_replicas, resource_replicas,
    scale_down_limit, scale_up_limit, store_scale_event, HpaCalcError, HpaMemory, PlainMetricInput,
    PodPhase, PodSample, Recommendation, ResolvedRules, ResourceReplicaInput, Tolerances,
};
use cluster_sim::{PolicyKind, ScalingPolicy, ScalingRules, SelectPolicy};

/// (request per container, usage per container or None, ready, phase, deleting)
type Pod = (u64, Option<u64>, bool, PodPhase, bool);

const R: PodPhase = PodPhase::Running;

fn pods(rows: &[Pod]) -> Vec<PodSample> {
    rows.iter()
        .enumerate()
        .map(|(i, &(req, usage, ready, phase, deleting))| PodSample {
            name: format!("test-pod-{i}"),
            container: "container0".into(),
            request_milli: Some(2 * req),
            usage_milli: usage.map(|u| 2 * u),
            ready,
            phase,
            deleting,
        })
        .collect()
}

fn ready(req: u64, usage: u64) -> Pod {
    (req, Some(usage), true, R, false)
}

/// Run the resource (CPU utilization) calculation and check replicas, utilization and raw average.
fn check(name: &str, current: u32, target: u32, rows: &[Pod], want: (u32, u32, u64)) {
    let input = ResourceReplicaInput {
        current_replicas: current,
        target_utilization_percent: target,
        tolerances: Tolerances::default(),
        resource: Default::default(),
        pods: pods(rows),
    };
    let got = resource_replicas(&input).unwrap_or_else(|e| panic!("{name}: unexpected error {e}"));
    assert_eq!(
        (
            got.desired_replicas,
            got.utilization_percent,
            got.raw_average_milli
        ),
        (want.0, Some(want.1), want.2),
        "{name}: {:#?}",
        got.steps
    );
    assert!(!got.steps.is_empty(), "{name}: explanation missing");
}

#[test]
fn scale_up_uses_ceil_of_ratio_times_ready_pods() {
    // TestReplicaCalcScaleUp: 1500m/3000m = 50 % vs 30 % -> ceil(1.667 * 3) = 5.
    check(
        "TestReplicaCalcScaleUp",
        3,
        30,
        &[ready(1000, 300), ready(1000, 500), ready(1000, 700)],
        (5, 50, 1000),
    );
}

#[test]
fn unready_pods_count_as_zero_on_scale_up() {
    // TestReplicaCalcScaleUpUnreadyLessScale (and ...HotCpuLessScale, where the hot pod is "not yet ready").
    let rows = [
        (1000, Some(300), false, R, false),
        ready(1000, 500),
        ready(1000, 700),
    ];
    check(
        "TestReplicaCalcScaleUpUnreadyLessScale",
        3,
        30,
        &rows,
        (4, 60, 1200),
    );
    check(
        "TestReplicaCalcScaleUpHotCpuLessScale",
        3,
        30,
        &rows,
        (4, 60, 1200),
    );
}

#[test]
fn no_scale_up_when_rebalancing_flips_direction() {
    // TestReplicaCalcScaleUpUnreadyNoScale / TestReplicaCalcScaleHotCpuNoScale: 40 % of ready pods says up,
    // with two unready pods at 0 the ratio falls below 1, so nothing changes.
    let rows = [
        ready(1000, 400),
        (1000, Some(500), false, R, false),
        (1000, Some(700), false, R, false),
    ];
    check(
        "TestReplicaCalcScaleUpUnreadyNoScale",
        3,
        30,
        &rows,
        (3, 40, 800),
    );
    check(
        "TestReplicaCalcScaleHotCpuNoScale",
        3,
        30,
        &rows,
        (3, 40, 800),
    );
}

#[test]
fn failed_and_deleted_pods_are_ignored() {
    // TestReplicaCalcScaleUpIgnoresFailedPods / ...IgnoresDeletionPods.
    let failed = [
        ready(1000, 500),
        ready(1000, 700),
        (1000, None, false, PodPhase::Failed, false),
        (1000, None, false, PodPhase::Failed, false),
    ];
    check(
        "TestReplicaCalcScaleUpIgnoresFailedPods",
        2,
        30,
        &failed,
        (4, 60, 1200),
    );
    let deleting = [
        ready(1000, 500),
        ready(1000, 700),
        (1000, None, false, R, true),
        (1000, None, false, R, true),
    ];
    check(
        "TestReplicaCalcScaleUpIgnoresDeletionPods",
        2,
        30,
        &deleting,
        (4, 60, 1200),
    );
}

#[test]
fn scale_down_truncates_utilization_to_a_whole_percent() {
    // TestReplicaCalcScaleDown: 1400/5000 = 28 %, ratio 0.56, ceil(0.56 * 5) = 3.
    let rows = [
        ready(1000, 100),
        ready(1000, 300),
        ready(1000, 500),
        ready(1000, 250),
        ready(1000, 250),
    ];
    check("TestReplicaCalcScaleDown", 5, 50, &rows, (3, 28, 560));
    // ...IgnoresFailedPods / ...IgnoresDeletionPods: two extra pods that do not count.
    let mut more = rows.to_vec();
    more.push((1000, None, false, PodPhase::Failed, false));
    more.push((1000, None, false, PodPhase::Failed, false));
    check(
        "TestReplicaCalcScaleDownIgnoresFailedPods",
        5,
        50,
        &more,
        (3, 28, 560),
    );
    let mut del = rows.to_vec();
    del.push((1000, None, false, R, true));
    del.push((1000, None, false, R, true));
    check(
        "TestReplicaCalcScaleDownIgnoresDeletionPods",
        5,
        50,
        &del,
        (3, 28, 560),
    );
}

#[test]
fn unready_pods_are_simply_excluded_on_scale_down() {
    // TestReplicaCalcScaleDownIncludeUnreadyPods / ...IgnoreHotCpuPods: 900/3000 = 30 % -> ceil(0.6 * 3) = 2.
    let rows = [
        ready(1000, 100),
        ready(1000, 300),
        ready(1000, 500),
        (1000, Some(250), false, R, false),
        (1000, Some(250), false, R, false),
    ];
    check(
        "TestReplicaCalcScaleDownIncludeUnreadyPods",
        5,
        50,
        &rows,
        (2, 30, 600),
    );
    check(
        "TestReplicaCalcScaleDownIgnoreHotCpuPods",
        5,
        50,
        &rows,
        (2, 30, 600),
    );
}

#[test]
fn pending_pods_are_unready_not_missing() {
    // TestReplicaCalcScaleDownExcludeUnscheduledPods: only the running pod counts, 10 % -> 1.
    let p = (1000, None, false, PodPhase::Pending, false);
    check(
        "TestReplicaCalcScaleDownExcludeUnscheduledPods",
        5,
        50,
        &[ready(1000, 100), p, p, p, p],
        (1, 10, 200),
    );
}

#[test]
fn tolerance_band_is_inclusive() {
    // TestReplicaCalcTolerance: requests 0.9/1.0/1.1, usage 1010/1030/1020 -> 102 % of 100 %: no change.
    check(
        "TestReplicaCalcTolerance",
        3,
        100,
        &[ready(900, 1010), ready(1000, 1030), ready(1100, 1020)],
        (3, 102, 2040),
    );
    // isWithin is inclusive in f64: 55 % against 50 % is exactly 1.0 + 0.1.
    check(
        "isWithin 55/50",
        4,
        50,
        &[
            ready(1000, 550),
            ready(1000, 550),
            ready(1000, 550),
            ready(1000, 550),
        ],
        (4, 55, 1100),
    );
    // 56 % is outside: ceil(1.12 * 4) = 5.
    check(
        "isWithin 56/50",
        4,
        50,
        &[
            ready(1000, 560),
            ready(1000, 560),
            ready(1000, 560),
            ready(1000, 560),
        ],
        (5, 56, 1120),
    );
}

#[test]
fn computed_tolerance_regression() {
    // TestReplicaCalcComputedToleranceAlgImplementation: 10 pods using 150m each of ~300m requests.
    let reqs = [400u64, 200, 310, 290, 302, 298, 301, 299, 300, 300];
    let rows: Vec<Pod> = reqs.iter().map(|&r| ready(r, 150)).collect();
    check("ComputedTolerance target 56", 10, 56, &rows, (9, 50, 300));
    check("ComputedTolerance target 55", 10, 55, &rows, (10, 50, 300));
}

#[test]
fn missing_metrics_fill_in_the_worst_case() {
    // TestReplicaCalcMissingMetrics: 24 % with two pods lacking metrics; on scale-down they count as 100 %:
    // (990 + 4000) / 8000 = 62 % -> ceil(0.62 * 4) = 3.
    let rows = [
        ready(1000, 400),
        ready(1000, 95),
        (1000, None, true, R, false),
        (1000, None, true, R, false),
    ];
    check("TestReplicaCalcMissingMetrics", 4, 100, &rows, (3, 24, 495));
    // ...NoChangeEq / Gt / Lt: the recomputed ratio lands in tolerance or flips, so nothing changes.
    let m = (1000, None, true, R, false);
    check(
        "TestReplicaCalcMissingMetricsNoChangeEq",
        2,
        100,
        &[ready(1000, 1000), m],
        (2, 100, 2000),
    );
    check(
        "TestReplicaCalcMissingMetricsNoChangeGt",
        2,
        100,
        &[ready(1000, 1900), m],
        (2, 190, 3800),
    );
    check(
        "TestReplicaCalcMissingMetricsNoChangeLt",
        2,
        100,
        &[ready(1000, 600), m],
        (2, 60, 1200),
    );
    // TestReplicaCalcDuringRollingUpdateWithMaxSurge: 3 pods during a surge, spec 2.
    check(
        "TestReplicaCalcDuringRollingUpdateWithMaxSurge",
        2,
        50,
        &[ready(1000, 100), ready(1000, 100), m],
        (2, 10, 200),
    );
}

#[test]
fn missing_and_unready_together() {
    let unready = (1000, Some(100), false, R, false);
    let missing = (1000, None, true, R, false);
    // TestReplicaCalcMissingMetricsUnreadyChange (and ...HotCpuNoChange): 45 % -> flip after filling -> 3.
    check(
        "TestReplicaCalcMissingMetricsUnreadyChange",
        3,
        50,
        &[unready, ready(1000, 450), missing],
        (3, 45, 900),
    );
    check(
        "TestReplicaCalcMissingMetricsHotCpuNoChange",
        3,
        50,
        &[unready, ready(1000, 450), missing],
        (3, 45, 900),
    );
    // TestReplicaCalcMissingMetricsUnreadyScaleUp (and ...HotCpuScaleUp): 200 % -> 4000/6000 = 66 % -> 4.
    check(
        "TestReplicaCalcMissingMetricsUnreadyScaleUp",
        3,
        50,
        &[unready, ready(1000, 2000), missing],
        (4, 200, 4000),
    );
    check(
        "TestReplicaCalcMissingMetricsHotCpuScaleUp",
        3,
        50,
        &[unready, ready(1000, 2000), missing],
        (4, 200, 4000),
    );
    // TestReplicaCalcMissingMetricsUnreadyScaleDown: unready excluded, missing at 100 % -> 40 % -> 3.
    let rows = [unready, ready(1000, 100), ready(1000, 100), missing];
    check(
        "TestReplicaCalcMissingMetricsUnreadyScaleDown",
        4,
        50,
        &rows,
        (3, 10, 200),
    );
}

#[test]
fn missing_pods_on_scale_down_use_max_of_100_and_target() {
    // PR kubernetes#112178 (v1.26): fallback max(100, target). Target 150 %: a 30 % pod and a missing one:
    // ratio 0.2; missing filled at 150 % -> (600 + 3000) / 4000 = 90 % -> 0.6 -> ceil(1.2) = 2.
    let rows = [ready(1000, 300), (1000, None, true, R, false)];
    check("max(100,target) fallback", 2, 150, &rows, (2, 30, 600));
    // With exactly 100 % the fill would give (600 + 2000) / 4000 = 65 % -> 0.433 -> ceil(0.867) = 1.
    let input = ResourceReplicaInput {
        current_replicas: 2,
        target_utilization_percent: 150,
        tolerances: Tolerances::default(),
        resource: Default::default(),
        pods: pods(&rows),
    };
    assert_eq!(
        resource_replicas(&input).unwrap().rebalanced_ratio,
        Some(0.6)
    );
}

#[test]
fn configurable_tolerances_are_asymmetric() {
    // TestReplicaCalcConfigurableTolerance (v1.33+, HPAConfigurableTolerance): scaleUp 0 makes 102 % scale.
    let input = ResourceReplicaInput {
        current_replicas: 4,
        target_utilization_percent: 100,
        tolerances: Tolerances {
            scale_down: 0.1,
            scale_up: 0.0,
        },
        resource: Default::default(),
        pods: pods(&[
            ready(1000, 1020),
            ready(1000, 1020),
            ready(1000, 1020),
            ready(1000, 1020),
        ]),
    };
    assert_eq!(resource_replicas(&input).unwrap().desired_replicas, 5);
}

#[test]
fn errors_carry_the_upstream_messages() {
    let none: Vec<Pod> = vec![(1000, None, true, R, false); 3];
    let input = |rows: Vec<PodSample>| ResourceReplicaInput {
        current_replicas: 4,
        target_utilization_percent: 100,
        tolerances: Tolerances::default(),
        resource: Default::default(),
        pods: rows,
    };
    // TestReplicaCalcEmptyMetrics
    assert_eq!(
        resource_replicas(&input(pods(&none)))
            .unwrap_err()
            .to_string(),
        "unable to get metrics for resource cpu: no metrics returned from resource metrics API"
    );
    // TestReplicaCalcEmptyCPURequest: "missing request for" (newer text names container and pod).
    let mut p = pods(&[ready(1000, 200)]);
    p[0].request_milli = None;
    let err = resource_replicas(&input(p)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing request for cpu in container container0 of Pod test-pod-0"
    );
    assert!(matches!(err, HpaCalcError::MissingRequest { .. }));
    // All pods unready: "did not receive metrics for targeted pods (pods might be unready)".
    let unready = pods(&[(1000, Some(100), false, R, false)]);
    assert_eq!(
        resource_replicas(&input(unready)).unwrap_err().to_string(),
        "did not receive metrics for targeted pods (pods might be unready)"
    );
    // Requests of 0: GetResourceUtilizationRatio's "no metrics returned matched known pods".
    let mut zero = pods(&[ready(0, 100)]);
    zero[0].request_milli = Some(0);
    assert_eq!(
        resource_replicas(&input(zero)).unwrap_err(),
        HpaCalcError::NoMatchingMetrics
    );
}

fn plain(name: &str, current: u32, target: u64, levels: &[(u64, bool)], want: (u32, u64)) {
    let input = PlainMetricInput {
        current_replicas: current,
        target_average_milli: target,
        tolerances: Tolerances::default(),
        pods: levels
            .iter()
            .map(|&(v, ready)| PodSample {
                name: String::new(),
                container: String::new(),
                request_milli: None,
                usage_milli: Some(v),
                ready,
                phase: R,
                deleting: false,
            })
            .collect(),
        cpu_readiness_rules: false,
    };
    let got = plain_metric_replicas(&input).unwrap();
    assert_eq!(
        (got.desired_replicas, got.raw_average_milli),
        want,
        "{name}"
    );
}

#[test]
fn pods_metrics_use_the_plain_average() {
    plain(
        "TestReplicaCalcScaleUpCM",
        3,
        15000,
        &[(20000, true), (10000, true), (30000, true)],
        (4, 20000),
    );
    // Pods metrics skip the CPU readiness rule: a "hot" unready pod still counts.
    plain(
        "TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale",
        3,
        15000,
        &[(50000, true), (10000, true), (30000, false)],
        (6, 30000),
    );
    plain(
        "TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown",
        3,
        15000,
        &[(50000, false), (15000, true), (30000, false)],
        (7, 31666),
    );
    plain(
        "TestReplicaCalcScaleDownCM",
        5,
        20000,
        &[(12000, true); 5],
        (3, 12000),
    );
    plain(
        "TestReplicaCalcToleranceCM",
        3,
        20000,
        &[(20000, true), (21000, true), (21000, true)],
        (3, 20666),
    );
}

// ------------------------------------------------------------------------------------------------
// Normalization (horizontal.go)

#[test]
fn legacy_scale_up_is_capped_at_twice_current_or_four() {
    // calculateScaleUpLimit: max(2 x current, 4) (horizontal_test.go's TestUpscaleCap runs with factor 8).
    let mut m = HpaMemory::default();
    let n = normalize_legacy(&mut m, 100, 3, 20, 1, 100, 300);
    assert_eq!(
        (n.desired_replicas, n.scaling_limited.reason),
        (6, "ScaleUpLimit")
    );
    let mut m = HpaMemory::default();
    let n = normalize_legacy(&mut m, 100, 1, 20, 1, 100, 300);
    assert_eq!(n.desired_replicas, 4, "scaleUpLimitMinimum");
    // TestUpscaleCapGreaterThanMaxReplicas: the max wins when it is lower than the cap.
    let mut m = HpaMemory::default();
    let n = normalize_legacy(&mut m, 100, 3, 20, 1, 5, 300);
    assert_eq!(
        (n.desired_replicas, n.scaling_limited.reason),
        (5, "TooManyReplicas")
    );
    let mut m = HpaMemory::default();
    let n = normalize_legacy(&mut m, 100, 3, 1, 2, 5, 300);
    assert_eq!(
        (n.desired_replicas, n.scaling_limited.reason),
        (2, "TooFewReplicas")
    );
}

#[test]
fn legacy_scale_down_is_held_by_the_max_recommendation_of_five_minutes() {
    // stabilizeRecommendation; TestScaleDownStabilizeInitialSize: the initial size is a recommendation.
    let mut m = HpaMemory::default();
    m.record_initial(5, 0);
    let n = normalize_legacy(&mut m, 15, 5, 2, 1, 10, 300);
    assert_eq!(
        (n.desired_replicas, n.able_to_scale.reason),
        (5, "ScaleDownStabilized")
    );
    // Still held at 299 s, released after 300 s once the old entries are older than the window.
    assert_eq!(
        normalize_legacy(&mut m, 299, 5, 2, 1, 10, 300).desired_replicas,
        5
    );
    let n = normalize_legacy(&mut m, 330, 5, 2, 1, 10, 300);
    assert_eq!(
        (n.desired_replicas, n.able_to_scale.reason),
        (2, "ReadyForNewScale")
    );
    // Scale-up passes straight through the window.
    assert_eq!(
        normalize_legacy(&mut m, 345, 2, 7, 1, 10, 300).desired_replicas,
        4
    );
}

#[test]
fn stabilization_replaces_one_stale_recommendation() {
    let mut m = HpaMemory {
        recommendations: vec![
            Recommendation {
                replicas: 9,
                tick: 0,
            },
            Recommendation {
                replicas: 4,
                tick: 200,
            },
        ],
        ..HpaMemory::default()
    };
    normalize_legacy(&mut m, 400, 4, 3, 1, 10, 300);
    assert_eq!(
        m.recommendations,
        vec![
            Recommendation {
                replicas: 3,
                tick: 400
            },
            Recommendation {
                replicas: 4,
                tick: 200
            }
        ]
    );
}

fn rules(window: u32, select: SelectPolicy, policies: &[(PolicyKind, u32, u32)]) -> ResolvedRules {
    ResolvedRules {
        stabilization_window_s: window,
        select_policy: select,
        policies: policies.to_vec(),
    }
}

#[test]
fn default_behavior_allows_max_of_plus_four_and_double() {
    // defaultHPAScaleUpRules: Pods 4 / Percent 100 per 15 s, selectPolicy Max.
    let up = ResolvedRules::resolve(None, true);
    let down = ResolvedRules::resolve(None, false);
    assert_eq!(
        up.policies,
        vec![(PolicyKind::Pods, 4, 15), (PolicyKind::Percent, 100, 15)]
    );
    assert_eq!(
        down.stabilization_window_s, 300,
        "controller fills --horizontal-pod-autoscaler-downscale-stabilization"
    );
    let mut m = HpaMemory::default();
    let n = normalize_with_behavior(&mut m, 10, 10, 100, 1, 100, &up, &down);
    assert_eq!(
        (n.desired_replicas, n.scaling_limited.reason),
        (20, "ScaleUpLimit")
    );
    let mut m = HpaMemory::default();
    let n = normalize_with_behavior(&mut m, 10, 2, 100, 1, 100, &up, &down);
    assert_eq!(n.desired_replicas, 6, "+4 beats +100 % at 2 replicas");
}

#[test]
fn rate_limits_count_events_inside_the_period() {
    // calculateScaleUpLimitWithScalingRules: periodStart = current - added within the period.
    let up = ResolvedRules::resolve(None, true);
    let down = ResolvedRules::resolve(None, false);
    let mut m = HpaMemory::default();
    store_scale_event(&mut m, &up, &down, 100, 5, 10);
    assert_eq!(
        scale_up_limit(10, &m, &up, 110),
        10,
        "period start 5: max(5+4, 10) = 10, no further growth"
    );
    assert_eq!(
        scale_up_limit(10, &m, &up, 116),
        20,
        "event older than 15 s no longer counts"
    );
    // Percent scale-down truncates: int(10 * 0.5) = 5; selectPolicy Max picks the largest change (min).
    let half = rules(
        0,
        SelectPolicy::Max,
        &[(PolicyKind::Percent, 50, 60), (PolicyKind::Pods, 2, 60)],
    );
    assert_eq!(scale_down_limit(10, &HpaMemory::default(), &half, 0), 5);
    let min = rules(
        0,
        SelectPolicy::Min,
        &[(PolicyKind::Percent, 50, 60), (PolicyKind::Pods, 2, 60)],
    );
    assert_eq!(scale_down_limit(10, &HpaMemory::default(), &min, 0), 8);
    let off = rules(0, SelectPolicy::Disabled, &[(PolicyKind::Pods, 2, 60)]);
    assert_eq!(scale_down_limit(10, &HpaMemory::default(), &off, 0), 10);
    // Percent scale-up rounds up so a small HPA can always grow: ceil(3 * 1.1) = 4.
    let ten = rules(0, SelectPolicy::Max, &[(PolicyKind::Percent, 10, 60)]);
    assert_eq!(scale_up_limit(3, &HpaMemory::default(), &ten, 0), 4);
}

#[test]
fn behavior_windows_stabilize_both_directions() {
    // stabilizeRecommendationWithBehaviors: clamp(current, min of up-window recs, max of down-window recs).
    let up = rules(60, SelectPolicy::Max, &[(PolicyKind::Percent, 100, 15)]);
    let down = rules(300, SelectPolicy::Max, &[(PolicyKind::Percent, 100, 15)]);
    let mut m = HpaMemory::default();
    m.recommendations.push(Recommendation {
        replicas: 3,
        tick: 100,
    });
    let n = normalize_with_behavior(&mut m, 130, 3, 8, 1, 20, &up, &down);
    assert_eq!(
        (n.desired_replicas, n.able_to_scale.reason),
        (3, "ScaleUpStabilized")
    );
    let n = normalize_with_behavior(&mut m, 200, 3, 8, 1, 20, &up, &down);
    assert_eq!(
        n.desired_replicas, 6,
        "up window passed; Percent 100 caps at 6"
    );
    assert_eq!(n.able_to_scale.reason, "ReadyForNewScale");
}

#[test]
fn scaling_rules_from_the_spec_are_resolved_with_defaults() {
    let r = ScalingRules {
        stabilization_window_s: None,
        select_policy: None,
        policies: vec![ScalingPolicy {
            kind: PolicyKind::Pods,
            value: 1,
            period_s: 60,
        }],
        tolerance: None,
    };
    let down = ResolvedRules::resolve(Some(&r), false);
    assert_eq!(
        (down.stabilization_window_s, down.select_policy),
        (300, SelectPolicy::Max)
    );
    assert_eq!(down.policies, vec![(PolicyKind::Pods, 1, 60)]);
}
