//! Crypto map entries: completeness, limits, references, manual keys, duplicates.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use ipsec_core::algorithm::EncryptionAlgorithm;
use policy_acl::{AccessList, Action};

use super::{Code, Finding, Severity, cite};
use crate::model::{
    Config, CryptoMapSet, EntryKind, EntrySettings, MapEntry, Platform, RedefinitionKind, SessionKey, Transform,
    TransformSet,
};
use crate::parse::tables;

pub(super) fn check(cfg: &Config, out: &mut Vec<Finding>) {
    limits(cfg, out);
    redefinitions(cfg, out);
    for m in &cfg.maps {
        for e in &m.entries {
            static_entry(cfg, m, e, out);
        }
        map_level(cfg, m, out);
    }
    for d in &cfg.dynamic_maps {
        for e in &d.entries {
            let what = format!("crypto dynamic-map {} {}", d.name, e.seq);
            if e.settings.transform_sets.is_empty() && e.settings.ikev2_proposals.is_empty() {
                out.push(Finding::new(
                    Code::EntryNoTransform,
                    Severity::Warning,
                    Some(e.line),
                    format!(
                        "{what} has no transform set: it is the only statement a dynamic entry requires, and \
                         without it no peer's proposal can be accepted ({})",
                        cite(cfg.platform, ["003:927-931", "000:853", "001:1186", "004:428"])
                    ),
                ));
            }
            references(cfg, &what, &e.settings, true, out);
            transform_set_count(cfg, &what, &e.settings, true, out);
        }
        if cfg.platform == Platform::Asa9 && cfg.maps.iter().any(|m| m.name == d.name) {
            out.push(Finding::new(
                Code::MapNameClash,
                Severity::Error,
                d.entries.first().map(|e| e.line),
                format!(
                    "dynamic map {} has the name of a crypto map: ASA 9.x rejects a dynamic map that shares a name \
                     with a static one (001:614)",
                    d.name
                ),
            ));
        }
    }
    for b in &cfg.bindings {
        if cfg.map(&b.map).is_none_or(|m| m.entries.is_empty()) {
            out.push(Finding::new(
                Code::UndefinedMap,
                Severity::Warning,
                Some(b.line),
                format!(
                    "interface {} uses crypto map {}, which has no entries: it protects nothing",
                    b.interface, b.map
                ),
            ));
        }
    }
    manual_spis(cfg, out);
    pools(cfg, out);
}

fn limits(cfg: &Config, out: &mut Vec<Finding>) {
    if !cfg.platform.is_asa() {
        return;
    }
    let v1: Vec<_> = cfg.configured_isakmp_policies().collect();
    if v1.len() > tables::MAX_ASA_POLICIES {
        out.push(Finding::new(
            Code::TooManyPolicies,
            Severity::Error,
            v1.get(tables::MAX_ASA_POLICIES).map(|p| p.line),
            format!(
                "{} ISAKMP/IKEv1 policies: ASA allows at most 20 ({})",
                v1.len(),
                cite(cfg.platform, ["", "000:93", "001:118", ""])
            ),
        ));
    }
    let v2: Vec<_> = cfg.ikev2_policies.iter().filter(|p| p.priority.is_some()).collect();
    if v2.len() > tables::MAX_ASA_POLICIES {
        out.push(Finding::new(
            Code::TooManyPolicies,
            Severity::Error,
            v2.get(tables::MAX_ASA_POLICIES).map(|p| p.line),
            format!("{} IKEv2 policies: ASA 9.x allows at most 20 per IKE version (001:118)", v2.len()),
        ));
    }
}

fn redefinitions(cfg: &Config, out: &mut Vec<Finding>) {
    for r in &cfg.redefinitions {
        let (code, sev, msg) = match r.kind {
            RedefinitionKind::MapEntryType => (
                Code::EntryTypeConflict,
                Severity::Error,
                format!(
                    "crypto map {} is declared again (line {}) with another type; the first declaration (line {}) is \
                     kept: give the second entry its own sequence number",
                    r.name, r.line, r.first_line
                ),
            ),
            RedefinitionKind::TransformSet => (
                Code::Redefined,
                Severity::Info,
                format!(
                    "transform set {} is defined again; the definition on line {} replaces the one on line {}",
                    r.name, r.line, r.first_line
                ),
            ),
            RedefinitionKind::InterfaceMap => (
                Code::Redefined,
                Severity::Warning,
                format!(
                    "interface {} gets a second crypto map set on line {}: an interface has one set only, so it \
                     replaces the one from line {} ({})",
                    r.name,
                    r.line,
                    r.first_line,
                    cite(cfg.platform, ["003:748", "000:511", "001:670", "004:392"])
                ),
            ),
            RedefinitionKind::Key => (
                Code::Redefined,
                Severity::Info,
                format!("the pre-shared key for {} is given again; the key on line {} is in force", r.name, r.line),
            ),
        };
        out.push(Finding::new(code, sev, Some(r.line), msg));
    }
}

fn static_entry(cfg: &Config, m: &CryptoMapSet, e: &MapEntry, out: &mut Vec<Finding>) {
    let what = format!("crypto map {} {}", m.name, e.seq);
    let s = &e.settings;
    match &e.kind {
        EntryKind::Dynamic { dynamic_map, .. } => {
            if cfg.dynamic_map(dynamic_map).is_none_or(|d| d.entries.is_empty()) {
                out.push(Finding::new(
                    Code::UndefinedDynamicMap,
                    Severity::Warning,
                    Some(e.line),
                    format!(
                        "{what} refers to dynamic map {dynamic_map}, which is not defined: the entry matches nothing \
                         ({})",
                        cite(cfg.platform, ["003:979", "000:939", "001:1285", "004:724"])
                    ),
                ));
            }
            // A dynamic reference should be the last entry of its set.
            if let Some(last) = m.entries.iter().rfind(|x| !matches!(x.kind, EntryKind::Dynamic { .. }))
                && last.seq > e.seq
            {
                out.push(Finding::new(
                    Code::DynamicNotLast,
                    Severity::Warning,
                    Some(e.line),
                    format!(
                        "{what} refers to dynamic map {dynamic_map} but static entry {} comes after it: dynamic \
                             entries should have the highest sequence numbers so that static entries are \
                             evaluated first ({})",
                        last.seq,
                        cite(
                            cfg.platform,
                            ["003:902, 003:970, 002:357", "000:863, 000:936", "001:1198, 001:1282", "004:434, 004:721"]
                        )
                    ),
                ));
            }
            return;
        }
        EntryKind::Cisco => return,
        EntryKind::IpsecIsakmp | EntryKind::IpsecManual => {}
    }
    let manual = e.kind == EntryKind::IpsecManual;
    if s.match_address.is_none() {
        out.push(Finding::new(
            Code::EntryNoAcl,
            Severity::Warning,
            Some(e.line),
            format!(
                "{what} has no `match address`: the entry is incomplete and traffic reaching it is dropped ({}; \
                 DESIGN §3.7, §3.19)",
                cite(cfg.platform, ["003:839", "000:692", "001:841", "004:566"])
            ),
        ));
    }
    if s.peers.is_empty() {
        out.push(Finding::new(
            Code::EntryNoPeer,
            Severity::Warning,
            Some(e.line),
            format!(
                "{what} has no `set peer`: the entry is incomplete and traffic reaching it is dropped ({}; DESIGN \
                 §3.7, §3.19)",
                cite(cfg.platform, ["003:843", "000:692", "001:841", "004:580"])
            ),
        ));
    }
    if s.transform_sets.is_empty() && s.ikev2_proposals.is_empty() {
        out.push(Finding::new(
            Code::EntryNoTransform,
            Severity::Warning,
            Some(e.line),
            format!(
                "{what} has no transform set: no SA can be {} ({})",
                if manual { "installed" } else { "negotiated" },
                cite(cfg.platform, ["003:849, 003:789", "000:779", "001:1058", "004:591"])
            ),
        ));
    }
    references(cfg, &what, s, false, out);
    transform_set_count(cfg, &what, s, false, out);
    if manual {
        manual_entry(cfg, &what, e, out);
    }
}

/// Undefined ACLs, transform sets and proposals.
fn references(cfg: &Config, what: &str, s: &EntrySettings, dynamic: bool, out: &mut Vec<Finding>) {
    if let Some((acl, line)) = &s.match_address {
        match cfg.acls.get(acl) {
            None => {
                let (sev, effect) = match cfg.platform {
                    Platform::Ios => (
                        Severity::Warning,
                        if dynamic {
                            "IOS accepts it and drops every packet that reaches the entry (003:937, 002:324)"
                        } else {
                            "IOS accepts it and the entry protects nothing (003:937)"
                        },
                    ),
                    Platform::Pix => (Severity::Error, "PIX keeps no crypto map reference to a missing list (004:295)"),
                    _ => (Severity::Error, "ASA keeps no crypto map reference to a missing list (000:684, 001:833)"),
                };
                out.push(Finding::new(
                    Code::UndefinedAcl,
                    sev,
                    Some(*line),
                    format!("{what} matches access list {acl}, which is not defined: {effect}"),
                ));
            }
            Some(list) if list.aces().next().is_none() => out.push(Finding::new(
                Code::EmptyAcl,
                Severity::Warning,
                Some(*line),
                format!(
                    "{what} matches access list {acl}, which has no entries: every packet reaching the entry is \
                     dropped ({})",
                    cite(cfg.platform, ["002:324, 003:937", "000:684", "001:833", "004:295"])
                ),
            )),
            Some(_) => {}
        }
    }
    for (ts, line) in &s.transform_sets {
        if cfg.transform_set(ts).is_none() {
            out.push(Finding::new(
                Code::UndefinedTransformSet,
                Severity::Error,
                Some(*line),
                format!(
                    "{what} names transform set {ts}, which is not defined ({})",
                    cite(cfg.platform, ["003:849", "000:460", "001:84", "004:591"])
                ),
            ));
        }
    }
    for (p, line) in &s.ikev2_proposals {
        if cfg.ipsec_proposal(p).is_none() {
            out.push(Finding::new(
                Code::UndefinedProposal,
                Severity::Error,
                Some(*line),
                format!("{what} names IKEv2 IPsec proposal {p}, which is not defined (001:84, 001:1064)"),
            ));
        }
    }
}

fn transform_set_count(cfg: &Config, what: &str, s: &EntrySettings, dynamic: bool, out: &mut Vec<Finding>) {
    let (max, cites) = if dynamic {
        (tables::max_sets_dynamic(cfg.platform), ["002:314", "000:895", "001:1232", "004:682"])
    } else {
        (
            tables::max_sets_static(cfg.platform),
            ["003:851, 002:255", "000:450, 000:779", "001:586, 001:1058", "004:591"],
        )
    };
    if s.transform_sets.len() > max {
        // ASA 9.x: the guide gives 9 for dynamic entries (001:1232) but 11 for static ones
        // (001:1058), and ASDM's own default dynamic map lists 10: past 9 and up to 11 is a
        // warning, past 11 an error.
        let lenient_asa9 = dynamic && cfg.platform == Platform::Asa9 && s.transform_sets.len() <= 11;
        out.push(Finding::new(
            Code::TooManyTransformSets,
            if lenient_asa9 { Severity::Warning } else { Severity::Error },
            s.transform_sets.get(max).map(|x| x.1),
            format!(
                "{what} lists {} transform sets: {} allows at most {max} in a {} entry ({})",
                s.transform_sets.len(),
                cfg.platform,
                if dynamic { "dynamic" } else { "crypto map" },
                cite(cfg.platform, cites)
            ),
        ));
    }
    if s.ikev2_proposals.len() > tables::MAX_IKEV2_PROPOSALS {
        out.push(Finding::new(
            Code::TooManyTransformSets,
            Severity::Error,
            s.ikev2_proposals.get(tables::MAX_IKEV2_PROPOSALS).map(|x| x.1),
            format!(
                "{what} lists {} IKEv2 IPsec proposals: ASA 9.x allows at most 11 ({})",
                s.ikev2_proposals.len(),
                if dynamic { "001:1237" } else { "001:1064" }
            ),
        ));
    }
}

/// Map-level references: interfaces, local-address, the map bound nowhere, ACL reuse.
fn map_level(cfg: &Config, m: &CryptoMapSet, out: &mut Vec<Finding>) {
    let bound: Vec<_> = cfg.interfaces_using(&m.name).collect();
    if bound.is_empty() && !m.entries.is_empty() {
        out.push(Finding::new(
            Code::MapNotApplied,
            Severity::Info,
            m.entries.first().map(|e| e.line),
            format!(
                "crypto map {} is not applied to any interface, so it protects nothing ({})",
                m.name,
                cite(cfg.platform, ["003:984, 002:414", "000:631, 000:826", "001:810, 001:1157", "004:736"])
            ),
        ));
    }
    let knows_interfaces = !cfg.interface_names.is_empty() || !cfg.interface_addresses.is_empty();
    if knows_interfaces {
        for b in &bound {
            if cfg.platform != Platform::Ios && !interface_known(cfg, &b.interface) {
                out.push(Finding::new(
                    Code::UnknownInterface,
                    Severity::Info,
                    Some(b.line),
                    format!(
                        "crypto map {} is applied to interface {}, which this configuration does not name",
                        m.name, b.interface
                    ),
                ));
            }
        }
        if let Some((iface, line)) = &m.local_address
            && !interface_known(cfg, iface)
        {
            out.push(Finding::new(
                Code::UnknownInterface,
                Severity::Info,
                Some(*line),
                format!(
                    "crypto map {} takes its local address from interface {iface}, which this configuration does \
                         not name (003:1023, 002:439)",
                    m.name
                ),
            ));
        }
    }
    // One ACL in two entries of one set (003:584, 004:261; DESIGN §3.15).
    let mut seen: Vec<(&str, u32, u32)> = Vec::new();
    for e in &m.entries {
        if let Some((acl, line)) = &e.settings.match_address {
            if let Some((_, seq, _)) = seen.iter().find(|(a, _, _)| a == acl) {
                out.push(Finding::new(
                    Code::AclReused,
                    Severity::Warning,
                    Some(*line),
                    format!(
                        "crypto map {} {} matches access list {acl}, which entry {seq} of the same set already uses: \
                         the later entry only sees traffic the earlier one denies; use a different list per entry \
                         ({}; DESIGN §3.15)",
                        m.name,
                        e.seq,
                        cite(cfg.platform, ["003:584", "000:511-518", "001:670", "004:261"])
                    ),
                ));
            } else {
                seen.push((acl, e.seq, *line));
            }
        }
    }
}

fn interface_known(cfg: &Config, name: &str) -> bool {
    cfg.interface_names.iter().any(|n| n.name.eq_ignore_ascii_case(name) || n.hardware.eq_ignore_ascii_case(name))
        || cfg.interface_addresses.iter().any(|a| a.interface.eq_ignore_ascii_case(name))
        || cfg.bindings.iter().any(|b| b.interface.eq_ignore_ascii_case(name) && cfg.platform == Platform::Ios)
}

/// The rules of manual entries (003:762-822, 002:373-406, 004:747-897).
fn manual_entry(cfg: &Config, what: &str, e: &MapEntry, out: &mut Vec<Finding>) {
    let s = &e.settings;
    if s.peers.len() > 1 {
        out.push(Finding::new(
            Code::ManualPeers,
            Severity::Error,
            s.peers.get(1).map(|p| p.1),
            format!(
                "{what} is ipsec-manual and names {} peers: a manual entry takes exactly one ({})",
                s.peers.len(),
                cite(cfg.platform, ["003:785, 002:390", "003:785", "003:785", "004:805"])
            ),
        ));
    }
    if s.transform_sets.len() > 1 {
        out.push(Finding::new(
            Code::ManualTransformSets,
            Severity::Error,
            s.transform_sets.get(1).map(|t| t.1),
            format!(
                "{what} is ipsec-manual and names {} transform sets: a manual entry takes exactly one, the same as \
                 the peer's ({})",
                s.transform_sets.len(),
                cite(cfg.platform, ["003:793, 002:391", "003:793", "003:793", "004:767, 004:817"])
            ),
        ));
    }
    if let Some((acl, line)) = &s.match_address
        && let Some(list) = cfg.acls.get(acl)
    {
        let permits = list.aces().filter(|a| a.action == Action::Permit).count();
        if permits != 1 && list.aces().next().is_some() {
            out.push(Finding::new(
                Code::ManualPermits,
                Severity::Warning,
                Some(*line),
                if permits == 0 {
                    format!(
                        "{what} is ipsec-manual and access list {acl} permits nothing: the entry protects no traffic"
                    )
                } else {
                    format!(
                        "{what} is ipsec-manual and access list {acl} has {permits} permit entries: only the \
                             first is used, the others are ignored ({})",
                        cite(cfg.platform, ["003:601, 003:779, 002:389", "003:601", "003:601", "004:287, 004:793"])
                    )
                },
            ));
        }
    }
    let Some(ts) = s.transform_sets.first().and_then(|(n, _)| cfg.transform_set(n)) else { return };
    manual_keys(cfg, what, e, ts, out);
}

fn manual_keys(cfg: &Config, what: &str, e: &MapEntry, ts: &TransformSet, out: &mut Vec<Finding>) {
    let has_ah = ts.transforms.iter().any(|t| matches!(t, Transform::Ah(_) | Transform::AhRfc1828));
    let cipher = ts.transforms.iter().find_map(|t| match t {
        Transform::EspEncryption(c) => Some(*c),
        Transform::EspRfc1829 => Some(EncryptionAlgorithm::DesCbc),
        _ => None,
    });
    let auth = ts.transforms.iter().find_map(|t| match t {
        Transform::EspIntegrity(i) => Some(*i),
        _ => None,
    });
    let ah_alg = ts.transforms.iter().find_map(|t| match t {
        Transform::Ah(i) => Some(*i),
        _ => None,
    });
    let has_esp = cipher.is_some() || auth.is_some();
    let cite_keys = cite(cfg.platform, ["003:797-815, 002:392-393", "003:797-815", "003:797-815", "004:829-882"]);
    for inbound in [true, false] {
        let dir = if inbound { "inbound" } else { "outbound" };
        let find = |esp: bool| e.session_keys.iter().find(|k| k.inbound == inbound && k.esp == esp);
        if has_ah {
            match find(false) {
                Some(k) if k.cipher_or_ah_key.is_some() => {}
                _ => out.push(missing(what, e.line, &format!("{dir} AH session key"), &ts.name, cite_keys)),
            }
        }
        if has_esp {
            match find(true) {
                None => out.push(missing(what, e.line, &format!("{dir} ESP session key"), &ts.name, cite_keys)),
                Some(k) => {
                    if cipher.is_some_and(|c| c.key_len() > 0) && k.cipher_or_ah_key.is_none() {
                        out.push(missing(what, k.line, &format!("{dir} ESP cipher key"), &ts.name, cite_keys));
                    }
                    if auth.is_some() && k.authenticator.is_none() {
                        out.push(missing(what, k.line, &format!("{dir} ESP authenticator key"), &ts.name, cite_keys));
                    }
                }
            }
        }
    }
    for k in &e.session_keys {
        key_checks(what, k, has_ah, ah_alg, has_esp, cipher, auth, &ts.name, out);
    }
}

fn missing(what: &str, line: u32, key: &str, ts: &str, cites: &str) -> Finding {
    Finding::new(
        Code::ManualKeyMissing,
        Severity::Error,
        Some(line),
        format!("{what} has no {key}, which transform set {ts} needs: no SA can be installed ({cites})"),
    )
}

#[allow(clippy::too_many_arguments)]
fn key_checks(
    what: &str,
    k: &SessionKey,
    has_ah: bool,
    ah_alg: Option<ipsec_core::algorithm::IntegrityAlgorithm>,
    has_esp: bool,
    cipher: Option<EncryptionAlgorithm>,
    auth: Option<ipsec_core::algorithm::IntegrityAlgorithm>,
    ts: &str,
    out: &mut Vec<Finding>,
) {
    let dir = if k.inbound { "inbound" } else { "outbound" };
    let proto = if k.esp { "ESP" } else { "AH" };
    if !k.spi.is_assignable() {
        out.push(Finding::new(
            Code::ReservedSpi,
            Severity::Error,
            Some(k.line),
            format!(
                "{what}: {dir} {proto} SPI {} is reserved; SPIs 1-255 are reserved by IANA and 0 is never sent, so \
                 use 256 or above (RFC 4303 §2.1, RFC 4302 §2.4)",
                k.spi.0
            ),
        ));
    }
    let unused = |key: &str| {
        Finding::new(
            Code::ManualKeyUnused,
            Severity::Warning,
            Some(k.line),
            format!("{what}: the {dir} {key} is ignored, transform set {ts} has no such transform (004:838-854)"),
        )
    };
    let length = |key: &str, alg: &str, want: usize, got: usize, rfc: &str| {
        Finding::new(
            Code::ManualKeyLength,
            Severity::Error,
            Some(k.line),
            format!("{what}: the {dir} {key} is {got} bytes, {alg} needs {want} ({rfc})"),
        )
    };
    if !k.esp {
        if !has_ah {
            out.push(unused("AH key"));
        } else if let (Some(alg), Some(key)) = (ah_alg, &k.cipher_or_ah_key)
            && key.len() != alg.key_len()
        {
            out.push(length("AH key", &hmac_name(alg), alg.key_len(), key.len(), hmac_rfc(alg)));
        }
        return;
    }
    if !has_esp {
        out.push(unused("ESP key"));
        return;
    }
    if let Some(key) = &k.cipher_or_ah_key {
        match cipher {
            Some(c) if c.key_len() > 0 => {
                let want = if c.is_aead() || matches!(c, EncryptionAlgorithm::AesCtr(_)) {
                    c.keymat_len()
                } else {
                    c.key_len()
                };
                if key.len() != want {
                    out.push(length("ESP cipher key", c.name(), want, key.len(), cipher_rfc(c)));
                }
            }
            _ => out.push(unused("ESP cipher key")),
        }
    }
    if let Some(key) = &k.authenticator {
        match auth {
            Some(a) => {
                if key.len() != a.key_len() {
                    out.push(length("ESP authenticator key", &hmac_name(a), a.key_len(), key.len(), hmac_rfc(a)));
                }
            }
            None => out.push(unused("ESP authenticator key")),
        }
    }
}

fn hmac_name(a: ipsec_core::algorithm::IntegrityAlgorithm) -> String {
    format!("HMAC-{}", a.name().to_ascii_uppercase())
}

fn hmac_rfc(a: ipsec_core::algorithm::IntegrityAlgorithm) -> &'static str {
    use ipsec_core::algorithm::IntegrityAlgorithm as I;
    match a {
        I::HmacMd5_96 => "RFC 2403 §3",
        I::HmacSha1_96 => "RFC 2404 §3",
        I::AesXcbc96 => "RFC 3566 §4",
        _ => "RFC 4868 §2.1.1",
    }
}

fn cipher_rfc(c: EncryptionAlgorithm) -> &'static str {
    match c {
        EncryptionAlgorithm::DesCbc => "RFC 2405 §2.3",
        EncryptionAlgorithm::TripleDesCbc => "RFC 2451 §2.2",
        EncryptionAlgorithm::AesCbc(_) => "RFC 3602 §2.1",
        EncryptionAlgorithm::AesGcm(..) => "RFC 4106 §8.1",
        EncryptionAlgorithm::AesGmac(_) => "RFC 4543 §5",
        EncryptionAlgorithm::AesCtr(_) => "RFC 3686 §5.1",
        EncryptionAlgorithm::ChaCha20Poly1305 | EncryptionAlgorithm::Null => "RFC 7634 §2",
    }
}

/// The same inbound SPI and protocol in two manual entries: (SPI, destination, protocol)
/// identifies an SA (003:346), and the destination is this device.
fn manual_spis(cfg: &Config, out: &mut Vec<Finding>) {
    let mut seen: Vec<(u32, bool, String)> = Vec::new();
    for m in &cfg.maps {
        for e in m.entries.iter().filter(|e| e.kind == EntryKind::IpsecManual) {
            for k in e.session_keys.iter().filter(|k| k.inbound) {
                let here = format!("crypto map {} {}", m.name, e.seq);
                if let Some((_, _, other)) = seen.iter().find(|(s, esp, _)| *s == k.spi.0 && *esp == k.esp) {
                    out.push(Finding::new(
                        Code::DuplicateSpi,
                        Severity::Warning,
                        Some(k.line),
                        format!(
                            "{here}: inbound {} SPI {} is already used by {other}; an SA is identified by SPI, \
                             destination and protocol (003:346), so inbound packets cannot tell the two apart",
                            if k.esp { "ESP" } else { "AH" },
                            k.spi.0
                        ),
                    ));
                } else {
                    seen.push((k.spi.0, k.esp, here));
                }
            }
        }
    }
}

fn pools(cfg: &Config, out: &mut Vec<Finding>) {
    if let Some((pool, line)) = &cfg.client_address_pool
        && !cfg.pools.iter().any(|p| &p.name == pool)
    {
        out.push(Finding::new(
            Code::UndefinedPool,
            Severity::Warning,
            Some(*line),
            format!("the mode-config address pool {pool} is not defined with `ip local pool` (004:1294-1306)"),
        ));
    }
}

/// The ACL of an entry, if defined.
pub(super) fn acl_of<'a>(cfg: &'a Config, s: &EntrySettings) -> Option<&'a AccessList> {
    s.match_address.as_ref().and_then(|(n, _)| cfg.acls.get(n))
}
