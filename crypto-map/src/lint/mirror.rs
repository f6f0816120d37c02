//! Two configurations against each other: mirror-image ACLs (IOS guide 003:612-626, ASA guide
//! 000:688, PIX guide 004:305-307), peers naming each other, a transform set in common, PFS.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::IpAddr;

use ipsec_core::types::TrafficSelector;
use policy_acl::{AccessList, Ace, Action};

use super::advice::peer_text;
use super::{Code, Finding, Severity};
use crate::model::{Config, EntryKind, MapEntry, Peer, Transform};

/// A static crypto map entry: map name and sequence number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EntryRef<'a> {
    /// Map set name.
    pub map: &'a str,
    /// Sequence number.
    pub seq: u32,
}

fn label(cfg: &Config, fallback: &str) -> String {
    cfg.hostname.clone().unwrap_or_else(|| fallback.to_string())
}

fn entry<'c>(cfg: &'c Config, r: EntryRef<'_>) -> Option<&'c MapEntry> {
    cfg.map(r.map).and_then(|m| m.entries.iter().find(|e| e.seq == r.seq))
}

/// The address a map set uses as its local address: the `local-address` interface's, else the
/// first interface it is bound to (003:1002-1014).
fn local_address(cfg: &Config, map: &str) -> Option<IpAddr> {
    let m = cfg.map(map)?;
    if let Some((iface, _)) = &m.local_address
        && let Some(a) = cfg.interface_address(iface)
    {
        return Some(a.address);
    }
    cfg.interfaces_using(map).find_map(|b| cfg.interface_address(&b.interface)).map(|a| a.address)
}

fn pairs(ace: &Ace) -> Vec<(TrafficSelector, TrafficSelector)> {
    ace.to_traffic_selectors().unwrap_or_default()
}

/// Whether `q` (the other side) permits exactly the mirror of `p`.
fn mirrored(p: &Ace, q: &Ace) -> bool {
    let pp = pairs(p);
    let qp = pairs(q);
    !pp.is_empty() && !qp.is_empty() && pp.iter().all(|(l, r)| q.covers(r, l)) && qp.iter().all(|(l, r)| p.covers(r, l))
}

/// Checks the permits of `mine` against the lists of the other side (`theirs`: one list, or
/// every list of the entries that name this device), from `me`'s side.
fn acl_side(me: &str, them: &str, what: &str, mine: &AccessList, theirs: &[&AccessList], out: &mut Vec<Finding>) {
    let their_permits: Vec<&Ace> =
        theirs.iter().flat_map(|l| l.aces()).filter(|a| a.action == Action::Permit && !a.is_inactive()).collect();
    let names: Vec<String> = theirs.iter().map(|l| l.id.to_string()).collect();
    for p in mine.aces().filter(|a| a.action == Action::Permit && !a.is_inactive()) {
        let ps = pairs(p);
        if ps.is_empty() {
            continue;
        }
        let covered = ps.iter().all(|(l, r)| theirs.iter().any(|t| t.permit_covering(r, l).is_some()));
        let line = p.source.span.line;
        if !covered {
            out.push(Finding::new(
                Code::NotMirrored,
                Severity::Warning,
                Some(line),
                format!(
                    "{me} {what} permits `{p}` (line {line}) but {them} has no permit covering its mirror image \
                     (access list {}): SAs that {me} requests for this traffic are refused and the packets are dropped \
                     (IOS guide 003:622-624, case 4)",
                    names.join(", ")
                ),
            ));
        } else if !their_permits.iter().any(|q| mirrored(p, q)) {
            out.push(Finding::new(
                Code::SubsetOnly,
                Severity::Info,
                Some(line),
                format!(
                    "{me} {what} permits `{p}` (line {line}), which {them} accepts as a subset of a wider permit but \
                     does not mirror: SAs come up when {me} initiates, not always when {them} does (IOS guide \
                     003:622-624, case 3; define mirror-image lists, 000:688)"
                ),
            ));
        }
    }
}

/// The transforms of a set in a canonical order, with the mode.
fn canonical(cfg: &Config, name: &str) -> Option<(Vec<Transform>, ipsec_core::types::EncapsulationMode)> {
    let ts = cfg.transform_set(name)?;
    let mut t = ts.transforms.clone();
    t.sort_by_key(|x| format!("{x:?}"));
    Some((t, ts.mode.value))
}

/// Compares one entry of each configuration: mirror-image ACLs both ways, each naming the
/// other as peer (when the local address is known), a transform set (or IKEv2 proposal) in
/// common, and PFS. Findings name the devices by host name (else `A` and `B`); their `line` is
/// the line in the configuration the finding is about.
#[must_use]
pub fn compare_entries(a: &Config, ea: EntryRef<'_>, b: &Config, eb: EntryRef<'_>) -> Vec<Finding> {
    compare(a, ea, b, eb, true)
}

fn compare(a: &Config, ea: EntryRef<'_>, b: &Config, eb: EntryRef<'_>, with_acls: bool) -> Vec<Finding> {
    let (na, nb) = (label(a, "A"), label(b, "B"));
    let mut out = Vec::new();
    let (Some(xa), Some(xb)) = (entry(a, ea), entry(b, eb)) else {
        for (cfg, r, n) in [(a, ea, &na), (b, eb, &nb)] {
            if entry(cfg, r).is_none() {
                out.push(Finding::new(
                    Code::NoEntryForPeer,
                    Severity::Warning,
                    None,
                    format!("{n} has no crypto map {} {}", r.map, r.seq),
                ));
            }
        }
        return out;
    };
    let wa = format!("crypto map {} {}", ea.map, ea.seq);
    let wb = format!("crypto map {} {}", eb.map, eb.seq);
    let acl_a = xa.settings.match_address.as_ref().and_then(|(n, _)| a.acls.get(n));
    let acl_b = xb.settings.match_address.as_ref().and_then(|(n, _)| b.acls.get(n));
    if let (Some(la), Some(lb), true) = (acl_a, acl_b, with_acls) {
        acl_side(&na, &nb, &wa, la, &[lb], &mut out);
        acl_side(&nb, &na, &wb, lb, &[la], &mut out);
    }
    // Peers (003:738, 000:508): each names the other, unless the responder is dynamic.
    for (me, them, x, w, their_cfg, their_map) in [(&na, &nb, xa, &wa, b, eb.map), (&nb, &na, xb, &wb, a, ea.map)] {
        if let Some(addr) = local_address(their_cfg, their_map)
            && !x.settings.peers.iter().any(|(p, _)| *p == Peer::Address(addr))
        {
            let listed: Vec<String> = x.settings.peers.iter().map(|(p, _)| peer_text(p)).collect();
            out.push(Finding::new(
                Code::PeerNotNamed,
                Severity::Warning,
                Some(x.line),
                format!(
                    "{me} {w} does not name {them} ({addr}) as peer (it names {}): {them}'s requests are refused \
                         and {me} sends its own elsewhere (IOS guide 003:738, ASA guide 000:508)",
                    if listed.is_empty() { "none".to_string() } else { listed.join(", ") }
                ),
            ));
        }
    }
    // A transform set in common (003:740, 000:509): the same transforms and mode.
    let common_sets = xa.settings.transform_sets.iter().any(|(n, _)| {
        canonical(a, n)
            .is_some_and(|ca| xb.settings.transform_sets.iter().any(|(m, _)| canonical(b, m) == Some(ca.clone())))
    });
    let common_props = xa.settings.ikev2_proposals.iter().any(|(n, _)| {
        a.ipsec_proposal(n).is_some_and(|pa| {
            xb.settings.ikev2_proposals.iter().any(|(m, _)| {
                b.ipsec_proposal(m).is_some_and(|pb| {
                    pa.encryption.iter().any(|e| pb.encryption.contains(e))
                        && (pa.integrity.iter().any(|i| pb.integrity.contains(i))
                            || (pa.integrity.is_empty() && pb.integrity.is_empty()))
                })
            })
        })
    });
    let has_sets = |x: &MapEntry| !x.settings.transform_sets.is_empty() || !x.settings.ikev2_proposals.is_empty();
    let any_sets = has_sets(xa) && has_sets(xb);
    if any_sets && !common_sets && !common_props {
        out.push(Finding::new(
            Code::NoCommonTransform,
            Severity::Error,
            None,
            format!(
                "{na} {wa} and {nb} {wb} have no transform set in common (same transforms and mode): no IPsec SA can \
                 be negotiated (IOS guide 003:644, 003:740; ASA guide 000:509)"
            ),
        ));
    }
    // PFS (003:871; DESIGN §3.10).
    let pa = xa.settings.pfs.as_ref().map(|p| p.value);
    let pb = xb.settings.pfs.as_ref().map(|p| p.value);
    let manual = xa.kind == EntryKind::IpsecManual || xb.kind == EntryKind::IpsecManual;
    match (pa, pb) {
        (Some(x), Some(y)) if x != y && !manual => out.push(Finding::new(
            Code::PfsMismatch,
            Severity::Warning,
            None,
            format!(
                "{na} {wa} asks for PFS group {} and {nb} {wb} for group {}: each side demands its own group, so \
                 phase 2 fails (003:871; DESIGN §3.10)",
                x.number(),
                y.number()
            ),
        )),
        (Some(g), None) | (None, Some(g)) if !manual => {
            let (with, without) = if pa.is_some() { (&na, &nb) } else { (&nb, &na) };
            out.push(Finding::new(
                Code::PfsMismatch,
                Severity::Warning,
                None,
                format!(
                    "{with} demands PFS group {} and {without} does not ask for PFS: SAs that {without} initiates are \
                     refused (003:871; DESIGN §3.10)",
                    g.number()
                ),
            ));
        }
        _ => {}
    }
    out
}

fn entries_naming(cfg: &Config, peer: IpAddr) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for m in &cfg.maps {
        for e in &m.entries {
            if matches!(e.kind, EntryKind::IpsecIsakmp | EntryKind::IpsecManual)
                && e.settings.peers.iter().any(|(p, _)| *p == Peer::Address(peer))
            {
                out.push((m.name.clone(), e.seq));
            }
        }
    }
    out
}

fn overlaps(a: &Config, ea: &(String, u32), b: &Config, eb: &(String, u32)) -> bool {
    let acl = |cfg: &Config, r: &(String, u32)| {
        entry(cfg, EntryRef { map: &r.0, seq: r.1 })
            .and_then(|e| e.settings.match_address.as_ref())
            .and_then(|(n, _)| cfg.acls.get(n).cloned())
    };
    let (Some(la), Some(lb)) = (acl(a, ea), acl(b, eb)) else { return false };
    la.aces()
        .filter(|p| p.action == Action::Permit)
        .any(|p| pairs(p).iter().any(|(l, r)| lb.permit_covering(r, l).is_some()))
}

/// Compares two devices by address. The ACLs are checked device against device: every permit
/// of an entry of `a` that names `b_addr` as peer must be covered by a permit of some entry of
/// `b` that names `a_addr` (a responder accepts a proposal under any entry, DESIGN §3.9), and
/// the other way round. Peers, transform sets and PFS are checked entry against entry, each
/// entry paired with the other device's entry whose ACL overlaps it. Devices that do not name
/// each other at all get [`Code::NoEntryForPeer`].
#[must_use]
pub fn compare_peers(a: &Config, a_addr: IpAddr, b: &Config, b_addr: IpAddr) -> Vec<Finding> {
    let (na, nb) = (label(a, "A"), label(b, "B"));
    let ea = entries_naming(a, b_addr);
    let eb = entries_naming(b, a_addr);
    let mut out = Vec::new();
    if ea.is_empty() || eb.is_empty() {
        for (list, me, peer) in [(&ea, &na, b_addr), (&eb, &nb, a_addr)] {
            if list.is_empty() {
                out.push(Finding::new(
                    Code::NoEntryForPeer,
                    Severity::Warning,
                    None,
                    format!("no crypto map entry of {me} names {peer} as peer (IOS guide 003:732-740)"),
                ));
            }
        }
        return out;
    }
    let mut done: Vec<(usize, usize)> = Vec::new();
    for (i, x) in ea.iter().enumerate() {
        let j = eb.iter().position(|y| overlaps(a, x, b, y)).unwrap_or(0);
        done.push((i, j));
    }
    for (j, y) in eb.iter().enumerate() {
        if done.iter().any(|(_, jj)| *jj == j) {
            continue;
        }
        let i = ea.iter().position(|x| overlaps(b, y, a, x)).unwrap_or(0);
        done.push((i, j));
    }
    // ACLs device against device: a proposal is accepted by any entry that names the peer.
    let lists = |cfg: &'_ Config, refs: &[(String, u32)]| -> Vec<(String, AccessList)> {
        refs.iter()
            .filter_map(|r| {
                let e = entry(cfg, EntryRef { map: &r.0, seq: r.1 })?;
                let (n, _) = e.settings.match_address.as_ref()?;
                Some((format!("crypto map {} {}", r.0, r.1), cfg.acls.get(n)?.clone()))
            })
            .collect()
    };
    let (la, lb) = (lists(a, &ea), lists(b, &eb));
    let lb_refs: Vec<&AccessList> = lb.iter().map(|(_, l)| l).collect();
    let la_refs: Vec<&AccessList> = la.iter().map(|(_, l)| l).collect();
    for (what, l) in &la {
        acl_side(&na, &nb, what, l, &lb_refs, &mut out);
    }
    for (what, l) in &lb {
        acl_side(&nb, &na, what, l, &la_refs, &mut out);
    }
    for (i, j) in done {
        let (Some(x), Some(y)) = (ea.get(i), eb.get(j)) else { continue };
        out.extend(compare(a, EntryRef { map: &x.0, seq: x.1 }, b, EntryRef { map: &y.0, seq: y.1 }, false));
    }
    out.dedup();
    out
}
