//! Phase-1 policy matching: ISAKMP (IKEv1) policies and IKEv2 policies/proposals, responder
//! side (DESIGN §3.3-3.6), and the offers an initiator sends.
//!
//! The responder walks **its own** policies in priority order (lowest number first) and, for
//! each, the initiator's proposals in the order sent; the first pair that matches wins (DESIGN
//! §3.4, the reading A1 of ASA guide 000:95, 001:120; PIX guide 004:961-963). An IKEv1 match is
//! the same encryption, hash, authentication method and DH group (000:97). Lifetimes are
//! lenient by default — the shorter one is used and announced when it is ours (DESIGN §3.5) —
//! with a strict mode that reproduces the guides' literal rule: the responder's lifetime must be
//! at most the initiator's (000:97, 001:122, 004:963).
//!
//! Which policies exist (DESIGN §3.3): IOS and PIX always have the default protection suite
//! (`des`, `sha`, `rsa-sig`, group 1, 86,400 s) at the lowest priority, below the configured
//! policies (PIX guide 004:1008, 004:1152, 004:1188-1193), so it applies when none is
//! configured; new ASA configurations have no policy at all and match nothing (000:103,
//! 001:138). IKEv2 on IOS-XE uses the default proposal (`aes-cbc-128 3des` / `sha1 md5` /
//! groups 5 and 2, 002:103-109) when none is configured; the ASA again has none. IKEv2
//! policies are sorted "most secure first" (DESIGN §3.6, 001:70, 001:78) and lifetimes are not
//! negotiated (001:122).

use alloc::string::String;
use alloc::vec::Vec;

use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::types::{Proposal, TransformSelection};

use crate::model::{AuthMethod, Config, Ikev2Policy, IsakmpPolicy, Platform};

/// One ISAKMP (IKEv1 phase-1) proposal: what an initiator sends for each of its policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IsakmpProposal {
    /// Encryption.
    pub encryption: EncryptionAlgorithm,
    /// Hash (the IKEv1 PRF).
    pub hash: PrfAlgorithm,
    /// Authentication method.
    pub authentication: AuthMethod,
    /// Diffie-Hellman group.
    pub group: DhGroup,
    /// Lifetime in seconds.
    pub lifetime: u64,
}

/// A policy in force: configured, or the platform's default protection suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EffectiveIsakmpPolicy {
    /// The priority; `None` for the default protection suite.
    pub priority: Option<u32>,
    /// The policy's line; `None` for the default.
    pub line: Option<u32>,
    /// Its values.
    pub proposal: IsakmpProposal,
}

/// How IKEv1 lifetimes take part in matching (DESIGN §3.5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LifetimeRule {
    /// Any lifetimes match; the shorter is used (default).
    #[default]
    Lenient,
    /// The responder's lifetime must be at most the initiator's, else no match (ASA guide
    /// 000:97, seeds-asa.md §1.3 P3).
    Strict,
}

/// The ISAKMP policies of `config` in priority order, the default protection suite last on
/// IOS and PIX.
#[must_use]
pub fn isakmp_policies(config: &Config) -> Vec<EffectiveIsakmpPolicy> {
    let effective = |p: &IsakmpPolicy| EffectiveIsakmpPolicy {
        priority: (!p.is_default_suite()).then_some(p.priority),
        line: (!p.is_default_suite()).then_some(p.line),
        proposal: IsakmpProposal {
            encryption: p.encryption.value,
            hash: p.hash.value,
            authentication: p.authentication.value,
            group: p.group.value,
            lifetime: p.lifetime.value,
        },
    };
    let mut policies: Vec<&IsakmpPolicy> = config.isakmp_policies.iter().collect();
    policies.sort_by_key(|p| p.priority);
    let mut out: Vec<EffectiveIsakmpPolicy> = policies.into_iter().map(effective).collect();
    if config.platform.has_default_isakmp_policy() && !config.isakmp_policies.iter().any(IsakmpPolicy::is_default_suite)
    {
        out.push(effective(&IsakmpPolicy::defaults(config.platform, IsakmpPolicy::DEFAULT_SUITE_PRIORITY, 0)));
    }
    out
}

/// What an initiator sends: all of its policies, in priority order (000:95, 004:961).
#[must_use]
pub fn isakmp_offer(config: &Config) -> Vec<IsakmpProposal> {
    isakmp_policies(config).into_iter().map(|p| p.proposal).collect()
}

/// The result of a phase-1 match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IsakmpMatch {
    /// The responder's policy that matched.
    pub policy: EffectiveIsakmpPolicy,
    /// Index of the initiator's proposal that matched.
    pub offer_index: usize,
    /// The IKE SA lifetime in seconds (the shorter of the two).
    pub lifetime: u64,
    /// The lifetime to announce with RESPONDER-LIFETIME when ours is shorter.
    pub responder_lifetime: Option<u64>,
}

/// Why no phase-1 policy matched: IKE is refused and no SA is made (000:97, 004:965).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoPolicyMatch {
    /// The device has no policy (a new ASA configuration, 000:103).
    NoPolicies,
    /// Policies exist, none matches any proposal.
    NoneMatched,
}

/// The responder's choice among `offers` (DESIGN §3.4-3.5).
///
/// # Errors
/// [`NoPolicyMatch`] when nothing matches.
pub fn match_isakmp_policy(
    config: &Config,
    offers: &[IsakmpProposal],
    rule: LifetimeRule,
) -> Result<IsakmpMatch, NoPolicyMatch> {
    let policies = isakmp_policies(config);
    if policies.is_empty() {
        return Err(NoPolicyMatch::NoPolicies);
    }
    for policy in policies {
        let ours = policy.proposal;
        for (offer_index, theirs) in offers.iter().enumerate() {
            let same = ours.encryption == theirs.encryption
                && ours.hash == theirs.hash
                && ours.authentication == theirs.authentication
                && ours.group == theirs.group;
            if !same || (rule == LifetimeRule::Strict && ours.lifetime > theirs.lifetime) {
                continue;
            }
            let lifetime = ours.lifetime.min(theirs.lifetime);
            let responder_lifetime = (lifetime < theirs.lifetime).then_some(lifetime);
            return Ok(IsakmpMatch { policy, offer_index, lifetime, responder_lifetime });
        }
    }
    Err(NoPolicyMatch::NoneMatched)
}

/// One IKEv2 policy (ASA) or proposal (IOS-XE) as `ipsec-core` proposals: an AEAD part and a
/// part with integrity, each sorted "most secure first".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectiveIkev2Policy {
    /// ASA priority.
    pub priority: Option<u32>,
    /// IOS-XE proposal name; `Some("default")` with no line for the IOS-XE default proposal.
    pub name: Option<String>,
    /// The line; `None` for the default proposal.
    pub line: Option<u32>,
    /// The proposals (AEAD first).
    pub proposals: Vec<Proposal>,
    /// The IKE SA lifetime in seconds (enforced locally, 001:122).
    pub lifetime: u64,
}

/// The PRF an integrity algorithm implies (IOS-XE proposals configure no PRF: the integrity
/// algorithm's hash is used).
const fn prf_of(i: IntegrityAlgorithm) -> Option<PrfAlgorithm> {
    match i {
        IntegrityAlgorithm::HmacMd5_96 => Some(PrfAlgorithm::HmacMd5),
        IntegrityAlgorithm::HmacSha1_96 => Some(PrfAlgorithm::HmacSha1),
        IntegrityAlgorithm::HmacSha2_256_128 => Some(PrfAlgorithm::HmacSha2_256),
        IntegrityAlgorithm::HmacSha2_384_192 => Some(PrfAlgorithm::HmacSha2_384),
        IntegrityAlgorithm::HmacSha2_512_256 => Some(PrfAlgorithm::HmacSha2_512),
        IntegrityAlgorithm::AesXcbc96 => Some(PrfAlgorithm::AesXcbcPrf128),
    }
}

fn split(
    encryption: &[EncryptionAlgorithm],
    integrity: &[IntegrityAlgorithm],
    prf: &[PrfAlgorithm],
    groups: &[DhGroup],
) -> Vec<Proposal> {
    let encryption: Vec<EncryptionAlgorithm> =
        if encryption.is_empty() { alloc::vec![EncryptionAlgorithm::TripleDesCbc] } else { encryption.to_vec() };
    let mut prf: Vec<PrfAlgorithm> = prf.to_vec();
    if prf.is_empty() {
        prf = integrity.iter().filter_map(|i| prf_of(*i)).collect();
    }
    if prf.is_empty() {
        prf.push(PrfAlgorithm::HmacSha1);
    }
    let groups: Vec<DhGroup> = if groups.is_empty() { alloc::vec![DhGroup::Modp1024] } else { groups.to_vec() };
    let (aead, plain): (Vec<EncryptionAlgorithm>, Vec<EncryptionAlgorithm>) =
        encryption.into_iter().partition(|e| e.is_aead());
    let mut out = Vec::new();
    if !aead.is_empty() {
        out.push(Proposal { encryption: aead, prf: prf.clone(), dh_groups: groups.clone(), ..Proposal::default() });
    }
    if !plain.is_empty() && !integrity.is_empty() {
        out.push(Proposal {
            encryption: plain,
            integrity: integrity.to_vec(),
            prf,
            dh_groups: groups,
            ..Proposal::default()
        });
    }
    for p in &mut out {
        p.sort_by_strength();
    }
    out
}

fn effective_ikev2(p: &Ikev2Policy) -> EffectiveIkev2Policy {
    EffectiveIkev2Policy {
        priority: p.priority,
        name: p.name.clone(),
        line: Some(p.line),
        proposals: split(&p.encryption, &p.integrity, &p.prf, &p.groups),
        lifetime: p.lifetime.value,
    }
}

/// The IKEv2 policies in force, in order. ASA: the policies by priority. IOS-XE: the proposals
/// that IKEv2 policies (`crypto ikev2 policy NAME` / `proposal NAME`) name, in policy order — a
/// proposal is used only when a policy names it (002:120) — or, with no IKEv2 policy, the
/// default proposal with the default policy (002:103-109, 002:120).
#[must_use]
pub fn ikev2_policies(config: &Config) -> Vec<EffectiveIkev2Policy> {
    if config.platform != Platform::Ios {
        let mut configured: Vec<&Ikev2Policy> = config.ikev2_policies.iter().collect();
        configured.sort_by_key(|p| p.priority.unwrap_or(u32::MAX));
        return configured.into_iter().map(effective_ikev2).collect();
    }
    let mut out: Vec<EffectiveIkev2Policy> = Vec::new();
    for policy in &config.ios_ikev2_policies {
        for (name, _) in &policy.proposals {
            let found = config.ikev2_policies.iter().find(|p| p.name.as_deref() == Some(name.as_str()));
            if let Some(p) = found
                && !out.iter().any(|o| o.name.as_deref() == Some(name.as_str()))
            {
                out.push(effective_ikev2(p));
            }
        }
    }
    if config.ios_ikev2_policies.is_empty() {
        out.push(EffectiveIkev2Policy {
            priority: None,
            name: Some("default".into()),
            line: None,
            proposals: split(
                &[EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), EncryptionAlgorithm::TripleDesCbc],
                &[IntegrityAlgorithm::HmacSha1_96, IntegrityAlgorithm::HmacMd5_96],
                &[],
                &[DhGroup::Modp1536, DhGroup::Modp1024],
            ),
            lifetime: 86_400,
        });
    }
    out
}

/// What an IKEv2 initiator sends: every policy's proposals, in order.
#[must_use]
pub fn ikev2_offer(config: &Config) -> Vec<Proposal> {
    ikev2_policies(config).into_iter().flat_map(|p| p.proposals).collect()
}

/// The result of an IKEv2 `IKE_SA_INIT` proposal match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ikev2Match {
    /// The policy (priority or name) that matched.
    pub policy: EffectiveIkev2Policy,
    /// Index of the initiator's proposal that matched.
    pub offer_index: usize,
    /// One transform of each type (RFC 7296 §3.3.6), in our order of preference.
    pub selection: TransformSelection,
}

/// The responder's choice among `offers`: own policies in order, for each the initiator's
/// proposals in order, one transform of each type from the intersection (DESIGN §3.4, §3.6).
///
/// # Errors
/// [`NoPolicyMatch`] when nothing matches.
pub fn match_ikev2_policy(config: &Config, offers: &[Proposal]) -> Result<Ikev2Match, NoPolicyMatch> {
    let policies = ikev2_policies(config);
    if policies.is_empty() {
        return Err(NoPolicyMatch::NoPolicies);
    }
    for policy in policies {
        for ours in &policy.proposals {
            for (offer_index, theirs) in offers.iter().enumerate() {
                if let Some(selection) = ours.select(theirs) {
                    return Ok(Ikev2Match { policy: policy.clone(), offer_index, selection });
                }
            }
        }
    }
    Err(NoPolicyMatch::NoneMatched)
}
