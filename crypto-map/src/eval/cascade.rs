//! The crypto ACL cascade, outbound (DESIGN §3.7) and for inbound cleartext (DESIGN §3.8), with
//! a trace of every step for `ipsec-conf trace`; and the post-decryption check.
//!
//! Outbound, the entries of the set are visited in sequence order, a `dynamic` reference
//! expanding into the dynamic map set's entries at its position (ASA guide 000:863-865). In each
//! entry the first matching ACE decides: `permit` protects the packet with this entry and stops
//! the walk, `deny` leaves the entry and the walk goes on with the next one (ASA guide
//! 000:522-527, IOS guide 003:582). No permit anywhere: the packet is sent in clear (000:527).
//! Reaching an incomplete static entry (no ACL or no peer) drops the packet (000:692, DESIGN
//! §3.7 reading of ambiguity A14). A dynamic entry without an ACL is ignored in traffic filtering
//! (IOS guide 003:966, PIX guide 004:458); one whose ACL is missing or empty drops everything
//! (003:937, 002:324). Only the first permit of a manual entry's ACL counts (003:601).
//!
//! Inbound cleartext packets run the same walk over the mirrored lists (IOS guide 003:584-592):
//! a packet the walk would protect should have arrived encrypted and is dropped (003:604, ASA
//! guide 000:650); one it would bypass passes in clear, so deny ACEs placed before the permits
//! let chosen traffic in unencrypted (000:538).

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::net::IpAddr;

use ipsec_core::algorithm::DhGroup;
use ipsec_core::types::{EncapsulationMode, IpProtocol, Lifetime, TrafficSelector};
use policy_acl::{AccessList, Action, Packet, SelectorError, Verdict};

use super::entries::{
    AceRef, AclRef, ChildOffer, EntryKey, EntryRole, Resolved, Slot, child_offer, effective_mode, entry_lifetime,
    entry_pfs, find_map_for, first_address, local_address, offered_names, slots,
};
use super::responder::OfferedProposal;
use crate::model::{Config, ConnectionType, IkeVersion, Peer};

/// Which way a packet crosses the interface the crypto map set is bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Leaving: the ACLs as written.
    Outbound,
    /// Arriving in clear: the mirrored ACLs.
    Inbound,
}

/// What to do with a protected packet when the SA it needs does not exist yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OnMissingSa {
    /// Start IKE with the entry's peer; the trigger packet itself is dropped (DESIGN §3.1).
    Negotiate,
    /// Drop: dynamic entries never initiate (ASA guide 000:861, IOS guide 003:908), manual
    /// entries have their SAs from configuration (003:408), and ASA `set connection-type
    /// answer-only` entries only respond.
    Drop,
}

/// The outbound verdict for one packet (DESIGN §3.7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Protect with this entry.
    Protect(Box<Protect>),
    /// No permit ACE anywhere in the set: send in clear (ASA guide 000:527, IOS guide 003:582).
    Bypass,
    /// Drop.
    Drop(DropReason),
}

/// Everything the data path and IKE need to protect a packet: the entry, the permit ACE, the
/// flow the SA covers and the entry's negotiation parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protect {
    /// The entry that protects the packet.
    pub entry: EntryKey,
    /// Its role (static IKE, manual, dynamic).
    pub role: EntryRole,
    /// The entry's line.
    pub entry_line: u32,
    /// The permit ACE that matched.
    pub ace: AceRef,
    /// The SA's flow `(local, remote)`: the permit ACE's selectors (the first matching permit
    /// sets the SA's scope, ASA guide 000:678, IOS guide 003:598), or the exact host pair with
    /// `set security-association level per-host` (003:861-869).
    pub flow: (TrafficSelector, TrafficSelector),
    /// True when `per-host` narrowed the flow.
    pub per_host: bool,
    /// `set transform-set` names in preference order.
    pub transform_sets: Vec<String>,
    /// ASA 9.x `set ikev2 ipsec-proposal` names in preference order.
    pub ikev2_proposals: Vec<String>,
    /// The IKEv1 offer: one [`ChildOffer`] per defined transform set, in preference order, with
    /// the PFS group and the mode of DESIGN §3.14 applied.
    pub ikev1_offers: Vec<ChildOffer>,
    /// The IKEv2 offer: the IPsec proposals (or the transform sets on IOS-XE), likewise.
    pub ikev2_offers: Vec<ChildOffer>,
    /// ASA `set ikev2 mode transport-require`: transport or nothing (ASA 9.x guide 001:1092).
    pub transport_required: bool,
    /// Peers in failover order (DESIGN §3.13).
    pub peers: Vec<Peer>,
    /// `set pfs` group.
    pub pfs: Option<DhGroup>,
    /// The lifetime the SA is proposed with (entry override on the global value).
    pub lifetime: Lifetime,
    /// What to do while no SA exists.
    pub on_missing_sa: OnMissingSa,
}

impl Protect {
    /// The phase-2 proposals an initiator sends for this decision, in the entry's order of
    /// preference: one per transform set (IKEv1) or IPsec proposal (IKEv2), with the PFS group,
    /// the mode and, for IKEv1, the entry's lifetime (ASA guide 000:711, IOS guide 003:530;
    /// IKEv2 does not negotiate it, RFC 7296 §2.8).
    #[must_use]
    pub fn proposals(&self, version: IkeVersion) -> Vec<OfferedProposal> {
        let (offers, lifetime) = match version {
            IkeVersion::V1 => (&self.ikev1_offers, self.lifetime),
            IkeVersion::V2 => (&self.ikev2_offers, Lifetime::UNLIMITED),
        };
        offers
            .iter()
            .map(|o| OfferedProposal { esp: o.esp.clone(), ah: o.ah.clone(), ipcomp: o.ipcomp, mode: o.mode, lifetime })
            .collect()
    }
}

/// Why a packet is dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DropReason {
    /// The cause.
    pub cause: DropCause,
    /// The entry where evaluation stopped, if any.
    pub entry: Option<EntryKey>,
    /// The ACE that decided, if any.
    pub ace: Option<AceRef>,
}

/// The causes of a drop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DropCause {
    /// The named crypto map set does not exist.
    NoSuchMap,
    /// A static entry without `match address` or without `set peer`: everything reaching it
    /// is dropped (ASA guide 000:692, 001:841; DESIGN §3.7).
    IncompleteEntry {
        /// The entry has no `match address`.
        no_acl: bool,
        /// The entry has no `set peer`.
        no_peer: bool,
    },
    /// `match address` names a list that does not exist or is empty: the device drops all
    /// packets (IOS guide 003:937, IOS-XE guide 002:324).
    AclNotDefined(String),
    /// An inbound cleartext packet that the mirrored cascade would protect: it should have
    /// arrived encrypted (IOS guide 003:604, ASA guide 000:650).
    ShouldHaveBeenEncrypted,
    /// A permit in an IOS `cisco` (CET) entry: CET is out of scope (IOS guide 003:404).
    CetNotSupported,
    /// The permit ACE has no selector form (e.g. a wildcard that splits into too many ranges).
    NoSelector(SelectorError),
}

impl fmt::Display for DropCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoSuchMap => f.write_str("no such crypto map set"),
            Self::IncompleteEntry { no_acl, no_peer } => {
                let what = match (no_acl, no_peer) {
                    (true, true) => "no match address and no set peer",
                    (true, false) => "no match address",
                    _ => "no set peer",
                };
                write!(f, "incomplete entry ({what}): traffic reaching it is dropped")
            }
            Self::AclNotDefined(name) => write!(f, "access-list {name} is not defined or empty: all packets dropped"),
            Self::ShouldHaveBeenEncrypted => {
                f.write_str("cleartext packet matches a mirrored permit: it should have arrived encrypted")
            }
            Self::CetNotSupported => f.write_str("permit in a `cisco` (CET) entry: CET is not supported"),
            Self::NoSelector(e) => write!(f, "the permit ACE has no selector form: {e}"),
        }
    }
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.cause.fmt(f)?;
        if let Some(e) = &self.entry {
            write!(f, " ({e})")?;
        }
        Ok(())
    }
}

/// The inbound verdict for a cleartext packet (DESIGN §3.8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InboundDecision {
    /// No mirrored permit decided: the packet passes in clear.
    PassClear,
    /// Dropped (usually [`DropCause::ShouldHaveBeenEncrypted`]).
    Drop(DropReason),
}

/// What happened at one entry of the walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepEvent {
    /// An ACE matched; for inbound packets `mirrored` is the mirror image that matched. A
    /// `deny` leaves the entry; a `permit` ends the walk.
    Matched {
        /// The ACE as written.
        ace: AceRef,
        /// The mirrored ACE (inbound).
        mirrored: Option<String>,
        /// Its action.
        action: Action,
    },
    /// No ACE of the entry's list matched: next entry.
    NoAceMatched,
    /// The ACE that matched comes after the first permit of a manual entry's list, so it is
    /// ignored (IOS guide 003:601): next entry.
    ManualAceIgnored(AceRef),
    /// A dynamic entry without `match address`: ignored in traffic filtering (IOS guide 003:966).
    NoAcl,
    /// `ipsec-isakmp dynamic NAME` names an undefined dynamic map set: nothing to evaluate.
    DynamicMapMissing(String),
    /// The walk stops here with a drop.
    Stop(DropCause),
}

/// One step of a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceStep {
    /// The entry visited.
    pub entry: EntryKey,
    /// Its line.
    pub line: u32,
    /// The entry's `match address`, if any.
    pub acl: Option<String>,
    /// What happened.
    pub event: StepEvent,
}

/// A packet's whole walk through a crypto map set: what `ipsec-conf trace` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// The crypto map set.
    pub map: String,
    /// The direction.
    pub direction: Direction,
    /// The packet as given.
    pub packet: Packet,
    /// Every entry visited, in order.
    pub steps: Vec<TraceStep>,
    /// The verdict. Inbound, [`Decision::Bypass`] means "passes in clear" and
    /// [`Decision::Protect`] never occurs (a would-be protect is a drop).
    pub decision: Decision,
}

/// The outbound verdict for `packet` leaving through the interface `map` is bound to (DESIGN
/// §3.7).
#[must_use]
pub fn outbound(config: &Config, map: &str, packet: &Packet) -> Decision {
    cascade(config, map, packet, Direction::Outbound, None)
}

/// The verdict for a cleartext `packet` arriving on the interface `map` is bound to (DESIGN
/// §3.8).
#[must_use]
pub fn inbound(config: &Config, map: &str, packet: &Packet) -> InboundDecision {
    match cascade(config, map, packet, Direction::Inbound, None) {
        Decision::Drop(r) => InboundDecision::Drop(r),
        Decision::Bypass | Decision::Protect(_) => InboundDecision::PassClear,
    }
}

/// [`outbound`] or [`inbound`] with every step recorded.
#[must_use]
pub fn trace(config: &Config, map: &str, packet: &Packet, direction: Direction) -> Trace {
    let mut steps = Vec::new();
    let decision = cascade(config, map, packet, direction, Some(&mut steps));
    Trace { map: map.to_string(), direction, packet: *packet, steps, decision }
}

/// The packet with source and destination (and their ports) swapped: matching it against a
/// list is matching the packet against the list's mirror image.
pub(crate) fn swapped(p: &Packet) -> Packet {
    Packet { src: p.dst, dst: p.src, src_port: p.dst_port, dst_port: p.src_port, ..*p }
}

fn cascade(
    config: &Config,
    map: &str,
    packet: &Packet,
    direction: Direction,
    mut steps: Option<&mut Vec<TraceStep>>,
) -> Decision {
    let Some(set) = find_map_for(config, map, packet.dst.is_ipv6()) else {
        return Decision::Drop(DropReason { cause: DropCause::NoSuchMap, entry: None, ace: None });
    };
    let key_packet = match direction {
        Direction::Outbound => *packet,
        Direction::Inbound => swapped(packet),
    };
    let mut record = |step: TraceStep| {
        if let Some(s) = steps.as_deref_mut() {
            s.push(step);
        }
    };
    for slot in slots(config, set) {
        let r = match slot {
            Slot::MissingDynamic(entry, name) => {
                record(TraceStep {
                    entry: EntryKey { map: set.name.clone(), seq: entry.seq, dynamic: None },
                    line: entry.line,
                    acl: None,
                    event: StepEvent::DynamicMapMissing(name.to_string()),
                });
                continue;
            }
            Slot::Entry(r) => r,
        };
        let role = r.role();
        let acl = r.acl(config);
        let acl_name = r.settings().match_address.as_ref().map(|(n, _)| n.clone());
        let step = |event: StepEvent| TraceStep { entry: r.key(), line: r.line(), acl: acl_name.clone(), event };
        let stop =
            |cause: DropCause, ace: Option<AceRef>| Decision::Drop(DropReason { cause, entry: Some(r.key()), ace });
        let no_peer = r.settings().peers.is_empty();
        let list: &AccessList = match (acl, role) {
            (AclRef::Found(_, list), EntryRole::Dynamic | EntryRole::Cisco) => list,
            (AclRef::Found(_, list), EntryRole::Isakmp | EntryRole::Manual) if !no_peer => list,
            (AclRef::None, EntryRole::Dynamic | EntryRole::Cisco) => {
                record(step(StepEvent::NoAcl));
                continue;
            }
            (AclRef::Missing(name), EntryRole::Dynamic | EntryRole::Cisco) => {
                let cause = DropCause::AclNotDefined(name.to_string());
                record(step(StepEvent::Stop(cause.clone())));
                return stop(cause, None);
            }
            (AclRef::Missing(name), _) if !no_peer => {
                let cause = DropCause::AclNotDefined(name.to_string());
                record(step(StepEvent::Stop(cause.clone())));
                return stop(cause, None);
            }
            _ => {
                let cause = DropCause::IncompleteEntry { no_acl: matches!(acl, AclRef::None), no_peer };
                record(step(StepEvent::Stop(cause.clone())));
                return stop(cause, None);
            }
        };
        let list_name = acl_name.as_deref().unwrap_or_default();
        let (action, index) = match list.evaluate(&key_packet) {
            Verdict::NoMatch => {
                record(step(StepEvent::NoAceMatched));
                continue;
            }
            Verdict::Match { action, ace_index } => (action, ace_index),
        };
        let Some(ace) = list.ace(index) else {
            record(step(StepEvent::NoAceMatched));
            continue;
        };
        let ace_ref = AceRef::new(list_name, index, ace);
        if role == EntryRole::Manual && first_permit(list).is_some_and(|first| index > first) {
            record(step(StepEvent::ManualAceIgnored(ace_ref)));
            continue;
        }
        let mirrored = match direction {
            Direction::Outbound => None,
            Direction::Inbound => Some(ace.mirror().map_or_else(|_| ace.to_string(), |m| m.to_string())),
        };
        record(step(StepEvent::Matched { ace: ace_ref.clone(), mirrored, action }));
        if action == Action::Deny {
            continue;
        }
        if role == EntryRole::Cisco {
            return stop(DropCause::CetNotSupported, Some(ace_ref));
        }
        return match direction {
            Direction::Inbound => stop(DropCause::ShouldHaveBeenEncrypted, Some(ace_ref)),
            Direction::Outbound => match protect(config, &r, role, ace_ref.clone(), ace, packet) {
                Ok(p) => Decision::Protect(Box::new(p)),
                Err(e) => stop(DropCause::NoSelector(e), Some(ace_ref)),
            },
        };
    }
    Decision::Bypass
}

/// Index of the first permit ACE of `list`.
fn first_permit(list: &AccessList) -> Option<usize> {
    list.aces().position(|a| a.action == Action::Permit && !a.is_inactive())
}

/// The selector pair of `ace` that holds `packet` (an ACE naming object-groups has several).
pub(crate) fn flow_of(
    ace: &policy_acl::Ace,
    packet: &Packet,
) -> Result<(TrafficSelector, TrafficSelector), SelectorError> {
    let pairs = ace.to_traffic_selectors()?;
    let proto = IpProtocol(packet.protocol);
    let holds = |(l, r): &&(TrafficSelector, TrafficSelector)| {
        l.contains_addr(packet.src)
            && r.contains_addr(packet.dst)
            && (l.protocol().is_any() || l.protocol() == proto)
            && (r.protocol().is_any() || r.protocol() == proto)
    };
    pairs.iter().find(holds).or_else(|| pairs.first()).copied().ok_or(SelectorError::NotAnAddress)
}

/// The host pair of `packet` with the protocol and ports of `flow` (`per-host`).
fn host_pair(flow: &(TrafficSelector, TrafficSelector), packet: &Packet) -> (TrafficSelector, TrafficSelector) {
    let narrow = |ts: &TrafficSelector, addr: IpAddr| {
        TrafficSelector::new(addr, addr, ts.protocol(), ts.start_port(), ts.end_port()).unwrap_or(*ts)
    };
    (narrow(&flow.0, packet.src), narrow(&flow.1, packet.dst))
}

fn protect(
    config: &Config,
    r: &Resolved<'_>,
    role: EntryRole,
    ace: AceRef,
    list_ace: &policy_acl::Ace,
    packet: &Packet,
) -> Result<Protect, SelectorError> {
    let settings = r.settings();
    let mut flow = flow_of(list_ace, packet)?;
    let per_host = settings.per_host.is_some();
    if per_host {
        flow = host_pair(&flow, packet);
    }
    let peers = r.peers();
    let pfs = entry_pfs(settings);
    let local = local_address(config, &r.set.name);
    let peer = first_address(&peers);
    let ikev2_mode = settings.ikev2_mode.map(|(m, require, _)| (m, require));
    let build = |version: IkeVersion| -> Vec<ChildOffer> {
        offered_names(config, settings, version)
            .iter()
            .filter_map(|n| child_offer(config, n, version))
            .filter(|o| !o.legacy || role == EntryRole::Manual)
            .map(|o| {
                let from_proposal =
                    version == IkeVersion::V2 && config.ipsec_proposals.iter().any(|p| p.name == o.name);
                let configured = match (from_proposal, ikev2_mode) {
                    (true, Some((m, _))) => m,
                    (true, None) => EncapsulationMode::Tunnel,
                    (false, _) => o.mode,
                };
                let mode = effective_mode(configured, &flow, local, peer);
                ChildOffer { mode, ..o.with_pfs(pfs) }
            })
            .collect()
    };
    let answer_only = matches!(settings.connection_type, Some((ConnectionType::AnswerOnly, _)));
    let on_missing_sa = match role {
        EntryRole::Isakmp if !answer_only => OnMissingSa::Negotiate,
        _ => OnMissingSa::Drop,
    };
    Ok(Protect {
        entry: r.key(),
        role,
        entry_line: r.line(),
        ace,
        flow,
        per_host,
        transform_sets: settings.transform_sets.iter().map(|(n, _)| n.clone()).collect(),
        ikev2_proposals: settings.ikev2_proposals.iter().map(|(n, _)| n.clone()).collect(),
        ikev1_offers: build(IkeVersion::V1),
        ikev2_offers: build(IkeVersion::V2),
        transport_required: ikev2_mode.is_some_and(|(m, require)| require && m == EncapsulationMode::Transport),
        peers,
        pfs,
        lifetime: entry_lifetime(config, settings),
        on_missing_sa,
    })
}

/// The post-decryption verdict (DESIGN §3.8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostDecrypt {
    /// The inner packet belongs to the SA: route it. `ace` is the mirrored permit that covers
    /// it (`None` for a dynamic entry without an ACL, which accepts any flow, 000:865).
    Accept {
        /// The permit ACE (as written) whose mirror image matched.
        ace: Option<AceRef>,
    },
    /// The inner packet does not belong to the SA: drop it (ASA guide 000:532; with IKEv2 an
    /// `INVALID_SELECTORS` notify may follow, 001:293).
    Drop(PostDecryptDrop),
}

/// Why a decrypted packet is dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostDecryptDrop {
    /// The entry named does not exist in the set.
    UnknownEntry,
    /// The inner header is outside the SA's negotiated selectors (the proxy identities).
    OutsideSaSelectors,
    /// No permit ACE of the entry's list covers the inner header (deny ACEs are ignored).
    NoMirroredPermit,
    /// The entry's list is missing or empty.
    AclNotDefined(String),
}

/// The check on a packet after decryption (DESIGN §3.8; ASA guide 000:532-534, 000:584; PIX
/// guide 004:212): the inner header must be inside the SA's negotiated flow `sa_flow` (`(local,
/// remote)` as this device sees it; pass `None` to skip that part) and must match the mirror
/// image of a **permit** ACE of the SA's entry — deny ACEs are ignored, so the far side of a
/// cascade needs no mirrors of the denies (000:584).
#[must_use]
pub fn check_decrypted(
    config: &Config,
    entry: &EntryKey,
    sa_flow: Option<&(TrafficSelector, TrafficSelector)>,
    packet: &Packet,
) -> PostDecrypt {
    let Some(set) = find_map_for(config, &entry.map, packet.dst.is_ipv6()) else {
        return PostDecrypt::Drop(PostDecryptDrop::UnknownEntry);
    };
    let Some(r) = slots(config, set).into_iter().find_map(|s| match s {
        Slot::Entry(r) if &r.key() == entry => Some(r),
        _ => None,
    }) else {
        return PostDecrypt::Drop(PostDecryptDrop::UnknownEntry);
    };
    if let Some((local, remote)) = sa_flow
        && !(side_holds(local, packet.dst, packet.dst_port, packet)
            && side_holds(remote, packet.src, packet.src_port, packet))
    {
        return PostDecrypt::Drop(PostDecryptDrop::OutsideSaSelectors);
    }
    let list = match r.acl(config) {
        AclRef::None => return PostDecrypt::Accept { ace: None },
        AclRef::Missing(name) => return PostDecrypt::Drop(PostDecryptDrop::AclNotDefined(name.to_string())),
        AclRef::Found(_, list) => list,
    };
    let name = r.settings().match_address.as_ref().map(|(n, _)| n.as_str()).unwrap_or_default();
    let key = swapped(packet);
    list.aces()
        .enumerate()
        .filter(|(_, a)| a.action == Action::Permit)
        .find(|(i, a)| a.rules(*i).iter().any(|rule| rule.matches(&key)))
        .map_or(PostDecrypt::Drop(PostDecryptDrop::NoMirroredPermit), |(i, a)| PostDecrypt::Accept {
            ace: Some(AceRef::new(name, i, a)),
        })
}

/// True when one side of an SA's selectors holds one end of `packet`. ICMP type/code and
/// non-initial fragments are checked on address and protocol only (the type travels in one
/// side's port field only, RFC 4301 §4.4.1.1, and fragments carry no ports).
fn side_holds(ts: &TrafficSelector, addr: IpAddr, port: Option<u16>, packet: &Packet) -> bool {
    let proto = IpProtocol(packet.protocol);
    if packet.icmp.is_some() || packet.non_initial_fragment {
        ts.contains_addr(addr) && (ts.protocol().is_any() || ts.protocol() == proto)
    } else {
        ts.matches(addr, proto, port)
    }
}
