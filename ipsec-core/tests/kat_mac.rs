#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
//! Known-answer tests for the MACs and hashes of every provider, through the public API
//! (`CryptoProvider::mac` and `.hash`): the RustCrypto provider, and the aws-lc-rs provider
//! with the `aws-lc` feature. Each vector runs against each provider (`common::providers`).
//!
//! Sources:
//! * HMAC-MD5 and HMAC-SHA-1: RFC 2202 §2 and §3, test cases 1-7 (with the 96-bit truncation
//!   of test case 5).
//! * HMAC-SHA-256/384/512: RFC 4231 §4.2-§4.8, test cases 1-7 (case 5 truncated to 128 bits).
//! * PRF-HMAC-SHA-256/384/512 and HMAC-SHA-256-128/384-192/512-256: RFC 4868 §2.7.1 and
//!   §2.7.2 (AUTH512-4 with the key of verified erratum 1785).
//! * AES-XCBC-MAC and AES-XCBC-MAC-96: RFC 3566 §4.6, test cases 1-7.
//! * AES-XCBC-PRF-128: RFC 4434 §4 (keys of 16, 10 and 18 bytes).
//! * MD5: RFC 1321 Appendix A.5; SHA-1, SHA-256, SHA-384, SHA-512: FIPS 180-2 Appendices A-D
//!   ("abc", and the 448-bit two-block message for SHA-1 and SHA-256).

mod common;

use common::{Provider, providers};
use hex_literal::hex;
use ipsec_core::algorithm::{HashAlgorithm, IntegrityAlgorithm, MacAlgorithm, PrfAlgorithm};
use ipsec_core::crypto::{CryptoError, Mac};

/// Keys a MAC through the provider.
fn new_mac(p: Provider, algorithm: MacAlgorithm, key: &[u8]) -> Box<dyn Mac> {
    let mac = p.mac.new_mac(algorithm, key).unwrap_or_else(|e| panic!("{p} {algorithm:?}: {e}"));
    assert_eq!(mac.algorithm(), algorithm);
    assert_eq!(mac.output_len(), algorithm.output_len());
    mac
}

/// Runs [`check_on`] against every provider.
fn check(algorithm: MacAlgorithm, key: &[u8], data: &[u8], expected: &[u8]) {
    for p in providers() {
        check_on(p, algorithm, key, data, expected);
    }
}

/// Checks that the MAC of `data` under `key` starts with `expected` (the full output, or a
/// published truncation): through `compute` in one part and split in two at every position,
/// through the incremental context, and through `verify`, which must also reject the value
/// with any single bit flipped.
fn check_on(p: Provider, algorithm: MacAlgorithm, key: &[u8], data: &[u8], expected: &[u8]) {
    let mac = new_mac(p, algorithm, key);
    let mut out = vec![0u8; expected.len()];
    mac.compute(&[data], &mut out).unwrap();
    assert_eq!(out, expected, "{p} {algorithm:?} compute");

    for split in [0, 1, data.len() / 2, data.len().saturating_sub(1), data.len()].map(|s| s.min(data.len())) {
        let (a, b) = data.split_at(split);
        let mut out = vec![0u8; expected.len()];
        mac.compute(&[a, &[], b], &mut out).unwrap();
        assert_eq!(out, expected, "{p} {algorithm:?} compute split at {split}");

        let mut ctx = mac.begin();
        ctx.update(a);
        ctx.update(b);
        let mut out = vec![0u8; expected.len()];
        ctx.finish(&mut out).unwrap();
        assert_eq!(out, expected, "{p} {algorithm:?} incremental split at {split}");
    }

    mac.verify(&[data], expected).unwrap();
    for bit in 0..expected.len() * 8 {
        let mut wrong = expected.to_vec();
        wrong[bit / 8] ^= 1 << (bit % 8);
        let result = mac.verify(&[data], &wrong);
        assert_eq!(result, Err(CryptoError::AuthenticationFailed), "{p} {algorithm:?} bit {bit}");
    }
}

/// "Hi There".
const HI_THERE: &[u8] = b"Hi There";
/// "what do ya want for nothing?".
const WHAT_DO_YA: &[u8] = b"what do ya want for nothing?";
/// RFC 2202 test case 6 data.
const LARGER_KEY: &[u8] = b"Test Using Larger Than Block-Size Key - Hash Key First";
/// RFC 2202 test case 7 data.
const LARGER_KEY_AND_DATA: &[u8] = b"Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data";
/// RFC 4231 test case 7 data.
const RFC4231_CASE7_DATA: &[u8] =
    b"This is a test using a larger than block-size key and a larger than block-size data. \
The key needs to be hashed before being used by the HMAC algorithm.";
/// The 25-byte key 0x01..0x19 of RFC 2202 and RFC 4231 test case 4.
const KEY_01_TO_19: [u8; 25] = hex!("0102030405060708090a0b0c0d0e0f10111213141516171819");

// ---------------------------------------------------------------------------------------------
// RFC 2202: HMAC-MD5 and HMAC-SHA-1
// ---------------------------------------------------------------------------------------------

/// RFC 2202 §2, test cases for HMAC-MD5 (1-7, and the 96-bit truncation of case 5).
#[test]
fn rfc2202_hmac_md5() {
    let md5 = MacAlgorithm::HmacMd5;
    check(md5, &[0x0b; 16], HI_THERE, &hex!("9294727a3638bb1c13f48ef8158bfc9d"));
    check(md5, b"Jefe", WHAT_DO_YA, &hex!("750c783e6ab0b503eaa86e310a5db738"));
    check(md5, &[0xaa; 16], &[0xdd; 50], &hex!("56be34521d144c88dbb8c733f0e8b3f6"));
    check(md5, &KEY_01_TO_19, &[0xcd; 50], &hex!("697eaf0aca3a3aea3a75164746ffaa79"));
    check(md5, &[0x0c; 16], b"Test With Truncation", &hex!("56461ef2342edc00f9bab995690efd4c"));
    check(md5, &[0x0c; 16], b"Test With Truncation", &hex!("56461ef2342edc00f9bab995"));
    check(md5, &[0xaa; 80], LARGER_KEY, &hex!("6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"));
    check(md5, &[0xaa; 80], LARGER_KEY_AND_DATA, &hex!("6f630fad67cda0ee1fb1f562db3aa53e"));
}

/// RFC 2202 §3, test cases for HMAC-SHA-1 (1-7, and the 96-bit truncation of case 5).
#[test]
fn rfc2202_hmac_sha1() {
    let sha1 = MacAlgorithm::HmacSha1;
    check(sha1, &[0x0b; 20], HI_THERE, &hex!("b617318655057264e28bc0b6fb378c8ef146be00"));
    check(sha1, b"Jefe", WHAT_DO_YA, &hex!("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
    check(sha1, &[0xaa; 20], &[0xdd; 50], &hex!("125d7342b9ac11cd91a39af48aa17b4f63f175d3"));
    check(sha1, &KEY_01_TO_19, &[0xcd; 50], &hex!("4c9007f4026250c6bc8414f9bf50c86c2d7235da"));
    check(sha1, &[0x0c; 20], b"Test With Truncation", &hex!("4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"));
    check(sha1, &[0x0c; 20], b"Test With Truncation", &hex!("4c1a03424b55e07fe7f27be1"));
    check(sha1, &[0xaa; 80], LARGER_KEY, &hex!("aa4ae5e15272d00e95705637ce8a3b55ed402112"));
    check(sha1, &[0xaa; 80], LARGER_KEY_AND_DATA, &hex!("e8e99d0f45237d786d6bbaa7965c7808bbff1a91"));
}

// ---------------------------------------------------------------------------------------------
// RFC 4231: HMAC-SHA-256/384/512
// ---------------------------------------------------------------------------------------------

/// One RFC 4231 test case: key, data and the SHA-256, SHA-384 and SHA-512 outputs.
struct Rfc4231 {
    /// The key.
    key: &'static [u8],
    /// The data.
    data: &'static [u8],
    /// HMAC-SHA-256 (as published: truncated in test case 5).
    sha256: &'static [u8],
    /// HMAC-SHA-384.
    sha384: &'static [u8],
    /// HMAC-SHA-512.
    sha512: &'static [u8],
}

impl Rfc4231 {
    /// Checks the three outputs.
    fn run(&self) {
        check(MacAlgorithm::HmacSha256, self.key, self.data, self.sha256);
        check(MacAlgorithm::HmacSha384, self.key, self.data, self.sha384);
        check(MacAlgorithm::HmacSha512, self.key, self.data, self.sha512);
    }
}

/// RFC 4231 §4.2, test case 1.
#[test]
fn rfc4231_case1() {
    Rfc4231 {
        key: &[0x0b; 20],
        data: HI_THERE,
        sha256: &hex!("b0344c61d8db38535ca8afceaf0bf12b 881dc200c9833da726e9376c2e32cff7"),
        sha384: &hex!(
            "afd03944d84895626b0825f4ab46907f 15f9dadbe4101ec682aa034c7cebc59c faea9ea9076ede7f4af152e8b2fa9cb6"
        ),
        sha512: &hex!(
            "87aa7cdea5ef619d4ff0b4241a1d6cb0 2379f4e2ce4ec2787ad0b30545e17cde"
            "daa833b7d6b8a702038b274eaea3f4e4 be9d914eeb61f1702e696c203a126854"
        ),
    }
    .run();
}

/// RFC 4231 §4.3, test case 2: a key shorter than the output.
#[test]
fn rfc4231_case2() {
    Rfc4231 {
        key: b"Jefe",
        data: WHAT_DO_YA,
        sha256: &hex!("5bdcc146bf60754e6a042426089575c7 5a003f089d2739839dec58b964ec3843"),
        sha384: &hex!(
            "af45d2e376484031617f78d2b58a6b1b 9c7ef464f5a01b47e42ec3736322445e 8e2240ca5e69e2c78b3239ecfab21649"
        ),
        sha512: &hex!(
            "164b7a7bfcf819e2e395fbe73b56e0a3 87bd64222e831fd610270cd7ea250554"
            "9758bf75c05a994a6d034f65f8f0e6fd caeab1a34d4a6b4b636e070a38bce737"
        ),
    }
    .run();
}

/// RFC 4231 §4.4, test case 3: key and data longer than 64 bytes together.
#[test]
fn rfc4231_case3() {
    Rfc4231 {
        key: &[0xaa; 20],
        data: &[0xdd; 50],
        sha256: &hex!("773ea91e36800e46854db8ebd09181a7 2959098b3ef8c122d9635514ced565fe"),
        sha384: &hex!(
            "88062608d3e6ad8a0aa2ace014c8a86f 0aa635d947ac9febe83ef4e55966144b 2a5ab39dc13814b94e3ab6e101a34f27"
        ),
        sha512: &hex!(
            "fa73b0089d56a284efb0f0756c890be9 b1b5dbdd8ee81a3655f83e33b2279d39"
            "bf3e848279a722c806b485a47e67c807 b946a337bee8942674278859e13292fb"
        ),
    }
    .run();
}

/// RFC 4231 §4.5, test case 4.
#[test]
fn rfc4231_case4() {
    Rfc4231 {
        key: &KEY_01_TO_19,
        data: &[0xcd; 50],
        sha256: &hex!("82558a389a443c0ea4cc819899f2083a 85f0faa3e578f8077a2e3ff46729665b"),
        sha384: &hex!(
            "3e8a69b7783c25851933ab6290af6ca7 7a9981480850009cc5577c6e1f573b4e 6801dd23c4a7d679ccf8a386c674cffb"
        ),
        sha512: &hex!(
            "b0ba465637458c6990e5a8c5f61d4af7 e576d97ff94b872de76f8050361ee3db"
            "a91ca5c11aa25eb4d679275cc5788063 a5f19741120c4f2de2adebeb10a298dd"
        ),
    }
    .run();
}

/// RFC 4231 §4.6, test case 5: output truncated to 128 bits (only the truncation is published).
#[test]
fn rfc4231_case5_truncated_to_128_bits() {
    Rfc4231 {
        key: &[0x0c; 20],
        data: b"Test With Truncation",
        sha256: &hex!("a3b6167473100ee06e0c796c2955552b"),
        sha384: &hex!("3abf34c3503b2a23a46efc619baef897"),
        sha512: &hex!("415fad6271580a531d4179bc891d87a6"),
    }
    .run();
}

/// RFC 4231 §4.7, test case 6: a key larger than 128 bytes.
#[test]
fn rfc4231_case6() {
    Rfc4231 {
        key: &[0xaa; 131],
        data: LARGER_KEY,
        sha256: &hex!("60e431591ee0b67f0d8a26aacbf5b77f 8e0bc6213728c5140546040f0ee37f54"),
        sha384: &hex!(
            "4ece084485813e9088d2c63a041bc5b4 4f9ef1012a2b588f3cd11f05033ac4c6 0c2ef6ab4030fe8296248df163f44952"
        ),
        sha512: &hex!(
            "80b24263c7c1a3ebb71493c1dd7be8b4 9b46d1f41b4aeec1121b013783f8f352"
            "6b56d037e05f2598bd0fd2215d6a1e52 95e64f73f63f0aec8b915a985d786598"
        ),
    }
    .run();
}

/// RFC 4231 §4.8, test case 7: key and data larger than 128 bytes.
#[test]
fn rfc4231_case7() {
    Rfc4231 {
        key: &[0xaa; 131],
        data: RFC4231_CASE7_DATA,
        sha256: &hex!("9b09ffa71b942fcb27635fbcd5b0e944 bfdc63644f0713938a7f51535c3a35e2"),
        sha384: &hex!(
            "6617178e941f020d351e2f254e8fd32c 602420feb0b8fb9adccebb82461e99c5 a678cc31e799176d3860e6110c46523e"
        ),
        sha512: &hex!(
            "e37b6a775dc87dbaa4dfa9f96e5e3ffd debd71f8867289865df5a32d20cdc944"
            "b6022cac3c4982b10d5eeb55c3e4de15 134676fb6de0446065c97440fa8c6a58"
        ),
    }
    .run();
}

// ---------------------------------------------------------------------------------------------
// RFC 4868: the IPsec PRFs and integrity transforms built on HMAC-SHA-2
// ---------------------------------------------------------------------------------------------

/// One RFC 4868 §2.7.1 PRF test: key, data and the SHA-256, SHA-384 and SHA-512 outputs.
type PrfCase = (&'static [u8], &'static [u8], [&'static [u8]; 3]);

/// RFC 4868 §2.7.1, PRF test vectors PRF-1 to PRF-6, through the catalogue's PRF mapping.
#[test]
fn rfc4868_2_7_1_prf_vectors() {
    let prfs = [PrfAlgorithm::HmacSha2_256, PrfAlgorithm::HmacSha2_384, PrfAlgorithm::HmacSha2_512];
    let cases: [PrfCase; 6] = [
        // PRF-1
        (
            &[0x0b; 20],
            HI_THERE,
            [
                &hex!("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                &hex!(
                    "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"
                ),
                &hex!(
                    "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                    "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"
                ),
            ],
        ),
        // PRF-2
        (
            b"Jefe",
            WHAT_DO_YA,
            [
                &hex!("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                &hex!(
                    "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"
                ),
                &hex!(
                    "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                    "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
                ),
            ],
        ),
        // PRF-3
        (
            &[0xaa; 20],
            &[0xdd; 50],
            [
                &hex!("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                &hex!(
                    "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27"
                ),
                &hex!(
                    "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
                    "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"
                ),
            ],
        ),
        // PRF-4
        (
            &KEY_01_TO_19,
            &[0xcd; 50],
            [
                &hex!("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                &hex!(
                    "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb"
                ),
                &hex!(
                    "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
                    "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"
                ),
            ],
        ),
        // PRF-5
        (
            &[0xaa; 131],
            LARGER_KEY,
            [
                &hex!("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                &hex!(
                    "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"
                ),
                &hex!(
                    "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                    "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"
                ),
            ],
        ),
        // PRF-6
        (
            &[0xaa; 131],
            RFC4231_CASE7_DATA,
            [
                &hex!("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
                &hex!(
                    "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e"
                ),
                &hex!(
                    "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
                    "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"
                ),
            ],
        ),
    ];
    for (key, data, outputs) in cases {
        for (prf, expected) in prfs.into_iter().zip(outputs) {
            assert_eq!(expected.len(), prf.output_len());
            check(prf.mac(), key, data, expected);
        }
    }
}

/// One RFC 4868 §2.7.2 authenticator test: the full PRF output and the ICV.
fn check_auth(integrity: IntegrityAlgorithm, key: &[u8], data: &[u8], full: &[u8], icv: &[u8]) {
    assert_eq!(key.len(), integrity.key_len(), "{integrity:?}: RFC 4868 §2.7.2 keys have the transform's key length");
    assert_eq!(icv.len(), integrity.icv_len());
    assert_eq!(&full[..icv.len()], icv);
    check(integrity.mac(), key, data, full);
    check(integrity.mac(), key, data, icv);
}

/// RFC 4868 §2.7.2.1, SHA-256 authentication test vectors AUTH256-1 to AUTH256-4
/// (HMAC-SHA-256-128).
#[test]
fn rfc4868_2_7_2_1_auth256() {
    let auth = IntegrityAlgorithm::HmacSha2_256_128;
    check_auth(
        auth,
        &[0x0b; 32],
        HI_THERE,
        &hex!("198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"),
        &hex!("198a607eb44bfbc69903a0f1cf2bbdc5"),
    );
    check_auth(
        auth,
        b"JefeJefeJefeJefeJefeJefeJefeJefe",
        WHAT_DO_YA,
        &hex!("167f928588c5cc2eef8e3093caa0e87c9ff566a14794aa61648d81621a2a40c6"),
        &hex!("167f928588c5cc2eef8e3093caa0e87c"),
    );
    check_auth(
        auth,
        &[0xaa; 32],
        &[0xdd; 50],
        &hex!("cdcb1220d1ecccea91e53aba3092f962e549fe6ce9ed7fdc43191fbde45c30b0"),
        &hex!("cdcb1220d1ecccea91e53aba3092f962"),
    );
    check_auth(
        auth,
        &hex!("0102030405060708090a0b0c0d0e0f10 1112131415161718191a1b1c1d1e1f20"),
        &[0xcd; 50],
        &hex!("372efcf9b40b35c2115b1346903d2ef42fced46f0846e7257bb156d3d7b30d3f"),
        &hex!("372efcf9b40b35c2115b1346903d2ef4"),
    );
}

/// RFC 4868 §2.7.2.2, SHA-384 authentication test vectors AUTH384-1 to AUTH384-4
/// (HMAC-SHA-384-192). AUTH384-4 uses the key as printed in the RFC, which is the key the
/// published output was computed with.
#[test]
fn rfc4868_2_7_2_2_auth384() {
    let auth = IntegrityAlgorithm::HmacSha2_384_192;
    check_auth(
        auth,
        &[0x0b; 48],
        HI_THERE,
        &hex!("b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee9737a959796489bddbc4c5df61d5b3297b4fb68dab9f1b582c2"),
        &hex!("b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee973"),
    );
    check_auth(
        auth,
        b"JefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefe",
        WHAT_DO_YA,
        &hex!("2c7353974f1842fd66d53c452ca42122b28c0b594cfb184da86a368e9b8e16f5349524ca4e82400cbde0686d403371c9"),
        &hex!("2c7353974f1842fd66d53c452ca42122b28c0b594cfb184d"),
    );
    check_auth(
        auth,
        &[0xaa; 48],
        &[0xdd; 50],
        &hex!("809f439be00274321d4a538652164b53554a508184a0c3160353e3428597003d35914a18770f9443987054944b7c4b4a"),
        &hex!("809f439be00274321d4a538652164b53554a508184a0c316"),
    );
    check_auth(
        auth,
        &hex!("0102030405060708090a0b0c0d0e0f10 1112131415161718191a1b1c1d1e1f20 0a0b0c0d0e0f10111213141516171819"),
        &[0xcd; 50],
        &hex!("5b540085c6e6358096532b2493609ed1cb298f774f87bb5c2ebf182c83cc7428707fb92eab2536a5812258228bc96687"),
        &hex!("5b540085c6e6358096532b2493609ed1cb298f774f87bb5c"),
    );
}

/// RFC 4868 §2.7.2.3, SHA-512 authentication test vectors AUTH512-1 to AUTH512-4
/// (HMAC-SHA-512-256). AUTH512-4 uses the 64-byte key of verified erratum 1785 (the RFC
/// prints 80 bytes).
#[test]
fn rfc4868_2_7_2_3_auth512() {
    let auth = IntegrityAlgorithm::HmacSha2_512_256;
    check_auth(
        auth,
        &[0x0b; 64],
        HI_THERE,
        &hex!(
            "637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8"
            "ac2878ebd5803f6f0b61dbce5e251ff8789a4722c1be65aea45fd464e89f8f5b"
        ),
        &hex!("637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8"),
    );
    check_auth(
        auth,
        b"JefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefe",
        WHAT_DO_YA,
        &hex!(
            "cb370917ae8a7ce28cfd1d8f4705d6141c173b2a9362c15df235dfb251b15454"
            "6aa334ae9fb9afc2184932d8695e397bfa0ffb93466cfcceaae38c833b7dba38"
        ),
        &hex!("cb370917ae8a7ce28cfd1d8f4705d6141c173b2a9362c15df235dfb251b15454"),
    );
    check_auth(
        auth,
        &[0xaa; 64],
        &[0xdd; 50],
        &hex!(
            "2ee7acd783624ca9398710f3ee05ae41b9f9b0510c87e49e586cc9bf961733d8"
            "623c7b55cebefccf02d5581acc1c9d5fb1ff68a1de45509fbe4da9a433922655"
        ),
        &hex!("2ee7acd783624ca9398710f3ee05ae41b9f9b0510c87e49e586cc9bf961733d8"),
    );
    check_auth(
        auth,
        &hex!(
            "0102030405060708090a0b0c0d0e0f10 1112131415161718191a1b1c1d1e1f20"
            "2122232425262728292a2b2c2d2e2f30 3132333435363738393a3b3c3d3e3f40"
        ),
        &[0xcd; 50],
        &hex!(
            "5e6688e5a3daec826ca32eaea224eff5e700628947470e13ad01302561bab108"
            "b8c48cbc6b807dcfbd850521a685babc7eae4a2a2e660dc0e86b931d65503fd2"
        ),
        &hex!("5e6688e5a3daec826ca32eaea224eff5e700628947470e13ad01302561bab108"),
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 3566 and RFC 4434: AES-XCBC
// ---------------------------------------------------------------------------------------------

/// The key of every RFC 3566 §4.6 test case.
const XCBC_KEY: [u8; 16] = hex!("000102030405060708090a0b0c0d0e0f");
/// The messages of RFC 3566 §4.6 test cases 2-6 are prefixes of 00 01 02 ...
const XCBC_MESSAGE: [u8; 34] = hex!(
    "000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f"
    "2021"
);

/// RFC 3566 §4.6, test cases 1-7: AES-XCBC-MAC (128 bits) and AES-XCBC-MAC-96 (the leading 96
/// bits, which is what the integrity transform sends).
#[test]
fn rfc3566_4_6_aes_xcbc_mac() {
    let cases: [(&[u8], [u8; 16]); 7] = [
        // Test Case #1: 0-byte input.
        (&[], hex!("75f0251d528ac01c4573dfd584d79f29")),
        // Test Case #2: 3-byte input.
        (&XCBC_MESSAGE[..3], hex!("5b376580ae2f19afe7219ceef172756f")),
        // Test Case #3: 16-byte input.
        (&XCBC_MESSAGE[..16], hex!("d2a246fa349b68a79998a4394ff7a263")),
        // Test Case #4: 20-byte input.
        (&XCBC_MESSAGE[..20], hex!("47f51b4564966215b8985c63055ed308")),
        // Test Case #5: 32-byte input.
        (&XCBC_MESSAGE[..32], hex!("f54f0ec8d2b9f3d36807734bd5283fd4")),
        // Test Case #6: 34-byte input.
        (&XCBC_MESSAGE[..34], hex!("becbb3bccdb518a30677d5481fb6b4d8")),
        // Test Case #7: 1000-byte input of zeros.
        (&[0u8; 1000], hex!("f0dafee895db30253761103b5d84528f")),
    ];
    let integrity = IntegrityAlgorithm::AesXcbc96;
    assert_eq!(integrity.mac(), MacAlgorithm::AesXcbcMac);
    assert_eq!(integrity.key_len(), XCBC_KEY.len());
    for (message, full) in cases {
        check(MacAlgorithm::AesXcbcMac, &XCBC_KEY, message, &full);
        check(integrity.mac(), &XCBC_KEY, message, &full[..integrity.icv_len()]);
    }
}

/// RFC 3566 §4.6 test case 6 fed in every split, including byte by byte: the last-block rule
/// (a complete last block uses K2, a partial one K3) must not depend on how input arrives.
#[test]
fn rfc3566_xcbc_incremental_splits() {
    for p in providers() {
        let mac = new_mac(p, MacAlgorithm::AesXcbcMac, &XCBC_KEY);
        for (len, expected) in [
            (16, hex!("d2a246fa349b68a79998a4394ff7a263")),
            (32, hex!("f54f0ec8d2b9f3d36807734bd5283fd4")),
            (34, hex!("becbb3bccdb518a30677d5481fb6b4d8")),
        ] {
            let message = &XCBC_MESSAGE[..len];
            for split in 0..=len {
                let (a, b) = message.split_at(split);
                let mut out = [0u8; 16];
                mac.compute(&[a, b], &mut out).unwrap();
                assert_eq!(out, expected, "{p} {len} bytes split at {split}");
            }
            let mut ctx = mac.begin();
            for byte in message {
                ctx.update(std::slice::from_ref(byte));
            }
            let mut out = [0u8; 16];
            ctx.finish(&mut out).unwrap();
            assert_eq!(out, expected, "{p} {len} bytes one at a time");
            let parts: Vec<&[u8]> = message.chunks(1).collect();
            mac.compute(&parts, &mut out).unwrap();
            assert_eq!(out, expected, "{p} {len} bytes as {len} parts");
        }
    }
}

/// RFC 4434 §4, AES-XCBC-PRF-128 test vectors with 20-byte input and keys of 16 bytes (used as
/// is), 10 bytes (padded with zeros) and 18 bytes (replaced by AES-XCBC-MAC under a zero key).
#[test]
fn rfc4434_4_aes_xcbc_prf_128() {
    let message = &XCBC_MESSAGE[..20];
    let prf = PrfAlgorithm::AesXcbcPrf128;
    assert_eq!(prf.mac(), MacAlgorithm::AesXcbcPrf128);
    check(prf.mac(), &XCBC_KEY, message, &hex!("47f51b4564966215b8985c63055ed308"));
    check(prf.mac(), &hex!("00010203040506070809"), message, &hex!("0fa087af7d866e7653434e602fdde835"));
    check(prf.mac(), &hex!("000102030405060708090a0b0c0d0e0fedcb"), message, &hex!("8cd3c93ae598a9803006ffb67c40e9e4"));
}

/// AES-XCBC-MAC takes exactly 128-bit keys (RFC 3566 §4); the PRF takes any (RFC 4434 §2).
#[test]
fn xcbc_key_lengths() {
    for provider in providers() {
        for got in [0, 10, 15, 17, 18, 32] {
            assert_eq!(
                provider.mac.new_mac(MacAlgorithm::AesXcbcMac, &vec![1u8; got]).err(),
                Some(CryptoError::InvalidKeyLength { expected: 16, got }),
                "{provider}"
            );
            assert!(provider.mac.new_mac(MacAlgorithm::AesXcbcPrf128, &vec![1u8; got]).is_ok(), "{provider}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Negative tests and capability
// ---------------------------------------------------------------------------------------------

/// Every MAC of the catalogue is supported, and so every integrity algorithm and PRF.
#[test]
fn supports_the_whole_catalogue() {
    for provider in providers() {
        for &algorithm in MacAlgorithm::ALL {
            assert!(provider.mac.supports(algorithm), "{provider} {algorithm:?}");
        }
        for &integrity in IntegrityAlgorithm::ALL {
            assert!(provider.supports_integrity(integrity), "{provider} {integrity:?}");
        }
        for &prf in PrfAlgorithm::ALL {
            assert!(provider.supports_prf(prf), "{provider} {prf:?}");
        }
        for &hash in HashAlgorithm::ALL {
            assert!(provider.hash.supports(hash), "{provider} {hash:?}");
        }
    }
}

/// Output buffers longer than the MAC, and empty expected values, are refused; verify accepts a
/// correct truncated ICV and rejects a wrong one, and a correct ICV of other data.
#[test]
fn output_lengths_and_verify() {
    for p in providers() {
        for &algorithm in MacAlgorithm::ALL {
            let mac = new_mac(p, algorithm, &[0x11; 16]);
            let len = algorithm.output_len();
            let mut full = vec![0u8; len];
            mac.compute(&[b"data"], &mut full).unwrap();

            let mut too_long = vec![0u8; len + 1];
            assert_eq!(mac.compute(&[b"data"], &mut too_long), Err(CryptoError::InvalidLength), "{p} {algorithm:?}");
            let mut ctx = mac.begin();
            ctx.update(b"data");
            assert_eq!(ctx.finish(&mut too_long), Err(CryptoError::InvalidLength), "{p} {algorithm:?}");

            // An empty output is allowed for compute (nothing to write), not for verify.
            assert_eq!(mac.compute(&[b"data"], &mut []), Ok(()), "{p} {algorithm:?}");
            assert_eq!(mac.verify(&[b"data"], &[]), Err(CryptoError::InvalidLength), "{p} {algorithm:?}");
            assert_eq!(mac.verify(&[b"data"], &too_long), Err(CryptoError::InvalidLength), "{p} {algorithm:?}");

            let failed = Err(CryptoError::AuthenticationFailed);
            assert_eq!(mac.verify(&[b"data"], &full), Ok(()), "{p} {algorithm:?}");
            assert_eq!(mac.verify(&[b"da", b"ta"], &full[..12]), Ok(()), "{p} {algorithm:?}");
            assert_eq!(mac.verify(&[b"Data"], &full), failed, "{p} {algorithm:?}");
            assert_eq!(mac.verify(&[b"data"], &[0u8; 12]), failed, "{p} {algorithm:?}");
            assert_eq!(mac.verify(&[], &full[..12]), failed, "{p} {algorithm:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hashes
// ---------------------------------------------------------------------------------------------

/// Hashes `parts` and checks the digest and every truncation of it, on every provider.
fn check_hash(algorithm: HashAlgorithm, data: &[u8], expected: &[u8]) {
    for provider in providers() {
        assert_eq!(expected.len(), algorithm.output_len());
        let mut out = vec![0u8; expected.len()];
        provider.hash.hash(algorithm, &[data], &mut out).unwrap();
        assert_eq!(out, expected, "{provider} {algorithm:?}");
        for split in 0..=data.len() {
            let (a, b) = data.split_at(split);
            let mut out = vec![0u8; expected.len()];
            provider.hash.hash(algorithm, &[a, b], &mut out).unwrap();
            assert_eq!(out, expected, "{provider} {algorithm:?} split at {split}");
        }
        let mut short = [0u8; 12];
        provider.hash.hash(algorithm, &[data], &mut short).unwrap();
        assert_eq!(short, expected[..12], "{provider} {algorithm:?}");
        let mut too_long = vec![0u8; expected.len() + 1];
        let result = provider.hash.hash(algorithm, &[data], &mut too_long);
        assert_eq!(result, Err(CryptoError::InvalidLength), "{provider} {algorithm:?}");
    }
}

/// RFC 1321 Appendix A.5, the MD5 test suite.
#[test]
fn rfc1321_a5_md5() {
    let md5 = HashAlgorithm::Md5;
    check_hash(md5, b"", &hex!("d41d8cd98f00b204e9800998ecf8427e"));
    check_hash(md5, b"a", &hex!("0cc175b9c0f1b6a831c399e269772661"));
    check_hash(md5, b"abc", &hex!("900150983cd24fb0d6963f7d28e17f72"));
    check_hash(md5, b"message digest", &hex!("f96b697d7cb7938d525a2f31aaf161d0"));
    check_hash(md5, b"abcdefghijklmnopqrstuvwxyz", &hex!("c3fcd3d76192e4007dfb496cca67e13b"));
    check_hash(
        md5,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        &hex!("d174ab98d277d9f5a5611c2c9f419d9f"),
    );
    check_hash(
        md5,
        b"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
        &hex!("57edf4a22be3c955ac49da2e2107b67a"),
    );
}

/// FIPS 180-2 Appendix A.1 and A.2 (SHA-1), B.1 and B.2 (SHA-256), C.1 (SHA-512) and D.1
/// (SHA-384).
#[test]
fn fips180_sha() {
    let two_blocks = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    check_hash(HashAlgorithm::Sha1, b"abc", &hex!("a9993e364706816aba3e25717850c26c9cd0d89d"));
    check_hash(HashAlgorithm::Sha1, two_blocks, &hex!("84983e441c3bd26ebaae4aa1f95129e5e54670f1"));
    check_hash(
        HashAlgorithm::Sha256,
        b"abc",
        &hex!("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    );
    check_hash(
        HashAlgorithm::Sha256,
        two_blocks,
        &hex!("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    );
    check_hash(
        HashAlgorithm::Sha384,
        b"abc",
        &hex!("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
    );
    check_hash(
        HashAlgorithm::Sha512,
        b"abc",
        &hex!(
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        ),
    );
}
