//! Cross-provider properties (feature `aws-lc`): for every algorithm that AWS-LC runs itself,
//! the aws-lc-rs provider and the RustCrypto provider give identical output on random keys,
//! IVs, AAD and payloads, and each opens (decrypts, verifies, completes) what the other made.
//!
//! The algorithms the aws-lc-rs provider hands to RustCrypto are the same code on both sides;
//! the known-answer tests run them through both providers.
#![cfg(feature = "aws-lc")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use ipsec_core::CryptoProvider;
use ipsec_core::algorithm::{DhGroup, DhGroupKind, EncryptionAlgorithm, HashAlgorithm, MacAlgorithm};
use ipsec_core::crypto::awslc::{self, implements_dh, implements_encryption, implements_hash, implements_mac};
use ipsec_core::crypto::{CryptoError, KeyExchangeProvider};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// The RustCrypto provider.
fn rc() -> &'static CryptoProvider {
    CryptoProvider::rustcrypto()
}

/// The aws-lc-rs provider.
fn lc() -> &'static CryptoProvider {
    CryptoProvider::aws_lc()
}

/// The AEADs AWS-LC runs.
fn native_aeads() -> Vec<EncryptionAlgorithm> {
    EncryptionAlgorithm::ALL.iter().copied().filter(|a| a.is_aead() && implements_encryption(*a)).collect()
}

/// The ciphers AWS-LC runs.
fn native_ciphers() -> Vec<EncryptionAlgorithm> {
    EncryptionAlgorithm::ALL.iter().copied().filter(|a| !a.is_aead() && implements_encryption(*a)).collect()
}

/// The MACs AWS-LC runs.
fn native_macs() -> Vec<MacAlgorithm> {
    MacAlgorithm::ALL.iter().copied().filter(|a| implements_mac(*a)).collect()
}

/// The hashes AWS-LC runs.
fn native_hashes() -> Vec<HashAlgorithm> {
    HashAlgorithm::ALL.iter().copied().filter(|a| implements_hash(*a)).collect()
}

/// The Diffie-Hellman groups AWS-LC runs.
fn native_groups() -> Vec<DhGroup> {
    DhGroup::ALL.iter().copied().filter(|g| implements_dh(*g)).collect()
}

/// A byte string of at most `max` bytes, cut into up to four parts at random points.
fn parts(max: usize) -> impl Strategy<Value = (Vec<u8>, Vec<usize>)> {
    (vec(any::<u8>(), 0..=max), vec(any::<prop::sample::Index>(), 0..4)).prop_map(|(data, cuts)| {
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(data.len() + 1)).collect();
        cuts.sort_unstable();
        (data, cuts)
    })
}

/// Splits `data` at the sorted positions `cuts`.
fn split<'a>(data: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    for &cut in cuts {
        out.push(&data[start..cut]);
        start = cut;
    }
    out.push(&data[start..]);
    out
}

#[test]
fn the_native_sets_are_what_the_module_documents() {
    use ipsec_core::algorithm::{AesKeyLen, GcmIcvLen};
    assert_eq!(native_aeads().len(), 7, "GCM-16 and GMAC for three key sizes, ChaCha20-Poly1305");
    assert_eq!(native_ciphers().len(), 6, "AES-CBC and AES-CTR for three key sizes");
    assert_eq!(native_macs().len(), 2, "HMAC-SHA-384/512 (SHA-1/256 are faster on RustCrypto)");
    assert_eq!(native_hashes().len(), 4, "SHA-1/256/384/512");
    assert_eq!(native_groups(), [DhGroup::Ecp256, DhGroup::Ecp384, DhGroup::Ecp521, DhGroup::Curve25519]);
    assert!(!implements_encryption(EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv8)));
    assert!(std::ptr::eq(awslc::provider(), lc()));
    // Everything the RustCrypto provider supports, the aws-lc-rs provider supports too.
    for &a in EncryptionAlgorithm::ALL {
        assert!(lc().supports_encryption(a), "{a:?}");
    }
    for &a in MacAlgorithm::ALL {
        assert!(lc().mac.supports(a), "{a:?}");
    }
    for &g in DhGroup::ALL {
        assert!(lc().supports_dh(g), "{g}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// AEADs: identical ciphertext and tag; each provider opens the other's packet; a flipped
    /// tag bit fails on both.
    #[test]
    fn aeads_agree(
        algorithm in select(native_aeads()),
        key_seed in vec(any::<u8>(), 36),
        iv in any::<[u8; 8]>(),
        aad in vec(any::<u8>(), 0..64),
        payload in vec(any::<u8>(), 0..1500),
        flip in any::<prop::sample::Index>(),
    ) {
        let keymat = &key_seed[..algorithm.keymat_len()];
        let payload = if algorithm.encrypts() { payload } else { Vec::new() };
        let a = rc().aead.new_aead(algorithm, keymat).unwrap();
        let b = lc().aead.new_aead(algorithm, keymat).unwrap();

        let (mut ct_a, mut tag_a) = (payload.clone(), vec![0u8; algorithm.icv_len()]);
        let (mut ct_b, mut tag_b) = (payload.clone(), vec![0u8; algorithm.icv_len()]);
        a.seal(&iv, &aad, &mut ct_a, &mut tag_a).unwrap();
        b.seal(&iv, &aad, &mut ct_b, &mut tag_b).unwrap();
        prop_assert_eq!(&ct_a, &ct_b, "{:?} ciphertext", algorithm);
        prop_assert_eq!(&tag_a, &tag_b, "{:?} tag", algorithm);

        let mut opened = ct_a.clone();
        b.open(&iv, &aad, &mut opened, &tag_a).unwrap();
        prop_assert_eq!(&opened, &payload);
        let mut opened = ct_b.clone();
        a.open(&iv, &aad, &mut opened, &tag_b).unwrap();
        prop_assert_eq!(&opened, &payload);

        let bit = flip.index(tag_a.len() * 8);
        tag_a[bit / 8] ^= 1 << (bit % 8);
        let mut buf = ct_a.clone();
        prop_assert_eq!(a.open(&iv, &aad, &mut buf, &tag_a), Err(CryptoError::AuthenticationFailed));
        let mut buf = ct_a.clone();
        prop_assert_eq!(b.open(&iv, &aad, &mut buf, &tag_a), Err(CryptoError::AuthenticationFailed));
    }

    /// AES-CBC and AES-CTR: identical ciphertext, and each decrypts the other's.
    #[test]
    fn ciphers_agree(
        algorithm in select(native_ciphers()),
        key_seed in vec(any::<u8>(), 36),
        iv_seed in any::<[u8; 16]>(),
        payload in vec(any::<u8>(), 0..1500),
    ) {
        let key = &key_seed[..algorithm.keymat_len()];
        let iv = &iv_seed[..algorithm.iv_len()];
        let block = algorithm.block_size();
        let mut payload = payload;
        if matches!(algorithm, EncryptionAlgorithm::AesCbc(_)) {
            payload.truncate(payload.len() / block * block);
        }
        let a = rc().cipher.new_cipher(algorithm, key).unwrap();
        let b = lc().cipher.new_cipher(algorithm, key).unwrap();
        let (mut ct_a, mut ct_b) = (payload.clone(), payload.clone());
        a.encrypt(iv, &mut ct_a).unwrap();
        b.encrypt(iv, &mut ct_b).unwrap();
        prop_assert_eq!(&ct_a, &ct_b, "{:?}", algorithm);
        b.decrypt(iv, &mut ct_a).unwrap();
        a.decrypt(iv, &mut ct_b).unwrap();
        prop_assert_eq!(&ct_a, &payload);
        prop_assert_eq!(&ct_b, &payload);
    }

    /// HMACs: identical output for any key length and any split of the message, one-shot and
    /// incremental; each verifies the other's truncated ICV.
    #[test]
    fn macs_agree(
        algorithm in select(native_macs()),
        key in vec(any::<u8>(), 0..200),
        (data, cuts) in parts(600),
        icv_len in 1usize..=64,
    ) {
        let a = rc().mac.new_mac(algorithm, &key).unwrap();
        let b = lc().mac.new_mac(algorithm, &key).unwrap();
        let pieces = split(&data, &cuts);
        let len = algorithm.output_len();
        let (mut out_a, mut out_b) = (vec![0u8; len], vec![0u8; len]);
        a.compute(&pieces, &mut out_a).unwrap();
        b.compute(&pieces, &mut out_b).unwrap();
        prop_assert_eq!(&out_a, &out_b, "{:?}", algorithm);

        let mut ctx = b.begin();
        for piece in &pieces {
            ctx.update(piece);
        }
        let mut out_inc = vec![0u8; len];
        ctx.finish(&mut out_inc).unwrap();
        prop_assert_eq!(&out_inc, &out_a);

        let icv = &out_a[..icv_len.min(len)];
        prop_assert_eq!(b.verify(&[&data], icv), Ok(()));
        prop_assert_eq!(a.verify(&[&data], &out_b[..icv.len()]), Ok(()));
    }

    /// Hashes: identical digests for any split of the input.
    #[test]
    fn hashes_agree(algorithm in select(native_hashes()), (data, cuts) in parts(600)) {
        let pieces = split(&data, &cuts);
        let len = algorithm.output_len();
        let (mut out_a, mut out_b) = (vec![0u8; len], vec![0u8; len]);
        rc().hash.hash(algorithm, &pieces, &mut out_a).unwrap();
        lc().hash.hash(algorithm, &pieces, &mut out_b).unwrap();
        prop_assert_eq!(out_a, out_b, "{:?}", algorithm);
    }
}

/// A private key for `group` from random bytes: the field length for ECP (P-521's top byte cut
/// to one bit, which keeps most draws below the order), 32 bytes for X25519.
fn private_key(group: DhGroup, bytes: &[u8]) -> Vec<u8> {
    let len = match group.kind() {
        DhGroupKind::Ecp { coordinate_len } => coordinate_len,
        _ => 32,
    };
    let mut key = bytes[..len].to_vec();
    if group == DhGroup::Ecp521 {
        key[0] &= 0x01;
    }
    key
}

/// Starts an exchange from a given private key on a provider, returning `None` when the key is
/// refused.
fn start(
    kx: &dyn KeyExchangeProvider,
    group: DhGroup,
    private: &[u8],
) -> Option<Box<dyn ipsec_core::crypto::KeyExchange>> {
    match kx.start_with_private(group, private) {
        Ok(exchange) => Some(exchange),
        Err(e) => {
            assert_eq!(e, CryptoError::InvalidPrivateKey);
            None
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// ECDH: both providers accept or refuse the same private keys, derive the same public
    /// values, and agree on the shared secret across providers; a random peer value is refused
    /// or accepted alike, with the same secret.
    #[test]
    fn key_exchanges_agree(
        group in select(native_groups()),
        i_bytes in vec(any::<u8>(), 66),
        r_bytes in vec(any::<u8>(), 66),
        junk in vec(any::<u8>(), 132),
    ) {
        let (i, r) = (private_key(group, &i_bytes), private_key(group, &r_bytes));
        let (a_i, b_i) = (start(rc().key_exchange, group, &i), start(lc().key_exchange, group, &i));
        let (a_r, b_r) = (start(rc().key_exchange, group, &r), start(lc().key_exchange, group, &r));
        prop_assert_eq!(a_i.is_some(), b_i.is_some());
        prop_assert_eq!(a_r.is_some(), b_r.is_some());
        let (Some(a_i), Some(b_i), Some(a_r), Some(b_r)) = (a_i, b_i, a_r, b_r) else {
            return Ok(());
        };
        prop_assert_eq!(a_i.public_value(), b_i.public_value(), "{} public value", group);
        prop_assert_eq!(a_r.public_value(), b_r.public_value(), "{} public value", group);

        // Initiator on RustCrypto, responder on aws-lc-rs, and the other way round.
        let gi = a_i.public_value().to_vec();
        let gr = b_r.public_value().to_vec();
        let z1 = a_i.complete(&gr).unwrap();
        let z2 = b_r.complete(&gi).unwrap();
        let z3 = b_i.complete(&gr).unwrap();
        let z4 = a_r.complete(&gi).unwrap();
        prop_assert_eq!(&z1, &z2);
        prop_assert_eq!(&z1, &z3);
        prop_assert_eq!(&z1, &z4);
        prop_assert_eq!(z1.len(), group.shared_secret_len());

        // A random peer value: an X25519 u-coordinate is always taken; a random ECP `x || y`
        // is almost never on the curve. Both providers must answer alike.
        let peer = &junk[..group.public_value_len()];
        let x = rc().key_exchange.start_with_private(group, &i).unwrap().complete(peer);
        let y = lc().key_exchange.start_with_private(group, &i).unwrap().complete(peer);
        prop_assert_eq!(x, y, "{} random peer value", group);
    }

    /// `start` draws the private key from the caller's generator: the same seed gives the same
    /// public value, and two exchanges from different seeds agree with each other across
    /// providers.
    #[test]
    fn random_exchanges_agree_across_providers(group in select(native_groups()), seed in any::<[u8; 32]>()) {
        use rand_core::SeedableRng;
        let rng = || chacha20::ChaCha20Rng::from_seed(seed);
        let a = lc().key_exchange.start(group, &mut rng()).unwrap();
        let again = lc().key_exchange.start(group, &mut rng()).unwrap();
        prop_assert_eq!(a.public_value(), again.public_value());
        let b = rc().key_exchange.start(group, &mut chacha20::ChaCha20Rng::from_seed([0x5a; 32])).unwrap();
        let a_public = a.public_value().to_vec();
        let za = a.complete(b.public_value()).unwrap();
        let zb = b.complete(&a_public).unwrap();
        prop_assert_eq!(za, zb);
    }
}
