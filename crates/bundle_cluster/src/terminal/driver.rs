//! What a terminal drives: a free sandbox session, or a mission run (the same session plus a goal).

use kubectl::mission::{MissionRun, MissionStatus};
use kubectl::{Output, Session};

/// The session behind one terminal.
pub enum Driver {
    Sandbox(Box<Session>),
    Mission(Box<MissionRun>),
}

impl Driver {
    pub fn session(&self) -> &Session {
        match self {
            Driver::Sandbox(s) => s,
            Driver::Mission(m) => &m.session,
        }
    }

    pub fn session_mut(&mut self) -> &mut Session {
        match self {
            Driver::Sandbox(s) => s,
            Driver::Mission(m) => &mut m.session,
        }
    }

    /// Runs one typed line (a mission also counts it for golf and re-checks its goal).
    pub fn run_line(&mut self, line: &str) -> Output {
        match self {
            Driver::Sandbox(s) => s.run_line(line),
            Driver::Mission(m) => m.run_line(line),
        }
    }

    /// One simulated second.
    pub fn step(&mut self) -> Output {
        match self {
            Driver::Sandbox(s) => s.step(),
            Driver::Mission(m) => m.step(),
        }
    }

    pub fn mission_status(&self) -> Option<MissionStatus> {
        match self {
            Driver::Sandbox(_) => None,
            Driver::Mission(m) => Some(m.status()),
        }
    }
}
