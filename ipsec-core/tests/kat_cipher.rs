#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
//! Known-answer tests for the CBC and CTR ciphers of every provider, through the public API
//! (`CryptoProvider::cipher`): the RustCrypto provider, and the aws-lc-rs provider with the
//! `aws-lc` feature. Each vector runs against each provider (`common::providers`).
//!
//! Sources: RFC 3602 §4 (AES-CBC), NIST SP 800-38A Appendix F.2 (AES-CBC with 192- and
//! 256-bit keys), RFC 3686 §6 (AES-CTR), FIPS 81 Appendix C (DES-CBC), and the NIST CAVP
//! `TCBCMMT3.rsp` multi-block message test (3DES EDE3-CBC with three distinct keys).

mod common;

use common::{Provider, providers};
use hex_literal::hex;
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen};
use ipsec_core::crypto::CryptoError;

/// Runs [`check_on`] against every provider.
fn check(algorithm: EncryptionAlgorithm, key: &[u8], iv: &[u8], plaintext: &[u8], ciphertext: &[u8]) {
    for p in providers() {
        check_on(p, algorithm, key, iv, plaintext, ciphertext);
    }
}

/// Encrypts `plaintext` and checks `ciphertext`, then decrypts it back, with one keyed object.
fn check_on(p: Provider, algorithm: EncryptionAlgorithm, key: &[u8], iv: &[u8], plaintext: &[u8], ciphertext: &[u8]) {
    let cipher = p.cipher.new_cipher(algorithm, key).unwrap_or_else(|e| panic!("{p} {algorithm:?}: {e}"));
    assert_eq!(cipher.algorithm(), algorithm);
    let mut buf = plaintext.to_vec();
    cipher.encrypt(iv, &mut buf).unwrap();
    assert_eq!(buf, ciphertext, "{p} {algorithm:?} encrypt");
    cipher.decrypt(iv, &mut buf).unwrap();
    assert_eq!(buf, plaintext, "{p} {algorithm:?} decrypt");
    // The object keeps no per-call state: the same IV gives the same ciphertext again.
    cipher.encrypt(iv, &mut buf).unwrap();
    assert_eq!(buf, ciphertext, "{p} {algorithm:?} encrypt again");
}

/// AES-128-CBC.
const AES128_CBC: EncryptionAlgorithm = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
/// AES-192-CBC.
const AES192_CBC: EncryptionAlgorithm = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes192);
/// AES-256-CBC.
const AES256_CBC: EncryptionAlgorithm = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256);
/// AES-128-CTR.
const AES128_CTR: EncryptionAlgorithm = EncryptionAlgorithm::AesCtr(AesKeyLen::Aes128);
/// AES-192-CTR.
const AES192_CTR: EncryptionAlgorithm = EncryptionAlgorithm::AesCtr(AesKeyLen::Aes192);
/// AES-256-CTR.
const AES256_CTR: EncryptionAlgorithm = EncryptionAlgorithm::AesCtr(AesKeyLen::Aes256);

// ---------------------------------------------------------------------------------------------
// AES-CBC
// ---------------------------------------------------------------------------------------------

/// RFC 3602 §4, Case #1: encrypting 16 bytes (1 block) using AES-CBC with 128-bit key.
#[test]
fn rfc3602_case1_aes128_cbc_one_block() {
    check(
        AES128_CBC,
        &hex!("06a9214036b8a15b512e03d534120006"),
        &hex!("3dafba429d9eb430b422da802c9fac41"),
        b"Single block msg",
        &hex!("e353779c1079aeb82708942dbe77181a"),
    );
}

/// RFC 3602 §4, Case #2: encrypting 32 bytes (2 blocks) using AES-CBC with 128-bit key.
#[test]
fn rfc3602_case2_aes128_cbc_two_blocks() {
    check(
        AES128_CBC,
        &hex!("c286696d887c9aa0611bbb3e2025a45a"),
        &hex!("562e17996d093d28ddb3ba695a2e6f58"),
        &hex!("000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f"),
        &hex!("d296cd94c2cccf8a3a863028b5e1dc0a 7586602d253cfff91b8266bea6d61ab1"),
    );
}

/// RFC 3602 §4, Case #3: encrypting 48 bytes (3 blocks) using AES-CBC with 128-bit key.
#[test]
fn rfc3602_case3_aes128_cbc_three_blocks() {
    check(
        AES128_CBC,
        &hex!("6c3ea0477630ce21a2ce334aa746c2cd"),
        &hex!("c782dc4c098c66cbd9cd27d825682c81"),
        b"This is a 48-byte message (exactly 3 AES blocks)",
        &hex!(
            "d0a02b3836451753d493665d33f0e886 2dea54cdb293abc7506939276772f8d5"
            "021c19216bad525c8579695d83ba2684"
        ),
    );
}

/// RFC 3602 §4, Case #4: encrypting 64 bytes (4 blocks) using AES-CBC with 128-bit key.
#[test]
fn rfc3602_case4_aes128_cbc_four_blocks() {
    check(
        AES128_CBC,
        &hex!("56e47a38c5598974bc46903dba290349"),
        &hex!("8ce82eefbea0da3c44699ed7db51b7d9"),
        &hex!(
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf b0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
            "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf d0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
        ),
        &hex!(
            "c30e32ffedc0774e6aff6af0869f71aa 0f3af07a9a31a9c684db207eb0ef8e4e"
            "35907aa632c3ffdf868bb7b29d3d46ad 83ce9f9a102ee99d49a53e87f4c3da55"
        ),
    );
}

/// The plaintext of the NIST SP 800-38A Appendix F examples.
const SP800_38A_PLAINTEXT: [u8; 64] = hex!(
    "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710"
);

/// The IV of the NIST SP 800-38A Appendix F.2 CBC examples.
const SP800_38A_CBC_IV: [u8; 16] = hex!("000102030405060708090a0b0c0d0e0f");

/// NIST SP 800-38A Appendix F.2.1, CBC-AES128.Encrypt.
#[test]
fn sp800_38a_f2_1_aes128_cbc() {
    check(
        AES128_CBC,
        &hex!("2b7e151628aed2a6abf7158809cf4f3c"),
        &SP800_38A_CBC_IV,
        &SP800_38A_PLAINTEXT,
        &hex!(
            "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2"
            "73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7"
        ),
    );
}

/// NIST SP 800-38A Appendix F.2.3, CBC-AES192.Encrypt.
#[test]
fn sp800_38a_f2_3_aes192_cbc() {
    check(
        AES192_CBC,
        &hex!("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b"),
        &SP800_38A_CBC_IV,
        &SP800_38A_PLAINTEXT,
        &hex!(
            "4f021db243bc633d7178183a9fa071e8 b4d9ada9ad7dedf4e5e738763f69145a"
            "571b242012fb7ae07fa9baac3df102e0 08b0e27988598881d920a9e64f5615cd"
        ),
    );
}

/// NIST SP 800-38A Appendix F.2.5, CBC-AES256.Encrypt.
#[test]
fn sp800_38a_f2_5_aes256_cbc() {
    check(
        AES256_CBC,
        &hex!("603deb1015ca71be2b73aef0857d7781 1f352c073b6108d72d9810a30914dff4"),
        &SP800_38A_CBC_IV,
        &SP800_38A_PLAINTEXT,
        &hex!(
            "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d"
            "39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b"
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// AES-CTR (RFC 3686): key material is the AES key followed by the 4-byte nonce.
// ---------------------------------------------------------------------------------------------

/// Plaintext of RFC 3686 test vectors #2, #5 and #8 (32 bytes) and, with four more bytes,
/// #3, #6 and #9 (36 bytes).
const CTR_PLAINTEXT: [u8; 36] = hex!(
    "000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f"
    "20212223"
);

/// RFC 3686 §6, Test Vector #1: encrypting 16 octets using AES-CTR with 128-bit key.
#[test]
fn rfc3686_vector1_aes128_ctr_16_octets() {
    check(
        AES128_CTR,
        &hex!("ae6852f8121067cc4bf7a5765577f39e" "00000030"),
        &hex!("0000000000000000"),
        b"Single block msg",
        &hex!("e4095d4fb7a7b3792d6175a3261311b8"),
    );
}

/// RFC 3686 §6, Test Vector #2: encrypting 32 octets using AES-CTR with 128-bit key.
#[test]
fn rfc3686_vector2_aes128_ctr_32_octets() {
    check(
        AES128_CTR,
        &hex!("7e24067817fae0d743d6ce1f32539163" "006cb6db"),
        &hex!("c0543b59da48d90b"),
        &CTR_PLAINTEXT[..32],
        &hex!("5104a106168a72d9790d41ee8edad388 eb2e1efc46da57c8fce630df9141be28"),
    );
}

/// RFC 3686 §6, Test Vector #3: encrypting 36 octets using AES-CTR with 128-bit key.
#[test]
fn rfc3686_vector3_aes128_ctr_36_octets() {
    check(
        AES128_CTR,
        &hex!("7691be035e5020a8ac6e618529f9a0dc" "00e0017b"),
        &hex!("27777f3f4a1786f0"),
        &CTR_PLAINTEXT,
        &hex!("c1cf48a89f2ffdd9cf4652e9efdb72d7 4540a42bde6d7836d59a5ceaaef31053 25b2072f"),
    );
}

/// RFC 3686 §6, Test Vector #4: encrypting 16 octets using AES-CTR with 192-bit key.
#[test]
fn rfc3686_vector4_aes192_ctr_16_octets() {
    check(
        AES192_CTR,
        &hex!("16af5b145fc9f579c175f93e3bfb0eed863d06ccfdb78515" "00000048"),
        &hex!("36733c147d6d93cb"),
        b"Single block msg",
        &hex!("4b55384fe259c9c84e7935a003cbe928"),
    );
}

/// RFC 3686 §6, Test Vector #5: encrypting 32 octets using AES-CTR with 192-bit key.
#[test]
fn rfc3686_vector5_aes192_ctr_32_octets() {
    check(
        AES192_CTR,
        &hex!("7c5cb2401b3dc33c19e7340819e0f69c678c3db8e6f6a91a" "0096b03b"),
        &hex!("020c6eadc2cb500d"),
        &CTR_PLAINTEXT[..32],
        &hex!("453243fc609b23327edfaafa7131cd9f 8490701c5ad4a79cfc1fe0ff42f4fb00"),
    );
}

/// RFC 3686 §6, Test Vector #6: encrypting 36 octets using AES-CTR with 192-bit key.
#[test]
fn rfc3686_vector6_aes192_ctr_36_octets() {
    check(
        AES192_CTR,
        &hex!("02bf391ee8ecb159b959617b0965279bf59b60a786d3e0fe" "0007bdfd"),
        &hex!("5cbd60278dcc0912"),
        &CTR_PLAINTEXT,
        &hex!("96893fc55e5c722f540b7dd1ddf7e758 d288bc95c69165884536c811662f2188 abee0935"),
    );
}

/// RFC 3686 §6, Test Vector #7: encrypting 16 octets using AES-CTR with 256-bit key.
#[test]
fn rfc3686_vector7_aes256_ctr_16_octets() {
    check(
        AES256_CTR,
        &hex!("776beff2851db06f4c8a0542c8696f6c6a81af1eec96b4d37fc1d689e6c1c104" "00000060"),
        &hex!("db5672c97aa8f0b2"),
        b"Single block msg",
        &hex!("145ad01dbf824ec7560863dc71e3e0c0"),
    );
}

/// RFC 3686 §6, Test Vector #8: encrypting 32 octets using AES-CTR with 256-bit key.
#[test]
fn rfc3686_vector8_aes256_ctr_32_octets() {
    check(
        AES256_CTR,
        &hex!("f6d66d6bd52d59bb0796365879eff886c66dd51a5b6a99744b50590c87a23884" "00faac24"),
        &hex!("c1585ef15a43d875"),
        &CTR_PLAINTEXT[..32],
        &hex!("f05e231b3894612c49ee000b804eb2a9 b8306b508f839d6a5530831d9344af1c"),
    );
}

/// RFC 3686 §6, Test Vector #9: encrypting 36 octets using AES-CTR with 256-bit key.
#[test]
fn rfc3686_vector9_aes256_ctr_36_octets() {
    check(
        AES256_CTR,
        &hex!("ff7a617ce69148e4f1726e2f43581de2aa62d9f805532edff1eed687fb54153d" "001cc5b7"),
        &hex!("51a51d70a1c11148"),
        &CTR_PLAINTEXT,
        &hex!("eb6c52821d0bbbf7ce7594462aca4faa b407df866569fd07f48cc0b583d6071f 1ec0e6b8"),
    );
}

/// RFC 3686 §6, Test Vector #9 cut to every length from 0 to 36 bytes: CTR takes any length,
/// and each prefix of the ciphertext is the encryption of the same prefix of the plaintext.
#[test]
fn aes_ctr_any_length() {
    let keymat = hex!("ff7a617ce69148e4f1726e2f43581de2aa62d9f805532edff1eed687fb54153d" "001cc5b7");
    let iv = hex!("51a51d70a1c11148");
    let expected = hex!("eb6c52821d0bbbf7ce7594462aca4faa b407df866569fd07f48cc0b583d6071f 1ec0e6b8");
    for p in providers() {
        let cipher = p.cipher.new_cipher(AES256_CTR, &keymat).unwrap();
        for len in 0..=CTR_PLAINTEXT.len() {
            let mut buf = CTR_PLAINTEXT[..len].to_vec();
            cipher.encrypt(&iv, &mut buf).unwrap();
            assert_eq!(buf, expected[..len], "{p} prefix of {len} bytes");
            cipher.decrypt(&iv, &mut buf).unwrap();
            assert_eq!(buf, CTR_PLAINTEXT[..len], "{p}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// DES and 3DES
// ---------------------------------------------------------------------------------------------

/// FIPS 81 Appendix C, Table C1 (CBC mode): key 0123456789abcdef, IV 1234567890abcdef,
/// plaintext "Now is the time for all ".
#[test]
fn fips81_des_cbc() {
    check(
        EncryptionAlgorithm::DesCbc,
        &hex!("0123456789abcdef"),
        &hex!("1234567890abcdef"),
        b"Now is the time for all ",
        &hex!("e5c7cdde872bf27c 43e934008c389c0f 683788499a7c05f6"),
    );
}

/// NIST CAVP `TCBCMMT3.rsp` (tdesmmt.zip), \[ENCRYPT\] COUNT = 3: KEY1 || KEY2 || KEY3, four
/// blocks.
#[test]
fn cavp_tcbcmmt3_encrypt_count3() {
    check(
        EncryptionAlgorithm::TripleDesCbc,
        &hex!("d98aadc76d4a3716" "158c32866efbb9ce" "834af2297379a49d"),
        &hex!("3c5220327c502b44"),
        &hex!("6174079dda53ca723ebf00a66837f8d5ce648c08acaa5ee45ffe62210ef79d3e"),
        &hex!("f5bd4d600bed77bec78409e3530ebda1d815506ed53103015b87e371ae000958"),
    );
}

/// NIST CAVP `TCBCMMT3.rsp` (tdesmmt.zip), \[ENCRYPT\] COUNT = 9: ten blocks.
#[test]
fn cavp_tcbcmmt3_encrypt_count9() {
    check(
        EncryptionAlgorithm::TripleDesCbc,
        &hex!("9b162a0df8ad9b61" "c88676e3d5864345" "70b902f12a2046e0"),
        &hex!("ebd6fefe029ad54b"),
        &hex!(
            "f4c1c918e77355c8156f0fd778da52bff121ae5f2f44eaf4d2754946d0e10d1f"
            "18ce3a0176e69c18b7d20b6e0d0bee5eb5edfe4bd60e4d92adcd86bce72e76f9"
            "4ee5cbcaa8b01cfddcea2ade575e66ac"
        ),
        &hex!(
            "1ff3c8709f403a8eff291aedf50c010df5c5ff64a8b205f1fce68564798897a3"
            "90db16ee0d053856b75898009731da290fcc119dad987277aacef694872e880c"
            "4bb41471063fae05c89f25e4bd0cad6a"
        ),
    );
}

/// NIST CAVP `TCBCMMT3.rsp` (tdesmmt.zip), \[DECRYPT\] COUNT = 4: five blocks.
#[test]
fn cavp_tcbcmmt3_decrypt_count4() {
    check(
        EncryptionAlgorithm::TripleDesCbc,
        &hex!("34e68f58ecc71f4a" "d504e0b6e085a7c7" "1c9bd38610737949"),
        &hex!("dfee6ce5d36b2c3d"),
        &hex!("fb5c4ad0525832b2d3594981b920c65c1029ddfa054d271c5a99a853f4b6de5d6da41d8bdc2c7ede"),
        &hex!("374ec363fa84e7e7e2ae011427b79d5852923557452c52827c9ff4eb92a83457075b28954015070f"),
    );
}

// ---------------------------------------------------------------------------------------------
// NULL
// ---------------------------------------------------------------------------------------------

/// RFC 2410 §2: NULL leaves the data unchanged; it takes no key and no IV.
#[test]
fn null_is_identity() {
    check(EncryptionAlgorithm::Null, &[], &[], b"unchanged payload", b"unchanged payload");
    for p in providers() {
        let err = p.cipher.new_cipher(EncryptionAlgorithm::Null, &[0]).err();
        assert_eq!(err, Some(CryptoError::InvalidKeyLength { expected: 0, got: 1 }), "{p}");
        let null = p.cipher.new_cipher(EncryptionAlgorithm::Null, &[]).unwrap();
        assert_eq!(null.encrypt(&[0; 8], &mut []), Err(CryptoError::InvalidIvLength { expected: 0, got: 8 }), "{p}");
    }
}

// ---------------------------------------------------------------------------------------------
// Negative tests and capability
// ---------------------------------------------------------------------------------------------

/// Every non-AEAD catalogue algorithm is supported, and no AEAD.
#[test]
fn supports_exactly_the_non_aead_catalogue() {
    for provider in providers() {
        for &algorithm in EncryptionAlgorithm::ALL {
            assert_eq!(provider.cipher.supports(algorithm), !algorithm.is_aead(), "{provider} {algorithm:?}");
            assert!(provider.supports_encryption(algorithm), "{provider} {algorithm:?}");
        }
    }
}

/// AEAD algorithms are refused by the cipher provider.
#[test]
fn aeads_are_refused() {
    for provider in providers() {
        for &algorithm in EncryptionAlgorithm::ALL.iter().filter(|a| a.is_aead()) {
            let keymat = vec![0u8; algorithm.keymat_len()];
            assert_eq!(
                provider.cipher.new_cipher(algorithm, &keymat).err(),
                Some(CryptoError::UnsupportedAlgorithm),
                "{provider} {algorithm:?}"
            );
        }
        let gcm = EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16);
        assert_eq!(provider.cipher.new_cipher(gcm, &[0; 20]).err(), Some(CryptoError::UnsupportedAlgorithm));
    }
}

/// Key material one byte short or long is refused with the expected length, for every
/// algorithm.
#[test]
fn wrong_key_lengths() {
    for provider in providers() {
        for &algorithm in EncryptionAlgorithm::ALL.iter().filter(|a| !a.is_aead()) {
            let expected = algorithm.keymat_len();
            for got in [expected + 1, expected.wrapping_sub(1), 0, 64] {
                if got == expected || got > 64 {
                    continue;
                }
                let key = vec![0x42u8; got];
                assert_eq!(
                    provider.cipher.new_cipher(algorithm, &key).err(),
                    Some(CryptoError::InvalidKeyLength { expected, got }),
                    "{provider} {algorithm:?} with {got} bytes"
                );
            }
            // AES-CTR without its nonce: a bare AES key is not enough.
            if let Some(aes) = algorithm.aes_key_len() {
                let key = vec![0x42u8; aes.bytes()];
                assert!(
                    provider.cipher.new_cipher(algorithm, &key).is_err() == (algorithm.salt_len() > 0),
                    "{provider} {algorithm:?}"
                );
            }
        }
    }
}

/// IVs of the wrong length are refused with the expected length, on both directions.
#[test]
fn wrong_iv_lengths() {
    for provider in providers() {
        for &algorithm in EncryptionAlgorithm::ALL.iter().filter(|a| !a.is_aead()) {
            let cipher = provider.cipher.new_cipher(algorithm, &vec![0x24u8; algorithm.keymat_len()]).unwrap();
            let expected = algorithm.iv_len();
            for got in [expected + 1, expected.saturating_sub(1), 16, 32] {
                if got == expected {
                    continue;
                }
                let iv = vec![0u8; got];
                let mut data = [0u8; 48];
                let err = Err(CryptoError::InvalidIvLength { expected, got });
                assert_eq!(cipher.encrypt(&iv, &mut data), err, "{provider} {algorithm:?} encrypt, IV of {got}");
                assert_eq!(cipher.decrypt(&iv, &mut data), err, "{provider} {algorithm:?} decrypt, IV of {got}");
                assert_eq!(data, [0u8; 48], "{provider} {algorithm:?}: data untouched on error");
            }
        }
    }
}

/// CBC only takes whole blocks; the caller pads (RFC 2405 §5, RFC 2451 §2.3, RFC 3602 §2.4).
#[test]
fn cbc_rejects_partial_blocks() {
    for provider in providers() {
        for algorithm in
            [EncryptionAlgorithm::DesCbc, EncryptionAlgorithm::TripleDesCbc, AES128_CBC, AES192_CBC, AES256_CBC]
        {
            let cipher = provider.cipher.new_cipher(algorithm, &vec![0x5au8; algorithm.keymat_len()]).unwrap();
            let iv = vec![0u8; algorithm.iv_len()];
            let block = algorithm.block_size();
            for len in (1..4 * block).filter(|len| len % block != 0) {
                let mut data = vec![0u8; len];
                let err = Err(CryptoError::InvalidLength);
                assert_eq!(cipher.encrypt(&iv, &mut data), err, "{provider} {algorithm:?} {len}");
                assert_eq!(cipher.decrypt(&iv, &mut data), err, "{provider} {algorithm:?} {len}");
            }
            // No blocks at all is a whole number of blocks.
            assert_eq!(cipher.encrypt(&iv, &mut []), Ok(()), "{provider} {algorithm:?}");
        }
    }
}
