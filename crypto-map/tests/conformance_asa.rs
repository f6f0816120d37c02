//! The ASA 8.x (seed 000) and 9.x (seed 001) worked configurations other than the A/B/C
//! example (`conformance_abc.rs`): their stated behaviour, and the phase-1 matching vectors
//! P1-P6 of seeds-asa.md §1.3.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // test code

mod conformance_common;
use conformance_common as common;

use common::{config, esp, ip, offers_of, protected, request, request_from, sel, tcp};
use crypto_map::eval::{
    ChildOffer, Decision, DropCause, Handover, InboundDecision, IsakmpProposal, LifetimeRule, NoPolicyMatch,
    OnMissingSa, PeerFailover, PostDecrypt, PostDecryptDrop, Refusal, Rejection, check_decrypted, inbound,
    match_isakmp_policy, outbound, select_responder,
};
use crypto_map::model::{AuthMethod, Config, FragmentationMethod, IdentityKind, Peer, Platform};
use crypto_map::parse::{ParseOptions, parse};
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::types::Lifetime;

const DES: EncryptionAlgorithm = EncryptionAlgorithm::DesCbc;
const TDES: EncryptionAlgorithm = EncryptionAlgorithm::TripleDesCbc;
const AES128: EncryptionAlgorithm = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
const AES256: EncryptionAlgorithm = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256);
const SHA96: IntegrityAlgorithm = IntegrityAlgorithm::HmacSha1_96;
const MD596: IntegrityAlgorithm = IntegrityAlgorithm::HmacMd5_96;

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// The basic static crypto map (000:715-835, 001:934-1168) and its dynamic completion
// (000:873-945, 001:1170-1293); expectations of seeds-asa.md §9.4.

#[test]
fn static_map_protects_subnet_traffic_with_entry_10() {
    for name in ["asa8-static-map.conf", "asa9-static-map.conf", "asa8-dynamic-map.conf", "asa9-dynamic-map.conf"] {
        let c = config(name);
        let p = protected(outbound(&c, "mymap", &tcp("10.0.0.5", "10.1.1.9")));
        assert_eq!(p.entry.seq, 10, "{name}");
        assert_eq!(p.peers, [Peer::Address(ip("192.168.1.100"))], "{name}");
        assert_eq!(p.transform_sets, names(&["myset1", "myset2"]), "{name}: myset1 preferred (000:792)");
        // 2700 s on the entry; the volume lifetime stays global (000:807).
        assert_eq!(p.lifetime, Lifetime::new(2700, 4_608_000), "{name}");
        assert_eq!(p.pfs, Some(DhGroup::Modp1024), "{name}: group 2 = 1024-bit (000:821)");
        assert_eq!(p.flow, (sel("10.0.0.0/24"), sel("10.1.1.0/24")), "{name}");
        assert_eq!(p.on_missing_sa, OnMissingSa::Negotiate, "{name}");
        // The offer: myset1 = DES + SHA-1, then myset2 = 3DES + SHA-1, each asking PFS group 2.
        let first = p.ikev1_offers[0].esp.clone().expect("ESP");
        assert_eq!(
            (first.encryption, first.integrity, first.dh_groups),
            (vec![DES], vec![SHA96], vec![DhGroup::Modp1024])
        );
        // Outside ACL 101: in clear (the dynamic entry's ACL is the same list, 000:886).
        assert_eq!(outbound(&c, "mymap", &tcp("10.0.0.5", "10.9.9.9")), Decision::Bypass, "{name}");
        // Cleartext from the protected peer network: should have been encrypted (000:650).
        assert!(matches!(inbound(&c, "mymap", &tcp("10.1.1.9", "10.0.0.5")), InboundDecision::Drop(_)), "{name}");
    }
}

#[test]
fn aes_set_is_order_insensitive() {
    // `aes_set esp-md5-hmac esp-aes-256`: authenticator written first (000:744, 001:979).
    for name in ["asa8-static-map.conf", "asa9-static-map.conf"] {
        let c = config(name);
        let offer = ChildOffer::from_transform_set(c.transform_set("aes_set").expect("aes_set"));
        let esp = offer.esp.expect("ESP");
        assert_eq!((esp.encryption, esp.integrity), (vec![AES256], vec![MD596]), "{name}");
    }
}

#[test]
fn asa9_static_map_ikev2_and_fixed_pfs() {
    let c = config("asa9-static-map.conf");
    let p = protected(outbound(&c, "mymap", &tcp("10.0.0.5", "10.1.1.9")));
    assert_eq!(p.ikev2_proposals, names(&["secure"]));
    // `protocol esp encryption 3des aes des`, ordered most secure first (001:78, DESIGN §3.6).
    let esp = p.ikev2_offers[0].esp.clone().expect("ESP");
    assert_eq!(esp.encryption, vec![AES128, TDES, DES]);
    // The guide's `set pfs group15` "1024-bit" is fixed to group 2 (001:1130-1133).
    assert_eq!(p.pfs, Some(DhGroup::Modp1024));
    let entry = &c.map("mymap").expect("mymap").entries[0];
    assert_eq!(entry.settings.reverse_route.map(|(d, _)| d), Some(true), "set reverse-route dynamic (001:1151)");
    // The literal line is rejected in strict mode (an ASA 9.x PFS group list has no 15).
    let literal = config_text("asa9-static-map.conf").replace("set pfs group2", "set pfs group15");
    assert!(parse(&literal, ParseOptions::strict(Platform::Asa9)).is_err());
}

fn config_text(name: &str) -> String {
    common::load(name)
}

#[test]
fn dynamic_entry_accepts_unknown_peer_with_pfs_group_5() {
    for name in ["asa8-dynamic-map.conf", "asa9-dynamic-map.conf"] {
        let c = config(name);
        // Unknown peer 203.0.113.7, flow 10.1.1.0/24 <-> 10.0.0.0/24, myset2, PFS group 5:
        // entry 10 fails (peer), dyn1 10 accepts (seeds-asa.md §9.4).
        let offers = [esp(TDES, Some(SHA96), Some(DhGroup::Modp1536), 28_800)];
        let acc = select_responder(&c, "mymap", &request("203.0.113.7", "10.1.1.0/24", "10.0.0.0/24", &offers))
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(acc.entry.dynamic, Some(("dyn1".to_string(), 10)), "{name}");
        assert_eq!(acc.transform_set, "myset2", "{name}");
        // min(proposed 28,800, local 2700) and announced (000:711).
        assert_eq!(acc.lifetime, Lifetime::new(2700, 4_608_000), "{name}");
        assert_eq!(acc.responder_lifetime, Some(Lifetime::new(2700, 4_608_000)), "{name}");
        // Without PFS: the dynamic entry demands group 5 (000:921): NO-PROPOSAL-CHOSEN.
        let no_pfs = [esp(TDES, Some(SHA96), None, 28_800)];
        let e = select_responder(&c, "mymap", &request("203.0.113.7", "10.1.1.0/24", "10.0.0.0/24", &no_pfs))
            .expect_err("PFS required");
        assert_eq!(e.refusal, Refusal::NoProposalChosen, "{name}");
        assert!(e.rejections.iter().any(|(_, r)| matches!(r, Rejection::PfsRequired { group: DhGroup::Modp1536, .. })));
        // The configured peer with group 2 is taken by the static entry first (000:503).
        let offers = [esp(DES, Some(SHA96), Some(DhGroup::Modp1024), 2700)];
        let acc = select_responder(&c, "mymap", &request("192.168.1.100", "10.1.1.0/24", "10.0.0.0/24", &offers))
            .expect("static entry");
        assert_eq!((acc.entry.seq, acc.entry.dynamic.clone(), acc.transform_set.as_str()), (10, None, "myset1"));
        // A flow outside ACL 101: INVALID-ID-INFORMATION.
        let e = select_responder(&c, "mymap", &request("203.0.113.7", "10.1.2.0/24", "10.0.0.0/24", &offers))
            .expect_err("not covered");
        assert_eq!(e.refusal, Refusal::InvalidIdInformation, "{name}");
    }
}

#[test]
fn basic_maps_between_two_asas_interoperate() {
    // The guide's device initiating to a peer configured as its mirror image: the peer's
    // dynamic entry takes it. (Mirror built by swapping the ACL of the same fixture.)
    let left = config("asa8-static-map.conf");
    let right_text = config_text("asa8-dynamic-map.conf").replace(
        "permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0",
        "permit ip 10.1.1.0 255.255.255.0 10.0.0.0 255.255.255.0",
    );
    let right = parse(&right_text, ParseOptions::strict(Platform::Asa8)).expect("mirror");
    let p = protected(outbound(&left, "mymap", &tcp("10.0.0.5", "10.1.1.9")));
    let proposals = offers_of(&p);
    // From an address that is not the right device's configured peer: the dynamic entry,
    // which demands group 5 while the left offers group 2.
    let e = select_responder(&right, "mymap", &request_from(&p, &proposals, "203.0.113.7")).expect_err("PFS group");
    assert_eq!(e.refusal, Refusal::NoProposalChosen);
    // From its configured peer: the static entry, myset1, group 2, 2700 s.
    let acc = select_responder(&right, "mymap", &request_from(&p, &proposals, "192.168.1.100")).expect("static");
    assert_eq!((acc.entry.seq, acc.transform_set.as_str(), acc.pfs), (10, "myset1", Some(DhGroup::Modp1024)));
    assert_eq!(acc.lifetime, Lifetime::new(2700, 4_608_000));
    // The inner packets of that SA pass the post-decryption check on the right device.
    assert!(matches!(
        check_decrypted(&right, &acc.entry, Some(&acc.flow), &tcp("10.0.0.5", "10.1.1.9")),
        PostDecrypt::Accept { .. }
    ));
}

// ---------------------------------------------------------------------------------------------
// Figure 24-4 (000:662-678; seeds-asa.md §5.7).

#[test]
fn figure_24_4_host_pair_both_directions() {
    let c = config("asa8-fig24-4.conf");
    let p = protected(outbound(&c, "mymap", &tcp("10.0.0.1", "10.2.2.2")));
    assert_eq!(p.flow, (sel("10.0.0.1"), sel("10.2.2.2")));
    // Return traffic is evaluated as (src 10.2.2.2, dst 10.0.0.1): in clear it is dropped...
    let InboundDecision::Drop(r) = inbound(&c, "mymap", &tcp("10.2.2.2", "10.0.0.1")) else { panic!() };
    assert_eq!(r.cause, DropCause::ShouldHaveBeenEncrypted);
    // ...decrypted on the SA it is accepted, from 10.2.2.3 it is not.
    let sa = (sel("10.0.0.1"), sel("10.2.2.2"));
    assert!(matches!(
        check_decrypted(&c, &p.entry, Some(&sa), &tcp("10.2.2.2", "10.0.0.1")),
        PostDecrypt::Accept { .. }
    ));
    assert_eq!(
        check_decrypted(&c, &p.entry, Some(&sa), &tcp("10.2.2.3", "10.0.0.1")),
        PostDecrypt::Drop(PostDecryptDrop::OutsideSaSelectors)
    );
    assert_eq!(inbound(&c, "mymap", &tcp("10.2.2.3", "10.0.0.1")), InboundDecision::PassClear);
}

// ---------------------------------------------------------------------------------------------
// Site-to-site redundancy (000:948-952, 001:1296-1300; seeds-asa.md §4.3 vectors).

#[test]
fn redundancy_peers_in_configured_order_with_failover() {
    for name in ["asa8-redundancy.conf", "asa9-redundancy.conf"] {
        let c = config(name);
        let p = protected(outbound(&c, "mymap", &tcp("10.0.0.5", "10.1.1.9")));
        let peers: Vec<Peer> =
            ["192.168.1.100", "192.168.1.101", "192.168.1.102"].iter().map(|a| Peer::Address(ip(a))).collect();
        assert_eq!(p.peers, peers, "{name}");
        let entry = &c.map("mymap").expect("mymap").entries[0];
        let mut f = PeerFailover::for_entry(&entry.settings);
        assert_eq!(f.failed(), Handover::Next); // P1 times out
        f.succeeded(); // P2 answers: active
        assert_eq!(f.active(), Some(&peers[1]), "{name}");
        assert_eq!(f.current(), Some(&peers[1]), "{name}: later negotiations try P2 first");
        assert_eq!(f.failed(), Handover::Next);
        assert_eq!(f.current(), Some(&peers[2]), "{name}");
        assert_eq!(f.failed(), Handover::Next);
        assert_eq!(f.current(), Some(&peers[0]), "{name}: wrap to P1");
    }
}

// ---------------------------------------------------------------------------------------------
// ISAKMP policies: the guides' policy examples and vectors P1-P6 (seeds-asa.md §1.3).

#[test]
fn guide_policy_examples() {
    for name in ["asa8-ike-policy.conf", "asa9-ike-settings.conf"] {
        let c = config(name);
        let policies = crypto_map::eval::isakmp_policies(&c);
        assert_eq!(policies.len(), 1, "{name}: no default policy on ASA (000:103)");
        let p = policies[0].proposal;
        assert_eq!(
            (p.encryption, p.hash, p.authentication, p.group, p.lifetime),
            (DES, PrfAlgorithm::HmacMd5, AuthMethod::RsaSig, DhGroup::Modp1536, 14_400),
            "{name}"
        );
        // A peer offering the same suite with the default day-long lifetime: the shorter is used
        // and announced (DESIGN §3.5).
        let offer = IsakmpProposal { lifetime: 86_400, ..p };
        let m = match_isakmp_policy(&c, &[offer], LifetimeRule::Strict).expect("match");
        assert_eq!((m.lifetime, m.responder_lifetime), (14_400, Some(14_400)), "{name}");
        assert!(c.ike.aggressive_mode_disabled.is_some(), "{name}: am-disable");
        assert_eq!(c.ike.nat_traversal.as_ref().map(|s| s.value), Some(3600), "{name}");
    }
    assert_eq!(config("asa8-ike-policy.conf").ike.identity.value, IdentityKind::Auto);
    assert_eq!(config("asa9-ike-settings.conf").ike.identity.value, IdentityKind::Hostname);
}

fn asa(text: &str) -> Config {
    parse(text, ParseOptions::strict(Platform::Asa9)).unwrap_or_else(|e| panic!("{e}"))
}

fn policy(prio: u32, enc: &str, auth: &str, group: u32, life: u64) -> String {
    format!(
        "crypto ikev1 policy {prio}\n encryption {enc}\n hash sha\n authentication {auth}\n group {group}\n lifetime {life}\n"
    )
}

fn offer(
    enc: EncryptionAlgorithm,
    hash: PrfAlgorithm,
    auth: AuthMethod,
    group: DhGroup,
    lifetime: u64,
) -> IsakmpProposal {
    IsakmpProposal { encryption: enc, hash, authentication: auth, group, lifetime }
}

const SHA: PrfAlgorithm = PrfAlgorithm::HmacSha1;
const PSK: AuthMethod = AuthMethod::PreShare;
const G2: DhGroup = DhGroup::Modp1024;
const G5: DhGroup = DhGroup::Modp1536;

#[test]
fn p1_to_p6_policy_matching() {
    // P1: identical.
    let c = asa(&policy(10, "3des", "pre-share", 2, 86_400));
    let m = match_isakmp_policy(&c, &[offer(TDES, SHA, PSK, G2, 86_400)], LifetimeRule::Strict).expect("P1");
    assert_eq!((m.policy.priority, m.lifetime), (Some(10), 86_400));
    // P2: responder shorter: match, 14,400.
    let c = asa(&policy(10, "3des", "pre-share", 2, 14_400));
    let m = match_isakmp_policy(&c, &[offer(TDES, SHA, PSK, G2, 86_400)], LifetimeRule::Strict).expect("P2");
    assert_eq!(m.lifetime, 14_400);
    // P3: responder longer: no match by the literal rule; the lenient default takes 14,400.
    let c = asa(&policy(10, "3des", "pre-share", 2, 86_400));
    let p3 = [offer(TDES, SHA, PSK, G2, 14_400)];
    assert_eq!(match_isakmp_policy(&c, &p3, LifetimeRule::Strict), Err(NoPolicyMatch::NoneMatched));
    assert_eq!(match_isakmp_policy(&c, &p3, LifetimeRule::Lenient).expect("lenient").lifetime, 14_400);
    // P4: the responder's priority wins over the initiator's order.
    let c = asa(&(policy(10, "3des", "pre-share", 2, 86_400) + &policy(20, "aes", "pre-share", 5, 86_400)));
    let p4 = [offer(AES128, SHA, PSK, G5, 86_400), offer(TDES, SHA, PSK, G2, 86_400)];
    let m = match_isakmp_policy(&c, &p4, LifetimeRule::Lenient).expect("P4");
    assert_eq!((m.policy.priority, m.offer_index), (Some(10), 1));
    // P5: authentication differs: refused.
    let c = asa(&policy(10, "des", "pre-share", 1, 86_400).replace("hash sha", "hash md5"));
    let p5 = [offer(DES, PrfAlgorithm::HmacMd5, AuthMethod::RsaSig, DhGroup::Modp768, 86_400)];
    assert_eq!(match_isakmp_policy(&c, &p5, LifetimeRule::Lenient), Err(NoPolicyMatch::NoneMatched));
    // P6: a new configuration has no policy at all (000:103).
    let c = asa("hostname fresh\n");
    assert_eq!(match_isakmp_policy(&c, &p4, LifetimeRule::Lenient), Err(NoPolicyMatch::NoPolicies));
}

// ---------------------------------------------------------------------------------------------
// ASA 9.x IKEv2 bits.

#[test]
fn ikev2_fragmentation_and_gcm_proposal() {
    let c = config("asa9-ikev2-fragmentation.conf");
    assert_eq!(c.ike.ikev2_fragmentation_mtu.as_ref().map(|s| s.value), Some(600));
    assert_eq!(c.ike.ikev2_fragmentation_preferred.value, FragmentationMethod::Cisco);
    let c = config("asa9-inner-routing-lookup.conf");
    let gcm = c.ipsec_proposal("GCM").expect("GCM");
    assert!(gcm.integrity_null && gcm.integrity.is_empty());
    let offer = ChildOffer::from_ipsec_proposal(gcm);
    let esp = offer.esp.expect("ESP");
    assert!(esp.encryption.iter().all(|e| e.is_aead()) && esp.integrity.is_empty());
}

#[test]
fn asa9_ikev2_initiator_and_mirror_responder() {
    use crypto_map::model::IkeVersion;
    // The 9.x static map initiating with IKEv2 (`set ikev2 ipsec-proposal secure`) to a peer
    // configured as its mirror image: the peer picks one transform of each type from its own
    // list, most secure first (DESIGN §3.6): AES-128 over 3DES and DES.
    let left = config("asa9-static-map.conf");
    let right_text = config_text("asa9-static-map.conf").replace(
        "permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0",
        "permit ip 10.1.1.0 255.255.255.0 10.0.0.0 255.255.255.0",
    );
    let right = parse(&right_text, ParseOptions::strict(Platform::Asa9)).expect("mirror");
    let p = protected(outbound(&left, "mymap", &tcp("10.0.0.5", "10.1.1.9")));
    let proposals = p.proposals(IkeVersion::V2);
    assert_eq!(proposals.len(), 1);
    let mut req = request_from(&p, &proposals, "192.168.1.100");
    req.version = IkeVersion::V2;
    let acc = select_responder(&right, "mymap", &req).expect("IKEv2 child SA");
    assert_eq!(acc.transform_set, "secure");
    let esp = acc.esp.expect("ESP");
    assert_eq!((esp.encryption, esp.integrity, esp.dh_group), (Some(AES128), Some(SHA96), Some(DhGroup::Modp1024)));
    // IKEv2 keeps each side's own lifetime (001:122).
    assert_eq!((acc.lifetime, acc.responder_lifetime), (Lifetime::new(2700, 4_608_000), None));
}
