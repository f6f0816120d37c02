//! `show` output in the platform's style.
//!
//! IOS and PIX get the device layouts: `show crypto map` (`Crypto Map "NAME" 10
//! ipsec-isakmp`, `Peer = A`, the ACL and its lines, `Current peer`, `Security association
//! lifetime: 4608000 kilobytes/3600 seconds`, `PFS (Y/N)`, `Transform sets={ myset, }`,
//! `Interfaces using crypto map NAME:`), `show crypto dynamic-map` (`Crypto Map Template`),
//! `show crypto ipsec transform-set` (`Transform set myset: { esp-des esp-sha-hmac  }` / `will
//! negotiate = { Tunnel,  },`), `show crypto isakmp policy` (every configured suite, then the
//! `Default protection suite`; PIX layout from 004:1176-1193) and `show crypto ipsec
//! security-association lifetime`. The layouts follow the IOS command reference and public
//! samples; they are for people, not for screen-scraping compatibility.
//!
//! ASA has no such displays for configuration: it shows configuration as `show
//! running-config` lines, so ASA output is the configuration lines of the section (`crypto map
//! ...`, `crypto ikev1 policy ...`), keys masked as `*****` the way ASA masks them. An ASA
//! without ISAKMP policies shows none (a new ASA configuration has no default policy, 000:103).
//!
//! [`running_config`] prints the whole configuration in the platform's syntax; the parser
//! reads it back to the same model (with [`Keys::Revealed`]). Keys never appear in the device
//! layouts (manual keys show their length only).

mod config;
mod device;
mod names;

use alloc::string::String;

use crate::model::{Config, Platform};

/// Whether configuration lines carry the keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Keys {
    /// Keys print as `*****` (what `show running-config` does on ASA): safe to log; the
    /// parser reads `*****` back as a masked key (lint CM063) and rejects it as a hex key.
    #[default]
    Masked,
    /// Keys print as configured: the text parses back to the same keys.
    Revealed,
}

/// A `show` command this module renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShowCommand {
    /// `show crypto map`.
    CryptoMap,
    /// `show crypto dynamic-map`.
    CryptoDynamicMap,
    /// `show crypto ipsec transform-set`.
    IpsecTransformSet,
    /// `show crypto isakmp policy` (PIX: `show isakmp policy`).
    IsakmpPolicy,
    /// `show crypto ipsec security-association lifetime`.
    IpsecSaLifetime,
    /// `show running-config` (the IPsec part), keys masked.
    RunningConfig,
}

impl ShowCommand {
    /// Every command.
    pub const ALL: &'static [ShowCommand] = &[
        ShowCommand::CryptoMap,
        ShowCommand::CryptoDynamicMap,
        ShowCommand::IpsecTransformSet,
        ShowCommand::IsakmpPolicy,
        ShowCommand::IpsecSaLifetime,
        ShowCommand::RunningConfig,
    ];

    /// The command as typed on IOS.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ShowCommand::CryptoMap => "show crypto map",
            ShowCommand::CryptoDynamicMap => "show crypto dynamic-map",
            ShowCommand::IpsecTransformSet => "show crypto ipsec transform-set",
            ShowCommand::IsakmpPolicy => "show crypto isakmp policy",
            ShowCommand::IpsecSaLifetime => "show crypto ipsec security-association lifetime",
            ShowCommand::RunningConfig => "show running-config",
        }
    }

    /// The command named by `words` (`show crypto map`, `crypto map`, PIX `show isakmp policy`;
    /// case-insensitive, extra spaces ignored).
    #[must_use]
    pub fn from_words(words: &str) -> Option<Self> {
        let w: alloc::vec::Vec<String> = words.split_whitespace().map(str::to_ascii_lowercase).collect();
        let w: alloc::vec::Vec<&str> = w.iter().map(String::as_str).collect();
        let w = w.strip_prefix(&["show"]).unwrap_or(&w);
        match w {
            ["crypto", "map"] => Some(ShowCommand::CryptoMap),
            ["crypto", "dynamic-map"] => Some(ShowCommand::CryptoDynamicMap),
            ["crypto", "ipsec", "transform-set"] => Some(ShowCommand::IpsecTransformSet),
            ["crypto", "isakmp", "policy"] | ["isakmp", "policy"] => Some(ShowCommand::IsakmpPolicy),
            ["crypto", "ipsec", "security-association", "lifetime"] | ["crypto", "ipsec", "sa", "lifetime"] => {
                Some(ShowCommand::IpsecSaLifetime)
            }
            ["running-config"] | ["run"] => Some(ShowCommand::RunningConfig),
            _ => None,
        }
    }

    /// The output for `config`.
    #[must_use]
    pub fn render(self, config: &Config) -> String {
        match self {
            ShowCommand::CryptoMap => crypto_map(config),
            ShowCommand::CryptoDynamicMap => crypto_dynamic_map(config),
            ShowCommand::IpsecTransformSet => crypto_ipsec_transform_set(config),
            ShowCommand::IsakmpPolicy => crypto_isakmp_policy(config),
            ShowCommand::IpsecSaLifetime => crypto_ipsec_sa_lifetime(config),
            ShowCommand::RunningConfig => running_config(config, Keys::Masked),
        }
    }
}

/// Keeps the lines of `text` that start with one of `prefixes` (and, for blocks, their
/// indented lines).
fn section(text: &str, prefixes: &[&str]) -> String {
    let mut out = String::new();
    let mut keep = false;
    for line in text.lines() {
        if line.starts_with(' ') {
            if keep {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        }
        keep = prefixes.iter().any(|p| line.starts_with(p));
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `show crypto map`: the IOS/PIX layout, or ASA's `crypto map` configuration lines.
#[must_use]
pub fn crypto_map(config: &Config) -> String {
    match config.platform {
        Platform::Ios | Platform::Pix => device::crypto_map(config),
        Platform::Asa8 | Platform::Asa9 => section(&running_config(config, Keys::Masked), &["crypto map "]),
    }
}

/// `show crypto dynamic-map`.
#[must_use]
pub fn crypto_dynamic_map(config: &Config) -> String {
    match config.platform {
        Platform::Ios | Platform::Pix => device::dynamic_map(config),
        Platform::Asa8 | Platform::Asa9 => section(&running_config(config, Keys::Masked), &["crypto dynamic-map "]),
    }
}

/// `show crypto ipsec transform-set`: the IOS/PIX layout; on ASA the transform-set and IKEv2
/// IPsec proposal configuration lines.
#[must_use]
pub fn crypto_ipsec_transform_set(config: &Config) -> String {
    match config.platform {
        Platform::Ios | Platform::Pix => device::transform_sets(config),
        Platform::Asa8 | Platform::Asa9 => section(
            &running_config(config, Keys::Masked),
            &["crypto ipsec transform-set ", "crypto ipsec ikev1 transform-set ", "crypto ipsec ikev2 ipsec-proposal "],
        ),
    }
}

/// `show crypto isakmp policy`: IOS/PIX suites and the default suite; on ASA the configured
/// IKEv1 (and IKEv2) policies as configuration lines with every attribute, and nothing when
/// none is configured.
#[must_use]
pub fn crypto_isakmp_policy(config: &Config) -> String {
    match config.platform {
        Platform::Ios | Platform::Pix => device::isakmp_policy(config),
        Platform::Asa8 | Platform::Asa9 => section(
            &running_config(config, Keys::Masked),
            &["crypto isakmp policy ", "crypto ikev1 policy ", "crypto ikev2 policy "],
        ),
    }
}

/// `show crypto ipsec security-association lifetime`: `Security association lifetime: 4608000
/// kilobytes/3600 seconds` (ASA: the two `crypto ipsec security-association lifetime` lines,
/// defaults included, as `show running-config all` prints them).
#[must_use]
pub fn crypto_ipsec_sa_lifetime(config: &Config) -> String {
    let l = config.sa_lifetime.value;
    match config.platform {
        Platform::Ios | Platform::Pix => {
            let mut s = device::lifetime_line(l);
            s.push('\n');
            s
        }
        Platform::Asa8 | Platform::Asa9 => {
            let mut s = String::new();
            if let Some(sec) = l.seconds {
                s.push_str(&alloc::format!("crypto ipsec security-association lifetime seconds {sec}\n"));
            }
            match l.kilobytes {
                Some(k) => s.push_str(&alloc::format!("crypto ipsec security-association lifetime kilobytes {k}\n")),
                None => s.push_str("crypto ipsec security-association lifetime kilobytes unlimited\n"),
            }
            s
        }
    }
}

/// The whole configuration the model holds, as configuration lines in the platform's syntax
/// (host name, interfaces, access lists, IKE, transform sets, dynamic maps, crypto maps,
/// tunnel groups). Parsing the text with the same platform gives the same model (line numbers
/// aside), so printing it again gives the same text.
#[must_use]
pub fn running_config(config: &Config, keys: Keys) -> String {
    config::render(config, keys)
}
