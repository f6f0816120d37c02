//! What the engine reports: events, the IPsec SAs it negotiated, and typed errors.

use alloc::vec::Vec;
use core::fmt;
use core::net::{IpAddr, SocketAddr};

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::crypto::CryptoError;
use ipsec_core::registry::ikev1::{NotifyType, ProtocolId};
use ipsec_core::types::{EncapsulationMode, Identity, IkeSpi, Lifetime, SecurityProtocol, Spi, TrafficSelector};

use crate::error::DecodeError;
use crate::policy::Phase1Mode;
use crate::transform::Phase1Transform;

/// A phase-1 (ISAKMP) SA of this engine. Numbers are never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phase1Id(pub u64);

/// An IPsec SA pair (inbound and outbound) negotiated in one Quick Mode. Numbers are never
/// reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChildSaId(pub u64);

/// A caller's request ([`Engine::initiate`](crate::Engine::initiate) or a rekey), echoed in
/// the events that complete or fail it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestId(pub u64);

/// Which side of an exchange this engine took.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// We sent the first message.
    Initiator,
    /// The peer did.
    Responder,
}

/// The NAT-T revision negotiated through Vendor IDs (RFC 3947 §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NatTVersion {
    /// RFC 3947: NAT-D/NAT-OA payloads 20/21, encapsulation modes 3/4.
    Rfc3947,
    /// draft-ietf-ipsec-nat-t-ike-02/03: payloads 130/131, modes 61443/61444.
    Draft,
}

/// The result of NAT discovery (RFC 3947 §3.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct NatStatus {
    /// The negotiated NAT-T revision, `None` when either side does not do NAT-T.
    pub version: Option<NatTVersion>,
    /// Our address or port is translated (our NAT-D hash did not match).
    pub local_behind_nat: bool,
    /// The peer's address or port is translated (or the peer fakes a NAT to force UDP
    /// encapsulation, as strongSwan with userspace ESP does).
    pub peer_behind_nat: bool,
}

impl NatStatus {
    /// True when any NAT was detected.
    #[must_use]
    pub const fn any(&self) -> bool {
        self.local_behind_nat || self.peer_behind_nat
    }
}

/// An established phase-1 SA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase1Info {
    /// The SA.
    pub id: Phase1Id,
    /// Our role in its negotiation.
    pub role: Role,
    /// Main or Aggressive Mode.
    pub mode: Phase1Mode,
    /// CKY-I.
    pub initiator_cookie: IkeSpi,
    /// CKY-R.
    pub responder_cookie: IkeSpi,
    /// Our socket address (port 4500 after a NAT-T float).
    pub local: SocketAddr,
    /// The peer's socket address.
    pub remote: SocketAddr,
    /// The identity we sent.
    pub local_identity: Identity,
    /// The identity the peer authenticated.
    pub peer_identity: Identity,
    /// The negotiated transform; its lifetime is the one in force.
    pub transform: Phase1Transform,
    /// NAT discovery.
    pub nat: NatStatus,
    /// The peer announced dead peer detection (RFC 3706).
    pub peer_dpd: bool,
}

/// One direction of an IPsec SA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaKeys {
    /// The SPI (chosen by the receiving side of this direction).
    pub spi: Spi,
    /// Cipher key material: the key and, for combined-mode and counter ciphers, the salt or
    /// nonce (RFC 2409 §5.5, RFC 4106 §8.1).
    pub encryption_key: SecretBytes,
    /// Integrity key (empty for combined-mode ciphers).
    pub integrity_key: SecretBytes,
}

/// UDP encapsulation ports of an SA (RFC 3948).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UdpPorts {
    /// Our port (normally 4500).
    pub local: u16,
    /// The peer's port (the NAT's mapping of its 4500).
    pub remote: u16,
}

/// An IPsec SA pair ready for the data path: everything the `esp-ah` crate needs to build
/// the inbound and outbound SAs (`SaParams::new(spi, mode, local, remote, encryption, key,
/// integrity)` with `with_udp_encap` and `with_lifetime`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChildSa {
    /// The pair.
    pub id: ChildSaId,
    /// The phase-1 SA that negotiated it.
    pub phase1: Phase1Id,
    /// The request it completes, when we initiated.
    pub request: Option<RequestId>,
    /// The SA pair it replaces (our rekey, or a peer's Quick Mode for the same proxies).
    pub rekey_of: Option<ChildSaId>,
    /// Our role in the Quick Mode.
    pub role: Role,
    /// ESP (AH is not negotiated by this engine yet).
    pub protocol: SecurityProtocol,
    /// The SA the peer sends on (our SPI).
    pub inbound: SaKeys,
    /// The SA we send on (the peer's SPI).
    pub outbound: SaKeys,
    /// The cipher.
    pub encryption: EncryptionAlgorithm,
    /// The integrity algorithm (`None` with combined-mode ciphers).
    pub integrity: Option<IntegrityAlgorithm>,
    /// Tunnel or transport mode.
    pub mode: EncapsulationMode,
    /// UDP encapsulation (RFC 3948), negotiated with the UDP-Encapsulated modes of RFC 3947
    /// §5.1 (or the drafts' 61443/61444).
    pub udp_encapsulation: Option<UdpPorts>,
    /// Our side of the flow (our proxy identity).
    pub local_ts: TrafficSelector,
    /// The peer's side of the flow.
    pub remote_ts: TrafficSelector,
    /// The lifetime in force (the shorter of both sides', DESIGN §3.5).
    pub lifetime: Lifetime,
    /// The PFS group, if any.
    pub pfs_group: Option<DhGroup>,
    /// Our outer (IKE) socket address.
    pub local: SocketAddr,
    /// The peer's outer socket address.
    pub remote: SocketAddr,
    /// NAT discovery of the phase-1 SA.
    pub nat: NatStatus,
    /// The original addresses of the flow's endpoints from NAT-OA payloads (RFC 3947 §5.2),
    /// initiator's then responder's, for transport-mode checksum fix-up.
    pub original_addresses: Option<(IpAddr, IpAddr)>,
}

/// Why a phase-1 SA went away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase1DownReason {
    /// Its lifetime expired.
    Expired,
    /// Deleted by [`Engine::delete_phase1`](crate::Engine::delete_phase1).
    LocalDelete,
    /// The peer sent a Delete.
    PeerDelete,
    /// DPD declared the peer dead.
    PeerDead,
    /// Replaced by a newer phase-1 SA ([`Engine::rekey_phase1`](crate::Engine::rekey_phase1)).
    Rekeyed,
    /// The peer started over with INITIAL-CONTACT (RFC 2407 §4.6.3.3).
    InitialContact,
    /// [`Engine::clear`](crate::Engine::clear).
    Cleared,
}

/// Why an IPsec SA pair went away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChildDeleteReason {
    /// Its lifetime expired.
    Expired,
    /// Deleted by [`Engine::delete_child`](crate::Engine::delete_child).
    LocalDelete,
    /// The peer sent a Delete.
    PeerDelete,
    /// DPD declared the peer dead.
    PeerDead,
    /// The peer started over with INITIAL-CONTACT.
    InitialContact,
    /// [`Engine::clear`](crate::Engine::clear).
    Cleared,
}

/// Why a negotiation failed. [`NegotiationError::notify_type`] gives the notification that
/// was sent to the peer (RFC 2408 §3.14.1) or received from it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NegotiationError {
    /// No proposal matched (sent NO-PROPOSAL-CHOSEN, or the peer chose nothing we offered).
    #[error("no acceptable proposal")]
    NoProposalChosen,
    /// The peer's `HASH_I`/`HASH_R` did not verify: usually a different pre-shared key (sent
    /// INVALID-HASH-INFORMATION). Also reported by an initiator whose negotiation timed out
    /// while the peer sent encrypted messages that did not decrypt (its keys differ).
    #[error("authentication failed (hash mismatch)")]
    AuthenticationFailed,
    /// The first encrypted message did not decrypt into valid payloads: usually a different
    /// pre-shared key (sent PAYLOAD-MALFORMED).
    #[error("decryption failed: {0}")]
    DecryptionFailed(DecodeError),
    /// No pre-shared key for the peer.
    #[error("no pre-shared key for the peer")]
    NoPreSharedKey,
    /// The peer's identity or proxy identities were refused (sent INVALID-ID-INFORMATION).
    #[error("identity refused")]
    InvalidId,
    /// A malformed message or a missing payload (sent the codec's notification).
    #[error("malformed message: {0}")]
    Malformed(DecodeError),
    /// A payload the exchange needs is missing (sent PAYLOAD-MALFORMED).
    #[error("missing payload")]
    MissingPayload,
    /// The peer's Diffie-Hellman value or another cryptographic input was refused.
    #[error("cryptographic failure: {0}")]
    Crypto(CryptoError),
    /// The policy refused the request with this notification.
    #[error("refused by policy: {0}")]
    Refused(NotifyType),
    /// The peer refused with this error notification.
    #[error("peer refused: {0}")]
    PeerRefused(NotifyType),
    /// No answer after all retransmissions.
    #[error("no answer from the peer")]
    Timeout,
    /// No SPI could be allocated.
    #[error("no SPI available")]
    NoSpi,
    /// The phase-1 SA this Quick Mode needed failed or went away.
    #[error("phase 1 failed")]
    Phase1Failed,
    /// Cancelled by [`Engine::clear`](crate::Engine::clear) or a delete.
    #[error("cancelled")]
    Cancelled,
    /// A message could not be built, or keys were missing: a local limit or defect.
    #[error("local error: {0}")]
    Local(&'static str),
}

impl NegotiationError {
    /// The notification sent or received for this failure, if any (RFC 2408 §3.14.1).
    #[must_use]
    pub const fn notify_type(&self) -> Option<NotifyType> {
        match self {
            Self::NoProposalChosen => Some(NotifyType::NoProposalChosen),
            Self::AuthenticationFailed => Some(NotifyType::InvalidHashInformation),
            Self::DecryptionFailed(_) | Self::MissingPayload => Some(NotifyType::PayloadMalformed),
            Self::InvalidId => Some(NotifyType::InvalidIdInformation),
            Self::Malformed(e) => Some(e.notify_type()),
            Self::Crypto(_) => Some(NotifyType::InvalidKeyInformation),
            Self::Refused(n) | Self::PeerRefused(n) => Some(*n),
            Self::NoPreSharedKey
            | Self::Timeout
            | Self::NoSpi
            | Self::Phase1Failed
            | Self::Cancelled
            | Self::Local(_) => None,
        }
    }
}

/// Something the caller should know or act on, from [`Engine::poll_event`](crate::Engine::poll_event).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// A phase-1 SA is established.
    Phase1Up(Phase1Info),
    /// An established phase-1 SA is gone. Its IPsec SAs stay (IKEv1 SAs are independent),
    /// except where a [`Event::ChildSaDeleted`] says otherwise.
    Phase1Down {
        /// The SA.
        id: Phase1Id,
        /// The peer.
        peer: SocketAddr,
        /// Why.
        reason: Phase1DownReason,
    },
    /// A phase-1 negotiation failed.
    Phase1Failed {
        /// The SA that was being negotiated.
        id: Phase1Id,
        /// The peer.
        peer: SocketAddr,
        /// Our role.
        role: Role,
        /// Why.
        error: NegotiationError,
    },
    /// An IPsec SA pair is ready.
    ChildSaReady(ChildSa),
    /// A Quick Mode failed (or could not start).
    ChildSaFailed {
        /// The request, when we initiated.
        request: Option<RequestId>,
        /// The phase-1 SA, if one was involved.
        phase1: Option<Phase1Id>,
        /// The peer.
        peer: SocketAddr,
        /// Our role.
        role: Role,
        /// Why.
        error: NegotiationError,
    },
    /// An IPsec SA pair reached its soft lifetime: rekey it if it is still needed
    /// ([`Engine::rekey_child`](crate::Engine::rekey_child)).
    ChildSaRekeyDue {
        /// The pair.
        id: ChildSaId,
    },
    /// An IPsec SA pair is gone; remove both SAs from the data path.
    ChildSaDeleted {
        /// The pair.
        id: ChildSaId,
        /// Our SPI (inbound SA).
        inbound_spi: Spi,
        /// The peer's SPI (outbound SA).
        outbound_spi: Spi,
        /// The peer.
        peer: SocketAddr,
        /// Why.
        reason: ChildDeleteReason,
    },
    /// Dead peer detection got no answer (RFC 3706); the phase-1 SA and the peer's IPsec SAs
    /// are deleted (separate events follow).
    PeerDead {
        /// The phase-1 SA that ran DPD.
        phase1: Phase1Id,
        /// The peer.
        peer: SocketAddr,
    },
    /// The peer's address or port changed (a NAT rebinding, RFC 3947 §4); UDP-encapsulated
    /// SAs with this peer should send to the new address.
    PeerAddressChanged {
        /// The phase-1 SA.
        phase1: Phase1Id,
        /// The old address.
        old: SocketAddr,
        /// The new address.
        new: SocketAddr,
    },
    /// A status notification the engine does not act on itself.
    NotifyReceived {
        /// The phase-1 SA it came under.
        phase1: Phase1Id,
        /// The notify message type.
        notify_type: NotifyType,
        /// The protocol it concerns.
        protocol: ProtocolId,
        /// The SPI it concerns.
        spi: Vec<u8>,
    },
}

/// Why a command was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandError {
    /// The policy has no phase-1 proposal this engine can run for the peer.
    #[error("no usable phase-1 proposal")]
    NoPhase1Proposal,
    /// The policy offers no Quick Mode for the proxies.
    #[error("no quick mode offer for these proxies")]
    NoQuickModeOffer,
    /// A traffic selector that IKEv1 ID payloads cannot express (a port range other than one
    /// port or any, or mixed address families).
    #[error("traffic selector not expressible in IKEv1")]
    UnrepresentableSelector,
    /// No such SA.
    #[error("unknown SA")]
    UnknownSa,
    /// The phase-1 SA limit is reached.
    #[error("too many phase-1 SAs")]
    TooManySas,
    /// Local and remote addresses of different families.
    #[error("address family mismatch")]
    AddressFamily,
}

/// What [`Engine::handle_datagram`](crate::Engine::handle_datagram) did with a datagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// Processed (possibly with an answer queued).
    Handled,
    /// A retransmission of a message already answered; the stored answer was sent again.
    Retransmission,
    /// A NAT keep-alive (RFC 3948 §2.3).
    Keepalive,
    /// Queued until the phase-1 exchange it depends on completes.
    Queued,
    /// Not processed.
    Dropped(DropReason),
}

/// Why a datagram was dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DropReason {
    /// Not an ISAKMP message: ESP on the NAT-T port (route it to the data path first), or too
    /// short.
    NotIke,
    /// The header or a payload does not decode.
    Malformed(DecodeError),
    /// Cookies of no SA (RFC 2408 §5.2: INVALID-COOKIE, sent only when configured).
    UnknownCookies,
    /// The half-open or total phase-1 SA limit is reached.
    Limit,
    /// The message does not fit the state of its exchange, or an exchange type this engine
    /// does not run.
    Unexpected,
    /// An encrypted message that did not decrypt or authenticate.
    Unauthenticated,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Initiator => "initiator",
            Self::Responder => "responder",
        })
    }
}
