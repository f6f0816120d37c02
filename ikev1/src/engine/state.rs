//! The engine's internal records: phase-1 SAs, Quick Mode exchanges, IPsec SA pairs,
//! retransmission state.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;
use core::net::SocketAddr;

use ipsec_core::crypto::KeyExchange;
use ipsec_core::types::{EncapsulationMode, Identity, IkeSpi, Lifetime, Spi};
use ipsec_core::{Instant, SecretBytes};

use crate::NegotiationError;
use crate::config::RetransmitConfig;
use crate::crypt::{IvState, MessageCipher};
use crate::event::{ChildSa, ChildSaId, NatStatus, Phase1Id, Phase1Info, RequestId, Role};
use crate::keys::Phase1Keys;
use crate::payload::{IdPayload, NatTNumbering};
use crate::policy::{Phase1Mode, ProxyPair, QuickModeOffer};
use crate::transform::{IpsecTransform, Phase1Transform};

/// A message waiting for an answer, resent on a back-off schedule.
#[derive(Clone, Debug)]
pub(crate) struct Retx {
    /// The ISAKMP message (without the non-ESP marker; framing is applied at each send).
    pub bytes: Vec<u8>,
    /// Retransmissions so far.
    pub sent: u32,
    /// When to retransmit (or give up).
    pub next: Instant,
}

impl Retx {
    pub(crate) fn new(bytes: Vec<u8>, now: Instant, config: &RetransmitConfig) -> Self {
        Self { bytes, sent: 0, next: now + config.interval(0) }
    }
}

/// The last request of an exchange and our stored answer, to answer its retransmissions
/// without recomputation.
#[derive(Clone, Debug, Default)]
pub(crate) struct Answered {
    /// The request as received (ISAKMP bytes).
    pub request: Vec<u8>,
    /// Our answer, if any.
    pub reply: Option<Vec<u8>>,
}

/// States of a phase-1 negotiation (RFC 2409 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum P1State {
    /// Main Mode initiator, MM1 sent.
    MmI1,
    /// Main Mode initiator, MM3 sent.
    MmI3,
    /// Main Mode initiator, MM5 sent.
    MmI5,
    /// Main Mode responder, MM2 sent.
    MmR2,
    /// Main Mode responder, MM4 sent.
    MmR4,
    /// Aggressive Mode initiator, AM1 sent.
    AmI1,
    /// Aggressive Mode responder, AM2 sent.
    AmR2,
    /// Established.
    Established,
}

/// NAT-T negotiation state of a phase-1 SA.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NatState {
    /// Numbering agreed through Vendor IDs.
    pub numbering: Option<NatTNumbering>,
    /// The draft Vendor ID to echo as responder (when the peer sent no RFC 3947 one).
    pub draft_vid: Option<[u8; 16]>,
    /// Discovery results.
    pub status: NatStatus,
}

/// Dead peer detection state (RFC 3706).
#[derive(Clone, Debug, Default)]
pub(crate) struct DpdState {
    /// Last authenticated message from the peer.
    pub last_heard: Instant,
    /// Next sequence number to send.
    pub next_seq: u32,
    /// Outstanding R-U-THEREs: first and last sequence number of this round, retries so
    /// far, next send.
    pub outstanding: Option<(u32, u32, u32, Instant)>,
}

/// A Quick Mode waiting for its phase-1 SA.
#[derive(Clone, Debug)]
pub(crate) struct PendingQuick {
    pub request: RequestId,
    pub proxies: ProxyPair,
    pub offer: QuickModeOffer,
    pub rekey_of: Option<ChildSaId>,
    /// Not before this instant (Aggressive Mode delay).
    pub not_before: Instant,
}

/// States of a Quick Mode exchange (RFC 2409 §5.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QmState {
    /// Initiator, QM1 sent.
    I1,
    /// Responder, QM2 sent.
    R2,
    /// Initiator done, waiting for CONNECTED (commit bit).
    AwaitConnected,
    /// Finished or failed; kept to answer retransmissions until `linger_until`.
    Done,
}

/// One Quick Mode exchange.
pub(crate) struct QuickExchange {
    pub mid: u32,
    pub role: Role,
    pub state: QmState,
    pub request: Option<RequestId>,
    pub rekey_of: Option<ChildSaId>,
    pub proxies: ProxyPair,
    /// `IDci` and `IDcr` as sent or received (`None`: host-to-host without ID payloads).
    pub ids: Option<(IdPayload, IdPayload)>,
    /// Initiator: the proposals sent (number and transform).
    pub offered: Vec<(u8, IpsecTransform)>,
    /// The negotiated transform (lifetime in force).
    pub transform: Option<IpsecTransform>,
    pub mode: EncapsulationMode,
    pub udp: bool,
    pub ni: Vec<u8>,
    pub nr: Vec<u8>,
    pub dh: Option<Box<dyn KeyExchange>>,
    pub g_qm_xy: Option<SecretBytes>,
    pub spi_in: Spi,
    pub spi_out: Option<Spi>,
    pub original_addresses: Option<(core::net::IpAddr, core::net::IpAddr)>,
    /// The commit bit was set by the peer.
    pub commit: bool,
    pub retx: Option<Retx>,
    pub answered: Option<Answered>,
    pub linger_until: Option<Instant>,
    /// Initiator with the commit bit: the SA, reported on CONNECTED or at this instant.
    pub held: Option<(ChildSa, Instant)>,
}

impl fmt::Debug for QuickExchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QuickExchange")
            .field("mid", &self.mid)
            .field("role", &self.role)
            .field("state", &self.state)
            .field("spi_in", &self.spi_in)
            .field("spi_out", &self.spi_out)
            .finish_non_exhaustive()
    }
}

/// A queued encrypted message that arrived before its phase-1 exchange completed.
#[derive(Clone, Debug)]
pub(crate) struct Early {
    pub local: SocketAddr,
    pub remote: SocketAddr,
    pub bytes: Vec<u8>,
}

/// One phase-1 SA and everything negotiated under it.
pub(crate) struct Phase1Sa {
    pub id: Phase1Id,
    pub role: Role,
    pub mode: Phase1Mode,
    pub state: P1State,
    pub ckyi: IkeSpi,
    pub ckyr: IkeSpi,
    pub local: SocketAddr,
    pub remote: SocketAddr,
    /// Give-up instant of an unestablished negotiation; expiry once established.
    pub deadline: Option<Instant>,
    pub offered: Vec<Phase1Transform>,
    pub sa_i_b: Vec<u8>,
    pub transform: Option<Phase1Transform>,
    /// The responder's lifetime is shorter: announce it after establishment.
    pub announce_lifetime: bool,
    pub dh: Option<Box<dyn KeyExchange>>,
    pub g_xi: Vec<u8>,
    pub g_xr: Vec<u8>,
    pub ni: Vec<u8>,
    pub nr: Vec<u8>,
    pub id_i_b: Vec<u8>,
    pub local_identity: Identity,
    pub peer_identity: Option<Identity>,
    pub keys: Option<Phase1Keys>,
    pub cipher: Option<MessageCipher>,
    pub ivs: Option<IvState>,
    pub nat: NatState,
    pub peer_dpd: bool,
    pub retx: Option<Retx>,
    pub answered: Option<Answered>,
    pub pending: Vec<PendingQuick>,
    pub early: Vec<Early>,
    pub quick: Vec<QuickExchange>,
    pub dpd: DpdState,
    pub next_keepalive: Option<Instant>,
    pub rekey_of: Option<Phase1Id>,
    /// Send INITIAL-CONTACT in our last phase-1 message.
    pub initial_contact: bool,
    /// Encrypted messages from the peer that did not decrypt before phase 1 completed (a
    /// hint of different pre-shared keys).
    pub undecryptable: u32,
    /// Message IDs of finished Quick Modes, newest last, so that a replayed message cannot
    /// start them again (RFC 2408 §3.1: message IDs are unique within an SA).
    pub finished_mids: alloc::collections::VecDeque<u32>,
    /// Set when the SA is to be removed after the current operation.
    pub dead: bool,
}

impl fmt::Debug for Phase1Sa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Phase1Sa")
            .field("id", &self.id)
            .field("role", &self.role)
            .field("state", &self.state)
            .field("ckyi", &self.ckyi)
            .field("ckyr", &self.ckyr)
            .field("remote", &self.remote)
            .finish_non_exhaustive()
    }
}

impl Phase1Sa {
    /// What [`Event::Phase1Up`](crate::Event::Phase1Up) and `Engine::phase1_info` report;
    /// `None` until the transform and the peer's identity are known.
    pub(crate) fn info(&self) -> Option<Phase1Info> {
        Some(Phase1Info {
            id: self.id,
            role: self.role,
            mode: self.mode,
            initiator_cookie: self.ckyi,
            responder_cookie: self.ckyr,
            local: self.local,
            remote: self.remote,
            local_identity: self.local_identity.clone(),
            peer_identity: self.peer_identity.clone()?,
            transform: self.transform?,
            nat: self.nat.status,
            peer_dpd: self.peer_dpd,
        })
    }

    /// The phase-1 keys, once derived (a local error before: no message that needs them is
    /// processed earlier).
    pub(crate) fn derived_keys(&self) -> Result<&Phase1Keys, NegotiationError> {
        self.keys.as_ref().ok_or(NegotiationError::Local("no keys"))
    }

    pub(crate) fn new(id: Phase1Id, role: Role, mode: Phase1Mode, local: SocketAddr, remote: SocketAddr) -> Self {
        Self {
            id,
            role,
            mode,
            state: if role == Role::Initiator {
                if mode == Phase1Mode::Main { P1State::MmI1 } else { P1State::AmI1 }
            } else if mode == Phase1Mode::Main {
                P1State::MmR2
            } else {
                P1State::AmR2
            },
            ckyi: IkeSpi::ZERO,
            ckyr: IkeSpi::ZERO,
            local,
            remote,
            deadline: None,
            offered: Vec::new(),
            sa_i_b: Vec::new(),
            transform: None,
            announce_lifetime: false,
            dh: None,
            g_xi: Vec::new(),
            g_xr: Vec::new(),
            ni: Vec::new(),
            nr: Vec::new(),
            id_i_b: Vec::new(),
            local_identity: Identity::KeyId(Vec::new()),
            peer_identity: None,
            keys: None,
            cipher: None,
            ivs: None,
            nat: NatState::default(),
            peer_dpd: false,
            retx: None,
            answered: None,
            pending: Vec::new(),
            early: Vec::new(),
            quick: Vec::new(),
            dpd: DpdState::default(),
            next_keepalive: None,
            rekey_of: None,
            initial_contact: false,
            undecryptable: 0,
            finished_mids: alloc::collections::VecDeque::new(),
            dead: false,
        }
    }

    pub(crate) fn established(&self) -> bool {
        self.state == P1State::Established
    }

    /// Lifetime in force.
    pub(crate) fn lifetime(&self) -> Lifetime {
        self.transform.map(|t| t.lifetime).unwrap_or_default()
    }
}

/// An IPsec SA pair the engine tracks for deletes, lifetimes and rekeying.
#[derive(Clone, Debug)]
pub(crate) struct ChildRecord {
    pub id: ChildSaId,
    pub phase1: Phase1Id,
    pub role: Role,
    pub local: SocketAddr,
    pub remote: SocketAddr,
    pub spi_in: Spi,
    pub spi_out: Spi,
    pub proxies: ProxyPair,
    pub soft_at: Option<Instant>,
    pub hard_at: Option<Instant>,
    pub soft_done: bool,
}

/// A failed or refused negotiation kept to answer retransmissions with the same notification.
#[derive(Clone, Debug)]
pub(crate) struct Tombstone {
    pub ckyi: IkeSpi,
    pub local: SocketAddr,
    pub remote: SocketAddr,
    pub answered: Answered,
    pub until: Instant,
}
