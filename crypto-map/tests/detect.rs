//! Platform detection from the markers each dialect leaves, and parsing with detection.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use crypto_map::model::Platform;
use crypto_map::parse::{ParseOptions, detect_platform, parse};

#[test]
fn version_banners_decide() {
    assert_eq!(detect_platform("PIX Version 6.3(5)\ncrypto map m 10 set peer 1.1.1.1\n"), Platform::Pix);
    assert_eq!(detect_platform(": Saved\nASA Version 8.2(5)\nhostname fw\n"), Platform::Asa8);
    assert_eq!(detect_platform("ASA Version 9.8(4)\nhostname fw\n"), Platform::Asa9);
    assert_eq!(detect_platform("version 12.4\nhostname r1\n"), Platform::Ios);
}

#[test]
fn syntax_markers_decide() {
    // ASA 9.x (001:135, 001:955, 001:983).
    assert_eq!(detect_platform("crypto ikev1 policy 1\n authentication pre-share\n"), Platform::Asa9);
    assert_eq!(detect_platform("crypto ipsec ikev2 ipsec-proposal p\n protocol esp encryption aes\n"), Platform::Asa9);
    assert_eq!(detect_platform("crypto map m 10 set ikev1 transform-set t\n"), Platform::Asa9);
    // ASA 8.x: crypto isakmp policy blocks + netmask ACLs + tunnel-group.
    assert_eq!(
        detect_platform(
            "crypto isakmp policy 10\n authentication pre-share\n encryption 3des\naccess-list 101 extended permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0\ntunnel-group 10.0.0.1 type ipsec-l2l\n"
        ),
        Platform::Asa8
    );
    assert_eq!(detect_platform("interface GigabitEthernet0/0\n nameif outside\n security-level 0\n"), Platform::Asa8);
    // PIX: `isakmp policy` without `crypto`, `sysopt connection permit-ipsec`, one-line nameif.
    assert_eq!(
        detect_platform(
            "nameif ethernet0 outside security0\nisakmp policy 10 encryption des\nsysopt connection permit-ipsec\n"
        ),
        Platform::Pix
    );
    assert_eq!(detect_platform("ip address outside 192.0.2.1 255.255.255.0\nfixup protocol ftp 21\n"), Platform::Pix);
    // IOS: policy blocks with `encr`, wildcard ACLs, interface blocks without nameif, `esp-aes 256`.
    assert_eq!(
        detect_platform("crypto isakmp policy 10\n encr aes 256\naccess-list 101 permit ip 10.0.0.0 0.0.0.255 any\n"),
        Platform::Ios
    );
    assert_eq!(
        detect_platform("interface Serial0\n ip address 192.0.2.1 255.255.255.0\n crypto map m\n"),
        Platform::Ios
    );
    assert_eq!(detect_platform("crypto ipsec transform-set t esp-aes 256 esp-sha-hmac\n"), Platform::Ios);
    assert_eq!(detect_platform("crypto ikev2 proposal p\n encryption aes-cbc-128\n"), Platform::Ios);
    assert_eq!(detect_platform(""), Platform::Ios);
}

#[test]
fn every_fixture_is_detected_as_its_name_says() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("configs");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name.ends_with(".conf") {
            continue;
        }
        let want = match name.split('-').next().unwrap() {
            "asa8" => Platform::Asa8,
            "asa9" => Platform::Asa9,
            "pix" => Platform::Pix,
            _ => Platform::Ios,
        };
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        assert_eq!(detect_platform(&text), want, "{name}");
        // Parsing with detection equals parsing with the platform given.
        let detected = parse(&text, ParseOptions::default()).unwrap();
        assert_eq!(detected.platform, want);
    }
}
