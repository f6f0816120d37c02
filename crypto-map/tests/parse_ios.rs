//! IOS (11.3, 12.x/15.x, IOS-XE) parsing, construct by construct, with the fragments of the IOS
//! inventory (`shared/spec/seeds-ios.md` §9, C1-C11).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use core::net::{IpAddr, Ipv4Addr};

use crypto_map::model::{
    AuthMethod, Config, DummyPackets, EntryKind, IdentityKind, KeyDirection, KeyScope, Origin, Peer, Platform,
    RedefinitionKind, Setting, Transform,
};
use crypto_map::parse::{Mode, ParseOptions, parse, parse_lossy};
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::types::{EncapsulationMode, Lifetime, Spi};

/// (inbound, esp, SPI, cipher or AH key length, authenticator length).
type KeyShape = (bool, bool, Spi, Option<usize>, Option<usize>);

fn ios(text: &str) -> Config {
    parse(text, ParseOptions::strict(Platform::Ios)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn v4(s: &str) -> IpAddr {
    IpAddr::V4(s.parse::<Ipv4Addr>().unwrap())
}

/// C1: the IOS-XE static map of 002:136, 002:167-168, 002:247-262.
const C1: &str = "\
ip access-list extended vpn-tunnel
 permit ip 10.0.68.0 0.0.0.255 10.1.1.0 0.0.0.255
access-list 100 permit ip 10.0.68.0 0.0.0.255 10.1.1.0 0.0.0.255
crypto ipsec transform-set aesset esp-aes 256 esp-sha-hmac
 mode transport
crypto map static-map 1 ipsec-isakmp
 match address vpn-tunnel
 set peer 192.168.101.1
 set security-association dummy seconds 5
 set transform-set aesset
 set security-association lifetime seconds 2700
 set security-association level per-host
 set pfs group14
";

#[test]
fn c1_static_map_and_transform_set() {
    let c = ios(C1);
    let ts = c.transform_set("aesset").unwrap();
    assert_eq!(
        ts.transforms,
        [
            Transform::EspEncryption(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256)),
            Transform::EspIntegrity(IntegrityAlgorithm::HmacSha1_96)
        ]
    );
    assert_eq!(ts.mode, Setting::configured(EncapsulationMode::Transport, 5));
    assert_eq!(ts.iv_size, None);
    let m = c.map("static-map").unwrap();
    let e = &m.entries[0];
    assert_eq!((e.seq, &e.kind, e.line), (1, &EntryKind::IpsecIsakmp, 6));
    let s = &e.settings;
    assert_eq!(s.match_address, Some(("vpn-tunnel".into(), 7)));
    assert_eq!(s.peers, [(Peer::Address(v4("192.168.101.1")), 8)]);
    assert_eq!(s.dummy_packets, Some((DummyPackets::Seconds(5), 9)));
    assert_eq!(s.transform_sets, [("aesset".into(), 10)]);
    let (l, line) = s.lifetime.unwrap();
    assert_eq!((l.seconds, l.kilobytes, l.kilobytes_unlimited, line), (Some(2700), None, false, 11));
    assert_eq!(s.per_host, Some(12));
    assert_eq!(s.pfs, Some(Setting::configured(DhGroup::Modp2048, 13)));
    assert!(c.acls.get("vpn-tunnel").is_some() && c.acls.get("100").is_some());
}

/// C2: a dynamic map and its reference with TED (002:313-357); together with C1 the reference
/// reuses `static-map 1`, which keeps the first type and is recorded (002:247 vs 002:357).
#[test]
fn c2_dynamic_map_reference_and_the_seq_collision() {
    let c2 = "\
crypto dynamic-map test-map 1
 set transform-set aesset
 match address 101
 set peer 192.168.101.1
 set security-association lifetime seconds 720
 set pfs group14
crypto map static-map 1 ipsec-isakmp dynamic test-map discover
";
    let alone = ios(c2);
    let d = alone.dynamic_map("test-map").unwrap();
    let s = &d.entries[0].settings;
    assert_eq!(s.transform_sets, [("aesset".into(), 2)]);
    assert_eq!(s.match_address, Some(("101".into(), 3)));
    assert_eq!(s.lifetime.unwrap().0.seconds, Some(720));
    assert_eq!(
        alone.map("static-map").unwrap().entries[0].kind,
        EntryKind::Dynamic { dynamic_map: "test-map".into(), discover: true }
    );

    let both = ios(&format!("{C1}{c2}"));
    let e = &both.map("static-map").unwrap().entries[0];
    assert_eq!(e.kind, EntryKind::IpsecIsakmp, "the first declaration is kept");
    let r = &both.redefinitions[0];
    assert_eq!(
        (r.kind, r.name.as_str(), r.first_line, r.line),
        (RedefinitionKind::MapEntryType, "static-map 1", 6, 20)
    );
}

/// C3: manual SAs (002:386-393), the binding `interface Gi 0/0/1` (002:429) and
/// `local-address` (002:439).
#[test]
fn c3_manual_entry_keys_binding_local_address() {
    let c = ios("\
crypto ipsec transform-set someset ah-md5-hmac esp-des
access-list 102 permit ip host 10.0.0.1 host 20.0.0.2
crypto map mymap 10 ipsec-manual
 match address 102
 set peer 10.0.0.5
 set transform-set someset
 set session-key inbound ah 256 98765432109876549876543210987654
 set session-key outbound ah 256 fedcbafedcbafedcfedcbafedcbafedc
 set session-key inbound esp 256 cipher 0123456789012345
 set session-key outbound esp 256 cipher abcdefabcdefabcd
interface Gi 0/0/1
 crypto map mymap
crypto map mymap local-address loopback0
");
    let m = c.map("mymap").unwrap();
    let e = &m.entries[0];
    assert_eq!(e.kind, EntryKind::IpsecManual);
    let keys: Vec<KeyShape> = e
        .session_keys
        .iter()
        .map(|k| {
            (
                k.inbound,
                k.esp,
                k.spi,
                k.cipher_or_ah_key.as_ref().map(ipsec_core::SecretBytes::len),
                k.authenticator.as_ref().map(ipsec_core::SecretBytes::len),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            (true, false, Spi(256), Some(16), None),
            (false, false, Spi(256), Some(16), None),
            (true, true, Spi(256), Some(8), None),
            (false, true, Spi(256), Some(8), None),
        ]
    );
    assert_eq!(e.session_keys[0].cipher_or_ah_key.as_ref().unwrap().expose()[..2], [0x98, 0x76]);
    assert_eq!(c.bindings.len(), 1);
    assert_eq!((c.bindings[0].map.as_str(), c.bindings[0].interface.as_str()), ("mymap", "Gi0/0/1"));
    assert_eq!(m.local_address, Some(("loopback0".into(), 13)));
    // Keys never print.
    let dbg = format!("{c:?}");
    assert!(!dbg.contains("98765432") && !dbg.contains("fedcba") && !dbg.contains("abcdefabcdef"));
}

/// C4: an IKEv2 proposal (002:193-211) and the policy that names it.
#[test]
fn c4_ikev2_proposal_and_policy() {
    let c = ios("\
crypto ikev2 proposal proposal-1
 encryption aes-cbc-128 3des
 integrity sha1 sha256
 group 14 5
crypto ikev2 policy policy-1
 proposal proposal-1
 match fvrf any
");
    let p = &c.ikev2_policies[0];
    assert_eq!((p.priority, p.name.as_deref()), (None, Some("proposal-1")));
    assert_eq!(p.encryption, [EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), EncryptionAlgorithm::TripleDesCbc]);
    assert_eq!(p.integrity, [IntegrityAlgorithm::HmacSha1_96, IntegrityAlgorithm::HmacSha2_256_128]);
    assert_eq!(p.groups, [DhGroup::Modp2048, DhGroup::Modp1536]);
    assert!(p.lifetime.is_default());
    assert_eq!(c.ios_ikev2_policies[0].proposals, [("proposal-1".into(), 6)]);
    assert!(c.notes.iter().any(|n| n.line == 7));
}

#[test]
fn isakmp_policy_block_defaults_and_the_default_suite() {
    let c = ios("\
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
 lifetime 3600
crypto isakmp policy 20
 authentication pre-share
");
    assert_eq!(c.isakmp_policies.len(), 3);
    let p = &c.isakmp_policies[0];
    assert_eq!(p.priority, 10);
    assert_eq!(p.encryption, Setting::configured(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256), 2));
    assert_eq!(p.hash, Setting::configured(PrfAlgorithm::HmacSha2_256, 3));
    assert_eq!(p.authentication, Setting::configured(AuthMethod::PreShare, 4));
    assert_eq!(p.group, Setting::configured(DhGroup::Modp2048, 5));
    assert_eq!(p.lifetime, Setting::configured(3600, 6));
    // Unset attributes take the IOS defaults, marked as such (DESIGN §3.3).
    let q = &c.isakmp_policies[1];
    assert_eq!(q.encryption, Setting::default_value(EncryptionAlgorithm::DesCbc));
    assert_eq!(q.group, Setting::default_value(DhGroup::Modp768));
    assert_eq!(q.lifetime, Setting::default_value(86_400));
    // The built-in default suite comes last (004:1008).
    let d = &c.isakmp_policies[2];
    assert!(d.is_default_suite());
    assert_eq!(d.authentication.value, AuthMethod::RsaSig);
    assert_eq!(c.configured_isakmp_policies().count(), 2);
}

#[test]
fn an_empty_ios_configuration_has_the_defaults() {
    let c = ios("");
    assert_eq!(c.platform, Platform::Ios);
    assert_eq!(c.sa_lifetime, Setting::default_value(Lifetime::new(3600, 4_608_000)));
    assert_eq!(c.isakmp_policies.len(), 1);
    assert!(c.isakmp_policies[0].is_default_suite());
    assert_eq!(c.ike.identity, Setting::default_value(IdentityKind::Address));
    assert_eq!(c.ike.nat_traversal, None);
}

#[test]
fn pre_shared_keys() {
    let c = ios("\
crypto isakmp key 0 cisco123 address 10.0.0.2
crypto isakmp key 6 STOREDKEY address 10.1.0.0 255.255.0.0 no-xauth
crypto isakmp key wildkey address 0.0.0.0 0.0.0.0
crypto isakmp key hostkey hostname peer.example.com
crypto isakmp key v6key address ipv6 2001:db8::/32
");
    let scopes: Vec<&KeyScope> = c.keys.iter().map(|k| &k.scope).collect();
    assert_eq!(
        scopes,
        [
            &KeyScope::Address { address: v4("10.0.0.2"), mask: v4("255.255.255.255") },
            &KeyScope::Address { address: v4("10.1.0.0"), mask: v4("255.255.0.0") },
            &KeyScope::Address { address: v4("0.0.0.0"), mask: v4("0.0.0.0") },
            &KeyScope::Hostname("peer.example.com".into()),
            &KeyScope::Address { address: "2001:db8::".parse().unwrap(), mask: "ffff:ffff::".parse().unwrap() },
        ]
    );
    assert_eq!(c.keys[0].key.expose(), b"cisco123");
    assert!(!c.keys[0].stored_encrypted && c.keys[1].stored_encrypted && c.keys[1].no_xauth);
    assert!(c.keys.iter().all(|k| k.direction == KeyDirection::Both));
    assert!(!format!("{c:?}").contains("cisco123"));
    // A later key for the same peer replaces the earlier one.
    let r = ios("crypto isakmp key one address 10.0.0.2\ncrypto isakmp key two address 10.0.0.2\n");
    assert_eq!(r.keys.len(), 1);
    assert_eq!(r.keys[0].key.expose(), b"two");
    assert_eq!(r.redefinitions[0].kind, RedefinitionKind::Key);
}

#[test]
fn ike_settings() {
    let c = ios("\
crypto isakmp identity hostname
crypto isakmp keepalive 10 3 periodic
crypto isakmp nat keepalive 20
crypto isakmp aggressive-mode disable
");
    assert_eq!(c.ike.identity, Setting::configured(IdentityKind::Hostname, 1));
    assert_eq!(c.ike.keepalive, Some(Setting::configured((10, 3), 2)));
    assert_eq!(c.ike.nat_traversal, Some(Setting::configured(20, 3)));
    assert_eq!(c.ike.aggressive_mode_disabled, Some(4));
}

#[test]
fn rfc1829_iv_size_and_legacy_transforms() {
    let c = ios("\
crypto ipsec transform-set legacy ah-rfc1828 esp-rfc1829
 initialization-vector size 4
crypto ipsec transform-set legacy2 esp-rfc1829
crypto ipsec transform-set comp esp-3des esp-md5-hmac comp-lzs
");
    let a = c.transform_set("legacy").unwrap();
    assert_eq!(a.transforms, [Transform::AhRfc1828, Transform::EspRfc1829]);
    assert_eq!(a.iv_size, Some(Setting::configured(4, 2)));
    // DESIGN §3.17: 8 when not given.
    assert_eq!(c.transform_set("legacy2").unwrap().iv_size, Some(Setting::default_value(8)));
    assert_eq!(c.transform_set("comp").unwrap().transforms.len(), 3);
}

#[test]
fn transform_sets_are_order_insensitive_and_redefinable() {
    let c = ios("crypto ipsec transform-set t esp-sha-hmac esp-aes\ncrypto ipsec transform-set t esp-3des\n");
    let t = c.transform_set("t").unwrap();
    assert_eq!(t.transforms, [Transform::EspEncryption(EncryptionAlgorithm::TripleDesCbc)]);
    assert_eq!(c.redefinitions[0].kind, RedefinitionKind::TransformSet);
    let d = ios("crypto ipsec transform-set t esp-sha-hmac esp-aes 192 ah-sha256-hmac\n");
    assert_eq!(
        d.transform_set("t").unwrap().transforms,
        [
            Transform::EspIntegrity(IntegrityAlgorithm::HmacSha1_96),
            Transform::EspEncryption(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes192)),
            Transform::Ah(IntegrityAlgorithm::HmacSha2_256_128)
        ]
    );
}

#[test]
fn global_lifetime() {
    let c = ios(
        "crypto ipsec security-association lifetime seconds 1800\ncrypto ipsec security-association lifetime kilobytes 9000\n",
    );
    assert_eq!(c.sa_lifetime, Setting::configured(Lifetime::new(1800, 9000), 2));
    assert_eq!((c.sa_lifetime_lines.seconds, c.sa_lifetime_lines.kilobytes), (Some(1), Some(2)));
}

#[test]
fn bare_set_pfs_is_group1_on_ios() {
    let c = ios("crypto map m 10 ipsec-isakmp\n set pfs\n");
    // 002:273: `set pfs` without a group means group 1; it is a default, so it says so.
    assert_eq!(c.map("m").unwrap().entries[0].settings.pfs, Some(Setting::default_value(DhGroup::Modp768)));
}

#[test]
fn entry_extras_and_kilobytes_disable() {
    let c = ios("\
crypto map m 10
 description to the branch
 set peer peer.example.com
 set peer 10.0.0.9 default
 set security-association lifetime kilobytes disable
 set security-association dummy pps 3
 reverse-route static
 set isakmp-profile prof
 qos pre-classify
crypto map m 20 cisco
 set algorithm 40-bit-des
");
    let m = c.map("m").unwrap();
    let s = &m.entries[0].settings;
    assert_eq!(m.entries[0].kind, EntryKind::IpsecIsakmp, "`crypto map NAME SEQ` alone is ipsec-isakmp");
    assert_eq!(s.description, Some(("to the branch".into(), 2)));
    assert_eq!(s.peers, [(Peer::Hostname("peer.example.com".into()), 3), (Peer::Address(v4("10.0.0.9")), 4)]);
    let l = s.lifetime.unwrap().0;
    assert!(l.kilobytes_unlimited && l.kilobytes.is_none());
    assert_eq!(s.dummy_packets, Some((DummyPackets::Pps(3), 6)));
    assert_eq!(s.reverse_route, Some((false, 7)));
    assert_eq!(m.entries[1].kind, EntryKind::Cisco);
    assert!(c.notes.iter().any(|n| n.line == 8) && c.notes.iter().any(|n| n.line == 9));
}

#[test]
fn interfaces_and_addresses() {
    let c = ios("\
interface Serial0
 description WAN
 ip address 192.0.2.1 255.255.255.252
 ip address 198.51.100.1 255.255.255.0 secondary
 crypto map mymap
 no shutdown
!
interface Dialer1
 ip address negotiated
 crypto map mymap
");
    let a = c.interface_address("serial0").unwrap();
    assert_eq!((a.address, a.mask, a.line), (v4("192.0.2.1"), v4("255.255.255.252"), 3));
    assert_eq!(c.interface_addresses.len(), 1);
    let names: Vec<&str> = c.interfaces_using("mymap").map(|b| b.interface.as_str()).collect();
    assert_eq!(names, ["Serial0", "Dialer1"]);
}

#[test]
fn non_ipsec_lines_are_skipped_with_notes_that_never_quote_secrets() {
    let c = ios("\
version 15.4
service password-encryption
hostname R1
enable secret 5 $1$abcd$SECRETHASH
username admin privilege 15 password 0 hunter2
snmp-server community PUBLICSTRING RO
router ospf 1
 network 10.0.0.0 0.255.255.255 area 0
 passive-interface default
banner motd ^C
crypto map evil 10 ipsec-isakmp
 set peer 6.6.6.6
^C
line vty 0 4
 password 7 0822455D0A16
end
");
    assert_eq!(c.hostname.as_deref(), Some("R1"));
    assert!(c.maps.is_empty(), "banner text is not configuration");
    for secret in ["SECRETHASH", "hunter2", "PUBLICSTRING", "0822455D0A16"] {
        assert!(c.notes.iter().all(|n| !n.text.contains(secret)), "{secret}");
    }
    let noted: Vec<u32> = c.notes.iter().map(|n| n.line).collect();
    assert!(noted.contains(&4) && noted.contains(&5) && noted.contains(&7) && noted.contains(&14));
    assert!(!noted.contains(&8), "indented lines of a skipped block are skipped with it");
}

#[test]
fn guide_prompts_are_stripped() {
    // The IOS-XE guide prints commands with their prompts (002:247-262).
    let c = ios("\
Router(config)# crypto map static-map 1 ipsec-isakmp
Router(config-crypto-m) # match address vpn-tunnel
Router(config-crypto-m)# set peer 192.168.101.1
Router(config)# crypto ipsec transform-set aesset esp-aes 256 esp-sha-hmac
Router(cfg-crypto-tran) # mode transport
");
    let s = &c.map("static-map").unwrap().entries[0].settings;
    assert_eq!(s.match_address, Some(("vpn-tunnel".into(), 2)));
    assert_eq!(s.peers.len(), 1);
    assert_eq!(c.transform_set("aesset").unwrap().mode.value, EncapsulationMode::Transport);
}

#[test]
fn unindented_block_lines_as_the_guides_print_them() {
    let c = ios("\
crypto isakmp policy 5
encryption 3des
group 2
crypto map m 10 ipsec-isakmp
match address 101
set peer 10.0.0.1
");
    assert_eq!(c.isakmp_policies[0].encryption.value, EncryptionAlgorithm::TripleDesCbc);
    assert_eq!(c.map("m").unwrap().entries[0].settings.peers.len(), 1);
}

#[test]
fn not_modelled_crypto_blocks_are_skipped_whole() {
    let c = ios("\
crypto pki trustpoint TP
 enrollment url http://ca
crypto pki certificate chain TP
 certificate 01
  3082 0122 3081
  quit
crypto isakmp profile prof
 match identity address 10.0.0.1
crypto ikev2 profile p2
 match identity remote address 10.0.0.1 255.255.255.255
crypto ipsec profile ip
 set transform-set t
crypto map m 10 ipsec-isakmp
 set peer 10.0.0.1
");
    assert_eq!(c.map("m").unwrap().entries[0].settings.peers.len(), 1);
    assert!(c.keys.is_empty());
}

/// `crypto keyring` (IKEv1 keys by address, mask, IPv6 prefix or host name; `rsa-pubkey`
/// sub-blocks skipped) and IOS-XE `crypto ikev2 keyring` (`peer` blocks with addresses,
/// identities and local/remote keys), looked up like `crypto isakmp key`, never quoted.
#[test]
fn keyrings_give_keys_that_lookup_and_lint_see() {
    use crypto_map::eval::lookup_psk;
    use crypto_map::lint::Code;
    use crypto_map::model::{IkeVersion, PeerMatch};
    let c = ios("\
crypto keyring branches
 description branch offices
 pre-shared-key address 10.1.0.0 255.255.0.0 key RING1SECRET
 pre-shared-key address 10.1.2.3 key 0 RINGHOSTSECRET
 pre-shared-key address ipv6 2001:db8::/32 key RINGV6SECRET
 pre-shared-key hostname peer.example.com key RINGNAMESECRET
 rsa-pubkey address 10.9.9.9
  key-string
   3082 0122
  quit
 pre-shared-key address 10.9.9.9 key AFTERRSA
crypto ikev2 keyring v2-kr1
 peer abc
  address 209.165.200.224 255.255.255.224
  identity address 209.165.200.231
  pre-shared-key local LOCALSECRET
  pre-shared-key remote REMOTESECRET
 peer hexy
  address 192.0.2.0 255.255.255.0
  pre-shared-key hex 0A0B0C
crypto isakmp policy 10
 authentication pre-share
crypto map m 10 ipsec-isakmp
 set peer 10.1.2.3
 set peer 10.1.7.7
 set peer 209.165.200.231
 match address 101
access-list 101 permit ip 10.0.0.0 0.0.0.255 10.2.0.0 0.0.0.255
");
    let key = |peer: &str, dir| lookup_psk(&c, v4(peer), None, dir).map(|k| k.key.expose().to_vec());
    assert_eq!(key("10.1.2.3", KeyDirection::Both).unwrap(), b"RINGHOSTSECRET");
    assert_eq!(key("10.1.7.7", KeyDirection::Both).unwrap(), b"RING1SECRET");
    assert_eq!(key("10.9.9.9", KeyDirection::Both).unwrap(), b"AFTERRSA");
    assert_eq!(key("209.165.200.231", KeyDirection::Local).unwrap(), b"LOCALSECRET");
    assert_eq!(key("209.165.200.231", KeyDirection::Remote).unwrap(), b"REMOTESECRET");
    assert_eq!(key("192.0.2.77", KeyDirection::Local).unwrap(), [0x0a, 0x0b, 0x0c]);
    let v6 = lookup_psk(&c, "2001:db8::5".parse().unwrap(), None, KeyDirection::Both).unwrap();
    assert_eq!(v6.key.expose(), b"RINGV6SECRET");
    assert!(key("10.3.0.1", KeyDirection::Both).is_none());

    let ring = c.keys.iter().find(|k| k.key.expose() == b"LOCALSECRET").unwrap().keyring.clone().unwrap();
    assert_eq!((ring.name.as_str(), ring.version), ("v2-kr1", IkeVersion::V2));
    let by: Vec<_> =
        c.keys.iter().filter_map(|k| k.keyring.as_ref()?.peer.as_ref().filter(|p| p.0 == "abc").map(|p| p.1)).collect();
    assert_eq!(by, [PeerMatch::Address, PeerMatch::Address, PeerMatch::Identity, PeerMatch::Identity]);
    assert!(
        c.keys
            .iter()
            .filter(|k| k.key.expose() == b"RING1SECRET")
            .all(|k| k.keyring.as_ref().unwrap().version == IkeVersion::V1)
    );

    // No CM064 (no key for a peer): every peer of the map has a keyring key.
    assert!(c.lint().iter().all(|f| f.code != Code::NoKeyForPeer), "{:?}", c.lint());
    // Keys are secrets: never in notes.
    for secret in ["RING1SECRET", "LOCALSECRET", "REMOTESECRET", "AFTERRSA", "0A0B0C"] {
        assert!(c.notes.iter().all(|n| !n.text.contains(secret)), "{secret}");
    }
}

#[test]
fn keyring_running_config_reads_back() {
    use crypto_map::show::{Keys, running_config};
    let c = ios("\
crypto keyring kr vrf blue
 pre-shared-key address 10.1.0.0 255.255.0.0 key 6 STOREDFORM
 pre-shared-key hostname h.example key plain
crypto ikev2 keyring v2
 peer a
  hostname gw.example
  identity fqdn gw.example
  pre-shared-key both-ways
 peer b
  address 2001:db8:1::/48
  pre-shared-key local l0cal
  pre-shared-key remote rem0te
");
    assert!(c.notes.iter().any(|n| n.text.contains("VRF")));
    let printed = running_config(&c, Keys::Revealed);
    assert!(
        printed.contains("crypto keyring kr\n pre-shared-key address 10.1.0.0 255.255.0.0 key 6 STOREDFORM\n"),
        "{printed}"
    );
    assert!(printed.contains(" peer b\n  address 2001:db8:1::/48\n"), "{printed}");
    let again = ios(&printed);
    assert_eq!(again.keys, c.keys);
    assert_eq!(running_config(&again, Keys::Revealed), printed);
    assert!(!running_config(&c, Keys::Masked).contains("rem0te"));
}

#[test]
fn keyring_syntax_errors_name_the_line() {
    let e = parse("crypto keyring kr\n pre-shared-key address 10.0.0.1 kee x\n", ParseOptions::strict(Platform::Ios))
        .unwrap_err();
    assert_eq!(e.0[0].line, 2, "{e:?}");
    let e = parse(
        "crypto ikev2 keyring kr\n peer p\n  address 10.0.0.1\n  pre-shared-key hex 0G\n",
        ParseOptions::strict(Platform::Ios),
    )
    .unwrap_err();
    assert_eq!(e.0[0].line, 4, "{e:?}");
    assert!(e.0.iter().all(|x| !format!("{x}").contains("0G")), "{e:?}");
}

#[test]
fn ipv6_crypto_map() {
    let c = ios("crypto map ipv6 v6map 10 ipsec-isakmp\n set peer 2001:db8::1\n match address v6acl\n");
    let m = c.map("v6map").unwrap();
    assert!(m.ipv6);
    assert_eq!(m.entries[0].settings.peers[0].0, Peer::Address("2001:db8::1".parse().unwrap()));
}

#[test]
fn lenient_mode_turns_recoverable_problems_into_warnings() {
    let text = "\
access-list 101 permit ip 10.0.0.1 0.0.0.255 any
crypto frobnicate on
crypto map m 10 ipsec-isakmp
 set pfs group22
";
    let (_, errors) = parse_lossy(text, ParseOptions::strict(Platform::Ios));
    assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 2, 4]);
    let (c, errors) = parse_lossy(text, ParseOptions { platform: Some(Platform::Ios), mode: Mode::Lenient });
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(c.warnings.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 4]);
    assert_eq!(c.acls.diagnostics.len(), 1, "host bits cleared with a warning (DESIGN §3.12)");
    assert_eq!(c.map("m").unwrap().entries[0].settings.pfs.as_ref().map(|p| p.value), Some(DhGroup::Modp1024S160));
}

#[test]
fn origins_mark_defaults() {
    let c = ios("crypto ipsec transform-set t esp-des\n");
    assert_eq!(c.transform_set("t").unwrap().mode.origin, Origin::Default);
}

/// A whole IOS running configuration, with what real ones carry around the IPsec lines
/// (DESIGN §3.20).
#[test]
fn a_real_running_configuration() {
    let c = ios("\
Building configuration...

Current configuration : 4242 bytes
!
! Last configuration change at 10:00:00 UTC Mon Jan 1 2024
version 15.4
service timestamps debug datetime msec
hostname branch
!
boot-start-marker
boot-end-marker
!
aaa new-model
aaa authentication login default local
!
ip domain name example.com
ip cef
no ipv6 cef
!
crypto pki trustpoint TP-self-signed-1
 enrollment selfsigned
 subject-name cn=IOS-Self-Signed-Certificate-1
 revocation-check none
!
crypto pki certificate chain TP-self-signed-1
 certificate self-signed 01
  3082022B 30820194 A0030201 02020101 300D0609 2A864886 F70D0101 05050030
  \tquit
!
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key 0 Sup3rS3cret address 203.0.113.2
crypto isakmp invalid-spi-recovery
crypto isakmp keepalive 10 periodic
!
crypto ipsec security-association replay window-size 128
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto map CMAP 10 ipsec-isakmp
 description to HQ
 set peer 203.0.113.2
 set transform-set TS
 set pfs group14
 match address VPN
 reverse-route static
crypto map CMAP 20 ipsec-isakmp
 ! Incomplete
 set peer 203.0.113.3
 set transform-set TS
!
interface GigabitEthernet0/0
 description WAN
 ip address 198.51.100.2 255.255.255.252
 duplex auto
 speed auto
 crypto map CMAP
!
interface GigabitEthernet0/1
 ip address 10.0.0.1 255.255.255.0
!
ip access-list extended VPN
 permit ip 10.0.0.0 0.0.0.255 10.1.0.0 0.0.255.255
!
ip route 0.0.0.0 0.0.0.0 198.51.100.1
!
line con 0
 logging synchronous
line vty 0 4
 transport input ssh
!
end
");
    assert_eq!(c.domain_name.as_deref(), Some("example.com"));
    let m = c.map("CMAP").unwrap();
    assert_eq!(m.entries.len(), 2);
    assert_eq!(m.entries[1].settings.peers.len(), 1, "the ` ! Incomplete` comment keeps the block open");
    assert_eq!(m.entries[0].settings.description, Some(("to HQ".into(), 45)));
    assert_eq!(c.interface_address("GigabitEthernet0/0").unwrap().address, "198.51.100.2".parse::<IpAddr>().unwrap());
    assert!(c.acls.get("VPN").is_some());
    assert!(c.notes.iter().all(|n| !n.text.contains("Sup3rS3cret")));
}
