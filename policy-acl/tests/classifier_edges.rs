//! Hand-written edge cases of the compiled classifier, each checked against `first_match`.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use policy_acl::{Action, AddrMatch, Classifier, IcmpMatch, Packet, PortRange, Rule, Verdict, first_match};

fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

fn v6(s: &str) -> IpAddr {
    IpAddr::V6(s.parse::<Ipv6Addr>().unwrap())
}

fn ip4(a: u8, b: u8, c: u8, d: u8) -> u32 {
    u32::from(Ipv4Addr::new(a, b, c, d))
}

fn base(action: Action, ace_index: usize) -> Rule {
    Rule {
        action,
        ace_index,
        protocol: None,
        src: AddrMatch::ANY_V4,
        dst: AddrMatch::ANY_V4,
        src_ports: PortRange::ANY,
        dst_ports: PortRange::ANY,
        icmp: None,
        fragments_only: false,
    }
}

/// Asserts the classifier agrees with the linear scan, and returns the verdict.
fn agree(rules: &[Rule], p: &Packet) -> Verdict {
    let c = Classifier::build(rules);
    let expected = first_match(rules, p);
    assert_eq!(c.lookup(p), expected, "packet {p:?}");
    expected
}

fn hit(action: Action, ace_index: usize) -> Verdict {
    Verdict::Match { action, ace_index }
}

#[test]
fn empty_list_matches_nothing() {
    let c = Classifier::build(&[]);
    assert!(c.is_empty());
    assert_eq!(c.lookup(&Packet::plain(v4(1, 2, 3, 4), v4(5, 6, 7, 8), 6)), Verdict::NoMatch);
    assert_eq!(c.lookup(&Packet::plain(v6("::1"), v6("::2"), 6)), Verdict::NoMatch);
}

#[test]
fn cisco_fragment_rules() {
    let mut permit80 = base(Action::Permit, 0);
    permit80.protocol = Some(6);
    permit80.dst_ports = PortRange::single(80);
    let mut deny22 = base(Action::Deny, 1);
    deny22.protocol = Some(6);
    deny22.dst_ports = PortRange::single(22);
    let mut frag_only = base(Action::Deny, 2);
    frag_only.fragments_only = true;
    let tail = base(Action::Permit, 3);

    let mut frag = Packet::plain(v4(10, 0, 0, 1), v4(1, 1, 1, 1), 6);
    frag.non_initial_fragment = true;
    // A permit with layer-4 criteria matches a non-initial fragment on layer 3 alone.
    assert_eq!(agree(&[permit80, tail], &frag), hit(Action::Permit, 0));
    // A deny with layer-4 criteria does not; evaluation goes on.
    assert_eq!(agree(&[deny22, tail], &frag), hit(Action::Permit, 3));
    assert_eq!(agree(&[deny22, frag_only, tail], &frag), hit(Action::Deny, 2));
    // `fragments` rules never match first fragments.
    let first = Packet::ported(v4(10, 0, 0, 1), v4(1, 1, 1, 1), 6, 999, 22);
    assert_eq!(agree(&[frag_only, deny22, tail], &first), hit(Action::Deny, 1));
    let web = Packet::ported(v4(10, 0, 0, 1), v4(1, 1, 1, 1), 6, 999, 80);
    assert_eq!(agree(&[frag_only, deny22, permit80, tail], &web), hit(Action::Permit, 0));
    // A non-initial fragment that still carries ports is judged on layer 3 too.
    let mut odd = web;
    odd.non_initial_fragment = true;
    odd.dst_port = Some(22);
    assert_eq!(agree(&[deny22, permit80], &odd), hit(Action::Permit, 0));
    // Other protocols: a `tcp` rule never matches a UDP fragment.
    let mut udp_frag = frag;
    udp_frag.protocol = 17;
    assert_eq!(agree(&[permit80], &udp_frag), Verdict::NoMatch);
}

#[test]
fn packets_without_ports_match_only_portless_rules() {
    let mut ssh = base(Action::Deny, 0);
    ssh.protocol = Some(6);
    ssh.dst_ports = PortRange::single(22);
    let mut any_tcp = base(Action::Permit, 1);
    any_tcp.protocol = Some(6);
    let portless = Packet::plain(v4(10, 0, 0, 1), v4(10, 0, 0, 2), 6);
    assert_eq!(agree(&[ssh, any_tcp], &portless), hit(Action::Permit, 1));
    assert_eq!(agree(&[ssh], &portless), Verdict::NoMatch);
    // Port edges: 0 and 65535, and ranges with lo > hi (empty).
    let mut high = base(Action::Permit, 2);
    high.protocol = Some(17);
    high.src_ports = PortRange { lo: 65535, hi: 65535 };
    let mut empty = base(Action::Deny, 3);
    empty.dst_ports = PortRange { lo: 10, hi: 9 };
    for (sp, dp) in [(65535, 0), (65534, 9), (0, 10), (65535, 65535)] {
        let p = Packet::ported(v4(1, 1, 1, 1), v4(2, 2, 2, 2), 17, sp, dp);
        agree(&[empty, high], &p);
    }
}

#[test]
fn icmp_type_and_code() {
    let mut echo = base(Action::Permit, 0);
    echo.protocol = Some(1);
    echo.icmp = Some(IcmpMatch { icmp_type: 8, code: None });
    let mut unreach_frag = base(Action::Deny, 1);
    unreach_frag.protocol = Some(1);
    unreach_frag.icmp = Some(IcmpMatch { icmp_type: 3, code: Some(4) });
    let rules = [unreach_frag, echo];
    for (t, c) in [(8, 0), (8, 255), (3, 4), (3, 3), (0, 0), (255, 255)] {
        let mut p = Packet::plain(v4(1, 1, 1, 1), v4(2, 2, 2, 2), 1);
        p.icmp = Some((t, c));
        agree(&rules, &p);
    }
    // No ICMP header: only rules without an ICMP test match.
    assert_eq!(agree(&rules, &Packet::plain(v4(1, 1, 1, 1), v4(2, 2, 2, 2), 1)), Verdict::NoMatch);
}

#[test]
fn families_any_and_mixed_packets() {
    let mut any = base(Action::Permit, 0);
    any.src = AddrMatch::Any;
    any.dst = AddrMatch::Any;
    any.protocol = Some(47);
    let mut v4_only = base(Action::Deny, 1);
    v4_only.dst = AddrMatch::ANY_V4;
    let mut v6_only = base(Action::Deny, 2);
    v6_only.src = AddrMatch::ANY_V6;
    v6_only.dst = AddrMatch::ANY_V6;
    let mut mixed = base(Action::Permit, 3);
    mixed.src = AddrMatch::ANY_V4;
    mixed.dst = AddrMatch::ANY_V6;
    let rules = [any, v4_only, v6_only, mixed];
    let addrs = [v4(10, 1, 1, 1), v6("2001:db8::1"), v6("::"), v4(0, 0, 0, 0), v6("::ffff:10.1.1.1")];
    for &s in &addrs {
        for &d in &addrs {
            for proto in [47, 6] {
                agree(&rules, &Packet::plain(s, d, proto));
            }
        }
    }
    assert_eq!(agree(&rules, &Packet::plain(v4(1, 2, 3, 4), v6("::1"), 6)), hit(Action::Permit, 3));
    assert_eq!(agree(&rules, &Packet::plain(v6("::1"), v4(1, 2, 3, 4), 6)), Verdict::NoMatch);
}

#[test]
fn wildcards_ranges_and_raw_addresses() {
    // 10.0.0.0 0.255.0.255 (10.x.0.y), a range, and a wildcard whose address has bits set under it.
    let mut noncontig = base(Action::Deny, 0);
    noncontig.src = AddrMatch::v4_wildcard(ip4(10, 0, 0, 0), 0x00ff_00ff);
    let mut range = base(Action::Permit, 1);
    range.src = AddrMatch::V4Range { lo: ip4(10, 0, 0, 250), hi: ip4(10, 0, 1, 5) };
    let mut raw = base(Action::Deny, 2);
    raw.src = AddrMatch::V4 { addr: ip4(192, 168, 1, 77), wildcard: 0xff };
    let mut empty = base(Action::Permit, 3);
    empty.src = AddrMatch::V4Range { lo: ip4(10, 0, 0, 9), hi: ip4(10, 0, 0, 8) };
    let rules = [noncontig, range, raw, empty];
    for s in [
        v4(10, 7, 0, 9),
        v4(10, 7, 1, 9),
        v4(10, 0, 0, 249),
        v4(10, 0, 0, 250),
        v4(10, 0, 1, 5),
        v4(10, 0, 1, 6),
        v4(10, 0, 0, 8),
        v4(192, 168, 1, 0),
        v4(192, 168, 1, 255),
        v4(192, 168, 2, 0),
    ] {
        agree(&rules, &Packet::plain(s, v4(1, 1, 1, 1), 6));
    }
    assert_eq!(agree(&rules, &Packet::plain(v4(10, 7, 0, 9), v4(1, 1, 1, 1), 6)), hit(Action::Deny, 0));
    assert_eq!(agree(&rules, &Packet::plain(v4(10, 0, 1, 1), v4(1, 1, 1, 1), 6)), hit(Action::Permit, 1));
    assert_eq!(agree(&rules, &Packet::plain(v4(10, 0, 1, 8), v4(1, 1, 1, 1), 6)), Verdict::NoMatch);
}

#[test]
fn ipv6_ranges_across_the_half_boundary() {
    // A range that is not a box when addresses are split into 64-bit halves.
    let lo = 0x2001_0db8_0000_0000_ffff_ffff_ffff_fff0u128;
    let hi = 0x2001_0db8_0000_0002_0000_0000_0000_0010u128;
    let mut r = base(Action::Deny, 0);
    r.src = AddrMatch::V6Range { lo, hi };
    r.dst = AddrMatch::ANY_V6;
    let mut host = base(Action::Permit, 1);
    host.src = AddrMatch::host(v6("2001:db8::1:0:0:0"));
    host.dst = AddrMatch::ANY_V6;
    let rules = [r, host];
    for a in [
        lo - 1,
        lo,
        lo + 0x20,
        hi,
        hi + 1,
        0x2001_0db8_0000_0001_0000_0000_0000_0000,
        0x2001_0db8_0000_0000_0000_0000_0000_0001,
    ] {
        agree(&rules, &Packet::plain(IpAddr::V6(Ipv6Addr::from(a)), v6("::1"), 6));
    }
}

#[test]
fn shadowing_and_priorities_in_a_large_list() {
    // 20,000 host rules on distinct ports after a broad deny, then `permit ip any any`.
    let mut rules = Vec::new();
    let mut deny = base(Action::Deny, 0);
    deny.src = AddrMatch::v4_netmask(ip4(10, 9, 0, 0), 0xffff_0000);
    rules.push(deny);
    for i in 0..20_000u32 {
        let mut r = base(if i % 3 == 0 { Action::Deny } else { Action::Permit }, i as usize + 1);
        r.src = AddrMatch::V4 { addr: ip4(10, 0, 0, 0) + i * 7, wildcard: 0 };
        r.dst = AddrMatch::v4_netmask(ip4(172, 16, 0, 0) + (i % 64) * 256, 0xffff_ff00);
        r.protocol = Some(6);
        r.dst_ports = PortRange::single(1000 + (i % 500) as u16);
        rules.push(r);
    }
    rules.push(base(Action::Permit, 20_001));
    let c = Classifier::build(&rules);
    assert_eq!(c.len(), rules.len());
    assert!(c.memory_bytes() > 0);
    for i in (0..20_000u32).step_by(37) {
        let src = IpAddr::V4(Ipv4Addr::from(ip4(10, 0, 0, 0) + i * 7));
        let dst = IpAddr::V4(Ipv4Addr::from(ip4(172, 16, 0, 9) + (i % 64) * 256));
        for port in [1000 + (i % 500) as u16, 999, 1500] {
            let p = Packet::ported(src, dst, 6, 5555, port);
            assert_eq!(c.lookup(&p), first_match(&rules, &p), "{p:?}");
        }
    }
    let shadowed = Packet::ported(v4(10, 9, 1, 1), v4(172, 16, 0, 1), 6, 1, 1000);
    assert_eq!(c.lookup(&shadowed), hit(Action::Deny, 0));
    let last = Packet::plain(v4(8, 8, 8, 8), v4(9, 9, 9, 9), 50);
    assert_eq!(c.lookup(&last), hit(Action::Permit, 20_001));
    let stats = c.stats();
    assert_eq!(stats.rules, rules.len());
    assert!(stats.trees >= 1 && stats.max_leaf <= 64, "{stats:?}");
}

#[test]
fn duplicate_and_identical_inexact_rules() {
    // Many identical non-contiguous rules cannot be separated; the first must still win.
    let mut rules = Vec::new();
    for i in 0..300 {
        let mut r = base(if i % 2 == 0 { Action::Permit } else { Action::Deny }, i);
        r.src = AddrMatch::v4_wildcard(ip4(10, 0, 0, 1), 0x00ff_00fe);
        r.protocol = Some(if i % 5 == 0 { 17 } else { 6 });
        rules.push(r);
    }
    for s in [v4(10, 3, 0, 1), v4(10, 3, 0, 2), v4(10, 3, 1, 1)] {
        for proto in [6, 17, 1] {
            agree(&rules, &Packet::plain(s, v4(1, 1, 1, 1), proto));
        }
    }
}
