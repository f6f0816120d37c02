//! PIX 6.x parsing, with the worked configurations of the PIX inventory
//! (`shared/spec/seeds-pix.md` §8, P1-P5).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use core::net::{IpAddr, Ipv4Addr};

use crypto_map::model::{AuthMethod, Config, EntryKind, IkeVersion, KeyScope, Platform, Setting, Transform};
use crypto_map::parse::{Expected, HexProblem, Mode, ParseErrorKind, ParseOptions, parse, parse_lossy};
use ipsec_core::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::types::Lifetime;

fn pix(text: &str) -> Config {
    parse(text, ParseOptions::strict(Platform::Pix)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn v4(s: &str) -> IpAddr {
    IpAddr::V4(s.parse::<Ipv4Addr>().unwrap())
}

/// P1: IPsec with IKE, static and dynamic entries (004:515-745), with the guide's typo `dyn`
/// corrected to `dyn1` (004:688).
const P1: &str = "\
nameif ethernet0 outside security0
ip address outside 192.168.1.1 255.255.255.0
access-list 101 permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0
crypto ipsec transform-set myset1 esp-des esp-sha-hmac
crypto ipsec transform-set myset2 ah-sha-hmac esp-3des esp-sha-hmac
crypto map mymap 10 ipsec-isakmp
crypto map mymap 10 match address 101
crypto map mymap 10 set peer 192.168.1.100
crypto map mymap 10 set transform-set myset1 myset2
crypto map mymap 10 set security-association lifetime seconds 2700
crypto map mymap 10 set pfs group2
crypto dynamic-map dyn1 10
crypto dynamic-map dyn1 10 match address 101
crypto dynamic-map dyn1 10 set peer 192.168.1.102
crypto dynamic-map dyn1 10 set transform-set myset1 myset2
crypto dynamic-map dyn1 10 set security-association lifetime seconds 2700
crypto dynamic-map dyn1 10 set pfs group1
crypto map mymap 200 ipsec-isakmp dynamic dyn1
crypto map mymap interface outside
isakmp enable outside
sysopt connection permit-ipsec
";

#[test]
fn p1_ipsec_with_ike() {
    let c = pix(P1);
    assert_eq!(c.interface_names[0].name, "outside");
    assert_eq!(c.interface_names[0].security_level, Some(0));
    assert_eq!(c.interface_address("outside").unwrap().address, v4("192.168.1.1"));
    assert_eq!(c.interface_address("ethernet0").unwrap().address, v4("192.168.1.1"));
    assert_eq!(
        c.transform_set("myset2").unwrap().transforms,
        [
            Transform::Ah(IntegrityAlgorithm::HmacSha1_96),
            Transform::EspEncryption(EncryptionAlgorithm::TripleDesCbc),
            Transform::EspIntegrity(IntegrityAlgorithm::HmacSha1_96)
        ]
    );
    let m = c.map("mymap").unwrap();
    assert_eq!(m.entries[0].line, 6);
    assert_eq!(m.entries[0].settings.pfs, Some(Setting::configured(DhGroup::Modp1024, 11)));
    assert_eq!(m.entries[1].kind, EntryKind::Dynamic { dynamic_map: "dyn1".into(), discover: false });
    let d = &c.dynamic_map("dyn1").unwrap().entries[0];
    assert_eq!(d.line, 12);
    assert_eq!(d.settings.pfs.as_ref().unwrap().value, DhGroup::Modp768);
    assert_eq!(c.ike.enabled_on, [("outside".into(), IkeVersion::V1, 20)]);
    assert_eq!(c.sa_lifetime.value, Lifetime::new(28_800, 4_608_000));
    assert!(c.notes.iter().any(|n| n.line == 21), "sysopt is noted");
}

/// The dynamic-map flaw `set security-association lifetime 2700` (004:702).
#[test]
fn p1_lifetime_without_seconds() {
    let text = "crypto dynamic-map dyn1 10 set security-association lifetime 2700\n";
    let e = parse(text, ParseOptions::strict(Platform::Pix)).unwrap_err();
    assert_eq!((e.0[0].line, e.0[0].column), (1, 62));
    assert!(matches!(
        e.0[0].kind,
        ParseErrorKind::Expected { expected: Expected::OneOf(["seconds", "kilobytes"]), .. }
    ));
    let (c, errs) = parse_lossy(text, ParseOptions { platform: Some(Platform::Pix), mode: Mode::Lenient });
    assert!(errs.is_empty());
    assert_eq!(c.dynamic_map("dyn1").unwrap().entries[0].settings.lifetime.unwrap().0.seconds, Some(2700));
    assert_eq!(c.warnings.len(), 1);
}

/// P2: the manual example with its flawed keys (004:838-882): 15 hex digits and non-hex text.
#[test]
fn p2_manual_keys_as_printed_are_rejected() {
    let text = "\
crypto ipsec transform-set myset3 esp-des esp-sha-hmac
crypto map mymaptwo 30 ipsec-manual
crypto map mymaptwo 30 match address 101
crypto map mymaptwo 30 set peer 192.186.1.103
crypto map mymaptwo 30 set transform-set myset3
crypto map mymaptwo 30 set session-key inbound ah 300 123456789A123456789A123456789A123456789A
crypto map mymaptwo 30 set session-key outbound ah 400 123456789A123456789A123456789A123456789A
crypto map mymaptwo 30 set session-key inbound esp 300 cipher 123456789012345 authenticator 0000111122223333444455556666777788889999
crypto map mymaptwo 30 set session-key outbound esp 300 cipher abcdefghijklmnopno authenticator 9999888877776666555544443333222211110000
crypto map mymaptwo interface outside
";
    let e = parse(text, ParseOptions::strict(Platform::Pix)).unwrap_err();
    let got: Vec<(u32, u32, &ParseErrorKind)> = e.0.iter().map(|x| (x.line, x.column, &x.kind)).collect();
    assert_eq!(
        got,
        [
            (8, 63, &ParseErrorKind::HexKey { what: "ESP cipher key", problem: HexProblem::OddLength(15) }),
            (9, 64, &ParseErrorKind::HexKey { what: "ESP cipher key", problem: HexProblem::NotHex(7) }),
        ]
    );
    for x in &e.0 {
        let msg = x.to_string();
        assert!(!msg.contains("123456789012345") && !msg.contains("abcdefghij"), "{msg}");
    }
    // Lenient: the bad cipher keys are left out, the authenticators kept.
    let (c, errs) = parse_lossy(text, ParseOptions { platform: Some(Platform::Pix), mode: Mode::Lenient });
    assert!(errs.is_empty());
    let e = &c.map("mymaptwo").unwrap().entries[0];
    assert_eq!(e.kind, EntryKind::IpsecManual);
    assert_eq!(e.session_keys.len(), 4);
    assert!(
        e.session_keys[2].cipher_or_ah_key.is_none() && e.session_keys[2].authenticator.as_ref().unwrap().len() == 20
    );
    assert_eq!(e.session_keys[1].spi.0, 400);
}

/// P3: the IKE policies (004:1152-1162); defaults des/sha/rsa-sig/1/86400 (004:949-957).
#[test]
fn p3_ike_policies() {
    let c = pix("\
isakmp policy 20 encryption des
isakmp policy 20 hash md5
isakmp policy 20 authentication rsa-sig
isakmp policy 20 group 2
isakmp policy 20 lifetime 5000
isakmp policy 30 authentication pre-share
isakmp policy 30 lifetime 10000
");
    assert_eq!(c.isakmp_policies.len(), 3);
    let p20 = &c.isakmp_policies[0];
    assert_eq!(p20.hash, Setting::configured(PrfAlgorithm::HmacMd5, 2));
    assert_eq!(p20.group, Setting::configured(DhGroup::Modp1024, 4));
    let p30 = &c.isakmp_policies[1];
    assert_eq!(p30.authentication, Setting::configured(AuthMethod::PreShare, 6));
    assert_eq!(p30.encryption, Setting::default_value(EncryptionAlgorithm::DesCbc));
    assert_eq!(p30.group, Setting::default_value(DhGroup::Modp768));
    assert!(c.isakmp_policies[2].is_default_suite());
    // PIX priorities end at 65,534 (004:1004).
    assert!(parse("isakmp policy 65535 group 2\n", ParseOptions::strict(Platform::Pix)).is_err());
}

/// P4: pre-shared keys (004:1209-1222).
#[test]
fn p4_keys() {
    let c = pix("\
isakmp key 1234567890 address 192.168.1.100
isakmp key sharedkey address 0.0.0.0 netmask 0.0.0.0 no-xauth no-config-mode
");
    assert_eq!(c.keys[0].scope, KeyScope::Address { address: v4("192.168.1.100"), mask: v4("255.255.255.255") });
    assert_eq!(c.keys[1].scope, KeyScope::Address { address: v4("0.0.0.0"), mask: v4("0.0.0.0") });
    assert!(c.keys[1].no_xauth && c.keys[1].no_config_mode);
    assert!(!format!("{c:?}").contains("1234567890"));
}

/// P5: mode-config with a dynamic map (004:1337-1356), both `crypto` prefixes (004:1306 vs
/// 004:1342).
#[test]
fn p5_mode_config() {
    let c = pix("\
ip local pool ire 171.72.1.1-171.72.1.254
crypto isakmp client configuration address-pool local ire outside
access-list 103 permit ip host 172.21.230.34 172.21.1.0 255.255.255.0
crypto ipsec transform-set pc esp-des esp-md5-hmac
crypto dynamic-map dyn 10 set transform-set pc
crypto dynamic-map dyn 10 match address 103
crypto map dyn client configuration address initiate
crypto map dyn client configuration address respond
crypto map dyn 10 ipsec-isakmp dynamic dyn
crypto map dyn interface outside
crypto map dyn client authentication TACACS+
");
    let pool = &c.pools[0];
    assert_eq!((pool.name.as_str(), pool.start, pool.end), ("ire", v4("171.72.1.1"), v4("171.72.1.254")));
    assert_eq!(c.client_address_pool, Some(("ire".into(), 2)));
    let m = c.map("dyn").unwrap();
    assert_eq!(m.client_configuration, Some(("initiate".into(), 7)));
    assert_eq!(m.client_configuration_modes, [("initiate".into(), 7), ("respond".into(), 8)]);
    assert_eq!(m.client_authentication, Some(("TACACS+".into(), 11)));
    assert!(c.dynamic_map("dyn").is_some());
    let d = pix("isakmp client configuration address-pool local ire\n");
    assert_eq!(d.client_address_pool, Some(("ire".into(), 1)));
}

#[test]
fn pix_identity_keepalive_and_no_forms() {
    let c = pix("\
isakmp identity hostname
isakmp keepalive 30
isakmp nat-traversal 20
no crypto isakmp enable outside
interface ethernet0 100full
");
    assert_eq!(c.ike.identity.value, crypto_map::model::IdentityKind::Hostname);
    assert_eq!(c.ike.keepalive.as_ref().unwrap().value, (30, 2));
    assert_eq!(c.ike.nat_traversal.as_ref().unwrap().value, 20);
    assert!(c.notes.iter().any(|n| n.line == 4));
}
