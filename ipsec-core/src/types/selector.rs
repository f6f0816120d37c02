//! Traffic selectors: one side of a flow, as an address range, a protocol and a port range.

use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An IP protocol number; 0 means "any protocol" in a selector (RFC 7296 §3.13.1, RFC 2407
/// §4.6.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IpProtocol(pub u8);

impl IpProtocol {
    /// Any protocol (selector wildcard).
    pub const ANY: IpProtocol = IpProtocol(0);
    /// ICMP.
    pub const ICMP: IpProtocol = IpProtocol(1);
    /// TCP.
    pub const TCP: IpProtocol = IpProtocol(6);
    /// UDP.
    pub const UDP: IpProtocol = IpProtocol(17);
    /// GRE.
    pub const GRE: IpProtocol = IpProtocol(47);
    /// ESP.
    pub const ESP: IpProtocol = IpProtocol(50);
    /// AH.
    pub const AH: IpProtocol = IpProtocol(51);
    /// ICMPv6.
    pub const ICMPV6: IpProtocol = IpProtocol(58);

    /// True for the wildcard.
    #[must_use]
    pub const fn is_any(self) -> bool {
        self.0 == 0
    }

    /// True for protocols whose selectors carry ports (TCP, UDP, SCTP, UDP-Lite).
    #[must_use]
    pub const fn has_ports(self) -> bool {
        matches!(self.0, 6 | 17 | 132 | 136)
    }
}

/// One side of a flow: an inclusive address range of one family, a protocol (0 = any) and an
/// inclusive port range (`0..=65535` = any port).
///
/// This is the shape of an IKEv2 traffic selector (RFC 7296 §3.13.1) and covers every IKEv1
/// ID payload used as a proxy identity (address, subnet, range; RFC 2407 §4.6.2), so both IKE
/// crates and the crypto-map evaluator speak it. For ICMP the "ports" carry type and code as
/// RFC 4301 §4.4.1.1 puts them (type in the high byte), so `0..=65535` is again "any".
///
/// The constructor keeps the invariants: both addresses of one family, `start <= end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TrafficSelector {
    start: IpAddr,
    end: IpAddr,
    protocol: IpProtocol,
    start_port: u16,
    end_port: u16,
}

/// An address as a 128-bit number and its family width, for uniform range arithmetic.
fn to_u128(addr: IpAddr) -> u128 {
    match addr {
        IpAddr::V4(a) => u128::from(u32::from(a)),
        IpAddr::V6(a) => u128::from(a),
    }
}

fn from_u128(v4: bool, value: u128) -> IpAddr {
    if v4 {
        IpAddr::V4(Ipv4Addr::from(u32::try_from(value).unwrap_or(u32::MAX)))
    } else {
        IpAddr::V6(Ipv6Addr::from(value))
    }
}

impl TrafficSelector {
    /// A selector from its parts; `None` when the addresses differ in family or
    /// `start > end`, or the ports are reversed.
    #[must_use]
    pub fn new(start: IpAddr, end: IpAddr, protocol: IpProtocol, start_port: u16, end_port: u16) -> Option<Self> {
        if start.is_ipv4() != end.is_ipv4() || to_u128(start) > to_u128(end) || start_port > end_port {
            return None;
        }
        Some(Self { start, end, protocol, start_port, end_port })
    }

    /// Every IPv4 address, any protocol and port.
    #[must_use]
    pub const fn any_v4() -> Self {
        Self {
            start: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            end: IpAddr::V4(Ipv4Addr::BROADCAST),
            protocol: IpProtocol::ANY,
            start_port: 0,
            end_port: u16::MAX,
        }
    }

    /// Every IPv6 address, any protocol and port.
    #[must_use]
    pub const fn any_v6() -> Self {
        Self {
            start: IpAddr::V6(Ipv6Addr::UNSPECIFIED),
            end: IpAddr::V6(Ipv6Addr::new(0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff)),
            protocol: IpProtocol::ANY,
            start_port: 0,
            end_port: u16::MAX,
        }
    }

    /// One address, any protocol and port.
    #[must_use]
    pub const fn host(addr: IpAddr) -> Self {
        Self { start: addr, end: addr, protocol: IpProtocol::ANY, start_port: 0, end_port: u16::MAX }
    }

    /// The addresses of a prefix (host bits of `addr` ignored), any protocol and port.
    /// `None` when `prefix_len` exceeds the family's width.
    #[must_use]
    pub fn prefix(addr: IpAddr, prefix_len: u8) -> Option<Self> {
        let width: u32 = if addr.is_ipv4() { 32 } else { 128 };
        let len = u32::from(prefix_len);
        if len > width {
            return None;
        }
        let host_bits = width - len;
        let host_mask: u128 = if host_bits == 0 { 0 } else { u128::MAX >> (128 - host_bits) };
        let value = to_u128(addr);
        let v4 = addr.is_ipv4();
        Self::new(from_u128(v4, value & !host_mask), from_u128(v4, value | host_mask), IpProtocol::ANY, 0, u16::MAX)
    }

    /// The same addresses, restricted to `protocol` (ports reset to any).
    #[must_use]
    pub const fn with_protocol(mut self, protocol: IpProtocol) -> Self {
        self.protocol = protocol;
        self.start_port = 0;
        self.end_port = u16::MAX;
        self
    }

    /// The same addresses and protocol, restricted to the port range; `None` if reversed.
    #[must_use]
    pub const fn with_ports(mut self, start_port: u16, end_port: u16) -> Option<Self> {
        if start_port > end_port {
            return None;
        }
        self.start_port = start_port;
        self.end_port = end_port;
        Some(self)
    }

    /// First address.
    #[must_use]
    pub const fn start(&self) -> IpAddr {
        self.start
    }

    /// Last address.
    #[must_use]
    pub const fn end(&self) -> IpAddr {
        self.end
    }

    /// Protocol (0 = any).
    #[must_use]
    pub const fn protocol(&self) -> IpProtocol {
        self.protocol
    }

    /// First port.
    #[must_use]
    pub const fn start_port(&self) -> u16 {
        self.start_port
    }

    /// Last port.
    #[must_use]
    pub const fn end_port(&self) -> u16 {
        self.end_port
    }

    /// True for an IPv4 selector.
    #[must_use]
    pub const fn is_ipv4(&self) -> bool {
        self.start.is_ipv4()
    }

    /// True when every port matches.
    #[must_use]
    pub const fn is_any_port(&self) -> bool {
        self.start_port == 0 && self.end_port == u16::MAX
    }

    /// True when the range is a single address.
    #[must_use]
    pub fn is_host(&self) -> bool {
        self.start == self.end
    }

    /// The prefix length when the address range is exactly one CIDR block (what IKEv1 sends as
    /// an `ID_IPV4_ADDR_SUBNET`), else `None`.
    #[must_use]
    pub fn prefix_len(&self) -> Option<u8> {
        let width: u32 = if self.is_ipv4() { 32 } else { 128 };
        let start = to_u128(self.start);
        let span = to_u128(self.end) ^ start;
        // The span must be 2^k - 1 and the start aligned to it.
        if span.checked_add(1).is_some_and(|n| !n.is_power_of_two()) || start & span != 0 {
            return None;
        }
        let host_bits = 128 - span.leading_zeros();
        u8::try_from(width - host_bits).ok()
    }

    /// True when the selector matches one packet's address, protocol and port. A packet with
    /// no port (other protocols, non-initial fragments) matches only an any-port selector
    /// (RFC 4301 §4.4.1.1 "OPAQUE" handling).
    #[must_use]
    pub fn matches(&self, addr: IpAddr, protocol: IpProtocol, port: Option<u16>) -> bool {
        self.contains_addr(addr)
            && (self.protocol.is_any() || self.protocol == protocol)
            && match port {
                Some(p) => self.start_port <= p && p <= self.end_port,
                None => self.is_any_port(),
            }
    }

    /// True when `addr` is in the address range (same family).
    #[must_use]
    pub fn contains_addr(&self, addr: IpAddr) -> bool {
        addr.is_ipv4() == self.is_ipv4() && to_u128(self.start) <= to_u128(addr) && to_u128(addr) <= to_u128(self.end)
    }

    /// True when every packet `other` matches, `self` matches too (`other ⊆ self`): the test a
    /// responder applies to proposed proxies (RFC 7296 §2.9, DESIGN §3.8).
    #[must_use]
    pub fn contains(&self, other: &TrafficSelector) -> bool {
        self.is_ipv4() == other.is_ipv4()
            && to_u128(self.start) <= to_u128(other.start)
            && to_u128(other.end) <= to_u128(self.end)
            && (self.protocol.is_any() || self.protocol == other.protocol)
            && self.start_port <= other.start_port
            && other.end_port <= self.end_port
    }

    /// The packets both selectors match, or `None` when they share none: the narrowing of
    /// RFC 7296 §2.9.
    #[must_use]
    pub fn intersect(&self, other: &TrafficSelector) -> Option<TrafficSelector> {
        if self.is_ipv4() != other.is_ipv4() {
            return None;
        }
        let protocol = match (self.protocol.is_any(), other.protocol.is_any()) {
            (true, _) => other.protocol,
            (_, true) => self.protocol,
            _ if self.protocol == other.protocol => self.protocol,
            _ => return None,
        };
        let start = to_u128(self.start).max(to_u128(other.start));
        let end = to_u128(self.end).min(to_u128(other.end));
        let v4 = self.is_ipv4();
        Self::new(
            from_u128(v4, start),
            from_u128(v4, end),
            protocol,
            self.start_port.max(other.start_port),
            self.end_port.min(other.end_port),
        )
    }
}

impl fmt::Display for TrafficSelector {
    /// `10.1.0.0/24`, `10.0.0.1-10.0.0.9`, `10.0.0.1/32[tcp/80-81]`, in strongSwan's style.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.prefix_len() {
            Some(len) => write!(f, "{}/{len}", self.start)?,
            None => write!(f, "{}-{}", self.start, self.end)?,
        }
        if !self.protocol.is_any() || !self.is_any_port() {
            let name = match self.protocol {
                IpProtocol::ANY => "any",
                IpProtocol::TCP => "tcp",
                IpProtocol::UDP => "udp",
                IpProtocol::ICMP => "icmp",
                _ => "",
            };
            if name.is_empty() {
                write!(f, "[{}", self.protocol.0)?;
            } else {
                write!(f, "[{name}")?;
            }
            if !self.is_any_port() {
                if self.start_port == self.end_port {
                    write!(f, "/{}", self.start_port)?;
                } else {
                    write!(f, "/{}-{}", self.start_port, self.end_port)?;
                }
            }
            f.write_str("]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn v4(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn prefix_and_display() {
        let ts = TrafficSelector::prefix(v4("10.1.0.77"), 24).unwrap();
        assert_eq!(ts.start(), v4("10.1.0.0"));
        assert_eq!(ts.end(), v4("10.1.0.255"));
        assert_eq!(ts.prefix_len(), Some(24));
        assert_eq!(ts.to_string(), "10.1.0.0/24");
        let range = TrafficSelector::new(v4("10.0.0.1"), v4("10.0.0.9"), IpProtocol::TCP, 80, 81).unwrap();
        assert_eq!(range.prefix_len(), None);
        assert_eq!(range.to_string(), "10.0.0.1-10.0.0.9[tcp/80-81]");
        assert_eq!(TrafficSelector::any_v4().prefix_len(), Some(0));
        assert_eq!(TrafficSelector::any_v6().prefix_len(), Some(0));
        assert_eq!(TrafficSelector::host(v4("1.2.3.4")).prefix_len(), Some(32));
        assert_eq!(TrafficSelector::prefix("2001:db8::1".parse().unwrap(), 64).unwrap().to_string(), "2001:db8::/64");
    }

    #[test]
    fn subset_and_intersection() {
        let net = TrafficSelector::prefix(v4("10.0.0.0"), 8).unwrap();
        let host = TrafficSelector::host(v4("10.2.3.4")).with_protocol(IpProtocol::UDP).with_ports(53, 53).unwrap();
        assert!(net.contains(&host));
        assert!(!host.contains(&net));
        assert_eq!(net.intersect(&host), Some(host));
        let other = TrafficSelector::prefix(v4("11.0.0.0"), 8).unwrap();
        assert_eq!(net.intersect(&other), None);
        assert!(!net.contains(&TrafficSelector::any_v6()));
    }

    #[test]
    fn invariants() {
        assert!(TrafficSelector::new(v4("10.0.0.2"), v4("10.0.0.1"), IpProtocol::ANY, 0, 1).is_none());
        assert!(TrafficSelector::new(v4("10.0.0.1"), "::1".parse().unwrap(), IpProtocol::ANY, 0, 1).is_none());
        assert!(TrafficSelector::prefix(v4("10.0.0.0"), 33).is_none());
    }

    #[test]
    fn packet_match() {
        let ts = TrafficSelector::prefix(v4("10.0.0.0"), 24)
            .unwrap()
            .with_protocol(IpProtocol::TCP)
            .with_ports(80, 80)
            .unwrap();
        assert!(ts.matches(v4("10.0.0.5"), IpProtocol::TCP, Some(80)));
        assert!(!ts.matches(v4("10.0.0.5"), IpProtocol::TCP, Some(81)));
        assert!(!ts.matches(v4("10.0.0.5"), IpProtocol::TCP, None));
        assert!(!ts.matches(v4("10.0.0.5"), IpProtocol::UDP, Some(80)));
        assert!(TrafficSelector::any_v4().matches(v4("1.1.1.1"), IpProtocol::GRE, None));
    }
}
