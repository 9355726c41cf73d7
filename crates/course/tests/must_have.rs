//! Every fact, command, step, table row and answer of seeds 000, 001 and 004 that the lessons
//! must keep, checked against the parsed content so nothing can silently drop out.
//!
//! Phrases are compared case-insensitively with whitespace collapsed and backticks removed, so
//! reflowing a paragraph or marking up a word as code does not break the check; rewording does,
//! on purpose: change the phrase here only if the fact is still taught.

use serde_json::Value;

/// All text of a serialised content model, normalised.
fn corpus(value: &impl serde::Serialize) -> String {
    fn collect(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
            Value::Object(map) => map.values().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    collect(&serde_json::to_value(value).unwrap(), &mut out);
    normalise(&out)
}

fn normalise(s: &str) -> String {
    s.replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn check(seed: &str, text: &str, phrases: &[&str]) {
    let missing: Vec<&&str> = phrases
        .iter()
        .filter(|p| !text.contains(&normalise(p)))
        .collect();
    assert!(
        missing.is_empty(),
        "{seed}: missing from the content: {missing:#?}"
    );
}

/// Seed 000, "why it works".
const OVERVIEW_MUST_HAVE: &[&str] = &[
    // Introduction
    "Scaling means making your system handle more work",
    "Different parts of your system may need different ways to grow",
    "because they work in different ways and have different limits",
    // When to scale: the five situations
    "When your app gets more users and you need to keep it fast and reliable",
    "When your database grows and simple copying is not enough",
    "When your machine learning model needs more computing power to train faster",
    "When you want to add more servers but keep everything working together smoothly",
    "When you need to balance cost and performance as your system grows",
    // Commands, flags, expected output
    "kubectl scale deployment my-ml-model --replicas=3",
    "increases the number of running copies (pods)",
    "deployment.apps/my-ml-model scaled",
    "Sets the desired number of pod replicas",
    "kubectl get pods -l app=my-ml-model",
    "to verify that scaling created the new pods",
    "NAME READY STATUS RESTARTS AGE",
    "my-ml-model-5d8f7c7f7f-",
    "1/1 Running 0",
    "kubectl autoscale deployment my-ml-model --min=2 --max=5 --cpu-percent=50",
    "keeps at least 2 pods and can add up to 5",
    "based on CPU usage going above 50%",
    "horizontalpodautoscaler.autoscaling/my-ml-model autoscaled",
    "Minimum number of pods to keep running",
    "Maximum number of pods allowed",
    "CPU usage threshold to trigger scaling",
    "kubectl get hpa my-ml-model",
    "status of the horizontal pod autoscaler to see current scaling activity",
    "NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE",
    "my-ml-model Deployment/my-ml-model cpu: 50%/50% 2 5 3 5m",
    // Key concept
    "If you remember nothing else from this pattern",
    "different scaling methods",
    "unique limits and workloads",
    // Common mistakes
    "Trying to scale only by adding more copies without checking resource limits",
    "resource exhaustion or poor performance if the system bottleneck is elsewhere",
    "Analyze which part limits performance and choose the right scaling method",
    "vertical scaling or autoscaling",
    "Setting autoscaling thresholds too high",
    "Setting autoscaling thresholds too low",
    "Too high means slow response to load changes",
    "Too low causes frequent scaling and instability",
    "Set thresholds based on real usage patterns, and monitor to adjust",
    // Summary
    "Scaling means adjusting system capacity to handle more work.",
    "Different parts like compute, storage, and network need different scaling strategies.",
    "kubectl scale and kubectl autoscale help manage scaling in Kubernetes",
];

/// Seed 001, "visual breakdown" (its quizzes live in the quiz crate's content).
const FLOW_MUST_HAVE: &[&str] = &[
    // Process flow
    "Start: Small Scale Model",
    "Evaluate Performance",
    "Need to Scale?",
    "Continue Small Scale",
    "Choose Scaling Strategy",
    "Vertical",
    "Horizontal",
    "Adjust Resources",
    "Monitor & Optimize",
    "from a small-scale model to choosing and applying different scaling strategies",
    // Execution sample, line by line
    "if data_size < threshold:\n    use_small_model()\nelse:\n    if resource_limit:\n        scale_vertically()\n    else:\n        scale_horizontally()",
    "Decides the scaling strategy based on data size and resource limits",
    // Process table
    "data_size < threshold",
    "use_small_model()",
    "Small model running",
    "Check resource_limit",
    "Preparing to scale",
    "scale_vertically()",
    "Resources increased on single node",
    "scale_horizontally()",
    "Added more nodes to cluster",
    "Adjust strategy if needed",
    "System optimized for load",
    "Scaling strategy chosen based on data size and resource availability",
    // Status tracker
    "After step 1",
    "After step 2",
    "Final",
    "idle",
    "small model running",
    "preparing to scale",
    "scaled vertically or horizontally",
    "optimized",
    "True or False",
    // Key moments
    "Why can't we use the same scaling strategy for all situations?",
    "Because resource limits and data size vary",
    "vertical scaling when resources are limited",
    "horizontal scaling when adding nodes is possible",
    "What happens if data size is small?",
    "uses the small model without scaling, saving resources",
    "Why monitor after scaling?",
    "monitoring to optimize performance and adjust the strategy if needed, ensuring efficient scaling",
    // Concept snapshot
    "Scaling depends on data size and resources.",
    "Small data uses small models.",
    "Vertical scaling adds resources to one node.",
    "Horizontal scaling adds more nodes.",
    "Monitor after scaling to optimize.",
    "Choose the strategy based on limits.",
    // Full transcript
    "This visual execution shows how scaling strategies differ based on data size and resource limits",
    "If the data size is small",
    "continues without scaling",
    "one size does not fit all in scaling strategies",
];

/// Seed 004, "how to scale ML inference on Kubernetes efficiently".
const GUIDE_MUST_HAVE: &[&str] = &[
    "deploy your model as a containerized service",
    "Horizontal Pod Autoscaler (HPA)",
    "based on CPU or on custom metrics",
    "resource requests and limits and with load balancing",
    "Defines your ML model container",
    "Automatically scales the number of pods based on metrics like CPU or custom metrics",
    "to help Kubernetes schedule pods properly",
    "Exposes your pods to receive inference requests",
    // Deployment
    "apiVersion: apps/v1",
    "kind: Deployment",
    "name: ml-inference",
    "replicas: 1",
    "app: ml-inference",
    "- name: model",
    "image: your-ml-model-image:latest",
    "cpu: \"500m\"",
    "memory: \"512Mi\"",
    "cpu: \"1\"",
    "memory: \"1Gi\"",
    "- containerPort: 80",
    // HPA
    "apiVersion: autoscaling/v2",
    "kind: HorizontalPodAutoscaler",
    "name: ml-inference-hpa",
    "scaleTargetRef:",
    "minReplicas: 1",
    "maxReplicas: 10",
    "- type: Resource",
    "name: cpu",
    "type: Utilization",
    "averageUtilization: 50",
    // Service
    "apiVersion: v1",
    "kind: Service",
    "name: ml-inference-service",
    "- protocol: TCP",
    "port: 80",
    "targetPort: 80",
    "type: LoadBalancer",
    // Example, commands, output
    "autoscaling based on CPU usage",
    "adds pods when average CPU usage exceeds 50%",
    "removes pods when it falls below",
    "ml-inference-deployment.yaml",
    "kubectl apply -f ml-inference-deployment.yaml",
    "kubectl get hpa ml-inference-hpa",
    "kubectl get pods -l app=ml-inference",
    "deployment.apps/ml-inference created",
    "horizontalpodautoscaler.autoscaling/ml-inference-hpa created",
    "service/ml-inference-service created",
    "ml-inference-hpa Deployment/ml-inference cpu: 30%/50% 1 10 1",
    "30%/50%",
    "ml-inference-6d9c8b7f45-q7x2m 1/1 Running 0",
    // Pitfalls
    "Not setting resource requests and limits",
    "poor pod scheduling and unstable scaling",
    "Ignoring custom metrics",
    "CPU alone may not reflect inference load",
    "request queue length or latency",
    "Too low max replicas",
    "Limits scaling capacity and causes request delays",
    "Not using readiness probes",
    "not ready to serve inference",
    "# Missing resource requests and limits",
    "The correct way includes resource requests and limits",
    // Quick reference
    "Use a Deployment to manage ML model pods.",
    "Configure a HorizontalPodAutoscaler with appropriate metrics.",
    "Set resource requests and limits for CPU and memory.",
    "Use a Service to expose pods for inference requests.",
    "Consider custom metrics like request latency for better scaling.",
    // Key takeaways
    "Use the Kubernetes Horizontal Pod Autoscaler to scale ML inference pods automatically, based on CPU or custom metrics.",
    "Always set resource requests and limits, to help Kubernetes schedule and scale pods efficiently.",
    "Expose your ML model pods through a Service to handle incoming inference requests.",
    "Consider custom metrics beyond CPU, like request latency, for smarter scaling decisions.",
    "Avoid low max replicas and missing readiness probes",
];

#[test]
fn overview_keeps_every_fact_of_seed_000() {
    check("seed 000", &corpus(course::overview()), OVERVIEW_MUST_HAVE);
}

#[test]
fn decision_flow_keeps_every_fact_of_seed_001() {
    check("seed 001", &corpus(course::decision_flow()), FLOW_MUST_HAVE);
}

#[test]
fn guide_keeps_every_fact_of_seed_004() {
    check(
        "seed 004",
        &corpus(course::kubernetes_guide()),
        GUIDE_MUST_HAVE,
    );
}

#[test]
fn backticks_are_balanced_in_every_text() {
    // An odd backtick would show as a stray character (see course::markup).
    for (name, value) in [
        (
            "overview",
            serde_json::to_value(course::overview()).unwrap(),
        ),
        (
            "flow",
            serde_json::to_value(course::decision_flow()).unwrap(),
        ),
        (
            "guide",
            serde_json::to_value(course::kubernetes_guide()).unwrap(),
        ),
    ] {
        let mut strings = Vec::new();
        strings_of(&value, &mut strings);
        assert!(strings.len() > 50, "{name}: only {} strings", strings.len());
        for s in strings {
            assert_eq!(
                s.matches('`').count() % 2,
                0,
                "{name}: unbalanced backtick in {s:?}"
            );
        }
    }
}

fn strings_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| strings_of(i, out)),
        Value::Object(map) => map.values().for_each(|i| strings_of(i, out)),
        _ => {}
    }
}

#[test]
fn the_check_notices_a_missing_phrase() {
    // Guards the guard: a phrase absent from the content must fail the check.
    let text = corpus(course::overview());
    let result =
        std::panic::catch_unwind(|| check("seed 000", &text, &["kubectl delete namespace"]));
    assert!(result.is_err());
}

#[test]
fn seed_quiz_answer_holds_resource_limit_true_is_vertical() {
    // Seed 001's visual quiz: "If resource_limit is True, which scaling strategy is chosen?"
    // Answer B, vertical scaling; the stepper must agree for any data size that needs scaling.
    for data_size_gb in [100, 101, 5_000] {
        let w = course::Walkthrough::new(course::FlowInputs {
            data_size_gb,
            threshold_gb: 100,
            resource_limit: true,
        });
        assert_eq!(w.outcome(), course::Outcome::Vertical);
        assert!(w
            .trace()
            .steps
            .iter()
            .any(|s| s.action == "scale_vertically()"));
    }
}
