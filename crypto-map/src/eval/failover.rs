//! Several peers in one entry (DESIGN §3.13; ASA guide 000:950-952, 001:1296-1300; IOS guide
//! 003:744; PIX guide 004:386).
//!
//! Peers are tried in configured order. A peer that fails (the IKE crate gives up: its
//! retransmissions are exhausted) hands over to the next one. The peer that last negotiated
//! successfully becomes the *active* peer, which later negotiations try first until it fails.
//! When every peer has failed in turn, the walk starts again from the first peer (000:952).
//! IOS also sends to "the last peer the router heard from" (003:744): a peer that initiates to
//! us becomes active too ([`PeerFailover::heard_from`]). The ASA 9.x guide limits this to
//! IKEv1 (001:1298); the state is version-neutral and the caller decides.
//!
//! The state is per entry and lives with the caller (the gateway); it is never persisted
//! (ambiguity A11 leaves persistence open; a reboot starts from the first peer).

use alloc::vec::Vec;

use crate::model::{EntrySettings, Peer};

/// Failover state of one crypto map entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerFailover {
    peers: Vec<Peer>,
    current: usize,
    failures: usize,
    active: Option<usize>,
}

/// What [`PeerFailover::failed`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Handover {
    /// Try the next peer in the list.
    Next,
    /// Every peer failed since the last success: start again from the first.
    WrappedToFirst,
    /// The entry has no peer.
    NoPeers,
}

impl PeerFailover {
    /// State for `peers` in configured order, starting with the first.
    #[must_use]
    pub fn new(peers: Vec<Peer>) -> Self {
        Self { peers, current: 0, failures: 0, active: None }
    }

    /// State for an entry's `set peer` list.
    #[must_use]
    pub fn for_entry(settings: &EntrySettings) -> Self {
        Self::new(settings.peers.iter().map(|(p, _)| p.clone()).collect())
    }

    /// The configured peers.
    #[must_use]
    pub fn peers(&self) -> &[Peer] {
        &self.peers
    }

    /// The peer to negotiate with next.
    #[must_use]
    pub fn current(&self) -> Option<&Peer> {
        self.peers.get(self.current)
    }

    /// The peer that last negotiated successfully, if any.
    #[must_use]
    pub fn active(&self) -> Option<&Peer> {
        self.active.and_then(|i| self.peers.get(i))
    }

    /// The current peer failed: hand over to the next one (000:952), or back to the first
    /// when all have failed since the last success.
    pub fn failed(&mut self) -> Handover {
        let n = self.peers.len();
        if n == 0 {
            return Handover::NoPeers;
        }
        self.failures += 1;
        if self.failures >= n {
            self.failures = 0;
            self.current = 0;
            return Handover::WrappedToFirst;
        }
        self.current = (self.current + 1) % n;
        Handover::Next
    }

    /// The current peer negotiated successfully: it becomes the active peer.
    pub fn succeeded(&mut self) {
        if self.current < self.peers.len() {
            self.active = Some(self.current);
            self.failures = 0;
        }
    }

    /// A listed peer was heard from (it initiated to us, or sent protected traffic): it
    /// becomes the active peer (IOS guide 003:744). Unlisted peers change nothing.
    pub fn heard_from(&mut self, peer: &Peer) {
        if let Some(i) = self.peers.iter().position(|p| p == peer) {
            self.current = i;
            self.active = Some(i);
            self.failures = 0;
        }
    }
}
