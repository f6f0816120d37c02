//! Published ESP packets: RFC 3602 §4 cases 5-8 (AES-CBC, no integrity), the AES-GCM ESP test
//! cases of draft-mcgrew-gcm-test-01 §4 (several with extended sequence numbers) and the
//! ChaCha20-Poly1305 ESP example of RFC 7634 Appendix A.
//!
//! Each published packet is decapsulated, and re-encapsulated with the published IV through
//! the test-only `encapsulate_with_iv` hook (production SAs derive their IVs themselves), and
//! must come out byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use core::net::{IpAddr, Ipv4Addr};

use esp_ah::{Framing, InboundSa, OutboundSa, SaParams};
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen};
use ipsec_core::types::{EncapsulationMode, Spi};
use ipsec_core::{CryptoProvider, Instant, SecretBytes};
use rand_core::SeedableRng;

fn hx(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

const HEAD: usize = 64;
const NOW: Instant = Instant::from_nanos(1_000_000_000);

struct Vector {
    name: &'static str,
    encryption: EncryptionAlgorithm,
    keymat: Vec<u8>,
    spi: u32,
    seq: u64,
    esn: bool,
    mode: EncapsulationMode,
    /// The ESP packet, SPI to ICV.
    esp: Vec<u8>,
    /// The decrypted payload (without padding and trailer).
    payload: Vec<u8>,
    next_header: u8,
}

fn params(v: &Vector) -> SaParams {
    let mut p = SaParams::new(
        Spi(v.spi),
        v.mode,
        v4(192, 168, 123, 100),
        v4(192, 168, 123, 3),
        v.encryption,
        SecretBytes::from_slice(&v.keymat),
        None,
    )
    .with_esn(v.esn)
    .with_sequence_start(v.seq - 1);
    p.allow_confidentiality_only = true;
    p
}

/// Decapsulates the published ESP packet and checks payload, next header and sequence.
fn check_decap(v: &Vector) {
    let p = params(v);
    let mut sa = InboundSa::new(&p, CryptoProvider::rustcrypto(), NOW).unwrap();
    let mut buf = v.esp.clone();
    let d = sa.decapsulate(NOW, &mut buf, 0..v.esp.len()).unwrap_or_else(|e| panic!("{}: {e}", v.name));
    assert_eq!(&buf[d.payload.clone()], &v.payload[..], "{}", v.name);
    assert_eq!(d.next_header, v.next_header, "{}", v.name);
    assert_eq!(d.sequence, v.seq, "{}", v.name);
    // The same packet again is a replay.
    let mut again = v.esp.clone();
    assert!(sa.decapsulate(NOW, &mut again, 0..v.esp.len()).is_err());
    // One flipped bit anywhere fails (for the authenticated transforms).
    if v.encryption.is_aead() {
        for i in [0usize, 5, 9, v.esp.len() / 2, v.esp.len() - 1] {
            let mut sa = InboundSa::new(&p, CryptoProvider::rustcrypto(), NOW).unwrap();
            let mut bad = v.esp.clone();
            bad[i] ^= 0x10;
            let n = bad.len();
            assert!(sa.decapsulate(NOW, &mut bad, 0..n).is_err(), "{} byte {i}", v.name);
        }
    }
}

/// Encapsulates the payload with the published IV and compares with the published packet.
fn check_encap(v: &Vector) {
    let p = params(v);
    let mut rng = chacha20::ChaCha20Rng::from_seed([1; 32]);
    let mut sa = OutboundSa::new(&p, CryptoProvider::rustcrypto(), &mut rng, NOW).unwrap();
    let iv_len = v.encryption.iv_len();
    let iv = &v.esp[8..8 + iv_len];
    let input = match v.mode {
        EncapsulationMode::Tunnel => v.payload.clone(),
        // Transport mode protects the payload of an IP packet; ESP framing drops the header.
        EncapsulationMode::Transport => {
            let mut ip = hx("45000000 00000000 4000 0000 c0a87b64 c0a87b03");
            ip[9] = v.next_header;
            ip.extend_from_slice(&v.payload);
            let len = ip.len() as u16;
            ip[2..4].copy_from_slice(&len.to_be_bytes());
            ip
        }
    };
    let mut buf = vec![0u8; HEAD + input.len() + 64];
    buf[HEAD..HEAD + input.len()].copy_from_slice(&input);
    let out = sa
        .encapsulate_with_iv(NOW, &mut buf, HEAD..HEAD + input.len(), Framing::Esp, iv)
        .unwrap_or_else(|e| panic!("{}: {e}", v.name));
    assert_eq!(hex(&buf[out]), hex(&v.esp), "{}", v.name);
    assert_eq!(sa.sequence(), v.seq);
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn rfc3602() -> Vec<Vector> {
    use EncapsulationMode::{Transport, Tunnel};
    let cbc = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
    let k56 = hx("90d382b4 10eeba7a d938c46c ec1a82bf");
    let k78 = hx("01234567 89abcdef 01234567 89abcdef");
    vec![
        Vector {
            name: "RFC 3602 case 5",
            encryption: cbc,
            keymat: k56.clone(),
            spi: 0x4321,
            seq: 1,
            esn: false,
            mode: Transport,
            esp: hx("00004321 00000001 e96e8c08 ab465763 fd098d45 dd3ff893
                f663c25d 325c18c6 a9453e19 4e120849 a4870b66 cc6b9965 330013b4 898dc856
                a4699e52 3a55db08 0b59ec3a 8e4b7e52 775b07d1 db34ed9c 538ab50c 551b874a
                a269add0 47ad2d59 13ac19b7 cfbad4a6"),
            payload: hx("08000ebd a70a0000 8e9c083d b95b0700 08090a0b 0c0d0e0f 10111213 14151617
                18191a1b 1c1d1e1f 20212223 24252627 28292a2b 2c2d2e2f 30313233 34353637"),
            next_header: 1,
        },
        Vector {
            name: "RFC 3602 case 6",
            encryption: cbc,
            keymat: k56,
            spi: 0x4321,
            seq: 8,
            esn: false,
            mode: Transport,
            esp: hx("00004321 00000008 69d08df7 d203329d b093fc49 24e5bd80
                f5199588 1ec4e0c4 488987ce 742e8109 689bb379 d2d750c0 d915dca3 46a89f75"),
            payload: hx("0800b5e8 a80a0500 a69c083d 0b660e00 77777777 77777777 77777777"),
            next_header: 1,
        },
        Vector {
            name: "RFC 3602 case 7",
            encryption: cbc,
            keymat: k78.clone(),
            spi: 0x8765,
            seq: 2,
            esn: false,
            mode: Tunnel,
            esp: hx("00008765 00000002 f4e76524 4f6407ad f13dc138 0f673f37
                773b5241 a4c44922 5e4f3ce5 ed611b0c 237ca96c f74a9301 3c1b0ea1 a0cf70f8
                e4ecaec7 8ac53aad 7a0f022b 859243c6 47752e94 a859352b 8a4d4d2d ecd136e5
                c177f132 ad3fbfb2 201ac990 4c74ee0a 109e0ca1 e4dfe9d5 a100b842 f1c22f0d"),
            payload: hx("45000054 09040000 4001f988 c0a87b03 c0a87bc8 08009f76 a90a0100 b49c083d
                02a20400 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f 20212223
                24252627 28292a2b 2c2d2e2f 30313233 34353637"),
            next_header: 4,
        },
        Vector {
            name: "RFC 3602 case 8",
            encryption: cbc,
            keymat: k78,
            spi: 0x8765,
            seq: 5,
            esn: false,
            mode: Tunnel,
            esp: hx("00008765 00000005 85d47224 b5f3dd5d 2101d4ea 8dffab22
                15b92683 819596a8 047232cc 00f7048f e45318e1 1f8a0f62 ede3c3fc 61203bb5
                0f980a08 c9843fd3 a1b06d5c 07ff9639 b7eb7dfb 3512e5de 435e7207 ed971ef3
                d2726d9b 5ef6affc 6d17a0de cbb13892"),
            payload: hx("45000044 090c0000 4001f990 c0a87b03 c0a87bc8 0800d63c aa0a0200 c69c083d
                a3de0300 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff
                ffffffff"),
            next_header: 4,
        },
    ]
}

/// draft-mcgrew-gcm-test-01 §4 packets are given as SPI || seq lo || IV || ciphertext and
/// tag; the plaintext column includes padding and trailer, which this strips.
#[allow(clippy::too_many_arguments)]
fn gcm(name: &'static str, key: &str, salt: &str, spi: u32, seq: u64, esn: bool, packet: &str, plain: &str) -> Vector {
    let key = hx(key);
    let aes = match key.len() {
        16 => AesKeyLen::Aes128,
        24 => AesKeyLen::Aes192,
        _ => AesKeyLen::Aes256,
    };
    let mut keymat = key;
    keymat.extend(hx(salt));
    let plain = hx(plain);
    let nh = plain[plain.len() - 1];
    let pad = plain[plain.len() - 2] as usize;
    Vector {
        name,
        encryption: EncryptionAlgorithm::AesGcm(aes, GcmIcvLen::Icv16),
        keymat,
        spi,
        seq,
        esn,
        mode: EncapsulationMode::Transport,
        esp: hx(packet),
        payload: plain[..plain.len() - 2 - pad].to_vec(),
        next_header: nh,
    }
}

fn mcgrew() -> Vec<Vector> {
    vec![
        gcm(
            "gcm-test case 1 (AES-128, ESN)",
            "4c80cdefbb5d10da906ac73c3613a634",
            "2e443b68",
            0x4321,
            0x8765_4321_0000_0000,
            true,
            "00004321 00000000 4956ed7e 3b244cfe
             fecf537e 729d5b07 dc30df52 8dd22b76 8d1b9873 6696a6fd 348509fa 13ceac34
             cfa2436f 14a3f3cf 65925bf1 f4a13c5d 15b21e18 84f5ff62 47aeabb7 86b93bce
             61bc17d7 68fd9732 45901814 8f6cbe72 2fd04796 562dfdb4",
            "45000048 699a0000 80114db7 c0a80102 c0a80101 0a9bf156 38d30100 00010000
             00000000 045f7369 70045f75 64700373 69700963 79626572 63697479 02646b00
             00210001 01020201",
        ),
        gcm(
            "gcm-test case 2 (AES-128)",
            "feffe9928665731c6d6a8f9467308308",
            "cafebabe",
            0xa5f8,
            0x0a,
            false,
            "0000a5f8 0000000a facedbad decaf888
             deb22cd9 b07c72c1 6e3a65be eb8df304 a5a5897d 33ae530f 1ba76d5d 114d2a5c
             3de81827 c10e9a4f 51330d0e ec416642 cfbb85a5 b47e48a4 ec3b9ba9 5d918bd1
             83b70d3a a8bc6ee4 c309e9d8 5a41ad4a",
            "4500003e 698f0000 80114dcc c0a80102 c0a80101 0a980035 002a2343 b2d00100
             00010000 00000000 03736970 09637962 65726369 74790264 6b000001 00010001",
        ),
        gcm(
            "gcm-test case 3 (AES-256)",
            "abbccddef00112233445566778899aab abbccddef00112233445566778899aab",
            "11223344",
            0x4a2c_bfe3,
            2,
            false,
            "4a2cbfe3 00000002 01020304 05060708
             ff425c9b 724599df 7a3bcd51 0194e00d 6a78107f 1b0b1cbf 06efae9d 65a5d763
             748a6379 85771d34 7f054565 9f14e99d ef842d8e b335f4ee cfdbf831 824b4c49
             15956c96",
            "45000030 69a64000 80062690 c0a80102 9389155e 0a9e008b 2dc57ee0 00000000
             70024000 20bf0000 020405b4 01010402 01020201",
        ),
        // Case 4 uses SPI 0, which RFC 4303 §2.1 reserves and SaParams refuses.
        gcm(
            "gcm-test case 5 (AES-128, ESN)",
            "3de09874b388e6491988d0c3607eae1f",
            "57690e43",
            0x42f6_7e3f,
            0x1010_1010_1010_1010,
            true,
            "42f67e3f 10101010 4e280000 a2fca1a3
             fba2caa4 853cf9f0 f22cb10d 86dd83b0 fec75691 cf1a04b0 0d1138ec 9c357917
             65acbd87 01ad7984 5bf9fe3f ba487bc9 1755e666 2b4c8d0d 1f5e2273 9530320a
             e0d731cc 978ecafa eae88f00 e80d6e48",
            "4500003c 99c30000 8001cb7c 40679318 01010101 0800085c 02004300 61626364
             65666768 696a6b6c 6d6e6f70 71727374 75767761 62636465 66676869 01020201",
        ),
        gcm(
            "gcm-test case 6 (AES-128, ESN)",
            "3de09874b388e6491988d0c3607eae1f",
            "57690e43",
            0x42f6_7e3f,
            0x1010_1010_1010_1010,
            true,
            "42f67e3f 10101010 4e280000 a2fca1a3
             fba2ca84 5e5df9f0 f22c3e6e 86dd831e 1fc65792 cd1af913 0e1379ed 369f071f
             35e034be 95f112e4 e7d05d35",
            "4500001c 42a20000 8001441f 406793b6 e0000002 0a00f5ff 01020201",
        ),
        gcm(
            "gcm-test case 7 (AES-192)",
            "feffe9928665731c6d6a8f9467308308feffe9928665731c",
            "cafebabe",
            0xa5f8,
            0x0a,
            false,
            "0000a5f8 0000000a facedbad decaf888
             a5b1f806 6029aea4 0e598b81 22de0242 0938b3ab 33f828e6 87b8858b 5bfbdbd0
             315b2745 2144cc77 95457b96 52037f53 18027b5b 4cd7a636",
            "45000028 a4ad4000 40067880 0a01038f 0a010612 802306b8 cb712602 dd6bb03e
             501016d0 75680001",
        ),
        gcm(
            "gcm-test case 8 (AES-128, ESN high half 0)",
            "abbccddef00112233445566778899aab",
            "decaf888",
            0x100,
            1,
            true,
            "00000100 00000001 cafedeba ceface74
             18a6fd42 f72cbf4a b2a2ea90 1f73d814 e3e7f243 d95412e1 c349c1d2 fbec168f
             9190feeb af2cb019 84e65863 965d7472 b79da345 e0e78019 1f0d2f0e 0f496c22
             6f2127b2 7db35724 e7845d68 651f57e6 5f354f75 ff170157 69623436",
            "45000049 33ba0000 7f119106 c3fb1d10 c2b1d326 c02831ce 0035dd7b 800302d5
             00004e20 001e8c18 d75b81dc 91baa047 6b91b924 b280389d 92c963ba c046ec95
             9b6266c0 4722b149 23010101",
        ),
        gcm(
            "gcm-test case 9 (AES-256, ESN)",
            "abbccddef00112233445566778899aab abbccddef00112233445566778899aab",
            "73616c74",
            0x1740_5e67,
            0x156f_3126_dd0d_b99b,
            true,
            "17405e67 dd0db99b 616e6401 69766563
             f2d69ecd bd5a0d5b 8d5ef38b ad4da58d 1f278fde 98ef6754 9d524a30 18d9a57f
             f4d3a31c e673119e 451626c2 415771e3 b7eebca6 14c89b35",
            "45080028 732c0000 4006e9f9 0a010612 0a01038f 06b88023 dd6bafbe cb712602
             50101f64 6d540001",
        ),
        gcm(
            "gcm-test case 10 (AES-128, ESN)",
            "3de09874b388e6491988d0c3607eae1f",
            "57690e43",
            0x42f6_7e3f,
            0x1010_1010_1010_1010,
            true,
            "42f67e3f 10101010 4e280000 a2fca1a3
             fba2cad1 2fc1f9f0 0d3cebf3 05410db8 3d7784b6 07323d22 0f24b0a9 7d541828
             00cadb0f 68d99ef0 e0c0c89a e9bea888 4e52d65b c1afd074 0f742444 747b5b39
             ab533163 aad4550e e5160975 cdb608c5 76918960 9763b8e1 8caa81e2",
            "45000049 333e0000 7f119182 c3fb1d10 c2b1d326 c02831ce 0035cb45 8003025b
             000001e0 001e8c18 d65759d5 2284a035 2c71475c 8880391c 764d6e5e e0496b32
             5ae270c0 38994939 15010101",
        ),
        gcm(
            "gcm-test case 11 (AES-256, ESN, non-IP payload)",
            "abbccddef00112233445566778899aab abbccddef00112233445566778899aab",
            "73616c74",
            0x1740_5e67,
            0x156f_3126_dd0d_b99b,
            true,
            "17405e67 dd0db99b 616e6401 69766563
             d4b7ed86 a1777f2e a13d6973 d324c69e 7b43f826 fb568312 26508beb d2dceb18
             d0a6df10 e5487df0 74113e14 c641024e 3e6773d9 1a62ee42 9b043a10 e3efe6b0
             12a49363 412364f8 c0cac587 f249e56b 11e24f30 e44ccc76",
            "636973636f0172756c65730174686501 6e6574776501646566696e6501746865
             746563686e6f6c6f6769657301746861 7477696c6c01646566696e65746f6d6f
             72726f7701020201",
        ),
        gcm(
            "gcm-test case 12 (AES-128, last 32-bit sequence number, empty payload)",
            "7d773d00c144c525ac619d18c84a3f47",
            "d9664267",
            0x3354_67ae,
            0xffff_ffff,
            false,
            "335467ae ffffffff 43457e91 82443bc6
             437f866b cb3f699f e9b0822b ac961c45 04bef270",
            "01020201",
        ),
        gcm(
            "gcm-test case 13 (AES-128, ESN, no padding)",
            "abbccddef00112233445566778899aab",
            "decaf888",
            0x100,
            1,
            true,
            "00000100 00000001 cafedeba ceface74
             29c9fc69 a197d038 ccdd14e2 ddfcaa05 43332164 41250352 4303ed3c 6c5f2838
             43af8c3e",
            "746f0162 65016f72 016e6f74 01746f01 62650001",
        ),
        gcm(
            "gcm-test case 14 (AES-256, last 64-bit sequence number)",
            "6c6567616c697a656d6172696a75616e 61616e64646f69746265666f72656961",
            "7475726e",
            0x796b_6963,
            u64::MAX,
            true,
            "796b6963 ffffffff 33302169 6765746d
             f97ab2aa 356d8edc e17644ac 8c78e25d d24dedbb 29ebf1b6 4a274b39 b49c3a86
             4cd3d78c a4ae68a3 2b42458f b57dbe82 1dcc63b9 d0937ba2 945f6693 68661a32
             9fb4c053",
            "45000030 da3a0000 8001df3b c0a80005 c0a80001 0800c6cd 02000700 61626364
             65666768 696a6b6c 6d6e6f70 71727374 01020201",
        ),
    ]
}

/// RFC 7634 Appendix A: the ChaCha20-Poly1305 ESP example (tunnel mode, next header 4).
fn rfc7634() -> Vector {
    let keymat = hx("808182838485868788898a8b8c8d8e8f 909192939495969798999a9b9c9d9e9f a0a1a2a3");
    let plain = hx("45000054 a6f20000 4001e778 c6336405 c0000205 08005b7a 3a080000 553bec10
        00073627 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f 20212223
        24252627 28292a2b 2c2d2e2f 30313233 34353637 01020204");
    let mut esp = hx("01020304 00000005 10111213 14151617");
    esp.extend(hx("24039428 b97f417e 3c13753a 4f05087b 67c352e6 a7fab1b9 82d466ef 407ae5c6
        14ee8099 d52844eb 61aa95df ab4c02f7 2aa71e7c 4c4f64c9 befe2fac c638e8f3
        cbec163f ac469b50 2773f6fb 94e664da 9165b828 29f641e0
        76aaa826 6b7fb0f7 b11b3699 07e1ad43"));
    Vector {
        name: "RFC 7634 Appendix A",
        encryption: EncryptionAlgorithm::ChaCha20Poly1305,
        keymat,
        spi: 0x0102_0304,
        seq: 5,
        esn: false,
        mode: EncapsulationMode::Tunnel,
        esp,
        payload: plain[..plain.len() - 4].to_vec(),
        next_header: 4,
    }
}

#[test]
fn rfc3602_cases_5_to_8_decapsulate() {
    rfc3602().iter().for_each(check_decap);
}

#[test]
fn rfc3602_cases_5_to_8_encapsulate_with_published_iv() {
    rfc3602().iter().for_each(check_encap);
}

#[test]
fn rfc3602_case_5_full_transport_packet() {
    // The complete packets of case 5: original and protected IPv4 headers.
    let v = &rfc3602()[0];
    let original_header = hx("45000054 08f20000 4001f9fe c0a87b03 c0a87b64");
    let protected_header = hx("4500007c 08f20000 4032f9a5 c0a87b03 c0a87b64");
    let mut original = original_header.clone();
    original.extend(&v.payload);
    let mut protected = protected_header;
    protected.extend(&v.esp);

    // Outbound at 192.168.123.3 re-creates the protected packet exactly.
    let p = params(v).mirrored();
    let mut rng = chacha20::ChaCha20Rng::from_seed([1; 32]);
    let mut out = OutboundSa::new(&p, CryptoProvider::rustcrypto(), &mut rng, NOW).unwrap();
    let mut buf = vec![0u8; HEAD + original.len() + 64];
    buf[HEAD..HEAD + original.len()].copy_from_slice(&original);
    let r = out.encapsulate_with_iv(NOW, &mut buf, HEAD..HEAD + original.len(), Framing::Ip, &v.esp[8..24]).unwrap();
    assert_eq!(hex(&buf[r]), hex(&protected));

    // Inbound restores the original packet, header checksum included.
    let mut inb = InboundSa::new(&params(v), CryptoProvider::rustcrypto(), NOW).unwrap();
    let mut buf = protected.clone();
    let d = inb.decapsulate_packet(NOW, &mut buf, 0..protected.len()).unwrap();
    assert_eq!(hex(&buf[d.payload]), hex(&original));
}

#[test]
fn rfc3602_case_7_full_tunnel_packet() {
    let v = &rfc3602()[2];
    let mut protected = hx("4500008c 09050000 4032f91e c0a87b03 c0a87bc8");
    protected.extend(&v.esp);
    let mut p = params(v);
    p.local = v4(192, 168, 123, 200);
    let mut inb = InboundSa::new(&p, CryptoProvider::rustcrypto(), NOW).unwrap();
    let mut buf = protected.clone();
    let d = inb.decapsulate_packet(NOW, &mut buf, 0..protected.len()).unwrap();
    assert_eq!(hex(&buf[d.payload]), hex(&v.payload));
    assert_eq!(d.next_header, 4);
}

#[test]
fn gcm_test_cases_decapsulate() {
    mcgrew().iter().for_each(check_decap);
}

#[test]
fn gcm_test_cases_encapsulate_with_published_iv() {
    mcgrew().iter().for_each(check_encap);
}

#[test]
fn rfc7634_appendix_a() {
    let v = rfc7634();
    check_decap(&v);
    check_encap(&v);
}

#[test]
fn production_ivs_follow_the_sequence_number() {
    // AEADs carry the sequence number as IV (RFC 4106 §3.1, RFC 7634 §2).
    let v = rfc7634();
    let p = params(&v);
    let mut rng = chacha20::ChaCha20Rng::from_seed([1; 32]);
    let mut sa = OutboundSa::new(&p, CryptoProvider::rustcrypto(), &mut rng, NOW).unwrap();
    let mut buf = vec![0u8; HEAD + v.payload.len() + 64];
    buf[HEAD..HEAD + v.payload.len()].copy_from_slice(&v.payload);
    let r = sa.encapsulate(NOW, &mut buf, HEAD..HEAD + v.payload.len(), Framing::Esp).unwrap();
    assert_eq!(&buf[r.start + 4..r.start + 8], &5u32.to_be_bytes());
    assert_eq!(&buf[r.start + 8..r.start + 16], &5u64.to_be_bytes());
}
