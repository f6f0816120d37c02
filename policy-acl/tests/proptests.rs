//! Property tests: printing an ACE and parsing it again gives the same model; the parser never
//! panics on token soup; an ACE covers its own selectors and matches packets drawn from them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use policy_acl::{
    AccessList, Ace, AceOption, AclId, AclKind, Action, AddressSpec, Dialect, Entry, IcmpSpec, Mode, Packet, Port,
    PortSpec, ProtocolSpec, Source, Verdict, first_match, parse, parse_lossy,
};
use proptest::prelude::*;

const KINDS: [AclKind; 6] = [
    AclKind::IosStandard,
    AclKind::IosExtended,
    AclKind::IosIpv6,
    AclKind::AsaStandard,
    AclKind::AsaExtended,
    AclKind::PixExtended,
];

fn v4_net(ios: bool) -> impl Strategy<Value = AddressSpec> {
    (any::<u32>(), 0u32..=32, any::<u32>(), any::<bool>()).prop_map(move |(a, len, wc, contiguous)| {
        let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
        if ios {
            let wc = if contiguous { !mask } else { wc };
            AddressSpec::Wildcard { addr: Ipv4Addr::from(a & !wc), wildcard: Ipv4Addr::from(wc) }
        } else {
            AddressSpec::Netmask { addr: Ipv4Addr::from(a & mask), mask: Ipv4Addr::from(mask) }
        }
    })
}

fn v6_net() -> impl Strategy<Value = AddressSpec> {
    (any::<u128>(), 0u8..=128).prop_map(|(a, len)| {
        let keep = if len == 0 { 0 } else { u128::MAX << (128 - u32::from(len)) };
        AddressSpec::Prefix { addr: Ipv6Addr::from(a & keep), len }
    })
}

fn address(kind: AclKind, v6: bool) -> BoxedStrategy<AddressSpec> {
    let ios = kind.dialect() == Dialect::Ios;
    let asa = kind.dialect() == Dialect::Asa;
    if v6 {
        let mut options: Vec<BoxedStrategy<AddressSpec>> = vec![
            any::<u128>().prop_map(|a| AddressSpec::Host(IpAddr::V6(Ipv6Addr::from(a)))).boxed(),
            v6_net().boxed(),
        ];
        options.push(Just(if asa { AddressSpec::Any6 } else { AddressSpec::Any }).boxed());
        if asa {
            options.push(Just(AddressSpec::Any).boxed());
        }
        proptest::strategy::Union::new(options).boxed()
    } else {
        let mut options: Vec<BoxedStrategy<AddressSpec>> = vec![
            Just(AddressSpec::Any).boxed(),
            any::<u32>().prop_map(|a| AddressSpec::Host(IpAddr::V4(Ipv4Addr::from(a)))).boxed(),
            v4_net(ios).boxed(),
        ];
        if asa {
            options.push(Just(AddressSpec::Any4).boxed());
        }
        proptest::strategy::Union::new(options).boxed()
    }
}

fn protocol(kind: AclKind) -> BoxedStrategy<ProtocolSpec> {
    let named: Vec<(u8, &'static str)> = match kind.dialect() {
        Dialect::Ios if kind == AclKind::IosIpv6 => {
            vec![(6, "tcp"), (17, "udp"), (58, "icmp"), (50, "esp"), (51, "ahp"), (132, "sctp")]
        }
        Dialect::Ios => vec![(6, "tcp"), (17, "udp"), (1, "icmp"), (50, "esp"), (51, "ahp"), (47, "gre"), (89, "ospf")],
        Dialect::Asa | Dialect::Pix => {
            vec![(6, "tcp"), (17, "udp"), (1, "icmp"), (58, "icmp6"), (50, "esp"), (51, "ah"), (47, "gre")]
        }
    };
    prop_oneof![
        Just(ProtocolSpec::Ip),
        proptest::sample::select(named).prop_map(|(n, s)| ProtocolSpec::Number { number: n, name: Some(s) }),
        any::<u8>().prop_map(|n| ProtocolSpec::Number { number: n, name: None }),
    ]
    .boxed()
}

fn port(number: u16) -> impl Strategy<Value = Port> {
    let names: [(&'static str, u16); 4] = [("www", 80), ("domain", 53), ("sunrpc", 111), ("talk", 517)];
    prop_oneof![
        Just(Port::number(number)),
        proptest::sample::select(names.to_vec()).prop_map(|(n, p)| Port { number: p, name: Some(n) })
    ]
}

fn port_spec() -> impl Strategy<Value = Option<PortSpec>> {
    let one = any::<u16>().prop_flat_map(port);
    prop_oneof![
        Just(None),
        one.clone().prop_map(|p| Some(PortSpec::Eq(p))),
        one.clone().prop_map(|p| Some(PortSpec::Neq(p))),
        one.clone().prop_map(|p| Some(PortSpec::Lt(p))),
        one.clone().prop_map(|p| Some(PortSpec::Gt(p))),
        (one.clone(), one).prop_map(|(a, b)| {
            let (a, b) = if a.number <= b.number { (a, b) } else { (b, a) };
            Some(PortSpec::Range(a, b))
        }),
    ]
}

fn icmp(v6: bool) -> impl Strategy<Value = Option<IcmpSpec>> {
    let named: Vec<(&'static str, u8, Option<u8>)> = if v6 {
        vec![("echo-reply", 129, None), ("packet-too-big", 2, None), ("time-exceeded", 3, None)]
    } else {
        vec![("echo", 8, None), ("echo-reply", 0, None), ("unreachable", 3, None), ("time-exceeded", 11, None)]
    };
    prop_oneof![
        Just(None),
        (any::<u8>(), proptest::option::of(any::<u8>())).prop_map(|(t, c)| Some(IcmpSpec::Type {
            icmp_type: t,
            code: c,
            name: None
        })),
        proptest::sample::select(named).prop_map(|(n, t, c)| Some(IcmpSpec::Type {
            icmp_type: t,
            code: c,
            name: Some(n)
        })),
    ]
}

/// An ACE of `kind` as the parser would build it (no object-groups: those are covered by the
/// unit tests), with an IOS sequence number when the kind has them.
fn ace(kind: AclKind) -> BoxedStrategy<Ace> {
    let v6_choice = match kind {
        AclKind::IosIpv6 => Just(true).boxed(),
        AclKind::AsaExtended => any::<bool>().boxed(),
        _ => Just(false).boxed(),
    };
    (v6_choice, any::<bool>(), proptest::option::of(1u32..100_000))
        .prop_flat_map(move |(v6, permit, seq)| {
            (
                protocol(kind),
                address(kind, v6),
                address(kind, v6),
                port_spec(),
                port_spec(),
                icmp(false),
                icmp(true),
                any::<bool>(),
                proptest::collection::vec(0u8..8, 0..4),
                Just((permit, seq)),
            )
        })
        .prop_map(move |(protocol, src, dst, sp, dp, icmp4, icmp6, frag, opts, (permit, seq))| {
            let ios = kind.dialect() == Dialect::Ios;
            let standard = kind.is_standard();
            let protocol = if standard { ProtocolSpec::Ip } else { protocol };
            let ported = protocol.takes_ports();
            let is_tcp = protocol.number() == Some(6);
            let protocol_number = protocol.number();
            let mut options = Vec::new();
            for o in opts {
                let opt = match o {
                    0 => AceOption::Log(vec![]),
                    1 => AceOption::TimeRange("TR1".into()),
                    2 if !ios => AceOption::Inactive,
                    3 if ios && !standard => AceOption::Precedence("5".into()),
                    4 if ios && !standard => AceOption::Tos("4".into()),
                    5 if ios && !standard => AceOption::Dscp("ef".into()),
                    6 if ios && is_tcp => AceOption::Established,
                    _ => continue,
                };
                if !options.contains(&opt) {
                    options.push(opt);
                }
            }
            Ace {
                kind,
                sequence: if matches!(kind, AclKind::IosExtended | AclKind::IosStandard | AclKind::IosIpv6) {
                    seq
                } else {
                    None
                },
                action: if permit { Action::Permit } else { Action::Deny },
                protocol,
                src: if kind == AclKind::AsaStandard { AddressSpec::Any } else { src },
                src_ports: if ported { sp } else { None },
                dst: if kind == AclKind::IosStandard { AddressSpec::Any } else { dst },
                dst_ports: if ported { dp } else { None },
                icmp: match protocol_number {
                    Some(1) => icmp4,
                    Some(58) => icmp6,
                    _ => None,
                },
                fragments: ios && frag && !standard,
                options,
                source: Source::default(),
            }
        })
        .boxed()
}

fn kind_and_ace() -> impl Strategy<Value = Ace> {
    proptest::sample::select(KINDS.to_vec()).prop_flat_map(ace)
}

fn list_of(ace: &Ace) -> AccessList {
    let id = match ace.kind {
        AclKind::IosStandard if ace.sequence.is_none() => AclId::Number(1),
        AclKind::IosExtended if ace.sequence.is_none() => AclId::Number(101),
        _ => AclId::Name("PT".into()),
    };
    let mut acl = AccessList::new(id, ace.kind);
    acl.entries.push(Entry::Ace(ace.clone()));
    acl
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn printed_aces_parse_back_to_the_same_model(a in kind_and_ace()) {
        let acl = list_of(&a);
        let text = acl.to_string();
        let set = parse(&text, a.kind.dialect(), Mode::Strict).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(set.acls.len(), 1, "{}", text);
        let got = set.acls[0].ace(0).expect("one ACE").without_source();
        prop_assert_eq!(got, a.without_source(), "{}", text);
    }

    #[test]
    fn an_ace_covers_and_matches_its_own_selectors(a in kind_and_ace()) {
        if a.kind.is_standard() || a.fragments || a.is_inactive() {
            return Ok(());
        }
        let Ok(pairs) = a.to_traffic_selectors() else { return Ok(()) };
        let rules = a.rules(0);
        for (l, r) in pairs.iter().take(16) {
            prop_assert!(a.covers(l, r), "{} does not cover {} -> {}", a, l, r);
            let protocol = if l.protocol().is_any() { 6 } else { l.protocol().0 };
            let mut p = Packet::plain(l.start(), r.end(), protocol);
            if matches!(protocol, 6 | 17 | 132) {
                p.src_port = Some(l.end_port());
                p.dst_port = Some(r.start_port());
            }
            if matches!(protocol, 1 | 58) {
                p.icmp = Some(((l.start_port() >> 8) as u8, (l.start_port() & 0xff) as u8));
            }
            prop_assert_eq!(first_match(&rules, &p), Verdict::Match { action: a.action, ace_index: 0 }, "{} {:?}", a, p);
        }
    }

    #[test]
    fn mirror_is_an_involution(a in kind_and_ace()) {
        if let Ok(m) = a.mirror() {
            prop_assert_eq!(m.mirror().unwrap().without_source(), a.without_source());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Token soup: the parser never panics, whatever it is fed.

const WORDS: &[&str] = &[
    "access-list",
    "ip",
    "ipv6",
    "extended",
    "standard",
    "remark",
    "line",
    "permit",
    "deny",
    "any",
    "any4",
    "any6",
    "host",
    "object-group",
    "object",
    "network",
    "service",
    "protocol",
    "icmp-type",
    "network-object",
    "port-object",
    "service-object",
    "protocol-object",
    "icmp-object",
    "group-object",
    "description",
    "subnet",
    "range",
    "eq",
    "neq",
    "lt",
    "gt",
    "tcp",
    "udp",
    "icmp",
    "icmp6",
    "esp",
    "ahp",
    "ah",
    "gre",
    "tcp-udp",
    "source",
    "destination",
    "log",
    "log-input",
    "time-range",
    "inactive",
    "precedence",
    "tos",
    "dscp",
    "established",
    "fragments",
    "sequence",
    "echo",
    "echo-reply",
    "www",
    "isakmp",
    "non500-isakmp",
    "interval",
    "disable",
    "G1",
    "G2",
    "OBJ",
    "101",
    "1",
    "0",
    "65535",
    "65536",
    "4294967296",
    "10.0.0.0",
    "10.0.0.1",
    "255.255.255.0",
    "0.0.0.255",
    "0.255.0.255",
    "255.255.255.255",
    "0.0.0.0",
    "2001:db8::/32",
    "2001:db8::1",
    "::/0",
    "fe80::1/129",
    "!",
    ":",
    "#",
    "nat",
    "fqdn",
    "interface",
    "no",
    "dynamic",
    "ethertype",
];

/// Line starts that reach deep into the grammar, so that the random tails exercise ACE bodies.
const HEADS: &[&str] = &[
    "",
    " ",
    "access-list 101 permit",
    "access-list 1 deny",
    "access-list A extended permit",
    "access-list A line 1 deny",
    "access-list A standard permit",
    "access-list A remark",
    "ip access-list extended N",
    "ip access-list standard S",
    "ipv6 access-list V",
    " 10 permit",
    " permit",
    " deny",
    "object-group network G1",
    "object-group network G2",
    "object-group service G3 tcp",
    "object-group service G4",
    "object-group protocol G5",
    "object-group icmp-type G6",
    "object network OBJ",
    " network-object",
    " port-object",
    " service-object",
    " group-object",
];

const ACE_HEADS: &[&str] = &[
    "access-list 101 permit",
    "access-list 2000 deny",
    "access-list 1 deny",
    "access-list A extended permit",
    "access-list A permit",
    "access-list A line 2 deny",
    "access-list A standard permit",
    " permit",
    " 20 deny",
    " sequence 30 permit",
];
const PROTOCOLS: &[&str] = &[
    "ip",
    "ipv6",
    "tcp",
    "udp",
    "icmp",
    "icmp6",
    "esp",
    "ahp",
    "ah",
    "gre",
    "6",
    "17",
    "1",
    "58",
    "0",
    "255",
    "object-group G4",
    "object-group G5",
];
const ADDRESSES: &[&str] = &[
    "any",
    "any4",
    "any6",
    "host 10.0.0.1",
    "host 2001:db8::1",
    "10.0.0.0 255.255.255.0",
    "10.0.0.0 0.0.0.255",
    "10.0.0.5 255.255.255.0",
    "10.0.0.0 0.255.0.255",
    "2001:db8::/32",
    "2001:db8::1/64",
    "object-group G1",
    "object-group G2",
    "object OBJ",
    "0.0.0.0 0.0.0.0",
    "0.0.0.0 255.255.255.255",
    "192.168.3.3 255.255.255.192",
];
const PORTS: &[&str] = &[
    "",
    "",
    "eq www",
    "eq 80",
    "neq 22",
    "lt 1024",
    "gt 1023",
    "range 10 20",
    "range 20 10",
    "eq isakmp",
    "eq ssh",
    "object-group G3",
    "eq 65536",
    "lt 0",
    "gt 65535",
];
const ICMP: &[&str] = &["", "", "echo", "echo-reply", "3 4", "8", "unreachable", "object-group G6", "echo-request"];
const OPTIONS: &[&str] = &[
    "log",
    "log 6",
    "log interval 300",
    "log disable",
    "log-input",
    "time-range TR",
    "inactive",
    "precedence 5",
    "tos 4",
    "dscp ef",
    "established",
    "fragments",
    "sequence 10",
];
const DEFINITIONS: &[&str] = &[
    "object-group network G1",
    " network-object host 10.0.0.9",
    " network-object 10.1.0.0 255.255.0.0",
    " network-object 2001:db8::/48",
    " network-object object OBJ",
    " group-object G2",
    " group-object G1",
    "object-group network G2",
    " network-object host 10.0.0.1",
    "object-group service G3 tcp",
    " port-object eq 80",
    " port-object range 1 1024",
    "object-group service G4",
    " service-object tcp destination eq 80",
    " service-object udp source range 1 5 destination eq ntp",
    " service-object icmp echo",
    " service-object tcp-udp destination eq 53",
    " service-object esp",
    "object-group protocol G5",
    " protocol-object esp",
    " protocol-object udp",
    "object-group icmp-type G6",
    " icmp-object echo",
    " icmp-object 3",
    "object network OBJ",
    " host 10.9.9.9",
    " subnet 10.8.0.0 255.255.0.0",
    " range 10.7.0.1 10.7.0.9",
    " subnet 2001:db8:1::/48",
    "ip access-list extended N",
    "ip access-list standard S",
    "ipv6 access-list V",
    "object-group network G7",
    " host 10.0.0.1",
    " 10.0.0.0 255.0.0.0",
    " range 10.0.0.1 10.0.0.5",
    " any",
    "!",
];

/// An ACE-shaped line: each part valid for some dialect, one part sometimes replaced by a
/// random keyword.
fn ace_line() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(ACE_HEADS),
        prop_oneof![2 => proptest::sample::select(&["ip", "tcp", "udp"][..]), 1 => proptest::sample::select(PROTOCOLS)],
        address_part(),
        ports_part(),
        address_part(),
        ports_part(),
        prop_oneof![3 => Just(""), 1 => proptest::sample::select(ICMP)],
        proptest::collection::vec(proptest::sample::select(OPTIONS), 0..3),
        proptest::option::weighted(0.15, (0usize..9, proptest::sample::select(WORDS))),
    )
        .prop_map(|(head, proto, src, sp, dst, dp, icmp, opts, corrupt)| {
            let mut parts: Vec<&str> = vec![head, proto, src, sp, dst, dp, icmp];
            parts.extend(opts);
            if let Some((i, w)) = corrupt
                && let Some(p) = parts.get_mut(i)
            {
                *p = w;
            }
            parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
        })
}

fn address_part() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        2 => proptest::sample::select(&["any", "host 10.0.0.1", "10.0.0.0 255.255.255.0", "10.0.0.0 0.0.0.255"][..]),
        1 => proptest::sample::select(ADDRESSES),
    ]
}

fn ports_part() -> impl Strategy<Value = &'static str> {
    prop_oneof![3 => Just(""), 1 => proptest::sample::select(PORTS)]
}

fn config_line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => ace_line(),
        2 => proptest::sample::select(DEFINITIONS).prop_map(String::from),
        1 => soup_line(),
    ]
}

fn soup_line() -> impl Strategy<Value = String> {
    (proptest::sample::select(HEADS), proptest::collection::vec(proptest::sample::select(WORDS), 0..12)).prop_map(
        |(head, words)| {
            let mut s = String::from(head);
            for w in words {
                s.push(' ');
                s.push_str(w);
            }
            s
        },
    )
}

fn exercise(text: &str) {
    for dialect in [Dialect::Ios, Dialect::Asa, Dialect::Pix] {
        for mode in [Mode::Strict, Mode::Lenient] {
            let (set, errors) = parse_lossy(text, dialect, mode);
            for e in &errors {
                let _ = e.to_string();
            }
            // What was accepted prints as text that parses (strictly) to the same lists.
            let printed = set.to_string();
            let (again, errors) = parse_lossy(&printed, dialect, Mode::Strict);
            assert!(errors.is_empty(), "{text:?}\n--- printed ---\n{printed}\n{errors:?}");
            assert_eq!(again.acls.len(), set.acls.len(), "{printed}");
            for (a, b) in set.acls.iter().zip(&again.acls) {
                let x: Vec<Ace> = a.aces().map(Ace::without_source).collect();
                let y: Vec<Ace> = b.aces().map(Ace::without_source).collect();
                assert_eq!(x, y, "{printed}");
            }
            for acl in &set.acls {
                let p = Packet::ported(
                    IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)),
                    IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)),
                    6,
                    1,
                    80,
                );
                let _ = acl.evaluate(&p);
                let _ = acl.mirror();
                for a in acl.aces() {
                    let _ = a.to_traffic_selectors();
                    let _ = a.to_ikev1_proxies();
                    if let Ok(pairs) = a.to_traffic_selectors() {
                        for (l, r) in pairs.iter().take(4) {
                            let _ = a.covers(l, r);
                            let _ = Ace::from_selectors(a.action, l, r, a.kind);
                        }
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn token_soup_never_panics(lines in proptest::collection::vec(soup_line(), 1..10)) {
        exercise(&lines.join("\n"));
    }

    #[test]
    fn grammar_soup_never_panics_and_round_trips(lines in proptest::collection::vec(config_line(), 1..16)) {
        exercise(&lines.join("\n"));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        exercise(&text);
    }
}
