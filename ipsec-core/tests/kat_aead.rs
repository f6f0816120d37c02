#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
//! Known-answer tests for the AEADs of every provider through the public API
//! (`CryptoProvider::aead`): the RustCrypto provider, and the aws-lc-rs provider with the
//! `aws-lc` feature. Each vector runs against each provider (`common::providers`).
//!
//! The provider takes key material `key || salt` and builds the 96-bit nonce as
//! `salt || iv` (RFC 4106 §4 and §8.1, RFC 4543 §5, RFC 7634 §2), so a published vector with a
//! 96-bit IV maps to salt = its first 4 bytes and iv = its last 8.
//!
//! Sources:
//! * AES-GCM: the GCM specification, "The Galois/Counter Mode of Operation (GCM)" (revised
//!   2005, submitted to NIST), Appendix B test cases 1-4, 7-10 and 13-16 (the cases with a
//!   96-bit IV; 5, 6, 11, 12, 17 and 18 use 64- and 480-bit IVs, which ESP cannot express).
//! * AES-GCM with 12- and 8-byte ICVs (RFC 4106 §6): a GCM tag of t bytes is the leading t bytes
//!   of the full tag (NIST SP 800-38D §7.1 step 6, `MSB_t`), so the truncated expected tags
//!   are the leading bytes of the published 16-byte tags.
//! * AES-GMAC (RFC 4543): IEEE 802.1AE test vectors (bn-randall-test-vectors-0511-v1) §2.1.1
//!   and §2.1.2, "54-byte packet authentication", which are GCM with an empty plaintext and a
//!   non-empty AAD; and GCM test cases 1, 7 and 13 (empty plaintext and AAD).
//! * ChaCha20-Poly1305: RFC 7539 §2.8.2 (the "Ladies and Gentlemen" example, nonce
//!   `07000000 || 4041424344454647`) and Appendix A.5.

mod common;

use common::{Provider, providers};
use hex_literal::hex;
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen};
use ipsec_core::crypto::{Aead, CryptoError};

/// Keys an AEAD through the provider.
fn new_aead(p: Provider, algorithm: EncryptionAlgorithm, keymat: &[u8]) -> Box<dyn Aead> {
    let aead = p.aead.new_aead(algorithm, keymat).unwrap_or_else(|e| panic!("{p} {algorithm:?}: {e}"));
    assert_eq!(aead.algorithm(), algorithm);
    aead
}

/// Concatenates key and salt into key material.
fn keymat(key: &[u8], salt: &[u8]) -> Vec<u8> {
    [key, salt].concat()
}

/// Runs [`check_on`] against every provider.
fn check(
    algorithm: EncryptionAlgorithm,
    keymat: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) {
    for p in providers() {
        check_on(p, algorithm, keymat, iv, aad, plaintext, ciphertext, tag);
    }
}

/// Seals `plaintext` and checks ciphertext and tag, opens it back, and checks that flipping any
/// single bit of ciphertext, AAD or tag makes `open` fail with `AuthenticationFailed`.
#[allow(clippy::too_many_arguments)]
fn check_on(
    p: Provider,
    algorithm: EncryptionAlgorithm,
    keymat: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) {
    let aead = new_aead(p, algorithm, keymat);
    assert_eq!(tag.len(), algorithm.icv_len());

    let mut buf = plaintext.to_vec();
    let mut computed = vec![0u8; tag.len()];
    aead.seal(iv, aad, &mut buf, &mut computed).unwrap();
    assert_eq!(buf, ciphertext, "{p} {algorithm:?} ciphertext");
    assert_eq!(computed, tag, "{p} {algorithm:?} tag");

    aead.open(iv, aad, &mut buf, tag).unwrap();
    assert_eq!(buf, plaintext, "{p} {algorithm:?} open");

    tamper_checks(p, aead.as_ref(), iv, aad, ciphertext, tag);
}

/// Flips every bit of ciphertext, AAD and tag in turn; each must fail authentication.
fn tamper_checks(p: Provider, aead: &dyn Aead, iv: &[u8], aad: &[u8], ciphertext: &[u8], tag: &[u8]) {
    let algorithm = aead.algorithm();
    for bit in 0..ciphertext.len() * 8 {
        let mut buf = ciphertext.to_vec();
        buf[bit / 8] ^= 1 << (bit % 8);
        assert_eq!(
            aead.open(iv, aad, &mut buf, tag),
            Err(CryptoError::AuthenticationFailed),
            "{p} {algorithm:?} C bit {bit}"
        );
    }
    for bit in 0..aad.len() * 8 {
        let mut bad_aad = aad.to_vec();
        bad_aad[bit / 8] ^= 1 << (bit % 8);
        let mut buf = ciphertext.to_vec();
        assert_eq!(
            aead.open(iv, &bad_aad, &mut buf, tag),
            Err(CryptoError::AuthenticationFailed),
            "{p} {algorithm:?} AAD bit {bit}"
        );
    }
    for bit in 0..tag.len() * 8 {
        let mut bad_tag = tag.to_vec();
        bad_tag[bit / 8] ^= 1 << (bit % 8);
        let mut buf = ciphertext.to_vec();
        assert_eq!(
            aead.open(iv, aad, &mut buf, &bad_tag),
            Err(CryptoError::AuthenticationFailed),
            "{p} {algorithm:?} tag bit {bit}"
        );
    }
    // A different IV (nonce) must fail too.
    let mut other_iv = iv.to_vec();
    other_iv[7] ^= 0x80;
    let mut buf = ciphertext.to_vec();
    assert_eq!(
        aead.open(&other_iv, aad, &mut buf, tag),
        Err(CryptoError::AuthenticationFailed),
        "{p} {algorithm:?} IV"
    );
}

/// Runs one GCM specification test case with the 16-, 12- and 8-byte ICVs.
fn check_gcm(
    key_len: AesKeyLen,
    key: &[u8],
    nonce: &[u8; 12],
    aad: &[u8],
    plaintext: &[u8],
    ciphertext: &[u8],
    tag: &[u8; 16],
) {
    let (salt, iv) = nonce.split_at(4);
    for icv in [GcmIcvLen::Icv16, GcmIcvLen::Icv12, GcmIcvLen::Icv8] {
        let algorithm = EncryptionAlgorithm::AesGcm(key_len, icv);
        check(algorithm, &keymat(key, salt), iv, aad, plaintext, ciphertext, &tag[..icv.bytes()]);
    }
}

// ---------------------------------------------------------------------------------------------
// AES-GCM, GCM specification test cases (McGrew & Viega, Appendix B)
// ---------------------------------------------------------------------------------------------

/// Plaintext of GCM test cases 3, 9 and 15 (64 bytes); cases 4, 10 and 16 use its first 60.
const GCM_P: [u8; 64] = hex!(
    "d9313225f88406e5a55909c5aff5269a 86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525 b16aedf5aa0de657ba637b391aafd255"
);
/// AAD of GCM test cases 4, 10 and 16.
const GCM_A: [u8; 20] = hex!("feedfacedeadbeeffeedfacedeadbeef abaddad2");
/// IV of GCM test cases 3, 4, 9, 10, 15 and 16 (salt `cafebabe`, IV `facedbaddecaf888`).
const GCM_IV: [u8; 12] = hex!("cafebabefacedbaddecaf888");
/// Key of GCM test cases 3 and 4 (128 bits); 9 and 10 take 24 bytes of its repetition, 15 and
/// 16 all 32.
const GCM_K: [u8; 32] = hex!("feffe9928665731c6d6a8f9467308308 feffe9928665731c6d6a8f9467308308");

/// GCM test case 1: AES-128, empty plaintext and AAD, zero key and IV.
#[test]
fn gcm_spec_case1() {
    check_gcm(AesKeyLen::Aes128, &[0; 16], &[0; 12], &[], &[], &[], &hex!("58e2fccefa7e3061367f1d57a4e7455a"));
}

/// GCM test case 2: AES-128, one zero block, zero key and IV.
#[test]
fn gcm_spec_case2() {
    check_gcm(
        AesKeyLen::Aes128,
        &[0; 16],
        &[0; 12],
        &[],
        &[0; 16],
        &hex!("0388dace60b6a392f328c2b971b2fe78"),
        &hex!("ab6e47d42cec13bdf53a67b21257bddf"),
    );
}

/// GCM test case 3: AES-128, 64-byte plaintext, no AAD.
#[test]
fn gcm_spec_case3() {
    check_gcm(
        AesKeyLen::Aes128,
        &GCM_K[..16],
        &GCM_IV,
        &[],
        &GCM_P,
        &hex!(
            "42831ec2217774244b7221b784d0d49c e3aa212f2c02a4e035c17e2329aca12e"
            "21d514b25466931c7d8f6a5aac84aa05 1ba30b396a0aac973d58e091473f5985"
        ),
        &hex!("4d5c2af327cd64a62cf35abd2ba6fab4"),
    );
}

/// GCM test case 4: AES-128, 60-byte plaintext (a partial block) and 20-byte AAD.
#[test]
fn gcm_spec_case4() {
    check_gcm(
        AesKeyLen::Aes128,
        &GCM_K[..16],
        &GCM_IV,
        &GCM_A,
        &GCM_P[..60],
        &hex!(
            "42831ec2217774244b7221b784d0d49c e3aa212f2c02a4e035c17e2329aca12e"
            "21d514b25466931c7d8f6a5aac84aa05 1ba30b396a0aac973d58e091"
        ),
        &hex!("5bc94fbc3221a5db94fae95ae7121a47"),
    );
}

/// GCM test case 7: AES-192, empty plaintext and AAD.
#[test]
fn gcm_spec_case7() {
    check_gcm(AesKeyLen::Aes192, &[0; 24], &[0; 12], &[], &[], &[], &hex!("cd33b28ac773f74ba00ed1f312572435"));
}

/// GCM test case 8: AES-192, one zero block.
#[test]
fn gcm_spec_case8() {
    check_gcm(
        AesKeyLen::Aes192,
        &[0; 24],
        &[0; 12],
        &[],
        &[0; 16],
        &hex!("98e7247c07f0fe411c267e4384b0f600"),
        &hex!("2ff58d80033927ab8ef4d4587514f0fb"),
    );
}

/// GCM test case 9: AES-192, 64-byte plaintext, no AAD.
#[test]
fn gcm_spec_case9() {
    check_gcm(
        AesKeyLen::Aes192,
        &GCM_K[..24],
        &GCM_IV,
        &[],
        &GCM_P,
        &hex!(
            "3980ca0b3c00e841eb06fac4872a2757 859e1ceaa6efd984628593b40ca1e19c"
            "7d773d00c144c525ac619d18c84a3f47 18e2448b2fe324d9ccda2710acade256"
        ),
        &hex!("9924a7c8587336bfb118024db8674a14"),
    );
}

/// GCM test case 10: AES-192, 60-byte plaintext and 20-byte AAD.
#[test]
fn gcm_spec_case10() {
    check_gcm(
        AesKeyLen::Aes192,
        &GCM_K[..24],
        &GCM_IV,
        &GCM_A,
        &GCM_P[..60],
        &hex!(
            "3980ca0b3c00e841eb06fac4872a2757 859e1ceaa6efd984628593b40ca1e19c"
            "7d773d00c144c525ac619d18c84a3f47 18e2448b2fe324d9ccda2710"
        ),
        &hex!("2519498e80f1478f37ba55bd6d27618c"),
    );
}

/// GCM test case 13: AES-256, empty plaintext and AAD.
#[test]
fn gcm_spec_case13() {
    check_gcm(AesKeyLen::Aes256, &[0; 32], &[0; 12], &[], &[], &[], &hex!("530f8afbc74536b9a963b4f1c4cb738b"));
}

/// GCM test case 14: AES-256, one zero block.
#[test]
fn gcm_spec_case14() {
    check_gcm(
        AesKeyLen::Aes256,
        &[0; 32],
        &[0; 12],
        &[],
        &[0; 16],
        &hex!("cea7403d4d606b6e074ec5d3baf39d18"),
        &hex!("d0d1c8a799996bf0265b98b5d48ab919"),
    );
}

/// GCM test case 15: AES-256, 64-byte plaintext, no AAD.
#[test]
fn gcm_spec_case15() {
    check_gcm(
        AesKeyLen::Aes256,
        &GCM_K,
        &GCM_IV,
        &[],
        &GCM_P,
        &hex!(
            "522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa"
            "8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662898015ad"
        ),
        &hex!("b094dac5d93471bdec1a502270e3cc6c"),
    );
}

/// GCM test case 16: AES-256, 60-byte plaintext and 20-byte AAD.
#[test]
fn gcm_spec_case16() {
    check_gcm(
        AesKeyLen::Aes256,
        &GCM_K,
        &GCM_IV,
        &GCM_A,
        &GCM_P[..60],
        &hex!(
            "522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa"
            "8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662"
        ),
        &hex!("76fc6ece0f4e1768cddf8853bb2d551b"),
    );
}

// ---------------------------------------------------------------------------------------------
// AES-GMAC (RFC 4543): GCM with an empty plaintext, everything in the AAD.
// ---------------------------------------------------------------------------------------------

/// The 70-byte frame authenticated by IEEE 802.1AE test vectors §2.1.1 and §2.1.2.
const MACSEC_54_BYTE_AAD: [u8; 70] = hex!(
    "d609b1f056637a0d46df998d88e5222a b2c2846512153524c0895e8108000f10"
    "1112131415161718191a1b1c1d1e1f20 2122232425262728292a2b2c2d2e2f30"
    "313233340001"
);
/// The 96-bit IV of the same vectors (salt `12153524`, IV `c0895e81b2c28465`).
const MACSEC_IV: [u8; 12] = hex!("12153524c0895e81b2c28465");

/// IEEE 802.1AE bn-randall-test-vectors-0511-v1 §2.1.1, "54-byte Packet Authentication Using
/// GCM-AES-128": GMAC with AES-128.
#[test]
fn ieee8021ae_2_1_1_gmac_aes128() {
    let (salt, iv) = MACSEC_IV.split_at(4);
    check(
        EncryptionAlgorithm::AesGmac(AesKeyLen::Aes128),
        &keymat(&hex!("ad7a2bd03eac835a6f620fdcb506b345"), salt),
        iv,
        &MACSEC_54_BYTE_AAD,
        &[],
        &[],
        &hex!("f09478a9b09007d06f46e9b6a1da25dd"),
    );
}

/// IEEE 802.1AE bn-randall-test-vectors-0511-v1 §2.1.2, "54-byte Packet Authentication Using
/// GCM-AES-256": GMAC with AES-256.
#[test]
fn ieee8021ae_2_1_2_gmac_aes256() {
    let (salt, iv) = MACSEC_IV.split_at(4);
    check(
        EncryptionAlgorithm::AesGmac(AesKeyLen::Aes256),
        &keymat(&hex!("e3c08a8f06c6e3ad95a70557b23f7548 3ce33021a9c72b7025666204c69c0b72"), salt),
        iv,
        &MACSEC_54_BYTE_AAD,
        &[],
        &[],
        &hex!("2f0bc5af409e06d609ea8b7d0fa5ea50"),
    );
}

/// GCM test cases 1, 7 and 13 (empty plaintext and AAD) are GMAC over an empty message, for
/// the three key sizes.
#[test]
fn gcm_spec_cases_1_7_13_as_gmac() {
    for (key_len, tag) in [
        (AesKeyLen::Aes128, hex!("58e2fccefa7e3061367f1d57a4e7455a")),
        (AesKeyLen::Aes192, hex!("cd33b28ac773f74ba00ed1f312572435")),
        (AesKeyLen::Aes256, hex!("530f8afbc74536b9a963b4f1c4cb738b")),
    ] {
        let keymat = vec![0u8; key_len.bytes() + 4];
        check(EncryptionAlgorithm::AesGmac(key_len), &keymat, &[0; 8], &[], &[], &[], &tag);
    }
}

/// GMAC authenticates only: a non-empty `data` is refused rather than encrypted, on both
/// directions, and a tampered AAD fails.
#[test]
fn gmac_refuses_payload_and_detects_tampering() {
    let (salt, iv) = MACSEC_IV.split_at(4);
    for p in providers() {
        let gmac = new_aead(
            p,
            EncryptionAlgorithm::AesGmac(AesKeyLen::Aes128),
            &keymat(&hex!("ad7a2bd03eac835a6f620fdcb506b345"), salt),
        );
        let tag = hex!("f09478a9b09007d06f46e9b6a1da25dd");
        let mut data = *b"payload";
        let mut out = [0u8; 16];
        assert_eq!(gmac.seal(iv, &MACSEC_54_BYTE_AAD, &mut data, &mut out), Err(CryptoError::InvalidLength), "{p}");
        assert_eq!(&data, b"payload", "{p}");
        assert_eq!(gmac.open(iv, &MACSEC_54_BYTE_AAD, &mut data, &tag), Err(CryptoError::InvalidLength), "{p}");
        assert_eq!(gmac.open(iv, &MACSEC_54_BYTE_AAD, &mut [], &tag), Ok(()), "{p}");
        let mut tampered = MACSEC_54_BYTE_AAD;
        tampered[69] ^= 0x01;
        assert_eq!(gmac.open(iv, &tampered, &mut [], &tag), Err(CryptoError::AuthenticationFailed), "{p}");
    }
}

// ---------------------------------------------------------------------------------------------
// ChaCha20-Poly1305 (RFC 7634: key material is the 32-byte key and a 4-byte salt)
// ---------------------------------------------------------------------------------------------

/// RFC 7539 §2.8.2, "Example and Test Vector for `AEAD_CHACHA20_POLY1305`": the nonce
/// `07000000 4041424344454647` is the 32-bit constant (our salt) and the 64-bit IV.
#[test]
fn rfc7539_2_8_2_chacha20_poly1305() {
    let key = hex!("808182838485868788898a8b8c8d8e8f 909192939495969798999a9b9c9d9e9f");
    check(
        EncryptionAlgorithm::ChaCha20Poly1305,
        &keymat(&key, &hex!("07000000")),
        &hex!("4041424344454647"),
        &hex!("50515253c0c1c2c3c4c5c6c7"),
        b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, \
          sunscreen would be it.",
        &hex!(
            "d31a8d34648e60db7b86afbc53ef7ec2 a4aded51296e08fea9e2b5a736ee62d6"
            "3dbea45e8ca9671282fafb69da92728b 1a71de0a9e060b2905d6a5b67ecd3b36"
            "92ddbd7f2d778b8c9803aee328091b58 fab324e4fad675945585808b4831d7bc"
            "3ff4def08e4b7a9de576d26586cec64b 6116"
        ),
        &hex!("1ae10b594f09e26a7e902ecbd0600691"),
    );
}

/// RFC 7539 Appendix A.5, "ChaCha20-Poly1305 AEAD Decryption": nonce
/// `00000000 0102030405060708`, 265-byte ciphertext.
#[test]
fn rfc7539_a5_chacha20_poly1305() {
    let key = hex!("1c9240a5eb55d38af333888604f6b5f0 473917c1402b80099dca5cbc207075c0");
    let ciphertext = hex!(
        "64a0861575861af460f062c79be643bd 5e805cfd345cf389f108670ac76c8cb2"
        "4c6cfc18755d43eea09ee94e382d26b0 bdb7b73c321b0100d4f03b7f355894cf"
        "332f830e710b97ce98c8a84abd0b9481 14ad176e008d33bd60f982b1ff37c855"
        "9797a06ef4f0ef61c186324e2b350638 3606907b6a7c02b0f9f6157b53c867e4"
        "b9166c767b804d46a59b5216cde7a4e9 9040c5a40433225ee282a1b0a06c523e"
        "af4534d7f83fa1155b0047718cbc546a 0d072b04b3564eea1b422273f548271a"
        "0bb2316053fa76991955ebd63159434e cebb4e466dae5a1073a6727627097a10"
        "49e617d91d361094fa68f0ff77987130 305beaba2eda04df997b714d6c6f2c29"
        "a6ad5cb4022b02709b"
    );
    let plaintext = hex!(
        "496e7465726e65742d44726166747320 61726520647261667420646f63756d65"
        "6e74732076616c696420666f72206120 6d6178696d756d206f6620736978206d"
        "6f6e74687320616e64206d6179206265 20757064617465642c207265706c6163"
        "65642c206f72206f62736f6c65746564 206279206f7468657220646f63756d65"
        "6e747320617420616e792074696d652e 20497420697320696e617070726f7072"
        "6961746520746f2075736520496e7465 726e65742d4472616674732061732072"
        "65666572656e6365206d617465726961 6c206f7220746f206369746520746865"
        "6d206f74686572207468616e20617320 2fe2809c776f726b20696e2070726f67"
        "726573732e2fe2809d"
    );
    check(
        EncryptionAlgorithm::ChaCha20Poly1305,
        &keymat(&key, &hex!("00000000")),
        &hex!("0102030405060708"),
        &hex!("f33388860000000000004e91"),
        &plaintext,
        &ciphertext,
        &hex!("eead9d67890cbb22392336fea1851f38"),
    );
}

// ---------------------------------------------------------------------------------------------
// Negative tests and capability
// ---------------------------------------------------------------------------------------------

/// Every AEAD of the catalogue is supported, and nothing else.
#[test]
fn supports_exactly_the_aead_catalogue() {
    for provider in providers() {
        for &algorithm in EncryptionAlgorithm::ALL {
            assert_eq!(provider.aead.supports(algorithm), algorithm.is_aead(), "{provider} {algorithm:?}");
            if !algorithm.is_aead() {
                let keymat = vec![0u8; algorithm.keymat_len()];
                assert_eq!(
                    provider.aead.new_aead(algorithm, &keymat).err(),
                    Some(CryptoError::UnsupportedAlgorithm),
                    "{provider} {algorithm:?}"
                );
            }
        }
    }
}

/// Wrong key material, IV and tag lengths give the typed errors, for every AEAD.
#[test]
fn wrong_lengths() {
    for provider in providers() {
        for &algorithm in EncryptionAlgorithm::ALL.iter().filter(|a| a.is_aead()) {
            let expected = algorithm.keymat_len();
            for got in [expected - 1, expected + 1, algorithm.key_len(), 0] {
                assert_eq!(
                    provider.aead.new_aead(algorithm, &vec![7u8; got]).err(),
                    Some(CryptoError::InvalidKeyLength { expected, got }),
                    "{provider} {algorithm:?} key material of {got}"
                );
            }

            let aead = provider.aead.new_aead(algorithm, &vec![7u8; expected]).unwrap();
            let icv = algorithm.icv_len();
            let mut tag = vec![0u8; icv];
            for got in [0, 7, 9, 12, 16] {
                let mut data = [];
                let err = Err(CryptoError::InvalidIvLength { expected: 8, got });
                let iv = vec![0; got];
                assert_eq!(aead.seal(&iv, b"aad", &mut data, &mut tag), err, "{provider} {algorithm:?} IV {got}");
                assert_eq!(aead.open(&iv, b"aad", &mut data, &tag), err, "{provider} {algorithm:?} IV {got}");
            }
            for got in [0, 4, 8, 12, 16, 20] {
                if got == icv {
                    continue;
                }
                let mut bad_tag = vec![0u8; got];
                let mut data = [];
                let err = Err(CryptoError::InvalidLength);
                assert_eq!(aead.seal(&[0; 8], b"aad", &mut data, &mut bad_tag), err, "{provider} {algorithm:?}");
                assert_eq!(aead.open(&[0; 8], b"aad", &mut data, &bad_tag), err, "{provider} {algorithm:?}");
            }
        }
    }
}

/// Every AEAD round-trips payloads of every length from 0 to 70 bytes and rejects a flipped
/// bit; nothing panics.
#[test]
fn round_trip_all_lengths() {
    let message: Vec<u8> = (0u8..70).collect();
    for provider in providers() {
        for &algorithm in EncryptionAlgorithm::ALL.iter().filter(|a| a.is_aead()) {
            let aead = provider.aead.new_aead(algorithm, &vec![0x3cu8; algorithm.keymat_len()]).unwrap();
            let lengths = if algorithm.encrypts() { 0..=message.len() } else { 0..=0 };
            for len in lengths {
                let iv = (len as u64).to_be_bytes();
                let mut buf = message[..len].to_vec();
                let mut tag = vec![0u8; algorithm.icv_len()];
                aead.seal(&iv, b"header", &mut buf, &mut tag).unwrap();
                if len > 0 {
                    assert_ne!(buf, message[..len], "{provider} {algorithm:?} encrypts");
                    let mut bad = buf.clone();
                    bad[len - 1] ^= 0x40;
                    assert_eq!(
                        aead.open(&iv, b"header", &mut bad, &tag),
                        Err(CryptoError::AuthenticationFailed),
                        "{provider} {algorithm:?}"
                    );
                }
                aead.open(&iv, b"header", &mut buf, &tag).unwrap();
                assert_eq!(buf, message[..len], "{provider} {algorithm:?} length {len}");
            }
        }
    }
}
