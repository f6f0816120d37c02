//! The configuration as configuration lines, in the platform's own syntax (what `show
//! running-config` prints for the parts the model holds). The parser reads the output back to
//! the same model: printing, parsing and printing again gives the same text.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;
use core::net::IpAddr;

use ipsec_core::algorithm::CiscoContext;
use ipsec_core::types::EncapsulationMode;

use super::Keys;
use super::names::{auth_keyword, enc_keyword, integ_keyword, prf_keyword, transform_keyword};
use crate::model::{
    Config, ConnectionType, DfBit, DummyPackets, EntryKind, EntrySettings, FragmentationMethod, IdentityKind,
    IkeVersion, KeyDirection, KeyScope, MapEntry, Peer, PeerMatch, Phase1Mode, Platform, PreSharedKey, SessionKey,
};
use crate::parse::tables;

macro_rules! ln {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

fn key_text(k: &ipsec_core::SecretBytes, keys: Keys) -> String {
    match keys {
        Keys::Masked => String::from("*****"),
        Keys::Revealed => String::from_utf8_lossy(k.expose()).into_owned(),
    }
}

fn hex_text(k: &ipsec_core::SecretBytes, keys: Keys) -> String {
    match keys {
        Keys::Masked => String::from("*****"),
        Keys::Revealed => k.expose().iter().fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        }),
    }
}

fn is_host_mask(m: IpAddr) -> bool {
    match m {
        IpAddr::V4(v) => u32::from(v) == u32::MAX,
        IpAddr::V6(v) => u128::from(v) == u128::MAX,
    }
}

fn v6_prefix_len(m: IpAddr) -> u32 {
    match m {
        IpAddr::V6(v) => u128::from(v).leading_ones(),
        IpAddr::V4(v) => u32::from(v).leading_ones(),
    }
}

/// Every line, in the order the platform prints them.
pub(crate) fn render(cfg: &Config, keys: Keys) -> String {
    let mut out = String::new();
    let p = cfg.platform;
    if let Some(h) = &cfg.hostname {
        ln!(out, "hostname {h}");
    }
    if let Some(d) = &cfg.domain_name {
        if p == Platform::Ios {
            ln!(out, "ip domain-name {d}");
        } else {
            ln!(out, "domain-name {d}");
        }
    }
    match p {
        Platform::Ios => {
            out.push_str(&ios_ike(cfg, keys));
            out.push_str(&cfg.acls.to_string());
            out.push_str(&ipsec_lines(cfg));
            out.push_str(&map_lines(cfg, keys));
            out.push_str(&ios_interfaces(cfg));
            pools(cfg, &mut out);
        }
        Platform::Pix => {
            for n in &cfg.interface_names {
                match n.security_level {
                    Some(l) => ln!(out, "nameif {} {} security{l}", n.hardware, n.name),
                    None => ln!(out, "nameif {} {}", n.hardware, n.name),
                }
            }
            for a in &cfg.interface_addresses {
                ln!(out, "ip address {} {} {}", a.interface, a.address, a.mask);
            }
            out.push_str(&cfg.acls.to_string());
            out.push_str(&ipsec_lines(cfg));
            out.push_str(&map_lines(cfg, keys));
            out.push_str(&pix_ike(cfg, keys));
            pools(cfg, &mut out);
        }
        Platform::Asa8 | Platform::Asa9 => {
            asa_interfaces(cfg, &mut out);
            out.push_str(&cfg.acls.to_string());
            pools(cfg, &mut out);
            out.push_str(&ipsec_lines(cfg));
            out.push_str(&map_lines(cfg, keys));
            out.push_str(&asa_ike(cfg, keys));
            asa_tunnel_groups(cfg, keys, &mut out);
        }
    }
    out
}

fn pools(cfg: &Config, out: &mut String) {
    for pool in &cfg.pools {
        let mask = pool.mask.map(|m| format_args_string(format_args!(" mask {m}"))).unwrap_or_default();
        if cfg.platform == Platform::Ios {
            ln!(out, "ip local pool {} {} {}{mask}", pool.name, pool.start, pool.end);
        } else {
            ln!(out, "ip local pool {} {}-{}{mask}", pool.name, pool.start, pool.end);
        }
    }
}

fn format_args_string(a: core::fmt::Arguments<'_>) -> String {
    let mut s = String::new();
    let _ = s.write_fmt(a);
    s
}

/// IOS ISAKMP, keys and IKEv2 lines.
fn ios_ike(cfg: &Config, keys: Keys) -> String {
    let mut out = String::new();
    let d = cfg.platform.isakmp_defaults();
    for pol in cfg.configured_isakmp_policies() {
        ln!(out, "crypto isakmp policy {}", pol.priority);
        if pol.encryption.value != d.encryption {
            ln!(out, " encr {}", enc_keyword(pol.encryption.value, CiscoContext::IosIsakmpPolicy));
        }
        if pol.hash.value != d.hash {
            ln!(out, " hash {}", prf_keyword(pol.hash.value, CiscoContext::IosIsakmpPolicy));
        }
        if pol.authentication.value != d.authentication {
            ln!(out, " authentication {}", auth_keyword(pol.authentication.value));
        }
        if pol.group.value != d.group {
            ln!(out, " group {}", pol.group.value.number());
        }
        if pol.lifetime.value != d.lifetime {
            ln!(out, " lifetime {}", pol.lifetime.value);
        }
    }
    for k in cfg.keys.iter().filter(|k| k.keyring.is_none()) {
        ios_key(&mut out, k, keys);
    }
    ios_keyrings(cfg, &mut out, keys, IkeVersion::V1);
    ike_globals(cfg, &mut out, "crypto isakmp");
    for pr in cfg.ikev2_policies.iter().filter(|p| p.name.is_some()) {
        let ctx = CiscoContext::IosIkev2Proposal;
        ln!(out, "crypto ikev2 proposal {}", pr.name.as_deref().unwrap_or(""));
        if !pr.encryption.is_empty() {
            let v: Vec<String> = pr.encryption.iter().map(|e| enc_keyword(*e, ctx)).collect();
            ln!(out, " encryption {}", v.join(" "));
        }
        if !pr.integrity.is_empty() {
            let v: Vec<String> = pr.integrity.iter().map(|e| integ_keyword(*e, ctx)).collect();
            ln!(out, " integrity {}", v.join(" "));
        }
        if !pr.prf.is_empty() {
            let v: Vec<String> = pr.prf.iter().map(|e| prf_keyword(*e, ctx)).collect();
            ln!(out, " prf {}", v.join(" "));
        }
        if !pr.groups.is_empty() {
            let v: Vec<String> = pr.groups.iter().map(|g| g.number().to_string()).collect();
            ln!(out, " group {}", v.join(" "));
        }
    }
    for pol in &cfg.ios_ikev2_policies {
        ln!(out, "crypto ikev2 policy {}", pol.name);
        for (p, _) in &pol.proposals {
            ln!(out, " proposal {p}");
        }
    }
    ios_keyrings(cfg, &mut out, keys, IkeVersion::V2);
    out
}

/// `A`, `A MASK` or `PREFIX/LEN` (IPv6), as keyring lines write an address.
fn keyring_address(address: IpAddr, mask: IpAddr) -> String {
    match address {
        IpAddr::V6(_) => alloc::format!("{address}/{}", v6_prefix_len(mask)),
        IpAddr::V4(_) if is_host_mask(mask) => address.to_string(),
        IpAddr::V4(_) => alloc::format!("{address} {mask}"),
    }
}

/// IOS `crypto keyring` blocks (`version` V1) or IOS-XE `crypto ikev2 keyring` blocks (V2),
/// rebuilt from the keys that name them, in the order of their first key.
fn ios_keyrings(cfg: &Config, out: &mut String, keys: Keys, version: IkeVersion) {
    let mut rings: Vec<&str> = Vec::new();
    for r in cfg.keys.iter().filter_map(|k| k.keyring.as_ref()).filter(|r| r.version == version) {
        if !rings.contains(&r.name.as_str()) {
            rings.push(&r.name);
        }
    }
    for ring in rings {
        let members: Vec<&PreSharedKey> = cfg
            .keys
            .iter()
            .filter(|k| k.keyring.as_ref().is_some_and(|r| r.version == version && r.name == ring))
            .collect();
        if version == IkeVersion::V1 {
            ln!(out, "crypto keyring {ring}");
            for k in members {
                let ty = if k.stored_encrypted { "6 " } else { "" };
                let key = key_text(&k.key, keys);
                match &k.scope {
                    KeyScope::Address { address: a @ IpAddr::V6(_), mask } => {
                        ln!(out, " pre-shared-key address ipv6 {} key {ty}{key}", keyring_address(*a, *mask));
                    }
                    KeyScope::Address { address, mask } => {
                        ln!(out, " pre-shared-key address {} key {ty}{key}", keyring_address(*address, *mask));
                    }
                    KeyScope::Hostname(h) => ln!(out, " pre-shared-key hostname {h} key {ty}{key}"),
                    KeyScope::TunnelGroup(_) => {}
                }
            }
            continue;
        }
        ln!(out, "crypto ikev2 keyring {ring}");
        let mut peers: Vec<&str> = Vec::new();
        for k in &members {
            if let Some((p, _)) = k.keyring.as_ref().and_then(|r| r.peer.as_ref())
                && !peers.contains(&p.as_str())
            {
                peers.push(p);
            }
        }
        for peer in peers {
            ln!(out, " peer {peer}");
            let in_peer: Vec<(&PreSharedKey, PeerMatch)> = members
                .iter()
                .filter_map(|k| match k.keyring.as_ref().and_then(|r| r.peer.as_ref()) {
                    Some((p, by)) if p == peer => Some((*k, *by)),
                    _ => None,
                })
                .collect();
            let mut scopes: Vec<(&KeyScope, PeerMatch)> = Vec::new();
            let mut directions: Vec<KeyDirection> = Vec::new();
            for (k, by) in &in_peer {
                if !scopes.iter().any(|(s, b)| *s == &k.scope && b == by) {
                    scopes.push((&k.scope, *by));
                }
                if !directions.contains(&k.direction) {
                    directions.push(k.direction);
                }
            }
            for (scope, by) in scopes {
                match (scope, by) {
                    (KeyScope::Address { address, mask }, PeerMatch::Identity) if is_host_mask(*mask) => {
                        ln!(out, "  identity address {address}");
                    }
                    (KeyScope::Address { address, mask }, _) => {
                        ln!(out, "  address {}", keyring_address(*address, *mask));
                    }
                    (KeyScope::Hostname(h), PeerMatch::Identity) => ln!(out, "  identity fqdn {h}"),
                    (KeyScope::Hostname(h), _) => ln!(out, "  hostname {h}"),
                    (KeyScope::TunnelGroup(_), _) => {}
                }
            }
            for d in directions {
                let Some((k, _)) = in_peer.iter().find(|(k, _)| k.direction == d) else { continue };
                let side = match d {
                    KeyDirection::Both => "",
                    KeyDirection::Local => "local ",
                    KeyDirection::Remote => "remote ",
                };
                let ty = if k.stored_encrypted { "6 " } else { "" };
                ln!(out, "  pre-shared-key {side}{ty}{}", hexify(k, keys));
            }
        }
    }
}

fn ios_key(out: &mut String, k: &PreSharedKey, keys: Keys) {
    let ty = if k.stored_encrypted { "6 " } else { "" };
    let key = key_text(&k.key, keys);
    let flags = if k.no_xauth { " no-xauth" } else { "" };
    match &k.scope {
        KeyScope::Address { address: a @ IpAddr::V6(_), mask } => {
            ln!(out, "crypto isakmp key {ty}{key} address ipv6 {a}/{}{flags}", v6_prefix_len(*mask));
        }
        KeyScope::Address { address, mask } if is_host_mask(*mask) => {
            ln!(out, "crypto isakmp key {ty}{key} address {address}{flags}");
        }
        KeyScope::Address { address, mask } => ln!(out, "crypto isakmp key {ty}{key} address {address} {mask}{flags}"),
        KeyScope::Hostname(h) => ln!(out, "crypto isakmp key {ty}{key} hostname {h}{flags}"),
        KeyScope::TunnelGroup(_) => {}
    }
}

/// Identity, keepalive, NAT-T, enable and aggressive mode; `prefix` is `crypto isakmp` or
/// PIX's `isakmp`.
fn ike_globals(cfg: &Config, out: &mut String, prefix: &str) {
    let ike = &cfg.ike;
    if !ike.identity.is_default() {
        let id = match &ike.identity.value {
            IdentityKind::Address => "address".to_string(),
            IdentityKind::Hostname => "hostname".to_string(),
            IdentityKind::KeyId(k) => alloc::format!("key-id {k}"),
            IdentityKind::Auto => "auto".to_string(),
            IdentityKind::Dn => "dn".to_string(),
        };
        ln!(out, "{prefix} identity {id}");
    }
    if let Some(k) = &ike.keepalive {
        ln!(out, "{prefix} keepalive {} {}", k.value.0, k.value.1);
    }
    match (&ike.nat_traversal, cfg.platform) {
        (Some(n), Platform::Ios) => ln!(out, "crypto isakmp nat keepalive {}", n.value),
        (Some(n), _) if !n.is_default() => ln!(out, "{prefix} nat-traversal {}", n.value),
        (None, Platform::Asa9) => ln!(out, "no crypto isakmp nat-traversal"),
        _ => {}
    }
    for (iface, version, _) in &ike.enabled_on {
        match (cfg.platform, version) {
            (Platform::Asa9, IkeVersion::V1) => ln!(out, "crypto ikev1 enable {iface}"),
            (_, IkeVersion::V2) => ln!(out, "crypto ikev2 enable {iface}"),
            _ => ln!(out, "{prefix} enable {iface}"),
        }
    }
    if ike.aggressive_mode_disabled.is_some() {
        match cfg.platform {
            Platform::Ios => ln!(out, "crypto isakmp aggressive-mode disable"),
            Platform::Asa9 => ln!(out, "crypto ikev1 am-disable"),
            _ => ln!(out, "{prefix} am-disable"),
        }
    }
    if ike.ikev2_fragmentation_disabled.is_some() {
        ln!(out, "no crypto ikev2 fragmentation");
    } else {
        if let Some(m) = &ike.ikev2_fragmentation_mtu {
            ln!(out, "crypto ikev2 fragmentation mtu {}", m.value);
        }
        if !ike.ikev2_fragmentation_preferred.is_default()
            && ike.ikev2_fragmentation_preferred.value == FragmentationMethod::Cisco
        {
            ln!(out, "crypto ikev2 fragmentation preferred-method cisco");
        }
    }
    if let Some((pool, _)) = &cfg.client_address_pool {
        ln!(out, "{prefix} client configuration address-pool local {pool}");
    }
}

/// Transform sets, IKEv2 IPsec proposals, the global lifetime.
fn ipsec_lines(cfg: &Config) -> String {
    let mut out = String::new();
    let p = cfg.platform;
    let ts_cmd = if p == Platform::Asa9 { "crypto ipsec ikev1 transform-set" } else { "crypto ipsec transform-set" };
    for ts in &cfg.transform_sets {
        let v: Vec<String> = ts.transforms.iter().map(|t| transform_keyword(p, *t)).collect();
        ln!(out, "{ts_cmd} {} {}", ts.name, v.join(" "));
        let transport = ts.mode.value == EncapsulationMode::Transport;
        if p == Platform::Ios {
            if transport {
                ln!(out, " mode transport");
            }
            if let Some(iv) = &ts.iv_size
                && !iv.is_default()
            {
                ln!(out, " initialization-vector size {}", iv.value);
            }
        } else if transport {
            ln!(out, "{ts_cmd} {} mode transport", ts.name);
        }
    }
    for pr in &cfg.ipsec_proposals {
        let ctx = CiscoContext::AsaIkev2IpsecProposal;
        ln!(out, "crypto ipsec ikev2 ipsec-proposal {}", pr.name);
        if !pr.encryption.is_empty() {
            let v: Vec<String> = pr.encryption.iter().map(|e| enc_keyword(*e, ctx)).collect();
            ln!(out, " protocol esp encryption {}", v.join(" "));
        }
        let mut v: Vec<String> = pr.integrity.iter().map(|e| integ_keyword(*e, ctx)).collect();
        if pr.integrity_null {
            v.push("null".to_string());
        }
        if !v.is_empty() {
            ln!(out, " protocol esp integrity {}", v.join(" "));
        }
    }
    if !cfg.sa_lifetime.is_default() {
        let l = cfg.sa_lifetime.value;
        let d = p.default_sa_lifetime();
        if let Some(s) = l.seconds
            && (cfg.sa_lifetime_lines.seconds.is_some() || Some(s) != d.seconds)
        {
            ln!(out, "crypto ipsec security-association lifetime seconds {s}");
        }
        match l.kilobytes {
            Some(k) if cfg.sa_lifetime_lines.kilobytes.is_some() || Some(k) != d.kilobytes => {
                ln!(out, "crypto ipsec security-association lifetime kilobytes {k}");
            }
            None => ln!(out, "crypto ipsec security-association lifetime kilobytes unlimited"),
            _ => {}
        }
    }
    out
}

/// The `set ...` / `match ...` sub-commands of an entry, without any prefix.
fn entry_commands(p: Platform, s: &EntrySettings) -> Vec<String> {
    let mut v = Vec::new();
    if let Some((d, _)) = &s.description {
        v.push(alloc::format!("description {d}"));
    }
    if let Some((acl, _)) = &s.match_address {
        v.push(alloc::format!("match address {acl}"));
    }
    if !s.peers.is_empty() {
        if p.is_asa() {
            let peers: Vec<String> = s.peers.iter().map(|(x, _)| peer_str(x)).collect();
            v.push(alloc::format!("set peer {}", peers.join(" ")));
        } else {
            for (x, _) in &s.peers {
                v.push(alloc::format!("set peer {}", peer_str(x)));
            }
        }
    }
    if !s.transform_sets.is_empty() {
        let names: Vec<&str> = s.transform_sets.iter().map(|(n, _)| n.as_str()).collect();
        let cmd = if p == Platform::Asa9 { "set ikev1 transform-set" } else { "set transform-set" };
        v.push(alloc::format!("{cmd} {}", names.join(" ")));
    }
    if !s.ikev2_proposals.is_empty() {
        let names: Vec<&str> = s.ikev2_proposals.iter().map(|(n, _)| n.as_str()).collect();
        v.push(alloc::format!("set ikev2 ipsec-proposal {}", names.join(" ")));
    }
    if let Some(pfs) = &s.pfs {
        if pfs.is_default() {
            v.push("set pfs".to_string());
        } else {
            v.push(alloc::format!("set pfs group{}", pfs.value.number()));
        }
    }
    if let Some((l, _)) = &s.lifetime {
        if let Some(sec) = l.seconds {
            v.push(alloc::format!("set security-association lifetime seconds {sec}"));
        }
        if let Some(k) = l.kilobytes {
            v.push(alloc::format!("set security-association lifetime kilobytes {k}"));
        } else if l.kilobytes_unlimited {
            let word = if p == Platform::Ios { "disable" } else { "unlimited" };
            v.push(alloc::format!("set security-association lifetime kilobytes {word}"));
        }
    }
    if s.per_host.is_some() {
        v.push("set security-association level per-host".to_string());
    }
    if let Some((d, _)) = &s.dummy_packets {
        match d {
            DummyPackets::Pps(n) => v.push(alloc::format!("set security-association dummy pps {n}")),
            DummyPackets::Seconds(n) => v.push(alloc::format!("set security-association dummy seconds {n}")),
        }
    }
    if let Some((m, require, _)) = &s.ikev2_mode {
        let w = match (m, require) {
            (EncapsulationMode::Transport, true) => "transport-require",
            (EncapsulationMode::Transport, false) => "transport",
            (EncapsulationMode::Tunnel, _) => "tunnel",
        };
        v.push(alloc::format!("set ikev2 mode {w}"));
    }
    if let Some((c, _)) = &s.connection_type {
        let w = match c {
            ConnectionType::AnswerOnly => "answer-only",
            ConnectionType::OriginateOnly => "originate-only",
            ConnectionType::Bidirectional => "bidirectional",
        };
        v.push(alloc::format!("set connection-type {w}"));
    }
    if let Some((dynamic, _)) = &s.reverse_route {
        match (p, dynamic) {
            (Platform::Ios, true) => v.push("reverse-route".to_string()),
            (Platform::Ios, false) => v.push("reverse-route static".to_string()),
            (_, true) => v.push("set reverse-route dynamic".to_string()),
            (_, false) => v.push("set reverse-route".to_string()),
        }
    }
    if s.nat_t_disable.is_some() {
        v.push("set nat-t-disable".to_string());
    }
    if let Some((m, _)) = &s.phase1_mode {
        match m {
            Phase1Mode::Main => v.push("set phase1-mode main".to_string()),
            Phase1Mode::Aggressive(None) => v.push("set phase1-mode aggressive".to_string()),
            Phase1Mode::Aggressive(Some(g)) => v.push(alloc::format!("set phase1-mode aggressive group{}", g.number())),
        }
    }
    if let Some((d, _)) = &s.df_bit {
        let w = match d {
            DfBit::Clear => "clear-df",
            DfBit::Copy => "copy-df",
            DfBit::Set => "set-df",
        };
        v.push(alloc::format!("set df-bit {w}"));
    }
    if let Some((t, _)) = &s.tfc_packets {
        if t.is_empty() {
            v.push("set tfc-packets".to_string());
        } else {
            v.push(alloc::format!("set tfc-packets {t}"));
        }
    }
    if s.validate_icmp_errors.is_some() {
        v.push("set validate-icmp-errors".to_string());
    }
    v
}

fn peer_str(p: &Peer) -> String {
    match p {
        Peer::Address(a) => a.to_string(),
        Peer::Hostname(h) => h.clone(),
    }
}

fn session_key_command(k: &SessionKey, keys: Keys) -> String {
    let dir = if k.inbound { "inbound" } else { "outbound" };
    if !k.esp {
        let key = k.cipher_or_ah_key.as_ref().map(|x| hex_text(x, keys)).unwrap_or_default();
        return alloc::format!("set session-key {dir} ah {} {key}", k.spi.0);
    }
    let mut s = alloc::format!("set session-key {dir} esp {}", k.spi.0);
    if let Some(c) = &k.cipher_or_ah_key {
        s.push_str(&alloc::format!(" cipher {}", hex_text(c, keys)));
    }
    if let Some(a) = &k.authenticator {
        s.push_str(&alloc::format!(" authenticator {}", hex_text(a, keys)));
    }
    s
}

fn entry_kind_words(e: &MapEntry) -> String {
    match &e.kind {
        EntryKind::IpsecIsakmp => "ipsec-isakmp".to_string(),
        EntryKind::IpsecManual => "ipsec-manual".to_string(),
        EntryKind::Dynamic { dynamic_map, discover } => {
            alloc::format!("ipsec-isakmp dynamic {dynamic_map}{}", if *discover { " discover" } else { "" })
        }
        EntryKind::Cisco => "cisco".to_string(),
    }
}

/// Dynamic maps, then crypto map sets (IOS blocks; ASA/PIX one-line forms).
fn map_lines(cfg: &Config, keys: Keys) -> String {
    let mut out = String::new();
    let p = cfg.platform;
    for d in &cfg.dynamic_maps {
        for e in &d.entries {
            let cmds = entry_commands(p, &e.settings);
            if p == Platform::Ios {
                ln!(out, "crypto dynamic-map {} {}", d.name, e.seq);
                for c in cmds {
                    ln!(out, " {c}");
                }
            } else if cmds.is_empty() {
                ln!(out, "crypto dynamic-map {} {}", d.name, e.seq);
            } else {
                for c in cmds {
                    ln!(out, "crypto dynamic-map {} {} {c}", d.name, e.seq);
                }
            }
        }
    }
    for m in &cfg.maps {
        let v6 = if m.ipv6 { "ipv6 " } else { "" };
        if let Some((iface, _)) = &m.local_address {
            ln!(out, "crypto map {v6}{} local-address {iface}", m.name);
        }
        for e in &m.entries {
            let mut cmds = entry_commands(p, &e.settings);
            for k in &e.session_keys {
                cmds.push(session_key_command(k, keys));
            }
            let kind = entry_kind_words(e);
            // CET entries are kept for their position only (their settings are not modelled).
            if matches!(e.kind, EntryKind::Cisco) {
                ln!(out, "crypto map {v6}{} {} cisco", m.name, e.seq);
                continue;
            }
            if p == Platform::Ios {
                ln!(out, "crypto map {v6}{} {} {kind}", m.name, e.seq);
                if !matches!(e.kind, EntryKind::Dynamic { .. }) {
                    for c in cmds {
                        ln!(out, " {c}");
                    }
                }
            } else {
                let declare = !matches!(e.kind, EntryKind::IpsecIsakmp) || p == Platform::Pix || cmds.is_empty();
                if declare {
                    ln!(out, "crypto map {} {} {kind}", m.name, e.seq);
                }
                if !matches!(e.kind, EntryKind::Dynamic { .. }) {
                    for c in cmds {
                        ln!(out, "crypto map {} {} {c}", m.name, e.seq);
                    }
                }
            }
        }
        for (mode, _) in &m.client_configuration_modes {
            ln!(out, "crypto map {} client configuration address {mode}", m.name);
        }
        if let Some((server, _)) = &m.client_authentication {
            ln!(out, "crypto map {} client authentication {server}", m.name);
        }
        if p != Platform::Ios {
            for b in cfg.interfaces_using(&m.name) {
                ln!(out, "crypto map {} interface {}", m.name, b.interface);
            }
        }
    }
    if p != Platform::Ios {
        // Bindings to map sets without entries.
        for b in &cfg.bindings {
            if cfg.map(&b.map).is_none() {
                ln!(out, "crypto map {} interface {}", b.map, b.interface);
            }
        }
    }
    out
}

/// IOS interface blocks (address and crypto map only).
fn ios_interfaces(cfg: &Config) -> String {
    let mut out = String::new();
    let mut names: Vec<&str> = Vec::new();
    for a in &cfg.interface_addresses {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&a.interface)) {
            names.push(&a.interface);
        }
    }
    for b in &cfg.bindings {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&b.interface)) {
            names.push(&b.interface);
        }
    }
    for n in names {
        ln!(out, "interface {n}");
        if let Some(a) = cfg.interface_addresses.iter().find(|a| a.interface.eq_ignore_ascii_case(n)) {
            ln!(out, " ip address {} {}", a.address, a.mask);
        }
        if let Some(b) = cfg.bindings.iter().find(|b| b.interface.eq_ignore_ascii_case(n)) {
            ln!(out, " crypto map {}", b.map);
        }
    }
    out
}

/// ASA interface blocks.
fn asa_interfaces(cfg: &Config, out: &mut String) {
    for n in &cfg.interface_names {
        ln!(out, "interface {}", n.hardware);
        ln!(out, " nameif {}", n.name);
        if let Some(l) = n.security_level {
            ln!(out, " security-level {l}");
        }
        if let Some(a) = cfg.interface_addresses.iter().find(|a| a.interface.eq_ignore_ascii_case(&n.name)) {
            ln!(out, " ip address {} {}", a.address, a.mask);
        }
    }
    for a in &cfg.interface_addresses {
        if !cfg.interface_names.iter().any(|n| n.name.eq_ignore_ascii_case(&a.interface)) {
            ln!(out, "interface {}", a.interface);
            ln!(out, " ip address {} {}", a.address, a.mask);
        }
    }
}

/// ASA IKE lines (`crypto isakmp` on 8.x, `crypto ikev1|ikev2` on 9.x). ASA prints every
/// policy attribute.
fn asa_ike(cfg: &Config, _keys: Keys) -> String {
    let mut out = String::new();
    let nine = cfg.platform == Platform::Asa9;
    for pol in cfg.ikev2_policies.iter().filter(|p| p.priority.is_some()) {
        let ctx = CiscoContext::AsaIkev2Policy;
        ln!(out, "crypto ikev2 policy {}", pol.priority.unwrap_or(1));
        let v: Vec<String> = pol.encryption.iter().map(|e| enc_keyword(*e, ctx)).collect();
        ln!(out, " encryption {}", v.join(" "));
        if pol.integrity.is_empty() {
            ln!(out, " integrity null");
        } else {
            let v: Vec<String> = pol.integrity.iter().map(|e| integ_keyword(*e, ctx)).collect();
            ln!(out, " integrity {}", v.join(" "));
        }
        let v: Vec<String> = pol.groups.iter().map(|g| g.number().to_string()).collect();
        ln!(out, " group {}", v.join(" "));
        let v: Vec<String> = pol.prf.iter().map(|e| prf_keyword(*e, ctx)).collect();
        ln!(out, " prf {}", v.join(" "));
        ln!(out, " lifetime seconds {}", pol.lifetime.value);
    }
    ike_globals(cfg, &mut out, "crypto isakmp");
    let head = if nine { "crypto ikev1 policy" } else { "crypto isakmp policy" };
    let ctx = CiscoContext::AsaIsakmpPolicy;
    for pol in cfg.configured_isakmp_policies() {
        ln!(out, "{head} {}", pol.priority);
        ln!(out, " authentication {}", auth_keyword(pol.authentication.value));
        ln!(out, " encryption {}", enc_keyword(pol.encryption.value, ctx));
        ln!(out, " hash {}", prf_keyword(pol.hash.value, ctx));
        ln!(out, " group {}", pol.group.value.number());
        ln!(out, " lifetime {}", pol.lifetime.value);
    }
    out
}

fn asa_tunnel_groups(cfg: &Config, keys: Keys, out: &mut String) {
    let mut names: Vec<&str> = cfg.tunnel_groups.iter().map(|g| g.name.as_str()).collect();
    for k in &cfg.keys {
        if let KeyScope::TunnelGroup(g) = &k.scope
            && !names.contains(&g.as_str())
        {
            names.push(g);
        }
    }
    for n in names {
        if let Some((t, _)) = cfg.tunnel_groups.iter().find(|g| g.name == n).and_then(|g| g.kind.as_ref()) {
            ln!(out, "tunnel-group {n} type {t}");
        }
        let group_keys: Vec<&PreSharedKey> =
            cfg.keys.iter().filter(|k| matches!(&k.scope, KeyScope::TunnelGroup(g) if g == n)).collect();
        if group_keys.is_empty() {
            continue;
        }
        ln!(out, "tunnel-group {n} ipsec-attributes");
        for k in group_keys {
            let ty = if k.stored_encrypted { "8 " } else { "" };
            let key = key_text(&k.key, keys);
            match (k.direction, cfg.platform) {
                (KeyDirection::Both, Platform::Asa9) => ln!(out, " ikev1 pre-shared-key {ty}{key}"),
                (KeyDirection::Both, _) => ln!(out, " pre-shared-key {ty}{key}"),
                (KeyDirection::Local, _) => {
                    ln!(out, " ikev2 local-authentication pre-shared-key {ty}{}", hexify(k, keys));
                }
                (KeyDirection::Remote, _) => {
                    ln!(out, " ikev2 remote-authentication pre-shared-key {ty}{}", hexify(k, keys));
                }
            }
        }
    }
}

/// An IKEv2 key as `hex ...` when it is not printable text.
fn hexify(k: &PreSharedKey, keys: Keys) -> String {
    let printable = k.key.expose().iter().all(u8::is_ascii_graphic);
    if printable || keys == Keys::Masked {
        key_text(&k.key, keys)
    } else {
        alloc::format!("hex {}", hex_text(&k.key, keys))
    }
}

/// PIX IKE lines: `isakmp ...`, defaults left out (004:1070, 004:1165).
fn pix_ike(cfg: &Config, keys: Keys) -> String {
    let mut out = String::new();
    ike_globals(cfg, &mut out, "isakmp");
    for k in &cfg.keys {
        let key = key_text(&k.key, keys);
        let mut flags = String::new();
        if k.no_xauth {
            flags.push_str(" no-xauth");
        }
        if k.no_config_mode {
            flags.push_str(" no-config-mode");
        }
        match &k.scope {
            KeyScope::Address { address, mask } if is_host_mask(*mask) => {
                ln!(out, "isakmp key {key} address {address}{flags}");
            }
            KeyScope::Address { address, mask } => ln!(out, "isakmp key {key} address {address} netmask {mask}{flags}"),
            KeyScope::Hostname(_) | KeyScope::TunnelGroup(_) => {}
        }
    }
    let d = cfg.platform.isakmp_defaults();
    let ctx = CiscoContext::AsaIsakmpPolicy;
    for pol in cfg.configured_isakmp_policies() {
        let n = pol.priority;
        let before = out.len();
        if pol.encryption.value != d.encryption {
            ln!(out, "isakmp policy {n} encryption {}", enc_keyword(pol.encryption.value, ctx));
        }
        if pol.hash.value != d.hash {
            ln!(out, "isakmp policy {n} hash {}", prf_keyword(pol.hash.value, ctx));
        }
        if pol.authentication.value != d.authentication {
            ln!(out, "isakmp policy {n} authentication {}", auth_keyword(pol.authentication.value));
        }
        if pol.group.value != d.group {
            ln!(out, "isakmp policy {n} group {}", pol.group.value.number());
        }
        if pol.lifetime.value != d.lifetime || out.len() == before {
            ln!(out, "isakmp policy {n} lifetime {}", pol.lifetime.value);
        }
    }
    let _ = tables::CRYPTO_KEYWORDS;
    out
}
