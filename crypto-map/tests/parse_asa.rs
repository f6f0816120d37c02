//! ASA 8.x and 9.x parsing, with the fragments of the ASA inventory
//! (`shared/spec/seeds-asa.md` §9).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use core::net::{IpAddr, Ipv4Addr};

use crypto_map::model::{
    AuthMethod, Config, ConnectionType, DfBit, EntryKind, FragmentationMethod, IdentityKind, IkeVersion, KeyDirection,
    KeyScope, Peer, Phase1Mode, Platform, Setting, Transform,
};
use crypto_map::parse::{Mode, ParseErrorKind, ParseOptions, parse, parse_lossy};
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::types::{EncapsulationMode, Lifetime};

fn asa8(text: &str) -> Config {
    parse(text, ParseOptions::strict(Platform::Asa8)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn asa9(text: &str) -> Config {
    parse(text, ParseOptions::strict(Platform::Asa9)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn v4(s: &str) -> IpAddr {
    IpAddr::V4(s.parse::<Ipv4Addr>().unwrap())
}

/// §9.1: the guide's one-line policy commands (000:122-160) and the running-config block.
#[test]
fn asa8_isakmp_policy_one_line_and_block() {
    let c = asa8(
        "\
hostname(config)# isakmp policy 2 encryption des
hostname(config)# isakmp policy 2 hash md5
hostname(config)# isakmp policy 2 authentication rsa-sig
hostname(config)# isakmp policy 2 group 5
hostname(config)# isakmp policy 2 lifetime 14400
crypto isakmp policy 9
 encryption aes
",
    );
    assert_eq!(c.isakmp_policies.len(), 2, "ASA has no built-in default suite (000:103)");
    let p = &c.isakmp_policies[0];
    assert_eq!(p.encryption, Setting::configured(EncryptionAlgorithm::DesCbc, 1));
    assert_eq!(p.hash, Setting::configured(PrfAlgorithm::HmacMd5, 2));
    assert_eq!(p.authentication, Setting::configured(AuthMethod::RsaSig, 3));
    assert_eq!(p.group, Setting::configured(DhGroup::Modp1536, 4));
    assert_eq!(p.lifetime, Setting::configured(14_400, 5));
    // `isakmp policy 9 encryption aes` shows all attributes with the ASA defaults (000:119).
    let q = &c.isakmp_policies[1];
    assert_eq!(q.encryption.value, EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128));
    assert_eq!(q.hash, Setting::default_value(PrfAlgorithm::HmacSha1));
    assert_eq!(q.authentication, Setting::default_value(AuthMethod::PreShare));
    assert_eq!(q.group, Setting::default_value(DhGroup::Modp1024));
    assert_eq!(q.lifetime, Setting::default_value(86_400));
}

/// §9.2: global IKE settings (000:177, 000:196, 000:234, 000:267).
#[test]
fn asa8_global_ike_settings() {
    let c = asa8(
        "\
isakmp enable outside
isakmp am-disable
isakmp identity auto
isakmp nat-traversal 3600
isakmp reload-wait
isakmp disconnect-notify
isakmp ctcp port 45
",
    );
    assert_eq!(c.ike.enabled_on, [("outside".into(), IkeVersion::V1, 1)]);
    assert_eq!(c.ike.aggressive_mode_disabled, Some(2));
    assert_eq!(c.ike.identity, Setting::configured(IdentityKind::Auto, 3));
    assert_eq!(c.ike.nat_traversal, Some(Setting::configured(3600, 4)));
    assert_eq!(c.notes.len(), 3);
    // Defaults: hostname identity on 8.x (000:218), NAT-T off (000:239).
    let d = asa8("");
    assert_eq!(d.ike.identity, Setting::default_value(IdentityKind::Hostname));
    assert_eq!(d.ike.nat_traversal, None);
    assert!(d.isakmp_policies.is_empty());
    assert_eq!(d.sa_lifetime, Setting::default_value(Lifetime::new(28_800, 4_608_000)));
}

/// §9.4: the basic static and dynamic maps of 000:719-945.
#[test]
fn asa8_static_and_dynamic_maps() {
    let c = asa8(
        "\
access-list 101 permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0
crypto ipsec transform-set myset1 esp-des esp-sha-hmac
crypto ipsec transform-set myset2 esp-3des esp-sha-hmac
crypto ipsec transform-set aes_set esp-md5-hmac esp-aes-256
crypto map mymap 10 match address 101
crypto map mymap 10 set peer 192.168.1.100
crypto map mymap 10 set transform-set myset1 myset2
crypto map mymap 10 set security-association lifetime seconds 2700
crypto map mymap 10 set pfs group2
crypto map mymap 200 ipsec-isakmp dynamic dyn1
crypto map mymap interface outside
crypto dynamic-map dyn1 10 match address 101
crypto dynamic-map dyn1 10 set transform-set myset1 myset2
crypto dynamic-map dyn1 10 set security-association lifetime seconds 2700
crypto dynamic-map dyn1 10 set pfs group5
",
    );
    // Order-insensitive: the authenticator comes first in the guide (000:744).
    assert_eq!(
        c.transform_set("aes_set").unwrap().transforms,
        [
            Transform::EspIntegrity(IntegrityAlgorithm::HmacMd5_96),
            Transform::EspEncryption(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256))
        ]
    );
    let m = c.map("mymap").unwrap();
    assert_eq!(m.entries.iter().map(|e| e.seq).collect::<Vec<_>>(), [10, 200]);
    let s = &m.entries[0].settings;
    assert_eq!(m.entries[0].kind, EntryKind::IpsecIsakmp);
    assert_eq!(m.entries[0].line, 5, "created by its first line");
    assert_eq!(s.peers, [(Peer::Address(v4("192.168.1.100")), 6)]);
    assert_eq!(s.transform_sets, [("myset1".into(), 7), ("myset2".into(), 7)]);
    assert_eq!(s.lifetime.unwrap().0.seconds, Some(2700));
    assert_eq!(s.pfs, Some(Setting::configured(DhGroup::Modp1024, 9)));
    assert_eq!(m.entries[1].kind, EntryKind::Dynamic { dynamic_map: "dyn1".into(), discover: false });
    assert_eq!((c.bindings[0].map.as_str(), c.bindings[0].interface.as_str()), ("mymap", "outside"));
    let d = c.dynamic_map("dyn1").unwrap();
    assert_eq!(d.entries[0].settings.pfs.as_ref().unwrap().value, DhGroup::Modp1536);
}

#[test]
fn bare_set_pfs_is_group2_on_asa() {
    let c = asa8("crypto map m 10 set pfs\n");
    assert_eq!(c.map("m").unwrap().entries[0].settings.pfs, Some(Setting::default_value(DhGroup::Modp1024)));
}

#[test]
fn asa8_group7_is_unsupported() {
    let text = "crypto map m 10 set pfs group7\nisakmp policy 1 group 7\n";
    let err = parse(text, ParseOptions::strict(Platform::Asa8)).unwrap_err();
    assert_eq!(err.0.len(), 2);
    assert!(matches!(err.0[0].kind, ParseErrorKind::Unsupported { .. }));
    let (c, errors) = parse_lossy(text, ParseOptions { platform: Some(Platform::Asa8), mode: Mode::Lenient });
    assert!(errors.is_empty());
    assert_eq!(c.warnings.len(), 2);
    assert_eq!(c.isakmp_policies[0].group, Setting::default_value(DhGroup::Modp1024));
}

/// §9.1 (9.x form, 001:135-189) and the IKEv2 policy table (001:210-234).
#[test]
fn asa9_ikev1_and_ikev2_policies() {
    let c = asa9(
        "\
crypto ikev1 policy 1
 authentication rsa-sig
 encryption des
 hash md5
 group 5
 lifetime 14400
crypto ikev2 policy 10
 encryption aes-256 aes-gcm-256
 integrity sha256 sha
 group 14 19
 prf sha256
 lifetime seconds 43200
crypto ikev2 policy 20
 encryption aes-gcm
 integrity null
crypto ikev2 policy 30
",
    );
    assert_eq!(c.isakmp_policies[0].lifetime.value, 14_400);
    let p = &c.ikev2_policies[0];
    assert_eq!(p.priority, Some(10));
    assert_eq!(
        p.encryption,
        [
            EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
            EncryptionAlgorithm::AesGcm(AesKeyLen::Aes256, GcmIcvLen::Icv16)
        ]
    );
    assert_eq!(p.integrity, [IntegrityAlgorithm::HmacSha2_256_128, IntegrityAlgorithm::HmacSha1_96]);
    assert_eq!(p.groups, [DhGroup::Modp2048, DhGroup::Ecp256]);
    assert_eq!(p.prf, [PrfAlgorithm::HmacSha2_256]);
    assert_eq!(p.lifetime, Setting::configured(43_200, 12));
    assert!(!p.defaulted.encryption && !p.defaulted.integrity);
    let n = &c.ikev2_policies[1];
    assert!(n.integrity.is_empty() && !n.defaulted.integrity, "integrity null stays empty");
    assert!(n.defaulted.prf && n.defaulted.groups);
    let d = &c.ikev2_policies[2];
    assert_eq!(d.encryption, [EncryptionAlgorithm::TripleDesCbc]);
    assert_eq!(d.integrity, [IntegrityAlgorithm::HmacSha1_96]);
    assert_eq!(d.groups, [DhGroup::Modp1024]);
    assert!(d.defaulted.encryption && d.defaulted.integrity && d.defaulted.prf && d.defaulted.groups);
}

#[test]
fn asa9_enable_nat_t_identity() {
    let c = asa9(
        "\
crypto ikev1 enable outside
crypto ikev2 enable outside client-services port 443
crypto ikev1 am-disable
crypto isakmp identity hostname
no crypto isakmp nat-traversal
",
    );
    assert_eq!(c.ike.enabled_on, [("outside".into(), IkeVersion::V1, 1), ("outside".into(), IkeVersion::V2, 2)]);
    assert_eq!(c.ike.aggressive_mode_disabled, Some(3));
    assert_eq!(c.ike.identity.value, IdentityKind::Hostname);
    assert_eq!(c.ike.nat_traversal, None);
    // 9.x defaults: `auto` identity (001:273), NAT-T on with 20 s ([EXT]).
    let d = asa9("");
    assert_eq!(d.ike.identity, Setting::default_value(IdentityKind::Auto));
    assert_eq!(d.ike.nat_traversal, Some(Setting::default_value(20)));
}

/// §9.3: the IKEv2 fragmentation examples (001:366-412).
#[test]
fn asa9_ikev2_fragmentation() {
    let c = asa9("no crypto ikev2 fragmentation\n");
    assert_eq!(c.ike.ikev2_fragmentation_disabled, Some(1));
    let c = asa9("no crypto ikev2 fragmentation\ncrypto ikev2 fragmentation\n");
    assert_eq!(c.ike.ikev2_fragmentation_disabled, None);
    let c = asa9("crypto ikev2 fragmentation mtu 576 preferred-method ietf\n");
    assert_eq!(c.ike.ikev2_fragmentation_mtu, Some(Setting::configured(576, 1)));
    assert_eq!(c.ike.ikev2_fragmentation_preferred.value, FragmentationMethod::Ietf);
    let c = asa9("crypto ikev2 fragmentation mtu 600\nno crypto ikev2 fragmentation mtu 576\n");
    assert_eq!(c.ike.ikev2_fragmentation_mtu, None);
    let c = asa9("crypto ikev2 fragmentation preferred-method cisco\n");
    assert_eq!(c.ike.ikev2_fragmentation_preferred, Setting::configured(FragmentationMethod::Cisco, 1));
    let c = asa9(
        "crypto ikev2 fragmentation preferred-method cisco\nno crypto ikev2 fragmentation preferred-method cisco\n",
    );
    assert_eq!(c.ike.ikev2_fragmentation_preferred.value, FragmentationMethod::Ietf);
    for bad in ["crypto ikev2 fragmentation mtu 67\n", "crypto ikev2 fragmentation mtu 1501\n"] {
        let e = parse(bad, ParseOptions::strict(Platform::Asa9)).unwrap_err();
        assert!(matches!(e.0[0].kind, ParseErrorKind::OutOfRange { min: 68, max: 1500, .. }), "{bad}");
        assert_eq!(e.0[0].column, 32);
    }
}

/// The 9.x transform sets, IKEv2 IPsec proposals (001:955-1015) and map commands
/// (001:1028-1167).
#[test]
fn asa9_transform_sets_proposals_and_entry_settings() {
    let c = asa9(
        "\
crypto ipsec ikev1 transform-set myset1 esp-des esp-sha-hmac
crypto ipsec ikev1 transform-set tset esp-aes-192 esp-none
crypto ipsec ikev1 transform-set tset mode transport
crypto ipsec ikev2 ipsec-proposal secure
 protocol esp encryption 3des aes des
 protocol esp integrity sha-1 sha-256
crypto ipsec ikev2 ipsec-proposal GCM
protocol esp encryption aes-gcm
protocol esp integrity null
crypto map mymap 10 match address 101
crypto map mymap 10 set peer 192.168.1.100 192.168.1.101
crypto map mymap 10 set ikev1 transform-set myset1 tset
crypto map mymap 10 set ikev2 ipsec-proposal secure GCM
crypto map mymap 10 set ikev2 mode transport-require
crypto map mymap 10 set security-association lifetime seconds 2700 kilobytes unlimited
crypto map mymap 10 set reverse-route dynamic
crypto map mymap 10 set connection-type answer-only
crypto map mymap 10 set nat-t-disable
crypto map mymap 10 set phase1-mode aggressive group2
crypto map mymap 10 set df-bit clear-df
crypto map mymap 10 set tfc-packets burst auto payload-size 1000 timeout auto
crypto map mymap 10 set validate-icmp-errors
crypto map mymap 10 set pfs group14
crypto map mymap 10 set inheritance rule
",
    );
    let t = c.transform_set("tset").unwrap();
    assert_eq!(t.transforms[1], Transform::EspNone);
    assert_eq!(t.mode, Setting::configured(EncapsulationMode::Transport, 3));
    let secure = c.ipsec_proposal("secure").unwrap();
    assert_eq!(secure.encryption.len(), 3);
    assert_eq!(secure.integrity, [IntegrityAlgorithm::HmacSha1_96, IntegrityAlgorithm::HmacSha2_256_128]);
    let gcm = c.ipsec_proposal("GCM").unwrap();
    assert!(gcm.integrity.is_empty() && gcm.integrity_null);
    let s = &c.map("mymap").unwrap().entries[0].settings;
    assert_eq!(s.peers.len(), 2);
    assert_eq!(s.transform_sets.len(), 2);
    assert_eq!(s.ikev2_proposals.len(), 2);
    assert_eq!(s.ikev2_mode, Some((EncapsulationMode::Transport, true, 14)));
    let l = s.lifetime.unwrap().0;
    assert_eq!((l.seconds, l.kilobytes, l.kilobytes_unlimited), (Some(2700), None, true));
    assert_eq!(s.reverse_route, Some((true, 16)));
    assert_eq!(s.connection_type, Some((ConnectionType::AnswerOnly, 17)));
    assert_eq!(s.nat_t_disable, Some(18));
    assert_eq!(s.phase1_mode, Some((Phase1Mode::Aggressive(Some(DhGroup::Modp1024)), 19)));
    assert_eq!(s.df_bit, Some((DfBit::Clear, 20)));
    assert_eq!(s.tfc_packets, Some(("burst auto payload-size 1000 timeout auto".into(), 21)));
    assert_eq!(s.validate_icmp_errors, Some(22));
    assert_eq!(s.pfs.as_ref().unwrap().value, DhGroup::Modp2048);
    assert!(c.notes.iter().any(|n| n.line == 24));
}

/// The guide's own `set pfs group15` (001:1133) is not a 9.x group (001:604).
#[test]
fn asa9_pfs_group15_is_rejected_strictly() {
    let text = "crypto map mymap 10 set pfs group15\n";
    let e = parse(text, ParseOptions::strict(Platform::Asa9)).unwrap_err();
    assert_eq!((e.0[0].line, e.0[0].column), (1, 29));
    assert!(
        matches!(&e.0[0].kind, ParseErrorKind::NotOnPlatform { what: "PFS group", value, .. } if value == "group15")
    );
    let (c, errs) = parse_lossy(text, ParseOptions { platform: Some(Platform::Asa9), mode: Mode::Lenient });
    assert!(errs.is_empty());
    assert_eq!(c.map("mymap").unwrap().entries[0].settings.pfs.as_ref().unwrap().value, DhGroup::Modp3072);
}

#[test]
fn tunnel_group_keys() {
    let c = asa9(
        "\
tunnel-group 10.0.0.2 type ipsec-l2l
tunnel-group 10.0.0.2 general-attributes
 default-group-policy GP
tunnel-group 10.0.0.2 ipsec-attributes
 ikev1 pre-shared-key v1secret
 ikev2 local-authentication pre-shared-key hex 0a0b0c
 ikev2 remote-authentication pre-shared-key 8 ENCRYPTED
 peer-id-validate nocheck
tunnel-group 10.0.0.3 ipsec-attributes
 ikev1 pre-shared-key *****
",
    );
    assert_eq!(c.tunnel_groups[0].kind, Some(("ipsec-l2l".into(), 1)));
    let k: Vec<(&KeyScope, KeyDirection, &[u8], bool)> =
        c.keys.iter().map(|k| (&k.scope, k.direction, k.key.expose(), k.stored_encrypted)).collect();
    let g = KeyScope::TunnelGroup("10.0.0.2".into());
    assert_eq!(
        k[..3],
        [
            (&g, KeyDirection::Both, &b"v1secret"[..], false),
            (&g, KeyDirection::Local, &[0x0a, 0x0b, 0x0c][..], false),
            (&g, KeyDirection::Remote, &b"ENCRYPTED"[..], true),
        ]
    );
    assert!(c.keys[3].is_masked() && !c.keys[0].is_masked());
    // 8.x `pre-shared-key`.
    let c8 = asa8("tunnel-group 10.0.0.2 ipsec-attributes\n pre-shared-key cisco\n");
    assert_eq!(c8.keys[0].key.expose(), b"cisco");
}

#[test]
fn asa_interfaces_nameif_and_addresses() {
    let c = asa9(
        "\
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 209.165.200.225 255.255.255.224 standby 209.165.200.226
!
interface GigabitEthernet0/1
 nameif inside
 security-level 100
 ip address 10.0.0.1 255.255.255.0
",
    );
    assert_eq!(c.interface_names.len(), 2);
    assert_eq!(c.interface_names[0].security_level, Some(0));
    assert_eq!(c.interface_address("outside").unwrap().address, v4("209.165.200.225"));
    assert_eq!(c.interface_address("GigabitEthernet0/1").unwrap().address, v4("10.0.0.1"));
}

#[test]
fn asa_extended_acls_and_object_groups_go_to_policy_acl() {
    let c = asa9(
        "\
object-group network LOCAL
 network-object 10.0.0.0 255.255.255.0
access-list outside_cryptomap extended permit ip object-group LOCAL 10.1.1.0 255.255.255.0
crypto map outside_map 1 match address outside_cryptomap
",
    );
    let acl = c.acls.get("outside_cryptomap").unwrap();
    assert_eq!(acl.aces().count(), 1);
    assert!(c.acls.object_group("LOCAL").is_some());
}

#[test]
fn asa9_dynamic_map_ikev2() {
    let c = asa9(
        "\
crypto dynamic-map dyn1 10 set ikev2 ipsec-proposal secure
crypto dynamic-map dyn1 10 set ikev1 transform-set myset1 myset2
crypto dynamic-map dyn1 10 set security-association lifetime kilobytes unlimited
crypto map mymap 200 ipsec-isakmp dynamic dyn1
",
    );
    let s = &c.dynamic_map("dyn1").unwrap().entries[0].settings;
    assert_eq!(s.ikev2_proposals.len(), 1);
    assert_eq!(s.transform_sets.len(), 2);
    assert!(s.lifetime.unwrap().0.kilobytes_unlimited);
}

/// A whole ASA 9.x running configuration with the lines ASDM writes around the IPsec ones.
#[test]
fn a_real_asa9_running_configuration() {
    let c = asa9(
        "\
: Saved
:
: Serial Number: FCH0000X000
: Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)
:
ASA Version 9.8(4)
!
hostname fw
domain-name example.com
enable password ***** pbkdf2
names
!
interface GigabitEthernet1/1
 nameif outside
 security-level 0
 ip address 203.0.113.1 255.255.255.0
!
interface GigabitEthernet1/2
 nameif inside
 security-level 100
 ip address 10.0.0.1 255.255.255.0
!
ftp mode passive
object network LOCAL
 subnet 10.0.0.0 255.255.255.0
object network REMOTE
 subnet 10.1.0.0 255.255.0.0
access-list outside_cryptomap extended permit ip object LOCAL object REMOTE
nat (inside,outside) source static LOCAL LOCAL destination static REMOTE REMOTE no-proxy-arp route-lookup
route outside 0.0.0.0 0.0.0.0 203.0.113.254 1
crypto ipsec ikev1 transform-set ESP-AES-256-SHA esp-aes-256 esp-sha-hmac
crypto ipsec ikev2 ipsec-proposal AES256
 protocol esp encryption aes-256
 protocol esp integrity sha-256 sha-1
crypto ipsec security-association pmtu-aging infinite
crypto map outside_map 1 match address outside_cryptomap
crypto map outside_map 1 set peer 198.51.100.2
crypto map outside_map 1 set ikev1 transform-set ESP-AES-256-SHA
crypto map outside_map 1 set ikev2 ipsec-proposal AES256
crypto map outside_map interface outside
crypto ca trustpoint _SmartCallHome_ServerCA
 no validation-usage
 crl configure
crypto ca trustpool policy
crypto ca certificate chain _SmartCallHome_ServerCA
 certificate ca 0509
    30820492 3082037a a0030201 02021005 09
  quit
crypto ikev2 policy 1
 encryption aes-256
 integrity sha256
 group 14
 prf sha256
 lifetime seconds 86400
crypto ikev2 enable outside
crypto ikev1 enable outside
crypto ikev1 policy 10
 authentication crack
 encryption aes-256
 hash sha
 group 2
 lifetime 86400
crypto ikev1 policy 20
 authentication pre-share
 encryption aes-256
 hash sha
 group 14
 lifetime 86400
telnet timeout 5
ssh stricthostkeycheck
group-policy GroupPolicy_198.51.100.2 internal
group-policy GroupPolicy_198.51.100.2 attributes
 vpn-tunnel-protocol ikev1 ikev2
tunnel-group 198.51.100.2 type ipsec-l2l
tunnel-group 198.51.100.2 general-attributes
 default-group-policy GroupPolicy_198.51.100.2
tunnel-group 198.51.100.2 ipsec-attributes
 ikev1 pre-shared-key *****
 ikev2 remote-authentication pre-shared-key *****
 ikev2 local-authentication pre-shared-key *****
!
class-map inspection_default
 match default-inspection-traffic
!
policy-map global_policy
 class inspection_default
  inspect ftp
!
service-policy global_policy global
Cryptochecksum:0123456789abcdef0123456789abcdef
: end
",
    );
    assert_eq!(c.isakmp_policies[0].authentication.value, AuthMethod::Crack);
    assert_eq!(c.keys.len(), 3);
    assert!(c.keys.iter().all(crypto_map::model::PreSharedKey::is_masked));
    assert_eq!(c.map("outside_map").unwrap().entries[0].settings.ikev2_proposals.len(), 1);
    assert_eq!(c.interface_address("outside").unwrap().address, v4("203.0.113.1"));
    assert_eq!(crypto_map::parse::detect_platform("ASA Version 9.8(4)\n"), Platform::Asa9);
}
