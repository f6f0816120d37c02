//! Errors: the line, the column and the expected tokens, for each kind of mistake; keys never
//! appear in them; every error of a configuration is reported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use crypto_map::model::Platform;
use crypto_map::parse::{
    Expected, HexProblem, Mode, ParseError, ParseErrorKind, ParseOptions, TransformProblem, parse, parse_lossy,
};

fn errors(text: &str, platform: Platform) -> Vec<ParseError> {
    parse(text, ParseOptions::strict(platform)).expect_err(text).0
}

/// The single error of a one-line (or last-line) mistake.
fn one(text: &str, platform: Platform) -> ParseError {
    let e = errors(text, platform);
    assert_eq!(e.len(), 1, "{e:?}");
    e.into_iter().next().unwrap()
}

/// 1-based column of `token` in the last line of `text`.
fn col(text: &str, token: &str) -> u32 {
    let last = text.trim_end_matches('\n').lines().last().unwrap();
    u32::try_from(last.find(token).unwrap() + 1).unwrap()
}

/// One past the end of the last line.
fn eol(text: &str) -> u32 {
    let last = text.trim_end_matches('\n').lines().last().unwrap();
    u32::try_from(last.trim_end().chars().count() + 1).unwrap()
}

fn expected_one_of(e: &ParseError) -> &'static [&'static str] {
    match &e.kind {
        ParseErrorKind::Expected { expected: Expected::OneOf(list), .. } => list,
        k => panic!("not an Expected::OneOf: {k:?}"),
    }
}

#[test]
fn unknown_transform_names_the_expected_keywords() {
    let t = "crypto ipsec transform-set t esp-foo esp-sha-hmac";
    let e = one(t, Platform::Ios);
    assert_eq!((e.line, e.column), (1, col(t, "esp-foo")));
    assert!(expected_one_of(&e).contains(&"esp-aes [128|192|256]"));
    assert_eq!(
        e.to_string(),
        format!("line 1, column 30: expected one of: {}, found `esp-foo`", expected_one_of(&e).join(", "))
    );
    let e = one("crypto ipsec transform-set t esp-foo", Platform::Asa8);
    assert!(expected_one_of(&e).contains(&"esp-aes-256"));
}

#[test]
fn transform_combination_rules() {
    let cases: &[(&str, Platform, &str, TransformProblem)] = &[
        (
            "crypto ipsec transform-set t ah-sha-hmac esp-des esp-sha-hmac esp-md5-hmac",
            Platform::Ios,
            "esp-md5-hmac",
            TransformProblem::TooMany(4),
        ),
        (
            "crypto ipsec transform-set t esp-des esp-3des",
            Platform::Ios,
            "esp-3des",
            TransformProblem::SameKind { kind: "ESP encryption", first: "esp-des".into(), second: "esp-3des".into() },
        ),
        (
            "crypto ipsec transform-set t ah-md5-hmac ah-sha-hmac",
            Platform::Pix,
            "ah-sha-hmac",
            TransformProblem::SameKind { kind: "AH", first: "ah-md5-hmac".into(), second: "ah-sha-hmac".into() },
        ),
        (
            "crypto ipsec transform-set t esp-null esp-none",
            Platform::Asa8,
            "esp-null",
            TransformProblem::NullWithoutIntegrity,
        ),
        (
            "crypto ipsec ikev1 transform-set t esp-null",
            Platform::Asa9,
            "esp-null",
            TransformProblem::NullWithoutIntegrity,
        ),
        (
            "crypto ipsec transform-set t esp-rfc1829 esp-sha-hmac",
            Platform::Ios,
            "esp-sha-hmac",
            TransformProblem::Rfc1829WithAuthenticator,
        ),
        (
            "crypto ipsec transform-set t esp-gcm 256 esp-sha-hmac",
            Platform::Ios,
            "esp-sha-hmac",
            TransformProblem::CombinedModeWithAuthenticator,
        ),
        ("crypto ipsec transform-set t esp-none", Platform::Asa8, "esp-none", TransformProblem::NoneWithoutCipher),
        (
            "crypto ipsec transform-set t esp-aes-256",
            Platform::Ios,
            "esp-aes-256",
            TransformProblem::NotOnPlatform { keyword: "esp-aes-256".into(), platform: Platform::Ios },
        ),
    ];
    for (text, platform, token, problem) in cases {
        let e = one(text, *platform);
        assert_eq!((e.line, e.column), (1, col(text, token)), "{text}");
        assert_eq!(e.kind, ParseErrorKind::Transform(problem.clone()), "{text}");
    }
    let t = "crypto ipsec transform-set t esp-des\n initialization-vector size 8";
    let e = one(t, Platform::Ios);
    assert_eq!((e.line, e.column), (2, col(t, "size")));
    assert_eq!(e.kind, ParseErrorKind::Transform(TransformProblem::IvSizeWithoutRfc1829));
}

#[test]
fn policy_attributes() {
    let t = "crypto isakmp policy 10\n encryption blowfish";
    let e = one(t, Platform::Ios);
    assert_eq!((e.line, e.column), (2, col(t, "blowfish")));
    assert!(expected_one_of(&e).contains(&"aes 256"));
    let t = "crypto isakmp policy 10\n frobnicate 3";
    let e = one(t, Platform::Asa8);
    assert_eq!(expected_one_of(&e), ["encryption", "hash", "authentication", "group", "lifetime"]);
    let t = "crypto isakmp policy 0";
    let e = one(t, Platform::Ios);
    assert_eq!(e.column, col(t, "0"));
    assert!(matches!(e.kind, ParseErrorKind::OutOfRange { min: 1, max: 65_535, .. }));
    // ASA lifetimes are 120-2,147,483,647 s (000:91).
    let t = "crypto ikev1 policy 10\n lifetime 100";
    let e = one(t, Platform::Asa9);
    assert!(matches!(e.kind, ParseErrorKind::OutOfRange { min: 120, max: 2_147_483_647, .. }));
    // ASA and PIX hashes are md5 and sha only.
    let t = "isakmp policy 10 hash sha256";
    let e = one(t, Platform::Pix);
    assert!(
        matches!(&e.kind, ParseErrorKind::NotOnPlatform { what: "hash", accepted, .. } if accepted == &["md5", "sha"])
    );
    // A trailing word.
    let t = "crypto isakmp policy 10\n group 2 5";
    let e = one(t, Platform::Ios);
    assert_eq!(
        (e.column, &e.kind),
        (col(t, "5"), &ParseErrorKind::Expected { expected: Expected::EndOfLine, found: Some("5".into()) })
    );
}

#[test]
fn map_entries() {
    let t = "crypto map M 10 set peer";
    let e = one(t, Platform::Asa8);
    assert_eq!(
        (e.column, &e.kind),
        (eol(t), &ParseErrorKind::Expected { expected: Expected::Value("a peer address or host name"), found: None })
    );
    assert_eq!(e.to_string(), "line 1, column 25: expected a peer address or host name, found the end of the line");
    let t = "crypto map M 10 set pfs group99";
    let e = one(t, Platform::Ios);
    assert_eq!(e.column, col(t, "group99"));
    assert!(expected_one_of(&e).contains(&"group14"));
    let t = "crypto map M 10 frobnicate";
    let e = one(t, Platform::Pix);
    assert!(expected_one_of(&e).contains(&"ipsec-isakmp"));
    let t = "crypto map M 10 set frobnicate 1";
    let e = one(t, Platform::Asa9);
    assert!(expected_one_of(&e).contains(&"transform-set"));
    let t = "crypto map M 99999 set peer 10.0.0.1";
    let e = one(t, Platform::Asa9);
    assert!(matches!(e.kind, ParseErrorKind::OutOfRange { max: 65_535, .. }));
    let t = "crypto dynamic-map D 10 set session-key inbound ah 300 00";
    assert!(matches!(one(t, Platform::Pix).kind, ParseErrorKind::OutsideBlock { .. }));
    let t = "crypto map M 10 set session-key inbound esp 300";
    let e = one(t, Platform::Pix);
    assert_eq!(expected_one_of(&e), ["cipher", "authenticator"]);
    let t = "crypto map M 10 set session-key inbound esp x cipher 00";
    assert_eq!(one(t, Platform::Pix).column, col(t, "x "));
}

#[test]
fn keys_never_appear_in_errors() {
    let t = "crypto isakmp key TOPSECRET adress 10.0.0.1";
    let e = one(t, Platform::Ios);
    assert_eq!(e.column, col(t, "adress"));
    assert_eq!(expected_one_of(&e), ["address", "hostname"]);
    assert!(!e.to_string().contains("TOPSECRET"));
    // Missing everything after the key.
    let e = one("crypto isakmp key TOPSECRET", Platform::Ios);
    assert!(!format!("{e} {e:?}").contains("TOPSECRET"));
    // Bad hex: the position, never the key.
    let t = "crypto map m 10 ipsec-manual\n set session-key inbound ah 256 00112233445566778899aabbccddeeffZZ";
    let e = one(t, Platform::Ios);
    assert_eq!(e.kind, ParseErrorKind::HexKey { what: "AH key", problem: HexProblem::NotHex(33) });
    assert!(!format!("{e} {e:?}").contains("00112233"));
    // A hex pre-shared key.
    let t = "tunnel-group 10.0.0.1 ipsec-attributes\n ikev2 local-authentication pre-shared-key hex ABCDE";
    let e = one(t, Platform::Asa9);
    assert_eq!(e.kind, ParseErrorKind::HexKey { what: "pre-shared key", problem: HexProblem::OddLength(5) });
    assert!(!format!("{e} {e:?}").contains("ABCDE"));
}

#[test]
fn unknown_crypto_commands_and_stray_sub_commands() {
    let t = "crypto frobnicate";
    let e = one(t, Platform::Ios);
    assert_eq!(e.column, col(t, "frobnicate"));
    assert!(expected_one_of(&e).contains(&"isakmp"));
    let t = "crypto isakmp frobnicate";
    assert!(expected_one_of(&one(t, Platform::Ios)).contains(&"policy"));
    let t = "crypto ipsec frobnicate";
    assert!(expected_one_of(&one(t, Platform::Ios)).contains(&"transform-set"));
    let t = "crypto ikev2 frobnicate";
    assert!(expected_one_of(&one(t, Platform::Asa9)).contains(&"policy"));
    let t = "set peer 10.0.0.1";
    assert_eq!(one(t, Platform::Ios).kind, ParseErrorKind::OutsideBlock { keyword: "set".into() });
    // Lenient: warnings, no errors.
    let (c, e) = parse_lossy(
        "crypto frobnicate\nset peer 10.0.0.1\n",
        ParseOptions { platform: Some(Platform::Ios), mode: Mode::Lenient },
    );
    assert!(e.is_empty());
    assert_eq!(c.warnings.len(), 2);
}

#[test]
fn acl_errors_come_from_policy_acl_with_their_position() {
    // The ASA guides' own A.3 line (000:608) has host bits set (DESIGN §3.12).
    let t = "access-list A deny ip 192.168.3.3 255.255.255.192 192.168.12.0 255.255.255.248";
    let e = one(t, Platform::Asa8);
    assert_eq!((e.line, e.column), (1, 23));
    assert!(matches!(e.kind, ParseErrorKind::Acl(policy_acl::ParseErrorKind::HostBits { .. })));
    let t = "ip access-list extended X\n permit ip 10.0.0.0 0.0.0.255 bogus";
    let e = one(t, Platform::Ios);
    assert_eq!((e.line, e.column), (2, col(t, "bogus")));
}

#[test]
fn every_error_is_reported_in_line_order() {
    let text = "\
crypto isakmp policy 10
 encryption rot13
crypto ipsec transform-set t esp-des esp-3des
crypto map m 10 ipsec-isakmp
 set pfs group99
 set peer 10.0.0.1
access-list 101 permit ip 10.0.0.1 0.0.0.255 any
crypto map m 20 set transform-set
";
    let e = errors(text, Platform::Ios);
    assert_eq!(e.iter().map(|x| x.line).collect::<Vec<_>>(), [2, 3, 5, 7, 8]);
    // The good lines are kept.
    let (c, e2) = parse_lossy(text, ParseOptions::strict(Platform::Ios));
    assert_eq!(e, e2);
    assert_eq!(c.map("m").unwrap().entries[0].settings.peers.len(), 1);
    assert!(c.map("m").unwrap().entries[0].settings.pfs.is_none(), "a rejected line changes nothing");
    let all = parse(text, ParseOptions::strict(Platform::Ios)).unwrap_err();
    assert!(all.to_string().ends_with("(and 4 more errors)"));
}

#[test]
fn values_out_of_range_and_bad_numbers() {
    let t = "crypto isakmp nat-traversal 5";
    assert!(matches!(one(t, Platform::Asa8).kind, ParseErrorKind::OutOfRange { min: 10, max: 3600, .. }));
    let t = "crypto map m 10 set security-association lifetime seconds 99999999999999999999";
    assert!(matches!(one(t, Platform::Ios).kind, ParseErrorKind::OutOfRange { .. }));
    let t = "crypto ipsec ikev2 ipsec-proposal p\n protocol esp encryption rot13";
    assert!(expected_one_of(&one(t, Platform::Asa9)).contains(&"aes-gcm-256"));
    let t = "crypto ipsec ikev2 ipsec-proposal p\n protocol ah encryption aes";
    assert_eq!(expected_one_of(&one(t, Platform::Asa9)), ["esp"]);
    let name = "x".repeat(65);
    let t = format!("crypto ipsec ikev2 ipsec-proposal {name}");
    assert!(matches!(one(&t, Platform::Asa9).kind, ParseErrorKind::OutOfRange { max: 64, .. }));
}

#[test]
fn garbage_never_panics() {
    let inputs = [
        "crypto",
        "crypto map",
        "crypto map m",
        "crypto map m 10 set",
        "crypto map m 10 set session-key",
        "crypto isakmp key",
        "crypto isakmp key 6",
        "isakmp policy",
        "crypto ipsec transform-set",
        "crypto ipsec security-association lifetime",
        "interface",
        "ip local pool",
        "ip local pool p 1.1.1.1-",
        "tunnel-group",
        "tunnel-group x ipsec-attributes\n ikev2 local-authentication pre-shared-key",
        "banner motd ^C",
        "nameif",
        "crypto ikev2 fragmentation mtu",
        "crypto map m 10 set peer ::::::",
        "\u{feff}crypto map m 10",
        "crypto map m 10 set pfs group",
        "Router(config)#",
        "x(config-if)# #",
    ];
    for p in [Platform::Ios, Platform::Asa8, Platform::Asa9, Platform::Pix] {
        for i in inputs {
            for mode in [Mode::Strict, Mode::Lenient] {
                let _ = parse_lossy(i, ParseOptions { platform: Some(p), mode });
            }
        }
    }
}
