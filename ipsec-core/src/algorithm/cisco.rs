//! Cisco configuration keywords for catalogue entries.

/// A configuration context in which Cisco names algorithms, each with its own spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CiscoContext {
    /// IOS / IOS-XE `crypto ipsec transform-set NAME t1 [t2 [t3]]` (IOS 11.3 and IOS-XE
    /// guides): `esp-aes 256`, `esp-sha-hmac`, `ah-md5-hmac`.
    IosTransformSet,
    /// ASA 8.x `crypto ipsec transform-set`, ASA 9.x `crypto ipsec ikev1 transform-set` and PIX
    /// `crypto ipsec transform-set` (ASA 8.x/9.x and PIX guides): `esp-aes-256`, `esp-none`.
    AsaTransformSet,
    /// ASA 9.x `crypto ipsec ikev2 ipsec-proposal` `protocol esp encryption|integrity`
    /// (ASA 9.x guide, 001:1006-1012): `aes-gcm-256`, `sha-256`.
    AsaIkev2IpsecProposal,
    /// ASA 9.x `crypto ikev2 policy` `encryption|integrity|prf|group` (ASA 9.x guide,
    /// 001:218-233): `aes-256`, `sha256`.
    AsaIkev2Policy,
    /// IOS-XE `crypto ikev2 proposal` `encryption|integrity|group` (IOS-XE guide,
    /// 002:194-218): `aes-cbc-256`, `sha256`, `14`.
    IosIkev2Proposal,
    /// IOS `crypto isakmp policy` `encryption|hash|group` (IOS guides): `aes 256`, `sha256`.
    IosIsakmpPolicy,
    /// ASA/PIX `crypto ikev1 policy` / `crypto isakmp policy` / `isakmp policy`
    /// `encryption|hash|group` (ASA 8.x/9.x and PIX guides): `aes-256`, `sha`.
    AsaIsakmpPolicy,
    /// `set pfs GROUP` on a crypto map entry (all platforms): `group14`.
    Pfs,
}

/// One Cisco spelling of an algorithm in one configuration context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CiscoKeyword {
    /// Where the spelling is used.
    pub context: CiscoContext,
    /// The words, space-separated as typed (`esp-aes 256`).
    pub words: &'static str,
}

/// Finds the catalogue entry of type `T` that `words` names in `context`, given every entry
/// and its keyword table. Used by the `from_cisco` constructors.
pub(super) fn find<T: Copy>(
    all: &[T],
    keywords: impl Fn(T) -> &'static [CiscoKeyword],
    context: CiscoContext,
    words: &str,
) -> Option<T> {
    all.iter()
        .copied()
        .find(|alg| keywords(*alg).iter().any(|k| k.context == context && k.words.eq_ignore_ascii_case(words)))
}
