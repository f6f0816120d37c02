//! The keyword tables of the Cisco CLIs: IP protocol names, TCP/UDP port names and ICMP /
//! ICMPv6 message names, each marked with the dialects that accept it.
//!
//! Sources (reference only, checked against the public command references): the IOS "IP
//! access list" keyword lists (TCP and UDP port keywords, ICMP message names, IPv6 ICMP
//! message names) and the ASA "Addresses, Protocols, and Ports" appendix (TCP and UDP literal
//! names, ICMP types, protocol literals). A name that a table marks for the other dialect only
//! is still resolved, with a warning (the tables may be older or newer than a given device);
//! an unknown name is a parse error.

/// Dialect mask bit: accepted by IOS / IOS-XE.
pub(crate) const IOS: u8 = 1;
/// Dialect mask bit: accepted by ASA and PIX.
pub(crate) const ASA: u8 = 2;
const BOTH: u8 = IOS | ASA;

/// An IP protocol keyword: name, number, dialects.
pub(crate) struct ProtoName {
    pub(crate) name: &'static str,
    pub(crate) number: u8,
    pub(crate) dialects: u8,
}

const fn p(name: &'static str, number: u8, dialects: u8) -> ProtoName {
    ProtoName { name, number, dialects }
}

/// IP protocol keywords (`ip`/`ipv6` are handled by the parser: they mean any protocol).
pub(crate) static PROTOCOLS: &[ProtoName] = &[
    p("tcp", 6, BOTH),
    p("udp", 17, BOTH),
    p("icmp", 1, BOTH),
    p("icmp6", 58, ASA),
    p("ipv6-icmp", 58, BOTH),
    p("esp", 50, BOTH),
    p("ipsec", 50, ASA),
    p("ahp", 51, IOS),
    p("ah", 51, ASA),
    p("gre", 47, BOTH),
    p("pptp", 47, ASA),
    p("igmp", 2, BOTH),
    p("ipinip", 4, BOTH),
    p("igrp", 9, ASA),
    p("eigrp", 88, BOTH),
    p("ospf", 89, BOTH),
    p("nos", 94, BOTH),
    p("pim", 103, BOTH),
    p("pcp", 108, BOTH),
    p("snp", 109, ASA),
    p("sctp", 132, BOTH),
    p("hbh", 0, IOS),
];

/// Looks a protocol keyword up (already lower-case).
pub(crate) fn protocol(name: &str) -> Option<&'static ProtoName> {
    PROTOCOLS.iter().find(|e| e.name == name)
}

/// The keyword a dialect prints for a protocol number, if it has one.
pub(crate) fn protocol_name(number: u8, dialect_bit: u8) -> Option<&'static str> {
    PROTOCOLS.iter().find(|e| e.number == number && e.dialects & dialect_bit != 0 && e.name != "hbh").map(|e| e.name)
}

/// Port-name validity bits.
pub(crate) const IOS_TCP: u8 = 1;
pub(crate) const IOS_UDP: u8 = 2;
pub(crate) const ASA_TCP: u8 = 4;
pub(crate) const ASA_UDP: u8 = 8;
const IT: u8 = IOS_TCP;
const IU: u8 = IOS_UDP;
const AT: u8 = ASA_TCP;
const AU: u8 = ASA_UDP;

/// A TCP/UDP port keyword.
pub(crate) struct PortName {
    pub(crate) name: &'static str,
    pub(crate) port: u16,
    pub(crate) valid: u8,
}

const fn n(name: &'static str, port: u16, valid: u8) -> PortName {
    PortName { name, port, valid }
}

/// TCP/UDP port keywords of IOS and ASA/PIX with where each is valid.
pub(crate) static PORTS: &[PortName] = &[
    n("aol", 5190, AT),
    n("bgp", 179, IT | AT),
    n("biff", 512, IU | AU),
    n("bootpc", 68, IU | AU),
    n("bootps", 67, IU | AU),
    n("chargen", 19, IT | AT),
    n("cifs", 3020, AT | AU),
    n("citrix-ica", 1494, AT),
    n("cmd", 514, IT | AT),
    n("ctiqbe", 2748, AT),
    n("daytime", 13, IT | AT),
    n("discard", 9, IT | IU | AT | AU),
    n("dnsix", 195, IU | AU),
    n("domain", 53, IT | IU | AT | AU),
    n("drip", 3949, IT),
    n("echo", 7, IT | IU | AT | AU),
    n("exec", 512, IT | AT),
    n("finger", 79, IT | AT),
    n("ftp", 21, IT | AT),
    n("ftp-data", 20, IT | AT),
    n("gopher", 70, IT | AT),
    n("h323", 1720, AT),
    n("hostname", 101, IT | AT),
    n("http", 80, AT | AU),
    n("https", 443, AT),
    n("ident", 113, IT | AT),
    n("imap4", 143, AT),
    n("irc", 194, IT | AT),
    n("isakmp", 500, IU | AU),
    n("kerberos", 750, AT | AU),
    n("klogin", 543, IT | AT),
    n("kshell", 544, IT | AT),
    n("ldap", 389, AT),
    n("ldaps", 636, AT),
    n("login", 513, IT | AT),
    n("lotusnotes", 1352, AT),
    n("lpd", 515, IT | AT),
    n("mobile-ip", 434, IU | AU),
    n("msrpc", 135, IT),
    n("nameserver", 42, IU | AU),
    n("netbios-dgm", 138, IU | AU),
    n("netbios-ns", 137, IU | AU),
    n("netbios-ss", 139, IU),
    n("netbios-ssn", 139, AT),
    n("nfs", 2049, AT | AU),
    n("nntp", 119, IT | AT),
    n("non500-isakmp", 4500, IU),
    n("ntp", 123, IU | AU),
    n("onep-plain", 15001, IT),
    n("onep-tls", 15002, IT),
    n("pcanywhere-data", 5631, AT),
    n("pcanywhere-status", 5632, AU),
    n("pim-auto-rp", 496, IT | IU | AT | AU),
    n("pop2", 109, IT | AT),
    n("pop3", 110, IT | AT),
    n("pptp", 1723, AT),
    n("radius", 1645, AU),
    n("radius-acct", 1646, AU),
    n("rip", 520, IU | AU),
    n("ripv6", 521, IU),
    n("rsh", 514, AT),
    n("rtsp", 554, AT),
    n("secureid-udp", 5510, AU),
    n("sip", 5060, AT | AU),
    n("smtp", 25, IT | AT),
    n("snmp", 161, IU | AU),
    n("snmptrap", 162, IU | AU),
    n("sqlnet", 1521, AT),
    n("ssh", 22, AT),
    n("sunrpc", 111, IT | IU | AT | AU),
    n("syslog", 514, IU | AU),
    n("tacacs", 49, IT | IU | AT | AU),
    n("talk", 517, IT | IU | AT | AU),
    n("telnet", 23, IT | AT),
    n("tftp", 69, IU | AU),
    n("time", 37, IT | IU | AU),
    n("uucp", 540, IT | AT),
    n("vxlan", 4789, AU),
    n("who", 513, IU | AU),
    n("whois", 43, IT | AT),
    n("www", 80, IT | AT | AU),
    n("xdmcp", 177, IU | AU),
];

/// Looks a port keyword up (already lower-case).
pub(crate) fn port(name: &str) -> Option<&'static PortName> {
    PORTS.iter().find(|e| e.name == name)
}

/// An ICMP or ICMPv6 message keyword: a type and, for the specific names, a code.
pub(crate) struct IcmpName {
    pub(crate) name: &'static str,
    pub(crate) icmp_type: u8,
    pub(crate) code: Option<u8>,
    pub(crate) dialects: u8,
}

const fn i(name: &'static str, icmp_type: u8, code: Option<u8>, dialects: u8) -> IcmpName {
    IcmpName { name, icmp_type, code, dialects }
}

/// ICMP (IPv4) message keywords.
pub(crate) static ICMP4: &[IcmpName] = &[
    i("administratively-prohibited", 3, Some(13), IOS),
    i("alternate-address", 6, None, BOTH),
    i("conversion-error", 31, None, BOTH),
    i("dod-host-prohibited", 3, Some(10), IOS),
    i("dod-net-prohibited", 3, Some(9), IOS),
    i("echo", 8, None, BOTH),
    i("echo-reply", 0, None, BOTH),
    i("general-parameter-problem", 12, Some(0), IOS),
    i("host-isolated", 3, Some(8), IOS),
    i("host-precedence-unreachable", 3, Some(14), IOS),
    i("host-redirect", 5, Some(1), IOS),
    i("host-tos-redirect", 5, Some(3), IOS),
    i("host-tos-unreachable", 3, Some(12), IOS),
    i("host-unknown", 3, Some(7), IOS),
    i("host-unreachable", 3, Some(1), IOS),
    i("information-reply", 16, None, BOTH),
    i("information-request", 15, None, BOTH),
    i("mask-reply", 18, None, BOTH),
    i("mask-request", 17, None, BOTH),
    i("mobile-redirect", 32, None, BOTH),
    i("net-redirect", 5, Some(0), IOS),
    i("net-tos-redirect", 5, Some(2), IOS),
    i("net-tos-unreachable", 3, Some(11), IOS),
    i("net-unreachable", 3, Some(0), IOS),
    i("network-unknown", 3, Some(6), IOS),
    i("no-room-for-option", 12, Some(2), IOS),
    i("option-missing", 12, Some(1), IOS),
    i("packet-too-big", 3, Some(4), IOS),
    i("parameter-problem", 12, None, BOTH),
    i("port-unreachable", 3, Some(3), IOS),
    i("precedence-unreachable", 3, Some(15), IOS),
    i("protocol-unreachable", 3, Some(2), IOS),
    i("reassembly-timeout", 11, Some(1), IOS),
    i("redirect", 5, None, BOTH),
    i("router-advertisement", 9, None, BOTH),
    i("router-solicitation", 10, None, BOTH),
    i("source-quench", 4, None, BOTH),
    i("source-route-failed", 3, Some(5), IOS),
    i("time-exceeded", 11, None, BOTH),
    i("timestamp-reply", 14, None, BOTH),
    i("timestamp-request", 13, None, BOTH),
    i("traceroute", 30, None, BOTH),
    i("ttl-exceeded", 11, Some(0), IOS),
    i("unreachable", 3, None, BOTH),
];

/// ICMPv6 message keywords (IOS `ipv6 access-list` and ASA `icmp6`).
pub(crate) static ICMP6: &[IcmpName] = &[
    i("beyond-scope", 1, Some(2), IOS),
    i("destination-unreachable", 1, None, IOS),
    i("echo", 128, None, ASA),
    i("echo-reply", 129, None, BOTH),
    i("echo-request", 128, None, IOS),
    i("header", 4, Some(0), IOS),
    i("hop-limit", 3, Some(0), IOS),
    i("membership-query", 130, None, ASA),
    i("membership-reduction", 132, None, ASA),
    i("membership-report", 131, None, ASA),
    i("mld-query", 130, None, IOS),
    i("mld-reduction", 132, None, IOS),
    i("mld-report", 131, None, IOS),
    i("nd-na", 136, None, IOS),
    i("nd-ns", 135, None, IOS),
    i("neighbor-advertisement", 136, None, ASA),
    i("neighbor-redirect", 137, None, ASA),
    i("neighbor-solicitation", 135, None, ASA),
    i("next-header", 4, Some(1), IOS),
    i("no-admin", 1, Some(1), IOS),
    i("no-route", 1, Some(0), IOS),
    i("packet-too-big", 2, None, BOTH),
    i("parameter-option", 4, Some(2), IOS),
    i("parameter-problem", 4, None, BOTH),
    i("port-unreachable", 1, Some(4), IOS),
    i("reassembly-timeout", 3, Some(1), IOS),
    i("redirect", 137, None, IOS),
    i("renum-command", 138, Some(0), IOS),
    i("renum-result", 138, Some(1), IOS),
    i("renum-seq-number", 138, Some(255), IOS),
    i("router-advertisement", 134, None, BOTH),
    i("router-renumbering", 138, None, BOTH),
    i("router-solicitation", 133, None, BOTH),
    i("time-exceeded", 3, None, BOTH),
    i("unreachable", 1, None, BOTH),
];

/// Looks an ICMP message keyword up (already lower-case) in the family's table.
pub(crate) fn icmp(name: &str, v6: bool) -> Option<&'static IcmpName> {
    let table = if v6 { ICMP6 } else { ICMP4 };
    table.iter().find(|e| e.name == name)
}

/// Syslog level names of the ASA `log` option, in level order 0-7.
pub(crate) static LOG_LEVELS: &[&str] =
    &["emergencies", "alerts", "critical", "errors", "warnings", "notifications", "informational", "debugging"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_unique_names() {
        for (idx, a) in PORTS.iter().enumerate() {
            assert!(PORTS.iter().skip(idx + 1).all(|b| b.name != a.name), "{}", a.name);
        }
        for table in [ICMP4, ICMP6] {
            for (idx, a) in table.iter().enumerate() {
                assert!(table.iter().skip(idx + 1).all(|b| b.name != a.name), "{}", a.name);
            }
        }
        for (idx, a) in PROTOCOLS.iter().enumerate() {
            assert!(PROTOCOLS.iter().skip(idx + 1).all(|b| b.name != a.name), "{}", a.name);
        }
    }

    #[test]
    fn well_known_values() {
        assert_eq!(port("isakmp").map(|e| e.port), Some(500));
        assert_eq!(port("non500-isakmp").map(|e| e.port), Some(4500));
        assert_eq!(port("www").map(|e| e.port), Some(80));
        assert_eq!(port("https").map(|e| e.port), Some(443));
        assert_eq!(icmp("echo", false).map(|e| e.icmp_type), Some(8));
        assert_eq!(icmp("echo-request", true).map(|e| e.icmp_type), Some(128));
        assert_eq!(protocol("ahp").map(|e| e.number), Some(51));
        assert_eq!(protocol_name(51, ASA), Some("ah"));
        assert_eq!(protocol_name(51, IOS), Some("ahp"));
    }
}
