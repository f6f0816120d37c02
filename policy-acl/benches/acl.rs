//! First-match lookup cost of the linear scan (`first_match`) against the compiled classifier
//! (`Classifier`) at 10 to 100,000 rules, with build time and index memory per size.
//!
//! The rule lists are synthetic but shaped like enterprise and crypto ACLs: mostly IPv4 hosts
//! and /16-/30 subnets in private space (`any` on one side of 12 % of them), TCP/UDP with
//! single well-known ports and port ranges, some `ip`, ICMP and ESP rules, and a few denies
//! ahead of the permits. Lookups cycle through a fixed packet mix: packets aimed at early
//! rules, at rules anywhere in the list, misses and non-initial fragments.
//!
//! A last table runs harder shapes at 10,000 rules (`ACL_STRESS_RULES` changes the size):
//! any-to-any port rules, non-contiguous wildcards, ClassBench-like random prefixes, one address
//! pair with overlapping port ranges, IPv6, nested prefixes; it shows where the classifier
//! degrades.
//!
//! Run: `cargo bench -p policy-acl --bench acl` (`BENCH_QUICK=1` for a smoke run, `ACL_SIZES=10000`
//! for some sizes only, `ACL_STRESS_RULES=0` to skip the stress table).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Instant;

use benchkit::{Table, group, measure};
use policy_acl::{Action, AddrMatch, Classifier, IcmpMatch, Packet, PortRange, Rule, Verdict, first_match};

const SIZES: [usize; 5] = [10, 100, 1_000, 10_000, 100_000];
/// Packets per mix (a power of two).
const PACKETS: usize = 4096;

/// splitmix64: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pct(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

/// A random address in private space: 10/8 (most), 172.16/12, 192.168/16.
fn private_addr(rng: &mut Rng) -> u32 {
    let r = rng.next() as u32;
    match rng.below(10) {
        0..=6 => 0x0a00_0000 | (r & 0x00ff_ffff),
        7..=8 => 0xac10_0000 | (r & 0x000f_ffff),
        _ => 0xc0a8_0000 | (r & 0x0000_ffff),
    }
}

fn prefix(addr: u32, len: u32) -> AddrMatch {
    AddrMatch::v4_netmask(addr, if len == 0 { 0 } else { u32::MAX << (32 - len) })
}

/// Source or destination of a rule: hosts (45 %), /24s (25 %), /25-/30 (18 %), /16-/23 (12 %).
fn addr_match(rng: &mut Rng) -> AddrMatch {
    let a = private_addr(rng);
    match rng.below(100) {
        0..=44 => AddrMatch::V4 { addr: a, wildcard: 0 },
        45..=69 => prefix(a, 24),
        70..=87 => prefix(a, 25 + rng.below(6) as u32),
        _ => prefix(a, 16 + rng.below(8) as u32),
    }
}

const WELL_KNOWN: [u16; 14] = [22, 25, 53, 80, 123, 161, 443, 500, 1433, 3306, 3389, 4500, 8080, 8443];

fn dst_ports(rng: &mut Rng) -> PortRange {
    match rng.below(100) {
        0..=49 => PortRange::single(WELL_KNOWN[rng.below(WELL_KNOWN.len() as u64) as usize]),
        50..=59 => PortRange::single(1024 + rng.below(60_000) as u16),
        60..=64 => PortRange { lo: 1024, hi: u16::MAX },
        65..=74 => {
            let lo = 1024 + rng.below(60_000) as u16;
            PortRange { lo, hi: lo.saturating_add(rng.below(200) as u16) }
        }
        _ => PortRange::ANY,
    }
}

fn src_ports(rng: &mut Rng) -> PortRange {
    match rng.below(100) {
        0..=3 => PortRange::single(WELL_KNOWN[rng.below(WELL_KNOWN.len() as u64) as usize]),
        4..=7 => PortRange { lo: 1024, hi: u16::MAX },
        _ => PortRange::ANY,
    }
}

fn random_rule(rng: &mut Rng, ace_index: usize, action: Action) -> Rule {
    // `any` on one side in 12 % of the rules (never on both).
    let (mut src, mut dst) = (addr_match(rng), addr_match(rng));
    match rng.below(100) {
        0..=5 => src = AddrMatch::ANY_V4,
        6..=11 => dst = AddrMatch::ANY_V4,
        _ => {}
    }
    let mut rule = Rule {
        action,
        ace_index,
        protocol: None,
        src,
        dst,
        src_ports: PortRange::ANY,
        dst_ports: PortRange::ANY,
        icmp: None,
        fragments_only: false,
    };
    match rng.below(100) {
        0..=44 => {
            rule.protocol = Some(6);
            rule.src_ports = src_ports(rng);
            rule.dst_ports = dst_ports(rng);
        }
        45..=69 => {
            rule.protocol = Some(17);
            rule.src_ports = src_ports(rng);
            rule.dst_ports = dst_ports(rng);
        }
        70..=74 => {
            rule.protocol = Some(1);
            if rng.pct(60) {
                rule.icmp = Some(IcmpMatch { icmp_type: [0, 3, 8, 11][rng.below(4) as usize], code: None });
            }
        }
        75..=77 => rule.protocol = Some(50),
        _ => {}
    }
    rule
}

/// `n` rules: about 5 % denies, most of them ahead of the permits.
fn rule_list(n: usize, seed: u64) -> Vec<Rule> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|i| {
            let early = i < n.div_ceil(10);
            let deny = if early { rng.pct(35) } else { rng.pct(2) };
            random_rule(&mut rng, i, if deny { Action::Deny } else { Action::Permit })
        })
        .collect()
}

/// A random address inside an address test.
fn addr_in(rng: &mut Rng, m: AddrMatch) -> u32 {
    match m {
        AddrMatch::V4 { addr, wildcard } => (addr & !wildcard) | (rng.next() as u32 & wildcard),
        AddrMatch::V4Range { lo, hi } => lo + (rng.next() as u32) % (hi - lo).saturating_add(1).max(1),
        _ => private_addr(rng),
    }
}

fn port_in(rng: &mut Rng, r: PortRange) -> u16 {
    if r.is_any() { 1024 + rng.below(60_000) as u16 } else { r.lo + (rng.next() as u16) % (r.hi - r.lo + 1).max(1) }
}

/// A first-fragment packet inside `rule`.
fn packet_in(rng: &mut Rng, rule: &Rule) -> Packet {
    let src = IpAddr::V4(Ipv4Addr::from(addr_in(rng, rule.src)));
    let dst = IpAddr::V4(Ipv4Addr::from(addr_in(rng, rule.dst)));
    match rule.protocol {
        Some(p @ (6 | 17)) => Packet::ported(src, dst, p, port_in(rng, rule.src_ports), port_in(rng, rule.dst_ports)),
        None => Packet::ported(src, dst, if rng.pct(50) { 6 } else { 17 }, 40_000, 443),
        Some(1) => {
            let mut p = Packet::plain(src, dst, 1);
            p.icmp = Some(rule.icmp.map_or((8, 0), |m| (m.icmp_type, m.code.unwrap_or(0))));
            p
        }
        Some(p) => Packet::plain(src, dst, p),
    }
}

/// Packet classes of the mix.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// Aimed at a rule in the first 1 % of the list.
    Early,
    /// Aimed at a rule anywhere in the list.
    Anywhere,
    /// Public addresses no rule names (only `any` rules can match).
    Miss,
    /// A non-initial fragment aimed at a rule anywhere.
    Fragment,
}

const CLASSES: [(Class, u64); 4] = [(Class::Early, 20), (Class::Anywhere, 50), (Class::Miss, 25), (Class::Fragment, 5)];

fn packet_of(rng: &mut Rng, rules: &[Rule], class: Class) -> Packet {
    match class {
        Class::Early => {
            let r = &rules[rng.below(rules.len().div_ceil(100) as u64) as usize];
            packet_in(rng, r)
        }
        Class::Anywhere => {
            let r = &rules[rng.below(rules.len() as u64) as usize];
            packet_in(rng, r)
        }
        Class::Miss => {
            let src = IpAddr::V4(Ipv4Addr::from(0x0800_0000 | (rng.next() as u32 & 0x00ff_ffff)));
            let dst = IpAddr::V4(Ipv4Addr::from(0x5db8_0000 | (rng.next() as u32 & 0x0000_ffff)));
            Packet::ported(src, dst, if rng.pct(70) { 6 } else { 17 }, 1024 + rng.below(60_000) as u16, 443)
        }
        Class::Fragment => {
            let r = &rules[rng.below(rules.len() as u64) as usize];
            let mut p = packet_in(rng, r);
            p.src_port = None;
            p.dst_port = None;
            p.icmp = None;
            p.non_initial_fragment = true;
            p
        }
    }
}

/// The mix: classes in the proportions of `CLASSES`, shuffled.
fn packet_mix(rules: &[Rule], seed: u64, only: Option<Class>) -> Vec<Packet> {
    let mut rng = Rng(seed);
    (0..PACKETS)
        .map(|_| {
            let class = only.unwrap_or_else(|| {
                let mut roll = rng.below(100);
                CLASSES
                    .iter()
                    .find(|&&(_, pct)| {
                        if roll < pct {
                            true
                        } else {
                            roll -= pct;
                            false
                        }
                    })
                    .map_or(Class::Anywhere, |&(c, _)| c)
            });
            packet_of(&mut rng, rules, class)
        })
        .collect()
}

/// Median ns per lookup of `f` cycling through `packets`.
fn per_lookup(packets: &[Packet], mut f: impl FnMut(&Packet) -> Verdict) -> f64 {
    let mask = packets.len() - 1;
    let mut i = 0usize;
    measure(|| {
        i = (i + 1) & mask;
        f(black_box(&packets[i]))
    })
    .median_ns
}

// ---------------------------------------------------------------------------------------------
// Stress shapes.

/// A rule list shape for the stress table.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// `permit tcp|udp any any eq P` / `range`: only ports and protocol separate the rules.
    AnyAnyPorts,
    /// 30 % of sources are non-contiguous IOS wildcards (`10.x.0.y`, even /24s, ...).
    NonContiguous,
    /// ClassBench-like: prefix lengths uniform in 0..=32 over the whole address space.
    RandomPrefixes,
    /// Every rule `10.0.0.0/8 -> 10.0.0.0/8` with random overlapping port ranges.
    OnePairPorts,
    /// IPv6: /48-/64 and /120 subnets and hosts, ports.
    Ipv6,
    /// Prefixes of every length 8..=32 around a handful of addresses on both sides.
    Nested,
}

const SHAPES: [Shape; 6] =
    [Shape::AnyAnyPorts, Shape::NonContiguous, Shape::RandomPrefixes, Shape::OnePairPorts, Shape::Ipv6, Shape::Nested];

fn ported_rule(rng: &mut Rng, ace_index: usize, src: AddrMatch, dst: AddrMatch) -> Rule {
    let action = if rng.pct(10) { Action::Deny } else { Action::Permit };
    let (protocol, src_ports, dst_ports) = match rng.below(10) {
        0..=5 => (Some(6), src_ports(rng), dst_ports(rng)),
        6..=8 => (Some(17), src_ports(rng), dst_ports(rng)),
        _ => (None, PortRange::ANY, PortRange::ANY),
    };
    Rule { action, ace_index, protocol, src, dst, src_ports, dst_ports, icmp: None, fragments_only: false }
}

fn v6_match(rng: &mut Rng) -> AddrMatch {
    let site = 0x2001_0db8_0000_0000_0000_0000_0000_0000u128 | (u128::from(rng.below(64)) << 80);
    let addr = site | (u128::from(rng.next()) << 16) | u128::from(rng.next() as u16);
    let len = [48u32, 56, 64, 64, 120, 128, 128, 128][rng.below(8) as usize];
    let wildcard = u128::MAX.checked_shr(len).unwrap_or(0);
    AddrMatch::V6 { addr: addr & !wildcard, wildcard }
}

fn shape_rules(shape: Shape, n: usize, seed: u64) -> Vec<Rule> {
    let mut rng = Rng(seed);
    let centres: Vec<u32> = (0..8).map(|_| private_addr(&mut rng)).collect();
    (0..n)
        .map(|i| match shape {
            Shape::AnyAnyPorts => {
                let mut r = ported_rule(&mut rng, i, AddrMatch::ANY_V4, AddrMatch::ANY_V4);
                r.protocol = Some(if rng.pct(60) { 6 } else { 17 });
                let lo = rng.below(65_536) as u16;
                r.dst_ports = if rng.pct(70) {
                    PortRange::single(lo)
                } else {
                    PortRange { lo, hi: lo.saturating_add(rng.below(64) as u16) }
                };
                r
            }
            Shape::NonContiguous => {
                let src = if rng.pct(30) {
                    let w = [0x00ff_00ffu32, 0x0000_fe00, 0x00ff_0000, 0x0000_ff0f][rng.below(4) as usize];
                    AddrMatch::v4_wildcard(private_addr(&mut rng), w)
                } else {
                    addr_match(&mut rng)
                };
                let dst = addr_match(&mut rng);
                ported_rule(&mut rng, i, src, dst)
            }
            Shape::RandomPrefixes => {
                let (a, la) = (rng.next() as u32, rng.below(33) as u32);
                let (b, lb) = (rng.next() as u32, rng.below(33) as u32);
                ported_rule(&mut rng, i, prefix(a, la), prefix(b, lb))
            }
            Shape::OnePairPorts => {
                let net = prefix(0x0a00_0000, 8);
                let mut r = ported_rule(&mut rng, i, net, net);
                let lo = rng.below(65_536) as u16;
                r.protocol = Some(6);
                r.dst_ports = PortRange { lo, hi: lo.saturating_add(rng.below(4096) as u16) };
                r
            }
            Shape::Ipv6 => {
                let (src, dst) = (v6_match(&mut rng), v6_match(&mut rng));
                ported_rule(&mut rng, i, src, dst)
            }
            Shape::Nested => {
                let a = centres[rng.below(8) as usize] ^ (rng.next() as u32 & 0xff);
                let b = centres[rng.below(8) as usize] ^ (rng.next() as u32 & 0xff);
                let (la, lb) = (8 + rng.below(25) as u32, 8 + rng.below(25) as u32);
                ported_rule(&mut rng, i, prefix(a, la), prefix(b, lb))
            }
        })
        .collect()
}

/// A random address inside an IPv6 test.
fn v6_in(rng: &mut Rng, m: AddrMatch) -> u128 {
    match m {
        AddrMatch::V6 { addr, wildcard } => {
            (addr & !wildcard) | ((u128::from(rng.next()) << 64 | u128::from(rng.next())) & wildcard)
        }
        _ => 0x2001_0db8_u128 << 96,
    }
}

/// Packets aimed at random rules of a stress list (80 %) and misses (20 %).
fn shape_packets(rules: &[Rule], seed: u64) -> Vec<Packet> {
    let mut rng = Rng(seed);
    (0..PACKETS)
        .map(|_| {
            let r = &rules[rng.below(rules.len() as u64) as usize];
            let miss = rng.pct(20);
            if let AddrMatch::V6 { .. } = r.src {
                let mut v6 = |m| IpAddr::V6(std::net::Ipv6Addr::from(v6_in(&mut rng, m)));
                let (src, dst) = if miss { (v6(AddrMatch::Any), v6(AddrMatch::Any)) } else { (v6(r.src), v6(r.dst)) };
                let (sp, dp) = (port_in(&mut rng, r.src_ports), port_in(&mut rng, r.dst_ports));
                return Packet::ported(src, dst, r.protocol.unwrap_or(6), sp, dp);
            }
            if miss { packet_of(&mut rng, rules, Class::Miss) } else { packet_in(&mut rng, r) }
        })
        .collect()
}

fn stress(n: usize) -> Table {
    let mut t = Table::new(&[
        "shape",
        "linear ns",
        "compiled ns",
        "speed-up",
        "build ms",
        "index MB",
        "inexact",
        "max leaf",
        "max depth",
        "budget hit",
    ]);
    for (k, &shape) in SHAPES.iter().enumerate() {
        let rules = shape_rules(shape, n, 0x57e5 + k as u64);
        let start = Instant::now();
        let classifier = Classifier::build(&rules);
        let build_ms = start.elapsed().as_secs_f64() * 1e3;
        let packets = shape_packets(&rules, 0xfeed + k as u64);
        for p in &packets {
            assert_eq!(classifier.lookup(p), first_match(&rules, p), "classifier disagrees on {p:?}");
        }
        let linear = per_lookup(&packets, |p| first_match(&rules, p));
        let compiled = per_lookup(&packets, |p| classifier.lookup(p));
        let s = classifier.stats();
        t.row(vec![
            format!("{shape:?}"),
            group(linear),
            group(compiled),
            format!("{}×", group(linear / compiled)),
            format!("{build_ms:.1}"),
            format!("{:.2}", classifier.memory_bytes() as f64 / 1e6),
            group(s.inexact_entries as f64),
            s.max_leaf.to_string(),
            s.max_depth.to_string(),
            s.budget_exhausted.to_string(),
        ]);
    }
    t
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (time, reps) = benchkit::settings();
    println!("# policy-acl classifier benchmark\n");
    println!(
        "median of {reps} repetitions of ~{} ms each; ns per lookup over a mix of {PACKETS} packets \
         (20 % aimed at the first 1 % of rules, 50 % at any rule, 25 % misses, 5 % non-initial fragments)\n",
        time.as_millis()
    );
    let mut main_table = Table::new(&[
        "rules",
        "linear ns/lookup",
        "compiled ns/lookup",
        "compiled/linear",
        "speed-up",
        "build ms",
        "index MB",
        "matched",
        "mean match position",
    ]);
    let mut class_table = Table::new(&["rules", "early hit ns", "anywhere ns", "miss ns", "fragment ns"]);
    let mut shape = Table::new(&[
        "rules",
        "entries",
        "trees",
        "nodes",
        "child slots",
        "leaves",
        "leaf refs",
        "max leaf",
        "max depth",
        "budget hit",
    ]);
    // `ACL_SIZES=1000,10000` limits the sizes.
    let sizes: Vec<usize> = std::env::var("ACL_SIZES")
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|_| SIZES.to_vec());
    for &n in &sizes {
        let k = SIZES.iter().position(|&s| s == n).unwrap_or(n);
        let rules = rule_list(n, 0x5eed + k as u64);
        // Build: median of a few builds (one at the largest size).
        let builds = if n >= 100_000 { 1 } else { 3 };
        let mut build_ms: Vec<f64> = (0..builds)
            .map(|_| {
                let start = Instant::now();
                black_box(Classifier::build(&rules));
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        build_ms.sort_by(f64::total_cmp);
        let classifier = Classifier::build(&rules);
        let packets = packet_mix(&rules, 0xbacc + k as u64, None);
        // The benchmark is also a check.
        let mut matched = 0usize;
        let mut position = 0usize;
        for p in &packets {
            let expected = first_match(&rules, p);
            assert_eq!(classifier.lookup(p), expected, "classifier disagrees on {p:?}");
            if let Verdict::Match { ace_index, .. } = expected {
                matched += 1;
                position += ace_index;
            }
        }
        let linear = per_lookup(&packets, |p| first_match(&rules, p));
        let compiled = per_lookup(&packets, |p| classifier.lookup(p));
        main_table.row(vec![
            group(n as f64),
            group(linear),
            group(compiled),
            format!("{:.4}", compiled / linear),
            format!("{}×", group(linear / compiled)),
            format!("{:.2}", build_ms[build_ms.len() / 2]),
            format!("{:.2}", classifier.memory_bytes() as f64 / 1e6),
            format!("{} %", matched * 100 / packets.len()),
            group(position as f64 / matched.max(1) as f64),
        ]);
        let mut row = vec![group(n as f64)];
        for class in [Class::Early, Class::Anywhere, Class::Miss, Class::Fragment] {
            let only = packet_mix(&rules, 0xc1a5 + k as u64, Some(class));
            row.push(group(per_lookup(&only, |p| classifier.lookup(p))));
        }
        class_table.row(row);
        let s = classifier.stats();
        shape.row(vec![
            group(n as f64),
            group(s.entries as f64),
            s.trees.to_string(),
            group(s.nodes as f64),
            group(s.child_slots as f64),
            group(s.leaves as f64),
            group(s.leaf_refs as f64),
            s.max_leaf.to_string(),
            s.max_depth.to_string(),
            s.budget_exhausted.to_string(),
        ]);
    }
    println!("## Linear scan against the compiled classifier\n");
    main_table.print();
    println!("## Compiled classifier by packet class\n");
    class_table.print();
    println!("## Index shape\n");
    shape.print();
    // `ACL_STRESS_RULES` changes the size of the stress lists (default 10,000).
    let n = std::env::var("ACL_STRESS_RULES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    println!("## Harder shapes at {} rules (80 % of packets aimed at random rules, 20 % misses)\n", group(n as f64));
    if n > 0 {
        stress(n).print();
    }
}
