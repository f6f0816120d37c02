//! Which platform a configuration was written for, from the markers each dialect leaves.

use alloc::string::String;
use alloc::vec::Vec;
use core::net::Ipv4Addr;

use crate::model::Platform;

/// Guesses the platform of a whole configuration text.
///
/// Markers, strongest first:
/// * version banners: `PIX Version`, `ASA Version 8.x|9.x`, IOS `version 12.4`;
/// * ASA 9.x syntax: `crypto ikev1 ...`, `crypto ipsec ikev1|ikev2 ...`, numbered
///   `crypto ikev2 policy N`, `set ikev1 transform-set`, `set ikev2 ipsec-proposal` (001:130-135,
///   001:955, 001:983);
/// * ASA: `tunnel-group`, `nameif NAME` inside an `interface` block, netmask ACLs with
///   `extended`;
/// * PIX: `nameif ethernet0 outside security0`, `ip address outside A M`, `fixup`, `isakmp key`,
///   `isakmp policy` without `crypto` (004:1089, 004:1209), `sysopt connection permit-ipsec`
///   (004:202; ASA 8.x has it too, 000:637);
/// * IOS: `crypto isakmp policy N` blocks, `crypto isakmp key`, `crypto ikev2 proposal`,
///   `ip access-list`, wildcard masks, `interface X` blocks with `ip address` and no `nameif`,
///   `esp-aes 256` (IOS spells key sizes as a separate word, 002:167).
///
/// IOS when nothing tells (the most common running configuration).
#[must_use]
pub fn detect_platform(text: &str) -> Platform {
    let mut ios = 0u32;
    let mut asa = 0u32;
    let mut asa9 = 0u32;
    let mut pix = 0u32;
    let mut asa_version: Option<u8> = None;
    let mut in_interface = false;
    let mut interface_has_nameif = false;
    let mut interface_has_ip = false;
    let mut in_policy = false;
    for raw in text.lines() {
        let indented = raw.starts_with(char::is_whitespace);
        let lower = raw.trim().to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let w = |i: usize| words.get(i).copied().unwrap_or("");
        if !indented && in_interface {
            if interface_has_ip && !interface_has_nameif {
                ios += 2;
            }
            in_interface = false;
        }
        if indented {
            if in_policy {
                // IOS prints `encr`; ASA 8.x prints `encryption` (and every attribute).
                match w(0) {
                    "encr" => ios += 3,
                    "encryption" => asa += 1,
                    _ => {}
                }
            }
            if in_interface {
                match (w(0), w(1)) {
                    ("nameif", _) => {
                        interface_has_nameif = true;
                        asa += 6;
                    }
                    ("security-level", _) => asa += 3,
                    ("ip", "address") => interface_has_ip = true,
                    _ => {}
                }
            }
            continue;
        }
        in_policy = matches!((w(0), w(1), w(2)), ("crypto", "isakmp", "policy"));
        match (w(0), w(1), w(2)) {
            ("pix", "version", _) => pix += 50,
            ("asa", "version", v) => {
                asa += 50;
                asa_version = v.split('.').next().and_then(|m| m.parse().ok());
            }
            ("version", v, _) if v.starts_with(|c: char| c.is_ascii_digit()) => ios += 10,
            ("interface", _, _) => {
                in_interface = true;
                interface_has_nameif = false;
                interface_has_ip = false;
                // PIX 6 `interface ethernet0 auto` is a one-line command.
                if words.len() >= 3 && matches!(w(2), "auto" | "10baset" | "100basetx" | "100full" | "1000full") {
                    pix += 5;
                    in_interface = false;
                }
            }
            ("nameif", _, _) if words.len() >= 3 => pix += 20,
            ("ip", "address", iface) if iface.parse::<Ipv4Addr>().is_err() && words.len() >= 5 => pix += 10,
            ("fixup", _, _) => pix += 5,
            ("tunnel-group", _, _) | ("group-policy", _, _) | ("tunnel-group-map", _, _) => asa += 5,
            ("sysopt", "connection", "permit-ipsec") => {
                pix += 3;
                asa += 1;
            }
            ("sysopt", "connection", "permit-vpn") => asa += 3,
            ("isakmp", _, _) => {
                pix += 3;
                asa += 1;
            }
            ("crypto", "ikev1", _) => asa9 += 10,
            ("crypto", "ipsec", "ikev1" | "ikev2") => asa9 += 10,
            ("crypto", "ikev2", "policy") => {
                if w(3).bytes().all(|b| b.is_ascii_digit()) && !w(3).is_empty() {
                    asa9 += 10;
                } else {
                    ios += 5;
                }
            }
            ("crypto", "ikev2", "proposal" | "keyring" | "profile") => ios += 10,
            ("crypto", "ikev2", "enable") => asa9 += 10,
            ("crypto", "isakmp", "key" | "profile" | "keepalive") => ios += 5,
            ("crypto", "isakmp", "nat-traversal" | "identity" | "am-disable" | "enable") => asa += 2,
            ("crypto", "isakmp", "policy") => {
                ios += 2;
                asa += 1;
            }
            ("crypto", "map", _) => {
                let rest: Vec<&str> = words.iter().skip(3).copied().collect();
                match rest.as_slice() {
                    ["interface", ..] => {
                        asa += 2;
                        pix += 2;
                    }
                    [_, "set", "ikev1" | "ikev2", ..] => asa9 += 10,
                    [_, "set" | "match", ..] => {
                        asa += 2;
                        pix += 2;
                    }
                    _ => {}
                }
            }
            ("crypto", "dynamic-map", _) => {
                if matches!(w(4), "set" | "match") {
                    asa += 1;
                    pix += 1;
                    if matches!(w(5), "ikev1" | "ikev2") {
                        asa9 += 10;
                    }
                }
            }
            ("crypto", "ipsec", "transform-set") => {
                // IOS spells key sizes as a separate word (`esp-aes 256`, 002:167); ASA and PIX
                // join them (`esp-aes-256`, 001:957-964), and only they have `esp-none`.
                if words.iter().any(|t| matches!(*t, "esp-aes-192" | "esp-aes-256" | "esp-none")) {
                    asa += 5;
                    pix += 3;
                }
                if words.windows(2).any(|p| {
                    p.first().is_some_and(|k| matches!(*k, "esp-aes" | "esp-gcm" | "esp-gmac"))
                        && p.get(1).is_some_and(|n| n.parse::<u16>().is_ok())
                }) {
                    ios += 5;
                }
            }
            ("ip", "access-list", _) | ("ipv6", "access-list", _) => ios += 5,
            ("ip", "local", "pool") => {
                if w(4).contains('-') {
                    asa += 1;
                    pix += 1;
                } else {
                    ios += 1;
                }
            }
            ("access-list", _, _) => {
                let rest: Vec<String> = words.iter().skip(2).map(|s| String::from(*s)).collect();
                if rest.first().is_some_and(|x| x == "extended" || x == "standard") {
                    asa += 3;
                }
                for r in &rest {
                    if let Ok(m) = r.parse::<Ipv4Addr>() {
                        let v = u32::from(m);
                        if v != 0 && v != u32::MAX && v.leading_ones() + v.trailing_zeros() == 32 && v >> 24 == 255 {
                            asa += 1;
                            pix += 1;
                        } else if v != 0 && v != u32::MAX && v >> 24 == 0 {
                            ios += 1;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if in_interface && interface_has_ip && !interface_has_nameif {
        ios += 2;
    }
    let asa_total = asa.saturating_add(asa9);
    if (asa_version == Some(9) || (asa_version.is_none() && asa9 > 0 && asa9.saturating_add(asa) >= pix))
        && (asa_total >= ios || asa_version.is_some())
    {
        return Platform::Asa9;
    }
    if pix > 0 && pix > asa_total && pix >= ios {
        Platform::Pix
    } else if asa_total > ios {
        if asa_version.is_some_and(|v| v >= 9) || (asa_version.is_none() && asa9 > 0) {
            Platform::Asa9
        } else {
            Platform::Asa8
        }
    } else {
        Platform::Ios
    }
}
