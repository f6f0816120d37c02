//! Every access-list line of the five guides, parsed with the right dialect (fixture files in
//! `tests/fixtures/`, one per guide, each line citing its seed line).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use core::net::{IpAddr, Ipv4Addr};
use policy_acl::{
    Action, AddressSpec, DiagnosticKind, Dialect, Mode, Packet, ParseErrorKind, Verdict, detect_dialect, parse,
    parse_lossy,
};

const ASA8X: &str = include_str!("fixtures/asa8x.txt");
const ASA9X: &str = include_str!("fixtures/asa9x.txt");
const IOSXE: &str = include_str!("fixtures/iosxe.txt");
const IOS113: &str = include_str!("fixtures/ios113.txt");
const PIX: &str = include_str!("fixtures/pix.txt");

fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

/// 1-based numbers of the lines containing `needle`.
fn lines_with(text: &str, needle: &str) -> Vec<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('!') && l.contains(needle))
        .map(|(i, _)| u32::try_from(i + 1).unwrap())
        .collect()
}

#[test]
fn ios_guides_parse_strictly() {
    for text in [IOSXE, IOS113] {
        let set = parse(text, Dialect::Ios, Mode::Strict).unwrap();
        assert!(set.diagnostics.is_empty(), "{:?}", set.diagnostics);
        assert_eq!(detect_dialect(text), Dialect::Ios);
    }
    let set = parse(IOSXE, Dialect::Ios, Mode::Strict).unwrap();
    assert_eq!(set.acls.len(), 3);
    assert!(set.get("vpn-tunnel").unwrap().entries.is_empty());
    let acl = set.get("100").unwrap();
    let ace = acl.ace(0).unwrap();
    assert_eq!(ace.to_string(), "permit ip 10.0.68.0 0.0.0.255 10.1.1.0 0.0.0.255");
    assert_eq!(ace.source.span.line, 10);
    let p = Packet::plain(v4(10, 0, 68, 7), v4(10, 1, 1, 200), 17);
    assert_eq!(acl.evaluate(&p), Verdict::Match { action: Action::Permit, ace_index: 0 });

    let set = parse(IOS113, Dialect::Ios, Mode::Strict).unwrap();
    let named = set.get("crypto-a").unwrap();
    assert_eq!(named.aces().count(), 2);
    let p = Packet::plain(v4(10, 0, 0, 1), v4(20, 0, 0, 2), 6);
    assert_eq!(named.evaluate(&p), Verdict::Match { action: Action::Permit, ace_index: 1 });
    let mcast = set.get("103").unwrap();
    let p = Packet::plain(v4(10, 0, 0, 9), v4(239, 1, 1, 1), 17);
    assert_eq!(mcast.evaluate(&p), Verdict::Match { action: Action::Deny, ace_index: 0 });
    let tos = set.get("110").unwrap().ace(0).unwrap();
    assert_eq!(tos.options.len(), 3);
}

#[test]
fn pix_guide_parses_and_skips_the_rest_of_the_config() {
    let set = parse(PIX, Dialect::Pix, Mode::Strict).unwrap();
    assert_eq!(set.acls.len(), 4);
    assert_eq!(set.get("101").unwrap().aces().count(), 1);
    assert!(matches!(set.diagnostics.as_slice(), [d] if matches!(d.kind, DiagnosticKind::DuplicateAce { .. })));
    let acl = set.get("103").unwrap();
    let p = Packet::plain(v4(172, 21, 230, 34), v4(172, 21, 1, 9), 6);
    assert_eq!(acl.evaluate(&p), Verdict::Match { action: Action::Permit, ace_index: 0 });
    assert_eq!(acl.ace(0).unwrap().source.span.line, lines_with(PIX, "access-list 103")[0]);
}

#[test]
fn asa_guides_a3_lines_are_errors_in_strict_mode() {
    for text in [ASA8X, ASA9X] {
        assert_eq!(detect_dialect(text), Dialect::Asa);
        let (_, errors) = parse_lossy(text, Dialect::Asa, Mode::Strict);
        let bad = lines_with(text, "192.168.3.3 255.255.255.192");
        assert_eq!(bad.len(), 4);
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), bad);
        for e in &errors {
            let line = text.lines().nth(e.line as usize - 1).unwrap();
            let col = line.find("192.168.3.3").unwrap() + 1;
            assert_eq!(e.column as usize, col);
            assert_eq!(
                e.kind,
                ParseErrorKind::HostBits {
                    addr: "192.168.3.3".into(),
                    mask: "255.255.255.192".into(),
                    masked: "192.168.3.0".into()
                }
            );
        }
        let first = &errors[0];
        assert_eq!(
            first.to_string(),
            format!(
                "line {}, column 28: address 192.168.3.3 has bits set outside mask 255.255.255.192 (the network is \
                 192.168.3.0; for one host write `host 192.168.3.3`)",
                first.line
            )
        );
        assert!(parse(text, Dialect::Asa, Mode::Strict).is_err());
    }
}

#[test]
fn asa_guides_a3_lines_are_masked_in_lenient_mode() {
    for text in [ASA8X, ASA9X] {
        let set = parse(text, Dialect::Asa, Mode::Lenient).unwrap();
        let masked: Vec<_> =
            set.diagnostics.iter().filter(|d| matches!(d.kind, DiagnosticKind::HostBitsMasked { .. })).collect();
        assert_eq!(
            masked.iter().map(|d| d.span.line).collect::<Vec<_>>(),
            lines_with(text, "192.168.3.3 255.255.255.192")
        );
        let a1 = set.get("A_SEQ1").unwrap();
        assert_eq!(
            a1.ace(0).unwrap().src,
            AddressSpec::Netmask { addr: Ipv4Addr::new(192, 168, 3, 0), mask: Ipv4Addr::new(255, 255, 255, 192) }
        );
        // Reading L of seeds-asa.md §5.8: the masked denies catch every host of A.
        let p = Packet::plain(v4(192, 168, 3, 10), v4(192, 168, 12, 5), 6);
        assert_eq!(a1.evaluate(&p), Verdict::Match { action: Action::Deny, ace_index: 0 });
    }
}

#[test]
fn asa_guides_corrected_a3_lines_give_the_documented_cascade() {
    for text in [ASA8X, ASA9X] {
        // Drop the literal A.3 lines; the rest (corrected lines included) parses strictly.
        let kept: String =
            text.lines().filter(|l| !l.contains("192.168.3.3 255.255.255.192")).map(|l| format!("{l}\n")).collect();
        let set = parse(&kept, Dialect::Asa, Mode::Strict).unwrap();
        assert!(set.diagnostics.iter().all(|d| matches!(d.kind, DiagnosticKind::DuplicateAce { .. })));
        let seq1 = set.get("A_SEQ1_FIXED").unwrap();
        let seq2 = set.get("A_SEQ2_FIXED").unwrap();
        // seeds-asa.md §5.8 T1-T11 on the first two entries of the cascade.
        let cases = [
            ((192, 168, 3, 3), (192, 168, 12, 5), Some(Action::Deny), Some(0)),
            ((192, 168, 3, 3), (192, 168, 201, 20), Some(Action::Deny), Some(1)),
            ((192, 168, 3, 10), (192, 168, 12, 5), Some(Action::Permit), None),
            ((192, 168, 3, 10), (192, 168, 201, 20), Some(Action::Permit), None),
            ((192, 168, 3, 0), (192, 168, 12, 0), Some(Action::Permit), None),
            ((192, 168, 3, 63), (192, 168, 12, 7), Some(Action::Permit), None),
            ((192, 168, 3, 64), (192, 168, 12, 5), None, None),
            ((192, 168, 3, 10), (192, 168, 12, 8), None, None),
            ((192, 168, 3, 10), (192, 168, 201, 32), None, None),
            ((192, 168, 3, 10), (8, 8, 8, 8), None, None),
            ((192, 168, 3, 3), (8, 8, 8, 8), None, None),
        ];
        for (s, d, first, seq2_index) in cases {
            let p = Packet::plain(v4(s.0, s.1, s.2, s.3), v4(d.0, d.1, d.2, d.3), 6);
            match (seq1.evaluate(&p), first) {
                (Verdict::Match { action, .. }, Some(want)) => assert_eq!(action, want, "{p:?}"),
                (Verdict::NoMatch, None) => {}
                (v, want) => panic!("{p:?}: {v:?} vs {want:?}"),
            }
            if let Some(i) = seq2_index {
                assert_eq!(seq2.evaluate(&p), Verdict::Match { action: Action::Permit, ace_index: i });
            }
        }
        // The U-turn ACE of B (000:626 / 001:785).
        let b = set.get("ACL1").unwrap();
        let p = Packet::plain(v4(192, 168, 12, 1), v4(192, 168, 12, 2), 6);
        assert_eq!(b.evaluate(&p), Verdict::Match { action: Action::Permit, ace_index: 2 });
    }
}

#[test]
fn duplicates_of_the_basic_example_are_reported() {
    for text in [ASA8X, ASA9X] {
        let set = parse(text, Dialect::Asa, Mode::Lenient).unwrap();
        assert_eq!(set.get("101").unwrap().aces().count(), 1);
        assert_eq!(set.diagnostics.iter().filter(|d| matches!(d.kind, DiagnosticKind::DuplicateAce { .. })).count(), 1);
    }
}

#[test]
fn asa_any_is_both_families() {
    let set = parse(ASA9X, Dialect::Asa, Mode::Lenient).unwrap();
    let acl = set.get("ANY_ANY").unwrap();
    let p = Packet::plain("2001:db8::1".parse().unwrap(), "2001:db8::2".parse().unwrap(), 6);
    assert_eq!(acl.evaluate(&p), Verdict::Match { action: Action::Permit, ace_index: 0 });
    let pix = parse(PIX, Dialect::Pix, Mode::Strict).unwrap();
    assert_eq!(pix.get("105").unwrap().evaluate(&p), Verdict::NoMatch);
}

#[test]
fn fixtures_round_trip_through_display() {
    for (text, dialect) in [
        (ASA8X, Dialect::Asa),
        (ASA9X, Dialect::Asa),
        (IOSXE, Dialect::Ios),
        (IOS113, Dialect::Ios),
        (PIX, Dialect::Pix),
    ] {
        let set = parse(text, dialect, Mode::Lenient).unwrap();
        let printed = set.to_string();
        let again = parse(&printed, dialect, Mode::Strict).unwrap();
        assert_eq!(set.acls.len(), again.acls.len());
        for (a, b) in set.acls.iter().zip(&again.acls) {
            assert_eq!(a.id, b.id);
            let x: Vec<_> = a.aces().map(policy_acl::Ace::without_source).collect();
            let y: Vec<_> = b.aces().map(policy_acl::Ace::without_source).collect();
            assert_eq!(x, y, "{printed}");
        }
    }
}
