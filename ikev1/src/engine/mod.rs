//! The Sans-IO IKEv1 engine (DESIGN §2).

mod core;
mod info;
mod phase1;
mod quick;
mod state;

use ::core::net::{IpAddr, SocketAddr};
use alloc::boxed::Box;
use alloc::collections::{BTreeMap, VecDeque};
use alloc::vec::Vec;

use ipsec_core::crypto::{CryptoProvider, CryptoRng};
use ipsec_core::registry::ikev1::{ExchangeType, NotifyType};
use ipsec_core::types::SecurityProtocol;
use ipsec_core::{Duration, Instant};

use self::core::{Action, Core};
use self::state::{PendingQuick, Phase1Sa};
use crate::config::Config;
use crate::event::{
    ChildDeleteReason, ChildSaId, CommandError, Event, NegotiationError, Phase1DownReason, Phase1Id, Phase1Info,
    RequestId, Role,
};
use crate::event::{Disposition, DropReason};
use crate::keylog::KeyLog;
use crate::message::Header;
use crate::natt::{self, NatTDatagram};
use crate::policy::{Policy, ProxyPair};

/// The outcome of one step of an exchange that did not complete normally.
pub(crate) enum Step {
    /// Drop the message; the exchange goes on (retransmissions may fix it).
    Ignore(DropReason),
    /// The exchange fails.
    Fail(NegotiationError),
}

impl From<NegotiationError> for Step {
    fn from(e: NegotiationError) -> Self {
        Self::Fail(e)
    }
}

/// What a [`Transmit`] carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransmitKind {
    /// An ISAKMP message (behind the non-ESP marker on the NAT-T port).
    Ike,
    /// A NAT keep-alive: the single byte 0xFF (RFC 3948 §2.3).
    NatKeepalive,
}

/// A datagram to send, returned by [`Engine::poll_transmit`]: the first `len` bytes of the
/// caller's buffer are the UDP payload to send from `local` to `remote`.
///
/// The payload is exactly what goes into the UDP socket: on the NAT-T port (4500) an IKE
/// message already carries the 4-byte non-ESP marker (RFC 3948 §2.2), and a keep-alive is the
/// single 0xFF byte. The caller only picks the socket bound to `local`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Transmit {
    /// Our address and port to send from (port 500, or 4500 after a NAT-T float).
    pub local: SocketAddr,
    /// The destination.
    pub remote: SocketAddr,
    /// Bytes of the caller's buffer to send.
    pub len: usize,
    /// IKE or keep-alive.
    pub kind: TransmitKind,
}

/// Counters, for `show` output and tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Stats {
    /// Datagrams given to [`Engine::handle_datagram`].
    pub received: u64,
    /// Datagrams dropped (malformed, unexpected, unauthenticated, limits, unknown cookies).
    pub dropped: u64,
    /// Retransmissions recognised and answered with the stored reply.
    pub duplicates: u64,
    /// ISAKMP messages queued for sending (retransmissions included).
    pub sent: u64,
    /// Of which retransmissions.
    pub retransmitted: u64,
    /// NAT keep-alives sent.
    pub keepalives_sent: u64,
    /// R-U-THEREs sent.
    pub dpd_sent: u64,
    /// Phase-1 SAs established.
    pub phase1_established: u64,
    /// Phase-1 negotiations failed.
    pub phase1_failed: u64,
    /// IPsec SA pairs established.
    pub child_established: u64,
    /// Quick Modes failed.
    pub child_failed: u64,
    /// Datagrams dropped by [`Engine::poll_transmit`] because the caller's buffer was smaller.
    pub transmit_buffer_too_small: u64,
}

/// A buffer of this size holds every datagram the engine sends (the largest, a Main Mode
/// message with an 8192-bit MODP value, stays below 2 KiB).
pub const MAX_DATAGRAM_LEN: usize = 4096;

/// The IKEv1 engine: Main, Aggressive, Quick and Informational exchanges with pre-shared keys,
/// NAT-T and DPD, as a Sans-IO state machine (DESIGN §2).
///
/// * Inputs: [`handle_datagram`](Self::handle_datagram) for every UDP datagram received on
///   the IKE ports (500 and the NAT-T port; on the latter, ESP must be routed to the data path
///   first, see [`natt::classify`]), [`handle_timeout`](Self::handle_timeout) when
///   [`poll_timeout`](Self::poll_timeout) says, and the commands
///   [`initiate`](Self::initiate), [`rekey_child`](Self::rekey_child),
///   [`rekey_phase1`](Self::rekey_phase1), [`delete_child`](Self::delete_child),
///   [`delete_phase1`](Self::delete_phase1) and [`clear`](Self::clear).
/// * Outputs: [`poll_transmit`](Self::poll_transmit) (datagrams with their socket addresses),
///   [`poll_event`](Self::poll_event) ([`Event`]s: SAs up and down, IPsec SA keys for the
///   data path, failures), [`poll_timeout`](Self::poll_timeout).
///
/// Time is the caller's [`Instant`]; the engine reads no clock, spawns no thread, opens no
/// socket and logs nothing (see [`set_key_log`](Self::set_key_log) for debugging keys). It
/// owns its random number generator `R` (any [`CryptoRng`]) and runs all cryptography through
/// the `&'static` [`CryptoProvider`] it is given. Policy comes through the [`Policy`] traits.
///
/// Decisions (RFC 2408 §5 leaves them to the implementation):
/// * messages with unknown cookies are dropped silently (an unprotected INVALID-COOKIE only
///   with [`Config::notify_invalid_cookie`]);
/// * a retransmitted request is answered with the stored reply, byte for byte, never
///   recomputed; sides that wait for the next message retransmit their last one (initiators;
///   Aggressive and Quick Mode responders waiting for the third message);
/// * phase-1 failures are reported to the peer with an unprotected notification (the keys
///   may differ), Quick Mode failures with a protected one;
/// * the commit bit is set only with [`Config::commit_bit`]; a responder's commit bit is
///   honoured (the SA is reported when CONNECTED arrives, RFC 2408 §4.2), an initiator's
///   answered with CONNECTED;
/// * AH and IPComp proposals are not negotiated (ESP only).
pub struct Engine<P, R> {
    core: Core<P, R>,
    sas: BTreeMap<Phase1Id, Phase1Sa>,
}

impl<P, R> ::core::fmt::Debug for Engine<P, R> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Engine")
            .field("phase1", &self.sas.len())
            .field("children", &self.core.children.len())
            .field("stats", &self.core.stats)
            .finish_non_exhaustive()
    }
}

impl<P: Policy, R: CryptoRng> Engine<P, R> {
    /// An engine with `config`, `policy`, its own random number generator and a crypto
    /// provider (e.g. `CryptoProvider::rustcrypto()`).
    pub fn new(config: Config, policy: P, rng: R, provider: &'static CryptoProvider) -> Self {
        Self {
            core: Core {
                config,
                policy,
                rng,
                provider,
                tx: VecDeque::new(),
                events: VecDeque::new(),
                children: BTreeMap::new(),
                keylog: None,
                stats: Stats::default(),
                next_id: 0,
                actions: Vec::new(),
                tombstones: Vec::new(),
            },
            sas: BTreeMap::new(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.core.config
    }

    /// Changes the configuration; it applies to later timers and negotiations.
    pub fn config_mut(&mut self) -> &mut Config {
        &mut self.core.config
    }

    /// The policy.
    pub fn policy(&self) -> &P {
        &self.core.policy
    }

    /// The policy, to change it (later negotiations use the change).
    pub fn policy_mut(&mut self) -> &mut P {
        &mut self.core.policy
    }

    /// Counters.
    pub fn stats(&self) -> &Stats {
        &self.core.stats
    }

    /// Installs (or removes) a key log (see [`keylog`](crate::keylog)). Debugging only: it
    /// receives secret keys.
    pub fn set_key_log(&mut self, log: Option<Box<dyn KeyLog + Send>>) {
        self.core.keylog = log;
    }

    /// The phase-1 SAs, negotiating or established.
    pub fn phase1_ids(&self) -> impl Iterator<Item = Phase1Id> + '_ {
        self.sas.keys().copied()
    }

    /// Information about an established phase-1 SA.
    pub fn phase1_info(&self, id: Phase1Id) -> Option<Phase1Info> {
        self.sas.get(&id).filter(|sa| sa.established())?.info()
    }

    /// The IPsec SA pairs the engine tracks.
    pub fn child_ids(&self) -> impl Iterator<Item = ChildSaId> + '_ {
        self.core.children.keys().copied()
    }

    /// Processes a UDP datagram received at `local` from `remote`.
    ///
    /// On the NAT-T port ([`NatTConfig::port`](crate::config::NatTConfig::port)) the datagram
    /// is the whole UDP payload: IKE behind the non-ESP marker, or a keep-alive. ESP must be
    /// handed to the data path instead (it is dropped here with [`DropReason::NotIke`]).
    pub fn handle_datagram(
        &mut self,
        now: Instant,
        local: SocketAddr,
        remote: SocketAddr,
        datagram: &[u8],
    ) -> Disposition {
        self.core.stats.received += 1;
        let ike = if local.port() == self.core.config.nat_t.port {
            match natt::classify(datagram) {
                NatTDatagram::Ike(ike) => ike,
                NatTDatagram::Keepalive => return Disposition::Keepalive,
                NatTDatagram::Esp(_) | NatTDatagram::Invalid => return self.dropped(DropReason::NotIke),
            }
        } else {
            datagram
        };
        let header = match Header::decode(ike) {
            Ok(h) => h,
            Err(e) => return self.dropped(DropReason::Malformed(e)),
        };
        let disposition = match self.find_sa(&header, remote) {
            Some(id) => self.process_sa(now, id, local, remote, ike, &header),
            None => self.no_sa(now, local, remote, ike, &header),
        };
        self.run_actions(now);
        if let Disposition::Dropped(_) = disposition {
            self.core.stats.dropped += 1;
        }
        disposition
    }

    fn dropped(&mut self, reason: DropReason) -> Disposition {
        self.core.stats.dropped += 1;
        Disposition::Dropped(reason)
    }

    /// The SA a message belongs to, by its cookies (RFC 2408 §2.5.3).
    fn find_sa(&self, header: &Header, remote: SocketAddr) -> Option<Phase1Id> {
        let (i, r) = (header.initiator_cookie, header.responder_cookie);
        if r.is_zero() {
            // A retransmitted (or long-delayed duplicate) first message of a negotiation we
            // answered, or an error notification from a responder that kept no state.
            return self
                .sas
                .values()
                .find(|sa| {
                    sa.ckyi == i
                        && match sa.role {
                            Role::Initiator => !sa.established(),
                            Role::Responder => sa.remote.ip() == remote.ip(),
                        }
                })
                .map(|sa| sa.id);
        }
        self.sas
            .values()
            .find(|sa| sa.ckyi == i && sa.ckyr == r)
            .or_else(|| self.sas.values().find(|sa| sa.ckyi == i && sa.ckyr.is_zero() && sa.role == Role::Initiator))
            .map(|sa| sa.id)
    }

    /// A message for no SA: a retransmission to a failed negotiation, a new negotiation, or
    /// unknown cookies.
    fn no_sa(
        &mut self,
        now: Instant,
        local: SocketAddr,
        remote: SocketAddr,
        ike: &[u8],
        header: &Header,
    ) -> Disposition {
        if let Some(t) =
            self.core.tombstones.iter().find(|t| t.ckyi == header.initiator_cookie && t.answered.request == ike)
        {
            let reply = t.answered.reply.clone();
            let (l, r) = (t.local, t.remote);
            self.core.stats.duplicates += 1;
            if let Some(reply) = reply {
                self.core.send(l, r, &reply);
            }
            return Disposition::Retransmission;
        }
        let first = header.responder_cookie.is_zero()
            && header.message_id == 0
            && matches!(header.exchange, ExchangeType::IdentityProtection | ExchangeType::Aggressive)
            && !header.flags.encrypted();
        if !first {
            if self.core.config.notify_invalid_cookie
                && !header.flags.encrypted()
                && header.exchange != ExchangeType::Informational
                && let Some(n) = Core::<P, R>::unprotected_notify(
                    header.initiator_cookie,
                    header.responder_cookie,
                    NotifyType::InvalidCookie,
                )
            {
                self.core.send(local, remote, &n);
            }
            return Disposition::Dropped(DropReason::UnknownCookies);
        }
        let half_open = self.sas.values().filter(|sa| sa.role == Role::Responder && !sa.established()).count();
        if half_open >= self.core.config.max_half_open || self.sas.len() >= self.core.config.max_phase1 {
            return Disposition::Dropped(DropReason::Limit);
        }
        let message = match crate::Message::decode(ike) {
            Ok(m) => m,
            Err(e) => return Disposition::Dropped(DropReason::Malformed(e)),
        };
        let id = Phase1Id(self.core.next_id());
        match self.core.respond_phase1(now, id, local, remote, ike, header, &message) {
            Ok(sa) => {
                self.sas.insert(id, sa);
                Disposition::Handled
            }
            Err(disposition) => disposition,
        }
    }

    /// Runs a message through its SA, then the SA's queued early messages if it just
    /// completed phase 1.
    fn process_sa(
        &mut self,
        now: Instant,
        id: Phase1Id,
        local: SocketAddr,
        remote: SocketAddr,
        ike: &[u8],
        header: &Header,
    ) -> Disposition {
        let Some(mut sa) = self.sas.remove(&id) else { return Disposition::Dropped(DropReason::UnknownCookies) };
        let was_established = sa.established();
        let disposition = self.in_sa(now, &mut sa, local, remote, ike, header);
        // An authenticated message from a new address of a peer behind a NAT: the NAT
        // rebound its mapping; answer there from now on (RFC 3947 §4, RFC 3948 §2.1).
        if was_established
            && !sa.dead
            && disposition == Disposition::Handled
            && header.flags.encrypted()
            && sa.nat.status.peer_behind_nat
            && (sa.remote != remote || sa.local != local)
        {
            let old = sa.remote;
            sa.local = local;
            sa.remote = remote;
            for c in self.core.children.values_mut().filter(|c| c.phase1 == sa.id) {
                c.local = local;
                c.remote = remote;
            }
            self.core.event(Event::PeerAddressChanged { phase1: sa.id, old, new: remote });
        }
        if !was_established && sa.established() && !sa.dead {
            for early in ::core::mem::take(&mut sa.early) {
                if let Ok(h) = Header::decode(&early.bytes) {
                    let _ = self.in_sa(now, &mut sa, early.local, early.remote, &early.bytes, &h);
                }
            }
        }
        if !sa.dead {
            self.core.start_due_quick(now, &mut sa);
        }
        if !sa.dead {
            self.sas.insert(id, sa);
        }
        disposition
    }

    fn in_sa(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        local: SocketAddr,
        remote: SocketAddr,
        ike: &[u8],
        header: &Header,
    ) -> Disposition {
        let core = &mut self.core;
        if header.message_id == 0
            && header.exchange != ExchangeType::Informational
            && let Some(a) = &sa.answered
            && a.request == ike
        {
            core.stats.duplicates += 1;
            if let Some(reply) = a.reply.clone() {
                core.stats.retransmitted += 1;
                core.send(sa.local, sa.remote, &reply);
            }
            return Disposition::Retransmission;
        }
        match header.exchange {
            ExchangeType::Informational => match core.informational(now, sa, ike, header) {
                Ok(()) => Disposition::Handled,
                Err(Step::Ignore(r)) => Disposition::Dropped(r),
                Err(Step::Fail(e)) => {
                    core.fail_phase1(now, sa, e, None);
                    Disposition::Handled
                }
            },
            ExchangeType::QuickMode => {
                if sa.established() {
                    let d = core.quick_message(now, sa, ike, header);
                    if d == Disposition::Retransmission {
                        core.stats.duplicates += 1;
                    }
                    d
                } else if sa.keys.is_some() && sa.early.len() < core.config.max_early_messages {
                    // The peer may send Quick Mode right after the last Aggressive Mode
                    // message; it waits here until that message has been processed.
                    sa.early.push(state::Early { local, remote, bytes: ike.to_vec() });
                    Disposition::Queued
                } else {
                    Disposition::Dropped(DropReason::Unexpected)
                }
            }
            ExchangeType::IdentityProtection | ExchangeType::Aggressive if header.message_id == 0 => {
                match core.phase1_message(now, sa, local, remote, ike, header) {
                    Ok(()) => Disposition::Handled,
                    Err(Step::Ignore(r)) => Disposition::Dropped(r),
                    Err(Step::Fail(e)) => {
                        core.fail_phase1(now, sa, e, Some(ike));
                        Disposition::Handled
                    }
                }
            }
            _ => Disposition::Dropped(DropReason::Unexpected),
        }
    }

    /// Drives every timer due at `now`: retransmissions, give-ups, lifetimes, DPD, NAT
    /// keep-alives, delayed Quick Modes.
    pub fn handle_timeout(&mut self, now: Instant) {
        let ids: Vec<Phase1Id> = self.sas.keys().copied().collect();
        for id in ids {
            let Some(mut sa) = self.sas.remove(&id) else { continue };
            self.core.sa_timeout(now, &mut sa);
            if !sa.dead {
                self.sas.insert(id, sa);
            }
        }
        self.child_timers(now);
        self.core.tombstones.retain(|t| t.until > now);
        self.run_actions(now);
    }

    /// Soft and hard lifetimes of the IPsec SA pairs.
    fn child_timers(&mut self, now: Instant) {
        let mut soft = Vec::new();
        let mut hard = Vec::new();
        for c in self.core.children.values_mut() {
            if c.hard_at.is_some_and(|t| t <= now) {
                hard.push(c.id);
            } else if !c.soft_done && c.soft_at.is_some_and(|t| t <= now) {
                c.soft_done = true;
                soft.push((c.id, c.role));
            }
        }
        for (id, role) in soft {
            self.core.event(Event::ChildSaRekeyDue { id });
            if self.core.config.auto_rekey && role == Role::Initiator {
                let _ = self.rekey_child(now, id);
            }
        }
        for id in hard {
            self.remove_child(id, ChildDeleteReason::Expired, true);
        }
    }

    /// The next instant [`handle_timeout`](Self::handle_timeout) has work, if any.
    pub fn poll_timeout(&self) -> Option<Instant> {
        let sas = self.sas.values().filter_map(|sa| self.core.sa_next_timeout(sa));
        let children = self
            .core
            .children
            .values()
            .filter_map(|c| [c.hard_at, (!c.soft_done).then_some(c.soft_at).flatten()].into_iter().flatten().min());
        let tombs = self.core.tombstones.iter().map(|t| t.until);
        sas.chain(children).chain(tombs).min()
    }

    /// The next datagram to send: writes its UDP payload into `buf` (see [`Transmit`]).
    /// Datagrams larger than `buf` are dropped and counted
    /// ([`Stats::transmit_buffer_too_small`]); [`MAX_DATAGRAM_LEN`] bytes always suffice.
    pub fn poll_transmit(&mut self, _now: Instant, buf: &mut [u8]) -> Option<Transmit> {
        while let Some(d) = self.core.tx.pop_front() {
            let Some(dst) = buf.get_mut(..d.payload.len()) else {
                self.core.stats.transmit_buffer_too_small += 1;
                continue;
            };
            dst.copy_from_slice(&d.payload);
            return Some(Transmit { local: d.local, remote: d.remote, len: d.payload.len(), kind: d.kind });
        }
        None
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.core.events.pop_front()
    }

    /// Negotiates an IPsec SA pair for `proxies` with the peer at `remote` (normally port
    /// 500), from `local`: Quick Mode on an established phase-1 SA with the peer, or a new
    /// phase 1 first (Main or Aggressive Mode, as [`Phase1Policy::phase1_mode`] says). The
    /// result comes as [`Event::ChildSaReady`] or [`Event::ChildSaFailed`] with the returned
    /// request.
    ///
    /// Several peers for one entry (DESIGN §3.13) are the caller's loop: on failure, call again
    /// with the next peer.
    ///
    /// # Errors
    /// [`CommandError`] when the policy offers nothing usable, the selectors cannot be sent
    /// as IKEv1 ID payloads, or the phase-1 SA limit is reached.
    ///
    /// [`Phase1Policy::phase1_mode`]: crate::policy::Phase1Policy::phase1_mode
    pub fn initiate(
        &mut self,
        now: Instant,
        local: SocketAddr,
        remote: SocketAddr,
        proxies: ProxyPair,
    ) -> Result<RequestId, CommandError> {
        self.initiate_inner(now, local, remote, proxies, None)
    }

    fn initiate_inner(
        &mut self,
        now: Instant,
        local: SocketAddr,
        remote: SocketAddr,
        proxies: ProxyPair,
        rekey_of: Option<ChildSaId>,
    ) -> Result<RequestId, CommandError> {
        if local.is_ipv4() != remote.is_ipv4() {
            return Err(CommandError::AddressFamily);
        }
        if proxies.local.is_ipv4() != proxies.remote.is_ipv4() {
            return Err(CommandError::UnrepresentableSelector);
        }
        self::core::selector_to_id(&proxies.local)?;
        self::core::selector_to_id(&proxies.remote)?;
        let mut offer = self.core.policy.offer(remote.ip(), &proxies).ok_or(CommandError::NoQuickModeOffer)?;
        let provider = self.core.provider;
        offer.transform_sets.retain(|s| {
            provider.supports_encryption(s.encryption) && s.integrity.is_none_or(|i| provider.supports_integrity(i))
        });
        offer.transform_sets.truncate(usize::from(u8::MAX));
        if offer.transform_sets.is_empty() || offer.pfs.is_some_and(|g| !provider.supports_dh(g)) {
            return Err(CommandError::NoQuickModeOffer);
        }
        let request = self.core.next_request();
        let pending = PendingQuick { request, proxies, offer, rekey_of, not_before: now };
        let peer = remote.ip();
        if let Some(id) = self.established_with(peer) {
            if let Some(mut sa) = self.sas.remove(&id) {
                sa.pending.push(pending);
                self.core.start_due_quick(now, &mut sa);
                self.sas.insert(id, sa);
            }
            return Ok(request);
        }
        if let Some(sa) =
            self.sas.values_mut().find(|sa| sa.remote.ip() == peer && sa.role == Role::Initiator && !sa.established())
        {
            sa.pending.push(pending);
            return Ok(request);
        }
        let mut sa = self.new_phase1(now, local, remote)?;
        sa.pending.push(pending);
        self.sas.insert(sa.id, sa);
        Ok(request)
    }

    fn new_phase1(&mut self, now: Instant, local: SocketAddr, remote: SocketAddr) -> Result<Phase1Sa, CommandError> {
        if self.sas.len() >= self.core.config.max_phase1 {
            return Err(CommandError::TooManySas);
        }
        let first_contact = !self.sas.values().any(|sa| sa.remote.ip() == remote.ip());
        let id = Phase1Id(self.core.next_id());
        let mut sa = self.core.start_phase1(now, id, local, remote)?;
        sa.initial_contact = self.core.config.initial_contact && first_contact;
        Ok(sa)
    }

    /// Negotiates a phase-1 SA only (no Quick Mode), e.g. to have one ready.
    ///
    /// # Errors
    /// [`CommandError::NoPhase1Proposal`] or [`CommandError::TooManySas`].
    pub fn initiate_phase1(
        &mut self,
        now: Instant,
        local: SocketAddr,
        remote: SocketAddr,
    ) -> Result<Phase1Id, CommandError> {
        let sa = self.new_phase1(now, local, remote)?;
        let id = sa.id;
        self.sas.insert(id, sa);
        Ok(id)
    }

    /// The newest established phase-1 SA with `peer`.
    fn established_with(&self, peer: IpAddr) -> Option<Phase1Id> {
        self.sas.values().filter(|sa| sa.remote.ip() == peer && sa.established()).map(|sa| sa.id).max()
    }

    /// Negotiates a new IPsec SA pair for the proxies of `id` (a new Quick Mode; DESIGN §3.2
    /// leaves the decision to the caller, see [`Event::ChildSaRekeyDue`]). The new pair's
    /// [`ChildSa::rekey_of`](crate::ChildSa::rekey_of) names `id`; the old pair stays until it
    /// expires or is deleted.
    ///
    /// # Errors
    /// [`CommandError::UnknownSa`], or as [`initiate`](Self::initiate).
    pub fn rekey_child(&mut self, now: Instant, id: ChildSaId) -> Result<RequestId, CommandError> {
        let c = self.core.children.get(&id).ok_or(CommandError::UnknownSa)?;
        let (local, remote, proxies) = (c.local, c.remote, c.proxies);
        self.initiate_inner(now, local, remote, proxies, Some(id))
    }

    /// Negotiates a new phase-1 SA with the peer of `id`; once it is up, `id` is deleted
    /// ([`Phase1DownReason::Rekeyed`]).
    ///
    /// # Errors
    /// [`CommandError::UnknownSa`] for an unknown or unestablished SA.
    pub fn rekey_phase1(&mut self, now: Instant, id: Phase1Id) -> Result<Phase1Id, CommandError> {
        let sa = self.sas.get(&id).filter(|sa| sa.established()).ok_or(CommandError::UnknownSa)?;
        let (local, remote) = (sa.local, sa.remote);
        let mut new = self.new_phase1(now, local, remote)?;
        new.rekey_of = Some(id);
        new.initial_contact = false;
        let new_id = new.id;
        self.sas.insert(new_id, new);
        Ok(new_id)
    }

    /// Deletes an IPsec SA pair: sends a Delete of our inbound SA when a phase-1 SA with the
    /// peer is established, and reports [`Event::ChildSaDeleted`].
    ///
    /// # Errors
    /// [`CommandError::UnknownSa`].
    pub fn delete_child(&mut self, _now: Instant, id: ChildSaId) -> Result<(), CommandError> {
        if self.remove_child(id, ChildDeleteReason::LocalDelete, true) { Ok(()) } else { Err(CommandError::UnknownSa) }
    }

    fn remove_child(&mut self, id: ChildSaId, reason: ChildDeleteReason, send: bool) -> bool {
        let Some(c) = self.core.children.remove(&id) else { return false };
        if send {
            let via = self
                .sas
                .get(&c.phase1)
                .filter(|sa| sa.established())
                .map(|sa| sa.id)
                .or_else(|| self.established_with(c.remote.ip()));
            if let Some(sa_id) = via
                && let Some(mut sa) = self.sas.remove(&sa_id)
            {
                self.core.send_delete_child(&mut sa, c.spi_in);
                self.sas.insert(sa_id, sa);
            }
        }
        self.core.policy.release_spi(SecurityProtocol::Esp, c.spi_in);
        self.core.event(Event::ChildSaDeleted {
            id,
            inbound_spi: c.spi_in,
            outbound_spi: c.spi_out,
            peer: c.remote,
            reason,
        });
        true
    }

    /// Deletes a phase-1 SA: sends a Delete when it is established and reports
    /// [`Event::Phase1Down`] (or [`Event::Phase1Failed`] with
    /// [`NegotiationError::Cancelled`] for one still negotiating). Its IPsec SAs stay.
    ///
    /// # Errors
    /// [`CommandError::UnknownSa`].
    pub fn delete_phase1(&mut self, now: Instant, id: Phase1Id) -> Result<(), CommandError> {
        if self.remove_phase1(now, id, Phase1DownReason::LocalDelete, true) {
            Ok(())
        } else {
            Err(CommandError::UnknownSa)
        }
    }

    fn remove_phase1(&mut self, _now: Instant, id: Phase1Id, reason: Phase1DownReason, send: bool) -> bool {
        let Some(mut sa) = self.sas.remove(&id) else { return false };
        if sa.established() {
            if send {
                self.core.send_delete_phase1(&mut sa);
            }
            self.core.event(Event::Phase1Down { id, peer: sa.remote, reason });
        } else {
            self.core.event(Event::Phase1Failed {
                id,
                peer: sa.remote,
                role: sa.role,
                error: NegotiationError::Cancelled,
            });
        }
        self.core.fail_quick_all(&mut sa);
        self.core.fail_pending(&mut sa, &NegotiationError::Cancelled);
        true
    }

    /// Deletes everything (Cisco `clear crypto sa` and `clear crypto isakmp`): every IPsec SA
    /// pair (with Deletes) and every phase-1 SA.
    pub fn clear(&mut self, now: Instant) {
        let children: Vec<ChildSaId> = self.core.children.keys().copied().collect();
        for id in children {
            self.remove_child(id, ChildDeleteReason::Cleared, true);
        }
        let sas: Vec<Phase1Id> = self.sas.keys().copied().collect();
        for id in sas {
            self.remove_phase1(now, id, Phase1DownReason::Cleared, true);
        }
    }

    /// Carries out what exchanges asked for that concerns other SAs.
    fn run_actions(&mut self, now: Instant) {
        while !self.core.actions.is_empty() {
            for action in ::core::mem::take(&mut self.core.actions) {
                match action {
                    Action::InitialContact { keep, peer } => {
                        // RFC 2407 §4.6.3.3: the peer has no other SA with us any more.
                        let old: Vec<Phase1Id> = self
                            .sas
                            .values()
                            .filter(|sa| sa.id != keep && sa.remote.ip() == peer)
                            .map(|sa| sa.id)
                            .collect();
                        for id in old {
                            self.remove_phase1(now, id, Phase1DownReason::InitialContact, false);
                        }
                        let children: Vec<ChildSaId> = self
                            .core
                            .children
                            .values()
                            .filter(|c| c.remote.ip() == peer && c.phase1 != keep)
                            .map(|c| c.id)
                            .collect();
                        for id in children {
                            self.remove_child(id, ChildDeleteReason::InitialContact, false);
                        }
                    }
                    Action::ReplacePhase1 { old } => {
                        self.remove_phase1(now, old, Phase1DownReason::Rekeyed, true);
                    }
                    Action::PeerDead { peer } => {
                        let children: Vec<ChildSaId> =
                            self.core.children.values().filter(|c| c.remote.ip() == peer).map(|c| c.id).collect();
                        for id in children {
                            self.remove_child(id, ChildDeleteReason::PeerDead, false);
                        }
                    }
                }
            }
        }
    }

    /// Forgets an IPsec SA pair without any message (e.g. the data path removed it); frees
    /// its SPI.
    pub fn forget_child(&mut self, id: ChildSaId) -> bool {
        match self.core.children.remove(&id) {
            Some(c) => {
                self.core.policy.release_spi(SecurityProtocol::Esp, c.spi_in);
                true
            }
            None => false,
        }
    }

    /// How long an unanswered exchange lives (from [`Config::retransmit`]).
    pub fn give_up_after(&self) -> Duration {
        self.core.config.retransmit.give_up_after()
    }
}
