//! `show` output: golden strings per command and platform, and configuration lines that parse
//! back to the same text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use crypto_map::model::{Config, Platform};
use crypto_map::parse::{ParseOptions, parse};
use crypto_map::show::{
    Keys, ShowCommand, crypto_dynamic_map, crypto_ipsec_sa_lifetime, crypto_ipsec_transform_set, crypto_isakmp_policy,
    crypto_map, running_config,
};

fn cfg(text: &str, platform: Platform) -> Config {
    parse(text, ParseOptions::strict(platform)).unwrap_or_else(|e| panic!("{e:?}"))
}

const IOS: &str = "\
hostname R1
crypto isakmp policy 10
 encr aes 256
 authentication pre-share
 group 14
crypto isakmp key s3cret address 192.168.1.100
crypto ipsec transform-set myset esp-des esp-sha-hmac
crypto ipsec transform-set mixed ah-sha-hmac esp-3des esp-md5-hmac
 mode transport
access-list 101 permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255
crypto dynamic-map dyn1 10
 set transform-set myset
 match address 101
 set pfs group5
crypto map mymap 10 ipsec-isakmp
 set peer 192.168.1.100
 match address 101
 set transform-set myset mixed
crypto map mymap 20 ipsec-manual
 set peer 10.0.0.5
 match address 101
 set transform-set myset
 set session-key inbound esp 300 cipher 0123456789abcdef authenticator 00112233445566778899aabbccddeeff00112233
crypto map mymap 100 ipsec-isakmp dynamic dyn1
interface Serial0
 ip address 192.168.1.1 255.255.255.0
 crypto map mymap
";

#[test]
fn ios_show_crypto_map() {
    let c = cfg(IOS, Platform::Ios);
    let want = "\
Crypto Map \"mymap\" 10 ipsec-isakmp
        Peer = 192.168.1.100
        Extended IP access list 101
            access-list 101 permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255
        Current peer: 192.168.1.100
        Security association lifetime: 4608000 kilobytes/3600 seconds
        PFS (Y/N): N
        Transform sets={ myset, mixed, }
Crypto Map \"mymap\" 20 ipsec-manual
        Peer = 10.0.0.5
        Extended IP access list 101
            access-list 101 permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255
        Current peer: 10.0.0.5
        Transform sets={ myset, }
        Inbound ESP SPI: 300 (0x0000012C), cipher key: 8 bytes, authenticator key: 20 bytes
Crypto Map \"mymap\" 100 ipsec-isakmp
        Dynamic map template tag: dyn1
        Interfaces using crypto map mymap:
                Serial0

";
    assert_eq!(crypto_map(&c), want);
    assert!(!crypto_map(&c).contains("0123456789abcdef"));
}

#[test]
fn ios_show_crypto_dynamic_map() {
    let c = cfg(IOS, Platform::Ios);
    assert_eq!(
        crypto_dynamic_map(&c),
        "\
Crypto Map Template \"dyn1\" 10
        Extended IP access list 101
            access-list 101 permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255
        Security association lifetime: 4608000 kilobytes/3600 seconds
        PFS (Y/N): Y
        DH group:  group5
        Transform sets={ myset, }

"
    );
}

#[test]
fn ios_show_crypto_ipsec_transform_set() {
    let c = cfg(IOS, Platform::Ios);
    assert_eq!(
        crypto_ipsec_transform_set(&c),
        "\
Transform set myset: { esp-des esp-sha-hmac  }
   will negotiate = { Tunnel,  },

Transform set mixed: { ah-sha-hmac  }
   will negotiate = { Transport,  },
   { esp-3des esp-md5-hmac  }
   will negotiate = { Transport,  },

"
    );
}

#[test]
fn ios_show_crypto_isakmp_policy_lists_the_default_suite() {
    let c = cfg(IOS, Platform::Ios);
    assert_eq!(
        crypto_isakmp_policy(&c),
        "\
Global IKE policy
Protection suite of priority 10
        encryption algorithm:   AES - Advanced Encryption Standard (256 bit keys).
        hash algorithm:         Secure Hash Standard
        authentication method:  Pre-Shared Key
        Diffie-Hellman group:   #14 (2048 bit)
        lifetime:               86400 seconds, no volume limit
Default protection suite
        encryption algorithm:   DES - Data Encryption Standard (56 bit keys).
        hash algorithm:         Secure Hash Standard
        authentication method:  Rivest-Shamir-Adleman Signature
        Diffie-Hellman group:   #1 (768 bit)
        lifetime:               86400 seconds, no volume limit
"
    );
}

#[test]
fn ios_show_sa_lifetime() {
    let c = cfg(IOS, Platform::Ios);
    assert_eq!(crypto_ipsec_sa_lifetime(&c), "Security association lifetime: 4608000 kilobytes/3600 seconds\n");
    let c = cfg("crypto ipsec security-association lifetime seconds 1800\n", Platform::Ios);
    assert_eq!(crypto_ipsec_sa_lifetime(&c), "Security association lifetime: 4608000 kilobytes/1800 seconds\n");
}

/// The PIX guide's own `show isakmp policy` output (004:1176-1193), to the character.
#[test]
fn pix_show_isakmp_policy_is_the_guides_output() {
    let c = cfg(
        "\
isakmp policy 20 encryption des
isakmp policy 20 hash md5
isakmp policy 20 authentication rsa-sig
isakmp policy 20 group 2
isakmp policy 20 lifetime 5000
isakmp policy 30 authentication pre-share
isakmp policy 30 lifetime 10000
",
        Platform::Pix,
    );
    assert_eq!(
        crypto_isakmp_policy(&c),
        "\
Protection suite priority 20
  encryption algorithm:  DES - Data Encryption Standard (56 bit keys)
  hash algorithm:        Message Digest 5
  authentication method: Rivest-Shamir-Adleman Signature
  Diffie-Hellman group:  #2 (1024 bit)
  lifetime:              5000 seconds, no volume limit
Protection suite priority 30
  encryption algorithm:  DES - Data Encryption Standard (56 bit keys)
  hash algorithm:        Secure Hash Standard
  authentication method: Pre-Shared Key
  Diffie-Hellman group:  #1 (768 bit)
  lifetime:              10000 seconds, no volume limit
Default protection suite
  encryption algorithm:  DES - Data Encryption Standard (56 bit keys)
  hash algorithm:        Secure Hash Standard
  authentication method: Rivest-Shamir-Adleman Signature
  Diffie-Hellman group:  #1 (768 bit)
  lifetime:              86400 seconds, no volume limit
"
    );
    // The written configuration leaves defaults out (004:1070, 004:1165).
    let run = running_config(&c, Keys::Masked);
    assert!(run.contains("isakmp policy 20 hash md5\n") && !run.contains("isakmp policy 20 encryption des"));
}

#[test]
fn pix_show_crypto_map_and_lifetime() {
    let c = cfg(
        "\
access-list 101 permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0
crypto ipsec transform-set myset1 esp-des esp-sha-hmac
crypto map mymap 10 ipsec-isakmp
crypto map mymap 10 match address 101
crypto map mymap 10 set peer 192.168.1.100
crypto map mymap 10 set transform-set myset1
crypto map mymap 10 set security-association lifetime seconds 2700
crypto map mymap 10 set pfs group2
crypto map mymap interface outside
",
        Platform::Pix,
    );
    assert_eq!(
        crypto_map(&c),
        "\
Crypto Map: \"mymap\" interfaces: { outside }
Crypto Map \"mymap\" 10 ipsec-isakmp
        Peer = 192.168.1.100
        access-list 101; 1 elements
        access-list 101 line 1 permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0
        Current peer: 192.168.1.100
        Security association lifetime: 4608000 kilobytes/2700 seconds
        PFS (Y/N): Y
        DH group:  group2
        Transform sets={ myset1, }

"
    );
    assert_eq!(crypto_ipsec_sa_lifetime(&c), "Security association lifetime: 4608000 kilobytes/28800 seconds\n");
}

const ASA9: &str = "\
access-list 101 extended permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0
crypto ipsec ikev1 transform-set myset1 esp-des esp-sha-hmac
crypto ipsec ikev2 ipsec-proposal GCM
 protocol esp encryption aes-gcm-256
 protocol esp integrity null
crypto map mymap 10 match address 101
crypto map mymap 10 set peer 192.168.1.100
crypto map mymap 10 set ikev1 transform-set myset1
crypto map mymap 10 set ikev2 ipsec-proposal GCM
crypto map mymap 10 set pfs
crypto map mymap 200 ipsec-isakmp dynamic dyn1
crypto map mymap interface outside
crypto dynamic-map dyn1 10 set ikev1 transform-set myset1
tunnel-group 192.168.1.100 type ipsec-l2l
tunnel-group 192.168.1.100 ipsec-attributes
 ikev1 pre-shared-key s3cret
";

#[test]
fn asa_show_is_configuration_lines() {
    let c = cfg(ASA9, Platform::Asa9);
    assert_eq!(
        crypto_map(&c),
        "\
crypto map mymap 10 match address 101
crypto map mymap 10 set peer 192.168.1.100
crypto map mymap 10 set ikev1 transform-set myset1
crypto map mymap 10 set ikev2 ipsec-proposal GCM
crypto map mymap 10 set pfs
crypto map mymap 200 ipsec-isakmp dynamic dyn1
crypto map mymap interface outside
"
    );
    assert_eq!(crypto_dynamic_map(&c), "crypto dynamic-map dyn1 10 set ikev1 transform-set myset1\n");
    assert_eq!(
        crypto_ipsec_transform_set(&c),
        "\
crypto ipsec ikev1 transform-set myset1 esp-des esp-sha-hmac
crypto ipsec ikev2 ipsec-proposal GCM
 protocol esp encryption aes-gcm-256
 protocol esp integrity null
"
    );
    assert_eq!(
        crypto_ipsec_sa_lifetime(&c),
        "crypto ipsec security-association lifetime seconds 28800\ncrypto ipsec security-association lifetime kilobytes 4608000\n"
    );
    // A new ASA configuration has no ISAKMP policy, so nothing shows (000:103).
    assert_eq!(crypto_isakmp_policy(&c), "");
    // Keys are masked the way ASA masks them.
    let run = running_config(&c, Keys::Masked);
    assert!(run.contains(" ikev1 pre-shared-key *****\n") && !run.contains("s3cret"));
    assert!(running_config(&c, Keys::Revealed).contains(" ikev1 pre-shared-key s3cret\n"));
}

#[test]
fn asa_show_isakmp_policy_prints_every_attribute() {
    let c = cfg(
        "crypto ikev1 policy 10\n encryption aes-256\ncrypto ikev2 policy 1\n encryption aes-256\n group 14\n",
        Platform::Asa9,
    );
    assert_eq!(
        crypto_isakmp_policy(&c),
        "\
crypto ikev2 policy 1
 encryption aes-256
 integrity sha
 group 14
 prf sha
 lifetime seconds 86400
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group 2
 lifetime 86400
"
    );
    let c8 = cfg("isakmp policy 5 encryption 3des\n", Platform::Asa8);
    assert!(
        crypto_isakmp_policy(&c8).starts_with("crypto isakmp policy 5\n authentication pre-share\n encryption 3des\n")
    );
}

#[test]
fn show_commands_by_name() {
    assert_eq!(ShowCommand::from_words("show crypto map"), Some(ShowCommand::CryptoMap));
    assert_eq!(ShowCommand::from_words("  SHOW  crypto   ISAKMP policy"), Some(ShowCommand::IsakmpPolicy));
    assert_eq!(ShowCommand::from_words("show isakmp policy"), Some(ShowCommand::IsakmpPolicy));
    assert_eq!(
        ShowCommand::from_words("crypto ipsec security-association lifetime"),
        Some(ShowCommand::IpsecSaLifetime)
    );
    assert_eq!(ShowCommand::from_words("show version"), None);
    for cmd in ShowCommand::ALL {
        assert_eq!(ShowCommand::from_words(cmd.as_str()), Some(*cmd));
    }
    let c = cfg(IOS, Platform::Ios);
    assert_eq!(ShowCommand::CryptoMap.render(&c), crypto_map(&c));
}

/// Printing the configuration and parsing it again gives the same text, for every fixture
/// and for the configurations above.
#[test]
fn running_config_round_trips() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("configs");
    let mut texts: Vec<(String, Platform)> = vec![(IOS.into(), Platform::Ios), (ASA9.into(), Platform::Asa9)];
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name.ends_with(".conf") {
            continue;
        }
        let platform = match name.split('-').next().unwrap() {
            "asa8" => Platform::Asa8,
            "asa9" => Platform::Asa9,
            "pix" => Platform::Pix,
            _ => Platform::Ios,
        };
        texts.push((std::fs::read_to_string(dir.join(&name)).unwrap(), platform));
    }
    assert!(texts.len() > 2);
    for (text, platform) in texts {
        let first = running_config(&cfg(&text, platform), Keys::Revealed);
        let again = running_config(&cfg(&first, platform), Keys::Revealed);
        assert_eq!(first, again, "{platform:?}\n{text}");
        // The printed text says what the original says.
        for cmd in ShowCommand::ALL {
            assert_eq!(cmd.render(&cfg(&text, platform)), cmd.render(&cfg(&first, platform)), "{cmd:?}\n{text}");
        }
    }
}
