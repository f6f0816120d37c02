//! Mirror, the responder's subset test, and conversions between ACEs and IKE selectors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use core::net::{IpAddr, Ipv4Addr};
use ipsec_core::types::{Identity, IpProtocol, TrafficSelector};
use policy_acl::{AccessList, Ace, AclKind, Action, Dialect, Mode, ProxyId, SelectorError, parse};

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn acl(text: &str, dialect: Dialect) -> AccessList {
    parse(text, dialect, Mode::Strict).unwrap().acls.into_iter().next().unwrap()
}

fn ace(text: &str, dialect: Dialect) -> Ace {
    acl(text, dialect).aces().next().unwrap().clone()
}

fn prefix(s: &str, len: u8) -> TrafficSelector {
    TrafficSelector::prefix(ip(s), len).unwrap()
}

fn host(s: &str) -> TrafficSelector {
    TrafficSelector::host(ip(s))
}

#[test]
fn mirror_swaps_sides_and_ports() {
    let a = ace("access-list 101 permit tcp 10.0.0.0 0.0.0.255 eq 1234 host 20.0.0.2 range 80 90 log", Dialect::Ios);
    let m = a.mirror().unwrap();
    assert_eq!(m.to_string(), "permit tcp host 20.0.0.2 range 80 90 10.0.0.0 0.0.0.255 eq 1234 log");
    assert_eq!(m.source.text, m.to_string());
    assert_eq!(m.mirror().unwrap().without_source(), a.without_source());
    let l = acl(
        "access-list A remark r\naccess-list A permit ip 192.168.12.0 255.255.255.248 192.168.3.0 255.255.255.192",
        Dialect::Asa,
    );
    let lm = l.mirror().unwrap();
    assert_eq!(lm.entries.len(), 2);
    assert_eq!(lm.ace(0).unwrap().to_string(), "permit ip 192.168.3.0 255.255.255.192 192.168.12.0 255.255.255.248");
    let std = acl("access-list 1 permit any", Dialect::Ios);
    assert_eq!(std.mirror(), Err(SelectorError::StandardList));
}

#[test]
fn selectors_of_simple_aces() {
    let a = ace("access-list 101 permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0", Dialect::Asa);
    assert_eq!(a.to_traffic_selectors().unwrap(), vec![(prefix("10.0.0.0", 24), prefix("10.1.1.0", 24))]);
    let a = ace("access-list 101 permit tcp host 10.0.0.1 any eq 443", Dialect::Ios);
    let pairs = a.to_traffic_selectors().unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].0, host("10.0.0.1").with_protocol(IpProtocol::TCP));
    assert_eq!(pairs[0].1, TrafficSelector::any_v4().with_protocol(IpProtocol::TCP).with_ports(443, 443).unwrap());
    assert_eq!(pairs[0].1.to_string(), "0.0.0.0/0[tcp/443]");
    // neq: two pairs.
    let a = ace("access-list 101 permit udp any any neq 500", Dialect::Ios);
    assert_eq!(a.to_traffic_selectors().unwrap().len(), 2);
    // ASA `any any` is both families.
    let a = ace("access-list X permit ip any any", Dialect::Asa);
    let pairs = a.to_traffic_selectors().unwrap();
    assert_eq!(
        pairs,
        vec![
            (TrafficSelector::any_v4(), TrafficSelector::any_v4()),
            (TrafficSelector::any_v6(), TrafficSelector::any_v6())
        ]
    );
    // `any` with an IPv4 side stays IPv4.
    let a = ace("access-list X permit ip any host 10.0.0.1", Dialect::Asa);
    assert_eq!(a.to_traffic_selectors().unwrap(), vec![(TrafficSelector::any_v4(), host("10.0.0.1"))]);
}

#[test]
fn icmp_goes_into_the_local_port_field() {
    let a = ace("access-list 101 permit icmp any any echo", Dialect::Ios);
    let (l, r) = a.to_traffic_selectors().unwrap()[0];
    assert_eq!((l.protocol(), l.start_port(), l.end_port()), (IpProtocol::ICMP, 0x0800, 0x08ff));
    assert!(r.is_any_port());
    let a = ace("access-list 101 permit icmp any any 3 4", Dialect::Ios);
    let (l, _) = a.to_traffic_selectors().unwrap()[0];
    assert_eq!((l.start_port(), l.end_port()), (0x0304, 0x0304));
    assert_eq!(a.to_ikev1_proxies(), Err(SelectorError::IcmpNotExpressible));
    // And back.
    let back = Ace::from_selectors(
        Action::Permit,
        &l,
        &TrafficSelector::any_v4().with_protocol(IpProtocol::ICMP),
        AclKind::IosExtended,
    )
    .unwrap();
    assert_eq!(back[0].to_string(), "permit icmp any any 3 4");
}

#[test]
fn non_contiguous_wildcards_split_or_fail() {
    let a = ace("access-list 101 permit ip 10.0.0.0 0.0.1.255 any", Dialect::Ios);
    assert_eq!(a.to_traffic_selectors().unwrap()[0].0, prefix("10.0.0.0", 23));
    let a = ace("access-list 101 permit ip 10.0.0.0 0.0.2.255 any", Dialect::Ios);
    let pairs = a.to_traffic_selectors().unwrap();
    let locals: Vec<String> = pairs.iter().map(|p| p.0.to_string()).collect();
    assert_eq!(locals, vec!["10.0.0.0/24", "10.0.2.0/24"]);
    let a = ace("access-list 101 permit ip 10.0.0.0 0.255.255.0 any", Dialect::Ios);
    assert!(matches!(a.to_traffic_selectors(), Err(SelectorError::WildcardTooFragmented { ranges: 65536, .. })));
}

#[test]
fn conversion_errors() {
    let a = ace("access-list 101 permit 0 any any", Dialect::Ios);
    assert_eq!(a.to_traffic_selectors(), Err(SelectorError::ProtocolZero));
    let a = ace("access-list 101 permit ip any any fragments", Dialect::Ios);
    assert_eq!(a.to_traffic_selectors(), Err(SelectorError::FragmentsOnly));
    let a = ace("access-list 1 permit any", Dialect::Ios);
    assert_eq!(a.to_traffic_selectors(), Err(SelectorError::StandardList));
    let a = ace("access-list X permit ip any any inactive", Dialect::Asa);
    assert!(a.to_traffic_selectors().unwrap().is_empty());
}

#[test]
fn ikev1_proxies() {
    let text = "object network POOL\n range 10.0.1.1 10.0.1.20\n\
                access-list X permit udp object POOL eq 500 10.1.0.0 255.255.0.0\n\
                access-list X permit tcp host 10.0.0.1 any range 80 81";
    let l = acl(text, Dialect::Asa);
    let p = l.ace(0).unwrap().to_ikev1_proxies().unwrap();
    assert_eq!(
        p,
        vec![(
            ProxyId {
                identity: Identity::Ipv4Range(Ipv4Addr::new(10, 0, 1, 1), Ipv4Addr::new(10, 0, 1, 20)),
                protocol: IpProtocol::UDP,
                port: 500
            },
            ProxyId {
                identity: Identity::Ipv4Subnet(Ipv4Addr::new(10, 1, 0, 0), Ipv4Addr::new(255, 255, 0, 0)),
                protocol: IpProtocol::UDP,
                port: 0
            }
        )]
    );
    assert_eq!(l.ace(1).unwrap().to_ikev1_proxies(), Err(SelectorError::PortRangeNotExpressible { lo: 80, hi: 81 }));
    let h = ace("access-list 101 permit ip host 10.0.0.1 host 20.0.0.2", Dialect::Ios).to_ikev1_proxies().unwrap();
    assert_eq!(h[0].0.identity, Identity::Ipv4(Ipv4Addr::new(10, 0, 0, 1)));
    // Proxy identities back to selectors and ACEs.
    let (lp, rp) = &p[0];
    let back = Ace::from_proxies(Action::Permit, lp, rp, AclKind::AsaExtended).unwrap();
    let shown: Vec<String> = back.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        vec![
            "permit udp host 10.0.1.1 eq 500 10.1.0.0 255.255.0.0",
            "permit udp 10.0.1.2 255.255.255.254 eq 500 10.1.0.0 255.255.0.0",
            "permit udp 10.0.1.4 255.255.255.252 eq 500 10.1.0.0 255.255.0.0",
            "permit udp 10.0.1.8 255.255.255.248 eq 500 10.1.0.0 255.255.0.0",
            "permit udp 10.0.1.16 255.255.255.252 eq 500 10.1.0.0 255.255.0.0",
            "permit udp host 10.0.1.20 eq 500 10.1.0.0 255.255.0.0",
        ]
    );
    let fqdn = ProxyId { identity: Identity::Fqdn("x".into()), protocol: IpProtocol::ANY, port: 0 };
    assert_eq!(fqdn.to_selector(), Err(SelectorError::NotAnAddress));
    let bad = ProxyId {
        identity: Identity::Ipv4Subnet(Ipv4Addr::new(10, 0, 0, 0), Ipv4Addr::new(255, 0, 255, 0)),
        protocol: IpProtocol::ANY,
        port: 0,
    };
    assert_eq!(bad.to_selector(), Err(SelectorError::BadMask));
}

#[test]
fn aces_from_selectors_in_each_dialect() {
    let l = prefix("10.0.0.0", 24);
    let r = prefix("10.1.1.0", 24).with_protocol(IpProtocol::TCP).with_ports(80, 80).unwrap();
    let l = l.with_protocol(IpProtocol::TCP);
    let ios = Ace::from_selectors(Action::Permit, &l, &r, AclKind::IosExtended).unwrap();
    assert_eq!(ios[0].to_string(), "permit tcp 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255 eq 80");
    let asa = Ace::from_selectors(Action::Deny, &l, &r, AclKind::AsaExtended).unwrap();
    assert_eq!(asa[0].to_string(), "deny tcp 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0 eq 80");
    let any = Ace::from_selectors(Action::Permit, &TrafficSelector::any_v4(), &host("1.1.1.1"), AclKind::AsaExtended)
        .unwrap();
    assert_eq!(any[0].to_string(), "permit ip any4 host 1.1.1.1");
    let v6 =
        Ace::from_selectors(Action::Permit, &prefix("2001:db8::", 32), &TrafficSelector::any_v6(), AclKind::IosIpv6)
            .unwrap();
    assert_eq!(v6[0].to_string(), "permit ipv6 2001:db8::/32 any");
    assert_eq!(
        Ace::from_selectors(
            Action::Permit,
            &prefix("2001:db8::", 32),
            &TrafficSelector::any_v6(),
            AclKind::IosExtended
        ),
        Err(SelectorError::Family)
    );
    let esp = TrafficSelector::any_v4().with_protocol(IpProtocol::ESP);
    let e = Ace::from_selectors(Action::Permit, &esp, &esp, AclKind::IosExtended).unwrap();
    assert_eq!(e[0].to_string(), "permit esp any any");
    let e = Ace::from_selectors(
        Action::Permit,
        &TrafficSelector::any_v4().with_protocol(IpProtocol(51)),
        &esp,
        AclKind::IosExtended,
    );
    assert_eq!(e, Err(SelectorError::Family));
    let ah = TrafficSelector::any_v4().with_protocol(IpProtocol::AH);
    assert_eq!(
        Ace::from_selectors(Action::Permit, &ah, &ah, AclKind::AsaExtended).unwrap()[0].to_string(),
        "permit ah any4 any4"
    );
    // Every generated ACE parses back.
    for a in ios.iter().chain(&asa) {
        let dialect = a.kind.dialect();
        let line = format!("access-list 101 {a}");
        let parsed = ace(&line, dialect);
        assert_eq!(parsed.without_source(), a.without_source());
    }
}

#[test]
fn subset_test_follows_the_ios_guide_cases() {
    // 003:622-624: A's request (a subset of B's permit) is accepted; B's wider request is not.
    let b = acl("access-list 101 permit ip 10.0.0.0 0.0.0.255 20.0.0.0 0.0.0.255", Dialect::Ios);
    assert_eq!(b.permit_covering(&host("10.0.0.1"), &host("20.0.0.2")), Some(0));
    assert_eq!(b.permit_covering(&prefix("10.0.0.0", 24), &prefix("20.0.0.0", 24)), Some(0));
    assert_eq!(b.permit_covering(&prefix("10.0.0.0", 23), &prefix("20.0.0.0", 24)), None);
    let narrow = acl("access-list 101 permit ip host 10.0.0.1 host 20.0.0.2", Dialect::Ios);
    assert_eq!(narrow.permit_covering(&prefix("10.0.0.0", 24), &prefix("20.0.0.0", 24)), None);
    // Deny ACEs are ignored by the responder check (DESIGN §3.8).
    let d = acl(
        "access-list 102 deny ip host 10.0.0.1 any\naccess-list 102 permit ip 10.0.0.0 0.0.0.255 any",
        Dialect::Ios,
    );
    assert_eq!(d.permit_covering(&host("10.0.0.1"), &host("1.1.1.1")), Some(1));
    assert!(d.ace(0).unwrap().covers(&host("10.0.0.1"), &host("1.1.1.1")));
}

#[test]
fn subset_test_with_ports_groups_and_wildcards() {
    let web = ace("access-list 101 permit tcp any any eq www", Dialect::Ios);
    let tcp80 = TrafficSelector::any_v4().with_protocol(IpProtocol::TCP).with_ports(80, 80).unwrap();
    let tcp_any = TrafficSelector::any_v4().with_protocol(IpProtocol::TCP);
    assert!(web.covers(&tcp_any, &tcp80));
    assert!(!web.covers(&tcp_any, &tcp_any));
    assert!(!web.covers(&TrafficSelector::any_v4(), &TrafficSelector::any_v4()));
    // `neq` halves: 81-90 is covered, 70-90 is not.
    let neq = ace("access-list 101 permit tcp any any neq 80", Dialect::Ios);
    assert!(neq.covers(&tcp_any, &tcp_any.with_ports(81, 90).unwrap()));
    assert!(!neq.covers(&tcp_any, &tcp_any.with_ports(70, 90).unwrap()));
    // Two /25 members of a group cover a /24 together.
    let g = ace(
        "object-group network HALVES\n network-object 10.0.0.0 255.255.255.128\n network-object 10.0.0.128 255.255.255.128\n\
         access-list X permit ip object-group HALVES any",
        Dialect::Asa,
    );
    assert!(g.covers(&prefix("10.0.0.0", 24), &prefix("1.0.0.0", 8)));
    assert!(!g.covers(&prefix("10.0.0.0", 23), &prefix("1.0.0.0", 8)));
    // Non-contiguous wildcards, exactly.
    let w = ace("access-list 101 permit ip 10.0.0.0 0.255.0.255 any", Dialect::Ios);
    assert!(w.covers(&prefix("10.7.0.0", 24), &host("1.1.1.1")));
    assert!(!w.covers(&prefix("10.7.0.0", 23), &host("1.1.1.1")));
    // ICMP types in the local port field.
    let echo = ace("access-list 101 permit icmp any any echo", Dialect::Ios);
    let icmp8 = TrafficSelector::any_v4().with_protocol(IpProtocol::ICMP).with_ports(0x0800, 0x0800).unwrap();
    assert!(echo.covers(&icmp8, &TrafficSelector::any_v4().with_protocol(IpProtocol::ICMP)));
    assert!(!echo.covers(&TrafficSelector::any_v4().with_protocol(IpProtocol::ICMP), &TrafficSelector::any_v4()));
    // Families must agree.
    assert!(!web.covers(&TrafficSelector::any_v6(), &TrafficSelector::any_v4()));
}
