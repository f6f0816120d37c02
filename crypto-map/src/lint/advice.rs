//! The guides' advice (ACL contents, algorithm choices, platform rules) and what the parser
//! accepted with a caveat.

use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::IpAddr;

use ipsec_core::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm, Strength};
use policy_acl::{AccessList, Ace, Action, AddressSpec, DiagnosticKind, ProtocolSpec};

use super::entries::acl_of;
use super::{Code, Finding, Severity, cite};
use crate::model::{AuthMethod, Config, EntryKind, EntrySettings, KeyScope, Peer, Platform, Transform};

/// Lenient-mode warnings and `policy-acl` diagnostics.
pub(super) fn parser_findings(cfg: &Config, out: &mut Vec<Finding>) {
    for w in &cfg.warnings {
        out.push(Finding::new(
            Code::ParseWarning,
            Severity::Warning,
            Some(w.line),
            format!("column {}: {} (accepted in lenient mode)", w.column, w.kind),
        ));
    }
    for d in &cfg.acls.diagnostics {
        let (code, sev) = match d.kind {
            DiagnosticKind::HostBitsMasked { .. } => (Code::AclHostBits, Severity::Warning),
            _ => (Code::AclRemark, Severity::Info),
        };
        let msg = match &d.kind {
            DiagnosticKind::HostBitsMasked { .. } => format!(
                "column {}: {}: the pair has host bits set, which is an error unless parsing is lenient (DESIGN §3.12; \
                 the ASA guides' own A.3 line, 000:608)",
                d.span.column, d.kind
            ),
            k => format!("column {}: {k}", d.span.column),
        };
        out.push(Finding::new(code, sev, Some(d.span.line), msg));
    }
}

pub(super) fn check(cfg: &Config, out: &mut Vec<Finding>) {
    crypto_acls(cfg, out);
    entries(cfg, out);
    algorithms(cfg, out);
    ike(cfg, out);
}

fn is_any(a: &AddressSpec) -> bool {
    match a {
        AddressSpec::Any | AddressSpec::Any4 | AddressSpec::Any6 => true,
        AddressSpec::Wildcard { addr, wildcard } => u32::from(*addr) == 0 && u32::from(*wildcard) == u32::MAX,
        AddressSpec::Netmask { addr, mask } => u32::from(*addr) == 0 && u32::from(*mask) == 0,
        AddressSpec::Prefix { len, .. } => *len == 0,
        _ => false,
    }
}

fn permit_any_any(ace: &Ace) -> bool {
    ace.action == Action::Permit && matches!(ace.protocol, ProtocolSpec::Ip) && is_any(&ace.src) && is_any(&ace.dst)
}

/// ACLs that crypto map entries use: `any` advice, once per list.
fn crypto_acls(cfg: &Config, out: &mut Vec<Finding>) {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    let mut dynamic_names: BTreeSet<&str> = BTreeSet::new();
    for m in &cfg.maps {
        for e in &m.entries {
            if let Some((a, _)) = &e.settings.match_address {
                names.insert(a);
            }
        }
    }
    for d in &cfg.dynamic_maps {
        for e in &d.entries {
            if let Some((a, _)) = &e.settings.match_address {
                names.insert(a);
                dynamic_names.insert(a);
            }
        }
    }
    let c_anyany = cite(cfg.platform, ["003:634", "000:694-699", "001:843-848", "004:313"]);
    let c_any = cite(cfg.platform, ["003:628-636", "000:701", "001:850", "004:311-315"]);
    for name in names {
        let Some(acl) = cfg.acls.get(name) else { continue };
        for ace in acl.aces() {
            if permit_any_any(ace) {
                out.push(Finding::new(
                    Code::PermitAnyAny,
                    Severity::Warning,
                    Some(ace.source.span.line),
                    format!(
                        "crypto access list {name} has `permit ip any any`: all outbound traffic is protected and sent \
                         to the peer, and every unprotected inbound packet (routing updates, NTP, ICMP echo...) is \
                         silently dropped; put deny lines before it for what must stay in clear ({c_anyany})"
                    ),
                ));
            } else if ace.action == Action::Permit && (is_any(&ace.src) || is_any(&ace.dst)) {
                out.push(Finding::new(
                    Code::AnyInCryptoAcl,
                    Severity::Info,
                    Some(ace.source.span.line),
                    format!(
                        "crypto access list {name} permits `any`: the guides advise specific networks, and deny lines \
                         before the permit for traffic that must stay in clear ({c_any})"
                    ),
                ));
            }
        }
        if dynamic_names.contains(name) {
            dynamic_any(cfg, name, acl, out);
        }
    }
}

/// A dynamic map ACL that permits `any` with no deny before it (003:939, 000:859).
fn dynamic_any(cfg: &Config, name: &str, acl: &AccessList, out: &mut Vec<Finding>) {
    let mut seen_deny = false;
    for ace in acl.aces() {
        if ace.action == Action::Deny {
            seen_deny = true;
            continue;
        }
        if (is_any(&ace.src) || is_any(&ace.dst)) && !seen_deny {
            out.push(Finding::new(
                Code::DynamicAnyNoDeny,
                Severity::Warning,
                Some(ace.source.span.line),
                format!(
                    "access list {name} of a dynamic map permits `any` with no deny before it: the list filters \
                     traffic as well as proposals, so deny multicast, broadcast and subnet broadcasts first ({})",
                    cite(cfg.platform, ["003:911, 003:939, 002:325", "000:859", "001:1192", "004:444"])
                ),
            ));
            return;
        }
    }
}

/// Entry-level advice.
fn entries(cfg: &Config, out: &mut Vec<Finding>) {
    let mut all: Vec<(String, &EntrySettings, u32, bool)> = Vec::new();
    for m in &cfg.maps {
        for e in &m.entries {
            if matches!(e.kind, EntryKind::IpsecIsakmp | EntryKind::IpsecManual) {
                all.push((format!("crypto map {} {}", m.name, e.seq), &e.settings, e.line, false));
            }
        }
    }
    for d in &cfg.dynamic_maps {
        for e in &d.entries {
            all.push((format!("crypto dynamic-map {} {}", d.name, e.seq), &e.settings, e.line, true));
        }
    }
    for (what, s, line, dynamic) in all {
        let acl = acl_of(cfg, s);
        let any_any =
            acl.is_some_and(|a| a.aces().any(|x| x.action == Action::Permit && is_any(&x.src) && is_any(&x.dst)));
        let any =
            acl.is_some_and(|a| a.aces().any(|x| x.action == Action::Permit && (is_any(&x.src) || is_any(&x.dst))));
        if dynamic && s.match_address.is_none() {
            out.push(Finding::new(
                Code::DynamicNoAcl,
                Severity::Warning,
                Some(line),
                format!(
                    "{what} has no `match address`: it accepts any flow the peer proposes ({})",
                    cite(cfg.platform, ["003:937, 002:326", "000:865", "001:1200", "004:454"])
                ),
            ));
        }
        if let Some((dynamic_rri, l)) = s.reverse_route {
            if any_any {
                out.push(Finding::new(
                    Code::RriAnyAny,
                    Severity::Warning,
                    Some(l),
                    format!(
                        "{what} injects reverse routes but its access list protects any to any: the injected route \
                         would replace the default route; do not use RRI with an any/any network (001:610)"
                    ),
                ));
            }
            if cfg.platform.is_asa() && dynamic_rri && (dynamic || s.ikev2_proposals.is_empty()) {
                out.push(Finding::new(
                    Code::DynamicRriNotIkev2,
                    Severity::Warning,
                    Some(l),
                    format!(
                        "{what}: `set reverse-route dynamic` applies only to IKEv2 static crypto map entries (001:618)"
                    ),
                ));
            }
        }
        if let Some(l) = s.per_host
            && any
        {
            out.push(Finding::new(
                Code::PerHostAny,
                Severity::Info,
                Some(l),
                format!(
                    "{what} asks for one SA set per host pair and its access list permits `any`: many streams \
                         can use up resources quickly (003:867, 002:260)"
                ),
            ));
        }
        if cfg.platform == Platform::Asa9 {
            if let Some(pfs) = &s.pfs
                && matches!(pfs.value, DhGroup::Modp2048 | DhGroup::Modp2048S256)
                && !s.transform_sets.is_empty()
            {
                let l = match pfs.origin {
                    crate::model::Origin::Line(l) => l,
                    crate::model::Origin::Default => line,
                };
                out.push(Finding::new(
                    Code::PfsGroupIkev1,
                    Severity::Warning,
                    Some(l),
                    format!(
                        "{what} uses IKEv1 transform sets with PFS group {}: ASA 9.x cannot configure groups 14 \
                             and 24 on a crypto map used with IKEv1 (001:606; 001:1125 lists group 14, ambiguity A9)",
                        pfs.value.number()
                    ),
                ));
            }
            if s.peers.len() > 1 && !s.ikev2_proposals.is_empty() {
                out.push(Finding::new(
                    Code::MultiplePeersIkev2,
                    Severity::Warning,
                    s.peers.get(1).map(|p| p.1),
                    format!(
                        "{what} lists {} peers with IKEv2: peer redundancy is supported with IKEv1 only (001:1298)",
                        s.peers.len()
                    ),
                ));
            }
        }
        if let Some((_, l)) = &s.tfc_packets
            && s.ikev2_proposals.is_empty()
        {
            out.push(Finding::new(
                Code::TfcWithoutIkev2,
                Severity::Warning,
                Some(*l),
                format!("{what}: `set tfc-packets` needs an IKEv2 IPsec proposal on the entry (001:646)"),
            ));
        }
    }
}

fn strength_severity(s: Strength) -> Option<Severity> {
    match s {
        Strength::Broken => Some(Severity::Warning),
        Strength::Deprecated => Some(Severity::Info),
        Strength::Acceptable | Strength::Recommended => None,
    }
}

const NGE: &str = "no longer recommended; use AES, SHA-2 and group 14 or higher (IOS-XE guide 002:40, Cisco NGE)";

fn weak_enc(out: &mut Vec<Finding>, e: EncryptionAlgorithm, line: u32, what: &str) {
    if let Some(sev) = strength_severity(e.strength()) {
        out.push(Finding::new(
            Code::WeakEncryption,
            sev,
            Some(line),
            format!("{what} uses {}: {NGE}", e.name().to_ascii_uppercase()),
        ));
    }
}

fn weak_integ(out: &mut Vec<Finding>, strength: Strength, name: &str, line: u32, what: &str) {
    if let Some(sev) = strength_severity(strength) {
        out.push(Finding::new(Code::WeakIntegrity, sev, Some(line), format!("{what} uses {name}: {NGE}")));
    }
}

fn weak_group(out: &mut Vec<Finding>, g: DhGroup, line: u32, what: &str) {
    if let Some(sev) = strength_severity(g.strength()) {
        out.push(Finding::new(
            Code::WeakGroup,
            sev,
            Some(line),
            format!("{what} uses Diffie-Hellman group {}: {NGE}", g.number()),
        ));
    }
}

fn line_of<T>(s: &crate::model::Setting<T>, fallback: u32) -> u32 {
    match s.origin {
        crate::model::Origin::Line(l) => l,
        crate::model::Origin::Default => fallback,
    }
}

/// Algorithm strength and the combinations the guides restrict.
fn algorithms(cfg: &Config, out: &mut Vec<Finding>) {
    for p in cfg.configured_isakmp_policies() {
        let what = format!("ISAKMP policy {}", p.priority);
        weak_enc(out, p.encryption.value, line_of(&p.encryption, p.line), &what);
        if p.hash.value == PrfAlgorithm::HmacMd5 {
            weak_integ(out, p.hash.value.strength(), "MD5", line_of(&p.hash, p.line), &what);
        }
        weak_group(out, p.group.value, line_of(&p.group, p.line), &what);
        if cfg.platform.is_asa()
            && p.encryption.value.aes_key_len().is_some()
            && matches!(p.group.value, DhGroup::Modp768 | DhGroup::Modp1024)
        {
            out.push(Finding::new(
                Code::AesWeakGroup,
                Severity::Warning,
                Some(line_of(&p.group, p.line)),
                format!(
                    "{what} uses AES with Diffie-Hellman group {}: to support AES key sizes, ISAKMP should use group 5 \
                     or higher ({})",
                    p.group.value.number(),
                    cite(cfg.platform, ["", "000:89", "001:205, 001:233", ""])
                ),
            ));
        }
    }
    for p in &cfg.ikev2_policies {
        let what = match (&p.priority, &p.name) {
            (Some(n), _) => format!("IKEv2 policy {n}"),
            (None, Some(n)) => format!("IKEv2 proposal {n}"),
            (None, None) => "IKEv2 policy".to_string(),
        };
        for e in &p.encryption {
            weak_enc(out, *e, p.line, &what);
        }
        if p.integrity.contains(&IntegrityAlgorithm::HmacMd5_96) {
            weak_integ(out, Strength::Deprecated, "MD5", p.line, &what);
        }
        for g in &p.groups {
            weak_group(out, *g, p.line, &what);
        }
        if p.priority.is_some() {
            let aead = p.encryption.iter().any(|e| e.is_aead());
            if aead && !p.integrity.is_empty() {
                out.push(Finding::new(
                    Code::GcmIntegrity,
                    Severity::Error,
                    Some(p.line),
                    format!("{what} uses AES-GCM with integrity algorithms: AES-GCM needs `integrity null` (001:216)"),
                ));
            }
            if cfg.platform.is_asa()
                && p.encryption.iter().any(|e| e.aes_key_len().is_some())
                && p.groups.iter().all(|g| matches!(g, DhGroup::Modp768 | DhGroup::Modp1024))
            {
                out.push(Finding::new(
                    Code::AesWeakGroup,
                    Severity::Warning,
                    Some(p.line),
                    format!("{what} uses AES with Diffie-Hellman groups below 5 only (001:233)"),
                ));
            }
        } else if p.encryption.is_empty() || p.integrity.is_empty() || p.groups.is_empty() {
            let missing: Vec<&str> = [
                (p.encryption.is_empty(), "encryption"),
                (p.integrity.is_empty(), "integrity"),
                (p.groups.is_empty(), "group"),
            ]
            .iter()
            .filter(|(m, _)| *m)
            .map(|(_, n)| *n)
            .collect();
            out.push(Finding::new(
                Code::IncompleteIkev2Proposal,
                Severity::Warning,
                Some(p.line),
                format!(
                    "{what} has no {}: a proposal is complete only with at least one encryption, integrity and group \
                     (002:103)",
                    missing.join(", ")
                ),
            ));
        }
    }
    for p in &cfg.ios_ikev2_policies {
        for (name, line) in &p.proposals {
            if !cfg.ikev2_policies.iter().any(|x| x.name.as_deref() == Some(name.as_str())) {
                out.push(Finding::new(
                    Code::UndefinedProposal,
                    Severity::Error,
                    Some(*line),
                    format!("IKEv2 policy {} names proposal {name}, which is not defined (002:191-193)", p.name),
                ));
            }
        }
    }
    for ts in &cfg.transform_sets {
        let what = format!("transform set {}", ts.name);
        for t in &ts.transforms {
            match t {
                Transform::EspEncryption(e) => weak_enc(out, *e, ts.line, &what),
                Transform::EspRfc1829 => weak_enc(out, EncryptionAlgorithm::DesCbc, ts.line, &what),
                Transform::EspIntegrity(i) | Transform::Ah(i) if *i == IntegrityAlgorithm::HmacMd5_96 => {
                    weak_integ(out, Strength::Deprecated, "HMAC-MD5", ts.line, &what);
                }
                Transform::AhRfc1828 => weak_integ(out, Strength::Broken, "keyed MD5 (RFC 1828)", ts.line, &what),
                _ => {}
            }
            if cfg.platform.is_asa() && matches!(t, Transform::Ah(_) | Transform::AhRfc1828) {
                out.push(Finding::new(
                    Code::AhOnAsa,
                    Severity::Warning,
                    Some(ts.line),
                    format!("{what} uses AH: the ASA guides offer ESP transforms only (001:957-970)"),
                ));
            }
        }
    }
    for p in &cfg.ipsec_proposals {
        let what = format!("IKEv2 IPsec proposal {}", p.name);
        for e in &p.encryption {
            weak_enc(out, *e, p.line, &what);
        }
        if p.integrity.contains(&IntegrityAlgorithm::HmacMd5_96) {
            weak_integ(out, Strength::Deprecated, "MD5", p.line, &what);
        }
        let aead = p.encryption.iter().any(|e| e.is_aead());
        let plain = p.encryption.iter().any(|e| !e.is_aead());
        if aead && !p.integrity.is_empty() {
            out.push(Finding::new(
                Code::GcmIntegrity,
                Severity::Error,
                Some(p.line),
                format!(
                    "{what} combines AES-GCM/GMAC with integrity algorithms: with GCM or GMAC the integrity must be \
                     null (001:1009, 001:1015)"
                ),
            ));
        }
        if p.encryption.is_empty() {
            out.push(Finding::new(
                Code::IncompleteIpsecProposal,
                Severity::Error,
                Some(p.line),
                format!("{what} has no `protocol esp encryption` (001:998-1006)"),
            ));
        } else if plain && p.integrity.is_empty() {
            out.push(Finding::new(
                Code::IncompleteIpsecProposal,
                Severity::Error,
                Some(p.line),
                format!(
                    "{what} has a non-combined cipher and no ESP integrity algorithm: ESP would carry no integrity \
                     (001:1012; RFC 4303 §3.2)"
                ),
            ));
        }
    }
    for m in &cfg.maps {
        for e in &m.entries {
            if let Some(p) = &e.settings.pfs {
                weak_group(out, p.value, line_of(p, e.line), &format!("crypto map {} {} PFS", m.name, e.seq));
            }
        }
    }
    for d in &cfg.dynamic_maps {
        for e in &d.entries {
            if let Some(p) = &e.settings.pfs {
                weak_group(out, p.value, line_of(p, e.line), &format!("crypto dynamic-map {} {} PFS", d.name, e.seq));
            }
        }
    }
}

/// IKE enablement, policies, keys.
fn ike(cfg: &Config, out: &mut Vec<Finding>) {
    let uses_ike = cfg
        .maps
        .iter()
        .any(|m| m.entries.iter().any(|e| matches!(e.kind, EntryKind::IpsecIsakmp | EntryKind::Dynamic { .. })));
    if cfg.platform.is_asa() && uses_ike {
        for b in &cfg.bindings {
            let enabled = cfg.ike.enabled_on.iter().any(|(i, _, _)| i.eq_ignore_ascii_case(&b.interface));
            if !enabled {
                out.push(Finding::new(
                    Code::IkeNotEnabled,
                    Severity::Warning,
                    Some(b.line),
                    format!(
                        "crypto map {} is applied to {} but IKE is not enabled there: add `{} enable {}` ({})",
                        b.map,
                        b.interface,
                        if cfg.platform == Platform::Asa9 { "crypto ikev1|ikev2" } else { "crypto isakmp" },
                        b.interface,
                        cite(cfg.platform, ["", "000:166-177", "001:236-243", ""])
                    ),
                ));
            }
        }
        if cfg.configured_isakmp_policies().next().is_none() && cfg.ikev2_policies.is_empty() {
            out.push(Finding::new(
                Code::NoIsakmpPolicy,
                Severity::Warning,
                None,
                format!(
                    "the configuration has IKE crypto map entries but no ISAKMP/IKE policy: a new ASA configuration has \
                     no default policy, so no IKE SA can be negotiated ({})",
                    cite(cfg.platform, ["", "000:103", "001:138", ""])
                ),
            ));
        }
    }
    for k in &cfg.keys {
        if k.is_masked() {
            out.push(Finding::new(
                Code::MaskedKey,
                Severity::Warning,
                Some(k.line),
                "the pre-shared key is `*****`: `show running-config` masks keys, so the real key is not in this text \
                 (use `more system:running-config`)"
                    .into(),
            ));
        }
    }
    let pre_share = cfg.configured_isakmp_policies().any(|p| p.authentication.value == AuthMethod::PreShare);
    if pre_share {
        for m in &cfg.maps {
            for e in m.entries.iter().filter(|e| e.kind == EntryKind::IpsecIsakmp) {
                for (peer, line) in &e.settings.peers {
                    if !has_key(cfg, peer) {
                        out.push(Finding::new(
                            Code::NoKeyForPeer,
                            Severity::Warning,
                            Some(*line),
                            format!(
                                "crypto map {} {}: no pre-shared key matches peer {}, so the pre-share policies cannot be \
                                 used with it ({})",
                                m.name,
                                e.seq,
                                peer_text(peer),
                                cite(cfg.platform, ["003:454", "000:75-77", "001:308-309", "004:971, 004:1230"])
                            ),
                        ));
                    }
                }
            }
        }
    }
}

pub(crate) fn peer_text(p: &Peer) -> String {
    match p {
        Peer::Address(a) => a.to_string(),
        Peer::Hostname(h) => h.clone(),
    }
}

fn has_key(cfg: &Config, peer: &Peer) -> bool {
    cfg.keys.iter().any(|k| match (&k.scope, peer) {
        (KeyScope::Address { address, mask }, Peer::Address(p)) => masked_eq(*p, *address, *mask),
        (KeyScope::Hostname(h), Peer::Hostname(p)) => h.eq_ignore_ascii_case(p),
        (KeyScope::TunnelGroup(g), p) => *g == peer_text(p),
        _ => false,
    })
}

fn masked_eq(p: IpAddr, a: IpAddr, m: IpAddr) -> bool {
    match (p, a, m) {
        (IpAddr::V4(p), IpAddr::V4(a), IpAddr::V4(m)) => u32::from(p) & u32::from(m) == u32::from(a) & u32::from(m),
        (IpAddr::V6(p), IpAddr::V6(a), IpAddr::V6(m)) => u128::from(p) & u128::from(m) == u128::from(a) & u128::from(m),
        _ => false,
    }
}
