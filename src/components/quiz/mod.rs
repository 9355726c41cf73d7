//! The quiz page's views: practice and visual quizzes, the timed challenge, the answer forms of
//! every question kind, and the saved progress. The quiz engine (`crates/quiz`) decides
//! everything; these components show its view models and send it the learner's answers.

pub mod challenge;
pub mod content;
pub mod ordering;
pub mod practice;
pub mod progress;
pub mod question;
pub mod run;
pub mod solution;
