//! The configuration parser: IOS (11.3, 12.x/15.x, IOS-XE), ASA 8.x, ASA 9.x and PIX 6.x text
//! into a [`Config`].
//!
//! # Shape
//!
//! The text is read line by line, as the device reads it. Access lists and object-groups go to
//! `policy-acl`'s line-fed [`AclParser`] in the platform's dialect; every other line is either
//! an IPsec command (parsed here), a line of an open configuration block (`crypto isakmp policy
//! 10` then ` encryption aes`, `crypto map M 10 ipsec-isakmp` then ` set peer ...`, `interface
//! X` then ` crypto map M`), or a command that does not concern IPsec, which is skipped with a
//! [`crate::model::Note`] (DESIGN §3.20), with its indented block. Notes never quote
//! more than the first word of a skipped line, so secrets elsewhere in a running configuration
//! (`username ... password ...`, `snmp-server community ...`) never reach them.
//!
//! Block lines are recognised by their indentation (running configurations) or, unindented,
//! by a keyword that only exists inside the block (`set`, `match`, `encryption`, `mode`, ...:
//! the guides print their examples that way). CLI prompts copied from the guides
//! (`hostname(config)# `, `Router(config-crypto-m) # `) are stripped; a sub-mode prompt marks
//! a block line.
//!
//! ASA and PIX one-line forms (`crypto map M 10 set peer A`, `isakmp policy 10 encryption des`)
//! and IOS blocks are accepted on every platform; the platform decides the keyword tables
//! (`esp-aes 256` on IOS, `esp-aes-256` on ASA/PIX), the accepted values (DH groups, hashes,
//! authentication methods) and the defaults.
//!
//! # Modes
//!
//! [`Mode::Strict`] (the default) rejects, besides syntax errors: address/mask pairs with host
//! bits set (DESIGN §3.12, from `policy-acl`), values the platform does not accept (`set pfs
//! group15` on ASA 9.x, the guide's own typo at 001:1133), unknown `crypto` commands, keys
//! that do not decode. [`Mode::Lenient`] turns those recoverable problems into warnings in
//! [`Config::warnings`](crate::model::Config::warnings) and keeps what it can: host bits are
//! cleared, the value is kept, the unknown command skipped, the bad key left out. Syntax that
//! cannot be read, and transform sets that break the combination rules, stay errors.
//!
//! # Decisions
//!
//! * **Defaults** (DESIGN §3.2-3.3) are applied when the configuration is finished and marked
//!   as [`Origin::Default`](crate::model::Origin): ISAKMP attributes, the global SA lifetime, the
//!   transform-set mode (tunnel), the `esp-rfc1829` IV size (8, DESIGN §3.17), the ASA IKEv2
//!   policy attributes (001:210-234), the phase-1 identity and the ASA 9.x NAT-T keep-alive.
//!   IOS and PIX get the built-in default ISAKMP policy as the last entry of
//!   [`Config::isakmp_policies`](crate::model::Config::isakmp_policies) (004:1008); ASA gets
//!   none (000:103).
//! * **Bare `set pfs`** is group 1 on IOS (002:273) and PIX, group 2 on ASA (\[EXT\]: ASA
//!   command reference, not in the guides).
//! * **Re-declared entries**: `crypto map M 10 ipsec-manual` after `crypto map M 10
//!   ipsec-isakmp` keeps the first type and records a
//!   [`Redefinition`](crate::model::Redefinition) (the IOS-XE guide's own examples reuse
//!   `static-map 1`, 002:247 and 002:357); lint reports it. An entry first created by a
//!   one-line `set`/`match` takes the type of a later explicit declaration.
//! * **Transform sets** are order-insensitive (ASA examples put the authenticator first,
//!   000:744) and checked against the combination rules: at most 3 transforms, at most one AH,
//!   one ESP cipher, one ESP authenticator; `esp-null` without an ESP authenticator (RFC 4303
//!   §3.2), `esp-rfc1829` with one (003:314), `esp-gcm`/`esp-gmac` with one (RFC 4106) are
//!   rejected.
//! * **PIX's `isakmp` commands** take an optional `crypto` prefix (the guide writes both,
//!   004:1057 vs 004:1249, 004:1306 vs 004:1342), and so do ASA 8.x's (000:109 vs the
//!   running-configuration form `crypto isakmp policy`).
//! * **`set security-association lifetime 2700`** without `seconds` (the PIX guide's flaw,
//!   004:702) is an error in strict mode and read as seconds in lenient mode.
//! * **Keys**: hex keys decode into `SecretBytes`; a `*****` key (ASA `show running-config`
//!   masking) is kept and flagged by lint; keys never appear in `Debug` output or errors.

mod detect;
mod device;
mod error;
mod hex;
mod ike;
mod ipsec;
mod keyring;
mod lexer;
mod map;
pub(crate) mod tables;

use alloc::borrow::ToOwned;
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use policy_acl::{AclParser, Feed};

pub use detect::detect_platform;
pub use error::{Expected, HexProblem, ParseError, ParseErrorKind, ParseErrors, TransformProblem};
pub use policy_acl::Mode;

use crate::model::{Config, IsakmpPolicy, Note, Platform};
use lexer::{Cur, Tok, lex};

/// How to parse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ParseOptions {
    /// The platform, or `None` to detect it ([`detect_platform`]).
    pub platform: Option<Platform>,
    /// Strict (default) or lenient.
    pub mode: Mode,
}

impl ParseOptions {
    /// Strict parsing for `platform`.
    #[must_use]
    pub const fn strict(platform: Platform) -> Self {
        ParseOptions { platform: Some(platform), mode: Mode::Strict }
    }

    /// Lenient parsing for `platform`.
    #[must_use]
    pub const fn lenient(platform: Platform) -> Self {
        ParseOptions { platform: Some(platform), mode: Mode::Lenient }
    }
}

/// Parses a configuration.
///
/// # Errors
/// [`ParseErrors`] with every rejected line (not only the first), in line order.
pub fn parse(text: &str, options: ParseOptions) -> Result<Config, ParseErrors> {
    let (config, errors) = parse_lossy(text, options);
    if errors.is_empty() { Ok(config) } else { Err(ParseErrors(errors)) }
}

/// Parses a configuration like a device loading it: rejected lines are returned (every one of
/// them, for `ipsec-conf check`) and the rest is kept.
#[must_use]
pub fn parse_lossy(text: &str, options: ParseOptions) -> (Config, Vec<ParseError>) {
    let platform = options.platform.unwrap_or_else(|| detect_platform(text));
    let mut b = Builder::new(platform, options.mode);
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        b.line(line_no, raw);
    }
    b.finish()
}

/// An open configuration block: where the next indented line goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Block {
    /// No block.
    None,
    /// The indented lines of a skipped command.
    Skip,
    /// An IOS banner, up to the line holding the delimiter.
    Banner(String),
    /// `crypto isakmp policy N` / `crypto ikev1 policy N`.
    IsakmpPolicy(u32),
    /// ASA `crypto ikev2 policy N` or IOS-XE `crypto ikev2 proposal NAME` (index into
    /// `ikev2_policies`).
    Ikev2(usize),
    /// IOS-XE `crypto ikev2 policy NAME` (index into `ios_ikev2_policies`).
    IosIkev2Policy(usize),
    /// `crypto ipsec transform-set NAME ...` (index).
    TransformSet(usize),
    /// ASA `crypto ipsec ikev2 ipsec-proposal NAME` (index).
    IpsecProposal(usize),
    /// `crypto map NAME SEQ ...` (map index, sequence number).
    MapEntry(usize, u32),
    /// `crypto dynamic-map NAME SEQ` (map index, sequence number).
    DynamicEntry(usize, u32),
    /// `interface X`.
    Interface(InterfaceBlock),
    /// ASA `tunnel-group NAME ipsec-attributes`.
    TunnelGroup(String),
    /// IOS `crypto keyring NAME` (IKEv1 keys).
    Keyring(String),
    /// IOS-XE `crypto ikev2 keyring NAME` (its open `peer` block is
    /// `Builder::keyring_peer`).
    Ikev2Keyring(String),
}

/// What an `interface` block said so far.
#[derive(Clone, Debug, PartialEq, Eq)]
struct InterfaceBlock {
    hardware: String,
    line: u32,
    nameif: Option<(String, u32)>,
    security_level: Option<u8>,
    address: Option<(core::net::IpAddr, core::net::IpAddr, u32)>,
}

/// The configuration under construction.
pub(crate) struct Builder {
    cfg: Config,
    mode: Mode,
    errors: Vec<ParseError>,
    acl: AclParser,
    block: Block,
    /// Map entries declared with an explicit type (map index, seq).
    declared: BTreeSet<(usize, u32)>,
    /// ASA IKEv2 policies whose integrity was set to `null` (indices).
    integrity_null: BTreeSet<usize>,
    /// The open `peer` block of an IKEv2 keyring.
    keyring_peer: Option<keyring::KeyringPeer>,
    /// Inside an `rsa-pubkey` sub-block of a `crypto keyring` (skipped up to its `quit`).
    keyring_nested: bool,
}

impl Builder {
    fn new(platform: Platform, mode: Mode) -> Self {
        let mut cfg = Config::new(platform);
        cfg.isakmp_policies.clear();
        Builder {
            cfg,
            mode,
            errors: Vec::new(),
            acl: AclParser::new(platform.acl_dialect(), mode),
            block: Block::None,
            declared: BTreeSet::new(),
            integrity_null: BTreeSet::new(),
            keyring_peer: None,
            keyring_nested: false,
        }
    }

    fn platform(&self) -> Platform {
        self.cfg.platform
    }

    /// A recoverable problem: an error in strict mode (the line is rejected), a warning in
    /// lenient mode (the caller goes on).
    fn soft(&mut self, e: ParseError) -> Result<(), ParseError> {
        match self.mode {
            Mode::Strict => Err(e),
            Mode::Lenient => {
                self.cfg.warnings.push(e);
                Ok(())
            }
        }
    }

    fn note(&mut self, line: u32, text: String) {
        self.cfg.notes.push(Note { line, text });
    }

    /// Skips a command that is valid device syntax but not modelled, with its block.
    /// The last arm of a `crypto ...` sub-command dispatch: a `word` the platform accepts but
    /// the model leaves out (listed in `not_modelled`) is noted as `{prefix} {word}` and
    /// skipped with its block; any other word is an error that expects one of `keywords` (a
    /// warning in lenient mode), and its block is skipped too.
    fn other_subcommand(
        &mut self,
        cur: &Cur<'_, '_>,
        word: &str,
        not_modelled: &[&str],
        prefix: &str,
        keywords: &'static [&'static str],
    ) -> Result<(), ParseError> {
        if tables::listed(not_modelled, word) {
            self.not_modelled(cur, &format!("{prefix} {word}"));
            return Ok(());
        }
        self.soft(cur.expected(Expected::OneOf(keywords)))?;
        self.set_block(Block::Skip);
        Ok(())
    }

    fn not_modelled(&mut self, cur: &Cur<'_, '_>, what: &str) {
        self.note(cur.line(), format!("`{what}` is not modelled; skipped with its block"));
        self.set_block(Block::Skip);
    }

    fn set_block(&mut self, block: Block) {
        let old = core::mem::replace(&mut self.block, block);
        if let Block::Interface(i) = &old {
            self.finish_interface(i);
        }
        if matches!(old, Block::Ikev2Keyring(_)) {
            self.finish_keyring_peer();
        }
        self.keyring_nested = false;
    }

    fn close_blocks(&mut self) {
        self.set_block(Block::None);
        self.acl.close_block();
    }

    /// One line of text.
    fn line(&mut self, line_no: u32, raw: &str) {
        if let Block::Banner(delim) = &self.block {
            if raw.contains(delim.as_str()) {
                self.set_block(Block::None);
            }
            return;
        }
        // A CLI prompt copied from a guide: blank it out (columns stay right).
        let (text, prompt) = strip_prompt(raw);
        let text: &str = &text;
        let toks = lex(text);
        let Some(first) = toks.first().copied() else {
            self.close_blocks();
            return;
        };
        let indented = match prompt {
            Some(submode) => submode,
            None => raw.starts_with(char::is_whitespace),
        };
        if first.text.starts_with('!') || first.text.starts_with(':') || first.text.starts_with('#') {
            // IOS prints ` ! Incomplete` inside an incomplete crypto map entry: an indented
            // comment stays in its block.
            if !indented {
                self.close_blocks();
            }
            return;
        }
        if prompt == Some(false) {
            // A global-configuration prompt ends every block.
            self.close_blocks();
        }
        let mut cur = Cur::new(&toks, line_no, text);
        if self.block != Block::None {
            if first.is("exit") || first.is("quit") {
                // `quit` ends an `rsa-pubkey` sub-block and `exit` an IKEv2 keyring `peer`
                // block, not the keyring.
                if matches!(self.block, Block::Keyring(_)) && self.keyring_nested {
                    self.keyring_nested = false;
                } else if matches!(self.block, Block::Ikev2Keyring(_)) && self.keyring_peer.is_some() {
                    self.finish_keyring_peer();
                } else {
                    self.set_block(Block::None);
                }
                return;
            }
            if indented || self.block_takes(&toks) {
                if let Err(e) = self.block_line(&mut cur) {
                    self.errors.push(e);
                }
                return;
            }
            self.set_block(Block::None);
        }
        match self.acl.feed(line_no, text) {
            Ok(Feed::Consumed) => return,
            Ok(Feed::NotAcl) => {}
            Err(e) => {
                self.errors.push(e.into());
                return;
            }
        }
        if let Err(e) = self.global(&mut cur) {
            self.errors.push(e);
        }
    }

    /// True when an unindented line belongs to the open block.
    fn block_takes(&self, toks: &[Tok<'_>]) -> bool {
        let Some(first) = toks.first() else { return false };
        let second = toks.get(1);
        let any = |list: &[&str]| list.iter().any(|k| first.is(k));
        match &self.block {
            Block::None | Block::Skip | Block::Banner(_) => false,
            Block::IsakmpPolicy(_) => any(&["encryption", "encr", "hash", "authentication", "group", "lifetime"]),
            Block::Ikev2(_) => any(&["encryption", "integrity", "prf", "group", "lifetime"]),
            Block::IosIkev2Policy(_) => any(&["proposal", "match"]),
            Block::TransformSet(_) => any(&["mode", "initialization-vector"]),
            Block::IpsecProposal(_) => any(&["protocol"]),
            Block::MapEntry(..) | Block::DynamicEntry(..) => {
                any(&["match", "set", "description", "reverse-route", "qos"])
            }
            Block::Interface(_) => {
                any(&["nameif", "security-level"])
                    || (first.is("ip") && second.is_some_and(|t| t.is("address")))
                    || (first.is("crypto") && second.is_some_and(|t| t.is("map")) && toks.len() == 3)
            }
            Block::TunnelGroup(_) => any(&["pre-shared-key", "ikev1", "ikev2", "peer-id-validate"]),
            Block::Keyring(_) => any(&["pre-shared-key", "rsa-pubkey", "description", "local-address"]),
            Block::Ikev2Keyring(_) => {
                any(&["peer", "address", "hostname", "identity", "pre-shared-key", "description"])
            }
        }
    }

    /// A line of the open block.
    fn block_line(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        match self.block.clone() {
            Block::None | Block::Skip | Block::Banner(_) => Ok(()),
            Block::IsakmpPolicy(p) => self.isakmp_policy_attribute(cur, p),
            Block::Ikev2(i) => self.ikev2_attribute(cur, i),
            Block::IosIkev2Policy(i) => self.ios_ikev2_policy_line(cur, i),
            Block::TransformSet(i) => self.transform_set_line(cur, i),
            Block::IpsecProposal(i) => self.ipsec_proposal_line(cur, i),
            Block::MapEntry(m, seq) => self.entry_line(cur, map::Target::Static(m, seq)),
            Block::DynamicEntry(m, seq) => self.entry_line(cur, map::Target::Dynamic(m, seq)),
            Block::Interface(_) => self.interface_line(cur),
            Block::TunnelGroup(name) => self.tunnel_group_line(cur, &name),
            Block::Keyring(name) => self.keyring_line(cur, &name),
            Block::Ikev2Keyring(name) => self.ikev2_keyring_line(cur, &name),
        }
    }

    /// A line outside any block.
    fn global(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let Some(first) = cur.peek() else { return Ok(()) };
        let word = first.text.to_ascii_lowercase();
        match word.as_str() {
            "crypto" => {
                cur.next();
                self.crypto(cur)
            }
            "isakmp" => {
                cur.next();
                self.isakmp(cur)
            }
            "no" => self.no_command(cur),
            "hostname" => self.hostname(cur),
            "domain-name" => self.domain_name(cur),
            "ip" => self.ip_command(cur),
            "interface" => self.interface(cur),
            "nameif" => self.pix_nameif(cur),
            "tunnel-group" => self.tunnel_group(cur),
            "banner" => {
                self.banner(cur);
                Ok(())
            }
            "end" => {
                self.note(cur.line(), "`end`: end of the configuration mode".to_owned());
                Ok(())
            }
            "exit" | "quit" => Ok(()),
            "set"
            | "match"
            | "encryption"
            | "encr"
            | "hash"
            | "authentication"
            | "group"
            | "lifetime"
            | "mode"
            | "initialization-vector"
            | "protocol"
            | "integrity"
            | "prf"
            | "pre-shared-key"
            | "proposal" => {
                let e = cur.err_at(Some(first), error::ParseErrorKind::OutsideBlock { keyword: first.text.to_owned() });
                self.soft(e)?;
                self.set_block(Block::Skip);
                Ok(())
            }
            _ => {
                self.note(cur.line(), format!("`{}` is not IPsec configuration; skipped (DESIGN §3.20)", first.text));
                self.set_block(Block::Skip);
                Ok(())
            }
        }
    }

    /// `crypto ...` (the cursor is past `crypto`).
    fn crypto(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let Some(t) = cur.peek() else { return Err(cur.expected(Expected::OneOf(tables::CRYPTO_KEYWORDS))) };
        let word = t.text.to_ascii_lowercase();
        match word.as_str() {
            "isakmp" => {
                cur.next();
                self.isakmp(cur)
            }
            "ikev1" => {
                cur.next();
                self.ikev1(cur)
            }
            "ikev2" => {
                cur.next();
                self.ikev2(cur)
            }
            "ipsec" => {
                cur.next();
                self.ipsec(cur)
            }
            "map" => {
                cur.next();
                self.crypto_map(cur)
            }
            "dynamic-map" => {
                cur.next();
                self.dynamic_map(cur)
            }
            "keyring" if self.platform() == Platform::Ios => self.keyring(cur),
            w => self.other_subcommand(cur, w, tables::CRYPTO_NOT_MODELLED, "crypto", tables::CRYPTO_KEYWORDS),
        }
    }

    /// `no ...`: the forms that switch a default back on or off; the rest is noted.
    fn no_command(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.next();
        let words: Vec<String> = core::iter::from_fn(|| cur.next()).map(|t| t.text.to_ascii_lowercase()).collect();
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let w = w.strip_prefix(&["crypto"]).unwrap_or(&w);
        match w {
            ["isakmp", "nat-traversal", ..] => self.cfg.ike.nat_traversal = None,
            ["isakmp", "am-disable"] | ["ikev1", "am-disable"] | ["isakmp", "aggressive-mode", "disable"] => {
                self.cfg.ike.aggressive_mode_disabled = None;
            }
            ["ikev2", "fragmentation"] => self.cfg.ike.ikev2_fragmentation_disabled = Some(cur.line()),
            ["ikev2", "fragmentation", "mtu", ..] => self.cfg.ike.ikev2_fragmentation_mtu = None,
            ["ikev2", "fragmentation", "preferred-method", ..] => {
                self.cfg.ike.ikev2_fragmentation_preferred =
                    crate::model::Setting::configured(crate::model::FragmentationMethod::Ietf, cur.line());
            }
            _ => {
                let what = w.first().copied().unwrap_or("");
                self.note(cur.line(), format!("`no {what} ...`: the default is kept"));
            }
        }
        Ok(())
    }

    /// IOS `banner TYPE DELIM ... DELIM`: skipped, over several lines when needed. ASA and
    /// PIX banners are one line each.
    fn banner(&mut self, cur: &mut Cur<'_, '_>) {
        self.note(cur.line(), "`banner` skipped".to_owned());
        if self.platform() != Platform::Ios {
            return;
        }
        cur.next();
        let Some(kind) = cur.next() else { return };
        let delim_tok = if ["motd", "login", "exec", "incoming", "slip-ppp", "prompt-timeout", "config-save"]
            .iter()
            .any(|k| kind.is(k))
        {
            cur.peek()
        } else {
            Some(kind)
        };
        let Some(d) = delim_tok else { return };
        let delim: String = if d.text.starts_with("^C") { "^C".to_owned() } else { d.text.chars().take(1).collect() };
        let after = cur.rest().get(delim.len()..).unwrap_or("");
        if !after.contains(delim.as_str()) {
            self.set_block(Block::Banner(delim));
        }
    }

    fn finish(mut self) -> (Config, Vec<ParseError>) {
        self.set_block(Block::None);
        let acl = core::mem::replace(&mut self.acl, AclParser::new(self.cfg.platform.acl_dialect(), self.mode));
        self.cfg.acls = acl.finish();
        let platform = self.cfg.platform;
        self.cfg.isakmp_policies.sort_by_key(|p| p.priority);
        if platform.has_default_isakmp_policy() {
            self.cfg.isakmp_policies.push(IsakmpPolicy::defaults(platform, IsakmpPolicy::DEFAULT_SUITE_PRIORITY, 0));
        }
        self.finish_ikev2();
        self.finish_transform_sets();
        for m in &mut self.cfg.maps {
            m.entries.sort_by_key(|e| e.seq);
        }
        for m in &mut self.cfg.dynamic_maps {
            m.entries.sort_by_key(|e| e.seq);
        }
        self.errors.sort_by_key(|e| (e.line, e.column));
        (self.cfg, self.errors)
    }
}

/// Blanks a leading CLI prompt (`hostname(config)#`, `Router(config-crypto-m) #`,
/// `Router(cfg-crypto-trans)#`) and says
/// whether it was one of a sub-mode (`Some(true)`), global configuration (`Some(false)`), or
/// none.
fn strip_prompt(raw: &str) -> (alloc::borrow::Cow<'_, str>, Option<bool>) {
    let toks = lex(raw);
    let Some(first) = toks.first() else { return (raw.into(), None) };
    if !first.text.contains("(config") && !first.text.contains("(cfg-") {
        return (raw.into(), None);
    }
    let end = if first.text.ends_with('#') || first.text.ends_with('>') {
        first.end
    } else if first.text.ends_with(')') && toks.get(1).is_some_and(|t| t.text == "#" || t.text == ">") {
        toks.get(1).map_or(first.end, |t| t.end)
    } else {
        return (raw.into(), None);
    };
    let submode = first.text.contains("(config-") || first.text.contains("(cfg-");
    let blanked: String = raw
        .chars()
        .enumerate()
        .map(|(i, c)| if u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1) < end { ' ' } else { c })
        .collect();
    (blanked.into(), Some(submode))
}
