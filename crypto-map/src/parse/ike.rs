//! ISAKMP/IKEv1 policies, IKEv2 policies and proposals, pre-shared keys and the device-wide
//! IKE settings.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{CiscoContext, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};

use super::error::{Expected, ParseError, ParseErrorKind};
use super::lexer::{Cur, Tok};
use super::{Block, Builder, hex, tables};
use crate::model::{
    AuthMethod, FragmentationMethod, IdentityKind, IkeVersion, Ikev2Defaulted, Ikev2Policy, IosIkev2Policy,
    IsakmpPolicy, KeyDirection, KeyScope, Platform, PreSharedKey, Redefinition, RedefinitionKind, Setting,
};

/// One attribute of an ISAKMP policy.
#[derive(Clone, Copy)]
enum PolicyAttr {
    Encryption(EncryptionAlgorithm),
    Hash(PrfAlgorithm),
    Authentication(AuthMethod),
    Group(DhGroup),
    Lifetime(u64),
}

/// One attribute of an IKEv2 policy or proposal.
enum Ikev2Attr {
    Encryption(Vec<EncryptionAlgorithm>),
    Integrity(Vec<IntegrityAlgorithm>, bool),
    Prf(Vec<PrfAlgorithm>),
    Groups(Vec<DhGroup>),
    Lifetime(u64),
}

impl Builder {
    /// A number that must lie in `min..=max` as a recoverable rule (lenient mode keeps it):
    /// anything up to `u32::MAX` reads.
    pub(super) fn ranged(
        &mut self,
        cur: &mut Cur<'_, '_>,
        what: &'static str,
        min: u64,
        max: u64,
    ) -> Result<u64, ParseError> {
        let tok = cur.peek();
        let v = cur.number(what, 0, u64::from(u32::MAX))?;
        if v < min || v > max {
            let value = tok.map_or_else(String::new, |t| t.text.to_owned());
            let e = cur.err_at(tok, ParseErrorKind::OutOfRange { what, value, min, max });
            self.soft(e)?;
        }
        Ok(v)
    }

    /// `[crypto] isakmp ...` (the cursor is past `isakmp`).
    pub(super) fn isakmp(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let Some(t) = cur.peek() else { return Err(cur.expected(Expected::OneOf(tables::ISAKMP_KEYWORDS))) };
        let word = t.text.to_ascii_lowercase();
        match word.as_str() {
            "policy" => {
                cur.next();
                self.isakmp_policy_command(cur)
            }
            "key" => {
                cur.next();
                self.isakmp_key(cur)
            }
            "identity" => {
                cur.next();
                self.identity(cur)
            }
            "keepalive" => {
                cur.next();
                let secs = self.ranged(cur, "a keepalive interval", 10, 3600)?;
                let retry = if cur.at_end() || !cur.peek().is_some_and(|t| t.text.bytes().all(|b| b.is_ascii_digit())) {
                    2
                } else {
                    cur.number("a retry interval", 2, 60)?
                };
                // `periodic` / `on-demand` (IOS) and `retry N` (PIX) forms.
                if cur.eat("retry") {
                    cur.number("a retry interval", 2, 60)?;
                }
                let _ = cur.eat("periodic") || cur.eat("on-demand");
                cur.end()?;
                let (s, r) = (u32::try_from(secs).unwrap_or(u32::MAX), u32::try_from(retry).unwrap_or(2));
                self.cfg.ike.keepalive = Some(Setting::configured((s, r), cur.line()));
                Ok(())
            }
            "nat-traversal" => {
                cur.next();
                // 10-3600 s, default 20 (000:259-267, 001:459-469).
                let ka = if cur.at_end() { 20 } else { self.ranged(cur, "a NAT-T keepalive", 10, 3600)? };
                cur.end()?;
                self.cfg.ike.nat_traversal = Some(Setting::configured(u32::try_from(ka).unwrap_or(20), cur.line()));
                Ok(())
            }
            "nat" => {
                // IOS `crypto isakmp nat keepalive N`.
                cur.next();
                cur.keyword(&["keepalive"])?;
                let ka = self.ranged(cur, "a NAT keepalive", 5, 3600)?;
                cur.end()?;
                self.cfg.ike.nat_traversal = Some(Setting::configured(u32::try_from(ka).unwrap_or(20), cur.line()));
                Ok(())
            }
            "enable" => {
                cur.next();
                if cur.at_end() {
                    // IOS: IKE is on by default; `crypto isakmp enable` only undoes `no`.
                    self.note(cur.line(), "`crypto isakmp enable`: IKE is enabled by default".to_owned());
                    return Ok(());
                }
                self.enable_on(cur, IkeVersion::V1)
            }
            "am-disable" => {
                cur.next();
                self.aggressive_mode_disabled(cur)
            }
            "aggressive-mode" => {
                cur.next();
                cur.keyword(&["disable"])?;
                self.aggressive_mode_disabled(cur)
            }
            "client" => {
                cur.next();
                cur.keyword(&["configuration"])?;
                if cur.peek_is("group") {
                    self.not_modelled(cur, "crypto isakmp client configuration group");
                    return Ok(());
                }
                cur.keyword(&["address-pool"])?;
                cur.keyword(&["local"])?;
                let pool = cur.word("an address pool name")?;
                if !cur.at_end() {
                    cur.word("an interface name")?;
                }
                cur.end()?;
                self.cfg.client_address_pool = Some((pool.text.to_owned(), cur.line()));
                Ok(())
            }
            "profile" => {
                self.not_modelled(cur, "crypto isakmp profile");
                Ok(())
            }
            w => self.other_subcommand(cur, w, tables::ISAKMP_NOT_MODELLED, "isakmp", tables::ISAKMP_KEYWORDS),
        }
    }

    /// `... enable IF` (ASA `crypto isakmp enable`, `crypto ikev1 enable`; the cursor is at
    /// the interface).
    fn enable_on(&mut self, cur: &mut Cur<'_, '_>, version: IkeVersion) -> Result<(), ParseError> {
        let iface = cur.word("an interface name")?;
        cur.end()?;
        self.enable(iface.text, version, cur.line());
        Ok(())
    }

    /// `crypto isakmp am-disable` (ASA 8.x), `crypto ikev1 am-disable` (ASA 9.x) and IOS
    /// `crypto isakmp aggressive-mode disable`, the cursor past the keywords.
    fn aggressive_mode_disabled(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.end()?;
        self.cfg.ike.aggressive_mode_disabled = Some(cur.line());
        Ok(())
    }

    fn enable(&mut self, iface: &str, version: IkeVersion, line: u32) {
        let exists = self.cfg.ike.enabled_on.iter().any(|(i, v, _)| i == iface && *v == version);
        if !exists {
            self.cfg.ike.enabled_on.push((iface.to_owned(), version, line));
        }
    }

    /// `crypto ikev1 ...` (ASA 9.x).
    pub(super) fn ikev1(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let Some(t) = cur.peek() else { return Err(cur.expected(Expected::OneOf(tables::IKEV1_KEYWORDS))) };
        let word = t.text.to_ascii_lowercase();
        match word.as_str() {
            "policy" => {
                cur.next();
                self.isakmp_policy_command(cur)
            }
            "enable" => {
                cur.next();
                self.enable_on(cur, IkeVersion::V1)
            }
            "am-disable" => {
                cur.next();
                self.aggressive_mode_disabled(cur)
            }
            w => self.other_subcommand(cur, w, tables::IKEV1_NOT_MODELLED, "crypto ikev1", tables::IKEV1_KEYWORDS),
        }
    }

    /// `crypto ikev2 ...` (ASA 9.x policies, IOS-XE proposals and policies).
    pub(super) fn ikev2(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let Some(t) = cur.peek() else { return Err(cur.expected(Expected::OneOf(tables::IKEV2_KEYWORDS))) };
        let word = t.text.to_ascii_lowercase();
        let line = cur.line();
        match word.as_str() {
            "policy" => {
                cur.next();
                if self.platform() == Platform::Ios {
                    let name = cur.word("an IKEv2 policy name")?;
                    cur.end()?;
                    let idx = match self.cfg.ios_ikev2_policies.iter().position(|p| p.name == name.text) {
                        Some(i) => i,
                        None => {
                            self.cfg.ios_ikev2_policies.push(IosIkev2Policy {
                                name: name.text.to_owned(),
                                proposals: Vec::new(),
                                line,
                            });
                            self.cfg.ios_ikev2_policies.len().saturating_sub(1)
                        }
                    };
                    self.set_block(Block::IosIkev2Policy(idx));
                    return Ok(());
                }
                let prio = cur.number_u32("a policy priority", 1, 65_535)?;
                cur.end()?;
                let idx = match self.cfg.ikev2_policies.iter().position(|p| p.priority == Some(prio)) {
                    Some(i) => i,
                    None => {
                        self.cfg.ikev2_policies.push(new_ikev2(Some(prio), None, line));
                        self.cfg.ikev2_policies.len().saturating_sub(1)
                    }
                };
                self.set_block(Block::Ikev2(idx));
                Ok(())
            }
            "proposal" => {
                cur.next();
                let name = cur.word("an IKEv2 proposal name")?;
                cur.end()?;
                let idx = match self.cfg.ikev2_policies.iter().position(|p| p.name.as_deref() == Some(name.text)) {
                    Some(i) => i,
                    None => {
                        self.cfg.ikev2_policies.push(new_ikev2(None, Some(name.text.to_owned()), line));
                        self.cfg.ikev2_policies.len().saturating_sub(1)
                    }
                };
                self.set_block(Block::Ikev2(idx));
                Ok(())
            }
            "enable" => {
                cur.next();
                let iface = cur.word("an interface name")?;
                // `client-services [port N]` (AnyConnect) is accepted and ignored.
                cur.skip_rest();
                self.enable(iface.text, IkeVersion::V2, line);
                Ok(())
            }
            "fragmentation" => {
                cur.next();
                let mut mtu = None;
                let mut method = None;
                while let Some(t) = cur.peek() {
                    if t.is("mtu") {
                        cur.next();
                        // 68-1500, including the IP and UDP headers (001:334-337).
                        mtu = Some(self.ranged(cur, "an IKEv2 fragmentation MTU", 68, 1500)?);
                    } else if t.is("preferred-method") {
                        cur.next();
                        method = Some(match cur.keyword(&["ietf", "cisco"])? {
                            "cisco" => FragmentationMethod::Cisco,
                            _ => FragmentationMethod::Ietf,
                        });
                    } else {
                        return Err(cur.expected(Expected::OneOf(&["mtu", "preferred-method"])));
                    }
                }
                self.cfg.ike.ikev2_fragmentation_disabled = None;
                if let Some(m) = mtu {
                    self.cfg.ike.ikev2_fragmentation_mtu =
                        Some(Setting::configured(u16::try_from(m).unwrap_or(1500), line));
                }
                if let Some(m) = method {
                    self.cfg.ike.ikev2_fragmentation_preferred = Setting::configured(m, line);
                }
                Ok(())
            }
            "keyring" if self.platform() == Platform::Ios => self.ikev2_keyring(cur),
            w => self.other_subcommand(cur, w, tables::IKEV2_NOT_MODELLED, "crypto ikev2", tables::IKEV2_KEYWORDS),
        }
    }

    /// `policy N [ATTRIBUTE VALUE]` after `[crypto] isakmp` or `crypto ikev1`.
    fn isakmp_policy_command(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        // PIX: 1-65,534 (004:1004); elsewhere 1-65,535 ([EXT] ASA and IOS references).
        let max = if self.platform() == Platform::Pix { 65_534 } else { 65_535 };
        let prio = cur.number_u32("a policy priority", 1, max)?;
        let line = cur.line();
        if cur.at_end() {
            self.ensure_policy(prio, line);
            self.set_block(Block::IsakmpPolicy(prio));
            return Ok(());
        }
        let attr = self.policy_attr(cur)?;
        self.ensure_policy(prio, line);
        if let Some(a) = attr {
            self.apply_policy_attr(prio, a, line);
        }
        Ok(())
    }

    fn ensure_policy(&mut self, prio: u32, line: u32) {
        if !self.cfg.isakmp_policies.iter().any(|p| p.priority == prio) {
            let platform = self.platform();
            self.cfg.isakmp_policies.push(IsakmpPolicy::defaults(platform, prio, line));
        }
    }

    /// A line of a `crypto isakmp policy` block.
    pub(super) fn isakmp_policy_attribute(&mut self, cur: &mut Cur<'_, '_>, prio: u32) -> Result<(), ParseError> {
        let attr = self.policy_attr(cur)?;
        if let Some(a) = attr {
            self.apply_policy_attr(prio, a, cur.line());
        }
        Ok(())
    }

    fn apply_policy_attr(&mut self, prio: u32, attr: PolicyAttr, line: u32) {
        let Some(p) = self.cfg.isakmp_policies.iter_mut().find(|p| p.priority == prio) else { return };
        match attr {
            PolicyAttr::Encryption(v) => p.encryption = Setting::configured(v, line),
            PolicyAttr::Hash(v) => p.hash = Setting::configured(v, line),
            PolicyAttr::Authentication(v) => p.authentication = Setting::configured(v, line),
            PolicyAttr::Group(v) => p.group = Setting::configured(v, line),
            PolicyAttr::Lifetime(v) => p.lifetime = Setting::configured(v, line),
        }
    }

    /// Reads `ATTRIBUTE VALUE`; `Ok(None)` when lenient mode skipped an unsupported value.
    fn policy_attr(&mut self, cur: &mut Cur<'_, '_>) -> Result<Option<PolicyAttr>, ParseError> {
        let platform = self.platform();
        let ctx = tables::isakmp_context(platform);
        let attr = match cur.peek() {
            Some(t) if t.is("encr") => {
                cur.next();
                "encryption"
            }
            _ => cur.keyword(tables::POLICY_ATTRIBUTES)?,
        };
        let out = match attr {
            "encryption" => {
                let expected = Expected::OneOf(tables::isakmp_encryptions(platform));
                let Some(t) = cur.peek() else { return Err(cur.expected(expected)) };
                let mut words = t.text.to_ascii_lowercase();
                cur.next();
                if platform == Platform::Ios
                    && words == "aes"
                    && cur.peek().is_some_and(|n| n.text.parse::<u16>().is_ok())
                    && let Some(n) = cur.next()
                {
                    words = format!("aes {}", n.text);
                }
                match EncryptionAlgorithm::from_cisco(ctx, &words) {
                    Some(e) => Some(PolicyAttr::Encryption(e)),
                    None => {
                        cur.back();
                        return Err(cur.expected(expected));
                    }
                }
            }
            "hash" => {
                let accepted = tables::isakmp_hashes(platform);
                let Some(t) = cur.peek() else { return Err(cur.expected(Expected::OneOf(accepted))) };
                let Some(h) = PrfAlgorithm::from_cisco(ctx, t.text)
                    .or_else(|| PrfAlgorithm::from_cisco(CiscoContext::IosIsakmpPolicy, t.text))
                else {
                    return Err(cur.expected(Expected::OneOf(accepted)));
                };
                if !tables::listed(accepted, t.text) {
                    self.not_on_platform(cur, t, "hash", accepted)?;
                }
                cur.next();
                Some(PolicyAttr::Hash(h))
            }
            "authentication" => {
                let accepted = tables::isakmp_auths(platform);
                let Some(t) = cur.peek() else { return Err(cur.expected(Expected::OneOf(accepted))) };
                let w = t.text.to_ascii_lowercase();
                let out = match tables::auth_method(&w) {
                    Some(m) => {
                        if !tables::listed(accepted, &w) {
                            self.not_on_platform(cur, t, "authentication method", accepted)?;
                        }
                        Some(PolicyAttr::Authentication(m))
                    }
                    None if matches!(w.as_str(), "rsa-sig-encr" | "pre-share-encr" | "eap") => {
                        let e =
                            cur.err_at(Some(t), ParseErrorKind::Unsupported { what: format!("authentication `{w}`") });
                        self.soft(e)?;
                        None
                    }
                    None => return Err(cur.expected(Expected::OneOf(accepted))),
                };
                cur.next();
                out
            }
            "group" => {
                let accepted = tables::isakmp_groups(platform);
                let Some(t) = cur.peek() else { return Err(cur.expected(Expected::OneOf(accepted))) };
                let out = self.group_value(cur, t, accepted, "Diffie-Hellman group")?.map(PolicyAttr::Group);
                cur.next();
                out
            }
            _ => {
                // lifetime: ASA 120-2,147,483,647 s (000:91, 001:182); IOS 60-86,400 s [EXT];
                // PIX "any number of seconds" (004:957).
                let _ = cur.eat("seconds");
                let (min, max) = match platform {
                    Platform::Asa8 | Platform::Asa9 => (120, 2_147_483_647),
                    Platform::Ios => (60, 86_400),
                    Platform::Pix => (1, 2_147_483_647),
                };
                Some(PolicyAttr::Lifetime(self.ranged(cur, "an ISAKMP lifetime", min, max)?))
            }
        };
        cur.end()?;
        Ok(out)
    }

    /// A DH group number checked against the platform's list. `Ok(None)` for a group the
    /// catalogue lacks (group 7) in lenient mode.
    fn group_value(
        &mut self,
        cur: &Cur<'_, '_>,
        t: Tok<'_>,
        accepted: &'static [&'static str],
        what: &'static str,
    ) -> Result<Option<DhGroup>, ParseError> {
        match tables::group_number(t.text) {
            Some(g) => {
                if !tables::listed(accepted, t.text) {
                    self.not_on_platform(cur, t, what, accepted)?;
                }
                Ok(Some(g))
            }
            None if t.text == "7" => {
                let e = cur.err_at(
                    Some(t),
                    ParseErrorKind::Unsupported { what: "Diffie-Hellman group 7 (EC2N, 163-bit)".to_owned() },
                );
                self.soft(e)?;
                Ok(None)
            }
            None => Err(cur.err_at(
                Some(t),
                ParseErrorKind::Expected { expected: Expected::OneOf(accepted), found: Some(t.text.to_owned()) },
            )),
        }
    }

    fn not_on_platform(
        &mut self,
        cur: &Cur<'_, '_>,
        t: Tok<'_>,
        what: &'static str,
        accepted: &'static [&'static str],
    ) -> Result<(), ParseError> {
        let e = cur.err_at(
            Some(t),
            ParseErrorKind::NotOnPlatform { what, value: t.text.to_owned(), platform: self.platform(), accepted },
        );
        self.soft(e)
    }

    /// A line of an ASA `crypto ikev2 policy` or IOS-XE `crypto ikev2 proposal` block.
    pub(super) fn ikev2_attribute(&mut self, cur: &mut Cur<'_, '_>, idx: usize) -> Result<(), ParseError> {
        let asa = self.cfg.ikev2_policies.get(idx).is_some_and(|p| p.priority.is_some());
        let (ctx, groups, attrs) = if asa {
            (CiscoContext::AsaIkev2Policy, tables::IKEV2_POLICY_GROUPS, tables::IKEV2_POLICY_ATTRIBUTES)
        } else {
            (CiscoContext::IosIkev2Proposal, tables::IKEV2_PROPOSAL_GROUPS, tables::IKEV2_PROPOSAL_ATTRIBUTES)
        };
        let attr = cur.keyword(attrs)?;
        let value = match attr {
            "encryption" => Ikev2Attr::Encryption(distinct_values(
                cur,
                "an IKEv2 encryption algorithm",
                |t| EncryptionAlgorithm::from_cisco(ctx, t),
                |_| false,
            )?),
            "integrity" => {
                // ASA `integrity null` (AEAD-only policies) is a word, not an algorithm.
                let mut null = false;
                let v = distinct_values(
                    cur,
                    "an IKEv2 integrity algorithm",
                    |t| IntegrityAlgorithm::from_cisco(ctx, t),
                    |t| {
                        let n = asa && t.eq_ignore_ascii_case("null");
                        null |= n;
                        n
                    },
                );
                Ikev2Attr::Integrity(v?, null)
            }
            "prf" => {
                Ikev2Attr::Prf(distinct_values(cur, "an IKEv2 PRF", |t| PrfAlgorithm::from_cisco(ctx, t), |_| false)?)
            }
            "group" => {
                if cur.at_end() {
                    return Err(cur.expected(Expected::OneOf(groups)));
                }
                let mut v = Vec::new();
                while let Some(t) = cur.peek() {
                    if let Some(g) = self.group_value(cur, t, groups, "Diffie-Hellman group")?
                        && !v.contains(&g)
                    {
                        v.push(g);
                    }
                    cur.next();
                }
                Ikev2Attr::Groups(v)
            }
            _ => {
                let _ = cur.eat("seconds");
                Ikev2Attr::Lifetime(self.ranged(cur, "an IKEv2 lifetime", 120, 2_147_483_647)?)
            }
        };
        cur.end()?;
        let line = cur.line();
        let Some(p) = self.cfg.ikev2_policies.get_mut(idx) else { return Ok(()) };
        match value {
            Ikev2Attr::Encryption(v) => p.encryption = v,
            Ikev2Attr::Integrity(v, null) => {
                p.integrity = v;
                if null {
                    self.integrity_null.insert(idx);
                } else {
                    self.integrity_null.remove(&idx);
                }
            }
            Ikev2Attr::Prf(v) => p.prf = v,
            Ikev2Attr::Groups(v) => {
                if !v.is_empty() {
                    p.groups = v;
                }
            }
            Ikev2Attr::Lifetime(s) => p.lifetime = Setting::configured(s, line),
        }
        Ok(())
    }

    /// A line of an IOS-XE `crypto ikev2 policy NAME` block.
    pub(super) fn ios_ikev2_policy_line(&mut self, cur: &mut Cur<'_, '_>, idx: usize) -> Result<(), ParseError> {
        match cur.keyword(&["proposal", "match"])? {
            "proposal" => {
                let name = cur.word("an IKEv2 proposal name")?;
                cur.end()?;
                let line = cur.line();
                if let Some(p) = self.cfg.ios_ikev2_policies.get_mut(idx)
                    && !p.proposals.iter().any(|(n, _)| n == name.text)
                {
                    p.proposals.push((name.text.to_owned(), line));
                }
                Ok(())
            }
            _ => {
                self.note(cur.line(), "IKEv2 policy `match` is not modelled".to_owned());
                Ok(())
            }
        }
    }

    /// Fills the ASA IKEv2 policy defaults (001:210-234) and orders the policies.
    pub(super) fn finish_ikev2(&mut self) {
        for (i, p) in self.cfg.ikev2_policies.iter_mut().enumerate() {
            if p.priority.is_none() {
                continue;
            }
            let mut d = Ikev2Defaulted::default();
            if p.encryption.is_empty() {
                p.encryption.push(EncryptionAlgorithm::TripleDesCbc);
                d.encryption = true;
            }
            if p.integrity.is_empty() && !self.integrity_null.contains(&i) {
                p.integrity.push(IntegrityAlgorithm::HmacSha1_96);
                d.integrity = true;
            }
            if p.prf.is_empty() {
                p.prf.push(PrfAlgorithm::HmacSha1);
                d.prf = true;
            }
            if p.groups.is_empty() {
                p.groups.push(DhGroup::Modp1024);
                d.groups = true;
            }
            p.defaulted = d;
        }
        self.cfg.ikev2_policies.sort_by_key(|p| (p.priority.is_none(), p.priority));
    }

    /// `isakmp identity ...` (000:228, 001:282; IOS `dn`).
    fn identity(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let kind = match cur.keyword(&["address", "hostname", "key-id", "auto", "dn"])? {
            "address" => IdentityKind::Address,
            "hostname" => IdentityKind::Hostname,
            "auto" => IdentityKind::Auto,
            "dn" => IdentityKind::Dn,
            _ => IdentityKind::KeyId(cur.word("a key-id string")?.text.to_owned()),
        };
        cur.end()?;
        self.cfg.ike.identity = Setting::configured(kind, cur.line());
        Ok(())
    }

    /// `crypto isakmp key [0|6] K address A [MASK] | address ipv6 P/L | hostname H [no-xauth]`
    /// (IOS) and `isakmp key K address A [netmask M] [no-xauth] [no-config-mode]` (PIX,
    /// 004:1209).
    fn isakmp_key(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let mut stored_encrypted = false;
        if let (Some(t), Some(n)) = (cur.peek(), cur.peek_at(1))
            && (t.text == "0" || t.text == "6")
            && !n.is("address")
            && !n.is("hostname")
        {
            stored_encrypted = t.text == "6";
            cur.next();
        }
        cur.mark_secret();
        let key = cur.word("a pre-shared key")?;
        let scope = match cur.keyword(&["address", "hostname"])? {
            "hostname" => KeyScope::Hostname(cur.word("a host name")?.text.to_owned()),
            _ => {
                if cur.eat("ipv6") {
                    let t = cur.word("an IPv6 prefix")?;
                    let (addr, len) = t.text.split_once('/').unwrap_or((t.text, "128"));
                    let (Ok(a), Ok(l)) = (addr.parse::<core::net::Ipv6Addr>(), len.parse::<u32>()) else {
                        cur.back();
                        return Err(cur.expected(Expected::Value("an IPv6 prefix (A/len)")));
                    };
                    if l > 128 {
                        cur.back();
                        return Err(cur.expected(Expected::Value("an IPv6 prefix (A/len)")));
                    }
                    let mask = u128::MAX.checked_shl(128 - l).unwrap_or(0);
                    KeyScope::Address { address: IpAddr::V6(a), mask: IpAddr::V6(mask.into()) }
                } else {
                    let address = cur.ip("an IP address")?;
                    let _ = cur.eat("netmask");
                    let mask = match cur.peek().and_then(|t| t.text.parse::<IpAddr>().ok()) {
                        Some(m) => {
                            if m.is_ipv4() != address.is_ipv4() {
                                return Err(cur.expected(Expected::Value("a mask of the address's family")));
                            }
                            cur.next();
                            m
                        }
                        None => host_mask(address),
                    };
                    KeyScope::Address { address, mask }
                }
            }
        };
        let (mut no_xauth, mut no_config_mode) = (false, false);
        while !cur.at_end() {
            match cur.keyword(&["no-xauth", "no-config-mode"])? {
                "no-xauth" => no_xauth = true,
                _ => no_config_mode = true,
            }
        }
        let psk = PreSharedKey {
            key: SecretBytes::from_slice(key.text.as_bytes()),
            scope,
            direction: KeyDirection::Both,
            stored_encrypted,
            no_xauth,
            no_config_mode,
            keyring: None,
            line: cur.line(),
        };
        self.add_key(psk);
        Ok(())
    }

    /// Adds a key; a later key for the same scope and direction in the same place (the global
    /// keys, or one keyring) replaces the earlier one. Two lines of one IKEv2 keyring `peer`
    /// block that name the same peer (`address A` and `identity address A`) are kept both.
    pub(super) fn add_key(&mut self, psk: PreSharedKey) {
        let ring = |k: &PreSharedKey| k.keyring.as_ref().map(|r| r.name.clone());
        let peer_block = |k: &PreSharedKey| k.keyring.as_ref().and_then(|r| r.peer.as_ref().map(|p| p.0.clone()));
        let (psk_ring, psk_peer) = (ring(&psk), peer_block(&psk));
        if psk_peer.is_some()
            && self.cfg.keys.iter().any(|k| ring(k) == psk_ring && peer_block(k) == psk_peer && k.scope == psk.scope)
        {
            self.cfg.keys.push(psk);
            return;
        }
        if let Some(old) = self
            .cfg
            .keys
            .iter_mut()
            .find(|k| k.scope == psk.scope && k.direction == psk.direction && ring(k) == psk_ring)
        {
            let mut name = match &psk.scope {
                KeyScope::Address { address, mask } => format!("address {address} {mask}"),
                KeyScope::Hostname(h) => format!("hostname {h}"),
                KeyScope::TunnelGroup(g) => format!("tunnel-group {g}"),
            };
            if let Some(r) = &psk.keyring {
                name = format!("keyring {} {name}", r.name);
            }
            self.cfg.redefinitions.push(Redefinition {
                kind: RedefinitionKind::Key,
                name,
                first_line: old.line,
                line: psk.line,
            });
            *old = psk;
        } else {
            self.cfg.keys.push(psk);
        }
    }

    /// An ASA `ikev2 local|remote-authentication pre-shared-key [0|8|hex] K` or `[ikev1]
    /// pre-shared-key K` key (the cursor is at the key or its type).
    pub(super) fn tunnel_group_key(
        &mut self,
        cur: &mut Cur<'_, '_>,
        group: &str,
        direction: KeyDirection,
    ) -> Result<(), ParseError> {
        let mut stored_encrypted = false;
        let mut is_hex = false;
        if cur.remaining() >= 2 {
            match cur.peek().map(|t| t.text.to_ascii_lowercase()).as_deref() {
                Some("0") => {
                    cur.next();
                }
                Some("8") => {
                    stored_encrypted = true;
                    cur.next();
                }
                Some("hex") => {
                    is_hex = true;
                    cur.next();
                }
                _ => {}
            }
        }
        cur.mark_secret();
        let key_tok = cur.word("a pre-shared key")?;
        cur.end()?;
        let key = if is_hex {
            match hex::decode(key_tok.text) {
                Ok(k) => k,
                Err(problem) => {
                    return Err(cur.err_at(Some(key_tok), ParseErrorKind::HexKey { what: "pre-shared key", problem }));
                }
            }
        } else {
            SecretBytes::from_slice(key_tok.text.as_bytes())
        };
        self.add_key(PreSharedKey {
            key,
            scope: KeyScope::TunnelGroup(group.to_owned()),
            direction,
            stored_encrypted,
            no_xauth: false,
            no_config_mode: false,
            keyring: None,
            line: cur.line(),
        });
        Ok(())
    }
}

fn new_ikev2(priority: Option<u32>, name: Option<String>, line: u32) -> Ikev2Policy {
    Ikev2Policy {
        priority,
        name,
        encryption: Vec::new(),
        integrity: Vec::new(),
        prf: Vec::new(),
        groups: Vec::new(),
        lifetime: Setting::default_value(86_400),
        defaulted: Ikev2Defaulted::default(),
        line,
    }
}

/// The all-ones mask of `a`'s family.
pub(crate) fn host_mask(a: IpAddr) -> IpAddr {
    match a {
        IpAddr::V4(_) => IpAddr::V4(core::net::Ipv4Addr::BROADCAST),
        IpAddr::V6(_) => IpAddr::V6(core::net::Ipv6Addr::from(u128::MAX)),
    }
}

/// The rest of the line as a list of distinct values read by `read` (repeats dropped), for
/// the multi-valued IKEv2 proposal lines. Words for which `other` returns true are taken
/// without being values. An unreadable word, or a line with neither a value nor such a word,
/// is an error that expects `what`.
fn distinct_values<T: PartialEq>(
    cur: &mut Cur<'_, '_>,
    what: &'static str,
    read: impl Fn(&str) -> Option<T>,
    mut other: impl FnMut(&str) -> bool,
) -> Result<Vec<T>, ParseError> {
    let (mut v, mut others) = (Vec::new(), 0usize);
    while let Some(t) = cur.next() {
        if other(t.text) {
            others += 1;
            continue;
        }
        match read(t.text) {
            Some(e) if !v.contains(&e) => v.push(e),
            Some(_) => {}
            None => {
                cur.back();
                return Err(cur.expected(Expected::Value(what)));
            }
        }
    }
    if v.is_empty() && others == 0 {
        return Err(cur.expected(Expected::Value(what)));
    }
    Ok(v)
}
