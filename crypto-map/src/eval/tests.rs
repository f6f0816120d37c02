//! Unit tests of the evaluators on configurations built in Rust (the parser is tested, and the
//! guides' configurations are run through it, in `tests/conformance*.rs`). Each test is named
//! after the DESIGN §3 item it checks.

use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;
use core::net::{IpAddr, Ipv4Addr};

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::types::{EncapsulationMode, Identity, Lifetime, Proposal, Spi, TrafficSelector};
use policy_acl::{Mode, Packet};

use super::*;
use crate::model::*;

// ---------------------------------------------------------------------------------------------
// Builders.

pub(crate) fn ip(s: &str) -> IpAddr {
    s.parse().expect("an address")
}

fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

fn pkt(src: &str, dst: &str) -> Packet {
    Packet::ported(ip(src), ip(dst), 6, 40000, 443)
}

fn prefix(s: &str) -> TrafficSelector {
    let (a, len) = s.split_once('/').expect("a/len");
    TrafficSelector::prefix(ip(a), len.parse().expect("len")).expect("a prefix")
}

pub(crate) fn empty(platform: Platform, acls: &str) -> Config {
    let mut c = Config::new(platform);
    c.acls = policy_acl::parse(acls, platform.acl_dialect(), Mode::Strict).expect("ACLs parse");
    c
}

fn tset(name: &str, transforms: &[Transform]) -> TransformSet {
    TransformSet {
        name: name.into(),
        transforms: transforms.to_vec(),
        mode: Setting::default_value(EncapsulationMode::Tunnel),
        iv_size: None,
        line: 1,
    }
}

const AES256: EncryptionAlgorithm = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256);
const SHA1: IntegrityAlgorithm = IntegrityAlgorithm::HmacSha1_96;

fn normal() -> TransformSet {
    tset("NORMAL", &[Transform::EspEncryption(EncryptionAlgorithm::TripleDesCbc), Transform::EspIntegrity(SHA1)])
}

fn strong() -> TransformSet {
    tset("STRONG", &[Transform::EspEncryption(AES256), Transform::EspIntegrity(SHA1)])
}

fn settings(acl: Option<&str>, peers: &[&str], sets: &[&str]) -> EntrySettings {
    EntrySettings {
        match_address: acl.map(|a| (a.to_string(), 1)),
        peers: peers.iter().map(|p| (Peer::Address(ip(p)), 1)).collect(),
        transform_sets: sets.iter().map(|s| (s.to_string(), 1)).collect(),
        ..EntrySettings::default()
    }
}

fn entry(seq: u32, s: EntrySettings) -> MapEntry {
    MapEntry { seq, kind: EntryKind::IpsecIsakmp, settings: s, session_keys: vec![], line: seq }
}

fn map(name: &str, entries: Vec<MapEntry>) -> CryptoMapSet {
    CryptoMapSet {
        name: name.into(),
        ipv6: false,
        entries,
        local_address: None,
        client_configuration: None,
        client_configuration_modes: vec![],
        client_authentication: None,
    }
}

const A_PEER: &str = "198.51.100.1";
const B_PEER: &str = "198.51.100.2";
const C_PEER: &str = "198.51.100.3";

/// Device A of the ASA guide's cascade (000:605-613), A.3 as a host (DESIGN §3.12), one entry
/// per peer (seeds-asa.md §5.8 recommendation): 1 → B normal, 2 → B strong, 3 → C normal,
/// 4 → C strong.
pub(crate) fn device_a() -> Config {
    let acls = "\
access-list A_TO_B extended deny ip host 192.168.3.3 192.168.12.0 255.255.255.248
access-list A_TO_B extended permit ip 192.168.3.0 255.255.255.192 192.168.12.0 255.255.255.248
access-list A3_TO_B extended permit ip host 192.168.3.3 192.168.12.0 255.255.255.248
access-list A_TO_C extended deny ip host 192.168.3.3 192.168.201.0 255.255.255.224
access-list A_TO_C extended permit ip 192.168.3.0 255.255.255.192 192.168.201.0 255.255.255.224
access-list A3_TO_C extended permit ip host 192.168.3.3 192.168.201.0 255.255.255.224
";
    let mut c = empty(Platform::Asa8, acls);
    c.transform_sets = vec![normal(), strong()];
    let strong_entry = |seq, acl, peer| {
        let mut s = settings(Some(acl), &[peer], &["STRONG"]);
        s.lifetime = Some((LifetimeOverride { seconds: Some(3600), ..LifetimeOverride::default() }, 1));
        s.pfs = Some(Setting::configured(DhGroup::Modp1536, 1));
        entry(seq, s)
    };
    let e2 = strong_entry(2, "A3_TO_B", B_PEER);
    let e4 = strong_entry(4, "A3_TO_C", C_PEER);
    c.maps = vec![map(
        "A",
        vec![
            entry(1, settings(Some("A_TO_B"), &[B_PEER], &["NORMAL"])),
            e2,
            entry(3, settings(Some("A_TO_C"), &[C_PEER], &["NORMAL"])),
            e4,
        ],
    )];
    c
}

/// Device B: one entry per peer, no cascade (000:614-615), both transform sets.
pub(crate) fn device_b() -> Config {
    let acls = "\
access-list B_TO_A extended permit ip 192.168.12.0 255.255.255.248 192.168.3.0 255.255.255.192
access-list B_TO_C extended permit ip 192.168.12.0 255.255.255.248 192.168.201.0 255.255.255.224
";
    let mut c = empty(Platform::Asa8, acls);
    c.transform_sets = vec![normal(), strong()];
    c.maps = vec![map(
        "B",
        vec![
            entry(1, settings(Some("B_TO_A"), &[A_PEER], &["NORMAL", "STRONG"])),
            entry(2, settings(Some("B_TO_C"), &[C_PEER], &["NORMAL", "STRONG"])),
        ],
    )];
    c
}

fn esp_offer(enc: EncryptionAlgorithm, int: IntegrityAlgorithm, pfs: Option<DhGroup>, seconds: u64) -> OfferedProposal {
    OfferedProposal {
        esp: Some(Proposal {
            encryption: vec![enc],
            integrity: vec![int],
            dh_groups: pfs.into_iter().collect(),
            ..Proposal::default()
        }),
        ah: None,
        ipcomp: false,
        mode: EncapsulationMode::Tunnel,
        lifetime: Lifetime::new(seconds, 4_608_000),
    }
}

fn request<'a>(peer: &str, initiator: &str, responder: &str, proposals: &'a [OfferedProposal]) -> ResponderRequest<'a> {
    ResponderRequest {
        version: IkeVersion::V1,
        peer: ip(peer),
        peer_identity: None,
        initiator_side: if initiator.contains('/') { prefix(initiator) } else { TrafficSelector::host(ip(initiator)) },
        responder_side: if responder.contains('/') { prefix(responder) } else { TrafficSelector::host(ip(responder)) },
        proposals,
    }
}

fn protect(d: Decision) -> Protect {
    match d {
        Decision::Protect(p) => *p,
        other => panic!("expected protect, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// §3.7 outbound cascade.

#[test]
fn design_3_7_deny_leaves_entry_and_next_entry_protects() {
    let c = device_a();
    let p = protect(outbound(&c, "A", &pkt("192.168.3.3", "192.168.12.5")));
    assert_eq!(p.entry.seq, 2);
    assert_eq!(p.transform_sets, ["STRONG"]);
    assert_eq!(p.flow, (TrafficSelector::host(ip("192.168.3.3")), prefix("192.168.12.0/29")));
    assert_eq!(p.peers, [Peer::Address(ip(B_PEER))]);
    assert_eq!(p.on_missing_sa, OnMissingSa::Negotiate);
    assert_eq!(p.lifetime, Lifetime::new(3600, 4_608_000));
    assert_eq!(p.pfs, Some(DhGroup::Modp1536));
    assert_eq!(p.ikev1_offers[0].esp.as_ref().map(|e| e.dh_groups.clone()), Some(vec![DhGroup::Modp1536]));
}

#[test]
fn design_3_7_first_permit_protects_with_its_selectors() {
    let c = device_a();
    let p = protect(outbound(&c, "A", &pkt("192.168.3.10", "192.168.12.5")));
    assert_eq!((p.entry.seq, p.ace.index), (1, 1));
    assert_eq!(p.flow, (prefix("192.168.3.0/26"), prefix("192.168.12.0/29")));
    assert_eq!(p.transform_sets, ["NORMAL"]);
    assert_eq!(p.lifetime, Lifetime::ASA_DEFAULT);
}

#[test]
fn design_3_7_no_permit_anywhere_bypasses() {
    let c = device_a();
    assert_eq!(outbound(&c, "A", &pkt("192.168.3.10", "8.8.8.8")), Decision::Bypass);
    assert_eq!(outbound(&c, "A", &pkt("192.168.3.3", "8.8.8.8")), Decision::Bypass);
    assert_eq!(outbound(&c, "A", &pkt("192.168.3.64", "192.168.12.5")), Decision::Bypass);
}

#[test]
fn design_3_7_incomplete_static_entry_drops() {
    let mut c = device_a();
    // An entry without a peer between 1 and 2: traffic reaching it is dropped, traffic matched
    // earlier is not (000:692).
    c.maps[0].entries.insert(1, entry(1, settings(Some("A3_TO_C"), &[], &["NORMAL"])));
    c.maps[0].entries[1].seq = 1;
    c.maps[0].entries[0].seq = 0;
    let d = outbound(&c, "A", &pkt("192.168.3.3", "192.168.12.5"));
    let Decision::Drop(r) = d else { panic!("{d:?}") };
    assert_eq!(r.cause, DropCause::IncompleteEntry { no_acl: false, no_peer: true });
    assert_eq!(r.entry.map(|e| e.seq), Some(1));
    // Matched by the earlier complete entry: unaffected.
    assert_eq!(protect(outbound(&c, "A", &pkt("192.168.3.10", "192.168.12.5"))).entry.seq, 0);
    // An entry without an ACL drops too.
    let mut c = device_a();
    c.maps[0].entries[0].settings.match_address = None;
    let d = outbound(&c, "A", &pkt("192.168.3.10", "192.168.12.5"));
    assert!(matches!(
        d,
        Decision::Drop(DropReason { cause: DropCause::IncompleteEntry { no_acl: true, no_peer: false }, .. })
    ));
}

#[test]
fn design_3_7_dynamic_entry_without_acl_matches_nothing_outbound() {
    let mut c = device_a();
    c.dynamic_maps = vec![DynamicMapSet {
        name: "dyn".into(),
        entries: vec![DynamicEntry { seq: 10, settings: settings(None, &[], &["NORMAL"]), line: 9 }],
    }];
    c.maps[0].entries.push(MapEntry {
        seq: 100,
        kind: EntryKind::Dynamic { dynamic_map: "dyn".into(), discover: false },
        settings: EntrySettings::default(),
        session_keys: vec![],
        line: 8,
    });
    let t = trace(&c, "A", &pkt("10.9.9.9", "10.8.8.8"), Direction::Outbound);
    assert_eq!(t.decision, Decision::Bypass);
    assert_eq!(t.steps.last().map(|s| &s.event), Some(&StepEvent::NoAcl));
    assert_eq!(t.steps.last().and_then(|s| s.entry.dynamic.clone()), Some(("dyn".to_string(), 10)));
}

#[test]
fn design_3_7_dynamic_entry_permit_never_initiates() {
    let mut c =
        empty(Platform::Asa8, "access-list 101 extended permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0\n");
    c.transform_sets = vec![normal()];
    c.dynamic_maps = vec![DynamicMapSet {
        name: "dyn1".into(),
        entries: vec![DynamicEntry { seq: 10, settings: settings(Some("101"), &[], &["NORMAL"]), line: 3 }],
    }];
    c.maps = vec![map(
        "mymap",
        vec![MapEntry {
            seq: 200,
            kind: EntryKind::Dynamic { dynamic_map: "dyn1".into(), discover: false },
            settings: EntrySettings::default(),
            session_keys: vec![],
            line: 4,
        }],
    )];
    let p = protect(outbound(&c, "mymap", &pkt("10.0.0.5", "10.1.1.9")));
    assert_eq!(p.on_missing_sa, OnMissingSa::Drop);
    assert_eq!(p.role, EntryRole::Dynamic);
    assert_eq!(p.entry.dynamic, Some(("dyn1".to_string(), 10)));
    // A missing dynamic list drops everything (IOS guide 003:937).
    c.dynamic_maps[0].entries[0].settings.match_address = Some(("nope".into(), 3));
    assert!(matches!(
        outbound(&c, "mymap", &pkt("1.1.1.1", "2.2.2.2")),
        Decision::Drop(DropReason { cause: DropCause::AclNotDefined(_), .. })
    ));
}

#[test]
fn design_3_7_trace_records_every_step() {
    let c = device_a();
    let t = trace(&c, "A", &pkt("192.168.3.3", "192.168.201.20"), Direction::Outbound);
    let events: Vec<(u32, &StepEvent)> = t.steps.iter().map(|s| (s.entry.seq, &s.event)).collect();
    assert_eq!(events.len(), 4);
    assert_eq!(events[0], (1, &StepEvent::NoAceMatched));
    assert_eq!(events[1], (2, &StepEvent::NoAceMatched));
    assert!(matches!(events[2], (3, StepEvent::Matched { action: policy_acl::Action::Deny, .. })));
    assert!(matches!(events[3], (4, StepEvent::Matched { action: policy_acl::Action::Permit, .. })));
    let text = t.to_string();
    assert!(text.contains("crypto map A 3: ACE 0 'access-list A_TO_C extended deny ip host 192.168.3.3"), "{text}");
    assert!(text.contains("matched: deny, leaving entry 3"), "{text}");
    assert!(text.contains("crypto map A 4: ACE 0"), "{text}");
    assert!(text.contains("PROTECT with transform sets STRONG, peer 198.51.100.3"), "{text}");
    let json = t.to_json();
    assert!(json.contains("\"decision\":\"protect\",\"seq\":4"), "{json}");
    assert!(json.contains("\"transform_sets\":[\"STRONG\"]"), "{json}");
    assert!(json.contains("\"peers\":[\"198.51.100.3\"]"), "{json}");
}

#[test]
fn design_3_7_per_host_narrows_flow_to_host_pair() {
    let mut c = device_a();
    c.maps[0].entries[0].settings.per_host = Some(1);
    let p = protect(outbound(&c, "A", &pkt("192.168.3.10", "192.168.12.5")));
    assert!(p.per_host);
    assert_eq!(p.flow, (TrafficSelector::host(ip("192.168.3.10")), TrafficSelector::host(ip("192.168.12.5"))));
}

#[test]
fn design_3_7_unknown_map_drops() {
    let c = device_a();
    assert!(matches!(
        outbound(&c, "nope", &pkt("1.1.1.1", "2.2.2.2")),
        Decision::Drop(DropReason { cause: DropCause::NoSuchMap, .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// §3.8 inbound.

#[test]
fn design_3_8_cleartext_that_would_be_protected_is_dropped() {
    let b = device_b();
    let d = inbound(&b, "B", &pkt("192.168.3.10", "192.168.12.1"));
    let InboundDecision::Drop(r) = d else { panic!("{d:?}") };
    assert_eq!(r.cause, DropCause::ShouldHaveBeenEncrypted);
    assert_eq!(r.entry.map(|e| e.seq), Some(1));
    assert_eq!(inbound(&b, "B", &pkt("8.8.8.8", "192.168.12.1")), InboundDecision::PassClear);
}

#[test]
fn design_3_8_deny_before_permit_lets_cleartext_in() {
    // The ASA advice (000:538): a deny placed before the permit lets that traffic in clear.
    let mut c = empty(
        Platform::Asa8,
        "access-list L extended deny ip 10.0.0.0 255.255.255.0 host 10.1.1.53\n\
         access-list L extended permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0\n",
    );
    c.transform_sets = vec![normal()];
    c.maps = vec![map("M", vec![entry(10, settings(Some("L"), &[B_PEER], &["NORMAL"]))])];
    assert_eq!(inbound(&c, "M", &pkt("10.1.1.53", "10.0.0.7")), InboundDecision::PassClear);
    assert!(matches!(inbound(&c, "M", &pkt("10.1.1.54", "10.0.0.7")), InboundDecision::Drop(_)));
    let t = trace(&c, "M", &pkt("10.1.1.53", "10.0.0.7"), Direction::Inbound);
    let StepEvent::Matched { mirrored: Some(m), .. } = &t.steps[0].event else { panic!("{t:?}") };
    assert_eq!(m, "deny ip host 10.1.1.53 10.0.0.0 255.255.255.0");
}

#[test]
fn design_3_8_post_decryption_uses_permits_only() {
    let b = device_b();
    let key = EntryKey { map: "B".into(), seq: 1, dynamic: None };
    let sa = (prefix("192.168.12.0/29"), TrafficSelector::host(ip("192.168.3.3")));
    // B5: A.3 traffic on the A.3 SA passes.
    let ok = check_decrypted(&b, &key, Some(&sa), &pkt("192.168.3.3", "192.168.12.1"));
    assert!(matches!(ok, PostDecrypt::Accept { ace: Some(AceRef { index: 0, .. }) }), "{ok:?}");
    // B6: another A host on the A.3 SA is outside the SA's selectors.
    let bad = check_decrypted(&b, &key, Some(&sa), &pkt("192.168.3.10", "192.168.12.1"));
    assert_eq!(bad, PostDecrypt::Drop(PostDecryptDrop::OutsideSaSelectors));
    // Denies are ignored: A's entry 1 has a deny for A.3 → B, and its mirrored permit still
    // decides for A.3's packets arriving on an entry-1 SA.
    let a = device_a();
    let key = EntryKey { map: "A".into(), seq: 1, dynamic: None };
    let d = check_decrypted(&a, &key, None, &pkt("192.168.12.5", "192.168.3.3"));
    assert!(matches!(d, PostDecrypt::Accept { ace: Some(AceRef { index: 1, .. }) }), "{d:?}");
    let d = check_decrypted(&a, &key, None, &pkt("192.168.12.5", "10.0.0.1"));
    assert_eq!(d, PostDecrypt::Drop(PostDecryptDrop::NoMirroredPermit));
}

// ---------------------------------------------------------------------------------------------
// §3.9 responder selection, §3.10 PFS, §3.14 mode.

#[test]
fn design_3_9_subset_proxy_accepted_by_single_entry() {
    // B4: A proposes A.3 ↔ B with STRONG; B's single entry accepts it as a subset.
    let b = device_b();
    let offers = [esp_offer(AES256, SHA1, Some(DhGroup::Modp1536), 3600)];
    let req = request(A_PEER, "192.168.3.3", "192.168.12.0/29", &offers);
    let a = select_responder(&b, "B", &req).expect("accepted");
    assert_eq!(a.entry.seq, 1);
    assert_eq!(a.transform_set, "STRONG");
    assert_eq!(a.lifetime, Lifetime::new(3600, 4_608_000));
    assert_eq!(a.responder_lifetime, None);
    assert_eq!(a.pfs, Some(DhGroup::Modp1536));
    assert_eq!(a.ace.map(|x| x.index), Some(0));
}

#[test]
fn design_3_9_superset_proxy_refused_with_invalid_id() {
    // IOS guide 003:624 Case 4: a superset of the permit is refused.
    let b = device_b();
    let offers = [esp_offer(AES256, SHA1, None, 3600)];
    let req = request(A_PEER, "192.168.0.0/16", "192.168.12.0/29", &offers);
    let e = select_responder(&b, "B", &req).expect_err("refused");
    assert_eq!(e.refusal, Refusal::InvalidIdInformation);
}

#[test]
fn design_3_9_peer_must_be_listed() {
    let b = device_b();
    let offers = [esp_offer(AES256, SHA1, None, 3600)];
    let req = request("203.0.113.9", "192.168.3.3", "192.168.12.0/29", &offers);
    let e = select_responder(&b, "B", &req).expect_err("refused");
    assert_eq!(e.refusal, Refusal::PeerNotConfigured);
}

#[test]
fn design_3_9_static_before_dynamic_and_entry_preference_order() {
    let mut c = device_b();
    c.dynamic_maps = vec![DynamicMapSet {
        name: "dyn".into(),
        entries: vec![DynamicEntry { seq: 5, settings: settings(None, &[], &["STRONG", "NORMAL"]), line: 9 }],
    }];
    // The dynamic reference sits first, yet static entries are tried first (000:503).
    c.maps[0].entries.insert(
        0,
        MapEntry {
            seq: 0,
            kind: EntryKind::Dynamic { dynamic_map: "dyn".into(), discover: false },
            settings: EntrySettings::default(),
            session_keys: vec![],
            line: 8,
        },
    );
    let offers = [esp_offer(AES256, SHA1, None, 3600), esp_offer(EncryptionAlgorithm::TripleDesCbc, SHA1, None, 3600)];
    let req = request(A_PEER, "192.168.3.0/26", "192.168.12.0/29", &offers);
    let a = select_responder(&c, "B", &req).expect("accepted");
    // Entry 1 prefers NORMAL: its first set the peer offered, although the peer listed it second.
    assert_eq!((a.entry.seq, a.transform_set.as_str(), a.proposal_index), (1, "NORMAL", 1));
    // An unknown peer falls to the dynamic entry (no ACL: any flow), which prefers STRONG.
    let req = request("203.0.113.9", "10.9.9.0/24", "10.8.8.0/24", &offers);
    let a = select_responder(&c, "B", &req).expect("accepted by the dynamic entry");
    assert_eq!(a.entry.dynamic, Some(("dyn".to_string(), 5)));
    assert_eq!(a.transform_set, "STRONG");
    assert_eq!(a.ace, None);
}

#[test]
fn design_3_9_no_common_transform_is_no_proposal_chosen() {
    let b = device_b();
    let offers = [esp_offer(EncryptionAlgorithm::DesCbc, IntegrityAlgorithm::HmacMd5_96, None, 3600)];
    let req = request(A_PEER, "192.168.3.3", "192.168.12.0/29", &offers);
    let e = select_responder(&b, "B", &req).expect_err("refused");
    assert_eq!(e.refusal, Refusal::NoProposalChosen);
    assert_eq!(e.rejections[0].1, Rejection::NoCommonTransform);
}

#[test]
fn design_3_9_a_accepts_b_initiated_flow_under_entry_one() {
    // seeds-asa.md §5.8: when B initiates (B → A network), A as responder ignores the deny and
    // accepts under entry 1 with NORMAL: the "no cascade on B" claim holds only when A initiates.
    let a = device_a();
    let offers = [esp_offer(EncryptionAlgorithm::TripleDesCbc, SHA1, None, 28_800)];
    let req = request(B_PEER, "192.168.12.0/29", "192.168.3.0/26", &offers);
    let acc = select_responder(&a, "A", &req).expect("accepted");
    assert_eq!((acc.entry.seq, acc.transform_set.as_str()), (1, "NORMAL"));
    assert_eq!(acc.ace.map(|x| x.index), Some(1));
}

#[test]
fn design_3_10_local_pfs_requires_peer_pfs_with_that_group() {
    let a = device_a(); // entry 2 has `set pfs group5`
    let req_for = |offers: &[OfferedProposal]| -> Result<Accepted, Refused> {
        let r = request(B_PEER, "192.168.12.0/29", "192.168.3.3", offers);
        select_responder(&a, "A", &r)
    };
    // No PFS offered: entry 1 does not cover A.3 ↔ B? It does (permit A→B covers the host),
    // but offers STRONG only, which entry 1 lacks; entry 2 wants group 5.
    let none = [esp_offer(AES256, SHA1, None, 3600)];
    let e = req_for(&none).expect_err("PFS required");
    assert_eq!(e.refusal, Refusal::NoProposalChosen);
    assert!(
        e.rejections
            .iter()
            .any(|(k, r)| k.seq == 2 && matches!(r, Rejection::PfsRequired { group: DhGroup::Modp1536, .. }))
    );
    let wrong = [esp_offer(AES256, SHA1, Some(DhGroup::Modp1024), 3600)];
    assert!(req_for(&wrong).is_err());
    let right = [esp_offer(AES256, SHA1, Some(DhGroup::Modp1536), 3600)];
    assert_eq!(req_for(&right).expect("accepted").entry.seq, 2);
}

#[test]
fn design_3_10_local_pfs_unset_accepts_peer_pfs() {
    let b = device_b();
    let offers = [esp_offer(AES256, SHA1, Some(DhGroup::Modp2048), 3600)];
    let req = request(A_PEER, "192.168.3.3", "192.168.12.0/29", &offers);
    let a = select_responder(&b, "B", &req).expect("accepted");
    assert_eq!(a.pfs, Some(DhGroup::Modp2048));
    assert_eq!(a.esp.and_then(|s| s.dh_group), Some(DhGroup::Modp2048));
}

#[test]
fn design_3_5_responder_lifetime_is_shorter_and_announced() {
    let b = device_b();
    // A proposes longer than B's 28,800 s default: B uses its own and announces it.
    let offers = [esp_offer(AES256, SHA1, None, 86_400)];
    let req = request(A_PEER, "192.168.3.3", "192.168.12.0/29", &offers);
    let a = select_responder(&b, "B", &req).expect("accepted");
    assert_eq!(a.lifetime, Lifetime::ASA_DEFAULT);
    assert_eq!(a.responder_lifetime, Some(Lifetime::ASA_DEFAULT));
    // IKEv2 (an IOS-XE device, which uses transform sets with IKEv2): no negotiation, our own
    // lifetime.
    let mut req = req;
    req.version = IkeVersion::V2;
    let mut b = b;
    b.platform = Platform::Ios;
    let a = select_responder(&b, "B", &req).expect("accepted");
    assert_eq!((a.lifetime, a.responder_lifetime), (Lifetime::ASA_DEFAULT, None));
}

#[test]
fn design_3_14_transport_only_between_the_peers() {
    let mut c = empty(
        Platform::Ios,
        "access-list 101 permit ip host 192.0.2.1 host 192.0.2.2\naccess-list 102 permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255\n",
    );
    let mut t = tset("T", &[Transform::EspEncryption(AES256), Transform::EspIntegrity(SHA1)]);
    t.mode = Setting::configured(EncapsulationMode::Transport, 2);
    c.transform_sets = vec![t];
    c.maps = vec![map(
        "M",
        vec![
            entry(10, settings(Some("101"), &["192.0.2.2"], &["T"])),
            entry(20, settings(Some("102"), &["192.0.2.2"], &["T"])),
        ],
    )];
    c.bindings = vec![InterfaceBinding { map: "M".into(), interface: "Serial0".into(), line: 1 }];
    c.interface_addresses = vec![InterfaceAddress {
        interface: "Serial0".into(),
        address: ip("192.0.2.1"),
        mask: ip("255.255.255.0"),
        line: 1,
    }];
    let p = protect(outbound(&c, "M", &pkt("192.0.2.1", "192.0.2.2")));
    assert_eq!(p.ikev1_offers[0].mode, EncapsulationMode::Transport);
    let p = protect(outbound(&c, "M", &pkt("10.0.0.1", "10.1.1.1")));
    assert_eq!(p.ikev1_offers[0].mode, EncapsulationMode::Tunnel);
    // Responder: a transport request for the peers' own flow is accepted in transport; for a
    // subnet flow IKEv1 refuses transport (this proposal does not match)...
    let mut transport = esp_offer(AES256, SHA1, None, 3600);
    transport.mode = EncapsulationMode::Transport;
    let offers = [transport.clone()];
    let req = request("192.0.2.2", "192.0.2.2", "192.0.2.1", &offers);
    assert_eq!(select_responder(&c, "M", &req).expect("accepted").mode, EncapsulationMode::Transport);
    let req = request("192.0.2.2", "10.1.1.0/24", "10.0.0.0/24", &offers);
    let e = select_responder(&c, "M", &req).expect_err("no transport for a subnet flow");
    assert!(e.rejections.iter().any(|(_, r)| *r == Rejection::ModeMismatch));
    // ... while IKEv2 answers it with tunnel (001:1100).
    let mut req = req;
    req.version = IkeVersion::V2;
    assert_eq!(select_responder(&c, "M", &req).expect("accepted").mode, EncapsulationMode::Tunnel);
}

#[test]
fn design_3_14_ikev2_transport_require_refuses_tunnel() {
    let mut c = device_b();
    c.platform = Platform::Asa9;
    c.ipsec_proposals = vec![IpsecProposal {
        name: "P".into(),
        encryption: vec![AES256],
        integrity: vec![SHA1],
        integrity_null: false,
        line: 1,
    }];
    c.maps[0].entries[0].settings.ikev2_proposals = vec![("P".into(), 1)];
    c.maps[0].entries[0].settings.ikev2_mode = Some((EncapsulationMode::Transport, true, 1));
    let offers = [esp_offer(AES256, SHA1, None, 3600)];
    let mut req = request(A_PEER, "192.168.3.3", "192.168.12.0/29", &offers);
    req.version = IkeVersion::V2;
    let e = select_responder(&c, "B", &req).expect_err("transport-require");
    assert_eq!(e.refusal, Refusal::NoProposalChosen);
    assert_eq!(e.rejections[0].1, Rejection::ModeMismatch);
    // Without `transport-require` the same request is answered in tunnel mode (001:1101), and
    // the ASA's IKEv1 transform sets are not IKEv2 offers.
    c.maps[0].entries[0].settings.ikev2_mode = None;
    let a = select_responder(&c, "B", &req).expect("tunnel");
    assert_eq!((a.transform_set.as_str(), a.mode), ("P", EncapsulationMode::Tunnel));
}

// ---------------------------------------------------------------------------------------------
// §3.3-3.6 phase-1 policies.

fn isakmp(
    priority: u32,
    enc: EncryptionAlgorithm,
    hash: PrfAlgorithm,
    auth: AuthMethod,
    group: DhGroup,
    life: u64,
) -> IsakmpPolicy {
    IsakmpPolicy {
        priority,
        encryption: Setting::configured(enc, 1),
        hash: Setting::configured(hash, 1),
        authentication: Setting::configured(auth, 1),
        group: Setting::configured(group, 1),
        lifetime: Setting::configured(life, 1),
        line: priority,
    }
}

fn offer(enc: EncryptionAlgorithm, hash: PrfAlgorithm, auth: AuthMethod, group: DhGroup, life: u64) -> IsakmpProposal {
    IsakmpProposal { encryption: enc, hash, authentication: auth, group, lifetime: life }
}

const TDES: EncryptionAlgorithm = EncryptionAlgorithm::TripleDesCbc;
const AES128: EncryptionAlgorithm = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
const SHA: PrfAlgorithm = PrfAlgorithm::HmacSha1;
const PSK: AuthMethod = AuthMethod::PreShare;

#[test]
fn design_3_4_responder_priority_wins_p4() {
    let mut c = empty(Platform::Asa8, "");
    c.isakmp_policies = vec![
        isakmp(10, TDES, SHA, PSK, DhGroup::Modp1024, 86_400),
        isakmp(20, AES128, SHA, PSK, DhGroup::Modp1536, 86_400),
    ];
    let offers = [offer(AES128, SHA, PSK, DhGroup::Modp1536, 86_400), offer(TDES, SHA, PSK, DhGroup::Modp1024, 86_400)];
    let m = match_isakmp_policy(&c, &offers, LifetimeRule::Lenient).expect("match");
    assert_eq!((m.policy.priority, m.offer_index), (Some(10), 1));
}

#[test]
fn design_3_5_lifetime_lenient_and_strict_p1_p2_p3() {
    let mut c = empty(Platform::Asa8, "");
    c.isakmp_policies = vec![isakmp(10, TDES, SHA, PSK, DhGroup::Modp1024, 14_400)];
    // P2: responder shorter: match, 14,400 announced.
    let m =
        match_isakmp_policy(&c, &[offer(TDES, SHA, PSK, DhGroup::Modp1024, 86_400)], LifetimeRule::Strict).expect("P2");
    assert_eq!((m.lifetime, m.responder_lifetime), (14_400, Some(14_400)));
    // P1: equal.
    c.isakmp_policies[0].lifetime.value = 86_400;
    let m =
        match_isakmp_policy(&c, &[offer(TDES, SHA, PSK, DhGroup::Modp1024, 86_400)], LifetimeRule::Strict).expect("P1");
    assert_eq!((m.lifetime, m.responder_lifetime), (86_400, None));
    // P3: responder longer: strict refuses, lenient uses the shorter.
    let p3 = [offer(TDES, SHA, PSK, DhGroup::Modp1024, 14_400)];
    assert_eq!(match_isakmp_policy(&c, &p3, LifetimeRule::Strict), Err(NoPolicyMatch::NoneMatched));
    let m = match_isakmp_policy(&c, &p3, LifetimeRule::Lenient).expect("lenient");
    assert_eq!((m.lifetime, m.responder_lifetime), (14_400, None));
}

#[test]
fn design_3_3_default_policies_per_platform_p5_p6() {
    // P6: a new ASA configuration has no policy.
    let asa = empty(Platform::Asa9, "");
    let any = [offer(TDES, SHA, PSK, DhGroup::Modp1024, 86_400)];
    assert_eq!(match_isakmp_policy(&asa, &any, LifetimeRule::Lenient), Err(NoPolicyMatch::NoPolicies));
    // IOS/PIX: the default protection suite applies.
    let pix = empty(Platform::Pix, "");
    let default = [offer(EncryptionAlgorithm::DesCbc, SHA, AuthMethod::RsaSig, DhGroup::Modp768, 86_400)];
    let m = match_isakmp_policy(&pix, &default, LifetimeRule::Strict).expect("default suite");
    assert_eq!(m.policy.priority, None);
    // P5: authentication differs.
    let p5 = [offer(EncryptionAlgorithm::DesCbc, PrfAlgorithm::HmacMd5, AuthMethod::RsaSig, DhGroup::Modp768, 86_400)];
    let mut c = empty(Platform::Asa8, "");
    c.isakmp_policies =
        vec![isakmp(10, EncryptionAlgorithm::DesCbc, PrfAlgorithm::HmacMd5, PSK, DhGroup::Modp768, 86_400)];
    assert_eq!(match_isakmp_policy(&c, &p5, LifetimeRule::Lenient), Err(NoPolicyMatch::NoneMatched));
}

#[test]
fn design_3_6_ikev2_most_secure_first_and_defaults() {
    let mut c = empty(Platform::Asa9, "");
    c.ikev2_policies = vec![Ikev2Policy {
        priority: Some(1),
        name: None,
        encryption: vec![TDES, EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256), AES128],
        integrity: vec![IntegrityAlgorithm::HmacSha1_96, IntegrityAlgorithm::HmacSha2_256_128],
        prf: vec![PrfAlgorithm::HmacSha1],
        groups: vec![DhGroup::Modp1024, DhGroup::Ecp256, DhGroup::Modp2048],
        lifetime: Setting::default_value(86_400),
        defaulted: Ikev2Defaulted::default(),
        line: 1,
    }];
    let theirs = Proposal {
        encryption: vec![AES128, EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256)],
        integrity: vec![IntegrityAlgorithm::HmacSha1_96, IntegrityAlgorithm::HmacSha2_256_128],
        prf: vec![PrfAlgorithm::HmacSha1],
        dh_groups: vec![DhGroup::Modp2048, DhGroup::Ecp256],
        esn: vec![],
    };
    let m = match_ikev2_policy(&c, core::slice::from_ref(&theirs)).expect("match");
    assert_eq!(m.selection.encryption, Some(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256)));
    assert_eq!(m.selection.integrity, Some(IntegrityAlgorithm::HmacSha2_256_128));
    assert_eq!(m.selection.dh_group, Some(DhGroup::Ecp256));
    // ASA without IKEv2 policies: nothing; IOS-XE: the default proposal (002:105-109).
    assert_eq!(match_ikev2_policy(&empty(Platform::Asa9, ""), &[theirs]), Err(NoPolicyMatch::NoPolicies));
    let ios = empty(Platform::Ios, "");
    let default_offer = Proposal {
        encryption: vec![TDES],
        integrity: vec![IntegrityAlgorithm::HmacMd5_96],
        prf: vec![PrfAlgorithm::HmacMd5],
        dh_groups: vec![DhGroup::Modp1024],
        esn: vec![],
    };
    let m = match_ikev2_policy(&ios, &[default_offer]).expect("default proposal");
    assert_eq!(m.policy.name.as_deref(), Some("default"));
}

// ---------------------------------------------------------------------------------------------
// §3.11 PSK lookup.

fn key(k: &str, scope: KeyScope, direction: KeyDirection) -> PreSharedKey {
    PreSharedKey {
        key: SecretBytes::from_slice(k.as_bytes()),
        scope,
        direction,
        stored_encrypted: false,
        no_xauth: false,
        no_config_mode: false,
        keyring: None,
        line: 1,
    }
}

#[test]
fn design_3_11_psk_exact_then_longest_mask_then_wildcard_then_hostname() {
    let mut c = empty(Platform::Ios, "");
    c.keys = vec![
        key("wild", KeyScope::Address { address: ip("0.0.0.0"), mask: ip("0.0.0.0") }, KeyDirection::Both),
        key("net16", KeyScope::Address { address: ip("10.1.0.0"), mask: ip("255.255.0.0") }, KeyDirection::Both),
        key("net24", KeyScope::Address { address: ip("10.1.1.0"), mask: ip("255.255.255.0") }, KeyDirection::Both),
        key("host", KeyScope::Address { address: ip("10.1.1.1"), mask: ip("255.255.255.255") }, KeyDirection::Both),
        key("name", KeyScope::Hostname("peer.example.com".into()), KeyDirection::Both),
    ];
    let k = |addr: &str, id: Option<&Identity>| {
        lookup_psk(&c, ip(addr), id, KeyDirection::Both).map(|k| k.key.expose().to_vec())
    };
    assert_eq!(k("10.1.1.1", None), Some(b"host".to_vec()));
    assert_eq!(k("10.1.1.2", None), Some(b"net24".to_vec()));
    assert_eq!(k("10.1.2.2", None), Some(b"net16".to_vec()));
    assert_eq!(k("192.0.2.1", None), Some(b"wild".to_vec()));
    let id = Identity::Fqdn("PEER.example.com".into());
    assert_eq!(k("192.0.2.1", Some(&id)), Some(b"name".to_vec()));
}

#[test]
fn design_3_11_asa_tunnel_group_and_ikev2_directions() {
    let mut c = empty(Platform::Asa9, "");
    c.keys = vec![
        key("local", KeyScope::TunnelGroup("198.51.100.2".into()), KeyDirection::Local),
        key("remote", KeyScope::TunnelGroup("198.51.100.2".into()), KeyDirection::Remote),
        key("default", KeyScope::TunnelGroup(DEFAULT_L2L_GROUP.into()), KeyDirection::Both),
    ];
    let k = |addr: &str, d| lookup_psk(&c, ip(addr), None, d).map(|k| k.key.expose().to_vec());
    assert_eq!(k(B_PEER, KeyDirection::Local), Some(b"local".to_vec()));
    assert_eq!(k(B_PEER, KeyDirection::Remote), Some(b"remote".to_vec()));
    assert_eq!(k("203.0.113.7", KeyDirection::Both), Some(b"default".to_vec()));
}

// ---------------------------------------------------------------------------------------------
// §3.13 peer failover (seeds-asa.md §4.3 vectors).

#[test]
fn design_3_13_failover_order_active_peer_and_wrap() {
    let peers: Vec<Peer> = ["192.0.2.1", "192.0.2.2", "192.0.2.3"].iter().map(|p| Peer::Address(ip(p))).collect();
    let mut f = PeerFailover::new(peers.clone());
    assert_eq!(f.current(), Some(&peers[0]));
    // P1 times out, P2 succeeds: P2 is active.
    assert_eq!(f.failed(), Handover::Next);
    f.succeeded();
    assert_eq!(f.active(), Some(&peers[1]));
    // The next negotiation tries P2 first.
    assert_eq!(f.current(), Some(&peers[1]));
    // P2 fails → P3; P3 fails → P1 (wrap).
    assert_eq!(f.failed(), Handover::Next);
    assert_eq!(f.current(), Some(&peers[2]));
    assert_eq!(f.failed(), Handover::Next);
    assert_eq!(f.current(), Some(&peers[0]));
    // All three failed: back to the first.
    assert_eq!(f.failed(), Handover::WrappedToFirst);
    assert_eq!(f.current(), Some(&peers[0]));
    // Heard from P3 (it initiated): P3 becomes active.
    f.heard_from(&peers[2]);
    assert_eq!((f.current(), f.active()), (Some(&peers[2]), Some(&peers[2])));
    assert_eq!(PeerFailover::new(vec![]).clone().failed(), Handover::NoPeers);
}

// ---------------------------------------------------------------------------------------------
// §3.15 reused ACL, §3.18 manual SAs, §3.19 incomplete entries.

#[test]
fn design_3_15_reused_acl_evaluates_per_entry() {
    // The same list in two entries (a warning, not an error): the first entry decides, the
    // second is reached only when the first denies.
    let mut c = device_a();
    c.maps[0].entries[2].settings.match_address = Some(("A_TO_B".into(), 1));
    let p = protect(outbound(&c, "A", &pkt("192.168.3.10", "192.168.12.5")));
    assert_eq!(p.entry.seq, 1);
}

#[test]
fn design_3_18_manual_sas_never_expire_no_anti_replay() {
    let mut c = empty(
        Platform::Ios,
        "access-list 102 permit ip 10.0.0.0 0.0.0.255 10.2.0.0 0.0.0.255\naccess-list 102 permit ip any any\n",
    );
    c.transform_sets = vec![tset(
        "someset",
        &[Transform::Ah(IntegrityAlgorithm::HmacMd5_96), Transform::EspEncryption(EncryptionAlgorithm::DesCbc)],
    )];
    let sk = |inbound, esp, spi, k: &[u8]| SessionKey {
        inbound,
        esp,
        spi: Spi(spi),
        cipher_or_ah_key: Some(SecretBytes::from_slice(k)),
        authenticator: None,
        line: 1,
    };
    c.maps = vec![map(
        "mymap",
        vec![MapEntry {
            seq: 10,
            kind: EntryKind::IpsecManual,
            settings: settings(Some("102"), &["10.0.0.5"], &["someset"]),
            session_keys: vec![
                sk(true, false, 256, &[0x98; 16]),
                sk(false, false, 256, &[0xfe; 16]),
                sk(true, true, 256, &[0x01; 8]),
                sk(false, true, 256, &[0xab; 8]),
            ],
            line: 3,
        }],
    )];
    let sas = manual_sas(&c, "mymap", 10).expect("complete manual entry");
    assert_eq!(sas.len(), 4);
    assert!(sas.iter().all(|s| s.lifetime == Lifetime::UNLIMITED && !s.anti_replay && s.spi == Spi(256)));
    assert_eq!(sas[0].flow, (prefix("10.0.0.0/24"), prefix("10.2.0.0/24")));
    // Outbound: protected by the entry with no negotiation; only the first permit counts.
    let p = protect(outbound(&c, "mymap", &pkt("10.0.0.1", "10.2.0.1")));
    assert_eq!(p.on_missing_sa, OnMissingSa::Drop);
    assert_eq!(outbound(&c, "mymap", &pkt("10.0.0.1", "10.9.0.1")), Decision::Bypass);
    // A wrong key length is reported.
    c.maps[0].entries[0].session_keys[2].cipher_or_ah_key = Some(SecretBytes::from_slice(&[1; 7]));
    assert!(matches!(manual_sas(&c, "mymap", 10), Err(ManualError::KeyLength { got: 7, want: 8, .. })));
}

#[test]
fn design_3_19_incomplete_entry_is_accepted_and_drops_what_reaches_it() {
    // The configuration is usable (the other entries work); only traffic reaching the
    // incomplete entry is dropped.
    let mut c = device_b();
    c.maps[0].entries[1].settings.peers.clear();
    assert!(matches!(outbound(&c, "B", &pkt("192.168.12.1", "192.168.3.3")), Decision::Protect(_)));
    assert!(matches!(outbound(&c, "B", &pkt("192.168.12.1", "8.8.8.8")), Decision::Drop(_)));
}

#[test]
fn design_3_1_trigger_packet_negotiates() {
    // DESIGN §3.1: a packet for a static entry without an SA starts negotiation.
    let p = protect(outbound(&device_b(), "B", &pkt("192.168.12.1", "192.168.201.9")));
    assert_eq!((p.entry.seq, p.on_missing_sa), (2, OnMissingSa::Negotiate));
    assert_eq!(v4(192, 168, 12, 0), p.flow.0.start());
}

#[test]
fn design_3_2_default_sa_lifetime_per_platform() {
    for (platform, life) in [
        (Platform::Ios, Lifetime::IOS_DEFAULT),
        (Platform::Asa8, Lifetime::ASA_DEFAULT),
        (Platform::Asa9, Lifetime::ASA_DEFAULT),
        (Platform::Pix, Lifetime::ASA_DEFAULT),
    ] {
        let acl = if platform == Platform::Ios {
            "access-list 101 permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255\n"
        } else {
            "access-list 101 permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0\n"
        };
        let mut c = empty(platform, acl);
        c.transform_sets = vec![normal()];
        c.maps = vec![map("M", vec![entry(10, settings(Some("101"), &[B_PEER], &["NORMAL"]))])];
        assert_eq!(protect(outbound(&c, "M", &pkt("10.0.0.1", "10.1.1.1"))).lifetime, life, "{platform}");
    }
}

#[test]
fn design_3_12_host_bits_rejected_strict_cleared_lenient() {
    let line = "access-list A deny ip 192.168.3.3 255.255.255.192 192.168.12.0 255.255.255.248\n";
    assert!(policy_acl::parse(line, policy_acl::Dialect::Asa, Mode::Strict).is_err());
    // Lenient: the bits are cleared, the deny covers all of 192.168.3.0/26 (the guide's A.3 line
    // read literally, seeds-asa.md §5.8 reading L).
    let lenient = policy_acl::parse(line, policy_acl::Dialect::Asa, Mode::Lenient).expect("lenient");
    let acl = lenient.get("A").expect("A");
    assert!(matches!(acl.evaluate(&pkt("192.168.3.10", "192.168.12.5")), policy_acl::Verdict::Match { .. }));
}

#[test]
fn design_3_17_rfc1829_iv_size_defaults_to_8() {
    let mut c = empty(Platform::Ios, "access-list 140 permit ip 10.0.0.0 0.0.0.255 10.3.3.0 0.0.0.255\n");
    c.transform_sets = vec![tset("legacy", &[Transform::EspRfc1829])];
    let sk = |inbound, spi| SessionKey {
        inbound,
        esp: true,
        spi: Spi(spi),
        cipher_or_ah_key: Some(SecretBytes::from_slice(&[7; 8])),
        authenticator: None,
        line: 1,
    };
    c.maps = vec![map(
        "M",
        vec![MapEntry {
            seq: 20,
            kind: EntryKind::IpsecManual,
            settings: settings(Some("140"), &["192.0.2.14"], &["legacy"]),
            session_keys: vec![sk(true, 300), sk(false, 301)],
            line: 2,
        }],
    )];
    let sas = manual_sas(&c, "M", 20).expect("manual");
    assert!(sas.iter().all(|s| s.iv_size == Some(8) && s.integrity.is_none()));
    // IKE never offers an RFC 1829 set (it is for manual entries, 003:288).
    c.maps[0].entries[0].kind = EntryKind::IpsecIsakmp;
    assert!(protect(outbound(&c, "M", &pkt("10.0.0.1", "10.3.3.3"))).ikev1_offers.is_empty());
}
