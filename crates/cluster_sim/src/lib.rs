//! Deterministic, tick-driven mini Kubernetes cluster (UI-free): the engine behind the lab, the sandbox and the quizzes.
