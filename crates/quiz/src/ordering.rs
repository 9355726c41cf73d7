//! The state of an ordering question while the learner rearranges it.
//!
//! Drag and drop calls [`OrderingModel::move_to`]; the keyboard calls `move_up`/`move_down`
//! on the focused position. Both keep the order a rearrangement of the steps, so the answer it
//! produces always has the right shape.

use serde::{Deserialize, Serialize};

use crate::grade::Answer;

/// Step numbers (1-based, as presented) in the order currently shown, top first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderingModel {
    order: Vec<usize>,
}

impl OrderingModel {
    /// The presented order: 1, 2, ..., `step_count`.
    pub fn new(step_count: usize) -> OrderingModel {
        OrderingModel {
            order: (1..=step_count).collect(),
        }
    }

    /// Step numbers, top first.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Moves the step at `position` (0-based) one place up. False (and no change) at the top
    /// or past the end, so the UI can announce "already first".
    pub fn move_up(&mut self, position: usize) -> bool {
        if position == 0 || position >= self.order.len() {
            return false;
        }
        self.order.swap(position - 1, position);
        true
    }

    /// Moves the step at `position` one place down. False at the bottom or past the end.
    pub fn move_down(&mut self, position: usize) -> bool {
        if position + 1 >= self.order.len() {
            return false;
        }
        self.order.swap(position, position + 1);
        true
    }

    /// Drag and drop: takes the step at `from` out and puts it at `to`, shifting the rest.
    /// False (and no change) when either position is past the end or they are equal.
    pub fn move_to(&mut self, from: usize, to: usize) -> bool {
        if from >= self.order.len() || to >= self.order.len() || from == to {
            return false;
        }
        let step = self.order.remove(from);
        self.order.insert(to, step);
        true
    }

    /// The answer to submit.
    pub fn answer(&self) -> Answer {
        Answer::Order {
            steps: self.order.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyboard_moves() {
        let mut m = OrderingModel::new(4);
        assert!(!m.move_up(0));
        assert!(m.move_up(2));
        assert_eq!(m.order(), [1, 3, 2, 4]);
        assert!(!m.move_down(3));
        assert!(!m.move_down(9));
        assert!(!m.move_up(9));
        assert!(m.move_down(0));
        assert_eq!(m.order(), [3, 1, 2, 4]);
    }

    #[test]
    fn drag_and_drop_shifts_the_rest() {
        let mut m = OrderingModel::new(4);
        assert!(m.move_to(2, 0));
        assert_eq!(m.order(), [3, 1, 2, 4]);
        assert!(m.move_to(0, 3));
        assert_eq!(m.order(), [1, 2, 4, 3]);
        assert!(!m.move_to(1, 1));
        assert!(!m.move_to(4, 0));
        assert!(!m.move_to(0, 4));
        assert_eq!(
            m.answer(),
            Answer::Order {
                steps: vec![1, 2, 4, 3]
            }
        );
    }

    #[test]
    fn empty_model_refuses_every_move() {
        let mut m = OrderingModel::new(0);
        assert!(m.is_empty());
        assert!(!m.move_up(0) && !m.move_down(0) && !m.move_to(0, 0));
    }
}
