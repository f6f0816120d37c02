//! Per-platform keyword tables: what each dialect accepts where, with the guide lines that say
//! so (and \[EXT\] where a value comes from a later release than the guide).

use ipsec_core::algorithm::{CiscoContext, DhGroup};

use crate::model::{AuthMethod, Platform};

/// `crypto` second words the parser reads.
pub(crate) const CRYPTO_KEYWORDS: &[&str] =
    &["isakmp", "ikev1", "ikev2", "ipsec", "map", "dynamic-map", "pki", "ca", "key", "keyring", "logging", "engine"];

/// `crypto` second words that are valid device syntax but not IPsec policy: skipped with a note
/// (with their indented block, e.g. certificate chains). IOS reads `keyring` itself (see
/// `parse::keyring`).
pub(crate) const CRYPTO_NOT_MODELLED: &[&str] = &[
    "pki",
    "ca",
    "key",
    "keyring",
    "logging",
    "engine",
    "call",
    "gdoi",
    "checkpoint",
    "vpn",
    "ssl",
    "identity",
    "mib",
    "webvpn",
    "ctcp",
    "dynamic-map-template",
    "provisioning",
    "wui",
];

/// `[crypto] isakmp` third words.
pub(crate) const ISAKMP_KEYWORDS: &[&str] = &[
    "policy",
    "key",
    "identity",
    "keepalive",
    "nat-traversal",
    "nat",
    "enable",
    "am-disable",
    "aggressive-mode",
    "client",
    "profile",
];

/// `[crypto] isakmp` third words that are valid syntax but not modelled (000:301-347,
/// 001:1330-1349, IOS).
pub(crate) const ISAKMP_NOT_MODELLED: &[&str] = &[
    "reload-wait",
    "disconnect-notify",
    "ipsec-over-tcp",
    "ctcp",
    "invalid-spi-recovery",
    "xauth",
    "peer",
    "fragmentation",
    "default",
    "log",
    "limit",
];

/// `crypto ikev1` third words.
pub(crate) const IKEV1_KEYWORDS: &[&str] = &["policy", "enable", "am-disable"];
/// `crypto ikev1` third words not modelled (001:501).
pub(crate) const IKEV1_NOT_MODELLED: &[&str] = &["ipsec-over-tcp", "limit", "remote-access"];

/// `crypto ikev2` third words.
pub(crate) const IKEV2_KEYWORDS: &[&str] = &["policy", "proposal", "enable", "fragmentation"];
/// `crypto ikev2` third words not modelled (IOS-XE profiles, ASA notify and limits; IOS reads
/// `keyring` itself, see `parse::keyring`).
pub(crate) const IKEV2_NOT_MODELLED: &[&str] = &[
    "keyring",
    "profile",
    "authorization",
    "remote-access",
    "notify",
    "cookie-challenge",
    "limit",
    "dpd",
    "nat",
    "redirect",
    "diagnose",
    "http-url",
    "window",
    "certificate-cache",
    "name-mangler",
    "client",
];

/// `crypto ipsec` third words.
pub(crate) const IPSEC_KEYWORDS: &[&str] = &["transform-set", "ikev1", "ikev2", "security-association"];
/// `crypto ipsec` third words not modelled.
pub(crate) const IPSEC_NOT_MODELLED: &[&str] = &[
    "profile",
    "client",
    "nat-transparency",
    "df-bit",
    "fragmentation",
    "inner-routing-lookup",
    "optional",
    "ipv4-fragmentation",
    "default",
    "selector",
    "recovery",
];

/// Crypto map entry sub-commands (block lines and the words after `crypto map NAME SEQ`).
pub(crate) const ENTRY_COMMANDS: &[&str] = &["match", "set", "description", "reverse-route", "qos", "exit"];

/// Map-level `crypto map NAME` commands.
pub(crate) const MAP_COMMANDS: &[&str] =
    &["interface", "local-address", "client", "isakmp", "isakmp-profile", "redundancy"];

/// `set` sub-commands of an entry.
pub(crate) const SET_COMMANDS: &[&str] = &[
    "peer",
    "transform-set",
    "ikev1",
    "ikev2",
    "pfs",
    "security-association",
    "session-key",
    "connection-type",
    "reverse-route",
    "nat-t-disable",
    "phase1-mode",
    "df-bit",
    "tfc-packets",
    "validate-icmp-errors",
];

/// `set` sub-commands that are valid syntax but not modelled.
pub(crate) const SET_NOT_MODELLED: &[&str] = &[
    "isakmp-profile",
    "ikev2-profile",
    "inheritance",
    "trustpoint",
    "nat",
    "ip",
    "identity",
    "security-policy",
    "mode",
    "default",
    "dynamic",
];

/// The transform keywords of IOS (003, 002 and the IOS command reference \[EXT\]).
pub(crate) const IOS_TRANSFORMS: &[&str] = &[
    "ah-md5-hmac",
    "ah-sha-hmac",
    "ah-sha256-hmac",
    "ah-sha384-hmac",
    "ah-sha512-hmac",
    "ah-rfc1828",
    "esp-des",
    "esp-3des",
    "esp-aes [128|192|256]",
    "esp-gcm [128|192|256]",
    "esp-gmac [128|192|256]",
    "esp-null",
    "esp-rfc1829",
    "esp-md5-hmac",
    "esp-sha-hmac",
    "esp-sha256-hmac",
    "esp-sha384-hmac",
    "esp-sha512-hmac",
    "comp-lzs",
];

/// The transform keywords of ASA 8.x/9.x (001:957-970) and PIX (004:538-542).
pub(crate) const ASA_TRANSFORMS: &[&str] = &[
    "esp-des",
    "esp-3des",
    "esp-aes",
    "esp-aes-192",
    "esp-aes-256",
    "esp-null",
    "esp-md5-hmac",
    "esp-sha-hmac",
    "esp-none",
    "ah-md5-hmac",
    "ah-sha-hmac",
];

/// ISAKMP/IKEv1 policy attributes.
pub(crate) const POLICY_ATTRIBUTES: &[&str] = &["encryption", "hash", "authentication", "group", "lifetime"];
/// ASA IKEv2 policy attributes (001:210-234).
pub(crate) const IKEV2_POLICY_ATTRIBUTES: &[&str] = &["encryption", "integrity", "prf", "group", "lifetime"];
/// IOS-XE IKEv2 proposal attributes (002:194-218).
pub(crate) const IKEV2_PROPOSAL_ATTRIBUTES: &[&str] = &["encryption", "integrity", "group", "prf"];

/// The catalogue context of ISAKMP policy keywords on a platform.
pub(crate) const fn isakmp_context(platform: Platform) -> CiscoContext {
    match platform {
        Platform::Ios => CiscoContext::IosIsakmpPolicy,
        _ => CiscoContext::AsaIsakmpPolicy,
    }
}

/// The catalogue context of transform keywords on a platform.
pub(crate) const fn transform_context(platform: Platform) -> CiscoContext {
    match platform {
        Platform::Ios => CiscoContext::IosTransformSet,
        _ => CiscoContext::AsaTransformSet,
    }
}

/// ISAKMP encryption keywords per platform (for messages).
pub(crate) const fn isakmp_encryptions(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Ios => &["des", "3des", "aes", "aes 128", "aes 192", "aes 256"],
        Platform::Pix => &["des", "3des", "aes", "aes-192", "aes-256"],
        Platform::Asa8 | Platform::Asa9 => &["aes", "aes-192", "aes-256", "des", "3des"],
    }
}

/// ISAKMP hash keywords per platform: IOS adds SHA-2 (002:60); ASA and PIX take `md5` and `sha`
/// (000:132, 001:152, 004:1101).
pub(crate) const fn isakmp_hashes(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Ios => &["md5", "sha", "sha256", "sha384", "sha512"],
        _ => &["md5", "sha"],
    }
}

/// ISAKMP authentication keywords per platform: IOS `rsa-encr` and `ecdsa-sig` \[EXT\]; ASA
/// 8.x `dsa-sig` (000:140); ASA 9.x (001:162) and PIX (004:1113) `pre-share` and `rsa-sig`;
/// ASA `crack` \[EXT\].
pub(crate) const fn isakmp_auths(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Ios => &["pre-share", "rsa-sig", "rsa-encr", "ecdsa-sig"],
        Platform::Asa8 => &["pre-share", "dsa-sig", "rsa-sig", "crack"],
        Platform::Asa9 => &["pre-share", "rsa-sig", "crack"],
        Platform::Pix => &["pre-share", "rsa-sig"],
    }
}

/// An authentication keyword.
pub(crate) fn auth_method(word: &str) -> Option<AuthMethod> {
    match word.to_ascii_lowercase().as_str() {
        "pre-share" => Some(AuthMethod::PreShare),
        "rsa-sig" => Some(AuthMethod::RsaSig),
        "rsa-encr" => Some(AuthMethod::RsaEncr),
        "dsa-sig" => Some(AuthMethod::DsaSig),
        "crack" => Some(AuthMethod::Crack),
        "ecdsa-sig" => Some(AuthMethod::EcdsaSig),
        _ => None,
    }
}

/// The keyword of an authentication method.
pub(crate) const fn auth_keyword(m: AuthMethod) -> &'static str {
    match m {
        AuthMethod::PreShare => "pre-share",
        AuthMethod::RsaSig => "rsa-sig",
        AuthMethod::RsaEncr => "rsa-encr",
        AuthMethod::DsaSig => "dsa-sig",
        AuthMethod::Crack => "crack",
        AuthMethod::EcdsaSig => "ecdsa-sig",
    }
}

/// ISAKMP policy DH groups per platform: IOS-XE 002:61-65 (+21 \[EXT\]); ASA 8.x 1/2/5/7
/// (000:148); ASA 9.x IKEv1 1/2/5 (001:172) plus the 9.x groups 14/19/20/21/24 \[EXT\]; PIX 1/2
/// (004:1131) plus 5 (PIX 6.3 \[EXT\]).
pub(crate) const fn isakmp_groups(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Ios => &["1", "2", "5", "14", "15", "16", "19", "20", "21", "24"],
        Platform::Asa8 => &["1", "2", "5", "7"],
        Platform::Asa9 => &["1", "2", "5", "14", "19", "20", "21", "24"],
        Platform::Pix => &["1", "2", "5"],
    }
}

/// ASA 9.x IKEv2 policy groups (001:230-233).
pub(crate) const IKEV2_POLICY_GROUPS: &[&str] = &["1", "2", "5", "14", "19", "20", "21", "24"];
/// IOS-XE IKEv2 proposal groups (002:209-218, +21 \[EXT\]).
pub(crate) const IKEV2_PROPOSAL_GROUPS: &[&str] = &["1", "2", "5", "14", "15", "16", "19", "20", "21", "24"];

/// `set pfs` groups per platform: IOS 11.3 group1/2 (003:873), IOS-XE 1/2/5/14/15/16/19/20/24
/// (002:261) +21 \[EXT\]; ASA 8.x 1/2/5/7 (000:812); ASA 9.x 1/2/5/14/19/20/21/24 (001:604); PIX
/// 1/2 (004:624) +5 (PIX 6.3 \[EXT\]).
pub(crate) const fn pfs_groups(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Ios => {
            &["group1", "group2", "group5", "group14", "group15", "group16", "group19", "group20", "group21", "group24"]
        }
        Platform::Asa8 => &["group1", "group2", "group5", "group7"],
        Platform::Asa9 => &["group1", "group2", "group5", "group14", "group19", "group20", "group21", "group24"],
        Platform::Pix => &["group1", "group2", "group5"],
    }
}

/// The DH group a number names, if the catalogue has it (group 7, EC2N-163, is not in the
/// catalogue).
pub(crate) fn group_number(word: &str) -> Option<DhGroup> {
    word.parse::<u16>().ok().and_then(DhGroup::from_number)
}

/// True when `word` is in `list` (ASCII case-insensitive).
pub(crate) fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// Transform sets per static crypto map entry: IOS 6 (003:851, 002:255), ASA 8.x 6 (000:450),
/// ASA 9.x 11 (001:586, 001:1058), PIX 6 (004:591).
pub(crate) const fn max_sets_static(platform: Platform) -> usize {
    match platform {
        Platform::Asa9 => 11,
        _ => 6,
    }
}

/// Transform sets (or IKEv1 sets) per dynamic map entry: IOS 6 (002:314), ASA 8.x 9
/// (000:895), ASA 9.x 9 (001:1232), PIX 9 (004:682).
pub(crate) const fn max_sets_dynamic(platform: Platform) -> usize {
    match platform {
        Platform::Ios => 6,
        _ => 9,
    }
}

/// IKEv2 IPsec proposals per entry on ASA 9.x: 11 static (001:1064) and dynamic (001:1237).
pub(crate) const MAX_IKEV2_PROPOSALS: usize = 11;

/// ISAKMP policies per device on ASA: 20 (000:93; per IKE version on 9.x, 001:118).
pub(crate) const MAX_ASA_POLICIES: usize = 20;
