//! Validation: what the guides say is wrong, incomplete or unwise in a configuration, as
//! [`Finding`]s with a severity, a stable code, the line and a message that cites the guide.
//!
//! [`lint`] (or [`Config::lint`]) checks one configuration; [`Config::check`] turns the
//! findings into a pass/fail answer, where only errors fail unless `strict` is asked for
//! (DESIGN §3.19: incomplete entries are warnings, and `check --strict` may fail on them).
//! [`compare_entries`] and [`compare_peers`] check two configurations against each other
//! (mirror-image ACLs, peers, transform sets, PFS).
//!
//! # Codes
//!
//! | code | severity | finding | source |
//! |---|---|---|---|
//! | CM001 | warning | a problem lenient parsing accepted | parser |
//! | CM002 | warning | ACL address/mask with host bits set (cleared in lenient mode) | DESIGN §3.12 |
//! | CM003 | info | other access-list remarks (duplicate ACE, `established`, lines not modelled) | policy-acl |
//! | CM010 | warning | static entry without `match address`: traffic reaching it is dropped | 000:692, 001:841, §3.19 |
//! | CM011 | warning | static entry without `set peer`: traffic reaching it is dropped | 000:692, 001:841, §3.19 |
//! | CM012 | warning | entry without a transform set / IKEv2 proposal: nothing can be negotiated | 003:849, 003:927, 000:853 |
//! | CM013 | error | more transform sets (or IKEv2 proposals) than the platform allows in one entry | 003:851, 000:450, 000:895, 001:1058, 001:1232, 001:1237, 004:591, 004:682 |
//! | CM014 | error | more than 20 ISAKMP/IKEv1 (or IKEv2) policies on ASA | 000:93, 001:118 |
//! | CM015 | error | an entry declared twice with different types | 002:247, 002:357 |
//! | CM016 | error | a static and a dynamic map share a name (ASA 9.x) | 001:614 |
//! | CM017 | info/warning | a definition replaced an earlier one (transform set, key; warning for an interface's map) | 003:748 |
//! | CM020 | error (ASA, PIX) / warning (IOS) | `match address` names an undefined ACL | 000:684, 004:295, 002:324 |
//! | CM021 | warning | `match address` names an ACL without any ACE: all traffic reaching the entry is dropped | 002:324, 003:937 |
//! | CM022 | error | `set transform-set` names an undefined transform set | 000:460, 001:84 |
//! | CM023 | error | an undefined IKEv2 IPsec proposal (ASA) or IKEv2 proposal (IOS-XE policy) | 001:84, 002:191 |
//! | CM024 | warning | `ipsec-isakmp dynamic` names an undefined dynamic map | 003:979 |
//! | CM025 | warning | an interface is bound to a crypto map set that has no entry | 003:984 |
//! | CM026 | info | an interface named by `crypto map ... interface` / `local-address` is not in the configuration | 003:1023 |
//! | CM027 | warning | an address pool is referenced but not defined | 004:1306 |
//! | CM030 | error | a manual entry with other than exactly one peer | 003:785, 004:805 |
//! | CM031 | error | a manual entry with other than exactly one transform set | 003:793, 004:817 |
//! | CM032 | warning | a manual entry's ACL with other than one permit ACE (later ones are ignored) | 003:601, 004:287 |
//! | CM033 | error | a manual entry lacks a session key its transform set needs | 003:797-815, 004:829-882 |
//! | CM034 | error | a manual key of the wrong length for its algorithm | RFC 2405, RFC 2451, RFC 3602, RFC 2403, RFC 2404 |
//! | CM035 | error | a manual SPI below 256 (reserved) | RFC 4303 §2.1, RFC 4302 §2.4 |
//! | CM036 | warning | a manual key for a protocol or algorithm the transform set does not have (ignored) | 004:838-854 |
//! | CM037 | warning | two manual entries use the same inbound SPI and protocol | 003:346 |
//! | CM040 | warning | `permit ip any any` in a crypto ACL | 003:634, 000:694, 004:313 |
//! | CM041 | info | `any` in a crypto ACL permit | 003:628, 000:701, 004:311 |
//! | CM042 | warning | a dynamic map permits `any` with no deny before it (broadcast, multicast) | 003:939, 000:859, 004:444 |
//! | CM043 | warning | a dynamic-map reference is not the last (highest) sequence number of its set | 003:902, 000:863, 004:434 |
//! | CM044 | warning | AES with a Diffie-Hellman group below 5 (ASA) | 000:89, 001:205 |
//! | CM045 | warning | reverse route injection on an entry whose ACL is any/any | 001:610 |
//! | CM046 | warning | PFS group 14 or 24 on an IKEv1 entry (ASA 9.x) | 001:606 |
//! | CM047 | warning | one ACL used by two entries of one map set | 003:584, 004:261, DESIGN §3.15 |
//! | CM048 | warning | a dynamic entry without an ACL accepts any flow the peer proposes | 002:326, 003:937 |
//! | CM049 | warning | an IKEv2 proposal without encryption, integrity or group (IOS-XE) | 002:103 |
//! | CM050 | warning/info | DES (warning) or 3DES (info) | 002:40 |
//! | CM051 | info | MD5 | 002:40 |
//! | CM052 | warning/info | Diffie-Hellman group 1 (warning) or 2, 5 (info) | 002:40, 002:65 |
//! | CM053 | error | AES-GCM/GMAC with an integrity algorithm other than null (ASA IKEv2) | 001:1009, 001:216 |
//! | CM054 | error | an IKEv2 IPsec proposal without encryption, or without integrity for a non-AEAD cipher | 001:1006-1015 |
//! | CM055 | warning | `set tfc-packets` on an entry without IKEv2 IPsec proposals | 001:646 |
//! | CM056 | warning | `set reverse-route dynamic` outside an IKEv2 static entry | 001:618 |
//! | CM057 | warning | several peers on an IKEv2 entry (redundancy is IKEv1 only) | 001:1298 |
//! | CM058 | warning | AH transforms on ASA (the ASA guides are ESP-only) | 001:957-970 |
//! | CM059 | info | `set security-association level per-host` with `any` | 003:867 |
//! | CM060 | info | a crypto map set bound to no interface | 003:984, 000:631 |
//! | CM061 | warning | a crypto map on an interface where IKE is not enabled (ASA) | 000:166-177, 001:236-243 |
//! | CM062 | warning | IKE entries but no ISAKMP/IKE policy (a new ASA configuration has none) | 000:103, 001:138 |
//! | CM063 | warning | a `*****` key (masked by `show running-config`) | — |
//! | CM064 | warning | no pre-shared key for a peer while the policies authenticate by pre-shared key | 004:971, 004:1230 |
//! | CM070 | warning | a permit of one side's ACL that the other side does not permit (superset: refused) | 003:622-624 |
//! | CM071 | info | a permit covered by the other side but not mirrored (works only one way) | 003:624 |
//! | CM072 | warning | an entry does not name the other device as peer | 003:738, 000:508 |
//! | CM073 | error | no transform set in common | 003:740, 000:509 |
//! | CM074 | warning | PFS settings that do not agree | 003:871, DESIGN §3.10 |
//! | CM075 | warning | no entry of one device names the other as peer | 003:732 |

mod advice;
mod entries;
mod mirror;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub use mirror::{EntryRef, compare_entries, compare_peers};

use crate::model::Config;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Advice.
    Info,
    /// Accepted by the device, but traffic is dropped, refused or weakly protected.
    Warning,
    /// The device rejects it, or it cannot work.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $code:literal,)*) => {
        /// A finding's stable code (`CM001`, ...); see the table in the module docs.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            /// Every code.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The code as printed (`CM010`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $code,)*
                }
            }
        }
    };
}

codes! {
    /// A problem lenient parsing accepted.
    ParseWarning = "CM001",
    /// ACL host bits set (cleared in lenient mode).
    AclHostBits = "CM002",
    /// Other access-list remarks.
    AclRemark = "CM003",
    /// Static entry without `match address`.
    EntryNoAcl = "CM010",
    /// Static entry without `set peer`.
    EntryNoPeer = "CM011",
    /// Entry without a transform set or proposal.
    EntryNoTransform = "CM012",
    /// Too many transform sets or proposals in one entry.
    TooManyTransformSets = "CM013",
    /// Too many ISAKMP/IKE policies.
    TooManyPolicies = "CM014",
    /// Entry declared twice with different types.
    EntryTypeConflict = "CM015",
    /// Static and dynamic map with the same name (ASA 9.x).
    MapNameClash = "CM016",
    /// A definition replaced an earlier one.
    Redefined = "CM017",
    /// Undefined ACL.
    UndefinedAcl = "CM020",
    /// ACL without ACEs.
    EmptyAcl = "CM021",
    /// Undefined transform set.
    UndefinedTransformSet = "CM022",
    /// Undefined IKEv2 proposal.
    UndefinedProposal = "CM023",
    /// Undefined dynamic map.
    UndefinedDynamicMap = "CM024",
    /// Interface bound to a map set without entries.
    UndefinedMap = "CM025",
    /// Interface not in the configuration.
    UnknownInterface = "CM026",
    /// Undefined address pool.
    UndefinedPool = "CM027",
    /// Manual entry peer count.
    ManualPeers = "CM030",
    /// Manual entry transform-set count.
    ManualTransformSets = "CM031",
    /// Manual entry ACL permit count.
    ManualPermits = "CM032",
    /// Manual session key missing.
    ManualKeyMissing = "CM033",
    /// Manual key length.
    ManualKeyLength = "CM034",
    /// Reserved SPI.
    ReservedSpi = "CM035",
    /// Manual key not used by the transform set.
    ManualKeyUnused = "CM036",
    /// Duplicate inbound manual SPI.
    DuplicateSpi = "CM037",
    /// `permit ip any any`.
    PermitAnyAny = "CM040",
    /// `any` in a crypto ACL.
    AnyInCryptoAcl = "CM041",
    /// Dynamic map `any` without denies.
    DynamicAnyNoDeny = "CM042",
    /// Dynamic-map reference not last.
    DynamicNotLast = "CM043",
    /// AES with a small DH group (ASA).
    AesWeakGroup = "CM044",
    /// RRI with any/any.
    RriAnyAny = "CM045",
    /// PFS group 14/24 with IKEv1 (ASA 9.x).
    PfsGroupIkev1 = "CM046",
    /// One ACL in two entries of one set.
    AclReused = "CM047",
    /// Dynamic entry without ACL.
    DynamicNoAcl = "CM048",
    /// Incomplete IOS-XE IKEv2 proposal.
    IncompleteIkev2Proposal = "CM049",
    /// DES / 3DES.
    WeakEncryption = "CM050",
    /// MD5.
    WeakIntegrity = "CM051",
    /// DH group 1, 2, 5.
    WeakGroup = "CM052",
    /// GCM/GMAC with non-null integrity.
    GcmIntegrity = "CM053",
    /// IKEv2 IPsec proposal incomplete.
    IncompleteIpsecProposal = "CM054",
    /// TFC without IKEv2.
    TfcWithoutIkev2 = "CM055",
    /// Dynamic RRI outside IKEv2 static entries.
    DynamicRriNotIkev2 = "CM056",
    /// Several peers with IKEv2.
    MultiplePeersIkev2 = "CM057",
    /// AH on ASA.
    AhOnAsa = "CM058",
    /// Per-host with any.
    PerHostAny = "CM059",
    /// Map set not applied.
    MapNotApplied = "CM060",
    /// IKE not enabled on a crypto interface (ASA).
    IkeNotEnabled = "CM061",
    /// No ISAKMP policy.
    NoIsakmpPolicy = "CM062",
    /// Masked key.
    MaskedKey = "CM063",
    /// No key for a peer.
    NoKeyForPeer = "CM064",
    /// Not mirrored: refused.
    NotMirrored = "CM070",
    /// Covered but not mirrored.
    SubsetOnly = "CM071",
    /// Peer not named.
    PeerNotNamed = "CM072",
    /// No common transform set.
    NoCommonTransform = "CM073",
    /// PFS mismatch.
    PfsMismatch = "CM074",
    /// No entry names the other device.
    NoEntryForPeer = "CM075",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub struct Finding {
    /// Stable code.
    pub code: Code,
    /// Severity.
    pub severity: Severity,
    /// The line it is about (`None` when it is about the configuration as a whole).
    pub line: Option<u32>,
    /// What, for a network engineer, with the guide line or RFC that says so.
    pub message: String,
}

impl fmt::Display for Finding {
    /// `line 12: warning CM011: crypto map OUTSIDE 10 has no ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = self.line {
            write!(f, "line {l}: ")?;
        }
        write!(f, "{} {}: {}", self.severity, self.code, self.message)
    }
}

impl Finding {
    pub(crate) fn new(code: Code, severity: Severity, line: Option<u32>, message: String) -> Self {
        Finding { code, severity, line, message }
    }
}

/// Why [`Config::check`] failed: errors, or (strict) warnings.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{errors} error(s) and {warnings} warning(s){}", if *.strict { " (strict: warnings fail)" } else { "" })]
pub struct CheckFailure {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Whether warnings failed the check.
    pub strict: bool,
    /// Every finding.
    pub findings: Vec<Finding>,
}

/// Checks one configuration. Findings come sorted by line (configuration-wide ones last),
/// then code.
#[must_use]
pub fn lint(config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    advice::parser_findings(config, &mut out);
    entries::check(config, &mut out);
    advice::check(config, &mut out);
    out.sort_by(|a, b| {
        let key = |f: &Finding| (f.line.is_none(), f.line, f.code);
        key(a).cmp(&key(b))
    });
    out.dedup();
    out
}

impl Config {
    /// [`lint`] this configuration.
    #[must_use]
    pub fn lint(&self) -> Vec<Finding> {
        lint(self)
    }

    /// Lints and decides: errors fail; with `strict`, warnings fail too (DESIGN §3.19).
    ///
    /// # Errors
    /// [`CheckFailure`] with every finding when the check fails.
    pub fn check(&self, strict: bool) -> Result<Vec<Finding>, CheckFailure> {
        let findings = lint(self);
        let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
        let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
        if errors > 0 || (strict && warnings > 0) {
            Err(CheckFailure { errors, warnings, strict, findings })
        } else {
            Ok(findings)
        }
    }
}

/// The guide lines that say something, per platform: (IOS, ASA 8.x, ASA 9.x, PIX).
pub(crate) fn cite(platform: crate::model::Platform, refs: [&'static str; 4]) -> &'static str {
    let [ios, asa8, asa9, pix] = refs;
    match platform {
        crate::model::Platform::Ios => ios,
        crate::model::Platform::Asa8 => asa8,
        crate::model::Platform::Asa9 => asa9,
        crate::model::Platform::Pix => pix,
    }
}
