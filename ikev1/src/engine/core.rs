//! State shared by all SAs of an engine, and the helpers every exchange uses.

use alloc::boxed::Box;
use alloc::collections::{BTreeMap, VecDeque};
use alloc::vec::Vec;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use ipsec_core::algorithm::HashAlgorithm;
use ipsec_core::crypto::{CryptoProvider, CryptoRng};
use ipsec_core::registry::ikev1::{ExchangeType, NotifyType, PayloadType};
use ipsec_core::types::{Identity, IkeSpi, TrafficSelector};
use ipsec_core::{Instant, SecretBytes};

use super::state::{ChildRecord, Phase1Sa, Tombstone};
use super::{Stats, TransmitKind};
use crate::config::Config;
use crate::crypt::{CryptError, DecryptedMessage};
use crate::event::{ChildSaId, CommandError, Event, NegotiationError, Phase1Id, RequestId};
use crate::keylog::{KeyLog, KeyLogTable};
use crate::message::Message;
use crate::natt;
use crate::payload::{HashPayload, IdPayload, NatDPayload, NatTNumbering, NotificationPayload, Payload};
use crate::policy::Policy;

/// A datagram waiting in the transmit queue.
#[derive(Clone, Debug)]
pub(crate) struct OutDatagram {
    pub local: SocketAddr,
    pub remote: SocketAddr,
    /// The UDP payload, framed (non-ESP marker on the NAT-T port).
    pub payload: Vec<u8>,
    pub kind: TransmitKind,
}

/// Something only the engine (which sees every SA) can do, requested by an exchange.
#[derive(Clone, Debug)]
pub(crate) enum Action {
    /// The peer sent INITIAL-CONTACT on `keep`: drop every other SA with the peer.
    InitialContact { keep: Phase1Id, peer: IpAddr },
    /// A phase-1 SA replacing `old` is up: delete the old one.
    ReplacePhase1 { old: Phase1Id },
    /// DPD declared the peer dead.
    PeerDead { peer: IpAddr },
}

/// Shared state.
pub(crate) struct Core<P, R> {
    pub config: Config,
    pub policy: P,
    pub rng: R,
    pub provider: &'static CryptoProvider,
    pub tx: VecDeque<OutDatagram>,
    pub events: VecDeque<Event>,
    pub children: BTreeMap<ChildSaId, ChildRecord>,
    pub keylog: Option<Box<dyn KeyLog + Send>>,
    pub stats: Stats,
    pub next_id: u64,
    pub actions: Vec<Action>,
    pub tombstones: Vec<Tombstone>,
}

/// Upper bound on tombstones kept at once.
const MAX_TOMBSTONES: usize = 256;

impl<P: Policy, R: CryptoRng> Core<P, R> {
    pub(crate) fn next_id(&mut self) -> u64 {
        self.next_id = self.next_id.wrapping_add(1);
        self.next_id
    }

    pub(crate) fn next_request(&mut self) -> RequestId {
        RequestId(self.next_id())
    }

    pub(crate) fn random_bytes(&mut self, len: usize) -> Vec<u8> {
        let mut out = alloc::vec![0u8; len];
        self.rng.fill_bytes(&mut out);
        out
    }

    /// A random non-zero cookie (RFC 2408 §2.5.3).
    pub(crate) fn random_cookie(&mut self) -> IkeSpi {
        loop {
            let mut c = [0u8; 8];
            self.rng.fill_bytes(&mut c);
            if c != [0; 8] {
                return IkeSpi(c);
            }
        }
    }

    /// A random non-zero message ID not used by the SA's exchanges (RFC 2408 §3.1).
    pub(crate) fn random_mid(&mut self, sa: &Phase1Sa) -> u32 {
        loop {
            let mid = self.rng.next_u32();
            if mid != 0 && !sa.quick.iter().any(|q| q.mid == mid) {
                return mid;
            }
        }
    }

    pub(crate) fn nonce(&mut self) -> Vec<u8> {
        let len = self.config.nonce_len.clamp(8, 256);
        self.random_bytes(len)
    }

    /// Queues an ISAKMP message, with the non-ESP marker when sent from the NAT-T port
    /// (RFC 3948 §2.2).
    pub(crate) fn send(&mut self, local: SocketAddr, remote: SocketAddr, ike: &[u8]) {
        let payload =
            if local.port() == self.config.nat_t.port { natt::with_non_esp_marker(ike) } else { ike.to_vec() };
        self.stats.sent += 1;
        self.tx.push_back(OutDatagram { local, remote, payload, kind: TransmitKind::Ike });
    }

    /// Queues a NAT keep-alive (RFC 3948 §2.3).
    pub(crate) fn send_keepalive(&mut self, local: SocketAddr, remote: SocketAddr) {
        self.stats.keepalives_sent += 1;
        self.tx.push_back(OutDatagram {
            local,
            remote,
            payload: natt::KEEPALIVE.to_vec(),
            kind: TransmitKind::NatKeepalive,
        });
    }

    pub(crate) fn event(&mut self, event: Event) {
        self.events.push_back(event);
    }

    /// Reports a Quick Mode that failed under phase-1 SA `phase1` with `peer`.
    pub(crate) fn child_failed(
        &mut self,
        phase1: Phase1Id,
        peer: SocketAddr,
        request: Option<RequestId>,
        role: crate::event::Role,
        error: NegotiationError,
    ) {
        self.event(Event::ChildSaFailed { request, phase1: Some(phase1), peer, role, error });
    }

    pub(crate) fn key_log(&mut self, table: KeyLogTable, line: &str) {
        if let Some(log) = self.keylog.as_mut() {
            log.log(table, line);
        }
    }

    /// An unprotected Informational message with one notification, for errors before the
    /// phase-1 SA is keyed (RFC 2409 §5.7 allows them unprotected).
    pub(crate) fn unprotected_notify(ckyi: IkeSpi, ckyr: IkeSpi, notify: NotifyType) -> Option<Vec<u8>> {
        Message::new(ExchangeType::Informational, ckyi, ckyr, 0)
            .with(NotificationPayload::error(notify, Vec::new()))
            .encode()
            .ok()
    }

    /// Keeps a failed negotiation's last request and answer for retransmissions.
    pub(crate) fn tombstone(
        &mut self,
        now: Instant,
        sa_ckyi: IkeSpi,
        local: SocketAddr,
        remote: SocketAddr,
        answered: super::state::Answered,
    ) {
        if self.tombstones.len() >= MAX_TOMBSTONES {
            self.tombstones.remove(0);
        }
        self.tombstones.push(Tombstone { ckyi: sa_ckyi, local, remote, answered, until: now + self.config.linger });
    }

    /// The NAT-D payloads of a message from `local` to `remote` (RFC 3947 §3.2): the hash of
    /// the destination first, then of the source (a random value when encapsulation is
    /// forced, so that the peer sees a NAT).
    pub(crate) fn nat_d_payloads(
        &mut self,
        sa: &Phase1Sa,
        hash: HashAlgorithm,
        local: SocketAddr,
        remote: SocketAddr,
    ) -> Result<Vec<Payload>, NegotiationError> {
        let Some(numbering) = sa.nat.numbering else { return Ok(Vec::new()) };
        let dst = nat_hash(self.provider, hash, sa, remote)?;
        let src = if self.config.nat_t.force_encapsulation {
            self.random_bytes(hash.output_len())
        } else {
            nat_hash(self.provider, hash, sa, local)?
        };
        Ok(alloc::vec![
            Payload::NatD(NatDPayload { hash: dst, numbering }),
            Payload::NatD(NatDPayload { hash: src, numbering }),
        ])
    }

    /// NAT discovery on a received message that arrived at `local` from `remote` (RFC 3947
    /// §3.2): its first NAT-D is the hash of our address as the peer sent to it, the others of
    /// the peer's own addresses. `alternatives` are addresses the hashes may also cover (the
    /// port-500 pair when the message came after a float).
    pub(crate) fn nat_discover(
        &self,
        sa: &mut Phase1Sa,
        message: &Message,
        local: SocketAddr,
        remote: SocketAddr,
        alternatives: Option<(SocketAddr, SocketAddr)>,
    ) -> Result<(), NegotiationError> {
        if sa.nat.numbering.is_none() {
            return Ok(());
        }
        let hash = sa.transform.and_then(|t| t.prf.hash()).ok_or(NegotiationError::MissingPayload)?;
        let received: Vec<&NatDPayload> = message.nat_discovery().collect();
        let Some((first, rest)) = received.split_first() else { return Ok(()) };
        let ours = nat_hash(self.provider, hash, sa, local)?;
        let theirs = nat_hash(self.provider, hash, sa, remote)?;
        let (ours_alt, theirs_alt) = match alternatives {
            Some((l, r)) => (Some(nat_hash(self.provider, hash, sa, l)?), Some(nat_hash(self.provider, hash, sa, r)?)),
            None => (None, None),
        };
        let local_ok = first.hash == ours || ours_alt.as_ref().is_some_and(|a| first.hash == *a);
        let peer_ok = rest.iter().any(|d| d.hash == theirs || theirs_alt.as_ref().is_some_and(|a| d.hash == *a));
        sa.nat.status.local_behind_nat = !local_ok;
        sa.nat.status.peer_behind_nat = !peer_ok;
        Ok(())
    }

    /// The HASH payload placeholder of the right length for the negotiated PRF.
    pub(crate) fn hash_placeholder(sa: &Phase1Sa) -> HashPayload {
        let len = sa.transform.map_or(20, |t| t.prf.output_len());
        HashPayload::new(alloc::vec![0u8; len])
    }

    /// Encrypts a message of the SA and advances the IV chain of its message ID (RFC 2409
    /// Appendix B). For one-shot informational exchanges, `chain` is false: the IV is the
    /// exchange's initial one and nothing is recorded.
    pub(crate) fn encrypt(
        &self,
        sa: &mut Phase1Sa,
        message: &Message,
        chain: bool,
    ) -> Result<Vec<u8>, NegotiationError> {
        let (Some(cipher), Some(ivs)) = (sa.cipher.as_ref(), sa.ivs.as_mut()) else {
            return Err(NegotiationError::Local("no keys"));
        };
        let iv = if chain { ivs.iv(message.message_id) } else { ivs.initial_phase2_iv(message.message_id) }
            .map_err(NegotiationError::Crypto)?;
        let enc = cipher.encrypt(message, &iv, self.config.padding).map_err(crypt_error)?;
        if chain {
            ivs.commit(message.message_id, enc.last_block);
        }
        Ok(enc.datagram)
    }

    /// Decrypts a message of the SA with the IV its chain gives (`chain`) or the initial IV of
    /// a one-shot exchange. The chain is not advanced: the caller commits once the message
    /// has been authenticated.
    pub(crate) fn decrypt(
        sa: &Phase1Sa,
        ike: &[u8],
        message_id: u32,
        chain: bool,
    ) -> Result<DecryptedMessage, NegotiationError> {
        let (Some(cipher), Some(ivs)) = (sa.cipher.as_ref(), sa.ivs.as_ref()) else {
            return Err(NegotiationError::Local("no keys"));
        };
        let iv = if chain { ivs.iv(message_id) } else { ivs.initial_phase2_iv(message_id) }
            .map_err(NegotiationError::Crypto)?;
        cipher.decrypt(ike, &iv).map_err(crypt_error)
    }

    /// A protected Informational exchange (RFC 2409 §5.7): `HDR*, HASH(1), payloads`.
    /// Returns the message sent.
    pub(crate) fn send_informational(
        &mut self,
        sa: &mut Phase1Sa,
        payloads: Vec<Payload>,
    ) -> Result<Vec<u8>, NegotiationError> {
        let keys = sa.derived_keys()?;
        let mid = self.random_mid(sa);
        let mut message =
            Message::new(ExchangeType::Informational, sa.ckyi, sa.ckyr, mid).with(Self::hash_placeholder(sa));
        message.payloads.extend(payloads);
        let tail = message.hashed_tail().map_err(|_| NegotiationError::Local("encode"))?;
        let hash = keys.message_hash(mid, &tail).map_err(NegotiationError::Crypto)?;
        if let Some(h) = message.hash_mut() {
            h.data = hash;
        }
        let bytes = self.encrypt(sa, &message, false)?;
        self.send(sa.local, sa.remote, &bytes);
        Ok(bytes)
    }

    /// Fails the Quick Modes waiting for a phase-1 SA.
    pub(crate) fn fail_pending(&mut self, sa: &mut Phase1Sa, error: &NegotiationError) {
        for p in core::mem::take(&mut sa.pending) {
            self.child_failed(sa.id, sa.remote, Some(p.request), crate::event::Role::Initiator, error.clone());
        }
    }

    /// Logs the keys of a new IPsec SA pair, one `esp_sa` line per direction.
    pub(crate) fn log_child(&mut self, child: &crate::event::ChildSa) {
        if self.keylog.is_none() {
            return;
        }
        let (l, r) = (child.local.ip(), child.remote.ip());
        for (src, dst, keys) in [(l, r, &child.outbound), (r, l, &child.inbound)] {
            let line = crate::keylog::esp_line(
                src,
                dst,
                keys.spi,
                child.encryption,
                keys.encryption_key.expose(),
                child.integrity,
                keys.integrity_key.expose(),
            );
            self.key_log(KeyLogTable::EspSa, &line);
        }
    }

    /// Looks up the pre-shared key.
    pub(crate) fn psk(&self, peer: IpAddr, identity: Option<&Identity>) -> Result<SecretBytes, NegotiationError> {
        self.policy.pre_shared_key(peer, identity).ok_or(NegotiationError::NoPreSharedKey)
    }
}

/// `HASH(CKY-I | CKY-R | IP | port)` of a socket address.
fn nat_hash(
    provider: &CryptoProvider,
    hash: HashAlgorithm,
    sa: &Phase1Sa,
    addr: SocketAddr,
) -> Result<Vec<u8>, NegotiationError> {
    crate::keys::nat_discovery_hash(provider, hash, &sa.ckyi, &sa.ckyr, addr.ip(), addr.port())
        .map_err(NegotiationError::Crypto)
}

pub(crate) fn crypt_error(e: CryptError) -> NegotiationError {
    match e {
        CryptError::Decode(d) => NegotiationError::DecryptionFailed(d),
        CryptError::Crypto(c) => NegotiationError::Crypto(c),
        CryptError::Encode(_) => NegotiationError::Local("encode"),
        CryptError::NotEncrypted | CryptError::CiphertextLength { .. } | CryptError::IvLength { .. } => {
            NegotiationError::DecryptionFailed(crate::DecodeError::Encrypted)
        }
    }
}

/// The NAT-T numbering a peer's Vendor IDs announce (RFC 3947 §3.1), with the draft Vendor ID
/// to echo.
pub(crate) fn peer_nat_t(message: &Message) -> Option<(NatTNumbering, Option<[u8; 16]>)> {
    use crate::vendor_id::{NAT_T_DRAFT_02, NAT_T_DRAFT_02_N, NAT_T_DRAFT_03, NAT_T_RFC3947};
    if message.has_vendor_id(&NAT_T_RFC3947) {
        return Some((NatTNumbering::Rfc3947, None));
    }
    [NAT_T_DRAFT_03, NAT_T_DRAFT_02_N, NAT_T_DRAFT_02]
        .into_iter()
        .find(|v| message.has_vendor_id(v))
        .map(|v| (NatTNumbering::Draft, Some(v)))
}

/// A netmask of `len` bits.
fn mask_v4(len: u8) -> Ipv4Addr {
    Ipv4Addr::from(u32::MAX.checked_shl(32 - u32::from(len.min(32))).unwrap_or(0))
}

fn mask_v6(len: u8) -> Ipv6Addr {
    Ipv6Addr::from(u128::MAX.checked_shl(128 - u32::from(len.min(128))).unwrap_or(0))
}

/// The prefix length of a contiguous netmask.
fn mask_len(mask: u128, width: u32) -> Option<u8> {
    let ones = mask.leading_ones();
    let shifted = mask.checked_shl(ones).unwrap_or(0);
    (shifted == 0 && ones <= width).then(|| u8::try_from(ones).ok()).flatten()
}

/// The ID payload of a proxy (RFC 2407 §4.6.2): an address for a host, a subnet for a CIDR
/// block, a range otherwise; protocol and one port or any.
pub(crate) fn selector_to_id(ts: &TrafficSelector) -> Result<IdPayload, CommandError> {
    let port = if ts.is_any_port() {
        0
    } else if ts.start_port() == ts.end_port() {
        ts.start_port()
    } else {
        return Err(CommandError::UnrepresentableSelector);
    };
    let identity = match (ts.start(), ts.end(), ts.prefix_len()) {
        (IpAddr::V4(a), IpAddr::V4(b), _) if a == b => Identity::Ipv4(a),
        (IpAddr::V6(a), IpAddr::V6(b), _) if a == b => Identity::Ipv6(a),
        (IpAddr::V4(a), IpAddr::V4(_), Some(len)) => Identity::Ipv4Subnet(a, mask_v4(len)),
        (IpAddr::V6(a), IpAddr::V6(_), Some(len)) => Identity::Ipv6Subnet(a, mask_v6(len)),
        (IpAddr::V4(a), IpAddr::V4(b), None) => Identity::Ipv4Range(a, b),
        (IpAddr::V6(a), IpAddr::V6(b), None) => Identity::Ipv6Range(a, b),
        _ => return Err(CommandError::UnrepresentableSelector),
    };
    Ok(IdPayload { identity, protocol: ts.protocol().0, port })
}

/// The proxy an ID payload describes, `None` for identities that are not addresses.
pub(crate) fn id_to_selector(id: &IdPayload) -> Option<TrafficSelector> {
    let ts = match &id.identity {
        Identity::Ipv4(a) => TrafficSelector::host(IpAddr::V4(*a)),
        Identity::Ipv6(a) => TrafficSelector::host(IpAddr::V6(*a)),
        Identity::Ipv4Subnet(a, m) => {
            TrafficSelector::prefix(IpAddr::V4(*a), mask_len(u128::from(u32::from(*m)) << 96, 32)?)?
        }
        Identity::Ipv6Subnet(a, m) => TrafficSelector::prefix(IpAddr::V6(*a), mask_len(u128::from(*m), 128)?)?,
        Identity::Ipv4Range(a, b) => {
            TrafficSelector::new(IpAddr::V4(*a), IpAddr::V4(*b), Default::default(), 0, u16::MAX)?
        }
        Identity::Ipv6Range(a, b) => {
            TrafficSelector::new(IpAddr::V6(*a), IpAddr::V6(*b), Default::default(), 0, u16::MAX)?
        }
        _ => return None,
    };
    let ts = ts.with_protocol(ipsec_core::types::IpProtocol(id.protocol));
    if id.port == 0 { Some(ts) } else { ts.with_ports(id.port, id.port) }
}

/// The bytes of the first payload of `payload_type` in a cleartext message.
pub(crate) fn cleartext_body(ike: &[u8], payload_type: PayloadType) -> Result<Vec<u8>, NegotiationError> {
    crate::message::cleartext_body(ike, payload_type)
        .map_err(NegotiationError::Malformed)?
        .map(<[u8]>::to_vec)
        .ok_or(NegotiationError::MissingPayload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_id_round_trip() {
        let net = TrafficSelector::prefix("10.1.0.0".parse().unwrap(), 24).unwrap();
        let id = selector_to_id(&net).unwrap();
        assert_eq!(id.identity, Identity::Ipv4Subnet("10.1.0.0".parse().unwrap(), "255.255.255.0".parse().unwrap()));
        assert_eq!(id_to_selector(&id), Some(net));
        let host = TrafficSelector::host("2001:db8::1".parse().unwrap())
            .with_protocol(ipsec_core::types::IpProtocol::TCP)
            .with_ports(80, 80)
            .unwrap();
        let id = selector_to_id(&host).unwrap();
        assert_eq!((id.protocol, id.port), (6, 80));
        assert_eq!(id_to_selector(&id), Some(host));
        let any = TrafficSelector::any_v4();
        assert_eq!(id_to_selector(&selector_to_id(&any).unwrap()), Some(any));
        let v6net = TrafficSelector::prefix("2001:db8::".parse().unwrap(), 64).unwrap();
        assert_eq!(id_to_selector(&selector_to_id(&v6net).unwrap()), Some(v6net));
        let range = TrafficSelector::new(
            "10.0.0.1".parse().unwrap(),
            "10.0.0.9".parse().unwrap(),
            Default::default(),
            0,
            u16::MAX,
        )
        .unwrap();
        assert_eq!(id_to_selector(&selector_to_id(&range).unwrap()), Some(range));
        let bad_mask =
            IdPayload::new(Identity::Ipv4Subnet("10.0.0.0".parse().unwrap(), "255.0.255.0".parse().unwrap()));
        assert_eq!(id_to_selector(&bad_mask), None);
        let ports =
            TrafficSelector::any_v4().with_protocol(ipsec_core::types::IpProtocol::TCP).with_ports(1, 2).unwrap();
        assert_eq!(selector_to_id(&ports), Err(CommandError::UnrepresentableSelector));
    }
}
