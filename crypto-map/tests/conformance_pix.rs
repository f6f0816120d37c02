//! The PIX guide's configurations (seed 004) and their stated behaviour (seeds-pix.md §8 P1-P12,
//! §9.2).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // test code

mod conformance_common;
use conformance_common as common;

use common::{config, esp, ip, protected, request, sel, tcp};
use crypto_map::eval::{
    Decision, EntryRole, InboundDecision, IsakmpProposal, LifetimeRule, OnMissingSa, Refusal, inbound, isakmp_policies,
    lookup_psk, manual_sas, match_isakmp_policy, outbound, select_responder,
};
use crypto_map::model::{AuthMethod, KeyDirection, Peer};
use ipsec_core::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::types::{Lifetime, SecurityProtocol, Spi};

const DES: EncryptionAlgorithm = EncryptionAlgorithm::DesCbc;
const TDES: EncryptionAlgorithm = EncryptionAlgorithm::TripleDesCbc;
const SHA96: IntegrityAlgorithm = IntegrityAlgorithm::HmacSha1_96;

#[test]
fn ipsec_with_ike_p1() {
    let c = config("pix-ipsec-ike.conf");
    let p = protected(outbound(&c, "mymap", &tcp("10.0.0.5", "10.1.1.9")));
    // Entry 10 wins over the dynamic reference 200 (004:561).
    assert_eq!((p.entry.seq, p.on_missing_sa), (10, OnMissingSa::Negotiate));
    assert_eq!(p.peers, [Peer::Address(ip("192.168.1.100"))]);
    assert_eq!(p.transform_sets, ["myset1", "myset2"]);
    assert_eq!(p.lifetime, Lifetime::new(2700, 4_608_000), "volume stays global (004:619)");
    assert_eq!(p.pfs, Some(DhGroup::Modp1024));
    // myset2 = AH-SHA + ESP-3DES-SHA: three transforms, two protocols (004:542-545).
    let myset2 = &p.ikev1_offers[1];
    assert_eq!(myset2.ah.as_ref().map(|a| a.integrity.clone()), Some(vec![SHA96]));
    assert_eq!(
        myset2.esp.as_ref().map(|e| (e.encryption.clone(), e.integrity.clone())),
        Some((vec![TDES], vec![SHA96]))
    );
    // Cleartext 10.1.1.y -> 10.0.0.x is dropped (004:291).
    assert!(matches!(inbound(&c, "mymap", &tcp("10.1.1.9", "10.0.0.5")), InboundDecision::Drop(_)));
    // A peer-initiated request may match entry 10 (its peer) or dyn1 10 (peer 192.168.1.102,
    // PFS group 1 demanded).
    let g2 = [esp(DES, Some(SHA96), Some(DhGroup::Modp1024), 2700)];
    let acc =
        select_responder(&c, "mymap", &request("192.168.1.100", "10.1.1.0/24", "10.0.0.0/24", &g2)).expect("entry 10");
    assert_eq!((acc.entry.seq, acc.entry.dynamic.clone()), (10, None));
    let g1 = [esp(DES, Some(SHA96), Some(DhGroup::Modp768), 28_800)];
    let acc =
        select_responder(&c, "mymap", &request("192.168.1.102", "10.1.1.0/24", "10.0.0.0/24", &g1)).expect("dyn1 10");
    assert_eq!(acc.entry.dynamic, Some(("dyn1".to_string(), 10)));
    assert_eq!((acc.lifetime, acc.pfs), (Lifetime::new(2700, 4_608_000), Some(DhGroup::Modp768)));
    let e = select_responder(&c, "mymap", &request("192.168.1.102", "10.1.1.0/24", "10.0.0.0/24", &g2))
        .expect_err("group 1 demanded");
    assert_eq!(e.refusal, Refusal::NoProposalChosen);
}

#[test]
fn manual_ipsec_p2() {
    let c = config("pix-manual.conf");
    let sas = manual_sas(&c, "mymaptwo", 30).expect("manual SAs");
    assert_eq!(sas.len(), 2, "ESP only: myset3 has no AH");
    for sa in &sas {
        assert_eq!(
            (sa.protocol, sa.spi),
            (SecurityProtocol::Esp, Spi(300)),
            "both ESP SAs use SPI 300 (004:867, 004:881)"
        );
        assert_eq!((sa.encryption, sa.integrity), (Some(DES), Some(SHA96)));
        assert_eq!(sa.encryption_key.as_ref().map(ipsec_core::SecretBytes::len), Some(8));
        assert_eq!(sa.integrity_key.as_ref().map(ipsec_core::SecretBytes::len), Some(20));
        assert_eq!(sa.peer, Peer::Address(ip("192.168.1.103")), "192.186.1.103 fixed (004:814)");
        assert_eq!((sa.lifetime, sa.anti_replay), (Lifetime::UNLIMITED, false));
        assert_eq!(sa.flow, (sel("10.0.0.0/24"), sel("10.1.1.0/24")));
    }
    // Matching traffic without an SA is dropped, IKE never invoked (004:178).
    let p = protected(outbound(&c, "mymaptwo", &tcp("10.0.0.5", "10.1.1.9")));
    assert_eq!((p.role, p.on_missing_sa), (EntryRole::Manual, OnMissingSa::Drop));
}

#[test]
fn ike_policies_p3_p11_and_keys_p4() {
    let c = config("pix-ike-policies.conf");
    let policies = isakmp_policies(&c);
    let prios: Vec<Option<u32>> = policies.iter().map(|p| p.priority).collect();
    assert_eq!(prios, [Some(20), Some(30), None], "20, 30, then the default suite (004:1152)");
    // Policy 30: pre-share and 10000 s, every other value the default (004:1161-1162, 004:1182-1187).
    let p30 = policies[1].proposal;
    assert_eq!(
        (p30.encryption, p30.hash, p30.authentication, p30.group, p30.lifetime),
        (DES, PrfAlgorithm::HmacSha1, AuthMethod::PreShare, DhGroup::Modp768, 10_000)
    );
    let offer = |enc, hash, auth, group, lifetime| IsakmpProposal {
        encryption: enc,
        hash,
        authentication: auth,
        group,
        lifetime,
    };
    // The responder's highest-priority policy that matches any offer wins (P11, 004:961-963).
    let offers = [
        offer(DES, PrfAlgorithm::HmacSha1, AuthMethod::PreShare, DhGroup::Modp768, 86_400),
        offer(DES, PrfAlgorithm::HmacMd5, AuthMethod::RsaSig, DhGroup::Modp1024, 86_400),
    ];
    let m = match_isakmp_policy(&c, &offers, LifetimeRule::Strict).expect("match");
    assert_eq!((m.policy.priority, m.offer_index, m.lifetime), (Some(20), 1, 5000));
    // Default suite offered (des/sha/rsa-sig/group 1/86400): matches the default.
    let default = [offer(DES, PrfAlgorithm::HmacSha1, AuthMethod::RsaSig, DhGroup::Modp768, 86_400)];
    assert_eq!(match_isakmp_policy(&c, &default, LifetimeRule::Strict).expect("default").policy.priority, None);
    // P11: responder lifetime longer than offered: strict refuses, lenient uses the shorter.
    let short = [offer(DES, PrfAlgorithm::HmacSha1, AuthMethod::PreShare, DhGroup::Modp768, 3600)];
    assert!(match_isakmp_policy(&c, &short, LifetimeRule::Strict).is_err());
    assert_eq!(match_isakmp_policy(&c, &short, LifetimeRule::Lenient).expect("lenient").lifetime, 3600);
    // P4: the peer's own key, the wildcard for everyone else (DESIGN §3.11).
    let key = |a: &str| lookup_psk(&c, ip(a), None, KeyDirection::Both).map(|k| k.key.expose().to_vec());
    assert_eq!(key("192.168.1.100"), Some(b"1234567890".to_vec()));
    assert_eq!(key("203.0.113.50"), Some(b"shared-by-all".to_vec()));
}

#[test]
fn mode_config_dynamic_map_p5() {
    let c = config("pix-mode-config.conf");
    assert_eq!(c.pools.len(), 1);
    assert_eq!((c.pools[0].start, c.pools[0].end), (ip("171.72.1.1"), ip("171.72.1.254")));
    let set = c.map("dyn").expect("static map dyn");
    assert_eq!(
        set.client_configuration_modes.iter().map(|(m, _)| m.as_str()).collect::<Vec<_>>(),
        ["initiate", "respond"]
    );
    // No set peer: any peer whose proposal fits ACL 103 and pc is accepted.
    let pc = [esp(DES, Some(IntegrityAlgorithm::HmacMd5_96), None, 28_800)];
    let acc =
        select_responder(&c, "dyn", &request("203.0.113.77", "172.21.1.9", "172.21.230.34", &pc)).expect("client");
    assert_eq!((acc.entry.dynamic.clone(), acc.transform_set.as_str()), (Some(("dyn".to_string(), 10)), "pc"));
    // Outbound traffic for the client without an SA is dropped (dynamic: never initiates).
    let p = protected(outbound(&c, "dyn", &tcp("172.21.230.34", "172.21.1.9")));
    assert_eq!(p.on_missing_sa, OnMissingSa::Drop);
    // The pool is outside ACL 103 (seeds-pix.md §12 item 13): traffic to a pushed address is
    // not protected.
    assert_eq!(outbound(&c, "dyn", &tcp("172.21.230.34", "171.72.1.5")), Decision::Bypass);
}

#[test]
fn ca_commands_are_skipped_with_notes_p12() {
    let c = config("pix-ca.conf");
    assert_eq!(c.hostname.as_deref(), Some("mypixfirewall"));
    assert_eq!(c.domain_name.as_deref(), Some("example.com"));
    assert!(c.notes.iter().any(|n| n.line == 13), "`ca authenticate` skipped with a note: {:?}", c.notes);
    assert!(c.maps.is_empty());
}

#[test]
fn figure_4_1_bidirectional_p6() {
    let c = config("pix-fig4-1.conf");
    let p = protected(outbound(&c, "mymap", &tcp("10.0.0.1", "20.0.0.2")));
    assert_eq!(p.flow, (sel("10.0.0.1"), sel("20.0.0.2")));
    assert!(matches!(inbound(&c, "mymap", &tcp("20.0.0.2", "10.0.0.1")), InboundDecision::Drop(_)));
    assert_eq!(inbound(&c, "mymap", &tcp("20.0.0.3", "10.0.0.1")), InboundDecision::PassClear);
    let key = lookup_psk(&c, ip("192.0.2.34"), None, KeyDirection::Both).expect("host key");
    assert_eq!(key.key.expose(), b"secret-fig41");
}
