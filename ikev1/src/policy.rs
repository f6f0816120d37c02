//! Policy: what the engine asks its embedder (DESIGN §1).
//!
//! The protocol crate never reads a configuration. It asks five small questions, one trait
//! each, in the protocol-neutral types of `ipsec-core`:
//!
//! * [`Phase1Policy`]: the ISAKMP policies (encryption, hash, authentication method, group,
//!   lifetime) in priority order, and Main or Aggressive Mode toward a peer;
//! * [`PskStore`]: the pre-shared key for a peer address or identity (DESIGN §3.11: the
//!   lookup order belongs to the implementer);
//! * [`IdentityPolicy`]: the phase-1 identity to send (address, FQDN, key-id) and whether a
//!   peer's identity is acceptable;
//! * [`QuickModePolicy`]: what to offer for a proxy pair, and whether to accept what a peer
//!   offers (proxies, transforms, PFS, lifetimes), with the notification that refuses it;
//! * [`SpiAllocator`]: the SPIs of inbound SAs, which the data path must be able to look up.
//!
//! [`Policy`] gathers them; it is implemented for every type that implements the five.
//! [`SimplePolicy`] is a plain struct that implements them all, for tests and small
//! embedders; a Cisco configuration is adapted to the traits by the `gateway` crate.
//! [`select_phase1`] and [`select_quick_mode`] are the matching rules of DESIGN §3.4, §3.5
//! and §3.10, for implementers that keep their own data.

use alloc::collections::BTreeSet;
use alloc::vec::Vec;
use core::net::IpAddr;

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::crypto::CryptoRng;
use ipsec_core::registry::ikev1::NotifyType;
use ipsec_core::types::{EncapsulationMode, Identity, Lifetime, SecurityProtocol, Spi, TrafficSelector};

use crate::transform::Phase1Transform;

/// The phase-1 exchange an initiator uses (RFC 2409 §5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Phase1Mode {
    /// Main Mode (identity protection, six messages).
    #[default]
    Main,
    /// Aggressive Mode (three messages, identities in the clear).
    Aggressive,
}

/// The two sides of a flow as this end sees them: `local` is our side (`IDci` when we
/// initiate Quick Mode, `IDcr` when we respond), `remote` the peer's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProxyPair {
    /// Our side of the flow.
    pub local: TrafficSelector,
    /// The peer's side of the flow.
    pub remote: TrafficSelector,
}

/// One ESP transform set (Cisco `crypto ipsec transform-set`): a cipher and an optional
/// integrity algorithm (none with a combined-mode cipher).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TransformSet {
    /// The ESP cipher.
    pub encryption: EncryptionAlgorithm,
    /// The ESP integrity algorithm.
    pub integrity: Option<IntegrityAlgorithm>,
}

/// What an initiator offers in Quick Mode (RFC 2409 §5.5): one proposal per transform set,
/// in order, all with the same PFS group, lifetime and mode.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct QuickModeOffer {
    /// The transform sets, most preferred first (Cisco allows up to 6 or 11 per map entry).
    pub transform_sets: Vec<TransformSet>,
    /// The PFS group, sent as the Group Description attribute with a KE payload.
    pub pfs: Option<DhGroup>,
    /// The proposed lifetime (seconds and kilobytes).
    pub lifetime: Lifetime,
    /// Tunnel or transport mode (DESIGN §3.14: transport only between the peers themselves).
    pub mode: EncapsulationMode,
}

/// One proposal of a peer's Quick Mode offer, as the responder's policy sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OfferedProposal {
    /// The proposal number on the wire.
    pub number: u8,
    /// Cipher and integrity.
    pub transform: TransformSet,
    /// Tunnel or transport (UDP encapsulation is shown separately).
    pub mode: EncapsulationMode,
    /// Whether the peer asked for UDP encapsulation (RFC 3947 §5.1 modes 3/4 or the drafts'
    /// 61443/61444).
    pub udp_encapsulated: bool,
    /// The PFS group, if the peer does PFS.
    pub pfs: Option<DhGroup>,
    /// The proposed lifetime; RFC 2407 §4.5 makes 28,800 s the value when none is sent.
    pub lifetime: Lifetime,
}

/// A peer's Quick Mode request, for [`QuickModePolicy::accept`].
#[derive(Clone, Copy, Debug)]
pub struct QuickModeRequest<'a> {
    /// The peer's address.
    pub peer: IpAddr,
    /// The identity the peer authenticated in phase 1.
    pub peer_identity: &'a Identity,
    /// The proposed proxies from our side: `local` is `IDcr`, `remote` is `IDci` (both hosts
    /// when the peer sent no ID payloads, RFC 2409 §5.5).
    pub proxies: ProxyPair,
    /// The proposals, in the peer's order.
    pub proposals: &'a [OfferedProposal],
    /// True when NAT discovery found a NAT (or a forced encapsulation).
    pub nat_detected: bool,
}

/// A responder's acceptance of a Quick Mode request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct QuickModeChoice {
    /// Index into [`QuickModeRequest::proposals`] of the accepted proposal.
    pub proposal: usize,
    /// The lifetime the SA gets. When it is shorter than the proposal's in a dimension, the
    /// engine announces it with RESPONDER-LIFETIME (RFC 2407 §4.6.3.1, DESIGN §3.5).
    pub lifetime: Lifetime,
}

/// ISAKMP policies (Cisco `crypto isakmp policy`).
pub trait Phase1Policy {
    /// The phase-1 transforms toward or from `peer`, highest priority first. As initiator all
    /// are offered in this order (in Aggressive Mode only those with the first one's group);
    /// as responder the engine walks them in this order, and for each the peer's offers in
    /// their order, and the first match wins (DESIGN §3.4, see [`select_phase1`]).
    fn phase1_proposals(&self, peer: IpAddr) -> Vec<Phase1Transform>;

    /// The exchange to initiate with `peer` (default Main Mode).
    fn phase1_mode(&self, _peer: IpAddr) -> Phase1Mode {
        Phase1Mode::Main
    }

    /// Whether an Aggressive Mode request from `peer` is answered (ASA `am-disable` when
    /// false; default true).
    fn accept_aggressive(&self, _peer: IpAddr) -> bool {
        true
    }
}

/// Pre-shared keys (Cisco `crypto isakmp key`, ASA tunnel-group `pre-shared-key`).
pub trait PskStore {
    /// The key for `peer`. `identity` is the peer's phase-1 identity when it is known before
    /// the key is needed (Aggressive Mode); in Main Mode the key must be found by address
    /// alone, as the identity arrives encrypted with it (RFC 2409 §5.4).
    fn pre_shared_key(&self, peer: IpAddr, identity: Option<&Identity>) -> Option<SecretBytes>;
}

/// Phase-1 identities (Cisco `crypto isakmp identity`).
pub trait IdentityPolicy {
    /// The identity to send toward `peer` from `local`.
    fn local_identity(&self, local: IpAddr, peer: IpAddr) -> Identity;

    /// Whether `peer` may authenticate as `identity` (default: any identity). A refusal
    /// fails phase 1 with INVALID-ID-INFORMATION.
    fn accept_peer_identity(&self, _peer: IpAddr, _identity: &Identity) -> bool {
        true
    }
}

/// Quick Mode decisions (Cisco crypto map entries and transform sets).
pub trait QuickModePolicy {
    /// What to offer for `proxies` toward `peer`; `None` refuses to initiate.
    fn offer(&self, peer: IpAddr, proxies: &ProxyPair) -> Option<QuickModeOffer>;

    /// Accepts one of a peer's proposals, or refuses with the notification to send:
    /// NO-PROPOSAL-CHOSEN (no acceptable transform, PFS or lifetime), INVALID-ID-INFORMATION
    /// (proxies not permitted), ATTRIBUTES-NOT-SUPPORTED, ...
    ///
    /// # Errors
    /// The notify message type that refuses the request.
    fn accept(&self, request: &QuickModeRequest<'_>) -> Result<QuickModeChoice, NotifyType>;
}

/// SPIs of inbound SAs (RFC 4301 §4.1: the receiver chooses them, so the data path can find
/// the SA by SPI).
pub trait SpiAllocator {
    /// A fresh SPI (256 or above, unused) for an inbound SA from `peer`, or `None` when none
    /// is available (the exchange then fails with NO-PROPOSAL-CHOSEN as strongSwan does).
    fn allocate_spi(&mut self, protocol: SecurityProtocol, peer: IpAddr, rng: &mut dyn CryptoRng) -> Option<Spi>;

    /// Returns an SPI that will not be used after all (failed exchange) or whose SA is gone.
    fn release_spi(&mut self, _protocol: SecurityProtocol, _spi: Spi) {}
}

/// Everything the engine asks; implemented for every type with the five traits.
pub trait Policy: Phase1Policy + PskStore + IdentityPolicy + QuickModePolicy + SpiAllocator {}

impl<T: Phase1Policy + PskStore + IdentityPolicy + QuickModePolicy + SpiAllocator> Policy for T {}

/// True when the responder's lifetime `local` is acceptable against the initiator's
/// `offered` under DESIGN §3.5: always in lenient mode, only when `local` is at most
/// `offered` in every dimension the initiator limits in strict mode.
#[must_use]
pub fn lifetime_acceptable(local: &Lifetime, offered: &Lifetime, strict: bool) -> bool {
    !strict || local.within(offered)
}

/// The responder's phase-1 choice (DESIGN §3.4): its own policies in priority order, and for
/// each the initiator's offers in order; the first pair with the same encryption, hash,
/// authentication method and group, and an acceptable lifetime ([`lifetime_acceptable`]),
/// wins. Returns the index of the chosen offer and the lifetime to use (the shorter of the
/// two, DESIGN §3.5).
#[must_use]
pub fn select_phase1(
    local: &[Phase1Transform],
    offered: &[Phase1Transform],
    strict_lifetime: bool,
) -> Option<(usize, Lifetime)> {
    local.iter().find_map(|ours| {
        offered.iter().enumerate().find_map(|(index, theirs)| {
            let same = ours.encryption == theirs.encryption
                && ours.prf == theirs.prf
                && ours.authentication == theirs.authentication
                && ours.group == theirs.group;
            (same && lifetime_acceptable(&ours.lifetime, &theirs.lifetime, strict_lifetime))
                .then(|| (index, theirs.lifetime.min(ours.lifetime)))
        })
    })
}

/// A responder's local Quick Mode settings, for [`select_quick_mode`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct QuickModeLocal<'a> {
    /// Acceptable transform sets.
    pub transform_sets: &'a [TransformSet],
    /// Local PFS group (DESIGN §3.10).
    pub pfs: Option<DhGroup>,
    /// Local lifetime.
    pub lifetime: Lifetime,
    /// DESIGN §3.5 strict lifetime matching.
    pub strict_lifetime: bool,
    /// Accept transport mode (tunnel mode is always accepted).
    pub allow_transport: bool,
}

/// The Quick Mode matching rule for responders: the peer's proposals in the peer's order,
/// and the first one that uses one of the local transform sets, an acceptable mode, an
/// acceptable PFS group (DESIGN §3.10: with local PFS the peer must use that group; without,
/// a peer's PFS offer is accepted) and an acceptable lifetime (DESIGN §3.5) wins, with the
/// shorter lifetime. IOS walks the initiator's proposals first in phase 2 (unlike the ISAKMP
/// policies of [`select_phase1`]).
///
/// # Errors
/// NO-PROPOSAL-CHOSEN when no proposal is acceptable.
pub fn select_quick_mode(
    local: &QuickModeLocal<'_>,
    proposals: &[OfferedProposal],
) -> Result<QuickModeChoice, NotifyType> {
    proposals
        .iter()
        .enumerate()
        .find_map(|(index, p)| {
            let set_ok = local.transform_sets.contains(&p.transform);
            let mode_ok = p.mode == EncapsulationMode::Tunnel || local.allow_transport;
            let pfs_ok = match local.pfs {
                Some(group) => p.pfs == Some(group),
                None => true,
            };
            let life_ok = lifetime_acceptable(&local.lifetime, &p.lifetime, local.strict_lifetime);
            (set_ok && mode_ok && pfs_ok && life_ok)
                .then(|| QuickModeChoice { proposal: index, lifetime: p.lifetime.min(local.lifetime) })
        })
        .ok_or(NotifyType::NoProposalChosen)
}

/// Which peers a pre-shared key is for (DESIGN §3.11).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PskSelector {
    /// One peer address (`crypto isakmp key K address A`).
    Address(IpAddr),
    /// An address prefix (`... address A M`); prefix length 0 is the `0.0.0.0 0.0.0.0`
    /// wildcard.
    Prefix(IpAddr, u8),
    /// A peer identity (`crypto isakmp key K hostname H`, key-ids), used when the identity is
    /// known before the key is needed (Aggressive Mode).
    Identity(Identity),
}

/// A pre-shared key and the peers it is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PskEntry {
    /// Which peers.
    pub selector: PskSelector,
    /// The key.
    pub key: SecretBytes,
}

fn prefix_contains(net: IpAddr, len: u8, addr: IpAddr) -> bool {
    TrafficSelector::prefix(net, len).is_some_and(|ts| ts.contains_addr(addr))
}

/// A policy in plain fields, for tests and embedders without a configuration model.
///
/// * Phase 1: [`phase1`](Self::phase1) in priority order, [`mode`](Self::mode) as
///   initiator, [`allow_aggressive`](Self::allow_aggressive) as responder.
/// * Keys: [`psks`](Self::psks), looked up as DESIGN §3.11 says: an identity entry when the
///   identity is known, then the exact address, the longest matching prefix, the wildcard.
/// * Identity: [`identity`](Self::identity), or the local address when `None`;
///   [`peer_identities`](Self::peer_identities) restricts the peers' (empty = any).
/// * Quick Mode: [`transform_sets`](Self::transform_sets), [`pfs`](Self::pfs),
///   [`lifetime`](Self::lifetime), [`mode_offered`](Self::mode_offered); as responder
///   [`select_quick_mode`] with [`allow_transport`](Self::allow_transport), and proxies
///   accepted when both sides are subsets of one of [`proxies`](Self::proxies) (DESIGN §3.8;
///   empty = any), else INVALID-ID-INFORMATION.
/// * SPIs: random, never two alike at once.
#[derive(Clone, Debug, Default)]
pub struct SimplePolicy {
    /// Initiator's phase-1 exchange.
    pub mode: Phase1Mode,
    /// Answer Aggressive Mode.
    pub allow_aggressive: bool,
    /// ISAKMP policies, highest priority first.
    pub phase1: Vec<Phase1Transform>,
    /// Pre-shared keys.
    pub psks: Vec<PskEntry>,
    /// Our phase-1 identity (`None`: the local address).
    pub identity: Option<Identity>,
    /// Acceptable peer identities (empty: any).
    pub peer_identities: Vec<Identity>,
    /// ESP transform sets, in order.
    pub transform_sets: Vec<TransformSet>,
    /// PFS group.
    pub pfs: Option<DhGroup>,
    /// IPsec SA lifetime.
    pub lifetime: Lifetime,
    /// Mode offered as initiator.
    pub mode_offered: EncapsulationMode,
    /// Accept transport mode as responder.
    pub allow_transport: bool,
    /// DESIGN §3.5 strict lifetimes in Quick Mode.
    pub strict_lifetime: bool,
    /// Acceptable proxy pairs as responder, from our side (empty: any).
    pub proxies: Vec<ProxyPair>,
    /// SPIs handed out and not released.
    allocated: BTreeSet<u32>,
}

impl SimplePolicy {
    /// A policy with one ISAKMP policy, one transform set and one key for every peer, Main
    /// Mode, Aggressive Mode accepted, the IOS default IPsec lifetime (DESIGN §3.2).
    #[must_use]
    pub fn new(phase1: Phase1Transform, transform_set: TransformSet, psk: &[u8]) -> Self {
        Self {
            mode: Phase1Mode::Main,
            allow_aggressive: true,
            phase1: alloc::vec![phase1],
            psks: alloc::vec![PskEntry {
                selector: PskSelector::Prefix(IpAddr::V4(core::net::Ipv4Addr::UNSPECIFIED), 0),
                key: SecretBytes::from_slice(psk),
            }],
            identity: None,
            peer_identities: Vec::new(),
            transform_sets: alloc::vec![transform_set],
            pfs: None,
            lifetime: Lifetime::IOS_DEFAULT,
            mode_offered: EncapsulationMode::Tunnel,
            allow_transport: true,
            strict_lifetime: false,
            proxies: Vec::new(),
            allocated: BTreeSet::new(),
        }
    }

    /// Number of SPIs currently allocated.
    #[must_use]
    pub fn allocated_spis(&self) -> usize {
        self.allocated.len()
    }
}

impl Phase1Policy for SimplePolicy {
    fn phase1_proposals(&self, _peer: IpAddr) -> Vec<Phase1Transform> {
        self.phase1.clone()
    }

    fn phase1_mode(&self, _peer: IpAddr) -> Phase1Mode {
        self.mode
    }

    fn accept_aggressive(&self, _peer: IpAddr) -> bool {
        self.allow_aggressive
    }
}

impl PskStore for SimplePolicy {
    fn pre_shared_key(&self, peer: IpAddr, identity: Option<&Identity>) -> Option<SecretBytes> {
        if let Some(id) = identity
            && let Some(e) = self.psks.iter().find(|e| matches!(&e.selector, PskSelector::Identity(i) if i == id))
        {
            return Some(e.key.clone());
        }
        if let Some(e) = self.psks.iter().find(|e| e.selector == PskSelector::Address(peer)) {
            return Some(e.key.clone());
        }
        self.psks
            .iter()
            .filter_map(|e| match e.selector {
                PskSelector::Prefix(net, len) if prefix_contains(net, len, peer) => Some((len, e)),
                _ => None,
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, e)| e.key.clone())
    }
}

impl IdentityPolicy for SimplePolicy {
    fn local_identity(&self, local: IpAddr, _peer: IpAddr) -> Identity {
        self.identity.clone().unwrap_or(match local {
            IpAddr::V4(a) => Identity::Ipv4(a),
            IpAddr::V6(a) => Identity::Ipv6(a),
        })
    }

    fn accept_peer_identity(&self, _peer: IpAddr, identity: &Identity) -> bool {
        self.peer_identities.is_empty() || self.peer_identities.contains(identity)
    }
}

impl QuickModePolicy for SimplePolicy {
    fn offer(&self, _peer: IpAddr, _proxies: &ProxyPair) -> Option<QuickModeOffer> {
        (!self.transform_sets.is_empty()).then(|| QuickModeOffer {
            transform_sets: self.transform_sets.clone(),
            pfs: self.pfs,
            lifetime: self.lifetime,
            mode: self.mode_offered,
        })
    }

    fn accept(&self, request: &QuickModeRequest<'_>) -> Result<QuickModeChoice, NotifyType> {
        let proxies_ok = self.proxies.is_empty()
            || self
                .proxies
                .iter()
                .any(|p| p.local.contains(&request.proxies.local) && p.remote.contains(&request.proxies.remote));
        if !proxies_ok {
            return Err(NotifyType::InvalidIdInformation);
        }
        let local = QuickModeLocal {
            transform_sets: &self.transform_sets,
            pfs: self.pfs,
            lifetime: self.lifetime,
            strict_lifetime: self.strict_lifetime,
            allow_transport: self.allow_transport,
        };
        select_quick_mode(&local, request.proposals)
    }
}

impl SpiAllocator for SimplePolicy {
    fn allocate_spi(&mut self, _protocol: SecurityProtocol, _peer: IpAddr, rng: &mut dyn CryptoRng) -> Option<Spi> {
        for _ in 0..64 {
            let value = rng.next_u32();
            if value > 255 && self.allocated.insert(value) {
                return Some(Spi(value));
            }
        }
        None
    }

    fn release_spi(&mut self, _protocol: SecurityProtocol, spi: Spi) {
        self.allocated.remove(&spi.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipsec_core::algorithm::{AesKeyLen, PrfAlgorithm};
    use ipsec_core::registry::ikev1::AuthenticationMethod;

    fn p1(enc: EncryptionAlgorithm, group: DhGroup, secs: u64) -> Phase1Transform {
        Phase1Transform {
            encryption: enc,
            prf: PrfAlgorithm::HmacSha1,
            authentication: AuthenticationMethod::PreSharedKey,
            group,
            lifetime: Lifetime { seconds: Some(secs), kilobytes: None, packets: None },
        }
    }

    #[test]
    fn design_3_4_vectors() {
        let tdes = EncryptionAlgorithm::TripleDesCbc;
        let aes = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
        // P1, P2
        assert_eq!(
            select_phase1(&[p1(tdes, DhGroup::Modp1024, 86400)], &[p1(tdes, DhGroup::Modp1024, 86400)], true)
                .map(|c| c.1.seconds),
            Some(Some(86400))
        );
        assert_eq!(
            select_phase1(&[p1(tdes, DhGroup::Modp1024, 14400)], &[p1(tdes, DhGroup::Modp1024, 86400)], true)
                .map(|c| c.1.seconds),
            Some(Some(14400))
        );
        // P3: strict refuses, lenient takes the shorter.
        assert_eq!(
            select_phase1(&[p1(tdes, DhGroup::Modp1024, 86400)], &[p1(tdes, DhGroup::Modp1024, 14400)], true),
            None
        );
        assert_eq!(
            select_phase1(&[p1(tdes, DhGroup::Modp1024, 86400)], &[p1(tdes, DhGroup::Modp1024, 14400)], false)
                .map(|c| c.1.seconds),
            Some(Some(14400))
        );
        // P4: the responder's priority wins.
        let offered = [p1(aes, DhGroup::Modp1536, 86400), p1(tdes, DhGroup::Modp1024, 86400)];
        let local = [p1(tdes, DhGroup::Modp1024, 86400), p1(aes, DhGroup::Modp1536, 86400)];
        assert_eq!(select_phase1(&local, &offered, false).map(|c| c.0), Some(1));
        // P6
        assert_eq!(select_phase1(&[], &offered, false), None);
    }

    #[test]
    fn psk_lookup_order() {
        let key = |k: &[u8]| SecretBytes::from_slice(k);
        let policy = SimplePolicy {
            psks: alloc::vec![
                PskEntry { selector: PskSelector::Prefix("0.0.0.0".parse().unwrap(), 0), key: key(b"wild") },
                PskEntry { selector: PskSelector::Prefix("10.0.0.0".parse().unwrap(), 8), key: key(b"eight") },
                PskEntry { selector: PskSelector::Prefix("10.1.0.0".parse().unwrap(), 16), key: key(b"sixteen") },
                PskEntry { selector: PskSelector::Address("10.1.2.3".parse().unwrap()), key: key(b"host") },
                PskEntry { selector: PskSelector::Identity(Identity::Fqdn("peer.example".into())), key: key(b"fqdn") },
            ],
            ..SimplePolicy::default()
        };
        let get = |a: &str, id: Option<&Identity>| policy.pre_shared_key(a.parse().unwrap(), id).unwrap();
        assert_eq!(get("10.1.2.3", None), key(b"host"));
        assert_eq!(get("10.1.9.9", None), key(b"sixteen"));
        assert_eq!(get("10.9.9.9", None), key(b"eight"));
        assert_eq!(get("192.0.2.1", None), key(b"wild"));
        assert_eq!(get("10.1.2.3", Some(&Identity::Fqdn("peer.example".into()))), key(b"fqdn"));
    }

    #[test]
    fn quick_mode_pfs_rule() {
        let set = TransformSet {
            encryption: EncryptionAlgorithm::TripleDesCbc,
            integrity: Some(IntegrityAlgorithm::HmacMd5_96),
        };
        let proposal = |pfs| OfferedProposal {
            number: 1,
            transform: set,
            mode: EncapsulationMode::Tunnel,
            udp_encapsulated: false,
            pfs,
            lifetime: Lifetime::new(28800, 4_608_000),
        };
        let sets = [set];
        let mut local = QuickModeLocal {
            transform_sets: &sets,
            pfs: Some(DhGroup::Modp1024),
            lifetime: Lifetime::IOS_DEFAULT,
            strict_lifetime: false,
            allow_transport: false,
        };
        assert_eq!(select_quick_mode(&local, &[proposal(None)]), Err(NotifyType::NoProposalChosen));
        assert_eq!(select_quick_mode(&local, &[proposal(Some(DhGroup::Modp1536))]), Err(NotifyType::NoProposalChosen));
        let choice = select_quick_mode(&local, &[proposal(Some(DhGroup::Modp1024))]).unwrap();
        assert_eq!(choice.lifetime, Lifetime::IOS_DEFAULT);
        local.pfs = None;
        assert!(select_quick_mode(&local, &[proposal(Some(DhGroup::Modp1536))]).is_ok());
        assert!(select_quick_mode(&local, &[proposal(None)]).is_ok());
        local.strict_lifetime = true;
        let short = OfferedProposal { lifetime: Lifetime::new(600, 4_608_000), ..proposal(None) };
        assert_eq!(select_quick_mode(&local, &[short]), Err(NotifyType::NoProposalChosen));
    }
}
