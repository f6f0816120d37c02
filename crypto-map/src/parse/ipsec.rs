//! Transform sets, ASA IKEv2 IPsec proposals and the global SA lifetime.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use ipsec_core::algorithm::{CiscoContext, EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::types::EncapsulationMode;

use super::error::{Expected, ParseError, ParseErrorKind, TransformProblem};
use super::lexer::{Cur, Tok};
use super::{Block, Builder, tables};
use crate::model::{IpsecProposal, Platform, Redefinition, RedefinitionKind, Setting, Transform, TransformSet};

impl Builder {
    /// `crypto ipsec ...` (the cursor is past `ipsec`).
    pub(super) fn ipsec(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let Some(t) = cur.peek() else { return Err(cur.expected(Expected::OneOf(tables::IPSEC_KEYWORDS))) };
        let word = t.text.to_ascii_lowercase();
        match word.as_str() {
            "transform-set" => {
                cur.next();
                self.transform_set_command(cur)
            }
            "ikev1" => {
                cur.next();
                if cur.peek_is("transform-set") {
                    cur.next();
                    return self.transform_set_command(cur);
                }
                self.not_modelled(cur, "crypto ipsec ikev1 ...");
                Ok(())
            }
            "ikev2" => {
                cur.next();
                if cur.peek_is("ipsec-proposal") {
                    cur.next();
                    return self.ipsec_proposal_command(cur);
                }
                self.not_modelled(cur, "crypto ipsec ikev2 ...");
                Ok(())
            }
            "security-association" => {
                cur.next();
                if cur.peek_is("lifetime") {
                    cur.next();
                    return self.global_lifetime(cur);
                }
                let what = cur.peek().map_or_else(String::new, |t| t.text.to_owned());
                self.not_modelled(cur, &format!("crypto ipsec security-association {what}"));
                Ok(())
            }
            w => self.other_subcommand(cur, w, tables::IPSEC_NOT_MODELLED, "crypto ipsec", tables::IPSEC_KEYWORDS),
        }
    }

    /// `crypto ipsec [ikev1] transform-set NAME t1 [t2 [t3]]` or `... NAME mode transport`
    /// (the cursor is past `transform-set`).
    fn transform_set_command(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let name = cur.word("a transform set name")?;
        let line = cur.line();
        if cur.peek_is("mode") {
            // ASA/PIX one-line form.
            cur.next();
            let mode = mode_keyword(cur)?;
            cur.end()?;
            match self.cfg.transform_sets.iter_mut().find(|t| t.name == name.text) {
                Some(ts) => ts.mode = Setting::configured(mode, line),
                None => {
                    let e = cur.err_at(
                        Some(name),
                        ParseErrorKind::Expected {
                            expected: Expected::Value("a transform set defined above"),
                            found: Some(name.text.to_owned()),
                        },
                    );
                    self.soft(e)?;
                }
            }
            return Ok(());
        }
        let transforms = self.transforms(cur)?;
        let idx = match self.cfg.transform_sets.iter().position(|t| t.name == name.text) {
            Some(i) => {
                if let Some(ts) = self.cfg.transform_sets.get_mut(i)
                    && ts.transforms != transforms
                {
                    self.cfg.redefinitions.push(Redefinition {
                        kind: RedefinitionKind::TransformSet,
                        name: name.text.to_owned(),
                        first_line: ts.line,
                        line,
                    });
                    ts.transforms = transforms;
                    ts.line = line;
                }
                i
            }
            None => {
                self.cfg.transform_sets.push(TransformSet {
                    name: name.text.to_owned(),
                    transforms,
                    mode: Setting::default_value(EncapsulationMode::Tunnel),
                    iv_size: None,
                    line,
                });
                self.cfg.transform_sets.len().saturating_sub(1)
            }
        };
        self.set_block(Block::TransformSet(idx));
        Ok(())
    }

    /// The transforms of a set, checked against the combination rules.
    fn transforms(&mut self, cur: &mut Cur<'_, '_>) -> Result<Vec<Transform>, ParseError> {
        let platform = self.platform();
        let ctx = tables::transform_context(platform);
        let mut out: Vec<(Transform, Tok<'_>, String)> = Vec::new();
        while let Some(t) = cur.next() {
            let mut kw = t.text.to_ascii_lowercase();
            if platform == Platform::Ios
                && matches!(kw.as_str(), "esp-aes" | "esp-gcm" | "esp-gmac")
                && cur.peek().is_some_and(|n| n.text.bytes().all(|b| b.is_ascii_digit()) && !n.text.is_empty())
                && let Some(n) = cur.next()
            {
                kw = format!("{kw} {}", n.text);
            }
            let Some(tr) = transform(ctx, &kw) else {
                let other = match ctx {
                    CiscoContext::IosTransformSet => CiscoContext::AsaTransformSet,
                    _ => CiscoContext::IosTransformSet,
                };
                let problem = if transform(other, &kw).is_some() {
                    ParseErrorKind::Transform(TransformProblem::NotOnPlatform { keyword: kw, platform })
                } else {
                    let list = if platform == Platform::Ios { tables::IOS_TRANSFORMS } else { tables::ASA_TRANSFORMS };
                    ParseErrorKind::Expected { expected: Expected::OneOf(list), found: Some(t.text.to_owned()) }
                };
                return Err(cur.err_at(Some(t), problem));
            };
            out.push((tr, t, kw));
        }
        if out.is_empty() {
            return Err(cur.expected(Expected::Value("a transform (esp-aes, esp-sha-hmac, ...)")));
        }
        if out.len() > 3 {
            let t = out.get(3).map(|x| x.1);
            return Err(cur.err_at(t, ParseErrorKind::Transform(TransformProblem::TooMany(out.len()))));
        }
        // At most one of each kind.
        for (i, (a, _, ka)) in out.iter().enumerate() {
            for (b, tb, kb) in out.iter().skip(i.saturating_add(1)) {
                if kind_of(*a) == kind_of(*b) {
                    return Err(cur.err_at(
                        Some(*tb),
                        ParseErrorKind::Transform(TransformProblem::SameKind {
                            kind: kind_of(*a),
                            first: ka.clone(),
                            second: kb.clone(),
                        }),
                    ));
                }
            }
        }
        let find = |k: &str| out.iter().find(|(tr, _, _)| kind_of(*tr) == k).map(|x| (x.0, x.1));
        let cipher = find("ESP encryption");
        let auth = find("ESP authentication");
        let first_tok = out.first().map(|x| x.1);
        match (cipher, auth) {
            (Some((Transform::EspEncryption(EncryptionAlgorithm::Null), t)), None | Some((Transform::EspNone, _))) => {
                return Err(cur.err_at(Some(t), ParseErrorKind::Transform(TransformProblem::NullWithoutIntegrity)));
            }
            (Some((Transform::EspRfc1829, _)), Some((Transform::EspIntegrity(_), t))) => {
                return Err(cur.err_at(Some(t), ParseErrorKind::Transform(TransformProblem::Rfc1829WithAuthenticator)));
            }
            (Some((Transform::EspEncryption(e), _)), Some((Transform::EspIntegrity(_), t)))
                if e.is_aead() || matches!(e, EncryptionAlgorithm::AesGmac(_)) =>
            {
                return Err(
                    cur.err_at(Some(t), ParseErrorKind::Transform(TransformProblem::CombinedModeWithAuthenticator))
                );
            }
            (None, Some((Transform::EspNone, t))) => {
                return Err(cur.err_at(Some(t), ParseErrorKind::Transform(TransformProblem::NoneWithoutCipher)));
            }
            _ => {}
        }
        let _ = first_tok;
        Ok(out.into_iter().map(|(tr, _, _)| tr).collect())
    }

    /// A line of a transform-set block: `mode tunnel|transport`, `initialization-vector size 4|8`.
    pub(super) fn transform_set_line(&mut self, cur: &mut Cur<'_, '_>, idx: usize) -> Result<(), ParseError> {
        let line = cur.line();
        match cur.keyword(&["mode", "initialization-vector"])? {
            "mode" => {
                let mode = mode_keyword(cur)?;
                cur.end()?;
                if let Some(ts) = self.cfg.transform_sets.get_mut(idx) {
                    ts.mode = Setting::configured(mode, line);
                }
                Ok(())
            }
            _ => {
                let kw = cur.peek();
                cur.keyword(&["size"])?;
                let size = cur.keyword(&["4", "8"])?;
                cur.end()?;
                let has_1829 =
                    self.cfg.transform_sets.get(idx).is_some_and(|ts| ts.transforms.contains(&Transform::EspRfc1829));
                if !has_1829 {
                    return Err(cur.err_at(kw, ParseErrorKind::Transform(TransformProblem::IvSizeWithoutRfc1829)));
                }
                if let Some(ts) = self.cfg.transform_sets.get_mut(idx) {
                    ts.iv_size = Some(Setting::configured(if size == "4" { 4 } else { 8 }, line));
                }
                Ok(())
            }
        }
    }

    /// Sets the `esp-rfc1829` IV size default (8, DESIGN §3.17).
    pub(super) fn finish_transform_sets(&mut self) {
        for ts in &mut self.cfg.transform_sets {
            if ts.transforms.contains(&Transform::EspRfc1829) {
                if ts.iv_size.is_none() {
                    ts.iv_size = Some(Setting::default_value(8));
                }
            } else {
                ts.iv_size = None;
            }
        }
    }

    /// `crypto ipsec ikev2 ipsec-proposal NAME` (001:983-993).
    fn ipsec_proposal_command(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let name = cur.word("a proposal name")?;
        cur.end()?;
        let len = name.text.chars().count();
        if len > 64 {
            let e = cur.err_at(
                Some(name),
                ParseErrorKind::OutOfRange { what: "proposal name length", value: format!("{len}"), min: 1, max: 64 },
            );
            self.soft(e)?;
        }
        let idx = match self.cfg.ipsec_proposals.iter().position(|p| p.name == name.text) {
            Some(i) => i,
            None => {
                self.cfg.ipsec_proposals.push(IpsecProposal {
                    name: name.text.to_owned(),
                    encryption: Vec::new(),
                    integrity: Vec::new(),
                    integrity_null: false,
                    line: cur.line(),
                });
                self.cfg.ipsec_proposals.len().saturating_sub(1)
            }
        };
        self.set_block(Block::IpsecProposal(idx));
        Ok(())
    }

    /// `protocol esp encryption ...` / `protocol esp integrity ...` (001:998-1015).
    pub(super) fn ipsec_proposal_line(&mut self, cur: &mut Cur<'_, '_>, idx: usize) -> Result<(), ParseError> {
        cur.keyword(&["protocol"])?;
        cur.keyword(&["esp"])?;
        let ctx = CiscoContext::AsaIkev2IpsecProposal;
        match cur.keyword(&["encryption", "integrity"])? {
            "encryption" => {
                let mut v = Vec::new();
                while let Some(t) = cur.next() {
                    match EncryptionAlgorithm::from_cisco(ctx, t.text) {
                        Some(e) if !v.contains(&e) => v.push(e),
                        Some(_) => {}
                        None => {
                            cur.back();
                            return Err(cur.expected(Expected::OneOf(&[
                                "3des",
                                "aes",
                                "aes-192",
                                "aes-256",
                                "aes-gcm",
                                "aes-gcm-192",
                                "aes-gcm-256",
                                "aes-gmac",
                                "aes-gmac-192",
                                "aes-gmac-256",
                                "des",
                                "null",
                            ])));
                        }
                    }
                }
                if v.is_empty() {
                    return Err(cur.expected(Expected::Value("an encryption algorithm")));
                }
                if let Some(p) = self.cfg.ipsec_proposals.get_mut(idx) {
                    p.encryption = v;
                }
            }
            _ => {
                let mut v = Vec::new();
                let mut null = false;
                while let Some(t) = cur.next() {
                    if t.is("null") {
                        null = true;
                        continue;
                    }
                    match IntegrityAlgorithm::from_cisco(ctx, t.text) {
                        Some(e) if !v.contains(&e) => v.push(e),
                        Some(_) => {}
                        None => {
                            cur.back();
                            return Err(cur.expected(Expected::OneOf(&[
                                "md5", "sha-1", "sha-256", "sha-384", "sha-512", "null",
                            ])));
                        }
                    }
                }
                if v.is_empty() && !null {
                    return Err(cur.expected(Expected::Value("an integrity algorithm")));
                }
                if let Some(p) = self.cfg.ipsec_proposals.get_mut(idx) {
                    p.integrity = v;
                    p.integrity_null = null;
                }
            }
        }
        Ok(())
    }

    /// `crypto ipsec security-association lifetime seconds N | kilobytes N|unlimited`.
    fn global_lifetime(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let line = cur.line();
        let mut seconds = None;
        let mut kilobytes: Option<Option<u64>> = None;
        if cur.at_end() {
            return Err(cur.expected(Expected::OneOf(&["seconds", "kilobytes"])));
        }
        while !cur.at_end() {
            match cur.keyword(&["seconds", "kilobytes"])? {
                "seconds" => seconds = Some(cur.number("a number of seconds", 1, u64::from(u32::MAX))?),
                _ => {
                    if cur.eat("unlimited") || cur.eat("disable") {
                        kilobytes = Some(None);
                    } else {
                        kilobytes = Some(Some(cur.number("a number of kilobytes", 1, u64::from(u32::MAX))?));
                    }
                }
            }
        }
        let mut value = self.cfg.sa_lifetime.value;
        if let Some(s) = seconds {
            value.seconds = Some(s);
            self.cfg.sa_lifetime_lines.seconds = Some(line);
        }
        if let Some(k) = kilobytes {
            value.kilobytes = k;
            self.cfg.sa_lifetime_lines.kilobytes = Some(line);
        }
        self.cfg.sa_lifetime = Setting::configured(value, line);
        Ok(())
    }
}

/// `tunnel` / `transport`.
fn mode_keyword(cur: &mut Cur<'_, '_>) -> Result<EncapsulationMode, ParseError> {
    Ok(match cur.keyword(&["tunnel", "transport"])? {
        "transport" => EncapsulationMode::Transport,
        _ => EncapsulationMode::Tunnel,
    })
}

/// The transform a keyword names in `ctx`.
pub(crate) fn transform(ctx: CiscoContext, kw: &str) -> Option<Transform> {
    let ios = ctx == CiscoContext::IosTransformSet;
    match kw {
        "esp-none" if !ios => return Some(Transform::EspNone),
        "ah-rfc1828" if ios => return Some(Transform::AhRfc1828),
        "esp-rfc1829" if ios => return Some(Transform::EspRfc1829),
        "comp-lzs" if ios => return Some(Transform::CompLzs),
        _ => {}
    }
    if kw.starts_with("ah-") {
        return IntegrityAlgorithm::from_cisco(ctx, kw).map(Transform::Ah);
    }
    if let Some(e) = EncryptionAlgorithm::from_cisco(ctx, kw) {
        return Some(Transform::EspEncryption(e));
    }
    if kw.starts_with("esp-") {
        return IntegrityAlgorithm::from_cisco(ctx, kw).map(Transform::EspIntegrity);
    }
    None
}

/// The kind of a transform, for the one-of-each-kind rule.
pub(crate) const fn kind_of(t: Transform) -> &'static str {
    match t {
        Transform::Ah(_) | Transform::AhRfc1828 => "AH",
        Transform::EspEncryption(_) | Transform::EspRfc1829 => "ESP encryption",
        Transform::EspIntegrity(_) | Transform::EspNone => "ESP authentication",
        Transform::CompLzs => "compression",
    }
}
