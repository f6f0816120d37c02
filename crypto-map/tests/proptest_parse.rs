//! Property tests: the parser never panics on token soup made of the grammar's own keywords,
//! lint and every `show` command run on whatever it returns, and configuration lines printed
//! from a parsed configuration parse back to the same text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use crypto_map::model::Platform;
use crypto_map::parse::{Mode, ParseOptions, parse, parse_lossy};
use crypto_map::show::{Keys, ShowCommand, running_config};
use proptest::prelude::*;

const PLATFORMS: [Platform; 4] = [Platform::Ios, Platform::Asa8, Platform::Asa9, Platform::Pix];

const WORDS: &[&str] = &[
    "crypto",
    "isakmp",
    "ikev1",
    "ikev2",
    "ipsec",
    "map",
    "dynamic-map",
    "policy",
    "proposal",
    "key",
    "identity",
    "keepalive",
    "nat-traversal",
    "nat",
    "enable",
    "am-disable",
    "aggressive-mode",
    "disable",
    "client",
    "configuration",
    "address-pool",
    "local",
    "address",
    "hostname",
    "netmask",
    "no-xauth",
    "no-config-mode",
    "encryption",
    "encr",
    "hash",
    "authentication",
    "group",
    "lifetime",
    "seconds",
    "kilobytes",
    "unlimited",
    "integrity",
    "prf",
    "null",
    "transform-set",
    "ipsec-proposal",
    "protocol",
    "esp",
    "ah",
    "mode",
    "tunnel",
    "transport",
    "transport-require",
    "initialization-vector",
    "size",
    "security-association",
    "level",
    "per-host",
    "dummy",
    "pps",
    "ipsec-isakmp",
    "ipsec-manual",
    "dynamic",
    "discover",
    "cisco",
    "match",
    "set",
    "peer",
    "pfs",
    "session-key",
    "inbound",
    "outbound",
    "cipher",
    "authenticator",
    "interface",
    "local-address",
    "reverse-route",
    "connection-type",
    "answer-only",
    "nat-t-disable",
    "phase1-mode",
    "aggressive",
    "main",
    "df-bit",
    "clear-df",
    "tfc-packets",
    "validate-icmp-errors",
    "description",
    "tunnel-group",
    "type",
    "ipsec-attributes",
    "pre-shared-key",
    "local-authentication",
    "remote-authentication",
    "hex",
    "nameif",
    "security-level",
    "ip",
    "pool",
    "access-list",
    "permit",
    "deny",
    "any",
    "host",
    "extended",
    "object-group",
    "network",
    "network-object",
    "banner",
    "motd",
    "^C",
    "no",
    "exit",
    "end",
    "!",
    "des",
    "3des",
    "aes",
    "aes-192",
    "aes-256",
    "aes-gcm",
    "aes-gcm-256",
    "sha",
    "md5",
    "sha256",
    "sha-1",
    "sha-256",
    "pre-share",
    "rsa-sig",
    "esp-des",
    "esp-3des",
    "esp-aes",
    "esp-aes-256",
    "esp-null",
    "esp-none",
    "esp-sha-hmac",
    "esp-md5-hmac",
    "ah-sha-hmac",
    "ah-md5-hmac",
    "esp-rfc1829",
    "ah-rfc1828",
    "comp-lzs",
    "esp-gcm",
    "group1",
    "group2",
    "group5",
    "group7",
    "group14",
    "group15",
    "1",
    "2",
    "5",
    "7",
    "10",
    "14",
    "256",
    "300",
    "2700",
    "28800",
    "4608000",
    "65536",
    "0",
    "6",
    "8",
    "99999999999",
    "10.0.0.1",
    "10.0.0.0",
    "0.0.0.0",
    "255.255.255.0",
    "0.0.0.255",
    "255.255.255.255",
    "2001:db8::1",
    "2001:db8::/32",
    "outside",
    "inside",
    "Serial0",
    "mymap",
    "dyn",
    "myset",
    "101",
    "0123456789abcdef",
    "ZZ",
    "*****",
    "Router(config)#",
    "R(config-crypto-m)#",
    "#",
    ":",
];

fn soup() -> impl Strategy<Value = String> {
    let line = (any::<bool>(), prop::collection::vec(prop::sample::select(WORDS), 0..9))
        .prop_map(|(indent, words)| format!("{}{}", if indent { " " } else { "" }, words.join(" ")));
    prop::collection::vec(line, 0..25).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn token_soup_never_panics(text in soup()) {
        let _ = crypto_map::parse::detect_platform(&text);
        for platform in PLATFORMS {
            for mode in [Mode::Strict, Mode::Lenient] {
                let options = ParseOptions { platform: Some(platform), mode };
                let (config, errors) = parse_lossy(&text, options);
                prop_assert_eq!(parse(&text, options).is_err(), !errors.is_empty());
                for e in &errors {
                    prop_assert!(e.line >= 1 && e.column >= 1);
                }
                let _ = config.lint();
                let _ = config.check(true);
                for cmd in ShowCommand::ALL {
                    let _ = cmd.render(&config);
                }
                // Whatever was kept prints as lines that read back to the same text.
                let printed = running_config(&config, Keys::Revealed);
                let (again, _) = parse_lossy(&printed, ParseOptions { platform: Some(platform), mode: Mode::Lenient });
                prop_assert_eq!(running_config(&again, Keys::Revealed), printed.clone(), "{:?}\n{}", platform, text);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        for platform in PLATFORMS {
            let (config, _) = parse_lossy(&text, ParseOptions { platform: Some(platform), mode: Mode::Lenient });
            let _ = config.lint();
            for cmd in ShowCommand::ALL {
                let _ = cmd.render(&config);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Valid configurations from the grammar: they parse strictly, and print stably.

fn name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,6}"
}

fn octet() -> impl Strategy<Value = u8> {
    1u8..=254
}

fn ios_config() -> impl Strategy<Value = String> {
    let policy = (
        1u32..=50,
        prop::sample::select(vec!["des", "3des", "aes", "aes 256"]),
        prop::sample::select(vec!["md5", "sha", "sha256"]),
        prop::sample::select(vec!["pre-share", "rsa-sig"]),
        prop::sample::select(vec!["1", "2", "5", "14", "19"]),
        60u64..=86_400,
    )
        .prop_map(|(p, e, h, a, g, l)| {
            format!("crypto isakmp policy {p}\n encr {e}\n hash {h}\n authentication {a}\n group {g}\n lifetime {l}\n")
        });
    let tset = (
        name(),
        prop::sample::select(vec!["esp-des", "esp-3des", "esp-aes", "esp-aes 192", "esp-null"]),
        prop::sample::select(vec!["esp-sha-hmac", "esp-md5-hmac", "esp-sha256-hmac"]),
        any::<bool>(),
    )
        .prop_map(|(n, e, a, transport)| {
            format!("crypto ipsec transform-set T{n} {e} {a}\n{}", if transport { " mode transport\n" } else { "" })
        });
    let entry = (name(), 1u32..=1000, octet(), octet(), prop::option::of(prop::sample::select(vec!["group1", "group2", "group14"])), prop::option::of(120u64..=86_400), any::<bool>())
        .prop_map(|(m, seq, a, b, pfs, life, per_host)| {
            let mut s = format!(
                "access-list {} permit ip 10.{a}.0.0 0.0.255.255 10.{b}.0.0 0.0.255.255\ncrypto map M{m} {seq} ipsec-isakmp\n match address {}\n set peer 192.0.2.{a}\n set transform-set Tx\n",
                100 + seq % 99, 100 + seq % 99
            );
            if let Some(p) = pfs {
                s.push_str(&format!(" set pfs {p}\n"));
            }
            if let Some(l) = life {
                s.push_str(&format!(" set security-association lifetime seconds {l}\n"));
            }
            if per_host {
                s.push_str(" set security-association level per-host\n");
            }
            s
        });
    let key = (octet(), name()).prop_map(|(a, k)| format!("crypto isakmp key k{k} address 192.0.2.{a}\n"));
    (prop::collection::vec(policy, 0..3), prop::collection::vec(tset, 0..3), prop::collection::vec(entry, 0..4), prop::collection::vec(key, 0..3))
        .prop_map(|(p, t, e, k)| {
            format!("crypto ipsec transform-set Tx esp-aes 256 esp-sha-hmac\n{}{}{}{}interface Serial0\n ip address 192.0.2.254 255.255.255.0\n", p.concat(), k.concat(), t.concat(), e.concat())
        })
}

fn asa_config(nine: bool) -> impl Strategy<Value = String> {
    let ts_cmd = if nine { "crypto ipsec ikev1 transform-set" } else { "crypto ipsec transform-set" };
    let set_ts = if nine { "set ikev1 transform-set" } else { "set transform-set" };
    let policy_cmd = if nine { "crypto ikev1 policy" } else { "crypto isakmp policy" };
    let policy = (
        1u32..=20,
        prop::sample::select(vec!["des", "3des", "aes", "aes-256"]),
        prop::sample::select(vec!["md5", "sha"]),
        prop::sample::select(vec!["1", "2", "5"]),
        120u64..=86_400,
    )
        .prop_map(move |(p, e, h, g, l)| {
            format!(
                "{policy_cmd} {p}\n authentication pre-share\n encryption {e}\n hash {h}\n group {g}\n lifetime {l}\n"
            )
        });
    let entry = (name(), 1u32..=1000, octet(), octet(), prop::option::of(prop::sample::select(vec!["group1", "group2", "group5"])), prop::option::of(120u64..=86_400), any::<bool>())
        .prop_map(move |(m, seq, a, b, pfs, life, two_peers)| {
            let acl = format!("acl{m}{seq}");
            let mut s = format!(
                "access-list {acl} extended permit ip 10.{a}.0.0 255.255.0.0 10.{b}.0.0 255.255.0.0\ncrypto map M{m} {seq} match address {acl}\ncrypto map M{m} {seq} set peer 192.0.2.{a}{}\ncrypto map M{m} {seq} {set_ts} TS\n",
                if two_peers { " 192.0.2.255" } else { "" }
            );
            if let Some(p) = pfs {
                s.push_str(&format!("crypto map M{m} {seq} set pfs {p}\n"));
            }
            if let Some(l) = life {
                s.push_str(&format!("crypto map M{m} {seq} set security-association lifetime seconds {l}\n"));
            }
            s.push_str(&format!("crypto map M{m} interface outside\n"));
            s
        });
    let tg = (octet(), name()).prop_map(|(a, k)| {
        format!(
            "tunnel-group 192.0.2.{a} type ipsec-l2l\ntunnel-group 192.0.2.{a} ipsec-attributes\n pre-shared-key k{k}\n"
        )
    });
    (prop::collection::vec(policy, 0..3), prop::collection::vec(entry, 0..4), prop::collection::vec(tg, 0..2)).prop_map(
        move |(p, e, t)| format!("{ts_cmd} TS esp-aes-256 esp-sha-hmac\n{}{}{}", p.concat(), e.concat(), t.concat()),
    )
}

fn pix_config() -> impl Strategy<Value = String> {
    let policy = (1u32..=20, prop::sample::select(vec!["des", "3des"]), prop::sample::select(vec!["md5", "sha"]), prop::sample::select(vec!["pre-share", "rsa-sig"]), prop::sample::select(vec!["1", "2"]))
        .prop_map(|(p, e, h, a, g)| format!("isakmp policy {p} encryption {e}\nisakmp policy {p} hash {h}\nisakmp policy {p} authentication {a}\nisakmp policy {p} group {g}\n"));
    let entry = (1u32..=1000, octet(), octet(), any::<bool>())
        .prop_map(|(seq, a, b, manual)| {
            if manual {
                format!(
                    "access-list m{seq} permit ip host 10.0.0.{a} host 10.1.0.{b}\ncrypto map mymap {seq} ipsec-manual\ncrypto map mymap {seq} match address m{seq}\ncrypto map mymap {seq} set peer 192.0.2.{a}\ncrypto map mymap {seq} set transform-set TS\ncrypto map mymap {seq} set session-key inbound esp {} cipher 0011223344556677 authenticator 00112233445566778899aabbccddeeff00112233\n",
                    256 + seq
                )
            } else {
                format!(
                    "access-list a{seq} permit ip 10.{a}.0.0 255.255.0.0 10.{b}.0.0 255.255.0.0\ncrypto map mymap {seq} ipsec-isakmp\ncrypto map mymap {seq} match address a{seq}\ncrypto map mymap {seq} set peer 192.0.2.{a}\ncrypto map mymap {seq} set transform-set TS\n"
                )
            }
        });
    let key =
        (octet(), name()).prop_map(|(a, k)| format!("isakmp key k{k} address 192.0.2.{a} netmask 255.255.255.255\n"));
    (prop::collection::vec(policy, 0..3), prop::collection::vec(entry, 0..4), prop::collection::vec(key, 0..3)).prop_map(|(p, e, k)| {
        format!(
            "nameif ethernet0 outside security0\nip address outside 192.0.2.254 255.255.255.0\ncrypto ipsec transform-set TS esp-des esp-sha-hmac\n{}{}{}crypto map mymap interface outside\nisakmp enable outside\n",
            p.concat(),
            e.concat(),
            k.concat()
        )
    })
}

fn round_trip(text: &str, platform: Platform) -> Result<(), TestCaseError> {
    let first =
        parse(text, ParseOptions::strict(platform)).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
    prop_assert_eq!(crypto_map::parse::detect_platform(text), platform, "{}", text);
    let printed = running_config(&first, Keys::Revealed);
    let second = parse(&printed, ParseOptions::strict(platform))
        .map_err(|e| TestCaseError::fail(format!("{e:?}\n{printed}")))?;
    prop_assert_eq!(running_config(&second, Keys::Revealed), printed.clone());
    for cmd in ShowCommand::ALL {
        prop_assert_eq!(cmd.render(&first), cmd.render(&second), "{:?}\n{}", cmd, printed);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn ios_configurations_round_trip(text in ios_config()) {
        round_trip(&text, Platform::Ios)?;
    }

    #[test]
    fn asa8_configurations_round_trip(text in asa_config(false)) {
        round_trip(&text, Platform::Asa8)?;
    }

    #[test]
    fn asa9_configurations_round_trip(text in asa_config(true)) {
        round_trip(&text, Platform::Asa9)?;
    }

    #[test]
    fn pix_configurations_round_trip(text in pix_config()) {
        round_trip(&text, Platform::Pix)?;
    }
}
