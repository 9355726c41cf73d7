//! What a terminal drives: a free sandbox session, or a mission run (the same session plus a goal).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use kubectl::mission::{MissionRun, MissionStatus};
use kubectl::{Output, Session};
use leptos::prelude::*;

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

/// A terminal's handle on its driver. Several terminals can share one driver (the overview's
/// "Run" buttons all type into the same mini cluster); the clock then ticks once for all.
#[derive(Clone, Copy)]
pub struct Term(StoredValue<Rc<Shared>, LocalStorage>);

pub struct Shared {
    driver: RefCell<Driver>,
    /// When the clock last advanced the cluster (ms since the epoch).
    last_step_ms: Cell<f64>,
}

impl Shared {
    pub fn new(driver: Driver) -> Rc<Shared> {
        Rc::new(Shared {
            driver: RefCell::new(driver),
            last_step_ms: Cell::new(0.0),
        })
    }
}

impl Term {
    /// A terminal of its own.
    pub fn new(driver: Driver) -> Self {
        Self::shared(Shared::new(driver))
    }

    /// A terminal on a driver other terminals may use too.
    pub fn shared(shared: Rc<Shared>) -> Self {
        Term(StoredValue::new_local(shared))
    }

    pub fn try_with_value<R>(&self, f: impl FnOnce(&Driver) -> R) -> Option<R> {
        self.0.try_with_value(|s| f(&s.driver.borrow()))
    }

    /// Reads the driver. Only called while the terminal's view is alive.
    pub fn with_value<R>(&self, f: impl FnOnce(&Driver) -> R) -> R {
        self.0.with_value(|s| f(&s.driver.borrow()))
    }

    pub fn try_update_value<R>(&self, f: impl FnOnce(&mut Driver) -> R) -> Option<R> {
        self.0.try_with_value(|s| f(&mut s.driver.borrow_mut()))
    }

    pub fn update_value(&self, f: impl FnOnce(&mut Driver)) {
        let _ = self.try_update_value(f);
    }

    /// Whether a second has passed since any terminal on this driver last stepped it; if so,
    /// records `now_ms` as the new last step.
    pub fn clock_due(&self, now_ms: f64) -> bool {
        self.0
            .try_with_value(|s| {
                let due = now_ms - s.last_step_ms.get() >= 990.0;
                if due {
                    s.last_step_ms.set(now_ms);
                }
                due
            })
            .unwrap_or(false)
    }
}
