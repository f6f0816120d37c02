//! Access lists in every dialect and mode: parsing arbitrary text never panics; every list
//! parsed evaluates packets derived from the input bytes, and a match names an active ACE with
//! the same action; what was accepted prints as text that parses strictly to the same ACEs.
#![no_main]

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use libfuzzer_sys::fuzz_target;
use policy_acl::{Ace, Dialect, Mode, Packet, Verdict, first_match, parse_lossy};

/// A few packets built from the input bytes: IPv4 and IPv6, ported, ICMP, plain and
/// non-initial fragments, with addresses taken from the input so they hit its ACEs now and then.
fn packets(data: &[u8]) -> Vec<Packet> {
    let mut out = Vec::new();
    for chunk in data.chunks(12).take(8) {
        let mut b = [0u8; 12];
        for (d, s) in b.iter_mut().zip(chunk) {
            *d = *s;
        }
        let [a0, a1, a2, a3, c0, c1, c2, c3, p0, p1, kind, proto] = b;
        let v4 = kind & 1 == 0;
        let (src, dst) = if v4 {
            (IpAddr::V4(Ipv4Addr::new(10, a1 & 3, a2 & 3, a3)), IpAddr::V4(Ipv4Addr::new(c0, c1, c2, c3)))
        } else {
            let s = u128::from_be_bytes([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, a0, a1, a2, a3]);
            let d = u128::from_be_bytes([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, c0, c1, c2, c3]);
            (IpAddr::V6(Ipv6Addr::from(s)), IpAddr::V6(Ipv6Addr::from(d)))
        };
        let protocol = match proto % 6 {
            0 => 6,
            1 => 17,
            2 => 1,
            3 => 58,
            4 => 50,
            _ => proto,
        };
        let mut p = match protocol {
            6 | 17 | 132 => Packet::ported(src, dst, protocol, u16::from_be_bytes([p0, p1]), u16::from(a0) * 8),
            _ => Packet::plain(src, dst, protocol),
        };
        if matches!(protocol, 1 | 58) {
            p.icmp = Some((p0 % 20, p1 % 16));
        }
        if kind & 2 != 0 {
            p.src_port = None;
            p.dst_port = None;
            p.icmp = None;
            p.non_initial_fragment = true;
        }
        out.push(p);
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else { return };
    let pkts = packets(data);
    for dialect in [Dialect::Ios, Dialect::Asa, Dialect::Pix] {
        for mode in [Mode::Strict, Mode::Lenient] {
            let (set, errors) = parse_lossy(text, dialect, mode);
            for e in &errors {
                let _ = e.to_string();
            }
            for acl in &set.acls {
                let rules = acl.rules();
                for p in &pkts {
                    if let Verdict::Match { action, ace_index } = first_match(&rules, p) {
                        let ace = acl.ace(ace_index).expect("a match names an ACE of the list");
                        assert_eq!(ace.action, action);
                        assert!(!ace.is_inactive());
                    }
                }
                for ace in acl.aces() {
                    if let Ok(pairs) = ace.to_traffic_selectors() {
                        for (l, r) in pairs.iter().take(4) {
                            assert!(ace.covers(l, r), "{ace} does not cover its own selectors {l} -> {r}");
                        }
                    }
                    let _ = ace.to_ikev1_proxies();
                    let _ = ace.mirror();
                }
            }
            let printed = set.to_string();
            let (again, errors) = parse_lossy(&printed, dialect, Mode::Strict);
            assert!(errors.is_empty(), "printed text does not parse: {errors:?}\n{printed}");
            assert_eq!(again.acls.len(), set.acls.len());
            for (a, b) in set.acls.iter().zip(&again.acls) {
                let x: Vec<Ace> = a.aces().map(Ace::without_source).collect();
                let y: Vec<Ace> = b.aces().map(Ace::without_source).collect();
                assert_eq!(x, y, "{printed}");
            }
        }
    }
});
