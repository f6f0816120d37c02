//! Lifetime accounting (bytes, packets, seconds; soft and hard) and the events an SA reports.
//! Shared by ESP and AH.
//!
//! Sans-IO: nothing here reads a clock. The SA is created at a caller-given instant, every
//! packet carries `now`, and [`LifetimeTracker::next_timeout`] tells the caller when to call
//! [`LifetimeTracker::handle_timeout`] for the time limits.

use ipsec_core::types::{Duration, Instant, Lifetime, LifetimeLimits};

/// Which limit an expiry event is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Seconds since the SA was created.
    Time,
    /// Bytes of protected payload (kilobytes × 1024 in the configuration).
    Bytes,
    /// Packets.
    Packets,
    /// The outbound sequence number counter passed 7/8 of its space (a soft limit only: the
    /// hard one is [`SaEvent::SequenceExhausted`]).
    SequenceNumbers,
}

/// Something the caller must act on, polled with `poll_event()` on the SA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SaEvent {
    /// A soft limit was reached: start a rekey (RFC 4301 §4.4.2.1). Reported once per SA.
    SoftExpired(Limit),
    /// A hard limit was reached: the SA refuses all further packets and must be deleted.
    /// Reported once per SA.
    HardExpired(Limit),
    /// The outbound SA has sent its last sequence number (2^32 - 1, or 2^64 - 1 with ESN)
    /// and refuses further packets (RFC 4303 §3.3.3).
    SequenceExhausted,
}

/// A fixed-capacity FIFO of events, so that reporting never allocates. Each kind of event
/// happens at most once per SA, so the capacity is never exceeded; should it be, the oldest
/// event is kept and the newest dropped.
#[derive(Clone, Debug, Default)]
pub struct EventQueue {
    /// Slots in arrival order from `head`.
    slots: [Option<SaEvent>; 4],
    /// Index of the oldest event.
    head: usize,
    /// Number of queued events.
    len: usize,
}

impl EventQueue {
    /// Appends an event.
    pub fn push(&mut self, event: SaEvent) {
        if self.len < self.slots.len() {
            let idx = (self.head + self.len) % self.slots.len();
            if let Some(slot) = self.slots.get_mut(idx) {
                *slot = Some(event);
                self.len += 1;
            }
        }
    }

    /// Removes and returns the oldest event.
    pub fn pop(&mut self) -> Option<SaEvent> {
        if self.len == 0 {
            return None;
        }
        let event = self.slots.get_mut(self.head).and_then(Option::take);
        self.head = (self.head + 1) % self.slots.len();
        self.len -= 1;
        event
    }

    /// True when no event is queued.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Usage of an SA against its lifetime limits, and its idle state.
#[derive(Clone, Debug)]
pub struct LifetimeTracker {
    /// The limits.
    limits: LifetimeLimits,
    /// Creation instant: time limits count from here.
    created: Instant,
    /// Soft time deadline, precomputed.
    soft_deadline: Option<Instant>,
    /// Hard time deadline, precomputed.
    hard_deadline: Option<Instant>,
    /// The earliest time limit not yet fired ([`Instant::MAX`] for none): one comparison per
    /// packet.
    next_deadline: Instant,
    /// Soft and hard byte and packet limits, precomputed (`u64::MAX` = unlimited).
    soft_bytes: u64,
    /// Soft packet limit.
    soft_packets: u64,
    /// Hard byte limit.
    hard_bytes: u64,
    /// Hard packet limit.
    hard_packets: u64,
    /// The next byte limit not yet fired (the smaller of soft and hard, then hard, then
    /// none): below it `record` checks nothing.
    check_bytes: u64,
    /// The next packet limit not yet fired.
    check_packets: u64,
    /// Payload bytes processed.
    bytes: u64,
    /// Packets processed.
    packets: u64,
    /// When the last packet was processed.
    last_used: Option<Instant>,
    /// The soft limit was reported.
    soft_fired: bool,
    /// The hard limit was reached; the SA is dead.
    hard_fired: bool,
}

impl LifetimeTracker {
    /// Starts tracking at `now`.
    #[must_use]
    pub fn new(limits: LifetimeLimits, now: Instant) -> Self {
        let deadline = |l: &Lifetime| l.duration().map(|d| now + d);
        let (soft_deadline, hard_deadline) = (deadline(&limits.soft), deadline(&limits.hard));
        Self {
            soft_deadline,
            hard_deadline,
            next_deadline: soft_deadline.into_iter().chain(hard_deadline).min().unwrap_or(Instant::MAX),
            soft_bytes: limits.soft.bytes().unwrap_or(u64::MAX),
            soft_packets: limits.soft.packets.unwrap_or(u64::MAX),
            hard_bytes: limits.hard.bytes().unwrap_or(u64::MAX),
            hard_packets: limits.hard.packets.unwrap_or(u64::MAX),
            check_bytes: limits.soft.bytes().unwrap_or(u64::MAX).min(limits.hard.bytes().unwrap_or(u64::MAX)),
            check_packets: limits.soft.packets.unwrap_or(u64::MAX).min(limits.hard.packets.unwrap_or(u64::MAX)),
            limits,
            created: now,
            bytes: 0,
            packets: 0,
            last_used: None,
            soft_fired: false,
            hard_fired: false,
        }
    }

    /// The limits.
    #[must_use]
    pub fn limits(&self) -> &LifetimeLimits {
        &self.limits
    }

    /// When the SA was created.
    #[must_use]
    pub fn created(&self) -> Instant {
        self.created
    }

    /// Payload bytes processed so far.
    #[must_use]
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Packets processed so far.
    #[must_use]
    pub fn packets(&self) -> u64 {
        self.packets
    }

    /// When the last packet was processed, if any.
    #[must_use]
    pub fn last_used(&self) -> Option<Instant> {
        self.last_used
    }

    /// True once the SA processed a packet: DESIGN §3.2 does not rekey an SA that carried no
    /// traffic in its lifetime.
    #[must_use]
    pub fn carried_traffic(&self) -> bool {
        self.packets != 0
    }

    /// How long the SA has been idle at `now` (since creation when it never carried traffic).
    #[must_use]
    pub fn idle_for(&self, now: Instant) -> Duration {
        now - self.last_used.unwrap_or(self.created)
    }

    /// True once a hard limit was reached.
    #[must_use]
    pub fn is_hard_expired(&self) -> bool {
        self.hard_fired
    }

    /// True once a soft limit was reached.
    #[must_use]
    pub fn is_soft_expired(&self) -> bool {
        self.soft_fired
    }

    /// Remaining kilobytes to the hard byte limit and remaining seconds to the hard time
    /// limit, in the order `show crypto ipsec sa` prints them (`k/sec`; `None` when
    /// unlimited).
    #[must_use]
    pub fn remaining(&self, now: Instant) -> (Option<u64>, Option<u64>) {
        let secs = self.hard_deadline.map(|d| (d - now).as_secs());
        let kb = self.limits.hard.bytes().map(|b| b.saturating_sub(self.bytes) / 1024);
        (kb, secs)
    }

    /// The next instant at which [`handle_timeout`](Self::handle_timeout) has something to
    /// do, or `None` when no time limit is pending.
    #[must_use]
    pub fn next_timeout(&self) -> Option<Instant> {
        if self.hard_fired {
            return None;
        }
        let soft = if self.soft_fired { None } else { self.soft_deadline };
        match (soft, self.hard_deadline) {
            (Some(s), Some(h)) => Some(s.min(h)),
            (s, h) => s.or(h),
        }
    }

    /// Fires the time limits due at `now`.
    pub fn handle_timeout(&mut self, now: Instant, events: &mut EventQueue) {
        if self.hard_fired {
            return;
        }
        if self.hard_deadline.is_some_and(|d| now >= d) {
            self.expire_hard(Limit::Time, events);
            return;
        }
        if !self.soft_fired && self.soft_deadline.is_some_and(|d| now >= d) {
            self.fire_soft(Limit::Time, events);
        }
    }

    /// Checks before processing a packet at `now`: false when the SA is (or just became)
    /// hard-expired.
    #[inline]
    pub fn admit(&mut self, now: Instant, events: &mut EventQueue) -> bool {
        if now >= self.next_deadline {
            self.handle_timeout(now, events);
        }
        !self.hard_fired
    }

    /// Accounts one processed packet of `bytes` payload bytes at `now`, firing byte and packet
    /// limits: the packet that reaches a hard limit is the last one the SA processes.
    #[inline]
    pub fn record(&mut self, now: Instant, bytes: usize, events: &mut EventQueue) {
        self.bytes = self.bytes.saturating_add(bytes as u64);
        self.packets = self.packets.saturating_add(1);
        self.last_used = Some(now);
        if self.bytes >= self.check_bytes || self.packets >= self.check_packets {
            self.check_volume(events);
        }
    }

    /// The byte and packet limits, once the next one is reached (at most twice per SA).
    #[cold]
    fn check_volume(&mut self, events: &mut EventQueue) {
        if !self.hard_fired {
            if self.bytes >= self.hard_bytes {
                return self.expire_hard(Limit::Bytes, events);
            }
            if self.packets >= self.hard_packets {
                return self.expire_hard(Limit::Packets, events);
            }
        }
        if !self.soft_fired {
            if self.bytes >= self.soft_bytes {
                self.fire_soft(Limit::Bytes, events);
            } else if self.packets >= self.soft_packets {
                self.fire_soft(Limit::Packets, events);
            }
        }
    }

    /// Reports a soft limit for another reason (the sequence number space).
    pub fn soft_expire(&mut self, limit: Limit, events: &mut EventQueue) {
        if !self.soft_fired && !self.hard_fired {
            self.fire_soft(limit, events);
        }
    }

    /// Marks the soft limit reported.
    fn fire_soft(&mut self, limit: Limit, events: &mut EventQueue) {
        self.soft_fired = true;
        self.next_deadline = self.hard_deadline.unwrap_or(Instant::MAX);
        (self.check_bytes, self.check_packets) = (self.hard_bytes, self.hard_packets);
        events.push(SaEvent::SoftExpired(limit));
    }

    /// Marks the SA hard-expired and reports it.
    fn expire_hard(&mut self, limit: Limit, events: &mut EventQueue) {
        self.hard_fired = true;
        self.soft_fired = true;
        self.next_deadline = Instant::MAX;
        (self.check_bytes, self.check_packets) = (u64::MAX, u64::MAX);
        events.push(SaEvent::HardExpired(limit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(soft: Lifetime, hard: Lifetime) -> LifetimeLimits {
        LifetimeLimits { soft, hard }
    }

    #[test]
    fn time_limits_fire_once_in_order() {
        let t0 = Instant::from_secs(100);
        let mut l = LifetimeTracker::new(
            limits(Lifetime::new(30, 0).with_only_seconds(), Lifetime::new(60, 0).with_only_seconds()),
            t0,
        );
        let mut ev = EventQueue::default();
        assert_eq!(l.next_timeout(), Some(Instant::from_secs(130)));
        l.handle_timeout(Instant::from_secs(129), &mut ev);
        assert!(ev.is_empty());
        l.handle_timeout(Instant::from_secs(130), &mut ev);
        assert_eq!(ev.pop(), Some(SaEvent::SoftExpired(Limit::Time)));
        assert_eq!(l.next_timeout(), Some(Instant::from_secs(160)));
        assert!(l.admit(Instant::from_secs(159), &mut ev));
        assert!(!l.admit(Instant::from_secs(160), &mut ev));
        assert_eq!(ev.pop(), Some(SaEvent::HardExpired(Limit::Time)));
        assert_eq!(ev.pop(), None);
        assert_eq!(l.next_timeout(), None);
    }

    #[test]
    fn byte_and_packet_limits() {
        let soft = Lifetime { seconds: None, kilobytes: Some(1), packets: None };
        let hard = Lifetime { seconds: None, kilobytes: None, packets: Some(3) };
        let mut l = LifetimeTracker::new(limits(soft, hard), Instant::ZERO);
        let mut ev = EventQueue::default();
        assert!(!l.carried_traffic());
        l.record(Instant::from_secs(1), 1000, &mut ev);
        assert!(ev.is_empty());
        l.record(Instant::from_secs(2), 100, &mut ev);
        assert_eq!(ev.pop(), Some(SaEvent::SoftExpired(Limit::Bytes)));
        l.record(Instant::from_secs(3), 1, &mut ev);
        assert_eq!(ev.pop(), Some(SaEvent::HardExpired(Limit::Packets)));
        assert!(!l.admit(Instant::from_secs(4), &mut ev));
        assert!(l.carried_traffic());
        assert_eq!(l.last_used(), Some(Instant::from_secs(3)));
        assert_eq!(l.idle_for(Instant::from_secs(10)), Duration::from_secs(7));
    }

    #[test]
    fn a_hard_limit_without_a_soft_one_still_fires() {
        let hard = Lifetime { seconds: None, kilobytes: Some(1), packets: None };
        let mut l = LifetimeTracker::new(limits(Lifetime::UNLIMITED, hard), Instant::ZERO);
        let mut ev = EventQueue::default();
        l.record(Instant::ZERO, 1023, &mut ev);
        assert!(ev.is_empty());
        l.record(Instant::ZERO, 1, &mut ev);
        assert_eq!(ev.pop(), Some(SaEvent::HardExpired(Limit::Bytes)));
        assert!(l.is_hard_expired() && l.is_soft_expired());
    }

    trait OnlySeconds {
        fn with_only_seconds(self) -> Self;
    }
    impl OnlySeconds for Lifetime {
        fn with_only_seconds(self) -> Self {
            Lifetime { kilobytes: None, ..self }
        }
    }
}
