//! What IPsec needs from an ACL beyond packet matching: mirror images, the responder's subset
//! test, and conversion between ACEs and IKE traffic selectors / IKEv1 proxy identities.
//!
//! # Direction
//!
//! A crypto ACL is written from the local device outwards: source = local side, destination
//! = remote side (IOS guide 003:584-592, ASA guide 000:662-678). So an ACE converts to
//! `(local, remote)` selector pairs with the source as `local`, and the responder test
//! [`Ace::covers`] takes the proposed pair in the same orientation (the initiator's
//! destination is our local side).
//!
//! # Decisions
//!
//! * **Non-contiguous IOS wildcards** (`10.0.0.0 0.0.255.0`) are split into the address ranges
//!   they stand for (one per combination of the "don't care" bits above the trailing run), at
//!   most [`MAX_WILDCARD_RANGES`] per address; beyond that the conversion fails with
//!   [`SelectorError::WildcardTooFragmented`]. The pairs of one ACE are capped at
//!   [`MAX_SELECTOR_PAIRS`].
//! * **ICMP** type and code travel in the local ("source") port field as RFC 4301 §4.4.1.1 and
//!   RFC 7296 §3.13.1 pack them (type in the high byte, code in the low byte; a type without a
//!   code is the range `type<<8 ..= type<<8|255`); the remote port field is "any".
//! * **IKEv1** ID payloads (RFC 2407 §4.6.2) carry one protocol and one port (0 = any): a port
//!   range that is not a single port, and an ICMP type, give
//!   [`SelectorError::PortRangeNotExpressible`] / [`SelectorError::IcmpNotExpressible`]
//!   rather than a wider proxy than the ACE permits.
//! * Protocol number 0 is IKE's wildcard, so an ACE written with protocol `0` cannot be
//!   expressed ([`SelectorError::ProtocolZero`]); an ACE with `fragments` matches no flow as a
//!   whole ([`SelectorError::FragmentsOnly`]); an `inactive` ACE gives no pairs.
//! * The subset test is exact: a proposal is covered when every packet of it matches one of
//!   the ACE's rules (object-group members and `neq` halves together may cover it). Past
//!   [`MAX_COVER_BOXES`] pieces of bookkeeping the answer is a conservative `false`.

use alloc::string::ToString;
use alloc::vec::Vec;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipsec_core::types::{Identity, IpProtocol, TrafficSelector};

use crate::model::{
    AccessList, Ace, AclKind, AddressSpec, Dialect, Entry, IcmpSpec, Port, PortSpec, ProtocolSpec, Source,
};
use crate::names;
use crate::rule::{Action, AddrMatch, PortRange, Rule};

/// Most address ranges one non-contiguous wildcard may split into.
pub const MAX_WILDCARD_RANGES: usize = 256;
/// Most selector pairs (or ACEs) one conversion may produce.
pub const MAX_SELECTOR_PAIRS: usize = 1024;
/// Most pieces the subset test keeps while subtracting rules from a proposal.
pub const MAX_COVER_BOXES: usize = 4096;

/// Why an ACE and selectors do not convert.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum SelectorError {
    /// A standard list tests one address only; it has no mirror image or selector pair.
    #[error("a standard access list has no mirror image or selector pair")]
    StandardList,
    /// A non-contiguous wildcard that splits into too many ranges.
    #[error("wildcard {wildcard} splits into {ranges} address ranges (at most {MAX_WILDCARD_RANGES})")]
    WildcardTooFragmented {
        /// The wildcard (IPv4 or IPv6, as an address).
        wildcard: IpAddr,
        /// How many ranges it needs.
        ranges: u128,
    },
    /// More selector pairs than [`MAX_SELECTOR_PAIRS`].
    #[error("the conversion needs more than {MAX_SELECTOR_PAIRS} selector pairs")]
    TooManyPairs,
    /// A port range that an IKEv1 ID payload cannot carry.
    #[error("port range {lo}-{hi} is not one port: IKEv1 ID payloads carry one port (RFC 2407 §4.6.2)")]
    PortRangeNotExpressible {
        /// First port.
        lo: u16,
        /// Last port.
        hi: u16,
    },
    /// An ICMP type/code that the target form cannot carry.
    #[error("this ICMP type/code cannot be expressed in the target form")]
    IcmpNotExpressible,
    /// Ports on a protocol that has none.
    #[error("ports given for protocol {protocol}, which has none")]
    PortsWithoutProtocol {
        /// The protocol.
        protocol: u8,
    },
    /// Protocol 0 written in an ACE (IKE reads 0 as "any").
    #[error("protocol number 0 cannot be expressed in a selector (0 means any protocol)")]
    ProtocolZero,
    /// An ACE with the `fragments` keyword.
    #[error("an ACE with `fragments` matches only non-initial fragments, not a flow")]
    FragmentsOnly,
    /// A selector family that the list kind does not carry, or selectors of two families.
    #[error("the selector address family does not fit the list")]
    Family,
    /// An identity that is not an address, subnet or range.
    #[error("the identity is not an address, subnet or range")]
    NotAnAddress,
    /// A subnet identity whose mask is not contiguous.
    #[error("the subnet identity has a non-contiguous mask")]
    BadMask,
}

/// An IKEv1 quick-mode proxy identity: an ID payload's address part, protocol and port
/// (RFC 2407 §4.6.2; port 0 = any).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProxyId {
    /// `ID_IPV4_ADDR`, `ID_IPV4_ADDR_SUBNET`, `ID_IPV4_ADDR_RANGE` or the IPv6 forms.
    pub identity: Identity,
    /// Protocol (0 = any).
    pub protocol: IpProtocol,
    /// Port (0 = any).
    pub port: u16,
}

fn v4(ts: &TrafficSelector) -> Option<(Ipv4Addr, Ipv4Addr)> {
    match (ts.start(), ts.end()) {
        (IpAddr::V4(a), IpAddr::V4(b)) => Some((a, b)),
        _ => None,
    }
}

fn v6(ts: &TrafficSelector) -> Option<(Ipv6Addr, Ipv6Addr)> {
    match (ts.start(), ts.end()) {
        (IpAddr::V6(a), IpAddr::V6(b)) => Some((a, b)),
        _ => None,
    }
}

impl ProxyId {
    /// The proxy identity for one selector: a host address, a subnet when the range is one
    /// prefix, else a range.
    ///
    /// # Errors
    /// [`SelectorError::PortRangeNotExpressible`] when the selector's ports are neither "any"
    /// nor one port (nor port 0, which IKEv1 reads as "any").
    pub fn from_selector(ts: &TrafficSelector) -> Result<Self, SelectorError> {
        let port = if ts.is_any_port() {
            0
        } else if ts.start_port() == ts.end_port() && ts.start_port() != 0 {
            ts.start_port()
        } else {
            return Err(SelectorError::PortRangeNotExpressible { lo: ts.start_port(), hi: ts.end_port() });
        };
        let identity = if let Some((a, b)) = v4(ts) {
            match ts.prefix_len() {
                Some(32) => Identity::Ipv4(a),
                Some(len) => Identity::Ipv4Subnet(a, Ipv4Addr::from(prefix_mask32(len))),
                None => Identity::Ipv4Range(a, b),
            }
        } else if let Some((a, b)) = v6(ts) {
            match ts.prefix_len() {
                Some(128) => Identity::Ipv6(a),
                Some(len) => Identity::Ipv6Subnet(a, Ipv6Addr::from(prefix_mask128(len))),
                None => Identity::Ipv6Range(a, b),
            }
        } else {
            return Err(SelectorError::Family);
        };
        Ok(ProxyId { identity, protocol: ts.protocol(), port })
    }

    /// The selector this proxy identity stands for.
    ///
    /// # Errors
    /// [`SelectorError::NotAnAddress`] for name identities, [`SelectorError::BadMask`] for a
    /// non-contiguous subnet mask, [`SelectorError::Family`] for a reversed or mixed range.
    pub fn to_selector(&self) -> Result<TrafficSelector, SelectorError> {
        let (start, end) = match &self.identity {
            Identity::Ipv4(a) => (IpAddr::V4(*a), IpAddr::V4(*a)),
            Identity::Ipv6(a) => (IpAddr::V6(*a), IpAddr::V6(*a)),
            Identity::Ipv4Subnet(a, m) => {
                let m = u32::from(*m);
                if m.leading_ones() + m.trailing_zeros() != 32 {
                    return Err(SelectorError::BadMask);
                }
                let a = u32::from(*a) & m;
                (IpAddr::V4(Ipv4Addr::from(a)), IpAddr::V4(Ipv4Addr::from(a | !m)))
            }
            Identity::Ipv6Subnet(a, m) => {
                let m = u128::from(*m);
                if m.leading_ones() + m.trailing_zeros() != 128 {
                    return Err(SelectorError::BadMask);
                }
                let a = u128::from(*a) & m;
                (IpAddr::V6(Ipv6Addr::from(a)), IpAddr::V6(Ipv6Addr::from(a | !m)))
            }
            Identity::Ipv4Range(a, b) => (IpAddr::V4(*a), IpAddr::V4(*b)),
            Identity::Ipv6Range(a, b) => (IpAddr::V6(*a), IpAddr::V6(*b)),
            _ => return Err(SelectorError::NotAnAddress),
        };
        let (lo, hi) = if self.port == 0 { (0, u16::MAX) } else { (self.port, self.port) };
        TrafficSelector::new(start, end, self.protocol, lo, hi).ok_or(SelectorError::Family)
    }
}

fn prefix_mask32(len: u8) -> u32 {
    if len == 0 { 0 } else { u32::MAX << (32 - u32::from(len.min(32))) }
}

fn prefix_mask128(len: u8) -> u128 {
    if len == 0 { 0 } else { u128::MAX << (128 - u32::from(len.min(128))) }
}

/// An inclusive address interval of one family, as numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span128 {
    v4: bool,
    lo: u128,
    hi: u128,
}

/// The ranges a wildcard stands for (`addr` with the bits of `wc` free), `width` bits wide.
fn wildcard_ranges(v4: bool, addr: u128, wc: u128) -> Result<Vec<Span128>, SelectorError> {
    let low = if wc.trailing_ones() >= 128 { u128::MAX } else { (1u128 << wc.trailing_ones()) - 1 };
    let high = wc & !low;
    let free = high.count_ones();
    let count = if free >= 127 { u128::MAX } else { 1u128 << free };
    if count > MAX_WILDCARD_RANGES as u128 {
        let wildcard = if v4 {
            IpAddr::V4(Ipv4Addr::from(u32::try_from(wc).unwrap_or(u32::MAX)))
        } else {
            IpAddr::V6(Ipv6Addr::from(wc))
        };
        return Err(SelectorError::WildcardTooFragmented { wildcard, ranges: count });
    }
    let base = addr & !wc;
    let mut out = Vec::new();
    let mut s: u128 = 0;
    loop {
        out.push(Span128 { v4, lo: base | s, hi: base | s | low });
        if s == high {
            break;
        }
        s = s.wrapping_sub(high) & high;
    }
    Ok(out)
}

fn addr_spans(m: &AddrMatch) -> Result<Vec<Span128>, SelectorError> {
    Ok(match *m {
        AddrMatch::Any => alloc::vec![
            Span128 { v4: true, lo: 0, hi: u128::from(u32::MAX) },
            Span128 { v4: false, lo: 0, hi: u128::MAX },
        ],
        AddrMatch::V4 { addr, wildcard } => wildcard_ranges(true, u128::from(addr), u128::from(wildcard))?,
        AddrMatch::V6 { addr, wildcard } => wildcard_ranges(false, addr, wildcard)?,
        AddrMatch::V4Range { lo, hi } => alloc::vec![Span128 { v4: true, lo: u128::from(lo), hi: u128::from(hi) }],
        AddrMatch::V6Range { lo, hi } => alloc::vec![Span128 { v4: false, lo, hi }],
    })
}

fn ip_of(v4: bool, value: u128) -> IpAddr {
    if v4 {
        IpAddr::V4(Ipv4Addr::from(u32::try_from(value).unwrap_or(u32::MAX)))
    } else {
        IpAddr::V6(Ipv6Addr::from(value))
    }
}

/// The local-side port range of a rule: its source ports, or the ICMP type/code packed as
/// RFC 4301 §4.4.1.1 does.
fn local_ports(r: &Rule) -> PortRange {
    match r.icmp {
        Some(i) => {
            let base = u16::from(i.icmp_type) << 8;
            match i.code {
                Some(c) => PortRange::single(base | u16::from(c)),
                None => PortRange { lo: base, hi: base | 0xff },
            }
        }
        None => r.src_ports,
    }
}

fn rule_pairs(r: &Rule, out: &mut Vec<(TrafficSelector, TrafficSelector)>) -> Result<(), SelectorError> {
    if r.fragments_only {
        return Err(SelectorError::FragmentsOnly);
    }
    let protocol = match r.protocol {
        None => IpProtocol::ANY,
        Some(0) => return Err(SelectorError::ProtocolZero),
        Some(p) => IpProtocol(p),
    };
    let lp = local_ports(r);
    let rp = r.dst_ports;
    for s in addr_spans(&r.src)? {
        for d in addr_spans(&r.dst)? {
            if s.v4 != d.v4 {
                continue;
            }
            let local = TrafficSelector::new(ip_of(s.v4, s.lo), ip_of(s.v4, s.hi), protocol, lp.lo, lp.hi);
            let remote = TrafficSelector::new(ip_of(d.v4, d.lo), ip_of(d.v4, d.hi), protocol, rp.lo, rp.hi);
            if let (Some(l), Some(rm)) = (local, remote) {
                if out.len() >= MAX_SELECTOR_PAIRS {
                    return Err(SelectorError::TooManyPairs);
                }
                out.push((l, rm));
            }
        }
    }
    Ok(())
}

/// A 5-dimensional box of inclusive intervals: source, destination, protocol, local port
/// field, remote port field.
type Box5 = [(u128, u128); 5];

fn subtract(a: &Box5, b: &Box5, out: &mut Vec<Box5>) {
    if a.iter().zip(b.iter()).any(|(x, y)| x.1 < y.0 || y.1 < x.0) {
        out.push(*a);
        return;
    }
    let mut rest = *a;
    for dim in 0..5 {
        let (Some(&(lo, hi)), Some(&(blo, bhi))) = (rest.get(dim), b.get(dim)) else { continue };
        if lo < blo {
            let mut piece = rest;
            if let Some(p) = piece.get_mut(dim) {
                *p = (lo, blo - 1);
            }
            out.push(piece);
        }
        if bhi < hi {
            let mut piece = rest;
            if let Some(p) = piece.get_mut(dim) {
                *p = (bhi + 1, hi);
            }
            out.push(piece);
        }
        if let Some(p) = rest.get_mut(dim) {
            *p = (lo.max(blo), hi.min(bhi));
        }
    }
}

fn contains_box(outer: &Box5, inner: &Box5) -> bool {
    outer.iter().zip(inner.iter()).all(|(o, i)| o.0 <= i.0 && i.1 <= o.1)
}

/// True when every address of `[lo, hi]` matches `m` (exact for non-contiguous wildcards).
fn range_in_match(v4: bool, lo: u128, hi: u128, m: &AddrMatch) -> bool {
    match *m {
        AddrMatch::Any => true,
        AddrMatch::V4Range { lo: a, hi: b } => v4 && u128::from(a) <= lo && hi <= u128::from(b),
        AddrMatch::V6Range { lo: a, hi: b } => !v4 && a <= lo && hi <= b,
        AddrMatch::V4 { addr, wildcard } => v4 && cidr_blocks_in(lo, hi, u128::from(addr), u128::from(wildcard)),
        AddrMatch::V6 { addr, wildcard } => !v4 && cidr_blocks_in(lo, hi, addr, wildcard),
    }
}

/// Splits `[lo, hi]` into aligned blocks and checks each against the wildcard.
fn cidr_blocks_in(mut lo: u128, hi: u128, addr: u128, wc: u128) -> bool {
    loop {
        if lo > hi {
            return true;
        }
        // Largest aligned block starting at `lo` that fits in `[lo, hi]`.
        let mut size_bits = if lo == 0 { 127 } else { lo.trailing_zeros().min(127) };
        while size_bits > 0 && (lo.checked_add((1u128 << size_bits) - 1).is_none_or(|e| e > hi)) {
            size_bits -= 1;
        }
        let host = (1u128 << size_bits) - 1;
        if host & !wc != 0 || (lo ^ addr) & !wc & !host != 0 {
            return false;
        }
        match lo.checked_add(host).and_then(|e| e.checked_add(1)) {
            Some(next) => lo = next,
            None => return true,
        }
    }
}

fn sel_box(local: &TrafficSelector, remote: &TrafficSelector) -> Option<Box5> {
    let num = |a: IpAddr| match a {
        IpAddr::V4(v) => u128::from(u32::from(v)),
        IpAddr::V6(v) => u128::from(v),
    };
    let protocol = match (local.protocol().is_any(), remote.protocol().is_any()) {
        (true, true) => (0, 255),
        (false, true) => (u128::from(local.protocol().0), u128::from(local.protocol().0)),
        (true, false) => (u128::from(remote.protocol().0), u128::from(remote.protocol().0)),
        (false, false) if local.protocol() == remote.protocol() => {
            (u128::from(local.protocol().0), u128::from(local.protocol().0))
        }
        (false, false) => return None,
    };
    Some([
        (num(local.start()), num(local.end())),
        (num(remote.start()), num(remote.end())),
        protocol,
        (u128::from(local.start_port()), u128::from(local.end_port())),
        (u128::from(remote.start_port()), u128::from(remote.end_port())),
    ])
}

fn rule_l4_box(r: &Rule) -> [(u128, u128); 3] {
    let protocol = r.protocol.map_or((0, 255), |p| (u128::from(p), u128::from(p)));
    let lp = local_ports(r);
    [protocol, (u128::from(lp.lo), u128::from(lp.hi)), (u128::from(r.dst_ports.lo), u128::from(r.dst_ports.hi))]
}

impl Ace {
    /// The mirror image: source and destination (with their ports) swapped; ICMP type, options
    /// and the rest kept. The source text becomes the mirrored ACE as printed.
    ///
    /// # Errors
    /// [`SelectorError::StandardList`] for standard lists.
    pub fn mirror(&self) -> Result<Ace, SelectorError> {
        if self.kind.is_standard() {
            return Err(SelectorError::StandardList);
        }
        let mut m = self.clone();
        core::mem::swap(&mut m.src, &mut m.dst);
        core::mem::swap(&mut m.src_ports, &mut m.dst_ports);
        m.source = Source { text: m.to_string(), span: self.source.span };
        Ok(m)
    }

    /// The `(local, remote)` IKEv2 traffic-selector pairs the ACE stands for (see the module
    /// docs for direction, ICMP and wildcards). An `inactive` ACE gives none.
    ///
    /// # Errors
    /// [`SelectorError`] when a part of the ACE has no selector form.
    pub fn to_traffic_selectors(&self) -> Result<Vec<(TrafficSelector, TrafficSelector)>, SelectorError> {
        if self.kind.is_standard() {
            return Err(SelectorError::StandardList);
        }
        let mut out = Vec::new();
        for r in self.rules(0) {
            rule_pairs(&r, &mut out)?;
        }
        Ok(out)
    }

    /// The `(local, remote)` IKEv1 proxy identities (RFC 2407 §4.6.2) the ACE stands for.
    ///
    /// # Errors
    /// As [`Ace::to_traffic_selectors`], plus [`SelectorError::PortRangeNotExpressible`] and
    /// [`SelectorError::IcmpNotExpressible`] for what one ID payload cannot carry.
    pub fn to_ikev1_proxies(&self) -> Result<Vec<(ProxyId, ProxyId)>, SelectorError> {
        let pairs = self.to_traffic_selectors()?;
        let mut out = Vec::with_capacity(pairs.len());
        for (l, r) in pairs {
            if matches!(l.protocol().0, 1 | 58) && !(l.is_any_port() && r.is_any_port()) {
                return Err(SelectorError::IcmpNotExpressible);
            }
            out.push((ProxyId::from_selector(&l)?, ProxyId::from_selector(&r)?));
        }
        Ok(out)
    }

    /// True when every packet of the flow `local → remote` (addresses, protocol, ports; ICMP
    /// type/code in the local port field) matches this ACE as written, whatever its action:
    /// the responder's proxy check (DESIGN §3.8, IOS guide 003:624 "subset").
    #[must_use]
    pub fn covers(&self, local: &TrafficSelector, remote: &TrafficSelector) -> bool {
        if self.kind.is_standard() || local.is_ipv4() != remote.is_ipv4() {
            return false;
        }
        let Some(query) = sel_box(local, remote) else { return false };
        let v4 = local.is_ipv4();
        let rules: Vec<Rule> = self.rules(0).into_iter().filter(|r| !r.fragments_only).collect();
        // One rule containing the whole flow (exact for non-contiguous wildcards).
        let [_, _, qp, ql, qr] = query;
        for r in &rules {
            let [p, l, rm] = rule_l4_box(r);
            if contains_box(&[p, l, rm, (0, 0), (0, 0)], &[qp, ql, qr, (0, 0), (0, 0)])
                && range_in_match(v4, query[0].0, query[0].1, &r.src)
                && range_in_match(v4, query[1].0, query[1].1, &r.dst)
            {
                return true;
            }
        }
        // Several rules together: subtract each rule's boxes from the flow.
        let mut remaining = alloc::vec![query];
        for r in &rules {
            let (Ok(srcs), Ok(dsts)) = (addr_spans(&r.src), addr_spans(&r.dst)) else { continue };
            let [p, l, rm] = rule_l4_box(r);
            for s in srcs.iter().filter(|s| s.v4 == v4) {
                for d in dsts.iter().filter(|d| d.v4 == v4) {
                    let b: Box5 = [(s.lo, s.hi), (d.lo, d.hi), p, l, rm];
                    let mut next = Vec::new();
                    for a in &remaining {
                        subtract(a, &b, &mut next);
                    }
                    if next.len() > MAX_COVER_BOXES {
                        return false;
                    }
                    remaining = next;
                    if remaining.is_empty() {
                        return true;
                    }
                }
            }
        }
        remaining.is_empty()
    }

    /// The ACEs (in `kind`'s syntax, with `action`) whose union is exactly the flow `local →
    /// remote`: one ACE when both address ranges are prefixes, more when a range must be split
    /// into prefixes. For dynamic entries and `show` output.
    ///
    /// # Errors
    /// [`SelectorError::StandardList`] for a standard `kind`, [`SelectorError::Family`] when
    /// the family does not fit, [`SelectorError::IcmpNotExpressible`] for an ICMP type range,
    /// [`SelectorError::PortsWithoutProtocol`], [`SelectorError::TooManyPairs`].
    pub fn from_selectors(
        action: Action,
        local: &TrafficSelector,
        remote: &TrafficSelector,
        kind: AclKind,
    ) -> Result<Vec<Ace>, SelectorError> {
        if kind.is_standard() {
            return Err(SelectorError::StandardList);
        }
        let v4 = local.is_ipv4();
        if v4 != remote.is_ipv4() || (v4 && !kind.allows_v4()) || (!v4 && !kind.allows_v6()) {
            return Err(SelectorError::Family);
        }
        let proto = if local.protocol().is_any() { remote.protocol() } else { local.protocol() };
        if !local.protocol().is_any() && !remote.protocol().is_any() && local.protocol() != remote.protocol() {
            return Err(SelectorError::Family);
        }
        let protocol = if proto.is_any() {
            ProtocolSpec::Ip
        } else {
            let bit = match kind.dialect() {
                Dialect::Ios => names::IOS,
                Dialect::Asa | Dialect::Pix => names::ASA,
            };
            let name = if kind == AclKind::IosIpv6 && proto.0 == 58 {
                Some("icmp")
            } else {
                names::protocol_name(proto.0, bit)
            };
            ProtocolSpec::Number { number: proto.0, name }
        };
        let port_spec = |ts: &TrafficSelector| -> Option<PortSpec> {
            if ts.is_any_port() {
                None
            } else if ts.start_port() == ts.end_port() {
                Some(PortSpec::Eq(Port::number(ts.start_port())))
            } else {
                Some(PortSpec::Range(Port::number(ts.start_port()), Port::number(ts.end_port())))
            }
        };
        let (mut src_ports, mut dst_ports, mut icmp) = (None, None, None);
        if matches!(proto.0, 1 | 58) {
            if !remote.is_any_port() {
                return Err(SelectorError::IcmpNotExpressible);
            }
            if !local.is_any_port() {
                let (lo, hi) = (local.start_port(), local.end_port());
                let t = u8::try_from(lo >> 8).unwrap_or(u8::MAX);
                icmp = Some(if lo == hi {
                    IcmpSpec::Type { icmp_type: t, code: Some(u8::try_from(lo & 0xff).unwrap_or(0)), name: None }
                } else if lo & 0xff == 0 && hi == lo | 0xff {
                    IcmpSpec::Type { icmp_type: t, code: None, name: None }
                } else {
                    return Err(SelectorError::IcmpNotExpressible);
                });
            }
        } else if proto.has_ports() {
            src_ports = port_spec(local);
            dst_ports = port_spec(remote);
        } else if !local.is_any_port() || !remote.is_any_port() {
            return Err(SelectorError::PortsWithoutProtocol { protocol: proto.0 });
        }
        let srcs = range_specs(local, kind);
        let dsts = range_specs(remote, kind);
        if srcs.len().saturating_mul(dsts.len()) > MAX_SELECTOR_PAIRS {
            return Err(SelectorError::TooManyPairs);
        }
        let mut out = Vec::new();
        for s in &srcs {
            for d in &dsts {
                let mut ace = Ace {
                    kind,
                    sequence: None,
                    action,
                    protocol: protocol.clone(),
                    src: s.clone(),
                    src_ports: src_ports.clone(),
                    dst: d.clone(),
                    dst_ports: dst_ports.clone(),
                    icmp: icmp.clone(),
                    fragments: false,
                    options: Vec::new(),
                    source: Source::default(),
                };
                ace.source.text = ace.to_string();
                out.push(ace);
            }
        }
        Ok(out)
    }

    /// [`Ace::from_selectors`] for a pair of IKEv1 proxy identities.
    ///
    /// # Errors
    /// As [`ProxyId::to_selector`] and [`Ace::from_selectors`].
    pub fn from_proxies(
        action: Action,
        local: &ProxyId,
        remote: &ProxyId,
        kind: AclKind,
    ) -> Result<Vec<Ace>, SelectorError> {
        Self::from_selectors(action, &local.to_selector()?, &remote.to_selector()?, kind)
    }
}

/// The address specs whose union is the selector's range, in `kind`'s syntax.
fn range_specs(ts: &TrafficSelector, kind: AclKind) -> Vec<AddressSpec> {
    let v4 = ts.is_ipv4();
    let num = |a: IpAddr| match a {
        IpAddr::V4(v) => u128::from(u32::from(v)),
        IpAddr::V6(v) => u128::from(v),
    };
    let width: u32 = if v4 { 32 } else { 128 };
    let (mut lo, hi) = (num(ts.start()), num(ts.end()));
    let full_hi = if v4 { u128::from(u32::MAX) } else { u128::MAX };
    let asa = matches!(kind.dialect(), Dialect::Asa);
    if lo == 0 && hi == full_hi {
        return alloc::vec![match (v4, asa) {
            (true, true) => AddressSpec::Any4,
            (false, true) => AddressSpec::Any6,
            _ => AddressSpec::Any,
        }];
    }
    let mut out = Vec::new();
    loop {
        let mut bits = if lo == 0 { width.min(127) } else { lo.trailing_zeros().min(width) };
        while bits > 0 && lo.checked_add((1u128 << bits.min(127)) - 1).is_none_or(|e| e > hi) {
            bits -= 1;
        }
        let host = if bits >= 128 { u128::MAX } else { (1u128 << bits) - 1 };
        let len = u8::try_from(width - bits).unwrap_or(0);
        let spec = if bits == 0 {
            AddressSpec::Host(ip_of(v4, lo))
        } else if v4 {
            let a = Ipv4Addr::from(u32::try_from(lo).unwrap_or(0));
            let wc = u32::try_from(host).unwrap_or(u32::MAX);
            match kind.dialect() {
                Dialect::Ios => AddressSpec::Wildcard { addr: a, wildcard: Ipv4Addr::from(wc) },
                Dialect::Asa | Dialect::Pix => AddressSpec::Netmask { addr: a, mask: Ipv4Addr::from(!wc) },
            }
        } else {
            AddressSpec::Prefix { addr: Ipv6Addr::from(lo), len }
        };
        out.push(spec);
        match lo.checked_add(host).and_then(|e| e.checked_add(1)) {
            Some(next) if next <= hi => lo = next,
            _ => break,
        }
    }
    out
}

impl AccessList {
    /// The mirror image of every ACE (remarks kept): the list a peer needs (IOS guide
    /// 003:612-626, ASA guide 000:688).
    ///
    /// # Errors
    /// [`SelectorError::StandardList`] for standard lists.
    pub fn mirror(&self) -> Result<AccessList, SelectorError> {
        let mut m = self.clone();
        for e in &mut m.entries {
            if let Entry::Ace(a) = e {
                *a = a.mirror()?;
            }
        }
        Ok(m)
    }

    /// The index of the first *permit* ACE that covers the flow `local → remote` (deny ACEs
    /// are ignored, DESIGN §3.8 and ASA guide 000:584): the responder's proxy check and the
    /// post-decryption check.
    #[must_use]
    pub fn permit_covering(&self, local: &TrafficSelector, remote: &TrafficSelector) -> Option<usize> {
        self.aces()
            .enumerate()
            .find(|(_, a)| a.action == Action::Permit && !a.is_inactive() && a.covers(local, remote))
            .map(|(i, _)| i)
    }
}
