//! Responder entry selection (DESIGN §3.9-3.10): which entry, if any, accepts a peer's phase-2
//! request, with what transforms, PFS group, mode and lifetime.
//!
//! The candidates are the static entries in sequence order, then the entries of the dynamic
//! map sets the set references (ASA guide 000:503, 001:660-662; IOS guide 003:730). The first
//! candidate that passes every test wins:
//!
//! 1. it is an `ipsec-isakmp` entry (negotiation is only for those, IOS guide 003:552) and, if
//!    static, complete;
//! 2. a **permit** ACE of its list covers the proposed flow — the proposal may be a **subset**
//!    of the permit, not only equal to it (IOS guide 003:622-624 Case 3; the ASA A/B/C example
//!    only works that way, seeds-asa.md §5.8 A6); deny ACEs are ignored (ASA guide 000:534,
//!    000:584). A dynamic entry without an ACL accepts any flow (000:865, 003:937);
//! 3. its peer list contains the peer (ASA guide 000:508). A dynamic entry needs no peer; when
//!    it does list peers (`set peer` is optional and rare there, 003:943-947) the list is
//!    honoured, a refinement of DESIGN §3.9 (a configured list is a restriction the operator
//!    wrote);
//! 4. it shares a transform set with the offer: the entry's sets in its order of preference,
//!    for each the peer's proposals in the peer's order (000:792, 003:644);
//! 5. PFS fits (DESIGN §3.10): with `set pfs GROUP` the peer must do PFS with that group, else
//!    NO-PROPOSAL-CHOSEN (000:809 "require PFS in requests received"); without it, a peer's PFS
//!    offer is accepted;
//! 6. the mode fits (DESIGN §3.14; ASA 9.x guide 001:1100-1104).
//!
//! IKEv2 traffic selectors are not narrowed (RFC 7296 §2.9 allows it; the guides describe only
//! the subset rule): a proposal that is not inside a permit is refused with `TS_UNACCEPTABLE`.
//!
//! The SA lifetime is the shorter of the proposed and the local one (ASA guide 000:711, IOS
//! guide 003:530), announced with RESPONDER-LIFETIME when ours is shorter (DESIGN §3.5, RFC 2407
//! §4.6.3.1). IKEv2 does not negotiate child SA lifetimes (RFC 7296 §2.8): each side keeps its
//! own.

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use ipsec_core::algorithm::DhGroup;
use ipsec_core::types::{EncapsulationMode, Identity, Lifetime, Proposal, TrafficSelector, TransformSelection};

use super::entries::{
    AceRef, AclRef, ChildOffer, EntryKey, EntryRole, Resolved, Slot, child_offer, endpoints_are_peers, entry_lifetime,
    entry_pfs, find_map_for, local_address, offered_names, slots,
};
use crate::model::{Config, ConnectionType, IkeVersion, Peer};

/// One proposal of the peer's phase-2 offer, in protocol-neutral form. IKEv1: one quick-mode
/// proposal (an ESP and/or AH transform, one value per type, with its lifetime and mode);
/// IKEv2: one `CREATE_CHILD_SA` / `IKE_AUTH` proposal (lists allowed; mode from
/// `USE_TRANSPORT_MODE`; no lifetime).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfferedProposal {
    /// ESP transforms; the PFS group(s), if any, in `dh_groups`.
    pub esp: Option<Proposal>,
    /// AH transforms; the PFS group(s), if any, in `dh_groups`.
    pub ah: Option<Proposal>,
    /// IPComp offered alongside.
    pub ipcomp: bool,
    /// The encapsulation mode asked for.
    pub mode: EncapsulationMode,
    /// The proposed lifetime (IKEv1); [`Lifetime::UNLIMITED`] when none is proposed.
    pub lifetime: Lifetime,
}

impl OfferedProposal {
    /// The PFS groups the proposal carries (none: no PFS).
    #[must_use]
    pub fn pfs_groups(&self) -> &[DhGroup] {
        match (&self.esp, &self.ah) {
            (Some(p), _) if !p.dh_groups.is_empty() => &p.dh_groups,
            (_, Some(p)) => &p.dh_groups,
            _ => &[],
        }
    }
}

/// A peer's phase-2 request as the responder sees it.
#[derive(Clone, Copy, Debug)]
pub struct ResponderRequest<'a> {
    /// IKE version of the exchange.
    pub version: IkeVersion,
    /// The peer's address.
    pub peer: IpAddr,
    /// The peer's phase-1 identity, for `set peer HOSTNAME` entries.
    pub peer_identity: Option<&'a Identity>,
    /// The initiator's end of the proposed flow (its local proxy; our remote side).
    pub initiator_side: TrafficSelector,
    /// Our end of the proposed flow (the initiator's remote proxy; our local side).
    pub responder_side: TrafficSelector,
    /// The proposals, in the peer's order.
    pub proposals: &'a [OfferedProposal],
}

/// The accepted request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The entry chosen.
    pub entry: EntryKey,
    /// Its line.
    pub entry_line: u32,
    /// Static or dynamic.
    pub role: EntryRole,
    /// The permit ACE that covers the flow (`None`: a dynamic entry without an ACL).
    pub ace: Option<AceRef>,
    /// The SA's flow `(local, remote)`: the proposed proxies, unchanged.
    pub flow: (TrafficSelector, TrafficSelector),
    /// The transform set (or IKEv2 IPsec proposal) that matched.
    pub transform_set: String,
    /// Index of the peer's proposal that matched.
    pub proposal_index: usize,
    /// The ESP transforms chosen.
    pub esp: Option<TransformSelection>,
    /// The AH transforms chosen.
    pub ah: Option<TransformSelection>,
    /// IPComp.
    pub ipcomp: bool,
    /// The PFS group of the exchange, if any.
    pub pfs: Option<DhGroup>,
    /// The mode.
    pub mode: EncapsulationMode,
    /// The SA's lifetime.
    pub lifetime: Lifetime,
    /// The lifetime to announce in a RESPONDER-LIFETIME notify (IKEv1), when ours is shorter
    /// than the proposed one in some dimension.
    pub responder_lifetime: Option<Lifetime>,
    /// The entry's configured peers (failover list).
    pub peers: Vec<Peer>,
}

/// Why one entry did not accept the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// A manual or CET entry: never negotiated (IOS guide 003:552).
    NotNegotiated,
    /// A static entry without ACL or peer.
    IncompleteEntry,
    /// The entry's list is missing or empty: it accepts nothing (IOS guide 003:937).
    AclNotDefined(String),
    /// No permit ACE covers the proposed flow.
    ProxyNotCovered,
    /// The peer is not in the entry's peer list.
    PeerNotListed,
    /// ASA `set connection-type originate-only`: the entry never responds.
    OriginateOnly,
    /// No transform set in common (or none defined).
    NoCommonTransform,
    /// The mode asked for cannot be given (IKEv1 transport for a flow that is not between the
    /// peers or a tunnel-only set; IKEv2 tunnel against `transport-require`, 001:1103).
    ModeMismatch,
    /// `set pfs GROUP` and the peer does not do PFS with that group (DESIGN §3.10).
    PfsRequired {
        /// Our group.
        group: DhGroup,
        /// The groups the peer offered.
        offered: Vec<DhGroup>,
    },
}

impl Rejection {
    const fn stage(&self) -> u8 {
        match self {
            Self::NotNegotiated | Self::IncompleteEntry | Self::AclNotDefined(_) | Self::ProxyNotCovered => 0,
            Self::PeerNotListed | Self::OriginateOnly => 1,
            Self::NoCommonTransform => 2,
            Self::ModeMismatch => 3,
            Self::PfsRequired { .. } => 4,
        }
    }
}

/// The notify a refused request gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// The crypto map set does not exist.
    NoSuchMap,
    /// No entry's ACL covers the proposed proxies: IKEv1 INVALID-ID-INFORMATION (RFC 2408
    /// §3.14.1), IKEv2 `TS_UNACCEPTABLE` (RFC 7296 §3.10.1).
    InvalidIdInformation,
    /// The flow is covered but not for this peer.
    PeerNotConfigured,
    /// Covered and for this peer, but no transform set, PFS group or mode fits:
    /// NO-PROPOSAL-CHOSEN.
    NoProposalChosen,
}

/// A refused request: the notify and why each entry said no.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// What to tell the peer.
    pub refusal: Refusal,
    /// Every candidate entry and its reason, in the order tried.
    pub rejections: Vec<(EntryKey, Rejection)>,
}

/// The entry of `map` that accepts `request`, and the negotiated parameters (DESIGN §3.9).
///
/// # Errors
/// [`Refused`] with the notify to send and each candidate's reason.
pub fn select_responder(config: &Config, map: &str, request: &ResponderRequest<'_>) -> Result<Accepted, Refused> {
    let Some(set) = find_map_for(config, map, !request.responder_side.is_ipv4()) else {
        return Err(Refused { refusal: Refusal::NoSuchMap, rejections: Vec::new() });
    };
    let all: Vec<Resolved<'_>> = slots(config, set)
        .into_iter()
        .filter_map(|s| match s {
            Slot::Entry(r) => Some(r),
            Slot::MissingDynamic(..) => None,
        })
        .collect();
    let (dynamic, fixed): (Vec<Resolved<'_>>, Vec<Resolved<'_>>) =
        all.into_iter().partition(|r| r.role() == EntryRole::Dynamic);
    let mut rejections = Vec::new();
    for r in fixed.iter().chain(dynamic.iter()) {
        match try_entry(config, r, request) {
            Ok(a) => return Ok(a),
            Err(why) => rejections.push((r.key(), why)),
        }
    }
    let furthest = rejections.iter().map(|(_, r)| r.stage()).max().unwrap_or(0);
    let refusal = match furthest {
        0 => Refusal::InvalidIdInformation,
        1 => Refusal::PeerNotConfigured,
        _ => Refusal::NoProposalChosen,
    };
    Err(Refused { refusal, rejections })
}

fn peer_listed(peers: &[(Peer, u32)], addr: IpAddr, identity: Option<&Identity>) -> bool {
    peers.iter().any(|(p, _)| match p {
        Peer::Address(a) => *a == addr,
        Peer::Hostname(h) => matches!(identity, Some(Identity::Fqdn(f)) if f.eq_ignore_ascii_case(h)),
    })
}

fn try_entry(config: &Config, r: &Resolved<'_>, req: &ResponderRequest<'_>) -> Result<Accepted, Rejection> {
    let role = r.role();
    let settings = r.settings();
    if matches!(role, EntryRole::Manual | EntryRole::Cisco) {
        return Err(Rejection::NotNegotiated);
    }
    let local = req.responder_side;
    let remote = req.initiator_side;
    let ace = match r.acl(config) {
        AclRef::None if role == EntryRole::Dynamic => None,
        AclRef::None => return Err(Rejection::IncompleteEntry),
        AclRef::Missing(name) => return Err(Rejection::AclNotDefined(name.into())),
        AclRef::Found(name, list) => {
            let i = list.permit_covering(&local, &remote).ok_or(Rejection::ProxyNotCovered)?;
            list.ace(i).map(|a| AceRef::new(name, i, a))
        }
    };
    if role == EntryRole::Isakmp && settings.peers.is_empty() {
        return Err(Rejection::IncompleteEntry);
    }
    let peer_required = role == EntryRole::Isakmp || !settings.peers.is_empty();
    if peer_required && !peer_listed(&settings.peers, req.peer, req.peer_identity) {
        return Err(Rejection::PeerNotListed);
    }
    if matches!(settings.connection_type, Some((ConnectionType::OriginateOnly, _))) {
        return Err(Rejection::OriginateOnly);
    }
    let flow = (local, remote);
    let can_transport = endpoints_are_peers(&flow, local_address(config, &r.set.name), Some(req.peer));
    let pfs = entry_pfs(settings);
    let mut best = Rejection::NoCommonTransform;
    for name in offered_names(config, settings, req.version) {
        let Some(ours) = child_offer(config, &name, req.version) else { continue };
        if ours.legacy {
            continue;
        }
        let from_proposal = req.version == IkeVersion::V2 && config.ipsec_proposals.iter().any(|p| p.name == name);
        for (index, theirs) in req.proposals.iter().enumerate() {
            let Some((esp, ah)) = transforms_match(&ours, theirs) else { continue };
            let outcome = mode_for(req.version, &ours, from_proposal, settings.ikev2_mode, theirs.mode, can_transport)
                .and_then(|mode| pfs_for(pfs, theirs.pfs_groups()).map(|group| (mode, group)));
            let (mode, group) = match outcome {
                Ok(v) => v,
                Err(why) => {
                    if why.stage() > best.stage() {
                        best = why;
                    }
                    continue;
                }
            };
            let ours_life = entry_lifetime(config, settings);
            let (lifetime, responder_lifetime) = match req.version {
                IkeVersion::V1 => {
                    let l = theirs.lifetime.min(ours_life);
                    (l, (l != theirs.lifetime).then_some(l))
                }
                IkeVersion::V2 => (ours_life, None),
            };
            return Ok(Accepted {
                entry: r.key(),
                entry_line: r.line(),
                role,
                ace,
                flow,
                transform_set: name,
                proposal_index: index,
                esp: esp.map(|s| TransformSelection { dh_group: group, ..s }),
                ah: ah.map(|s| TransformSelection { dh_group: group, ..s }),
                ipcomp: ours.ipcomp,
                pfs: group,
                mode,
                lifetime,
                responder_lifetime,
                peers: r.peers(),
            });
        }
    }
    Err(best)
}

/// The per-protocol selections when `theirs` offers exactly the protocols of `ours` with
/// common algorithms (PFS groups are judged separately).
type Selections = (Option<TransformSelection>, Option<TransformSelection>);

fn transforms_match(ours: &ChildOffer, theirs: &OfferedProposal) -> Option<Selections> {
    if ours.ipcomp != theirs.ipcomp {
        return None;
    }
    let one = |a: &Option<Proposal>, b: &Option<Proposal>| -> Option<Option<TransformSelection>> {
        match (a, b) {
            (None, None) => Some(None),
            (Some(a), Some(b)) => {
                let strip = |p: &Proposal| Proposal { dh_groups: Vec::new(), prf: Vec::new(), ..p.clone() };
                strip(a).select(&strip(b)).map(Some)
            }
            _ => None,
        }
    };
    Some((one(&ours.esp, &theirs.esp)?, one(&ours.ah, &theirs.ah)?))
}

/// DESIGN §3.10: with `set pfs GROUP` the peer's proposal must carry that group (PIX command
/// reference \[EXT\]: "the peer's offer must include group2"; ASA guide 000:809 "require PFS");
/// without it the peer's first offered group is accepted — every group of the `ipsec-core`
/// catalogue is supported, and an offer without PFS means no PFS.
fn pfs_for(ours: Option<DhGroup>, offered: &[DhGroup]) -> Result<Option<DhGroup>, Rejection> {
    match ours {
        Some(g) if offered.contains(&g) => Ok(Some(g)),
        Some(g) => Err(Rejection::PfsRequired { group: g, offered: offered.to_vec() }),
        None => Ok(offered.first().copied()),
    }
}

/// The mode for an offer (DESIGN §3.14; ASA 9.x guide 001:1082-1104).
///
/// IKEv1: a tunnel request is always acceptable; a transport request needs a `mode transport`
/// set and a flow between the peers themselves (IOS guide 003:667-669), else this proposal
/// does not match. IKEv2: the responder answers a transport request with tunnel unless it is
/// configured for transport and the flow allows it (001:1100-1101); `transport-require`
/// refuses a tunnel request (001:1103).
fn mode_for(
    version: IkeVersion,
    ours: &ChildOffer,
    from_proposal: bool,
    ikev2_mode: Option<(EncapsulationMode, bool, u32)>,
    offered: EncapsulationMode,
    can_transport: bool,
) -> Result<EncapsulationMode, Rejection> {
    use EncapsulationMode::{Transport, Tunnel};
    let (configured, require) = match (version, ikev2_mode) {
        (IkeVersion::V2, Some((m, require, _))) => (m, require && m == Transport),
        (IkeVersion::V2, None) if from_proposal => (Tunnel, false),
        _ => (ours.mode, false),
    };
    let transport_ok = configured == Transport && can_transport;
    match (version, offered) {
        (_, Transport) if transport_ok => Ok(Transport),
        (IkeVersion::V1, Transport) => Err(Rejection::ModeMismatch),
        _ if require => Err(Rejection::ModeMismatch),
        _ => Ok(Tunnel),
    }
}
