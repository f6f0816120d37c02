//! The IOS-XE (seed 002) and IOS 11.3 (seed 003) configurations: the guides' step examples
//! and the reconstructed figures, with their stated behaviour (seeds-ios.md §9 C1-C11).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // test code

mod conformance_common;
use conformance_common as common;

use common::{config, esp, ip, offers_of, protected, request, request_from, sel, tcp};
use crypto_map::eval::{
    Decision, DropCause, EntryRole, InboundDecision, NoPolicyMatch, OnMissingSa, PostDecrypt, Refusal, Rejection,
    check_decrypted, inbound, local_address, manual_sas, match_ikev2_policy, outbound, select_responder,
};
use crypto_map::model::{DummyPackets, Peer};
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::types::{EncapsulationMode, Lifetime, Proposal, SecurityProtocol, Spi};
use policy_acl::Packet;

const DES: EncryptionAlgorithm = EncryptionAlgorithm::DesCbc;
const TDES: EncryptionAlgorithm = EncryptionAlgorithm::TripleDesCbc;
const AES128: EncryptionAlgorithm = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
const AES256: EncryptionAlgorithm = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256);
const SHA96: IntegrityAlgorithm = IntegrityAlgorithm::HmacSha1_96;
const MD596: IntegrityAlgorithm = IntegrityAlgorithm::HmacMd5_96;

// ---------------------------------------------------------------------------------------------
// IOS-XE (seed 002).

#[test]
fn iosxe_static_map_c1() {
    let c = config("iosxe-static-map.conf");
    let p = protected(outbound(&c, "static-map", &tcp("10.0.68.5", "10.1.1.9")));
    assert_eq!(p.entry.seq, 1);
    assert_eq!(p.peers, [Peer::Address(ip("192.168.101.1"))], "set-peer fixed to set peer (002:250)");
    // per-host: one SA set per host pair (002:259).
    assert!(p.per_host);
    assert_eq!(p.flow, (sel("10.0.68.5"), sel("10.1.1.9")));
    let other = protected(outbound(&c, "static-map", &tcp("10.0.68.5", "10.1.1.10")));
    assert_ne!(other.flow, p.flow);
    // 2700 s on the entry, the IOS default volume (003:486); PFS group 14 (002:262).
    assert_eq!(p.lifetime, Lifetime::new(2700, 4_608_000));
    assert_eq!(p.pfs, Some(DhGroup::Modp2048));
    // `mode transport` applies only to traffic between the peers themselves (002:168).
    assert_eq!(p.ikev1_offers[0].mode, EncapsulationMode::Tunnel);
    let offered = p.ikev1_offers[0].esp.clone().expect("ESP");
    assert_eq!(
        (offered.encryption, offered.integrity),
        (vec![AES256], vec![SHA96]),
        "esp-aes 256 esp-sha-hmac (002:167)"
    );
    let entry = &c.map("static-map").expect("map").entries[0];
    assert_eq!(entry.settings.dummy_packets.map(|(d, _)| d), Some(DummyPackets::Seconds(5)));
    // Responder: the peer's mirror request is accepted; a transport request for subnet hosts
    // gets no transport in IKEv1 (C1: transport only between the peers).
    let offers = [esp(AES256, Some(SHA96), Some(DhGroup::Modp2048), 3600)];
    let acc = select_responder(&c, "static-map", &request("192.168.101.1", "10.1.1.9", "10.0.68.5", &offers))
        .expect("accepted");
    assert_eq!((acc.transform_set.as_str(), acc.lifetime.seconds), ("aesset", Some(2700)));
    let mut transport = offers[0].clone();
    transport.mode = EncapsulationMode::Transport;
    let transport = [transport];
    let e = select_responder(&c, "static-map", &request("192.168.101.1", "10.1.1.9", "10.0.68.5", &transport))
        .expect_err("no transport for hosts behind the peers");
    assert!(e.rejections.iter().any(|(_, r)| *r == Rejection::ModeMismatch));
}

#[test]
fn iosxe_ikev2_proposal_c4() {
    let c = config("iosxe-ikev2-proposal.conf");
    let ours = Proposal {
        encryption: vec![AES128],
        integrity: vec![SHA96],
        prf: vec![PrfAlgorithm::HmacSha1],
        dh_groups: vec![DhGroup::Modp2048],
        esn: vec![],
    };
    let m = match_ikev2_policy(&c, &[ours]).expect("proposal-1 via policy-1");
    assert_eq!(m.policy.name.as_deref(), Some("proposal-1"));
    assert_eq!(m.selection.dh_group, Some(DhGroup::Modp2048));
    // With a policy configured, the default proposal is not used (002:120).
    let default_offer = Proposal {
        encryption: vec![TDES],
        integrity: vec![MD596],
        prf: vec![PrfAlgorithm::HmacMd5],
        dh_groups: vec![DhGroup::Modp1024],
        esn: vec![],
    };
    assert_eq!(match_ikev2_policy(&c, std::slice::from_ref(&default_offer)), Err(NoPolicyMatch::NoneMatched));
    // A device without IKEv2 policy uses the default proposal (002:105-109).
    let bare = config("iosxe-static-map.conf");
    let m = match_ikev2_policy(&bare, &[default_offer]).expect("default proposal");
    assert_eq!(m.policy.name.as_deref(), Some("default"));
}

#[test]
fn iosxe_dynamic_map_c2() {
    let c = config("iosxe-dynamic-map.conf");
    // Dynamic entries never initiate (003:908): a matching packet without an SA is dropped.
    let p = protected(outbound(&c, "static-map", &tcp("10.0.68.5", "10.1.1.9")));
    assert_eq!((p.role, p.on_missing_sa), (EntryRole::Dynamic, OnMissingSa::Drop));
    assert_eq!(p.entry.dynamic, Some(("test-map".to_string(), 1)));
    assert_eq!(p.lifetime, Lifetime::new(720, 4_608_000));
    // The peer the dynamic entry names, with PFS group 14: accepted.
    let offers = [esp(AES256, Some(SHA96), Some(DhGroup::Modp2048), 3600)];
    let acc = select_responder(&c, "static-map", &request("192.168.101.1", "10.1.1.0/24", "10.0.68.0/24", &offers))
        .expect("accepted");
    assert_eq!(acc.lifetime, Lifetime::new(720, 4_608_000));
    // The entry lists a peer: another address is refused (the list is honoured).
    let e = select_responder(&c, "static-map", &request("203.0.113.1", "10.1.1.0/24", "10.0.68.0/24", &offers))
        .expect_err("peer");
    assert_eq!(e.refusal, Refusal::PeerNotConfigured);
}

#[test]
fn iosxe_manual_sas_c3() {
    let c = config("iosxe-manual.conf");
    assert_eq!(local_address(&c, "mymap"), Some(ip("10.0.0.1")), "local-address loopback0 (002:439)");
    let sas = manual_sas(&c, "mymap", 10).expect("manual SAs");
    assert_eq!(sas.len(), 4, "AH and ESP, inbound and outbound");
    for sa in &sas {
        assert_eq!(sa.spi, Spi(256), "SPI 256 both ways (002:392-393)");
        assert_eq!(sa.peer, Peer::Address(ip("10.0.0.5")));
        assert_eq!((sa.lifetime, sa.anti_replay), (Lifetime::UNLIMITED, false));
        assert_eq!(sa.flow, (sel("10.0.68.0/24"), sel("10.1.1.0/24")));
    }
    let ah_in = sas.iter().find(|s| s.inbound && s.protocol == SecurityProtocol::Ah).expect("AH in");
    assert_eq!(ah_in.integrity, Some(MD596));
    assert_eq!(ah_in.integrity_key.as_ref().map(ipsec_core::SecretBytes::len), Some(16));
    let esp_out = sas.iter().find(|s| !s.inbound && s.protocol == SecurityProtocol::Esp).expect("ESP out");
    assert_eq!((esp_out.encryption, esp_out.integrity), (Some(DES), None));
    assert_eq!(
        esp_out.encryption_key.as_ref().map(|k| k.expose().to_vec()),
        Some(vec![0xab, 0xcd, 0xef, 0xab, 0xcd, 0xef, 0xab, 0xcd])
    );
    // No SA -> drop, never negotiate (003:408).
    let p = protected(outbound(&c, "mymap", &tcp("10.0.68.5", "10.1.1.9")));
    assert_eq!((p.role, p.on_missing_sa), (EntryRole::Manual, OnMissingSa::Drop));
    // Manual entries are never negotiated (003:552).
    let offers = [esp(DES, None, None, 3600)];
    let e = select_responder(&c, "mymap", &request("10.0.0.5", "10.1.1.0/24", "10.0.68.0/24", &offers))
        .expect_err("manual");
    assert_eq!(e.rejections[0].1, Rejection::NotNegotiated);
}

// ---------------------------------------------------------------------------------------------
// IOS 11.3 (seed 003).

#[test]
fn figure_2_one_list_both_directions_c5() {
    let a = config("ios113-fig2-router-a.conf");
    let b = config("ios113-fig2-router-b.conf");
    let p = protected(outbound(&a, "mymap", &tcp("10.0.0.1", "20.0.0.2")));
    assert_eq!(p.flow, (sel("10.0.0.1"), sel("20.0.0.2")));
    // Entering A: evaluated reversed; in clear it is dropped (003:604).
    let InboundDecision::Drop(r) = inbound(&a, "mymap", &tcp("20.0.0.2", "10.0.0.1")) else { panic!() };
    assert_eq!(r.cause, DropCause::ShouldHaveBeenEncrypted);
    // Router B, the mirror image, accepts A's request, and B's return traffic passes A's check.
    let proposals = offers_of(&p);
    let acc = select_responder(&b, "mymap", &request_from(&p, &proposals, "192.0.2.1")).expect("B accepts");
    assert_eq!((acc.entry.seq, acc.transform_set.as_str()), (10, "myset"));
    assert_eq!(acc.lifetime, Lifetime::IOS_DEFAULT);
    assert!(matches!(
        check_decrypted(&a, &p.entry, Some(&p.flow), &tcp("20.0.0.2", "10.0.0.1")),
        PostDecrypt::Accept { .. }
    ));
}

#[test]
fn figure_3_subset_accepted_superset_refused_c6() {
    let a = config("ios113-fig3-router-a.conf");
    let b = config("ios113-fig3-router-b.conf");
    // Case 3: A initiates for its specific flows, subsets of B's permit: accepted.
    let p = protected(outbound(&a, "mymap", &tcp("10.0.1.10", "10.0.2.20")));
    let proposals = offers_of(&p);
    assert!(select_responder(&b, "mymap", &request_from(&p, &proposals, "192.0.2.5")).is_ok());
    let telnet = Packet::ported(ip("10.0.1.11"), ip("10.0.2.7"), 6, 40000, 23);
    let p = protected(outbound(&a, "mymap", &telnet));
    assert_eq!(p.flow.1.protocol().0, 6);
    assert_eq!((p.flow.1.start_port(), p.flow.1.end_port()), (23, 23));
    let proposals = offers_of(&p);
    assert!(select_responder(&b, "mymap", &request_from(&p, &proposals, "192.0.2.5")).is_ok(), "a port-level subset");
    // Case 4: B initiates for all of Subnet Y <-> Subnet X, a superset of A's permits: refused.
    let q = protected(outbound(&b, "mymap", &tcp("10.0.2.20", "10.0.1.10")));
    let proposals = offers_of(&q);
    let e = select_responder(&a, "mymap", &request_from(&q, &proposals, "192.0.2.6")).expect_err("superset");
    assert_eq!(e.refusal, Refusal::InvalidIdInformation);
}

#[test]
fn per_host_gives_separate_sa_sets_c7() {
    let c = config("ios113-per-host.conf");
    let ab = protected(outbound(&c, "mymap", &tcp("10.0.0.1", "10.1.1.2")));
    let ac = protected(outbound(&c, "mymap", &tcp("10.0.0.1", "10.1.1.3")));
    assert_eq!(ab.flow, (sel("10.0.0.1"), sel("10.1.1.2")));
    assert_eq!(ac.flow, (sel("10.0.0.1"), sel("10.1.1.3")));
    // Without per-host one SA set covers both (003:863).
    let mut plain = c.clone();
    plain.maps[0].entries[0].settings.per_host = None;
    let p = protected(outbound(&plain, "mymap", &tcp("10.0.0.1", "10.1.1.2")));
    assert_eq!(p.flow, (sel("10.0.0.0/24"), sel("10.1.1.0/24")));
}

#[test]
fn legacy_rfc1829_manual_sa() {
    let c = config("ios113-legacy-manual.conf");
    let sas = manual_sas(&c, "mymap", 20).expect("manual SAs");
    assert_eq!(sas.len(), 2);
    for sa in &sas {
        assert_eq!((sa.protocol, sa.encryption, sa.integrity), (SecurityProtocol::Esp, Some(DES), None));
        assert_eq!(sa.iv_size, Some(4), "initialization-vector size 4 (003:665)");
        assert!(!sa.anti_replay, "RFC 1829 ESP: no anti-replay (003:314)");
    }
    assert_eq!(sas.iter().map(|s| (s.inbound, s.spi)).collect::<Vec<_>>(), [(true, Spi(300)), (false, Spi(301))]);
}

#[test]
fn dynamic_entries_c11() {
    let c = config("ios113-dynamic.conf");
    // The static entry first: negotiates.
    let p = protected(outbound(&c, "mymap", &tcp("10.0.0.5", "10.5.5.5")));
    assert_eq!((p.entry.seq, p.on_missing_sa), (10, OnMissingSa::Negotiate));
    // dynmap 10 (with a list): protects, never initiates.
    let p = protected(outbound(&c, "mymap", &tcp("10.0.0.5", "10.6.1.1")));
    assert_eq!((p.entry.dynamic.clone(), p.on_missing_sa), (Some(("dynmap".to_string(), 10)), OnMissingSa::Drop));
    // dynmap 20 has no list: ignored in traffic filtering (003:966).
    assert_eq!(outbound(&c, "mymap", &tcp("10.0.0.5", "10.7.7.7")), Decision::Bypass);
    // Responder: dynmap 20 accepts any flow from any peer (003:937)...
    let des = [esp(DES, Some(SHA96), None, 3600)];
    let acc =
        select_responder(&c, "mymap", &request("203.0.113.5", "10.7.7.0/24", "10.0.0.0/24", &des)).expect("any flow");
    assert_eq!((acc.entry.dynamic.clone(), acc.ace), (Some(("dynmap".to_string(), 20)), None));
    // ...a flow inside dynmap 10's permit with its set goes to dynmap 10,
    let tdes = [esp(TDES, Some(SHA96), None, 3600)];
    let acc =
        select_responder(&c, "mymap", &request("203.0.113.5", "10.6.1.0/24", "10.0.0.0/24", &tdes)).expect("dynmap 10");
    assert_eq!(acc.entry.dynamic, Some(("dynmap".to_string(), 10)));
    // ...and one inside it with a set only dynmap 20 has falls through to dynmap 20.
    let acc =
        select_responder(&c, "mymap", &request("203.0.113.5", "10.6.1.0/24", "10.0.0.0/24", &des)).expect("dynmap 20");
    assert_eq!(acc.entry.dynamic, Some(("dynmap".to_string(), 20)));
    // A list that does not exist drops every packet (003:937).
    let c = config("ios113-dynamic-missing-acl.conf");
    let Decision::Drop(r) = outbound(&c, "mymap", &tcp("10.0.0.5", "10.9.9.9")) else { panic!() };
    assert_eq!(r.cause, DropCause::AclNotDefined("199".into()));
    assert!(select_responder(&c, "mymap", &request("203.0.113.5", "10.7.7.0/24", "10.0.0.0/24", &des)).is_err());
}
