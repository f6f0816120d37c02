//! Differential test of the compiled classifier against the linear reference: for random rule
//! lists (hosts, subnets, `any`, ranges, non-contiguous wildcards, IPv6, mixed families, ports,
//! ICMP, `fragments`) and packets aimed at the rules' edges, `Classifier::lookup` must return
//! exactly `first_match`.
//!
//! Per run: `CASES` lists (sizes skewed small, a few in the thousands) × `PACKETS_PER_LIST`
//! packets. Set `PROPTEST_CASES` to change the number of lists.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use policy_acl::{Action, AddrMatch, Classifier, IcmpMatch, Packet, PortRange, Rule, first_match};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

/// Random lists per run.
const CASES: u32 = 1000;
/// Packets checked per list.
const PACKETS_PER_LIST: usize = 48;

// ---------------------------------------------------------------------------------------------
// Address pools: a few networks that overlap on purpose, plus the whole space now and then.

const V4_BASES: [u32; 8] = [
    0x0a00_0000, // 10.0.0.0
    0x0a01_0000, // 10.1.0.0
    0x0a01_0200, // 10.1.2.0
    0xc0a8_0100, // 192.168.1.0
    0xac10_0000, // 172.16.0.0
    0x0000_0000,
    0xffff_ff00,
    0x0808_0800,
];

const V6_BASES: [u128; 5] = [
    0x2001_0db8_0000_0000_0000_0000_0000_0000,
    0x2001_0db8_0001_0000_0000_0000_0000_0000,
    0x2001_0db8_0000_0000_ffff_ffff_ffff_ff00,
    0xfe80_0000_0000_0000_0000_0000_0000_0000,
    0,
];

fn v4_addr() -> BoxedStrategy<u32> {
    prop_oneof![
        6 => (prop::sample::select(&V4_BASES[..]), 0u32..0x1_0000, 0u32..4).prop_map(|(b, low, k)| {
            // Low bits of 8, 12, 16 or 20 bits under the base.
            let mask = [0xff, 0xfff, 0xffff, 0xf_ffff][k as usize];
            b | (low & mask)
        }),
        1 => any::<u32>(),
    ]
    .boxed()
}

fn v6_addr() -> BoxedStrategy<u128> {
    prop_oneof![
        4 => (prop::sample::select(&V6_BASES[..]), any::<u64>(), 0u32..4).prop_map(|(b, low, k)| {
            let low = u128::from(low);
            let bits = [8, 64, 72, 128][k as usize];
            let mask = if bits == 128 { u128::MAX } else { (1u128 << bits) - 1 };
            b ^ (low & mask)
        }),
        1 => any::<u128>(),
    ]
    .boxed()
}

fn v4_len() -> BoxedStrategy<u32> {
    prop_oneof![3 => 16u32..=30, 1 => 0u32..=32, 1 => prop::sample::select(&[8u32, 24, 31, 32][..])].boxed()
}

fn v4_match() -> BoxedStrategy<AddrMatch> {
    prop_oneof![
        2 => Just(AddrMatch::Any),
        2 => Just(AddrMatch::ANY_V4),
        5 => v4_addr().prop_map(|a| AddrMatch::V4 { addr: a, wildcard: 0 }),
        8 => (v4_addr(), v4_len()).prop_map(|(a, len)| {
            let netmask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
            AddrMatch::v4_netmask(a, netmask)
        }),
        2 => (v4_addr(), 0u32..600).prop_map(|(lo, n)| AddrMatch::V4Range { lo, hi: lo.saturating_add(n) }),
        1 => (v4_addr(), 1u32..600).prop_map(|(hi, n)| AddrMatch::V4Range { lo: hi.saturating_add(n), hi }),
        2 => (v4_addr(), prop_oneof![
            Just(0x00ff_00ffu32),
            Just(0x0000_fe00),
            Just(0x0000_00fe),
            Just(0xff00_ff00),
            Just(0x0f0f_0f0f),
            (any::<u32>(), any::<u32>()).prop_map(|(a, b)| a & b & 0x00ff_ffff),
        ])
            .prop_map(|(a, w)| AddrMatch::v4_wildcard(a, w)),
        // Address bits set under the wildcard: they must be ignored.
        1 => (v4_addr(), 0u32..8).prop_map(|(a, k)| AddrMatch::V4 { addr: a, wildcard: (1u32 << (4 * k)) - 1 }),
    ]
    .boxed()
}

/// An IPv6 prefix (`AddrMatch::v6_prefix` overflows its shift at /128, so build it here).
fn v6_prefix(addr: u128, len: u8) -> AddrMatch {
    let wildcard = u128::MAX.checked_shr(u32::from(len)).unwrap_or(0);
    AddrMatch::V6 { addr: addr & !wildcard, wildcard }
}

fn v6_match() -> BoxedStrategy<AddrMatch> {
    prop_oneof![
        1 => Just(AddrMatch::Any),
        2 => Just(AddrMatch::ANY_V6),
        3 => v6_addr().prop_map(|a| AddrMatch::V6 { addr: a, wildcard: 0 }),
        4 => (v6_addr(), prop_oneof![
            prop::sample::select(&[32u8, 48, 56, 63, 64, 65, 96, 112, 120, 127, 128][..]),
            0u8..=128,
        ])
            .prop_map(|(a, len)| v6_prefix(a, len)),
        2 => (v6_addr(), prop_oneof![0u128..1000, Just(1u128 << 64), any::<u64>().prop_map(|x| u128::from(x) << 8)])
            .prop_map(|(lo, n)| AddrMatch::V6Range { lo, hi: lo.saturating_add(n) }),
        1 => (v6_addr(), 1u128..1000).prop_map(|(hi, n)| AddrMatch::V6Range { lo: hi.saturating_add(n), hi }),
        1 => (v6_addr(), any::<u128>()).prop_map(|(a, w)| {
            // Non-contiguous IPv6 wildcard (bits in both halves).
            let w = w & 0xffff_0000_0000_ffff_0000_0000_00ff_ff00;
            AddrMatch::V6 { addr: a & !w, wildcard: w }
        }),
    ]
    .boxed()
}

fn port_range() -> BoxedStrategy<PortRange> {
    prop_oneof![
        10 => Just(PortRange::ANY),
        5 => prop::sample::select(&[22u16, 53, 80, 443, 500, 4500, 0, 65535][..]).prop_map(PortRange::single),
        2 => any::<u16>().prop_map(PortRange::single),
        3 => (any::<u16>(), 0u16..2000).prop_map(|(lo, n)| PortRange { lo, hi: lo.saturating_add(n) }),
        1 => any::<u16>().prop_map(|p| PortRange { lo: 0, hi: p }),
        1 => any::<u16>().prop_map(|p| PortRange { lo: p, hi: u16::MAX }),
        1 => (1u16..100, any::<u16>()).prop_map(|(n, hi)| PortRange { lo: hi.saturating_add(n), hi }),
    ]
    .boxed()
}

fn icmp_match() -> BoxedStrategy<Option<IcmpMatch>> {
    prop_oneof![
        2 => Just(None),
        2 => (prop::sample::select(&[0u8, 3, 8, 11, 128, 129][..]), prop::option::of(0u8..5))
            .prop_map(|(t, code)| Some(IcmpMatch { icmp_type: t, code })),
        1 => (any::<u8>(), prop::option::of(any::<u8>())).prop_map(|(t, code)| Some(IcmpMatch { icmp_type: t, code })),
    ]
    .boxed()
}

/// Layer 4 of a rule: protocol, ports, ICMP.
fn l4() -> BoxedStrategy<(Option<u8>, PortRange, PortRange, Option<IcmpMatch>)> {
    prop_oneof![
        4 => Just((None, PortRange::ANY, PortRange::ANY, None)),
        7 => (prop::sample::select(&[6u8, 17][..]), port_range(), port_range())
            .prop_map(|(p, s, d)| (Some(p), s, d, None)),
        2 => (prop::sample::select(&[1u8, 58][..]), icmp_match()).prop_map(|(p, i)| (Some(p), PortRange::ANY, PortRange::ANY, i)),
        1 => prop::sample::select(&[47u8, 50, 51, 0, 255][..]).prop_map(|p| (Some(p), PortRange::ANY, PortRange::ANY, None)),
        // Layer-4 criteria on odd protocols (the model does not produce them, the semantics allow them).
        1 => (prop::option::of(any::<u8>()), port_range(), port_range(), icmp_match()),
    ]
    .boxed()
}

fn addr_pair() -> BoxedStrategy<(AddrMatch, AddrMatch)> {
    prop_oneof![
        20 => (v4_match(), v4_match()),
        2 => (v6_match(), v6_match()),
        1 => (v4_match(), v6_match()),
        1 => (v6_match(), v4_match()),
    ]
    .boxed()
}

fn rule() -> BoxedStrategy<Rule> {
    (prop::bool::weighted(0.35), addr_pair(), l4(), prop::bool::weighted(0.05))
        .prop_map(|(deny, (src, dst), (protocol, src_ports, dst_ports, icmp), fragments_only)| Rule {
            action: if deny { Action::Deny } else { Action::Permit },
            ace_index: 0,
            protocol,
            src,
            dst,
            src_ports,
            dst_ports,
            icmp,
            fragments_only,
        })
        .boxed()
}

fn rule_list() -> BoxedStrategy<Vec<Rule>> {
    let sizes = prop_oneof![
        40 => 0usize..16,
        30 => 16usize..100,
        20 => 100usize..600,
        7 => 600usize..2000,
        3 => 2000usize..5000,
    ];
    sizes
        .prop_flat_map(|n| prop::collection::vec(rule(), n))
        .prop_map(|mut rules| {
            // ACE indices: mostly one rule per ACE, sometimes a flattened group of several.
            let mut ace = 0;
            for (i, r) in rules.iter_mut().enumerate() {
                if i % 7 != 3 {
                    ace += 1;
                }
                r.ace_index = ace;
            }
            rules
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Packets: derived from seeds and the list, aimed at the edges of random rules.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn v4_edge(rng: &mut Rng, lo: u32, hi: u32) -> u32 {
    match rng.below(6) {
        0 => lo,
        1 => hi,
        2 => lo.wrapping_sub(1),
        3 => hi.wrapping_add(1),
        4 => lo.wrapping_add((rng.next() as u32) % hi.wrapping_sub(lo).wrapping_add(1).max(1)),
        _ => rng.next() as u32,
    }
}

fn v6_edge(rng: &mut Rng, lo: u128, hi: u128) -> u128 {
    match rng.below(7) {
        0 => lo,
        1 => hi,
        2 => lo.wrapping_sub(1),
        3 => hi.wrapping_add(1),
        4 => lo ^ u128::from(rng.next() as u8),
        5 => (lo & !u128::from(u64::MAX)) | u128::from(rng.next()),
        _ => V6_BASES[rng.below(V6_BASES.len() as u64) as usize] ^ u128::from(rng.next() as u16),
    }
}

fn random_v4(rng: &mut Rng) -> IpAddr {
    let base = V4_BASES[rng.below(V4_BASES.len() as u64) as usize];
    IpAddr::V4(Ipv4Addr::from(base | (rng.next() as u32 & 0xffff)))
}

fn random_v6(rng: &mut Rng) -> IpAddr {
    IpAddr::V6(Ipv6Addr::from(v6_edge(rng, 0, 0)))
}

/// An address near the edges of `m`.
fn addr_near(rng: &mut Rng, m: AddrMatch) -> IpAddr {
    match m {
        AddrMatch::Any => {
            if rng.chance(70) {
                random_v4(rng)
            } else {
                random_v6(rng)
            }
        }
        AddrMatch::V4 { addr, wildcard } => {
            let lo = addr & !wildcard;
            let a = if rng.chance(30) { lo | (rng.next() as u32 & wildcard) } else { v4_edge(rng, lo, lo | wildcard) };
            IpAddr::V4(Ipv4Addr::from(a))
        }
        AddrMatch::V4Range { lo, hi } => IpAddr::V4(Ipv4Addr::from(v4_edge(rng, lo, hi))),
        AddrMatch::V6 { addr, wildcard } => {
            let lo = addr & !wildcard;
            let r = u128::from(rng.next()) << 64 | u128::from(rng.next());
            let a = if rng.chance(30) { lo | (r & wildcard) } else { v6_edge(rng, lo, lo | wildcard) };
            IpAddr::V6(Ipv6Addr::from(a))
        }
        AddrMatch::V6Range { lo, hi } => IpAddr::V6(Ipv6Addr::from(v6_edge(rng, lo, hi))),
    }
}

fn port_near(rng: &mut Rng, r: PortRange) -> u16 {
    match rng.below(6) {
        0 => r.lo,
        1 => r.hi,
        2 => r.lo.wrapping_sub(1),
        3 => r.hi.wrapping_add(1),
        4 => [0, 22, 80, 443, 500, 65535][rng.below(6) as usize],
        _ => rng.next() as u16,
    }
}

fn packet_from(rules: &[Rule], seed: u64) -> Packet {
    let mut rng = Rng(seed);
    let target =
        if rules.is_empty() || rng.chance(15) { None } else { rules.get(rng.below(rules.len() as u64) as usize) };
    // A second rule lends some fields, so that packets sit in the overlaps of two rules.
    let other = if rules.is_empty() { None } else { rules.get(rng.below(rules.len() as u64) as usize) };
    let mut p = match target {
        None => {
            let (src, dst) = if rng.chance(80) {
                (random_v4(&mut rng), random_v4(&mut rng))
            } else {
                (random_v6(&mut rng), random_v6(&mut rng))
            };
            Packet::ported(src, dst, [6, 17, 1, 58, 47][rng.below(5) as usize], rng.next() as u16, rng.next() as u16)
        }
        Some(r) => {
            let src_from = if rng.chance(25) { other.unwrap_or(r) } else { r };
            let dst_from = if rng.chance(25) { other.unwrap_or(r) } else { r };
            let mut src = addr_near(&mut rng, src_from.src);
            let mut dst = addr_near(&mut rng, dst_from.dst);
            // Mostly one family per packet.
            if src.is_ipv4() != dst.is_ipv4() && rng.chance(80) {
                if src.is_ipv4() {
                    src = random_v6(&mut rng);
                } else {
                    src = random_v4(&mut rng);
                }
                if rng.chance(50) {
                    std::mem::swap(&mut src, &mut dst);
                }
            }
            let protocol = match r.protocol {
                Some(p) if rng.chance(85) => p,
                _ => [6, 17, 1, 58, 47, 0][rng.below(6) as usize],
            };
            let mut p = Packet::plain(src, dst, protocol);
            let ports_from = if rng.chance(20) { other.unwrap_or(r) } else { r };
            if protocol == 6 || protocol == 17 || rng.chance(10) {
                p.src_port = Some(port_near(&mut rng, ports_from.src_ports));
                p.dst_port = Some(port_near(&mut rng, ports_from.dst_ports));
                if rng.chance(10) {
                    p.src_port = None;
                }
            }
            if protocol == 1 || protocol == 58 || rng.chance(5) {
                p.icmp = Some(match r.icmp {
                    Some(m) if rng.chance(80) => {
                        let code = m.code.unwrap_or([0, 1, 255, rng.next() as u8][rng.below(4) as usize]);
                        let code = match rng.below(10) {
                            0 => code.wrapping_add(1),
                            1 => code.wrapping_sub(1),
                            _ => code,
                        };
                        let icmp_type = if rng.chance(90) { m.icmp_type } else { m.icmp_type.wrapping_add(1) };
                        (icmp_type, code)
                    }
                    _ => (rng.next() as u8, rng.below(3) as u8),
                });
            }
            p
        }
    };
    if rng.chance(20) {
        p.non_initial_fragment = true;
        // A non-initial fragment has no layer-4 header; keep odd ones now and then.
        if rng.chance(85) {
            p.src_port = None;
            p.dst_port = None;
            p.icmp = None;
        }
    }
    p
}

fn check(rules: &[Rule], seeds: &[u64]) -> Result<(), TestCaseError> {
    let classifier = Classifier::build(rules);
    for &seed in seeds {
        let p = packet_from(rules, seed);
        let expected = first_match(rules, &p);
        prop_assert_eq!(classifier.lookup(&p), expected, "packet {:?}", p);
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: CASES,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..Config::default()
    })]

    #[test]
    fn classifier_matches_linear_scan(
        rules in rule_list(),
        seeds in prop::collection::vec(any::<u64>(), PACKETS_PER_LIST),
    ) {
        check(&rules, &seeds)?;
    }
}
