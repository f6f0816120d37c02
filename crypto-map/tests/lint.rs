//! One test per finding code: the code, its severity and the line it names; the check
//! outcome; the two-configuration comparison.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

use core::net::IpAddr;

use crypto_map::lint::{Code, EntryRef, Finding, Severity, compare_entries, compare_peers};
use crypto_map::model::{Config, Platform};
use crypto_map::parse::{Mode, ParseOptions, parse, parse_lossy};

fn cfg(text: &str, platform: Platform, lenient: bool) -> Config {
    let mode = if lenient { Mode::Lenient } else { Mode::Strict };
    let (c, e) = parse_lossy(text, ParseOptions { platform: Some(platform), mode });
    assert!(e.is_empty(), "{text}\n{e:?}");
    c
}

/// A transform set and an ACL most cases need.
const IOS_BASE: &str = "\
crypto ipsec transform-set t esp-aes 256 esp-sha-hmac
access-list 101 permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255
access-list 102 permit ip 10.0.2.0 0.0.0.255 10.1.2.0 0.0.0.255
";

struct Case {
    code: Code,
    platform: Platform,
    lenient: bool,
    text: String,
    severity: Severity,
    line: Option<u32>,
}

fn case(code: Code, platform: Platform, text: &str, severity: Severity, line: Option<u32>) -> Case {
    Case { code, platform, lenient: false, text: text.into(), severity, line }
}

fn ios(code: Code, body: &str, severity: Severity, line: u32) -> Case {
    // The base has 3 lines: `line` counts from the first body line.
    case(code, Platform::Ios, &format!("{IOS_BASE}{body}"), severity, Some(line + 3))
}

fn manual(extra: &str) -> String {
    format!(
        "crypto ipsec transform-set m esp-des esp-md5-hmac\n\
         access-list 110 permit ip host 10.0.0.1 host 20.0.0.2\n\
         crypto map mm 10 ipsec-manual\n\
         \x20match address 110\n\
         \x20set peer 10.0.0.5\n\
         \x20set transform-set m\n{extra}"
    )
}

const MANUAL_KEYS: &str = " set session-key inbound esp 256 cipher 0011223344556677 authenticator 00112233445566778899aabbccddeeff\n \
set session-key outbound esp 257 cipher 0011223344556677 authenticator 00112233445566778899aabbccddeeff\n";

fn cases() -> Vec<Case> {
    use Code::*;
    use Platform::*;
    use Severity::*;
    let ok_entry = " match address 101\n set peer 10.0.0.1\n set transform-set t\n";
    let mut v = vec![
        Case {
            code: ParseWarning,
            platform: Ios,
            lenient: true,
            text: "crypto frobnicate\n".into(),
            severity: Warning,
            line: Some(1),
        },
        Case {
            code: AclHostBits,
            platform: Ios,
            lenient: true,
            text: "access-list 101 permit ip 10.0.0.1 0.0.0.255 any\n".into(),
            severity: Warning,
            line: Some(1),
        },
        case(AclRemark, Asa8, "access-list A permit ip any any\naccess-list A permit ip any any\n", Info, Some(2)),
        ios(EntryNoAcl, "crypto map m 10 ipsec-isakmp\n set peer 10.0.0.1\n set transform-set t\n", Warning, 1),
        ios(EntryNoPeer, "crypto map m 10 ipsec-isakmp\n match address 101\n set transform-set t\n", Warning, 1),
        ios(EntryNoTransform, "crypto map m 10 ipsec-isakmp\n match address 101\n set peer 10.0.0.1\n", Warning, 1),
        ios(
            TooManyTransformSets,
            "crypto map m 10 ipsec-isakmp\n match address 101\n set peer 10.0.0.1\n set transform-set t a b c d e f\n",
            Error,
            4,
        ),
        case(
            TooManyPolicies,
            Asa8,
            &(1..=21).map(|i| format!("isakmp policy {i} encryption aes-256\n")).collect::<String>(),
            Error,
            Some(21),
        ),
        ios(EntryTypeConflict, "crypto map m 1 ipsec-isakmp\ncrypto map m 1 ipsec-manual\n", Error, 2),
        case(
            MapNameClash,
            Asa9,
            "crypto map dyn 10 ipsec-isakmp dynamic dyn\ncrypto dynamic-map dyn 10 set ikev1 transform-set t\n",
            Error,
            Some(2),
        ),
        case(Redefined, Asa8, "crypto map a interface outside\ncrypto map b interface outside\n", Warning, Some(2)),
        case(UndefinedAcl, Asa8, "crypto map m 10 match address nope\n", Error, Some(1)),
        ios(UndefinedAcl, "crypto map m 10 ipsec-isakmp\n match address nope\n", Warning, 2),
        ios(EmptyAcl, "access-list 150 remark nothing yet\ncrypto map m 10\n match address 150\n", Warning, 3),
        ios(UndefinedTransformSet, "crypto map m 10 ipsec-isakmp\n set transform-set nope\n", Error, 2),
        case(UndefinedProposal, Asa9, "crypto map m 10 set ikev2 ipsec-proposal nope\n", Error, Some(1)),
        case(UndefinedProposal, Ios, "crypto ikev2 policy p\n proposal nope\n", Error, Some(2)),
        ios(
            UndefinedDynamicMap,
            &format!("crypto map m 10 ipsec-isakmp\n{ok_entry}crypto map m 20 ipsec-isakmp dynamic nope\n"),
            Warning,
            5,
        ),
        case(UndefinedMap, Ios, "interface Serial0\n crypto map nomap\n", Warning, Some(2)),
        case(
            UnknownInterface,
            Pix,
            "nameif ethernet0 outside security0\ncrypto map m 10 set peer 10.0.0.1\ncrypto map m interface dmz\n",
            Info,
            Some(3),
        ),
        case(UndefinedPool, Pix, "isakmp client configuration address-pool local nopool\n", Warning, Some(1)),
        case(ManualPeers, Ios, &manual(&format!(" set peer 10.0.0.6\n{MANUAL_KEYS}")), Error, Some(7)),
        case(ManualTransformSets, Ios, &manual(&format!(" set transform-set m t\n{MANUAL_KEYS}")), Error, Some(7)),
        case(
            ManualPermits,
            Ios,
            &format!("access-list 110 permit ip host 10.0.0.2 host 20.0.0.2\n{}", manual(MANUAL_KEYS)),
            Warning,
            Some(5),
        ),
        case(
            ManualKeyMissing,
            Ios,
            &manual(" set session-key inbound esp 256 cipher 0011223344556677\n"),
            Error,
            Some(7),
        ),
        case(
            ManualKeyLength,
            Ios,
            &manual(&MANUAL_KEYS.replacen("cipher 0011223344556677", "cipher 00112233445566778899aabbccddeeff", 1)),
            Error,
            Some(7),
        ),
        case(ReservedSpi, Ios, &manual(&MANUAL_KEYS.replacen("inbound esp 256", "inbound esp 100", 1)), Error, Some(7)),
        case(
            ManualKeyUnused,
            Ios,
            &manual(&format!("{MANUAL_KEYS} set session-key inbound ah 300 00112233445566778899aabbccddeeff\n")),
            Warning,
            Some(9),
        ),
        case(
            DuplicateSpi,
            Ios,
            &format!(
                "{}crypto map mm 20 ipsec-manual\n set session-key inbound esp 256 cipher 0011223344556677\n",
                manual(MANUAL_KEYS)
            ),
            Warning,
            Some(10),
        ),
        case(
            PermitAnyAny,
            Asa8,
            "access-list A permit ip any any\ncrypto map m 10 match address A\n",
            Warning,
            Some(1),
        ),
        case(
            AnyInCryptoAcl,
            Asa8,
            "access-list A permit ip 10.0.0.0 255.255.255.0 any\ncrypto map m 10 match address A\n",
            Info,
            Some(1),
        ),
        case(
            DynamicAnyNoDeny,
            Asa8,
            "access-list D permit ip 10.0.0.0 255.255.255.0 any\ncrypto dynamic-map d 10 match address D\n",
            Warning,
            Some(1),
        ),
        ios(
            DynamicNotLast,
            &format!(
                "crypto dynamic-map d 10\n set transform-set t\ncrypto map m 10 ipsec-isakmp dynamic d\ncrypto map m 20 ipsec-isakmp\n{ok_entry}"
            ),
            Warning,
            3,
        ),
        case(AesWeakGroup, Asa8, "crypto isakmp policy 10\n encryption aes-256\n group 2\n", Warning, Some(3)),
        case(
            RriAnyAny,
            Asa9,
            "access-list A extended permit ip any any\ncrypto map m 10 match address A\ncrypto map m 10 set reverse-route\n",
            Warning,
            Some(3),
        ),
        case(
            PfsGroupIkev1,
            Asa9,
            "crypto ipsec ikev1 transform-set t esp-aes esp-sha-hmac\ncrypto map m 10 set ikev1 transform-set t\ncrypto map m 10 set pfs group14\n",
            Warning,
            Some(3),
        ),
        ios(
            AclReused,
            &format!("crypto map m 10 ipsec-isakmp\n{ok_entry}crypto map m 20 ipsec-isakmp\n match address 101\n"),
            Warning,
            6,
        ),
        ios(DynamicNoAcl, "crypto dynamic-map d 10\n set transform-set t\n", Warning, 1),
        case(
            IncompleteIkev2Proposal,
            Ios,
            "crypto ikev2 proposal p\n encryption aes-cbc-256\n integrity sha256\n",
            Warning,
            Some(1),
        ),
        case(WeakEncryption, Ios, "crypto ipsec transform-set d esp-des esp-sha-hmac\n", Warning, Some(1)),
        case(WeakEncryption, Ios, "crypto ipsec transform-set d esp-3des esp-sha-hmac\n", Info, Some(1)),
        case(WeakIntegrity, Ios, "crypto isakmp policy 10\n encr aes\n hash md5\n group 14\n", Info, Some(3)),
        case(WeakGroup, Ios, "crypto isakmp policy 10\n encr aes\n group 1\n", Warning, Some(3)),
        case(WeakGroup, Asa8, "crypto isakmp policy 10\n encryption aes\n group 5\n", Info, Some(3)),
        case(
            GcmIntegrity,
            Asa9,
            "crypto ipsec ikev2 ipsec-proposal g\n protocol esp encryption aes-gcm-256\n protocol esp integrity sha-1\n",
            Error,
            Some(1),
        ),
        case(
            GcmIntegrity,
            Asa9,
            "crypto ikev2 policy 1\n encryption aes-gcm\n integrity sha\n group 14\n",
            Error,
            Some(1),
        ),
        case(
            IncompleteIpsecProposal,
            Asa9,
            "crypto ipsec ikev2 ipsec-proposal p\n protocol esp integrity sha-1\n",
            Error,
            Some(1),
        ),
        case(
            IncompleteIpsecProposal,
            Asa9,
            "crypto ipsec ikev2 ipsec-proposal p\n protocol esp encryption aes\n",
            Error,
            Some(1),
        ),
        case(TfcWithoutIkev2, Asa9, "crypto map m 10 set tfc-packets\n", Warning, Some(1)),
        case(
            DynamicRriNotIkev2,
            Asa9,
            "crypto map m 10 set ikev1 transform-set t\ncrypto map m 10 set reverse-route dynamic\n",
            Warning,
            Some(2),
        ),
        case(
            MultiplePeersIkev2,
            Asa9,
            "crypto map m 10 set ikev2 ipsec-proposal p\ncrypto map m 10 set peer 10.0.0.1 10.0.0.2\n",
            Warning,
            Some(2),
        ),
        case(AhOnAsa, Asa8, "crypto ipsec transform-set a ah-sha-hmac esp-aes\n", Warning, Some(1)),
        ios(
            PerHostAny,
            "access-list 120 permit ip 10.0.0.0 0.0.0.255 any\ncrypto map m 10\n match address 120\n set security-association level per-host\n",
            Info,
            4,
        ),
        ios(MapNotApplied, &format!("crypto map m 10 ipsec-isakmp\n{ok_entry}"), Info, 1),
        case(
            IkeNotEnabled,
            Asa8,
            "crypto map m 10 set peer 10.0.0.1\ncrypto map m interface outside\n",
            Warning,
            Some(2),
        ),
        case(NoIsakmpPolicy, Asa8, "crypto map m 10 set peer 10.0.0.1\n", Warning, None),
        case(
            MaskedKey,
            Asa9,
            "tunnel-group 10.0.0.1 ipsec-attributes\n ikev1 pre-shared-key *****\n",
            Warning,
            Some(2),
        ),
        ios(
            NoKeyForPeer,
            &format!(
                "crypto isakmp policy 10\n authentication pre-share\ncrypto isakmp key k address 10.9.0.0 255.255.0.0\ncrypto map m 10 ipsec-isakmp\n{ok_entry}"
            ),
            Warning,
            6,
        ),
    ];
    v.shrink_to_fit();
    v
}

fn find(findings: &[Finding], code: Code) -> Vec<&Finding> {
    findings.iter().filter(|f| f.code == code).collect()
}

#[test]
fn every_code_is_produced_with_its_severity_and_line() {
    let mut covered = Vec::new();
    for c in cases() {
        let config = cfg(&c.text, c.platform, c.lenient);
        let findings = config.lint();
        let hits = find(&findings, c.code);
        assert!(
            hits.iter().any(|f| f.severity == c.severity && f.line == c.line),
            "{} ({:?}): want {:?} at {:?}, got {hits:#?}\n{}",
            c.code,
            c.platform,
            c.severity,
            c.line,
            c.text
        );
        for f in &hits {
            assert!(!f.message.is_empty() && f.to_string().contains(c.code.as_str()));
        }
        covered.push(c.code);
    }
    let compare = [
        Code::NotMirrored,
        Code::SubsetOnly,
        Code::PeerNotNamed,
        Code::NoCommonTransform,
        Code::PfsMismatch,
        Code::NoEntryForPeer,
    ];
    for code in Code::ALL {
        assert!(covered.contains(code) || compare.contains(code), "no test for {code}");
    }
}

#[test]
fn the_guide_citation_is_in_the_message() {
    let c = cfg("crypto map OUTSIDE 10 match address 101\n", Platform::Asa8, false);
    let f = c.lint();
    let no_peer = find(&f, Code::EntryNoPeer)[0];
    assert_eq!(
        no_peer.message,
        "crypto map OUTSIDE 10 has no `set peer`: the entry is incomplete and traffic reaching it is dropped \
         (000:692; DESIGN §3.7, §3.19)"
    );
    assert_eq!(no_peer.to_string(), format!("line 1: warning CM011: {}", no_peer.message));
}

#[test]
fn a_clean_configuration_has_no_findings() {
    let c = cfg(
        "\
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key k address 192.0.2.2
crypto ipsec transform-set t esp-aes 256 esp-sha256-hmac
access-list 101 permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255
crypto map m 10 ipsec-isakmp
 match address 101
 set peer 192.0.2.2
 set transform-set t
 set pfs group14
interface Gi0/0
 ip address 192.0.2.1 255.255.255.0
 crypto map m
",
        Platform::Ios,
        false,
    );
    assert_eq!(c.lint(), [], "{:#?}", c.lint());
    assert!(c.check(true).is_ok());
}

#[test]
fn check_fails_on_errors_and_in_strict_mode_on_warnings() {
    // Incomplete entries are accepted: a warning, the check passes (DESIGN §3.19).
    let warn = cfg("crypto map m 10 ipsec-isakmp\n set peer 10.0.0.1\n", Platform::Ios, false);
    assert!(warn.check(false).is_ok());
    let e = warn.check(true).unwrap_err();
    assert!(e.strict && e.warnings > 0 && e.errors == 0);
    assert!(e.to_string().contains("strict"));
    let err = cfg("crypto map m 10 ipsec-isakmp\n set transform-set nope\n", Platform::Ios, false);
    let e = err.check(false).unwrap_err();
    assert_eq!(e.errors, 1);
}

#[test]
fn findings_are_sorted_by_line() {
    let c = cfg(
        "crypto map m 20 ipsec-isakmp\n set transform-set nope\ncrypto map m 10 ipsec-isakmp\n match address 1\n",
        Platform::Ios,
        false,
    );
    let lines: Vec<Option<u32>> = c.lint().iter().map(|f| f.line).collect();
    let mut sorted = lines.clone();
    sorted.sort_by_key(|l| (l.is_none(), *l));
    assert_eq!(lines, sorted);
}

// ---------------------------------------------------------------------------------------
// Two configurations.

const A: &str = "\
hostname A
crypto ipsec transform-set t esp-aes esp-sha-hmac
access-list 101 permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255
crypto map m 10 ipsec-isakmp
 match address 101
 set peer 192.0.2.2
 set transform-set t
interface Gi0/0
 ip address 192.0.2.1 255.255.255.0
 crypto map m
";

const B: &str = "\
hostname B
crypto ipsec transform-set t2 esp-sha-hmac esp-aes
access-list 101 permit ip 10.1.1.0 0.0.0.255 10.0.0.0 0.0.0.255
crypto map m 10 ipsec-isakmp
 match address 101
 set peer 192.0.2.1
 set transform-set t2
interface Gi0/0
 ip address 192.0.2.2 255.255.255.0
 crypto map m
";

fn ios_cfg(text: &str) -> Config {
    parse(text, ParseOptions::strict(Platform::Ios)).unwrap()
}

fn addr(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn mirrored_peers_have_no_findings() {
    let (a, b) = (ios_cfg(A), ios_cfg(B));
    assert_eq!(compare_peers(&a, addr("192.0.2.1"), &b, addr("192.0.2.2")), []);
    let e = EntryRef { map: "m", seq: 10 };
    assert_eq!(compare_entries(&a, e, &b, e), []);
}

#[test]
fn superset_is_refused_and_subset_works_one_way() {
    // B permits only one host of A's network: A's wider permit is refused by B (case 4), B's
    // narrower one is inside A's (case 3).
    let a = ios_cfg(A);
    let b = ios_cfg(&B.replace(
        "access-list 101 permit ip 10.1.1.0 0.0.0.255 10.0.0.0 0.0.0.255",
        "access-list 101 permit ip 10.1.1.0 0.0.0.255 host 10.0.0.5",
    ));
    let f = compare_peers(&a, addr("192.0.2.1"), &b, addr("192.0.2.2"));
    let not = find(&f, Code::NotMirrored);
    assert_eq!(not.len(), 1);
    assert!(
        not[0]
            .message
            .starts_with("A crypto map m 10 permits `permit ip 10.0.0.0 0.0.0.255 10.1.1.0 0.0.0.255` (line 3)")
    );
    assert_eq!((not[0].severity, not[0].line), (Severity::Warning, Some(3)));
    let sub = find(&f, Code::SubsetOnly);
    assert_eq!(sub.len(), 1);
    assert!(sub[0].message.starts_with("B crypto map m 10 permits"));
}

#[test]
fn peers_transform_sets_and_pfs() {
    let a = ios_cfg(&A.replace(" set peer 192.0.2.2", " set peer 192.0.2.9\n set pfs group14"));
    let b = ios_cfg(&B.replace("esp-sha-hmac esp-aes", "esp-sha-hmac esp-3des"));
    let e = EntryRef { map: "m", seq: 10 };
    let f = compare_entries(&a, e, &b, e);
    let codes: Vec<Code> = f.iter().map(|x| x.code).collect();
    assert_eq!(codes, [Code::PeerNotNamed, Code::NoCommonTransform, Code::PfsMismatch], "{f:#?}");
    assert!(f[0].message.contains("A crypto map m 10 does not name B (192.0.2.2) as peer (it names 192.0.2.9)"));
    assert_eq!(f[1].severity, Severity::Error);
    let b2 = ios_cfg(&B.replace(" set transform-set t2", " set transform-set t2\n set pfs group5"));
    let a2 = ios_cfg(&A.replace(" set transform-set t", " set transform-set t\n set pfs group14"));
    let f = compare_entries(&a2, e, &b2, e);
    assert_eq!(find(&f, Code::PfsMismatch).len(), 1);
    assert!(find(&f, Code::PfsMismatch)[0].message.contains("group 14"));
}

#[test]
fn devices_that_do_not_name_each_other() {
    let a = ios_cfg(A);
    let b = ios_cfg(&B.replace("set peer 192.0.2.1", "set peer 192.0.2.77"));
    let f = compare_peers(&a, addr("192.0.2.1"), &b, addr("192.0.2.2"));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code, Code::NoEntryForPeer);
    assert!(f[0].message.contains("no crypto map entry of B names 192.0.2.1"));
    let missing = compare_entries(&a, EntryRef { map: "m", seq: 99 }, &b, EntryRef { map: "m", seq: 10 });
    assert_eq!(missing[0].code, Code::NoEntryForPeer);
}

/// The ASA A/B/C example (000:605-617), A.3 written as a host: B and C need no cascade
/// (000:584); A's seq-2 permits (A.3 only) are subsets of B's mirror.
#[test]
fn asa_abc_example() {
    let a = parse(
        "\
hostname A
interface GigabitEthernet0/0
 nameif outside
 ip address 209.165.200.1 255.255.255.0
crypto ipsec transform-set NORMAL esp-aes esp-sha-hmac
crypto ipsec transform-set STRONG esp-aes-256 esp-sha-hmac
access-list cm1 deny ip host 192.168.3.3 192.168.12.0 255.255.255.248
access-list cm1 permit ip 192.168.3.0 255.255.255.192 192.168.12.0 255.255.255.248
access-list cm2 permit ip host 192.168.3.3 192.168.12.0 255.255.255.248
crypto map A 1 match address cm1
crypto map A 1 set peer 209.165.200.2
crypto map A 1 set transform-set NORMAL STRONG
crypto map A 2 match address cm2
crypto map A 2 set peer 209.165.200.2
crypto map A 2 set transform-set STRONG
crypto map A interface outside
",
        ParseOptions::strict(Platform::Asa8),
    )
    .unwrap();
    let b = parse(
        "\
hostname B
interface GigabitEthernet0/0
 nameif outside
 ip address 209.165.200.2 255.255.255.0
crypto ipsec transform-set NORMAL esp-aes esp-sha-hmac
crypto ipsec transform-set STRONG esp-aes-256 esp-sha-hmac
access-list cm1 permit ip 192.168.12.0 255.255.255.248 192.168.3.0 255.255.255.192
crypto map B 1 match address cm1
crypto map B 1 set peer 209.165.200.1
crypto map B 1 set transform-set NORMAL STRONG
crypto map B interface outside
",
        ParseOptions::strict(Platform::Asa8),
    )
    .unwrap();
    let f = compare_peers(&a, addr("209.165.200.1"), &b, addr("209.165.200.2"));
    assert!(find(&f, Code::NotMirrored).is_empty(), "{f:#?}");
    let sub = find(&f, Code::SubsetOnly);
    assert_eq!(sub.len(), 1, "{f:#?}");
    assert_eq!(sub[0].line, Some(9));
    assert!(find(&f, Code::NoCommonTransform).is_empty());
}

#[test]
fn transform_set_limits_per_platform_and_entry_kind() {
    let sets = |n: usize| (0..n).map(|i| format!("t{i}")).collect::<Vec<_>>().join(" ");
    let count = |text: &str, p: Platform| -> Vec<Severity> {
        cfg(text, p, false).lint().iter().filter(|f| f.code == Code::TooManyTransformSets).map(|f| f.severity).collect()
    };
    // Static entries: IOS 6 (003:851), ASA 8.x 6 (000:450), ASA 9.x 11 (001:1058), PIX 6 (004:591).
    assert_eq!(count(&format!("crypto map m 10 ipsec-isakmp\n set transform-set {}\n", sets(6)), Platform::Ios), []);
    assert_eq!(
        count(&format!("crypto map m 10 ipsec-isakmp\n set transform-set {}\n", sets(7)), Platform::Ios),
        [Severity::Error]
    );
    assert_eq!(count(&format!("crypto map m 10 set transform-set {}\n", sets(7)), Platform::Asa8), [Severity::Error]);
    assert_eq!(count(&format!("crypto map m 10 set ikev1 transform-set {}\n", sets(11)), Platform::Asa9), []);
    assert_eq!(
        count(&format!("crypto map m 10 set ikev1 transform-set {}\n", sets(12)), Platform::Asa9),
        [Severity::Error]
    );
    assert_eq!(count(&format!("crypto map m 10 set transform-set {}\n", sets(7)), Platform::Pix), [Severity::Error]);
    // Dynamic entries: ASA 8.x and PIX 9 (000:895, 004:682); ASA 9.x 9 by the guide (001:1232),
    // a warning up to the 11 of static entries; IKEv2 proposals 11 (001:1237).
    assert_eq!(count(&format!("crypto dynamic-map d 10 set transform-set {}\n", sets(9)), Platform::Pix), []);
    assert_eq!(
        count(&format!("crypto dynamic-map d 10 set transform-set {}\n", sets(10)), Platform::Asa8),
        [Severity::Error]
    );
    assert_eq!(
        count(&format!("crypto dynamic-map d 10 set ikev1 transform-set {}\n", sets(10)), Platform::Asa9),
        [Severity::Warning]
    );
    assert_eq!(
        count(&format!("crypto dynamic-map d 10 set ikev2 ipsec-proposal {}\n", sets(12)), Platform::Asa9),
        [Severity::Error]
    );
}
