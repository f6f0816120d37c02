//! What the evaluators share: the entries of a crypto map set in evaluation order (a `dynamic`
//! reference expanded into its dynamic map set's entries), the entry's resolved settings
//! (access list, lifetime, PFS group, transform sets as `ipsec-core` proposals) and the
//! transport-mode rule of DESIGN §3.14.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::net::IpAddr;

use ipsec_core::algorithm::{DhGroup, EncryptionAlgorithm};
use ipsec_core::types::{EncapsulationMode, Lifetime, Proposal, TrafficSelector};
use policy_acl::{AccessList, Ace};

use crate::model::{
    Config, CryptoMapSet, DynamicEntry, DynamicMapSet, EntryKind, EntrySettings, IkeVersion, IpsecProposal, MapEntry,
    Peer, Transform, TransformSet,
};

/// Names one evaluated entry: the crypto map set, the static sequence number and, for an entry
/// reached through `ipsec-isakmp dynamic NAME`, the dynamic map set and its sequence number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EntryKey {
    /// Crypto map set name.
    pub map: String,
    /// Sequence number of the static entry (for a dynamic entry: of the referencing entry).
    pub seq: u32,
    /// `(dynamic map name, dynamic sequence number)` for an entry of a dynamic map set.
    pub dynamic: Option<(String, u32)>,
}

impl fmt::Display for EntryKey {
    /// `crypto map A 10`, or `crypto map mymap 200 (dynamic-map dyn1 10)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "crypto map {} {}", self.map, self.seq)?;
        if let Some((name, seq)) = &self.dynamic {
            write!(f, " (dynamic-map {name} {seq})")?;
        }
        Ok(())
    }
}

/// One matched access control entry, as reported by the evaluators.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AceRef {
    /// The access list's id as written (`101`, `A_TO_B`).
    pub acl: String,
    /// The ACE's index among the list's ACEs (0-based, remarks excluded, as `policy-acl`
    /// counts them).
    pub index: usize,
    /// The configuration line of the ACE, as written (trimmed).
    pub text: String,
    /// Its line number.
    pub line: u32,
}

impl AceRef {
    pub(crate) fn new(acl: &str, index: usize, ace: &Ace) -> Self {
        Self { acl: acl.to_string(), index, text: ace.source.text.clone(), line: ace.source.span.line }
    }
}

/// The role an entry plays, from its kind (and, for dynamic entries, where it came from).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryRole {
    /// A static `ipsec-isakmp` entry: initiates and responds.
    Isakmp,
    /// A static `ipsec-manual` entry: SAs from configuration, never negotiated.
    Manual,
    /// An entry of a dynamic map set: responder only (ASA guide 000:861, IOS guide 003:900).
    Dynamic,
    /// An IOS `cisco` (CET) entry: out of scope, kept so the order is right (IOS guide 003:404).
    Cisco,
}

/// An entry in evaluation order.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Slot<'a> {
    /// A static entry or an entry of a referenced dynamic map set.
    Entry(Resolved<'a>),
    /// `ipsec-isakmp dynamic NAME` naming a dynamic map set that does not exist.
    MissingDynamic(&'a MapEntry, &'a str),
}

/// A static entry, or a dynamic entry together with the static entry that references it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Resolved<'a> {
    pub(crate) set: &'a CryptoMapSet,
    pub(crate) entry: &'a MapEntry,
    pub(crate) dynamic: Option<(&'a DynamicMapSet, &'a DynamicEntry)>,
}

/// How an entry's `match address` resolves.
#[derive(Clone, Copy, Debug)]
pub(crate) enum AclRef<'a> {
    /// No `match address`.
    None,
    /// `match address NAME` for a list that is not defined (or has no ACE).
    Missing(&'a str),
    /// The list.
    Found(&'a str, &'a AccessList),
}

impl<'a> Resolved<'a> {
    pub(crate) fn settings(&self) -> &'a EntrySettings {
        match self.dynamic {
            Some((_, d)) => &d.settings,
            None => &self.entry.settings,
        }
    }

    pub(crate) fn role(&self) -> EntryRole {
        if self.dynamic.is_some() {
            return EntryRole::Dynamic;
        }
        match self.entry.kind {
            EntryKind::IpsecIsakmp => EntryRole::Isakmp,
            EntryKind::IpsecManual => EntryRole::Manual,
            EntryKind::Dynamic { .. } => EntryRole::Dynamic,
            EntryKind::Cisco => EntryRole::Cisco,
        }
    }

    pub(crate) fn key(&self) -> EntryKey {
        EntryKey {
            map: self.set.name.clone(),
            seq: self.entry.seq,
            dynamic: self.dynamic.map(|(s, d)| (s.name.clone(), d.seq)),
        }
    }

    pub(crate) fn line(&self) -> u32 {
        match self.dynamic {
            Some((_, d)) => d.line,
            None => self.entry.line,
        }
    }

    pub(crate) fn acl(&self, config: &'a Config) -> AclRef<'a> {
        match &self.settings().match_address {
            None => AclRef::None,
            Some((name, _)) => match config.acls.get(name) {
                Some(acl) if acl.aces().next().is_some() => AclRef::Found(name.as_str(), acl),
                _ => AclRef::Missing(name.as_str()),
            },
        }
    }

    pub(crate) fn peers(&self) -> Vec<Peer> {
        self.settings().peers.iter().map(|(p, _)| p.clone()).collect()
    }
}

/// The crypto map set called `name`.
pub(crate) fn find_map<'a>(config: &'a Config, name: &str) -> Option<&'a CryptoMapSet> {
    config.maps.iter().find(|m| m.name == name)
}

/// The crypto map set called `name` for traffic of one family: IOS keeps `crypto map ipv6 NAME`
/// entries apart from the IPv4 ones of the same name (IOS-XE guide 002:230); any set of that
/// name when there is no set of the family.
pub(crate) fn find_map_for<'a>(config: &'a Config, name: &str, ipv6: bool) -> Option<&'a CryptoMapSet> {
    config.maps.iter().find(|m| m.name == name && m.ipv6 == ipv6).or_else(|| find_map(config, name))
}

/// The entries of `set` in sequence order, every `ipsec-isakmp dynamic NAME` entry replaced by
/// the entries of the dynamic map set `NAME` in their own sequence order (ASA guide 000:863-865,
/// IOS guide 003:902, 003:916).
pub(crate) fn slots<'a>(config: &'a Config, set: &'a CryptoMapSet) -> Vec<Slot<'a>> {
    let mut entries: Vec<&MapEntry> = set.entries.iter().collect();
    entries.sort_by_key(|e| e.seq);
    let mut out = Vec::new();
    for entry in entries {
        match &entry.kind {
            EntryKind::Dynamic { dynamic_map, .. } => {
                match config.dynamic_maps.iter().find(|d| &d.name == dynamic_map) {
                    Some(dset) => {
                        let mut dyns: Vec<&DynamicEntry> = dset.entries.iter().collect();
                        dyns.sort_by_key(|d| d.seq);
                        for d in dyns {
                            out.push(Slot::Entry(Resolved { set, entry, dynamic: Some((dset, d)) }));
                        }
                    }
                    None => out.push(Slot::MissingDynamic(entry, dynamic_map.as_str())),
                }
            }
            _ => out.push(Slot::Entry(Resolved { set, entry, dynamic: None })),
        }
    }
    out
}

/// The SA lifetime an entry proposes and accepts: the global value (`crypto ipsec
/// security-association lifetime`, or the platform default of DESIGN §3.2) with the entry's
/// `set security-association lifetime` on top. Setting only seconds leaves the volume lifetime
/// unchanged (ASA guide 000:807); `kilobytes disable` / `unlimited` removes it (IOS-XE guide
/// 002:257, ASA 9.x guide 001:1109).
pub(crate) fn entry_lifetime(config: &Config, settings: &EntrySettings) -> Lifetime {
    let mut life = config.sa_lifetime.value;
    if let Some((o, _)) = &settings.lifetime {
        if let Some(s) = o.seconds {
            life.seconds = Some(s);
        }
        if let Some(kb) = o.kilobytes {
            life.kilobytes = Some(kb);
        }
        if o.kilobytes_unlimited {
            life.kilobytes = None;
        }
    }
    life
}

/// The entry's PFS group, if `set pfs` is configured.
pub(crate) fn entry_pfs(settings: &EntrySettings) -> Option<DhGroup> {
    settings.pfs.as_ref().map(|s| s.value)
}

/// The names an entry offers for `version`, in preference order. IKEv1: the transform sets.
/// IKEv2: on ASA the `set ikev2 ipsec-proposal` names (9.x transform sets are IKEv1 only,
/// 001:1058-1064); on IOS-XE, which uses transform sets with both versions (002:255), the
/// transform sets.
pub(crate) fn offered_names(config: &Config, settings: &EntrySettings, version: IkeVersion) -> Vec<String> {
    let list = match version {
        IkeVersion::V2 if config.platform.is_asa() || !settings.ikev2_proposals.is_empty() => &settings.ikev2_proposals,
        _ => &settings.transform_sets,
    };
    list.iter().map(|(n, _)| n.clone()).collect()
}

/// One transform set or IKEv2 IPsec proposal in the protocol-neutral form the IKE crates
/// speak: an ESP and/or AH proposal, IPComp, the configured mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChildOffer {
    /// The transform set or IPsec proposal name.
    pub name: String,
    /// ESP algorithms, if the set has ESP (with the entry's PFS group in `dh_groups` when the
    /// offer is built for an initiator).
    pub esp: Option<Proposal>,
    /// AH algorithms, if the set has AH.
    pub ah: Option<Proposal>,
    /// IOS `comp-lzs` (IPComp).
    pub ipcomp: bool,
    /// The mode configured on the set (`mode transport`), before DESIGN §3.14 applies.
    pub mode: EncapsulationMode,
    /// True when the set holds `ah-rfc1828` or `esp-rfc1829`: RFC 1828/1829 transforms, which
    /// only manual entries use (IOS guide 003:288, 003:314); IKE never offers or accepts them.
    pub legacy: bool,
}

impl ChildOffer {
    /// The offer a transform set stands for (transforms in any order, ASA guide 000:744).
    #[must_use]
    pub fn from_transform_set(set: &TransformSet) -> Self {
        let mut esp: Option<Proposal> = None;
        let mut ah: Option<Proposal> = None;
        let mut ipcomp = false;
        let mut legacy = false;
        for t in &set.transforms {
            match *t {
                Transform::Ah(i) => ah.get_or_insert_with(Proposal::default).integrity.push(i),
                Transform::EspEncryption(e) => esp.get_or_insert_with(Proposal::default).encryption.push(e),
                Transform::EspIntegrity(i) => esp.get_or_insert_with(Proposal::default).integrity.push(i),
                Transform::EspNone => {
                    esp.get_or_insert_with(Proposal::default);
                }
                Transform::EspRfc1829 => {
                    legacy = true;
                    esp.get_or_insert_with(Proposal::default).encryption.push(EncryptionAlgorithm::DesCbc);
                }
                Transform::AhRfc1828 => {
                    legacy = true;
                    ah.get_or_insert_with(Proposal::default);
                }
                Transform::CompLzs => ipcomp = true,
            }
        }
        // ESP integrity without a cipher: the ESP-NULL cipher (RFC 2410) is implied.
        if let Some(p) = esp.as_mut().filter(|p| p.encryption.is_empty()) {
            p.encryption.push(EncryptionAlgorithm::Null);
        }
        Self { name: set.name.clone(), esp, ah, ipcomp, mode: set.mode.value, legacy }
    }

    /// The offer an ASA 9.x IKEv2 IPsec proposal stands for, sorted "most secure first"
    /// (DESIGN §3.6, ASA 9.x guide 001:78).
    #[must_use]
    pub fn from_ipsec_proposal(p: &IpsecProposal) -> Self {
        let mut esp =
            Proposal { encryption: p.encryption.clone(), integrity: p.integrity.clone(), ..Proposal::default() };
        esp.sort_by_strength();
        Self {
            name: p.name.clone(),
            esp: Some(esp),
            ah: None,
            ipcomp: false,
            mode: EncapsulationMode::Tunnel,
            legacy: false,
        }
    }

    /// A copy carrying `pfs` as the DH group of every protocol: what an initiator offers when
    /// the entry has `set pfs` (ASA guide 000:809).
    #[must_use]
    pub fn with_pfs(mut self, pfs: Option<DhGroup>) -> Self {
        let groups: Vec<DhGroup> = pfs.into_iter().collect();
        if let Some(p) = self.esp.as_mut() {
            p.dh_groups.clone_from(&groups);
        }
        if let Some(p) = self.ah.as_mut() {
            p.dh_groups = groups;
        }
        self
    }
}

/// The offer named `name` for `version`: an IKEv2 IPsec proposal (ASA 9.x) when `version` is
/// IKEv2 and one has that name, else the transform set. `None` when neither is defined.
pub(crate) fn child_offer(config: &Config, name: &str, version: IkeVersion) -> Option<ChildOffer> {
    if version == IkeVersion::V2
        && let Some(p) = config.ipsec_proposals.iter().find(|p| p.name == name)
    {
        return Some(ChildOffer::from_ipsec_proposal(p));
    }
    config.transform_sets.iter().find(|t| t.name == name).map(ChildOffer::from_transform_set)
}

/// The address IPsec traffic of `map` leaves from: the `local-address` interface's, else the
/// address of an interface the map is bound to (IOS guide 003:1002-1012; ASA guide 000:468).
#[must_use]
pub fn local_address(config: &Config, map: &str) -> Option<IpAddr> {
    let by_interface = |ifname: &str| config.interface_address(ifname).map(|a| a.address);
    if let Some((ifname, _)) = find_map(config, map).and_then(|m| m.local_address.as_ref())
        && let Some(a) = by_interface(ifname)
    {
        return Some(a);
    }
    config.interfaces_using(map).find_map(|b| by_interface(&b.interface))
}

/// DESIGN §3.14 (IOS guide 003:667-669, IOS-XE guide 002:168): transport mode applies only when
/// the flow's endpoints are the peers themselves — the local selector is our own address (when
/// known; any single host otherwise) and the remote selector is the peer's address. Everything
/// else is tunnel mode.
#[must_use]
pub fn endpoints_are_peers(
    flow: &(TrafficSelector, TrafficSelector),
    local: Option<IpAddr>,
    peer: Option<IpAddr>,
) -> bool {
    let (l, r) = flow;
    let local_ok = l.is_host() && local.is_none_or(|a| l.start() == a);
    let remote_ok = r.is_host() && peer.is_some_and(|p| r.start() == p);
    local_ok && remote_ok
}

/// The mode a configured mode gives for `flow` (DESIGN §3.14).
#[must_use]
pub fn effective_mode(
    configured: EncapsulationMode,
    flow: &(TrafficSelector, TrafficSelector),
    local: Option<IpAddr>,
    peer: Option<IpAddr>,
) -> EncapsulationMode {
    match configured {
        EncapsulationMode::Transport if endpoints_are_peers(flow, local, peer) => EncapsulationMode::Transport,
        _ => EncapsulationMode::Tunnel,
    }
}

/// The first address among `peers` (hostnames are resolved by the caller, not here).
pub(crate) fn first_address(peers: &[Peer]) -> Option<IpAddr> {
    peers.iter().find_map(|p| match p {
        Peer::Address(a) => Some(*a),
        Peer::Hostname(_) => None,
    })
}

/// A peer as configured: the address, or the host name.
#[must_use]
pub fn peer_text(peer: &Peer) -> String {
    match peer {
        Peer::Address(a) => a.to_string(),
        Peer::Hostname(h) => h.clone(),
    }
}
