//! The flattened form every evaluator works on: one [`Rule`] per elementary match of an ACE,
//! and the [`Packet`] key it is matched against.
//!
//! An ACE that names object-groups, or a port operator such as `neq` that is not one range,
//! flattens into several rules that all carry the ACE's index, so that first-match over the
//! rules in order gives exactly the ACE a device would report. [`Rule::matches`] is the
//! reference semantics; the linear scan ([`first_match`]) and the compiled classifier must agree
//! with it.

use core::net::IpAddr;

/// What an ACE does with a packet it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// `permit`.
    Permit,
    /// `deny`.
    Deny,
}

/// An address test: `(packet ^ addr) & !wildcard == 0` within one family, or an inclusive range.
///
/// IOS wildcard masks (including non-contiguous ones), ASA/PIX netmasks (stored as their
/// complement), IPv6 prefixes, `host` and `any4`/`any6` are all the wildcard form; ASA `object
/// network ... range` is the range form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddrMatch {
    /// Any address of either family (ASA 9.x `any`).
    Any,
    /// IPv4 address and wildcard (set bits are "don't care").
    V4 {
        /// Address bits (host bits already cleared where the wildcard is set).
        addr: u32,
        /// Wildcard: 1 bits are ignored.
        wildcard: u32,
    },
    /// IPv6 address and wildcard.
    V6 {
        /// Address bits.
        addr: u128,
        /// Wildcard: 1 bits are ignored.
        wildcard: u128,
    },
    /// Inclusive IPv4 range.
    V4Range {
        /// First address.
        lo: u32,
        /// Last address.
        hi: u32,
    },
    /// Inclusive IPv6 range.
    V6Range {
        /// First address.
        lo: u128,
        /// Last address.
        hi: u128,
    },
}

impl AddrMatch {
    /// Every IPv4 address (`any4`, and `any` in an IPv4 ACL).
    pub const ANY_V4: AddrMatch = AddrMatch::V4 { addr: 0, wildcard: u32::MAX };
    /// Every IPv6 address (`any6`, and `any` in an IPv6 ACL).
    pub const ANY_V6: AddrMatch = AddrMatch::V6 { addr: 0, wildcard: u128::MAX };

    /// One host.
    #[must_use]
    pub fn host(addr: IpAddr) -> Self {
        match addr {
            IpAddr::V4(a) => AddrMatch::V4 { addr: u32::from(a), wildcard: 0 },
            IpAddr::V6(a) => AddrMatch::V6 { addr: u128::from(a), wildcard: 0 },
        }
    }

    /// IPv4 address with an IOS wildcard mask; host bits under the wildcard are cleared.
    #[must_use]
    pub const fn v4_wildcard(addr: u32, wildcard: u32) -> Self {
        AddrMatch::V4 { addr: addr & !wildcard, wildcard }
    }

    /// IPv4 address with a netmask (ASA/PIX); host bits outside the mask are cleared.
    #[must_use]
    pub const fn v4_netmask(addr: u32, netmask: u32) -> Self {
        Self::v4_wildcard(addr, !netmask)
    }

    /// IPv6 prefix; bits beyond the prefix are cleared. Lengths over 128 are clamped.
    #[must_use]
    pub fn v6_prefix(addr: u128, len: u8) -> Self {
        let wildcard = match u128::MAX.checked_shr(u32::from(len)) {
            Some(w) if len > 0 => w,
            Some(_) => u128::MAX,
            None => 0,
        };
        AddrMatch::V6 { addr: addr & !wildcard, wildcard }
    }

    /// True when `addr` matches.
    #[must_use]
    pub fn matches(&self, addr: IpAddr) -> bool {
        match (*self, addr) {
            (AddrMatch::Any, _) => true,
            (AddrMatch::V4 { addr: a, wildcard }, IpAddr::V4(p)) => (u32::from(p) ^ a) & !wildcard == 0,
            (AddrMatch::V6 { addr: a, wildcard }, IpAddr::V6(p)) => (u128::from(p) ^ a) & !wildcard == 0,
            (AddrMatch::V4Range { lo, hi }, IpAddr::V4(p)) => (lo..=hi).contains(&u32::from(p)),
            (AddrMatch::V6Range { lo, hi }, IpAddr::V6(p)) => (lo..=hi).contains(&u128::from(p)),
            _ => false,
        }
    }
}

/// An inclusive port range; `0..=65535` is "any port".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PortRange {
    /// First port.
    pub lo: u16,
    /// Last port.
    pub hi: u16,
}

impl PortRange {
    /// Every port.
    pub const ANY: PortRange = PortRange { lo: 0, hi: u16::MAX };

    /// One port.
    #[must_use]
    pub const fn single(port: u16) -> Self {
        PortRange { lo: port, hi: port }
    }

    /// True for `0..=65535`.
    #[must_use]
    pub const fn is_any(&self) -> bool {
        self.lo == 0 && self.hi == u16::MAX
    }

    /// True when `port` is in the range.
    #[must_use]
    pub const fn contains(&self, port: u16) -> bool {
        self.lo <= port && port <= self.hi
    }
}

/// The ICMP (or ICMPv6) part of an ACE: a type and an optional code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IcmpMatch {
    /// ICMP type.
    pub icmp_type: u8,
    /// ICMP code; `None` matches every code of the type.
    pub code: Option<u8>,
}

/// One elementary match of an ACE.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Permit or deny.
    pub action: Action,
    /// Index of the ACE this rule comes from (0-based among the ACL's ACEs, remarks excluded).
    pub ace_index: usize,
    /// IP protocol; `None` for `ip`/`ipv6` (any protocol).
    pub protocol: Option<u8>,
    /// Source address test.
    pub src: AddrMatch,
    /// Destination address test.
    pub dst: AddrMatch,
    /// Source ports (TCP/UDP; `ANY` otherwise).
    pub src_ports: PortRange,
    /// Destination ports (TCP/UDP; `ANY` otherwise).
    pub dst_ports: PortRange,
    /// ICMP type/code test.
    pub icmp: Option<IcmpMatch>,
    /// The IOS `fragments` keyword: the rule matches only non-initial fragments.
    pub fragments_only: bool,
}

/// The fields of a packet that ACEs look at.
///
/// `src_port`/`dst_port` are present for TCP/UDP (and SCTP) first fragments, `icmp` for
/// ICMP/ICMPv6 first fragments; a non-initial fragment carries none of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Packet {
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// IP protocol (IPv6: the upper-layer protocol after extension headers).
    pub protocol: u8,
    /// Source port, if the packet has one.
    pub src_port: Option<u16>,
    /// Destination port, if the packet has one.
    pub dst_port: Option<u16>,
    /// ICMP type and code, if the packet has them.
    pub icmp: Option<(u8, u8)>,
    /// True for a non-initial fragment (fragment offset > 0).
    pub non_initial_fragment: bool,
}

impl Packet {
    /// A TCP or UDP (or other ported protocol) first fragment.
    #[must_use]
    pub const fn ported(src: IpAddr, dst: IpAddr, protocol: u8, src_port: u16, dst_port: u16) -> Self {
        Packet {
            src,
            dst,
            protocol,
            src_port: Some(src_port),
            dst_port: Some(dst_port),
            icmp: None,
            non_initial_fragment: false,
        }
    }

    /// A packet without ports or ICMP fields.
    #[must_use]
    pub const fn plain(src: IpAddr, dst: IpAddr, protocol: u8) -> Self {
        Packet { src, dst, protocol, src_port: None, dst_port: None, icmp: None, non_initial_fragment: false }
    }
}

impl Rule {
    /// True when the rule carries layer-4 criteria (ports or ICMP type).
    #[must_use]
    pub fn has_l4(&self) -> bool {
        !self.src_ports.is_any() || !self.dst_ports.is_any() || self.icmp.is_some()
    }

    /// The reference matching semantics.
    ///
    /// Layer 3 (addresses, protocol) must match. Layer 4 follows Cisco's treatment of IP
    /// fragments (IOS "Access Control Lists and IP Fragments"): a non-initial fragment has no
    /// layer-4 header, so a *permit* rule with layer-4 criteria matches it on layer 3 alone,
    /// while a *deny* rule with layer-4 criteria does not match it (evaluation goes on); a rule
    /// with the `fragments` keyword matches only non-initial fragments. A first fragment
    /// without ports (a protocol that has none) matches only rules without port criteria.
    #[must_use]
    pub fn matches(&self, p: &Packet) -> bool {
        if self.protocol.is_some_and(|proto| proto != p.protocol)
            || !self.src.matches(p.src)
            || !self.dst.matches(p.dst)
        {
            return false;
        }
        if self.fragments_only {
            return p.non_initial_fragment;
        }
        if p.non_initial_fragment && self.has_l4() {
            return self.action == Action::Permit;
        }
        let port_ok = |range: PortRange, port: Option<u16>| match port {
            Some(port) => range.contains(port),
            None => range.is_any(),
        };
        let icmp_ok = match (self.icmp, p.icmp) {
            (None, _) => true,
            (Some(m), Some((t, c))) => m.icmp_type == t && m.code.is_none_or(|code| code == c),
            (Some(_), None) => false,
        };
        port_ok(self.src_ports, p.src_port) && port_ok(self.dst_ports, p.dst_port) && icmp_ok
    }
}

/// The result of evaluating an ACL against a packet: the first matching ACE, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// An ACE matched.
    Match {
        /// Its action.
        action: Action,
        /// Its index (0-based among the ACEs).
        ace_index: usize,
    },
    /// No ACE matched (the implicit deny of a filter; "no permit" for a crypto ACL).
    NoMatch,
}

/// First-match evaluation by scanning `rules` in order: the reference the compiled classifier
/// is tested against.
#[must_use]
pub fn first_match(rules: &[Rule], packet: &Packet) -> Verdict {
    rules
        .iter()
        .find(|r| r.matches(packet))
        .map_or(Verdict::NoMatch, |r| Verdict::Match { action: r.action, ace_index: r.ace_index })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::net::Ipv4Addr;

    fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(a, b, c, d))
    }

    fn rule(action: Action, dst_ports: PortRange) -> Rule {
        Rule {
            action,
            ace_index: 0,
            protocol: Some(6),
            src: AddrMatch::v4_netmask(0x0a00_0000, 0xff00_0000),
            dst: AddrMatch::ANY_V4,
            src_ports: PortRange::ANY,
            dst_ports,
            icmp: None,
            fragments_only: false,
        }
    }

    #[test]
    fn wildcards_and_netmasks() {
        // IOS non-contiguous wildcard: 10.0.0.0 0.255.0.255 matches 10.x.0.y.
        let m = AddrMatch::v4_wildcard(0x0a00_0000, 0x00ff_00ff);
        assert!(m.matches(v4(10, 7, 0, 9)));
        assert!(!m.matches(v4(10, 7, 1, 9)));
        let n = AddrMatch::v4_netmask(u32::from(Ipv4Addr::new(192, 168, 3, 3)), 0xffff_ffc0);
        assert_eq!(n, AddrMatch::V4 { addr: u32::from(Ipv4Addr::new(192, 168, 3, 0)), wildcard: 0x3f });
        assert!(!AddrMatch::ANY_V4.matches("::1".parse().unwrap()));
        assert!(AddrMatch::Any.matches("::1".parse().unwrap()));
        assert!(AddrMatch::v6_prefix(0x2001_0db8 << 96, 32).matches("2001:db8::5".parse().unwrap()));
        let host6 = AddrMatch::v6_prefix(1, 128);
        assert_eq!(host6, AddrMatch::V6 { addr: 1, wildcard: 0 });
        assert!(host6.matches("::1".parse().unwrap()) && !host6.matches("::2".parse().unwrap()));
        assert_eq!(AddrMatch::v6_prefix(1, 200), host6);
        assert_eq!(AddrMatch::v6_prefix(5, 0), AddrMatch::ANY_V6);
    }

    #[test]
    fn fragments_follow_cisco() {
        let mut frag = Packet::plain(v4(10, 0, 0, 1), v4(1, 1, 1, 1), 6);
        frag.non_initial_fragment = true;
        assert!(rule(Action::Permit, PortRange::single(80)).matches(&frag));
        assert!(!rule(Action::Deny, PortRange::single(80)).matches(&frag));
        assert!(rule(Action::Deny, PortRange::ANY).matches(&frag));
        let first = Packet::ported(v4(10, 0, 0, 1), v4(1, 1, 1, 1), 6, 1234, 80);
        let mut frag_only = rule(Action::Deny, PortRange::ANY);
        frag_only.fragments_only = true;
        assert!(!frag_only.matches(&first));
        assert!(frag_only.matches(&frag));
    }

    #[test]
    fn first_match_reports_ace() {
        let rules =
            [rule(Action::Deny, PortRange::single(22)), Rule { ace_index: 1, ..rule(Action::Permit, PortRange::ANY) }];
        let ssh = Packet::ported(v4(10, 0, 0, 1), v4(1, 1, 1, 1), 6, 999, 22);
        let web = Packet::ported(v4(10, 0, 0, 1), v4(1, 1, 1, 1), 6, 999, 80);
        assert_eq!(first_match(&rules, &ssh), Verdict::Match { action: Action::Deny, ace_index: 0 });
        assert_eq!(first_match(&rules, &web), Verdict::Match { action: Action::Permit, ace_index: 1 });
        assert_eq!(first_match(&rules, &Packet::plain(v4(11, 0, 0, 1), v4(1, 1, 1, 1), 6)), Verdict::NoMatch);
    }
}
