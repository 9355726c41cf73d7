//! Quiz engine (UI-free): content model, grading, attempts, timers fed by the page, badges, validation.
