//! The event log (deduplicated like the API server's event aggregation) and the bounded metrics history.

use crate::command::{ObjectKind, ObjectRef};
use crate::view::{EventType, EventView, TickMetrics};
use std::collections::VecDeque;

/// Kubernetes-style events, newest last; a repeat of the same (object, reason, message) updates the
/// existing entry (count, last tick, seq) and moves it to the end, so the log stays ordered by `seq`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EventLog {
    events: VecDeque<EventView>,
    next_seq: u64,
    capacity: usize,
}

impl EventLog {
    pub fn new(capacity: usize) -> Self {
        EventLog {
            events: VecDeque::new(),
            next_seq: 1,
            capacity,
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        tick: u64,
        event_type: EventType,
        reason: &str,
        kind: ObjectKind,
        name: &str,
        message: String,
        source: &str,
    ) {
        let seq = self.next_seq;
        self.next_seq += 1;
        // Only recent entries are searched: the aggregator's cache is small too.
        let len = self.events.len();
        let found = self.events.iter().rev().take(64).position(|e| {
            e.reason == reason
                && e.object.kind == kind
                && e.object.name == name
                && e.message == message
        });
        if let Some(back) = found {
            let idx = len - 1 - back;
            let mut e = self.events.remove(idx).expect("index in range");
            e.count += 1;
            e.last_tick = tick;
            e.seq = seq;
            self.events.push_back(e);
            return;
        }
        self.events.push_back(EventView {
            seq,
            event_type,
            reason: reason.to_string(),
            object: ObjectRef::new(kind, name),
            message,
            source: source.to_string(),
            first_tick: tick,
            last_tick: tick,
            count: 1,
        });
        while self.events.len() > self.capacity {
            self.events.pop_front();
        }
    }

    pub fn all(&self) -> impl Iterator<Item = &EventView> {
        self.events.iter()
    }

    /// Events recorded or repeated after `seq` (ascending).
    pub fn since(&self, seq: u64) -> impl Iterator<Item = &EventView> {
        let start = self.events.partition_point(|e| e.seq <= seq);
        self.events.range(start..)
    }

    pub fn last_seq(&self) -> u64 {
        self.next_seq - 1
    }
}

/// A bounded ring buffer of per-tick metrics.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct History {
    buf: VecDeque<TickMetrics>,
    capacity: usize,
}

impl History {
    pub fn new(capacity: usize) -> Self {
        History {
            buf: VecDeque::with_capacity(capacity.min(1 << 16)),
            capacity: capacity.max(1),
        }
    }

    pub fn push(&mut self, m: TickMetrics) {
        if self.buf.len() == self.capacity {
            self.buf.pop_front();
        }
        self.buf.push_back(m);
    }

    pub fn iter(&self) -> impl Iterator<Item = &TickMetrics> {
        self.buf.iter()
    }

    /// Entries with `tick > after` (ascending).
    pub fn since(&self, after: u64) -> impl Iterator<Item = &TickMetrics> {
        let start = self.buf.partition_point(|m| m.tick <= after);
        self.buf.range(start..)
    }

    pub fn set_capacity(&mut self, capacity: usize) {
        self.capacity = capacity.max(1);
        while self.buf.len() > self.capacity {
            self.buf.pop_front();
        }
    }
}

/// A log-linear latency histogram (8 buckets per power of two of milliseconds, about 9 % wide), filled
/// with weights, cleared every tick. Bucketing reads the float's bits: no libm, cheap, deterministic.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LatencyHistogram {
    counts: Vec<u64>,
    total: u64,
}

const SUB: usize = 8;
const MAX_EXP: usize = 24; // up to 2^24 ms (4.6 h)

impl LatencyHistogram {
    pub fn new() -> Self {
        LatencyHistogram {
            counts: vec![0; (MAX_EXP + 1) * SUB + 1],
            total: 0,
        }
    }

    pub fn clear(&mut self) {
        if self.total > 0 {
            self.counts.iter_mut().for_each(|c| *c = 0);
            self.total = 0;
        }
    }

    #[inline]
    pub fn bucket(ms: f64) -> usize {
        if ms < 1.0 {
            return 0;
        }
        let bits = ms.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as usize - 1023;
        let mant = ((bits >> (52 - 3)) & 0x7) as usize;
        (exp * SUB + mant + 1).min((MAX_EXP + 1) * SUB)
    }

    fn bucket_value(b: usize) -> f64 {
        if b == 0 {
            return 0.5;
        }
        let exp = (b - 1) / SUB;
        let mant = (b - 1) % SUB;
        // midpoint of the bucket
        let lo = (1u64 << exp) as f64 * (1.0 + mant as f64 / SUB as f64);
        lo * (1.0 + 0.5 / (SUB as f64 + mant as f64))
    }

    #[cfg(test)]
    pub fn add(&mut self, ms: f64, weight: u64) {
        if weight == 0 {
            return;
        }
        self.counts[Self::bucket(ms)] += weight;
        self.total += weight;
    }

    /// Add `weight` to a bucket from [`LatencyHistogram::bucket`].
    #[inline]
    pub fn add_bucket(&mut self, bucket: usize, weight: u64) {
        self.counts[bucket] += weight;
        self.total += weight;
    }

    /// The value at quantile q (0..1), or 0 when empty.
    pub fn quantile(&self, q: f64) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let rank = ((self.total as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (b, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Self::bucket_value(b);
            }
        }
        Self::bucket_value(self.counts.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_quantiles_are_within_a_bucket() {
        let mut h = LatencyHistogram::new();
        for i in 1..=1000 {
            h.add(i as f64, 1);
        }
        let p50 = h.quantile(0.5);
        let p95 = h.quantile(0.95);
        assert!((p50 - 500.0).abs() / 500.0 < 0.1, "p50 {p50}");
        assert!((p95 - 950.0).abs() / 950.0 < 0.1, "p95 {p95}");
        h.clear();
        assert_eq!(h.quantile(0.5), 0.0);
    }

    #[test]
    fn repeated_events_are_counted_and_move_to_the_end() {
        let mut log = EventLog::new(10);
        log.record(
            1,
            EventType::Warning,
            "BackOff",
            ObjectKind::Pod,
            "p",
            "m".into(),
            "kubelet",
        );
        log.record(
            2,
            EventType::Normal,
            "Scheduled",
            ObjectKind::Pod,
            "q",
            "s".into(),
            "default-scheduler",
        );
        log.record(
            5,
            EventType::Warning,
            "BackOff",
            ObjectKind::Pod,
            "p",
            "m".into(),
            "kubelet",
        );
        let all: Vec<_> = log.all().collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].reason, "BackOff");
        assert_eq!(
            (all[1].count, all[1].first_tick, all[1].last_tick),
            (2, 1, 5)
        );
        assert_eq!(log.since(2).count(), 1);
    }

    #[test]
    fn history_is_bounded_and_since_filters() {
        let mut h = History::new(3);
        for t in 1..=5 {
            h.push(TickMetrics {
                tick: t,
                ..TickMetrics::default()
            });
        }
        let ticks: Vec<u64> = h.iter().map(|m| m.tick).collect();
        assert_eq!(ticks, vec![3, 4, 5]);
        let since: Vec<u64> = h.since(3).map(|m| m.tick).collect();
        assert_eq!(since, vec![4, 5]);
    }
}
