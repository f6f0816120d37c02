//! Unit tests of the parser and model, one construct at a time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use core::net::{IpAddr, Ipv4Addr};
use policy_acl::{
    AccessList, AceOption, AclKind, AclParser, Action, AddrMatch, AddressSpec, DiagnosticKind, Dialect, Expected, Feed,
    IcmpMatch, IcmpSpec, Mode, Packet, ParseError, ParseErrorKind, PortRange, PortSpec, ProtocolSpec, Verdict,
    detect_dialect, parse,
};

fn v4(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn one(text: &str, dialect: Dialect) -> AccessList {
    let set = parse(text, dialect, Mode::Strict).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(set.acls.len(), 1, "{text}");
    set.acls.into_iter().next().unwrap()
}

fn err(text: &str, dialect: Dialect) -> ParseError {
    parse(text, dialect, Mode::Strict).expect_err(text)
}

fn tcp(src: &str, dst: &str, sport: u16, dport: u16) -> Packet {
    Packet::ported(v4(src), v4(dst), 6, sport, dport)
}

fn hit(acl: &AccessList, p: &Packet) -> Option<usize> {
    match acl.evaluate(p) {
        Verdict::Match { ace_index, .. } => Some(ace_index),
        Verdict::NoMatch => None,
    }
}

// ---------------------------------------------------------------------------------------
// IOS

#[test]
fn ios_standard_numbered() {
    let acl = one(
        "access-list 1 permit 10.0.0.0 0.0.0.255\naccess-list 1 deny host 10.1.1.1 log\naccess-list 1 permit 10.2.2.2\n\
         access-list 1 remark the rest\naccess-list 1 permit any",
        Dialect::Ios,
    );
    assert_eq!(acl.kind, AclKind::IosStandard);
    assert_eq!(acl.entries.len(), 5);
    let aces: Vec<_> = acl.aces().collect();
    assert_eq!(aces[2].src, AddressSpec::Host(v4("10.2.2.2")));
    assert_eq!(aces[1].options, vec![AceOption::Log(vec![])]);
    // Standard lists test the source only.
    let p = Packet::plain(v4("10.0.0.7"), v4("8.8.8.8"), 17);
    assert_eq!(acl.evaluate(&p), Verdict::Match { action: Action::Permit, ace_index: 0 });
    assert_eq!(hit(&acl, &Packet::plain(v4("10.1.1.1"), v4("1.1.1.1"), 1)), Some(1));
    assert_eq!(hit(&acl, &Packet::plain(v4("9.9.9.9"), v4("1.1.1.1"), 1)), Some(3));
    assert_eq!(acl.to_string().lines().next(), Some("access-list 1 permit 10.0.0.0 0.0.0.255"));
    assert_eq!(one("access-list 1300 permit any", Dialect::Ios).kind, AclKind::IosStandard);
    assert_eq!(one("access-list 2000 permit ip any any", Dialect::Ios).kind, AclKind::IosExtended);
}

#[test]
fn ios_extended_ports_and_names() {
    let acl = one(
        "access-list 101 permit tcp any host 10.0.0.1 eq www\n\
         access-list 101 permit udp any eq isakmp any eq isakmp\n\
         access-list 101 permit udp any any eq non500-isakmp\n\
         access-list 101 deny tcp any host 10.0.0.3 neq 22\n\
         access-list 101 permit tcp any lt 1024 any gt 1023\n\
         access-list 101 permit udp any any range 5000 5010",
        Dialect::Ios,
    );
    let aces: Vec<_> = acl.aces().collect();
    assert_eq!(aces[0].dst_ports.as_ref().unwrap().to_string(), "eq www");
    assert_eq!(aces[1].src_ports.as_ref().unwrap().ranges(), vec![PortRange::single(500)]);
    assert_eq!(aces[2].dst_ports.as_ref().unwrap().ranges(), vec![PortRange::single(4500)]);
    assert_eq!(
        aces[3].dst_ports.as_ref().unwrap().ranges(),
        vec![PortRange { lo: 0, hi: 21 }, PortRange { lo: 23, hi: 65535 }]
    );
    // neq splits into two rules, both with ACE index 3.
    let rules = acl.rules();
    assert_eq!(rules.iter().filter(|r| r.ace_index == 3).count(), 2);
    assert_eq!(hit(&acl, &tcp("1.1.1.1", "10.0.0.1", 999, 80)), Some(0));
    assert_eq!(hit(&acl, &tcp("1.1.1.1", "10.0.0.3", 999, 80)), Some(3));
    assert_eq!(hit(&acl, &tcp("1.1.1.1", "10.0.0.3", 1000, 22)), None);
    assert_eq!(hit(&acl, &tcp("1.1.1.1", "10.0.0.2", 1000, 2000)), Some(4));
    assert_eq!(hit(&acl, &tcp("1.1.1.1", "10.0.0.2", 2000, 2000)), None);
    assert_eq!(hit(&acl, &Packet::ported(v4("1.1.1.1"), v4("2.2.2.2"), 17, 1, 5005)), Some(5));
}

#[test]
fn ios_non_contiguous_wildcard() {
    let acl = one("access-list 110 permit ip 10.0.0.0 0.255.0.255 any", Dialect::Ios);
    assert_eq!(acl.rules()[0].src, AddrMatch::V4 { addr: 0x0a00_0000, wildcard: 0x00ff_00ff });
    assert_eq!(hit(&acl, &Packet::plain(v4("10.9.0.3"), v4("1.1.1.1"), 6)), Some(0));
    assert_eq!(hit(&acl, &Packet::plain(v4("10.9.1.3"), v4("1.1.1.1"), 6)), None);
}

#[test]
fn ios_protocols() {
    let text = "access-list 120 permit ahp any any\naccess-list 120 permit esp any any\n\
                access-list 120 permit gre any any\naccess-list 120 permit 47 any any\n\
                access-list 120 permit ospf any any\naccess-list 120 permit eigrp any any\n\
                access-list 120 permit pim any any\naccess-list 120 permit igmp any any\n\
                access-list 120 permit ipinip any any\naccess-list 120 permit pcp any any\n\
                access-list 120 permit nos any any\naccess-list 120 permit sctp any any";
    let set = parse(text, Dialect::Ios, Mode::Strict).unwrap();
    let acl = &set.acls[0];
    let numbers: Vec<u8> = acl.aces().map(|a| a.protocol.number().unwrap()).collect();
    // `gre` and `47` are spelt differently, so both are kept (duplicates compare as written).
    assert_eq!(numbers, vec![51, 50, 47, 47, 89, 88, 103, 2, 4, 108, 94, 132]);
    assert!(set.diagnostics.is_empty());
    assert!(matches!(
        err("access-list 120 permit foo any any", Dialect::Ios).kind,
        ParseErrorKind::Expected { expected: Expected::Protocol, .. }
    ));
    assert!(matches!(err("access-list 120 permit 256 any any", Dialect::Ios).kind, ParseErrorKind::OutOfRange { .. }));
}

#[test]
fn icmp_types_and_codes() {
    let acl = one(
        "access-list 130 permit icmp any any echo\naccess-list 130 permit icmp any any echo-reply\n\
         access-list 130 permit icmp any any 3 4\naccess-list 130 permit icmp any any host-unreachable\n\
         access-list 130 permit icmp any any time-exceeded\naccess-list 130 permit icmp any any unreachable",
        Dialect::Ios,
    );
    let icmp: Vec<_> = acl.rules().iter().map(|r| r.icmp.unwrap()).collect();
    assert_eq!(
        icmp,
        vec![
            IcmpMatch { icmp_type: 8, code: None },
            IcmpMatch { icmp_type: 0, code: None },
            IcmpMatch { icmp_type: 3, code: Some(4) },
            IcmpMatch { icmp_type: 3, code: Some(1) },
            IcmpMatch { icmp_type: 11, code: None },
            IcmpMatch { icmp_type: 3, code: None },
        ]
    );
    let mut p = Packet::plain(v4("1.1.1.1"), v4("2.2.2.2"), 1);
    p.icmp = Some((3, 13));
    assert_eq!(hit(&acl, &p), Some(5));
    let e = err("access-list 130 permit icmp any any bogus", Dialect::Ios);
    assert!(matches!(e.kind, ParseErrorKind::Expected { expected: Expected::IcmpOrOption, .. }), "{e}");
    assert!(matches!(
        err("access-list 130 permit icmp any any 300", Dialect::Ios).kind,
        ParseErrorKind::OutOfRange { .. }
    ));
}

#[test]
fn fragments_and_options() {
    let set = parse(
        "access-list 140 deny ip any host 10.0.0.1 fragments\n\
         access-list 140 permit tcp any any eq 22 log log-input time-range WORK precedence critical tos 4 dscp ef\n\
         access-list 140 permit tcp any any established\n\
         access-list 140 permit ip any any log CRYPTO",
        Dialect::Ios,
        Mode::Strict,
    )
    .unwrap();
    let acl = &set.acls[0];
    let aces: Vec<_> = acl.aces().collect();
    assert!(aces[0].fragments);
    assert!(acl.rules()[0].fragments_only);
    assert_eq!(aces[1].options.len(), 6);
    assert_eq!(aces[1].options[2], AceOption::TimeRange("WORK".into()));
    assert!(aces[1].options.iter().all(|o| !o.why_ignored().is_empty()));
    assert_eq!(aces[2].options, vec![AceOption::Established]);
    assert!(AceOption::Established.why_ignored().contains("TCP flags"));
    assert_eq!(set.diagnostics.len(), 1);
    assert_eq!(set.diagnostics[0].kind, DiagnosticKind::EstablishedIgnored);
    assert_eq!(set.diagnostics[0].span.column, 36);
    assert_eq!(aces[3].options, vec![AceOption::Log(vec!["CRYPTO".into()])]);
    assert_eq!(
        aces[1].to_string(),
        "permit tcp any any eq 22 log log-input time-range WORK precedence critical tos 4 dscp ef"
    );
    // `established` is TCP-only.
    assert!(matches!(
        err("access-list 140 permit udp any any established", Dialect::Ios).kind,
        ParseErrorKind::Expected { expected: Expected::OptionOrEnd, .. }
    ));
}

#[test]
fn ios_named_blocks_with_sequence_numbers() {
    let text = "ip access-list extended VPN\n 20 permit ip 10.0.0.0 0.0.0.255 any\n remark first\n 10 deny ip host \
                10.0.0.1 any\npermit ip any any\n 15 remark between\ninterface Gi0/0\n permit ip any any\n";
    let mut p = AclParser::new(Dialect::Ios, Mode::Strict);
    let feeds: Vec<Feed> = text.lines().enumerate().map(|(i, l)| p.feed(i as u32 + 1, l).unwrap()).collect();
    assert_eq!(
        feeds,
        vec![
            Feed::Consumed,
            Feed::Consumed,
            Feed::Consumed,
            Feed::Consumed,
            Feed::Consumed,
            Feed::Consumed,
            Feed::NotAcl,
            Feed::NotAcl
        ]
    );
    let set = p.finish();
    let acl = set.get("VPN").unwrap();
    let shown: Vec<String> = acl.entries.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        vec![
            "10 deny ip host 10.0.0.1 any",
            "15 remark between",
            "20 permit ip 10.0.0.0 0.0.0.255 any",
            "remark first",
            "permit ip any any"
        ]
    );
    // Index among the ACEs, remarks excluded.
    assert_eq!(hit(acl, &Packet::plain(v4("10.0.0.1"), v4("1.1.1.1"), 6)), Some(0));
    assert_eq!(hit(acl, &Packet::plain(v4("10.0.0.2"), v4("1.1.1.1"), 6)), Some(1));
    assert_eq!(hit(acl, &Packet::plain(v4("11.0.0.2"), v4("1.1.1.1"), 6)), Some(2));
    assert_eq!(acl.ace(0).unwrap().source.span.line, 4);
    assert_eq!(acl.ace(0).unwrap().source.text, "10 deny ip host 10.0.0.1 any");

    let e = err("ip access-list extended X\n 10 permit ip any any\n 10 deny ip any any", Dialect::Ios);
    assert_eq!((e.line, e.kind), (3, ParseErrorKind::DuplicateSequence { sequence: 10 }));
    let std = one("ip access-list standard S\n permit 10.0.0.0 0.255.255.255\n deny any log", Dialect::Ios);
    assert_eq!(std.kind, AclKind::IosStandard);
    assert_eq!(std.to_string(), "ip access-list standard S\n permit 10.0.0.0 0.255.255.255\n deny any log\n");
    // Numbered names in the block form must fit the kind.
    assert!(matches!(err("ip access-list standard 101", Dialect::Ios).kind, ParseErrorKind::KindMismatch { .. }));
    assert_eq!(
        one("ip access-list extended 150\n 10 permit ip any any", Dialect::Ios).to_string(),
        "ip access-list extended 150\n 10 permit ip any any\n"
    );
}

#[test]
fn ios_ipv6_lists() {
    let acl = one(
        "ipv6 access-list V6\n permit tcp 2001:db8::/32 any eq 22 sequence 10\n sequence 20 permit icmp any any \
         echo-request\n deny ipv6 any any log sequence 30",
        Dialect::Ios,
    );
    assert_eq!(acl.kind, AclKind::IosIpv6);
    let aces: Vec<_> = acl.aces().collect();
    assert_eq!(aces[1].protocol.number(), Some(58));
    assert_eq!(aces[1].icmp, Some(IcmpSpec::Type { icmp_type: 128, code: None, name: Some("echo-request") }));
    assert_eq!(aces[0].to_string(), "permit tcp 2001:db8::/32 any eq 22 sequence 10");
    let p = Packet::ported("2001:db8::5".parse().unwrap(), "2001:db9::1".parse().unwrap(), 6, 1000, 22);
    assert_eq!(hit(&acl, &p), Some(0));
    assert_eq!(hit(&acl, &tcp("10.0.0.1", "10.0.0.2", 1, 22)), None);
    let e = err("ipv6 access-list V6\n permit ipv6 host 10.0.0.1 any", Dialect::Ios);
    assert!(matches!(e.kind, ParseErrorKind::WrongFamily { .. }), "{e}");
    let e = err("access-list 101 permit ip host 2001:db8::1 any", Dialect::Ios);
    assert!(matches!(e.kind, ParseErrorKind::WrongFamily { .. }), "{e}");
    let e = err("ipv6 access-list V6\n permit ipv6 2001:db8::1/64 any", Dialect::Ios);
    assert!(matches!(e.kind, ParseErrorKind::HostBits { .. }), "{e}");
}

#[test]
fn ios_wildcard_host_bits() {
    let e = err("access-list 101 permit ip 10.0.0.5 0.0.0.255 any", Dialect::Ios);
    assert_eq!((e.line, e.column), (1, 27));
    let set = parse("access-list 101 permit ip 10.0.0.5 0.0.0.255 any", Dialect::Ios, Mode::Lenient).unwrap();
    assert!(matches!(set.diagnostics[0].kind, DiagnosticKind::HostBitsMasked { .. }));
    assert_eq!(
        set.acls[0].ace(0).unwrap().src,
        AddressSpec::Wildcard { addr: Ipv4Addr::new(10, 0, 0, 0), wildcard: Ipv4Addr::new(0, 0, 0, 255) }
    );
    // A netmask written where IOS wants a wildcard is caught by the same check.
    assert!(matches!(
        err("access-list 101 permit ip 10.0.0.0 255.255.255.0 any", Dialect::Ios).kind,
        ParseErrorKind::HostBits { .. }
    ));
}

#[test]
fn ios_object_groups() {
    let acl = one(
        "object-group network LOCAL\n host 10.0.0.1\n 10.1.0.0 255.255.0.0\n range 10.2.0.1 10.2.0.9\n\
         access-list 101 permit ip object-group LOCAL any",
        Dialect::Ios,
    );
    assert_eq!(acl.rules().len(), 3);
    assert_eq!(hit(&acl, &Packet::plain(v4("10.2.0.5"), v4("1.1.1.1"), 6)), Some(0));
    assert_eq!(hit(&acl, &Packet::plain(v4("10.2.0.10"), v4("1.1.1.1"), 6)), None);
}

#[test]
fn unmodelled_group_types_are_skipped() {
    let text = "object-group service WEB\n tcp eq www\naccess-list 101 permit ip any any";
    let set = parse(text, Dialect::Ios, Mode::Strict).unwrap();
    assert_eq!(set.acls.len(), 1);
    assert!(matches!(set.diagnostics[0].kind, DiagnosticKind::NotModelled { .. }));
    let e = err("object-group service WEB\n tcp eq www\naccess-list 101 permit object-group WEB any any", Dialect::Ios);
    assert!(matches!(e.kind, ParseErrorKind::Unsupported { .. }), "{e}");
    let set = parse("object-group user U\n user LOCAL\\bob", Dialect::Asa, Mode::Strict).unwrap();
    assert_eq!(set.diagnostics.len(), 1);
}

#[test]
fn ios_misc_lines() {
    let set = parse(
        "access-list 700 permit 0000.1111.2222 0000.0000.0000\naccess-list compiled\nip access-list resequence X 10 10",
        Dialect::Ios,
        Mode::Strict,
    )
    .unwrap();
    assert!(set.acls.is_empty());
    assert_eq!(set.diagnostics.len(), 2);
    assert!(matches!(
        err("access-list 101 dynamic X permit ip any any", Dialect::Ios).kind,
        ParseErrorKind::Unsupported { .. }
    ));
}

// ---------------------------------------------------------------------------------------
// ASA / PIX

#[test]
fn asa_extended_remark_and_line() {
    let set = parse(
        "access-list OUT extended permit ip 10.0.0.0 255.255.255.0 any\n\
         access-list OUT remark second\n\
         access-list OUT line 1 extended deny ip host 10.0.0.1 any\n\
         access-list OUT line 9 permit tcp any4 any eq https log 6 interval 300\n\
         access-list OUT line 2 remark after the deny",
        Dialect::Asa,
        Mode::Strict,
    )
    .unwrap();
    let acl = set.get("OUT").unwrap();
    let shown: Vec<String> = acl.to_string().lines().map(str::to_owned).collect();
    assert_eq!(
        shown,
        vec![
            "access-list OUT extended deny ip host 10.0.0.1 any",
            "access-list OUT remark after the deny",
            "access-list OUT extended permit ip 10.0.0.0 255.255.255.0 any",
            "access-list OUT remark second",
            "access-list OUT extended permit tcp any4 any eq https log 6 interval 300",
        ]
    );
    let ace = acl.ace(2).unwrap();
    assert_eq!(ace.options, vec![AceOption::Log(vec!["6".into(), "interval".into(), "300".into()])]);
    assert_eq!(hit(acl, &tcp("10.0.0.1", "1.1.1.1", 1, 443)), Some(0));
    assert_eq!(hit(acl, &tcp("10.0.0.2", "1.1.1.1", 1, 443)), Some(1));
    assert_eq!(hit(acl, &tcp("10.9.0.2", "1.1.1.1", 1, 443)), Some(2));
}

#[test]
fn asa_errors_name_line_column_and_expectation() {
    let e = err("access-list X permit ip 10.0.0.0", Dialect::Asa);
    assert_eq!(e.to_string(), "line 1, column 33: expected a netmask after 10.0.0.0, found the end of the line");
    let e = err("access-list X permit ip 10.0.0.0 0.0.0.255 any", Dialect::Asa);
    assert_eq!(e.to_string(), "line 1, column 34: 0.0.0.255 is not a netmask (ones followed by zeros)");
    let e = err("object-group service WEB tcp\n port-object foo 80", Dialect::Asa);
    assert_eq!(
        e.to_string(),
        "line 2, column 14: expected one of: eq, neq, lt, gt, range after port-object, found `foo`"
    );
    let e = err("access-list X permit tcp any any eq bogus", Dialect::Asa);
    assert_eq!(e.kind, ParseErrorKind::UnknownName { what: "port", name: "bogus".into() });
    let e = err("access-list X permit ip any any eq 80", Dialect::Asa);
    assert_eq!(e.kind, ParseErrorKind::PortsNotAllowed { protocol: "ip".into() });
    let e = err("access-list X permit tcp any any range 90 80", Dialect::Asa);
    assert_eq!(e.kind, ParseErrorKind::ReversedRange { lo: 90, hi: 80 });
    let e = err("access-list X permit ip host 10.0.0.1 host 2001:db8::1", Dialect::Asa);
    assert_eq!(e.kind, ParseErrorKind::MixedFamilies);
    let e = err("access-list X frobnicate", Dialect::Asa);
    assert!(matches!(e.kind, ParseErrorKind::Expected { expected: Expected::Action, .. }));
    let long = "N".repeat(242);
    assert_eq!(
        err(&format!("access-list {long} permit ip any any"), Dialect::Asa).kind,
        ParseErrorKind::NameTooLong { len: 242 }
    );
    let e = err("access-list X permit ip any any garbage", Dialect::Asa);
    assert_eq!(e.column, 33);
    let e = err("access-list X permit ip interface outside any", Dialect::Asa);
    assert!(matches!(e.kind, ParseErrorKind::Unsupported { .. }));
}

#[test]
fn asa_standard_lists_test_the_destination() {
    let acl =
        one("access-list SPLIT standard permit 10.0.0.0 255.0.0.0\naccess-list SPLIT standard deny any4", Dialect::Asa);
    assert_eq!(acl.kind, AclKind::AsaStandard);
    assert_eq!(hit(&acl, &Packet::plain(v4("1.1.1.1"), v4("10.1.1.1"), 6)), Some(0));
    assert_eq!(hit(&acl, &Packet::plain(v4("10.1.1.1"), v4("1.1.1.1"), 6)), Some(1));
    assert_eq!(
        acl.to_string(),
        "access-list SPLIT standard permit 10.0.0.0 255.0.0.0\naccess-list SPLIT standard deny any4\n"
    );
    assert!(matches!(
        err("access-list S standard permit 10.0.0.0 255.0.0.0\naccess-list S permit ip any any", Dialect::Asa).kind,
        ParseErrorKind::KindMismatch { .. }
    ));
}

#[test]
fn asa_families() {
    let acl = one(
        "access-list V extended permit ip any6 2001:db8::/32\naccess-list V extended permit ip any4 any\n\
         access-list V extended permit icmp6 any any echo",
        Dialect::Asa,
    );
    let p6 = Packet::plain("2001:db9::1".parse().unwrap(), "2001:db8::1".parse().unwrap(), 17);
    assert_eq!(hit(&acl, &p6), Some(0));
    assert_eq!(hit(&acl, &Packet::plain(v4("1.1.1.1"), v4("2.2.2.2"), 17)), Some(1));
    let aces: Vec<_> = acl.aces().collect();
    assert_eq!(aces[2].icmp, Some(IcmpSpec::Type { icmp_type: 128, code: None, name: Some("echo") }));
    assert!(matches!(err("access-list P permit ip any4 any", Dialect::Pix).kind, ParseErrorKind::Expected { .. }));
}

#[test]
fn asa_object_groups() {
    let text = "\
object network WEB1
 host 10.0.0.10
object network POOL
 range 10.0.1.1 10.0.1.20
object network NET6
 subnet 2001:db8::/48
object-group network SERVERS
 description web servers
 network-object object WEB1
 network-object 10.0.2.0 255.255.255.0
 network-object host 10.0.3.3
object-group network ALL
 group-object SERVERS
 network-object object POOL
object-group service WEBPORTS tcp
 port-object eq www
 port-object range 8000 8080
object-group service DNS tcp-udp
 port-object eq domain
object-group service MIXED
 service-object tcp destination eq https
 service-object udp source range 1 1023 destination eq ntp
 service-object icmp echo
 service-object tcp-udp destination eq 53
 service-object esp
object-group protocol VPNPROTO
 protocol-object esp
 protocol-object ah
 protocol-object gre
object-group icmp-type PING
 icmp-object echo
 icmp-object echo-reply
access-list A extended permit tcp any object-group ALL object-group WEBPORTS
access-list A extended permit object-group MIXED any object WEB1
access-list A extended permit object-group VPNPROTO any any
access-list A extended permit icmp any any object-group PING
access-list A extended permit udp any any object-group DNS
access-list A extended permit ip object NET6 any
";
    let set = parse(text, Dialect::Asa, Mode::Strict).unwrap();
    assert!(set.diagnostics.is_empty(), "{:?}", set.diagnostics);
    let acl = set.get("A").unwrap();
    let aces: Vec<_> = acl.aces().collect();
    match &aces[0].dst {
        AddressSpec::ObjectGroup(g) => assert_eq!(g.members.len(), 4),
        other => panic!("{other:?}"),
    }
    assert_eq!(aces[0].rules(0).len(), 8);
    assert!(matches!(aces[1].protocol, ProtocolSpec::ServiceGroup(ref g) if g.members.len() == 6));
    assert_eq!(hit(acl, &tcp("9.9.9.9", "10.0.1.7", 1, 8080)), Some(0));
    assert_eq!(hit(acl, &tcp("9.9.9.9", "10.0.1.21", 1, 8080)), None);
    assert_eq!(hit(acl, &tcp("9.9.9.9", "10.0.0.10", 1, 443)), Some(1));
    assert_eq!(hit(acl, &Packet::ported(v4("9.9.9.9"), v4("10.0.0.10"), 17, 500, 123)), Some(1));
    assert_eq!(hit(acl, &Packet::ported(v4("9.9.9.9"), v4("10.0.0.10"), 17, 5000, 123)), None);
    assert_eq!(hit(acl, &Packet::plain(v4("9.9.9.9"), v4("10.0.0.11"), 51)), Some(2));
    let mut ping = Packet::plain(v4("9.9.9.9"), v4("10.0.0.11"), 1);
    ping.icmp = Some((0, 0));
    assert_eq!(hit(acl, &ping), Some(3));
    assert_eq!(hit(acl, &Packet::ported(v4("9.9.9.9"), v4("8.8.8.8"), 17, 1, 53)), Some(4));
    let p6 = Packet::plain("2001:db8:0:1::1".parse().unwrap(), "2001:db9::1".parse().unwrap(), 6);
    assert_eq!(hit(acl, &p6), Some(5));
    // The set prints back to text that parses to the same lists.
    let again = parse(&set.to_string(), Dialect::Asa, Mode::Strict).unwrap();
    assert_eq!(
        again.acls,
        set.acls
            .iter()
            .cloned()
            .map(|mut a| {
                for (x, y) in a.entries.iter_mut().zip(&again.acls[0].entries) {
                    match (x, y) {
                        (policy_acl::Entry::Ace(x), policy_acl::Entry::Ace(y)) => x.source = y.source.clone(),
                        (x, y) => *x = y.clone(),
                    }
                }
                a.span = again.acls[0].span;
                a
            })
            .collect::<Vec<_>>()
    );
    assert_eq!(set.object_group("SERVERS").unwrap().description.as_deref(), Some("web servers"));
}

#[test]
fn asa_group_rules() {
    // Use before definition is an error, as on ASA.
    let e = err("access-list A permit ip object-group NOPE any", Dialect::Asa);
    assert_eq!(e.kind, ParseErrorKind::UndefinedGroup { name: "NOPE".into() });
    assert_eq!(e.column, 38);
    let e = err("access-list A permit ip object NOPE any", Dialect::Asa);
    assert_eq!(e.kind, ParseErrorKind::UndefinedObject { name: "NOPE".into() });
    // Wrong kind in a position.
    let e =
        err("object-group service S tcp\n port-object eq 80\naccess-list A permit ip object-group S any", Dialect::Asa);
    assert!(matches!(e.kind, ParseErrorKind::GroupKind { .. }), "{e}");
    // Cycles through group-object.
    let e = err(
        "object-group network G1\n network-object host 10.0.0.1\nobject-group network G2\n group-object G1\n\
         object-group network G1\n group-object G2",
        Dialect::Asa,
    );
    assert_eq!((e.line, e.kind), (6, ParseErrorKind::GroupCycle { group: "G1".into(), member: "G2".into() }));
    let e = err("object-group network G1\n group-object G1", Dialect::Asa);
    assert!(matches!(e.kind, ParseErrorKind::GroupCycle { .. }));
    let e = err("object-group network G1\n network-object 10.0.0.1 255.255.255.0", Dialect::Asa);
    assert!(matches!(e.kind, ParseErrorKind::HostBits { .. }));
    let e = err("object-group network G1\n port-object eq 80", Dialect::Asa);
    assert!(matches!(e.kind, ParseErrorKind::Expected { expected: Expected::GroupMember, .. }));
    // A member added after the ACE still counts (resolved when the parser finishes).
    let acl = one(
        "object-group network G\n network-object host 10.0.0.1\naccess-list A permit ip object-group G any\n\
         object-group network G\n network-object host 10.0.0.2",
        Dialect::Asa,
    );
    assert_eq!(hit(&acl, &Packet::plain(v4("10.0.0.2"), v4("1.1.1.1"), 6)), Some(0));
    let e = err("network-object host 10.0.0.1", Dialect::Asa);
    assert_eq!(e.kind, ParseErrorKind::OutsideBlock { keyword: "network-object".into() });
}

#[test]
fn asa_inactive_and_misc() {
    let acl = one(
        "access-list A permit ip host 10.0.0.1 any inactive\naccess-list A permit ip any any time-range T",
        Dialect::Asa,
    );
    assert_eq!(acl.rules().iter().map(|r| r.ace_index).collect::<Vec<_>>(), vec![1]);
    assert_eq!(hit(&acl, &Packet::plain(v4("10.0.0.1"), v4("1.1.1.1"), 6)), Some(1));
    let set = parse(
        "access-list E ethertype permit bpdu\naccess-list alert-interval 300\nipv6 access-list X permit ip any any",
        Dialect::Asa,
        Mode::Strict,
    )
    .unwrap();
    assert!(set.acls.is_empty());
    assert_eq!(set.diagnostics.len(), 3);
    // Protocol names of the other dialect resolve with a warning.
    let set = parse("access-list A permit ahp any any", Dialect::Asa, Mode::Strict).unwrap();
    assert!(matches!(set.diagnostics[0].kind, DiagnosticKind::NameFromOtherTable { .. }));
    let set =
        parse("access-list A permit ah any any\naccess-list A permit tcp any any eq ssh", Dialect::Asa, Mode::Strict)
            .unwrap();
    assert!(set.diagnostics.is_empty());
    let set = parse("access-list 101 permit tcp any any eq https", Dialect::Ios, Mode::Strict).unwrap();
    assert!(matches!(set.diagnostics[0].kind, DiagnosticKind::NameFromOtherTable { .. }));
}

#[test]
fn pix_lists() {
    let acl = one(
        "object-group network INSIDE\n network-object 10.0.0.0 255.255.255.0\naccess-list 90 permit tcp object-group \
         INSIDE host 1.1.1.1 eq telnet",
        Dialect::Pix,
    );
    assert_eq!(acl.kind, AclKind::PixExtended);
    assert_eq!(hit(&acl, &tcp("10.0.0.5", "1.1.1.1", 1000, 23)), Some(0));
    assert_eq!(acl.to_string(), "access-list 90 permit tcp object-group INSIDE host 1.1.1.1 eq telnet\n");
}

// ---------------------------------------------------------------------------------------
// Feed API and dialect detection

#[test]
fn feed_reports_consumed_and_other_lines() {
    let mut p = AclParser::new(Dialect::Asa, Mode::Strict);
    assert_eq!(p.feed(1, "hostname asa").unwrap(), Feed::NotAcl);
    assert_eq!(p.feed(2, "object-group network G").unwrap(), Feed::Consumed);
    assert_eq!(p.feed(3, " network-object host 10.0.0.1").unwrap(), Feed::Consumed);
    assert_eq!(p.feed(4, "crypto map M 10 match address A").unwrap(), Feed::NotAcl);
    assert!(matches!(p.feed(5, " network-object host 10.0.0.2"), Err(ParseError { line: 5, column: 2, .. })));
    assert_eq!(p.feed(6, "access-list A permit ip object-group G any").unwrap(), Feed::Consumed);
    assert!(p.feed(7, "access-list A permit ip bogus any").is_err());
    assert_eq!(p.feed(8, "").unwrap(), Feed::NotAcl);
    assert_eq!(p.feed(9, "object network O").unwrap(), Feed::Consumed);
    assert_eq!(p.feed(10, " nat (inside,outside) dynamic interface").unwrap(), Feed::Consumed);
    p.close_block();
    assert_eq!(p.feed(11, " host 1.1.1.1").unwrap(), Feed::NotAcl);
    let set = p.finish();
    assert_eq!(set.get("A").unwrap().aces().count(), 1);
    assert_eq!(set.object_group("G").unwrap().members.len(), 1);
    assert_eq!(set.diagnostics.len(), 1);
}

#[test]
fn dialect_detection() {
    assert_eq!(detect_dialect("ip access-list extended X\n permit ip any any"), Dialect::Ios);
    assert_eq!(detect_dialect("access-list 101 permit ip 10.0.0.0 0.0.0.255 any"), Dialect::Ios);
    assert_eq!(detect_dialect("access-list OUT extended permit ip any any"), Dialect::Asa);
    assert_eq!(
        detect_dialect("object-group network X\naccess-list 101 permit ip 10.0.0.0 255.255.255.0 any"),
        Dialect::Asa
    );
    assert_eq!(
        detect_dialect("PIX Version 6.3(5)\naccess-list 101 permit ip 10.0.0.0 255.255.255.0 any"),
        Dialect::Pix
    );
    assert_eq!(detect_dialect(""), Dialect::Ios);
}

#[test]
fn port_specs_edges() {
    let none = PortSpec::Lt(policy_acl::Port::number(0));
    assert!(none.ranges().is_empty());
    assert!(PortSpec::Gt(policy_acl::Port::number(65535)).ranges().is_empty());
    assert_eq!(PortSpec::Neq(policy_acl::Port::number(0)).ranges(), vec![PortRange { lo: 1, hi: 65535 }]);
    let acl = one("access-list 101 permit tcp any any lt 0", Dialect::Ios);
    assert!(acl.rules().is_empty());
}
