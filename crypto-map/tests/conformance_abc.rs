//! The ASA guides' cascading-ACL example (security appliances A, B and C; ASA 8.x guide
//! 000:540-627, ASA 9.x guide 001:697-785; seeds-asa.md §5.8 test vectors T1-T11 and B1-B7),
//! run packet by packet on the three device configurations, in 8.x and in 9.x syntax, outbound
//! and inbound, as initiator and as responder.
//!
//! The fixtures give each peer its own entries (seeds-asa.md §5.8 recommendation): on A,
//! entries 1/2 face B (the guide's seq 1/2 for traffic to B) and entries 3/4 face C (the
//! guide's seq 1/2 for traffic to C); on B and C, entry 1 faces A and entry 2 the other one.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // test code

mod conformance_common;
use conformance_common as common;

use common::{config, ip, offers_of, protected, request_from, sel, tcp};
use crypto_map::eval::{
    Decision, Direction, DropCause, InboundDecision, LifetimeRule, PostDecrypt, PostDecryptDrop, StepEvent,
    check_decrypted, inbound, isakmp_offer, lookup_psk, match_isakmp_policy, outbound, select_responder, trace,
};
use crypto_map::model::{Config, KeyDirection, Peer};
use ipsec_core::algorithm::DhGroup;
use ipsec_core::types::{EncapsulationMode, Lifetime};
use policy_acl::Action;

const A: &str = "198.51.100.1";
const B: &str = "198.51.100.2";
const C: &str = "198.51.100.3";
const GENERATIONS: [&str; 2] = ["asa8", "asa9"];

struct Devices {
    a: Config,
    b: Config,
    c: Config,
}

fn devices(generation: &str) -> Devices {
    Devices {
        a: config(&format!("{generation}-abc-a.conf")),
        b: config(&format!("{generation}-abc-b.conf")),
        c: config(&format!("{generation}-abc-c.conf")),
    }
}

/// What a vector expects outbound.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Protected by this entry with this transform set list, flow `(local, remote)`, peer.
    Protect { entry: u32, sets: &'static [&'static str], local: &'static str, remote: &'static str, peer: &'static str },
    /// Sent in clear.
    Bypass,
}

fn check(name: &str, config: &Config, map: &str, src: &str, dst: &str, expect: Expect) {
    let d = outbound(config, map, &tcp(src, dst));
    match expect {
        Expect::Bypass => assert_eq!(d, Decision::Bypass, "{name}: {src} -> {dst}"),
        Expect::Protect { entry, sets, local, remote, peer } => {
            let p = protected(d);
            assert_eq!(p.entry.seq, entry, "{name}: entry");
            assert_eq!(p.transform_sets, sets, "{name}: transform sets");
            assert_eq!(p.flow, (sel(local), sel(remote)), "{name}: SA flow");
            assert_eq!(p.peers, [Peer::Address(ip(peer))], "{name}: peer");
        }
    }
}

const STRONG: &[&str] = &["STRONG"];
const NORMAL: &[&str] = &["NORMAL"];
const BOTH: &[&str] = &["NORMAL", "STRONG"];

/// T1-T11 (seeds-asa.md §5.8, reading H: A.3 a host).
const A_VECTORS: &[(&str, &str, &str, Expect)] = &[
    (
        "T1",
        "192.168.3.3",
        "192.168.12.5",
        Expect::Protect { entry: 2, sets: STRONG, local: "192.168.3.3", remote: "192.168.12.0/29", peer: B },
    ),
    (
        "T2",
        "192.168.3.3",
        "192.168.201.20",
        Expect::Protect { entry: 4, sets: STRONG, local: "192.168.3.3", remote: "192.168.201.0/27", peer: C },
    ),
    (
        "T3",
        "192.168.3.10",
        "192.168.12.5",
        Expect::Protect { entry: 1, sets: NORMAL, local: "192.168.3.0/26", remote: "192.168.12.0/29", peer: B },
    ),
    (
        "T4",
        "192.168.3.10",
        "192.168.201.20",
        Expect::Protect { entry: 3, sets: NORMAL, local: "192.168.3.0/26", remote: "192.168.201.0/27", peer: C },
    ),
    (
        "T5",
        "192.168.3.0",
        "192.168.12.0",
        Expect::Protect { entry: 1, sets: NORMAL, local: "192.168.3.0/26", remote: "192.168.12.0/29", peer: B },
    ),
    (
        "T6",
        "192.168.3.63",
        "192.168.12.7",
        Expect::Protect { entry: 1, sets: NORMAL, local: "192.168.3.0/26", remote: "192.168.12.0/29", peer: B },
    ),
    ("T7", "192.168.3.64", "192.168.12.5", Expect::Bypass),
    ("T8", "192.168.3.10", "192.168.12.8", Expect::Bypass),
    ("T9", "192.168.3.10", "192.168.201.32", Expect::Bypass),
    ("T10", "192.168.3.10", "8.8.8.8", Expect::Bypass),
    ("T11", "192.168.3.3", "8.8.8.8", Expect::Bypass),
];

/// B1-B3 and the C equivalents C1-C3.
const B_VECTORS: &[(&str, &str, &str, Expect)] = &[
    (
        "B1",
        "192.168.12.1",
        "192.168.3.3",
        Expect::Protect { entry: 1, sets: BOTH, local: "192.168.12.0/29", remote: "192.168.3.0/26", peer: A },
    ),
    (
        "B2",
        "192.168.12.1",
        "192.168.201.9",
        Expect::Protect { entry: 2, sets: BOTH, local: "192.168.12.0/29", remote: "192.168.201.0/27", peer: C },
    ),
    ("B3", "192.168.12.1", "192.168.12.2", Expect::Bypass),
];
const C_VECTORS: &[(&str, &str, &str, Expect)] = &[
    (
        "C1",
        "192.168.201.5",
        "192.168.3.3",
        Expect::Protect { entry: 1, sets: BOTH, local: "192.168.201.0/27", remote: "192.168.3.0/26", peer: A },
    ),
    (
        "C2",
        "192.168.201.5",
        "192.168.12.5",
        Expect::Protect { entry: 2, sets: BOTH, local: "192.168.201.0/27", remote: "192.168.12.0/29", peer: B },
    ),
    ("C3", "192.168.201.5", "192.168.201.6", Expect::Bypass),
];

#[test]
fn a_outbound_t1_to_t11() {
    for g in GENERATIONS {
        let d = devices(g);
        for (name, src, dst, expect) in A_VECTORS {
            check(&format!("{g} {name}"), &d.a, "A", src, dst, *expect);
        }
    }
}

#[test]
fn b_and_c_outbound_b1_to_b3_c1_to_c3() {
    for g in GENERATIONS {
        let d = devices(g);
        for (name, src, dst, expect) in B_VECTORS {
            check(&format!("{g} {name}"), &d.b, "B", src, dst, *expect);
        }
        for (name, src, dst, expect) in C_VECTORS {
            check(&format!("{g} {name}"), &d.c, "C", src, dst, *expect);
        }
    }
}

#[test]
fn a_strong_entries_carry_short_lifetime_and_pfs() {
    // "strong encryption and more frequent rekeying" (000:546): STRONG entries propose 3600 s
    // and PFS group 5; NORMAL ones the global 28,800 s (000:707) and no PFS.
    for g in GENERATIONS {
        let d = devices(g);
        let t1 = protected(outbound(&d.a, "A", &tcp("192.168.3.3", "192.168.12.5")));
        assert_eq!((t1.lifetime, t1.pfs), (Lifetime::new(3600, 4_608_000), Some(DhGroup::Modp1536)), "{g}");
        let t3 = protected(outbound(&d.a, "A", &tcp("192.168.3.10", "192.168.12.5")));
        assert_eq!((t3.lifetime, t3.pfs), (Lifetime::ASA_DEFAULT, None), "{g}");
    }
}

#[test]
fn t1_trace_leaves_entry_1_at_its_deny_and_entry_2_protects() {
    for g in GENERATIONS {
        let d = devices(g);
        let t = trace(&d.a, "A", &tcp("192.168.3.3", "192.168.12.5"), Direction::Outbound);
        assert_eq!(t.steps.len(), 2, "{g}");
        let StepEvent::Matched { ace, action: Action::Deny, .. } = &t.steps[0].event else { panic!("{g}: {t:?}") };
        assert_eq!((t.steps[0].entry.seq, ace.index), (1, 0));
        assert!(ace.text.contains("deny ip host 192.168.3.3 192.168.12.0 255.255.255.248"), "{g}: {}", ace.text);
        let StepEvent::Matched { ace, action: Action::Permit, .. } = &t.steps[1].event else { panic!("{g}: {t:?}") };
        assert_eq!((t.steps[1].entry.seq, ace.index), (2, 0));
        let text = t.to_string();
        assert!(text.contains("matched: deny, leaving entry 1"), "{g}: {text}");
        assert!(text.contains("crypto map A 2: ACE 0 'access-list A3_TO_B"), "{g}: {text}");
        assert!(text.contains("matched: PROTECT with transform sets STRONG, peer 198.51.100.2"), "{g}: {text}");
        // T2: entries 1 and 2 have no matching ACE (they face B), entry 3 denies, entry 4 protects.
        let t = trace(&d.a, "A", &tcp("192.168.3.3", "192.168.201.20"), Direction::Outbound);
        let kinds: Vec<(u32, &str)> = t
            .steps
            .iter()
            .map(|s| {
                let k = match &s.event {
                    StepEvent::NoAceMatched => "none",
                    StepEvent::Matched { action: Action::Deny, .. } => "deny",
                    StepEvent::Matched { action: Action::Permit, .. } => "permit",
                    _ => "other",
                };
                (s.entry.seq, k)
            })
            .collect();
        assert_eq!(kinds, [(1, "none"), (2, "none"), (3, "deny"), (4, "permit")], "{g}");
    }
}

#[test]
fn literal_mask_lenient_is_reading_l() {
    // The guide's literal A.3 lines are rejected (DESIGN §3.12, conformance_fixtures.rs); in
    // lenient mode the host bits are cleared, A.3 becomes all of network A, and every A host
    // falls through the "deny A.3" ACEs to the strong entry: reading L of seeds-asa.md §5.8,
    // which contradicts the guide's prose. This is why the fixtures write A.3 as a host.
    use crypto_map::model::Platform;
    use crypto_map::parse::{ParseOptions, parse};
    for (g, platform) in [("asa8", Platform::Asa8), ("asa9", Platform::Asa9)] {
        let text = common::load(&format!("invalid/{g}-abc-a-literal-mask.conf"));
        let lenient = parse(&text, ParseOptions::lenient(platform)).expect("lenient parse");
        assert_eq!(lenient.warnings.len() + lenient.acls.diagnostics.len(), 4, "{g}: one warning per A.3 line");
        let t3 = protected(outbound(&lenient, "A", &tcp("192.168.3.10", "192.168.12.5")));
        assert_eq!((t3.entry.seq, t3.transform_sets.clone()), (2, vec!["STRONG".to_string()]), "{g}: reading L");
    }
}

// ---------------------------------------------------------------------------------------------
// Inbound cleartext (DESIGN §3.8).

#[test]
fn inbound_cleartext_on_all_three_devices() {
    for g in GENERATIONS {
        let d = devices(g);
        let dropped_at = |c: &Config, map: &str, src: &str, dst: &str| match inbound(c, map, &tcp(src, dst)) {
            InboundDecision::Drop(r) => {
                assert_eq!(r.cause, DropCause::ShouldHaveBeenEncrypted, "{g}: {src} -> {dst}");
                r.entry.map(|e| e.seq)
            }
            InboundDecision::PassClear => None,
        };
        // B7: clear traffic from A's network arriving at B should have been protected (000:650).
        assert_eq!(dropped_at(&d.b, "B", "192.168.3.10", "192.168.12.1"), Some(1), "{g} B7");
        assert_eq!(dropped_at(&d.b, "B", "192.168.201.9", "192.168.12.1"), Some(2), "{g}");
        assert_eq!(dropped_at(&d.b, "B", "8.8.8.8", "192.168.12.1"), None, "{g}");
        // The C equivalent (C7).
        assert_eq!(dropped_at(&d.c, "C", "192.168.3.10", "192.168.201.5"), Some(1), "{g} C7");
        assert_eq!(dropped_at(&d.c, "C", "8.8.8.8", "192.168.201.5"), None, "{g}");
        // A: the mirrored cascade. B -> A.3 leaves entry 1 at the mirrored deny and is caught
        // by entry 2's mirrored permit; B -> other A hosts by entry 1.
        assert_eq!(dropped_at(&d.a, "A", "192.168.12.5", "192.168.3.3"), Some(2), "{g}");
        assert_eq!(dropped_at(&d.a, "A", "192.168.12.5", "192.168.3.10"), Some(1), "{g}");
        assert_eq!(dropped_at(&d.a, "A", "192.168.201.20", "192.168.3.3"), Some(4), "{g}");
        assert_eq!(dropped_at(&d.a, "A", "8.8.8.8", "192.168.3.3"), None, "{g}");
        let t = trace(&d.a, "A", &tcp("192.168.12.5", "192.168.3.3"), Direction::Inbound);
        let StepEvent::Matched { mirrored: Some(m), action: Action::Deny, .. } = &t.steps[0].event else {
            panic!("{g}: {t:?}")
        };
        assert_eq!(m, "deny ip 192.168.12.0 255.255.255.248 host 192.168.3.3", "{g}");
    }
}

#[test]
fn b3_u_turn_needs_the_u_turn_ace() {
    let plain = config("asa8-abc-b.conf");
    assert_eq!(outbound(&plain, "B", &tcp("192.168.12.1", "192.168.12.2")), Decision::Bypass);
    let uturn = config("asa8-abc-b-uturn.conf");
    let p = protected(outbound(&uturn, "B", &tcp("192.168.12.1", "192.168.12.2")));
    assert_eq!((p.entry.seq, p.ace.index), (1, 1));
    assert_eq!(p.flow, (sel("192.168.12.0/29"), sel("192.168.12.0/29")));
}

// ---------------------------------------------------------------------------------------------
// A initiates, B and C respond: no cascade needed on B and C (000:584).

#[test]
fn b4_c4_single_entry_accepts_a3_strong_proposal_as_subset() {
    for g in GENERATIONS {
        let d = devices(g);
        for (responder, map, dst, sets_seen) in
            [(&d.b, "B", "192.168.12.5", "192.168.12.0/29"), (&d.c, "C", "192.168.201.20", "192.168.201.0/27")]
        {
            let t = protected(outbound(&d.a, "A", &tcp("192.168.3.3", dst)));
            let proposals = offers_of(&t);
            let acc = select_responder(responder, map, &request_from(&t, &proposals, A))
                .unwrap_or_else(|e| panic!("{g} {map}: {e:?}"));
            // The single entry facing A takes the proxy 192.168.3.3/32 <-> its network, a subset of
            // its permit (mirror 192.168.3.0/26), with the strong set it also lists.
            assert_eq!(acc.entry.seq, 1, "{g} {map}");
            assert_eq!(acc.transform_set, "STRONG", "{g} {map}");
            assert_eq!(acc.ace.as_ref().map(|a| a.index), Some(0), "{g} {map}");
            assert_eq!(acc.flow, (sel(sets_seen), sel("192.168.3.3")), "{g} {map}");
            // min(A's 3600 s, the responder's 28,800 s): the frequent rekeying holds (000:711).
            assert_eq!(acc.lifetime, Lifetime::new(3600, 4_608_000), "{g} {map}");
            assert_eq!(acc.responder_lifetime, None, "{g} {map}");
            // B and C set no PFS and accept A's group 5 (DESIGN §3.10).
            assert_eq!(acc.pfs, Some(DhGroup::Modp1536), "{g} {map}");
            assert_eq!(acc.mode, EncapsulationMode::Tunnel, "{g} {map}");
        }
        // A's normal traffic: B's entry 1 with its own first preference, NORMAL.
        let t3 = protected(outbound(&d.a, "A", &tcp("192.168.3.10", "192.168.12.5")));
        let proposals = offers_of(&t3);
        let acc = select_responder(&d.b, "B", &request_from(&t3, &proposals, A)).expect("normal");
        assert_eq!((acc.entry.seq, acc.transform_set.as_str(), acc.pfs), (1, "NORMAL", None), "{g}");
    }
}

#[test]
fn b5_b6_c5_c6_post_decryption_check() {
    for g in GENERATIONS {
        let d = devices(g);
        for (responder, map, host, net) in
            [(&d.b, "B", "192.168.12.1", "192.168.12.5"), (&d.c, "C", "192.168.201.5", "192.168.201.20")]
        {
            let t = protected(outbound(&d.a, "A", &tcp("192.168.3.3", net)));
            let proposals = offers_of(&t);
            let acc = select_responder(responder, map, &request_from(&t, &proposals, A)).expect("accepted");
            // B5/C5: decrypted A.3 traffic passes: a mirrored permit covers it, no deny mirror needed.
            let ok = check_decrypted(responder, &acc.entry, Some(&acc.flow), &tcp("192.168.3.3", host));
            assert!(matches!(ok, PostDecrypt::Accept { ace: Some(_) }), "{g} {map}: {ok:?}");
            // B6/C6: another A host on the A.3 SA is outside the SA's proxy.
            let bad = check_decrypted(responder, &acc.entry, Some(&acc.flow), &tcp("192.168.3.10", host));
            assert_eq!(bad, PostDecrypt::Drop(PostDecryptDrop::OutsideSaSelectors), "{g} {map}");
            // Outside every permit of the entry.
            let bad = check_decrypted(responder, &acc.entry, None, &tcp("10.9.9.9", host));
            assert_eq!(bad, PostDecrypt::Drop(PostDecryptDrop::NoMirroredPermit), "{g} {map}");
        }
    }
}

#[test]
fn b_initiated_flow_gets_normal_protection_on_a() {
    // seeds-asa.md §5.8: if B initiates toward A's network (B1), A as responder ignores its
    // deny (000:534) and accepts under entry 1: the cascade holds only when A initiates.
    for g in GENERATIONS {
        let d = devices(g);
        let b1 = protected(outbound(&d.b, "B", &tcp("192.168.12.1", "192.168.3.3")));
        let proposals = offers_of(&b1);
        let acc = select_responder(&d.a, "A", &request_from(&b1, &proposals, B)).expect("accepted");
        assert_eq!((acc.entry.seq, acc.transform_set.as_str()), (1, "NORMAL"), "{g}");
        // An unknown peer is refused.
        let e = select_responder(&d.a, "A", &request_from(&b1, &proposals, "203.0.113.9")).expect_err("refused");
        assert_eq!(e.refusal, crypto_map::eval::Refusal::PeerNotConfigured, "{g}");
    }
}

#[test]
fn phase_1_and_keys_between_the_devices() {
    for g in GENERATIONS {
        let d = devices(g);
        for (init, resp, from, to) in [(&d.a, &d.b, A, B), (&d.b, &d.a, B, A), (&d.a, &d.c, A, C), (&d.c, &d.b, C, B)] {
            let m = match_isakmp_policy(resp, &isakmp_offer(init), LifetimeRule::Strict).expect("phase 1");
            assert_eq!((m.policy.priority, m.lifetime), (Some(10), 86_400), "{g}");
            let k1 = lookup_psk(init, ip(to), None, KeyDirection::Both).expect("initiator key");
            let k2 = lookup_psk(resp, ip(from), None, KeyDirection::Both).expect("responder key");
            assert_eq!(k1.key, k2.key, "{g}: {from} <-> {to}");
        }
    }
}
