//! IOS and PIX `show` output layouts (IOS command reference layouts, checked against public
//! samples; PIX `show isakmp policy` from the PIX guide, 004:1176-1193).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;

use ipsec_core::types::{EncapsulationMode, Lifetime};
use policy_acl::{AccessList, AclKind, Entry};

use super::names::{auth_text, enc_text, group_text, hash_text, transform_keyword};
use crate::model::{Config, EntryKind, EntrySettings, IsakmpPolicy, Peer, Platform, Transform, TransformSet};

macro_rules! ln {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

const IND: &str = "        ";

/// `Security association lifetime: 4608000 kilobytes/3600 seconds`.
pub(crate) fn lifetime_line(l: Lifetime) -> String {
    let kb = l.kilobytes.map_or_else(|| "unlimited".to_string(), |k| k.to_string());
    let s = l.seconds.map_or_else(|| "unlimited".to_string(), |k| k.to_string());
    format!("Security association lifetime: {kb} kilobytes/{s} seconds")
}

/// The lifetime an entry uses: its override over the global value.
fn entry_lifetime(cfg: &Config, s: &EntrySettings) -> Lifetime {
    let mut l = cfg.sa_lifetime.value;
    if let Some((o, _)) = &s.lifetime {
        if let Some(sec) = o.seconds {
            l.seconds = Some(sec);
        }
        if o.kilobytes_unlimited {
            l.kilobytes = None;
        } else if let Some(k) = o.kilobytes {
            l.kilobytes = Some(k);
        }
    }
    l
}

fn peer_text(p: &Peer) -> String {
    match p {
        Peer::Address(a) => a.to_string(),
        Peer::Hostname(h) => h.clone(),
    }
}

/// The ACL lines of an entry, IOS or PIX style.
fn acl_lines(cfg: &Config, out: &mut String, s: &EntrySettings) {
    let Some((name, _)) = &s.match_address else {
        ln!(out, "{IND}No matching address list set.");
        return;
    };
    let acl: Option<&AccessList> = cfg.acls.get(name);
    if cfg.platform == Platform::Pix {
        let n = acl.map_or(0, |a| a.aces().count());
        ln!(out, "{IND}access-list {name}; {n} elements");
        if let Some(a) = acl {
            for (i, ace) in a.aces().enumerate() {
                ln!(out, "{IND}access-list {name} line {} {ace}", i.saturating_add(1));
            }
        }
        return;
    }
    let kind = match acl.map(|a| a.kind) {
        Some(AclKind::IosIpv6) => "IPv6 access list",
        Some(AclKind::IosStandard) => "Standard IP access list",
        _ => "Extended IP access list",
    };
    ln!(out, "{IND}{kind} {name}");
    if let Some(a) = acl {
        for e in &a.entries {
            if let Entry::Ace(ace) = e {
                let mut ace = ace.clone();
                ace.sequence = None;
                ln!(out, "{IND}    access-list {name} {ace}");
            }
        }
    }
}

/// The common part of a static or dynamic entry.
fn entry_body(cfg: &Config, out: &mut String, s: &EntrySettings, manual: bool) {
    for (p, _) in &s.peers {
        ln!(out, "{IND}Peer = {}", peer_text(p));
    }
    acl_lines(cfg, out, s);
    if let Some((p, _)) = s.peers.first() {
        ln!(out, "{IND}Current peer: {}", peer_text(p));
    }
    if !manual {
        ln!(out, "{IND}{}", lifetime_line(entry_lifetime(cfg, s)));
        match &s.pfs {
            Some(g) => {
                ln!(out, "{IND}PFS (Y/N): Y");
                ln!(out, "{IND}DH group:  group{}", g.value.number());
            }
            None => ln!(out, "{IND}PFS (Y/N): N"),
        }
    }
    let mut sets = String::new();
    for (n, _) in &s.transform_sets {
        let _ = write!(sets, "{n}, ");
    }
    for (n, _) in &s.ikev2_proposals {
        let _ = write!(sets, "{n}, ");
    }
    ln!(out, "{IND}Transform sets={{ {sets}}}");
    if s.per_host.is_some() {
        ln!(out, "{IND}Security association level: per-host");
    }
    if s.reverse_route.is_some() {
        ln!(out, "{IND}Reverse Route Injection Enabled");
    }
}

/// `show crypto map` (IOS and PIX).
pub(crate) fn crypto_map(cfg: &Config) -> String {
    let mut out = String::new();
    for m in &cfg.maps {
        let ifaces: Vec<&str> = cfg.interfaces_using(&m.name).map(|b| b.interface.as_str()).collect();
        if cfg.platform == Platform::Pix {
            ln!(out, "Crypto Map: \"{}\" interfaces: {{ {} }}", m.name, ifaces.join(" "));
            if let Some((pool, _)) = &cfg.client_address_pool
                && !m.client_configuration_modes.is_empty()
            {
                let modes: Vec<&str> = m.client_configuration_modes.iter().map(|(x, _)| x.as_str()).collect();
                ln!(out, "{IND}client configuration address {} (pool {pool})", modes.join(" "));
            }
            if let Some((s, _)) = &m.client_authentication {
                ln!(out, "{IND}client authentication {s}");
            }
        }
        let family = if m.ipv6 { "IPv6 " } else { "" };
        for e in &m.entries {
            let kind = match &e.kind {
                EntryKind::IpsecIsakmp | EntryKind::Dynamic { .. } => "ipsec-isakmp",
                EntryKind::IpsecManual => "ipsec-manual",
                EntryKind::Cisco => "cisco",
            };
            ln!(out, "Crypto Map {family}\"{}\" {} {kind}", m.name, e.seq);
            match &e.kind {
                EntryKind::Dynamic { dynamic_map, discover } => {
                    ln!(out, "{IND}Dynamic map template tag: {dynamic_map}");
                    if *discover {
                        ln!(out, "{IND}Tunnel Endpoint Discovery: enabled");
                    }
                }
                EntryKind::Cisco => {}
                EntryKind::IpsecManual => {
                    entry_body(cfg, &mut out, &e.settings, true);
                    for k in &e.session_keys {
                        let dir = if k.inbound { "Inbound" } else { "Outbound" };
                        let proto = if k.esp { "ESP" } else { "AH" };
                        let mut line = format!("{IND}{dir} {proto} SPI: {} ({})", k.spi.0, k.spi);
                        if let Some(c) = &k.cipher_or_ah_key {
                            let _ = write!(line, ", {} key: {} bytes", if k.esp { "cipher" } else { "auth" }, c.len());
                        }
                        if let Some(a) = &k.authenticator {
                            let _ = write!(line, ", authenticator key: {} bytes", a.len());
                        }
                        ln!(out, "{line}");
                    }
                }
                EntryKind::IpsecIsakmp => entry_body(cfg, &mut out, &e.settings, false),
            }
        }
        if cfg.platform != Platform::Pix {
            ln!(out, "{IND}Interfaces using crypto map {}:", m.name);
            for i in ifaces {
                ln!(out, "{IND}{IND}{i}");
            }
            if let Some((la, _)) = &m.local_address {
                ln!(out, "{IND}Local address interface: {la}");
            }
        }
        out.push('\n');
    }
    out
}

/// `show crypto dynamic-map` (IOS and PIX).
pub(crate) fn dynamic_map(cfg: &Config) -> String {
    let mut out = String::new();
    for d in &cfg.dynamic_maps {
        for e in &d.entries {
            ln!(out, "Crypto Map Template \"{}\" {}", d.name, e.seq);
            entry_body(cfg, &mut out, &e.settings, false);
            out.push('\n');
        }
    }
    out
}

/// The protocol groups of a transform set, each shown on its own line.
fn groups(cfg: &Config, ts: &TransformSet) -> Vec<String> {
    let mut ah = Vec::new();
    let mut esp = Vec::new();
    let mut comp = Vec::new();
    for t in &ts.transforms {
        let kw = transform_keyword(cfg.platform, *t);
        match t {
            Transform::Ah(_) | Transform::AhRfc1828 => ah.push(kw),
            Transform::CompLzs => comp.push(kw),
            _ => esp.push(kw),
        }
    }
    // ESP lists the cipher before the authenticator, as IOS prints it.
    esp.sort_by_key(|k| k.contains("hmac") || k == "esp-none");
    [ah, esp, comp].into_iter().filter(|g| !g.is_empty()).map(|g| g.join(" ")).collect()
}

/// `show crypto ipsec transform-set` (IOS and PIX).
pub(crate) fn transform_sets(cfg: &Config) -> String {
    let mut out = String::new();
    for ts in &cfg.transform_sets {
        let mode = match ts.mode.value {
            EncapsulationMode::Tunnel => "Tunnel",
            EncapsulationMode::Transport => "Transport",
        };
        for (i, g) in groups(cfg, ts).iter().enumerate() {
            if i == 0 {
                ln!(out, "Transform set {}: {{ {g}  }}", ts.name);
            } else {
                ln!(out, "   {{ {g}  }}");
            }
            ln!(out, "   will negotiate = {{ {mode},  }},");
        }
        if let Some(iv) = &ts.iv_size {
            ln!(out, "   initialization vector size = {} bytes", iv.value);
        }
        out.push('\n');
    }
    out
}

fn suite(out: &mut String, p: &IsakmpPolicy, pix: bool) {
    let (ind, pad, dot) = if pix { ("  ", "", "") } else { (IND, " ", ".") };
    let enc = enc_text(p.encryption.value);
    let enc_dot = if enc.ends_with(')') { dot } else { "" };
    ln!(out, "{ind}encryption algorithm:  {pad}{enc}{enc_dot}");
    ln!(out, "{ind}hash algorithm:        {pad}{}", hash_text(p.hash.value));
    ln!(out, "{ind}authentication method: {pad}{}", auth_text(p.authentication.value));
    ln!(out, "{ind}Diffie-Hellman group:  {pad}{}", group_text(p.group.value));
    ln!(out, "{ind}lifetime:              {pad}{} seconds, no volume limit", p.lifetime.value);
}

/// `show crypto isakmp policy` (IOS) and `show isakmp policy` (PIX, 004:1176-1193).
pub(crate) fn isakmp_policy(cfg: &Config) -> String {
    let pix = cfg.platform == Platform::Pix;
    let mut out = String::new();
    if !pix {
        ln!(out, "Global IKE policy");
    }
    for p in &cfg.isakmp_policies {
        if p.is_default_suite() {
            ln!(out, "Default protection suite");
        } else if pix {
            ln!(out, "Protection suite priority {}", p.priority);
        } else {
            ln!(out, "Protection suite of priority {}", p.priority);
        }
        suite(&mut out, p, pix);
    }
    out
}
