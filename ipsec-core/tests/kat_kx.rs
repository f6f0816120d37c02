//! Known-answer and negative tests for the Diffie-Hellman groups of every provider, through
//! the public API only: the RustCrypto provider, and the aws-lc-rs provider with the `aws-lc`
//! feature (`common::providers`; its MODP groups are RustCrypto's, reached through it).
//!
//! Sources of the expected values:
//!
//! * groups 22, 23, 24: the test data of RFC 5114 Appendix A.1-A.3 (`xA`, `yA`, `xB`, `yB`,
//!   `Z`);
//! * groups 19, 20, 21: the test vectors of RFC 5903 §8.1-§8.3 (`i`, `g^i`, `r`, `g^r`, and
//!   the x-coordinate of `g^ir`, the shared secret of RFC 5903 §9);
//! * group 31: the Alice/Bob exchange of RFC 7748 §6.1;
//! * groups 1, 2, 5, 14-18, for which no RFC publishes vectors: `tests/vectors/modp_vectors.py`,
//!   which derives the primes from their RFC 2409/3526 formula, computes the values with
//!   Python's `pow` and checks them against the `cryptography` package (OpenSSL). Its output
//!   is pasted below unchanged.
//!
//! The RFC vectors were checked for consistency with the `cryptography` package (every
//! public value recomputed from its private key, every shared secret from both sides) before
//! they were written here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use chacha20::ChaCha20Rng;
use common::{Provider, providers};
use hex_literal::hex;
use ipsec_core::CryptoError;
use ipsec_core::algorithm::{DhGroup, DhGroupKind};
use ipsec_core::crypto::KeyExchange;
use rand_core::SeedableRng;

fn start_with(provider: Provider, group: DhGroup, private: &[u8]) -> Box<dyn KeyExchange> {
    provider
        .key_exchange
        .start_with_private(group, private)
        .unwrap_or_else(|e| panic!("{provider} {group}: private key refused: {e}"))
}

fn complete_err(exchange: Box<dyn KeyExchange>, peer: &[u8]) -> CryptoError {
    match exchange.complete(peer) {
        Ok(_) => panic!("peer value of {} bytes accepted", peer.len()),
        Err(e) => e,
    }
}

fn rng(seed: u8) -> ChaCha20Rng {
    ChaCha20Rng::from_seed([seed; 32])
}

/// A MODP exchange vector: private exponents, public values and the shared secret `Z`.
struct Rfc5114Vector {
    group: DhGroup,
    xa: &'static [u8],
    ya: &'static [u8],
    xb: &'static [u8],
    yb: &'static [u8],
    z: &'static [u8],
}

const RFC5114_VECTORS: &[Rfc5114Vector] = &[
    // RFC 5114 Appendix A.1.
    Rfc5114Vector {
        group: DhGroup::Modp1024S160,
        xa: &hex!("B9A3B3AE 8FEFC1A2 93049650 7086F845 5D48943E"),
        ya: &hex!(
            "2A853B3D 92197501 B9015B2D EB3ED84F 5E021DCC 3E52F109 D3273D2B 7521281C"
            "BABE0E76 FF5727FA 8ACCE269 56BA9A1F CA26F202 28D8693F EB10841D 84A73600"
            "54ECE5A7 F5B7A61A D3DFB3C6 0D2E4310 6D8727DA 37DF9CCE 95B47875 5D06BCEA"
            "8F9D4596 5F75A5F3 D1DF3701 165FC9E5 0C4279CE B07F9895 40AE96D5 D88ED776"
        ),
        xb: &hex!("9392C9F9 EB6A7A6A 9022F7D8 3E7223C6 835BBDDA"),
        yb: &hex!(
            "717A6CB0 53371FF4 A3B93294 1C1E5663 F861A1D6 AD34AE66 576DFB98 F6C6CBF9"
            "DDD5A56C 7833F6BC FDFF0955 82AD868E 440E8D09 FD769E3C ECCDC3D3 B1E4CFA0"
            "57776CAA F9739B6A 9FEE8E74 11F8D6DA C09D6A4E DB46CC2B 5D520309 0EAE6126"
            "311E53FD 2C14B574 E6A3109A 3DA1BE41 BDCEAA18 6F5CE067 16A2B6A0 7B3C33FE"
        ),
        z: &hex!(
            "5C804F45 4D30D9C4 DF85271F 93528C91 DF6B48AB 5F80B3B5 9CAAC1B2 8F8ACBA9"
            "CD3E39F3 CB614525 D9521D2E 644C53B8 07B810F3 40062F25 7D7D6FBF E8D5E8F0"
            "72E9B6E9 AFDA9413 EAFB2E8B 0699B1FB 5A0CACED DEAEAD7E 9CFBB36A E2B42083"
            "5BD83A19 FB0B5E96 BF8FA4D0 9E345525 167ECD91 55416F46 F408ED31 B63C6E6D"
        ),
    },
    // RFC 5114 Appendix A.2.
    Rfc5114Vector {
        group: DhGroup::Modp2048S224,
        xa: &hex!("22E62601 DBFFD067 08A680F7 47F361F7 6D8F4F72 1A0548E4 83294B0C"),
        ya: &hex!(
            "1B3A6345 1BD886E6 99E67B49 4E288BD7 F8E0D370 BADDA7A0 EFD2FDE7 D8F66145"
            "CC9F2804 19975EB8 08877C8A 4C0C8E0B D48D4A54 01EB1E87 76BFEEE1 34C03831"
            "AC273CD9 D635AB0C E006A42A 887E3F52 FB8766B6 50F38078 BC8EE858 0CEFE243"
            "968CFC4F 8DC3DB08 4554171D 41BF2E86 1B7BB4D6 9DD0E01E A387CBAA 5CA672AF"
            "CBE8BDB9 D62D4CE1 5F17DD36 F91ED1EE DD65CA4A 06455CB9 4CD40A52 EC360E84"
            "B3C926E2 2C4380A3 BF309D56 849768B7 F52CFDF6 55FD053A 7EF70697 9E7E5806"
            "B17DFAE5 3AD2A5BC 568EBB52 9A7A61D6 8D256F8F C97C074A 861D827E 2EBC8C61"
            "34553115 B70E7103 920AA16D 85E52BCB AB8D786A 68178FA8 FF7C2F5C 71648D6F"
        ),
        xb: &hex!("4FF3BC96 C7FC6A6D 71D3B363 800A7CDF EF6FC41B 4417EA15 353B7590"),
        yb: &hex!(
            "4DCEE992 A9762A13 F2F83844 AD3D77EE 0E31C971 8B3DB6C2 035D3961 182C3E0B"
            "A247EC41 82D760CD 48D99599 970622A1 881BBA2D C822939C 78C3912C 6661FA54"
            "38B20766 222B75E2 4C2E3AD0 C7287236 129525EE 15B5DD79 98AA04C4 A9696CAC"
            "D7172083 A97A8166 4EAD2C47 9E444E4C 0654CC19 E28D7703 CEE8DACD 6126F5D6"
            "65EC52C6 7255DB92 014B037E B621A2AC 8E365DE0 71FFC140 0ACF077A 12913DD8"
            "DE894734 37AB7BA3 46743C1B 215DD9C1 2164A7E4 053118D1 99BEC8EF 6FC56117"
            "0C84C87D 10EE9A67 4A1FA8FF E13BDFBA 1D44DE48 946D68DC 0CDD7776 35A7AB5B"
            "FB1E4BB7 B856F968 27734C18 4138E915 D9C3002E BCE53120 546A7E20 02142B6C"
        ),
        z: &hex!(
            "34D9BDDC 1B42176C 313FEA03 4C21034D 074A6313 BB4ECDB3 703FFF42 4567A46B"
            "DF75530E DE0A9DA5 229DE7D7 6732286C BC0F91DA 4C3C852F C099C679 531D94C7"
            "8AB03D9D ECB0A4E4 CA8B2BB4 591C4021 CF8CE3A2 0A541D33 994017D0 200AE2C9"
            "516E2FF5 14577926 9E862B0F B474A2D5 6DC31ED5 69A7700B 4C4AB16B 22A45513"
            "531EF523 D7121207 7B5A169B DEFFAD7A D9608284 C7795B6D 5A5183B8 7066DE17"
            "D8D671C9 EBD8EC89 544D45EC 061593D4 42C62AB9 CE3B1CB9 943A1D23 A5EA3BCF"
            "21A01471 E67E003E 7F8A69C7 28BE490B 2FC88CFE B92DB6A2 15E5D03C 17C464C9"
            "AC1A46E2 03E13F95 2995FB03 C69D3CC4 7FCB510B 6998FFD3 AA6DE73C F9F63869"
        ),
    },
    // RFC 5114 Appendix A.3.
    Rfc5114Vector {
        group: DhGroup::Modp2048S256,
        xa: &hex!("0881382C DB87660C 6DC13E61 4938D5B9 C8B2F248 581CC5E3 1B354543 97FCE50E"),
        ya: &hex!(
            "2E9380C8 323AF975 45BC4941 DEB0EC37 42C62FE0 ECE824A6 ABDBE66C 59BEE024"
            "2911BFB9 67235CEB A35AE13E 4EC752BE 630B92DC 4BDE2847 A9C62CB8 15274542"
            "1FB7EB60 A63C0FE9 159FCCE7 26CE7CD8 523D7450 667EF840 E4919121 EB5F01C8"
            "C9B0D3D6 48A93BFB 75689E82 44AC134A F544711C E79A02DC C3422668 4780DDDC"
            "B4985941 06C37F5B C7985648 7AF5AB02 2A2E5E42 F09897C1 A85A11EA 0212AF04"
            "D9B4CEBC 937C3C1A 3E15A8A0 342E3376 15C84E7F E3B8B9B8 7FB1E73A 15AF12A3"
            "0D746E06 DFC34F29 0D797CE5 1AA13AA7 85BF6658 AFF5E4B0 93003CBE AF665B3C"
            "2E113A3A 4E905269 341DC071 1426685F 4EF37E86 8A8126FF 3F2279B5 7CA67E29"
        ),
        xb: &hex!("7D62A7E3 EF36DE61 7B13D1AF B82C780D 83A23BD4 EE670564 5121F371 F546A53D"),
        yb: &hex!(
            "575F0351 BD2B1B81 7448BDF8 7A6C362C 1E289D39 03A30B98 32C5741F A250363E"
            "7ACBC7F7 7F3DACBC 1F131ADD 8E03367E FF8FBBB3 E1C57844 24809B25 AFE4D226"
            "2A1A6FD2 FAB64105 CA30A674 E07F7809 85208863 2FC04923 3791AD4E DD083A97"
            "8B883EE6 18BC5E0D D047415F 2D95E683 CF14826B 5FBE10D3 CE41C6C1 20C78AB2"
            "0008C698 BF7F0BCA B9D7F407 BED0F43A FB2970F5 7F8D1204 3963E66D DD320D59"
            "9AD9936C 8F44137C 08B180EC 5E985CEB E186F3D5 49677E80 607331EE 17AF3380"
            "A725B078 2317D7DD 43F59D7A F9568A9B B63A84D3 65F92244 ED120988 219302F4"
            "2924C7CA 90B89D24 F71B0AB6 97823D7D EB1AFF5B 0E8E4A45 D49F7F53 757E1913"
        ),
        z: &hex!(
            "86C70BF8 D0BB81BB 01078A17 219CB7D2 7203DB2A 19C877F1 D1F19FD7 D77EF225"
            "46A68F00 5AD52DC8 4553B78F C60330BE 51EA7C06 72CAC151 5E4B35C0 47B9A551"
            "B88F39DC 26DA14A0 9EF74774 D47C762D D177F9ED 5BC2F11E 52C879BD 95098504"
            "CD9EECD8 A8F9B3EF BD1F008A C5853097 D9D1837F 2B18F77C D7BE01AF 80A7C7B5"
            "EA3CA54C C02D0C11 6FEE3F95 BB873993 85875D7E 86747E67 6E728938 ACBFF709"
            "8E05BE4D CFB24052 B83AEFFB 14783F02 9ADBDE7F 53FAE920 84224090 E007CEE9"
            "4D4BF2BA CE9FFD4B 57D2AF7C 724D0CAA 19BF0501 F6F17B4A A10F425E 3EA76080"
            "B4B9D6B3 CEFEA115 B2CEB878 9BB8A3B0 EA87FEBE 63B6C8F8 46EC6DB0 C26C5D7C"
        ),
    },
];

/// Runs a MODP or ECP exchange vector from both sides, on every provider.
fn check_exchange(group: DhGroup, x_a: &[u8], y_a: &[u8], x_b: &[u8], y_b: &[u8], z: &[u8]) {
    for provider in providers() {
        let a = start_with(provider, group, x_a);
        assert_eq!(a.group(), group);
        assert_eq!(a.public_value(), y_a, "{provider} {group}: initiator public value");
        let b = start_with(provider, group, x_b);
        assert_eq!(b.public_value(), y_b, "{provider} {group}: responder public value");
        assert_eq!(a.complete(y_b).unwrap().expose(), z, "{provider} {group}: initiator shared secret");
        assert_eq!(b.complete(y_a).unwrap().expose(), z, "{provider} {group}: responder shared secret");
    }
}

#[test]
fn rfc5114_appendix_a() {
    for v in RFC5114_VECTORS {
        assert_eq!(v.ya.len(), v.group.public_value_len());
        assert_eq!(v.z.len(), v.group.shared_secret_len());
        check_exchange(v.group, v.xa, v.ya, v.xb, v.yb, v.z);
    }
}

/// An ECP vector of RFC 5903 §8: private keys, public points and the x-coordinate of `g^ir`.
struct Rfc5903Vector {
    group: DhGroup,
    i: &'static [u8],
    gix: &'static [u8],
    giy: &'static [u8],
    r: &'static [u8],
    grx: &'static [u8],
    gry: &'static [u8],
    girx: &'static [u8],
}

const RFC5903_VECTORS: &[Rfc5903Vector] = &[
    // RFC 5903 §8.1.
    Rfc5903Vector {
        group: DhGroup::Ecp256,
        i: &hex!("C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433"),
        gix: &hex!("DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180"),
        giy: &hex!("5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3"),
        r: &hex!("C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53"),
        grx: &hex!("D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63"),
        gry: &hex!("56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB"),
        girx: &hex!("D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE"),
    },
    // RFC 5903 §8.2.
    Rfc5903Vector {
        group: DhGroup::Ecp384,
        i: &hex!(
            "099F3C70 34D4A2C6 99884D73 A375A67F 7624EF7C 6B3C0F16 0647B674 14DCE655"
            "E35B5380 41E649EE 3FAEF896 783AB194"
        ),
        gix: &hex!(
            "667842D7 D180AC2C DE6F74F3 7551F557 55C7645C 20EF73E3 1634FE72 B4C55EE6"
            "DE3AC808 ACB4BDB4 C88732AE E95F41AA"
        ),
        giy: &hex!(
            "9482ED1F C0EEB9CA FC498462 5CCFC23F 65032149 E0E144AD A0241815 35A0F38E"
            "EB9FCFF3 C2C947DA E69B4C63 4573A81C"
        ),
        r: &hex!(
            "41CB0779 B4BDB85D 47846725 FBEC3C94 30FAB46C C8DC5060 855CC9BD A0AA2942"
            "E0308312 916B8ED2 960E4BD5 5A7448FC"
        ),
        grx: &hex!(
            "E558DBEF 53EECDE3 D3FCCFC1 AEA08A89 A987475D 12FD950D 83CFA417 32BC509D"
            "0D1AC43A 0336DEF9 6FDA41D0 774A3571"
        ),
        gry: &hex!(
            "DCFBEC7A ACF31964 72169E83 8430367F 66EEBE3C 6E70C416 DD5F0C68 759DD1FF"
            "F83FA401 42209DFF 5EAAD96D B9E6386C"
        ),
        girx: &hex!(
            "11187331 C279962D 93D60424 3FD592CB 9D0A926F 422E4718 7521287E 7156C5C4"
            "D6031355 69B9E9D0 9CF5D4A2 70F59746"
        ),
    },
    // RFC 5903 §8.3.
    Rfc5903Vector {
        group: DhGroup::Ecp521,
        i: &hex!(
            "0037ADE9 319A89F4 DABDB3EF 411AACCC A5123C61 ACAB57B5 393DCE47 608172A0"
            "95AA85A3 0FE1C295 2C6771D9 37BA9777 F5957B26 39BAB072 462F68C2 7A57382D"
            "4A52"
        ),
        gix: &hex!(
            "0015417E 84DBF28C 0AD3C278 713349DC 7DF153C8 97A1891B D98BAB43 57C9ECBE"
            "E1E3BF42 E00B8E38 0AEAE57C 2D107564 94188594 2AF5A7F4 601723C4 195D176C"
            "ED3E"
        ),
        giy: &hex!(
            "017CAE20 B6641D2E EB695786 D8C94614 6239D099 E18E1D5A 514C739D 7CB4A10A"
            "D8A78801 5AC405D7 799DC75E 7B7D5B6C F2261A6A 7F150743 8BF01BEB 6CA3926F"
            "9582"
        ),
        r: &hex!(
            "0145BA99 A847AF43 793FDD0E 872E7CDF A16BE30F DC780F97 BCCC3F07 8380201E"
            "9C677D60 0B343757 A3BDBF2A 3163E4C2 F869CCA7 458AA4A4 EFFC311F 5CB15168"
            "5EB9"
        ),
        grx: &hex!(
            "00D0B397 5AC4B799 F5BEA16D 5E13E9AF 971D5E9B 984C9F39 728B5E57 39735A21"
            "9B97C356 436ADC6E 95BB0352 F6BE64A6 C2912D4E F2D0433C ED2B6171 640012D9"
            "460F"
        ),
        gry: &hex!(
            "015C6822 6383956E 3BD066E7 97B623C2 7CE0EAC2 F551A10C 2C724D98 52077B87"
            "220B6536 C5C408A1 D2AEBB8E 86D678AE 49CB5709 1F473229 6579AB44 FCD17F0F"
            "C56A"
        ),
        girx: &hex!(
            "01144C7D 79AE6956 BC8EDB8E 7C787C45 21CB086F A64407F9 7894E5E6 B2D79B04"
            "D1427E73 CA4BAA24 0A347868 59810C06 B3C715A3 A8CC3151 F2BEE417 996D19F3"
            "DDEA"
        ),
    },
];

/// RFC 5903 §7: the KE payload carries `x || y` without the SEC 1 prefix; §9: the shared
/// secret is the x-coordinate alone.
#[test]
fn rfc5903_section_8() {
    for v in RFC5903_VECTORS {
        let gi = [v.gix, v.giy].concat();
        let gr = [v.grx, v.gry].concat();
        assert_eq!(gi.len(), v.group.public_value_len());
        assert_eq!(v.girx.len(), v.group.shared_secret_len());
        check_exchange(v.group, v.i, &gi, v.r, &gr, v.girx);
    }
}

#[test]
fn rfc7748_section_6_1() {
    let alice_private = hex!("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    let alice_public = hex!("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    let bob_private = hex!("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    let bob_public = hex!("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    let shared = hex!("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    check_exchange(DhGroup::Curve25519, &alice_private, &alice_public, &bob_private, &bob_public, &shared);
}

/// A vector of `tests/vectors/modp_vectors.py`.
struct ModpVector {
    group: u16,
    x_a: &'static [u8],
    y_a: &'static [u8],
    x_b: &'static [u8],
    y_b: &'static [u8],
    z: &'static [u8],
}

// Generated by tests/vectors/modp_vectors.py; do not edit by hand.
const MODP_VECTORS: &[ModpVector] = &[
    ModpVector {
        group: 1,
        x_a: &hex!("eec688b5b7843732232f41f0ccd40811baeecc4f881b6a74"),
        y_a: &hex!(
            "fc79009e5fc036c06d01e7e5d0e016ac5f4f529e72ee264fd8965101205ab659"
            "086c7eb08e91c3a89a43efa9f6bbb6987f56892c5211ae50863b5f5e627fca9f"
            "4224aba8a6c373c1b5f671e55982a0c2db00acef4c7e936d3248ae76bbb7988d"
        ),
        x_b: &hex!("8f37ed83ee5d40b3b5863b3d2c085112cc8a772c18429a2a"),
        y_b: &hex!(
            "264bf6f0fa4e01dd16277202dd1a069baa1ecd08072f857eb6e0f1977fba1d8d"
            "85db095a5b06ba652934e9d1ddd8170e67fceb18b0871d68a8f3e21ef782dcc3"
            "0dd6157419b997cd4a72f60882ea07bb84815594b7ad869258b00caef0090ef8"
        ),
        z: &hex!(
            "591b3d148811e028eaefceb9e1c1e6629db9b3a51c2cea0ee5b5abf999d56c78"
            "9a3d9b471ba4e9ec4a0a9d362078b9e069ed3e793d0e4b61dbdad5002b97c087"
            "f9bb7666b7836259f8619e59e8567daf7eb3c7f1fe75ac8e14a5ebe86156bde8"
        ),
    },
    ModpVector {
        group: 2,
        x_a: &hex!("aa2507d9b22bc04469a0c223823da79cbd492d5f5544d2b2"),
        y_a: &hex!(
            "2f63a7a9f9b3d73ae47df5a0207b0be4bbe56124194f1742d7efacd6a031b6a9"
            "bcb1a7b5829140bf531ed321a7c1143764cc7765ea53e150ff059c90e6c9fa27"
            "790bab3d4da9633c99000372a7acc9296287bfe4744e95a204051d59452c8889"
            "f35fa6226720a0b82cb12b1284b3aef8920c1da5130faf0ced16e265c096dcf1"
        ),
        x_b: &hex!("24bd50f9f3252ce509714964e8acf0eb96789b8df29ff726"),
        y_b: &hex!(
            "d7c5ae7b284c2eabb5dbc2480094904fc191e628cd89c7b016541b859051cfe9"
            "0014596ec9395c7ea25a1e00e7c8ec593cad3294fda36c33d9c82d9fa87a10f1"
            "a7e4df35a503c042a30fa123acd972ab1712dfe6069793401bde4a0aa5ea9c0a"
            "5ddcf3bca160be407d77d1526f9896a5bb46b4128988ca701b115afcf6f09cfa"
        ),
        z: &hex!(
            "66b1fa6eae56bd8f3c72ba2d7ab680069bf96953d40474b5337c3be10d4bfecc"
            "da856aa2f711302cc0a9d65b10cc67110846dd4ad587a7a62812501186a408ce"
            "d1dbd86190ac41f32932c8a447d274d3133ffbaf09434d9f1a72af03bc5d494c"
            "dd09e04041107dc81107b8ea1254bd6522bfaa28bb43bdbccb3f26afab5bd76f"
        ),
    },
    ModpVector {
        group: 5,
        x_a: &hex!("8f57644ccd9732ff5d29f1cf5f7760468dd35341d4334d2a"),
        y_a: &hex!(
            "dd602c0c35d2ff844b1020d915a9b5ba1e7919a8d6358c547ac86bca0f05c4bd"
            "54f5851095ce57c72adefbe320aec3ca9a4156a4a97e87db9dafacfadde895c6"
            "b3209dfee5dd763ac1e6aa99cfcf2e6f6ef4a9deed417d0d2330de2684cb2074"
            "45da8bc602297ac96db1e04843213ad1d3b5281ffd5a3ee285f8f401edbc6227"
            "7af8d2f04c0fc73f43e79ce53cfd68fbff725ebd85adfa23f7f419ce3f83c4b6"
            "895228a5838a0f52c63a2e810d0bd2d439c23c28dca6a2e335fa7a749c6156ea"
        ),
        x_b: &hex!("3c229ef1ef26d5a6b7af02ac36715854e03c48d693f8ef0f"),
        y_b: &hex!(
            "14abcc1e70dec0ae03b04e0217186417da2f8e86eebbe739259327e5991815a2"
            "bfe9579e43cf465b3c62d0d92b8e3ea646e70991d328fadc6b808ed60a6f8c3e"
            "c567ff5e2c865ad9f07685b345538850879dc724ff6427af23a8211fb40fcb17"
            "53948528d47179d91661f4bdf0549b2d2c8831b6d22ebe7f7adca98c4390e557"
            "33149dc5766ee205d3821b8c02b00d24777a379dde6300a5fbd3f1248662a3c8"
            "6337f5fdc96afbf64ab4b40a98a7cdee6ee6fd7f0a3e7fd06f9bfb70b36ad34e"
        ),
        z: &hex!(
            "4d2e1a3cf2c74cb2f7364818636d5755f3a1c1f438398c96420048e6d7dd9ec2"
            "3da68d00de7c3ffddbb5f06a51318c81f7deffb90a86519864517d09b94c62a9"
            "c2e4b24b6f3842a9b88afc9d50ab534b4c7deec0c7d0f80b714cab814f5a45b6"
            "31dc1eeb875fab8170bb85a253069ff2f947501e5b279631a34f7c00464159e2"
            "eea4ce7da98df7faa79804e84543c550c2189ef9c429091fdef72d523d8022fe"
            "fca5420df4cc998f70918031b2cb0e1bfa4d66a545442bf3f5208a7edcc06b9d"
        ),
    },
    ModpVector {
        group: 14,
        x_a: &hex!("dbef64c583f78e9dae6cd6dcdfc315ecd603e3c7b72e8a271783018d38046d2d"),
        y_a: &hex!(
            "c4e4c8c0531e05f0cb250460756014a6ced077b49abf39baadb39e2fe92b31dd"
            "5f6fb4213d4a0bd8aafd5c5c48f78d6c55f389b88ab2a4f20e50d5241a0b47b9"
            "f7b182d8d189ef8f8d49ae6a1bef68e00f79cdd4bf45d9fdc6bf08e156f211ce"
            "f9ee07e3ce8ead990a8353bcdba1809489beb4dd3301ee2afd49073daa88a79c"
            "d05a54653c97310a35bcd113506e712488f2cad42ab41b3efd3d75a139b029a3"
            "fa8ba2edcab533ce21120914a0ec3bc94c02daff03a484f38153ececc1277530"
            "0cdaecc26fb74b7a25e4f8c6f19acff0c919b68ffc118c1b66515612b1ffa43e"
            "951c7bf68b2fccd756611ba36bf517d926a483ccfe1a09bcbcdc348fae2bf871"
        ),
        x_b: &hex!("fff780fd7b53f9fc1b555a683b987f8d04c93807f8bd9daba5ab399ddf91bb18"),
        y_b: &hex!(
            "0eda892b70efef2def26eee4f2294eb2486ab977e0b5e66c7a68873155f7df24"
            "6aa1e2d40f963b48ac0994c9530de6705eef1a088407bd3788d032ac1e289ec7"
            "1cd6f2afadf03c390566b27cc039bb459bcd9ac2bafe76b08e8b7f7a1fb44de7"
            "cc9c917229ef85a727918fe3945ee58cf65e931a1ce405ad04530d3a30f21212"
            "dd3c134875b0f2e57c92c57dd36e63d77dba00c0c0f090dfad0d1e1fcb1b01dd"
            "bb52289571f198fd8219b6711fc7206398580b7d09c81fa0c377e18fe224a07b"
            "c1790fa818d5be3d79f9878b40d12a3ceeb7446742ca779b02a98d8c11540dbd"
            "9c47d264a5ccc8a9cb5f91e9a08c65c4e49d80988b4f329a11af0ce9d16a0a50"
        ),
        z: &hex!(
            "1d6f35557979610b4c245e1e293ec49ac9c0910fd7e3f464251778e01f5a9657"
            "787df1acda7a2386e13b3f3426619d32064102fe7f6b1ec010f176d9eb353b1b"
            "dcdc60cad5e71d4f14595a34ef2ccf1a2fafb0ecb982cef8185695897e117653"
            "98d42b79d735c8352a05b64d2f43eba16fb4b1b1b831f38012f050dc5b6c38c6"
            "859344f12acbf3f59264ce2afea7684961b53be8fee3131641dcfa59c8b11614"
            "dd79a91037adf117f518a4ca442ea7e060573561a4e2127e2bcaeb761cc3cd91"
            "c54a3b3d103109a477df6c3a105756e23aa7ddfacf784fe2c04db5c53b6d96fb"
            "977ef53f565938b8b98195f337e619f1674a5f4ef5d5bc22be5bae7502ee4c11"
        ),
    },
    ModpVector {
        group: 15,
        x_a: &hex!(
            "d60e0e5f45e2aca6bad6f5bee3e2b867585d9491c0cbc5e3ba0b09a817e4505d"
            "271d15432c143a60"
        ),
        y_a: &hex!(
            "abfa3eaf5a32201b827e70633c6510d9e2c3948012f24e5e23d0228e87d480a4"
            "a1934a7b3ccaa6e7353197e2d28551b3bf570d9ad5ad44089328e8bad3382279"
            "c303b46a6c859276b37fd3643ba30db89678723f955fa19cb5b79c7be26f2d2c"
            "85676ceeaf2803dda6f0efc514909156d72a2ab3d07fea8f46d742afe32c4fb4"
            "c2a1f06af1a73e97a1b638c8d519bd6a580f24c6028e5b89d6229fd434b58f1a"
            "c73e85f1630b0c8b59f1668a83a8dd87854cab8abf0aa9e2692201f4f184874c"
            "f6ed5daea6e22a9124bc1bf346c3088a10c5c650b479ad130f3f9fab8828cfdc"
            "014735cc28959c88eb9a941c8b8d3ff0657023075df7979e0787ccf20cd094c1"
            "e96191b533cc10bd8625dff0ca569edf2d7852491c3c1004f10a67b986fe89a0"
            "5180dcd4ee2d3b45ea3fc0d02a90db9c8b34e8d02d8adc893e43d3c4e4873536"
            "09afe4ca85749746f525c12c004f80ddd4cc48b1a75586555baee374c93e651e"
            "73c731f1d294e6de95c9c6737a1280c63bd24edaa265741887200cccd09d7600"
        ),
        x_b: &hex!(
            "039af22e42effb185ca9fbf8ede9f26e0c49192fa3b29064e012fee88b3ffb2b"
            "bff3d3dcf1224256"
        ),
        y_b: &hex!(
            "f5f44031ee9a2a03f1b4d9ddb22bf9f677a4407ab846b75f37fbe2f169699a8d"
            "c54fa7706147738ce7163d95a3c8e6d110849cd02a54e360f814d6480348f7b0"
            "07d2736560a848f9aa2156df16d8f83d4b5a57e98ea442422cba6d2bca10cc49"
            "9dfcd0ebb34b2f19871af839c2c0fadf91fb8a8436da289ae665dee79dfbe4d5"
            "dfcaeca1c496b5771ecb3dd1720eb42b3e6c297c3492eea202eae1bdfb08803f"
            "106a4facf1affc10c2660b7e9193f15addce899be87c986188474c4126056418"
            "1a9ed85711b4c7c8c0d1cac11d102d664b5aceaa0d099d65759c610a09472565"
            "2a05058d9b0d68e6c969ba9d2e8568465420aedceea8ef0c73c1d871b1427f3c"
            "ae849960e952bf145c26f0179aef03688a86705f2b5b7b06c4f8fa3feef9ba08"
            "fa9a518dbc69c21ac88b45b9c077be69eb2027c21ef6f0b654cf10788151fdd5"
            "e4351c47d4108722b87bd6db30d3538240a91e959691054e4c9729c68e6e6afd"
            "2a81487003886ef4f5ecfdd52241b4b1e8821cceb7fd79a11edc3926afe2a3e1"
        ),
        z: &hex!(
            "39fc071caca6d39f7a6acfcfc4c64611b45257d2e26e995743276cb303ec0326"
            "8ecdcae5cd0b5a452b89190ea8ddcbca668a57a4f93a3ef37868c772bb24ce44"
            "b4d86d36b4af49a8bb1b8b19faf67580542219fd2cc1a724844e197687ff1e73"
            "a5b1afc31fb21c13f9740750795bfd8bcee7dc230d3ff9243994c1a4f8eb0803"
            "12c8a6e906e578a4a386510ae28c735bb9e17710bbb721b4bab9a7eaa7d2c968"
            "ef824e1acdd0f6d5f259038bbe6360894eb97a82d4adbb176ba511a971b8717a"
            "ea83c7155b96d7ff15a0b17c51bd04be9015532cef218aa6f4dd431b8d5ba37c"
            "a2032bec781461275480ed18e5128d923d906723a3095ccfdcd9edcc5d429772"
            "479384ae53b0ff93f6105ccb39a27dd10dc451ed3770169bab63aa863e3a1c01"
            "a57f7ac8de7fd855c13828451cfeeaa3f33ce77b393ae92de34c4036b7969bb4"
            "205254d0d1b1d8a2fcd2f5d858c96dcdfaacdaf6da94561e050bec3d531b5ea2"
            "c29a184001fa1898ac8ceb7dc9e14024c2dd152f8280dd0fa68978278d621779"
        ),
    },
    ModpVector {
        group: 16,
        x_a: &hex!(
            "cc70468db3dece64a316ed711c3b82c975a84dda9adb5c26d12e5c918be22c19"
            "11617d5e7e91b665"
        ),
        y_a: &hex!(
            "d54dd4c1db94847cd0733f5683fa86f5856b223993edf05372a4e72f8ebf223c"
            "cae5fec2112f646eb8da237ffa61cfcaf809115c6ac9dbb73b4360481fa7b6c0"
            "e1107f3f041a9c0f0b1038898f538df342eb38599dcd3fea4d52589e722dc4db"
            "f2f6707310514158b99a86272505401c0aace55a5c1e6983eb76308289e8bb93"
            "1569faf97c80ba9ef3214c09de112c78dbc8984e82778dd9c35a3f396792acac"
            "20ced013ef18260e8ed6a2cbcdf41013cfd93019768e7d4145556cffe33e0a76"
            "6f5ed61f51f5f58d4d65ebb77dfbbc854a1d3db32534b05336f4211ab7d68e68"
            "8ec59ce56cd4175cc7f46ec8d990ddcfe922f221432e20885684ac62793bc740"
            "f8b1c5b3d8037aac9fd1e3e5abe79544f01cfc2b00680dc5033c987a1ce734ab"
            "5d9dd834519472735c1e82330edf71fc9ef742e701750647e4191c34b028c9c5"
            "bdcd7acb1377004dc039b31af6314ff250883edbc62d76f62430de253e3b9a01"
            "464fd6a3653f856eb8cf343ae40457ba1869cd6676f3540f1720b567dbf6c97a"
            "50dfa43780b6c876f6ad76e4a83255663b184f664dc1c7fa5e63cb9791b1a95e"
            "49411d4332c9e0fb9e0b0fc437debace9bfda4208c3fc2bf1467aa96b734e3bc"
            "db1d9b2cfae52a2dd9f4012a2b0dcbdde1bb938e85d20553c2d0812ed13c4c76"
            "373165f0f96d0028f6d109230877d3067225aebf510a1e373c6ea8d70817abcb"
        ),
        x_b: &hex!(
            "ccb10ac6e61d0c7c94b83c7222ae2b1ef260025905806f08ff1aceacfa302b0d"
            "0a1e465f99256c98"
        ),
        y_b: &hex!(
            "1436ee45133ae17a61c14c2fc59fce876f7a9412bf597b0ff28a7f3456d14b3a"
            "13bc2a553ae74f0df5a8bf5fc65262a67cc7a48350ba4066c5bcbcb39a4e9989"
            "00b866c0e76ce2ff0ed338e683a9e2375cfc8bea0e7ba16aab6ab17d1d40ebf6"
            "54545266dac9d88150386d72ba85f1f2d5cbfcee934e4fc6e92ca9ff8009aeda"
            "8cb8b4893d0e1222f5e61600af053e6fd2ce70d2c459a08b8b6bb11a64623600"
            "9b9723a45672abd6c1ff38ff5ed063cdd6f111e5b9180f6a0f71f09f58afdf15"
            "d58694d62f60130bdc0c205262545cb87823baf63c4aae28b8b930d677f08d5b"
            "add904bff5f0f5eb8b42f3ca57de6f2a96b6e97386956f2ef4d7a77e4a1912c8"
            "1b470429b3de2a5bc0d7215aa029abb9dcf561d0a650efd9fb9d0ccf43b0b70d"
            "2d24bd054ab5fef97fe91c58d2a09a907fc6c5ab4d9040a2593622f4395dc7f3"
            "479bc7dcd436dce73ff0c2dab4166f8ce861ad643ca145ae2a40aba7705f994e"
            "96967c1d2c2899362b24c92d76aba43248e2be07fe5eec38ca72a476fe520f3b"
            "21640873af36af17220dd0da4d75cd325495109695b61b727fd3f8e145694144"
            "2e08648acc14b9b5d54709dce67f717956b5982eac3539254ef002811839fa69"
            "2e7dfec0ed03701f6699a1730e0c7a3efd03b79d2bfc89798658e551e57be35d"
            "129f15954ba8db7f974a060d2a94e6961ca1b097fecd33f8a80d78108614de3b"
        ),
        z: &hex!(
            "2c4ebb66b394f71cf39031d0af9000e6739429b642a1a1df8009867a7699a5ac"
            "8906ed144df54e5d92315b521d489db4365fdab684d0f8c76b6f034180a9a681"
            "f253a9baaac978235fe35d7a02b754716dbe87f51f4c399c551ef0370c944c6a"
            "36cc7e90c2ba770d4161bbb44776aa7900d5b2815844797ad62d741b524b06ed"
            "e4f53e0a9ab4f289e701dcf37fed2206355edb97d01c0b3f110c51996da236eb"
            "4c5c912979119f34616edde359e57ada78b4d2b1c8ba476bc38a460cc803f708"
            "bd50c05024a8b1308ce2dbfee179910bf29713a3f70c3ef4cc4cec467d363d67"
            "7a81eacd55f716de1c3f9aac2bff22eece41eae08dc4b1c35bea1d69bebf7123"
            "147b5267e087df3eeeba491cd46ba76f7b60190bcaabcb86a22ea1fbff9d13ab"
            "1f636fde12cfc00f2bd8fb3160a465b8d1a92a3fe54204f51b01b9bcd0eb6010"
            "a4f18bce23e94709bfa8bf04fd6f7f86c946aaa65cdcacc35bb629b0aad5aebd"
            "d42e4c35421ed034a501f8c5f54c8f3bcdb5659079bc545a92bf6a6aad7f790a"
            "715a805f5057f3c0f89896d04de5d2a4137283850a827b39d81a83c9d7ed663b"
            "904aff600a9acea25a294a0121e8d3d673cdc8a7e837147f24068fb41c826e57"
            "65905fadfda8a7599d148ed08762f1e3e726f3c1e9c4cda0157f82d392b65a84"
            "4a49113f200134da3245d873fab60bc006857d6961ab2cc6328f89ee688c644d"
        ),
    },
    ModpVector {
        group: 17,
        x_a: &hex!(
            "d4e2c9f10176a85fe3a0f3fcc008b95859818a821bce7ba19e0a153085fd8046"
            "e1189462ccb188f544b575628d5993db"
        ),
        y_a: &hex!(
            "85f79dcd0e4f4fc72710934c9bede2cfc690791e91ad9dc035f64df0e0054f2a"
            "fbb254bb3c0b1935724efc33e04ecd693c8a9a3e1e1c0459f0732888036ef9a5"
            "859553f6ac00b28ab0ec47d2ca08e9e1c7aff2238146f2d2ddeff7c51a33727e"
            "4acfaa2cbf4f5695a467b9fd924709840660afc2b3a3fc59003f05206915124b"
            "143d22e71ca8b7701c2ee3d8f3ecbaa724469c93fb4d85ee54c65bf684568b4a"
            "7c39846fbb059ec04dba4b76e836bbc45e8a22cd23d0c28070becac0818aa061"
            "e591db8f2a6900fead88c77aa0f7f68610cc6b8a605ba4212d35330af63040ef"
            "d00f60b86e4751b1e9ccfeb17fb49b3768e2cd54ef6e1cda762a48c81dbf1c23"
            "adeabec0822df0db7e6a4db53edeaa7623af9f52e89b6b35c2b6e55d679f76b2"
            "cccf0633aeaeedee0e74890ce787ec00db5b0517b75911db77c306aba6aa5f64"
            "0dc7daf8856c06b05628c028ac8639295c05f235e7aac435de426c547c92ee14"
            "7bc4632902b191f8f47c0a1160ebc8dc2a3b577795d7b67ea0faacb8eaf37f62"
            "ad851404b6cd49663237a2023386d0c29309c335c63088da121d5f2e12f9fd9d"
            "aafbac07dcc0586cb297c4e9724a6f0852fc8fd67d6175d84e621a4122e053bf"
            "de25c4b2a764dba64a24c010bb1b03b3165d00d11c676095235745dadd5b8c9c"
            "d6a630dccecf5df8b22b957407e8eeaefcb5be978d1c7aa60113d2e9406e6171"
            "499826342df904e7ee3270b9e973a52f60f8e8ba71e24ccb75031cbe538617e1"
            "06a8cb18717dbe3de130b3c573b972fecdc3cec70fa803411fb8f9bdd29ea7eb"
            "cd1297ebd17c97cb0391a160538a3452987c97cf0b9d59474097734669462f43"
            "8a85a8efeb469be1a9a99e40bac2105a7296bf31218eeb578d5838d519ebc25c"
            "5d2e835eb4f07687e6edf35d2b0c98531dd86c83e630ff8bb55287098ab5e2e7"
            "f0659c5c76fb40ba3b41ba6cdeb7c569cf989cb92a3a2603d1871529b48031e9"
            "d106dc6b027365d9bb852eee1de1f24486df4dcc615488ec40b23838c8d8f933"
            "373391ba790553cd373885929399c3f5c1e47a71e6a7cffc0a64c08e23b3f2fb"
        ),
        x_b: &hex!(
            "27a28d1deafcf8ff78c6d2b32879666000b5b3da233b17a218f8a495bd66aace"
            "ce9ed9280163d5cc6a433a1f806a3525"
        ),
        y_b: &hex!(
            "8ba7bf170762a99995bf55e3c69d2784f0e2040ef63a48bf9aea834cbea3377c"
            "dacc860450a64cb0036de8b6a7e51bc0039c49796e846c0cfe5163454561262c"
            "f82fa184eb1bdc3071bc03e590a6c8a9493bf679d415fbea04b13ad612d3122b"
            "e0fab268a8cef1e682b281cee6237a88798f00a99ad47195545739ee0ab943cd"
            "6ecc7836db6fdb3e2f8f0a5e908edc95968cb7ebee5d7c54944550ba3f3cc98e"
            "b0f4710606503a83d7ae9cfbef8712ba72488f61d8fa18fd6036f104e99e6969"
            "bb62cfa630a24df0b71c0c62a7d90dceec76b2c8c329c070df4186b02e209da9"
            "54713f1bb936a6be5ad56b9e9fa2afa637ec76b26d296748472d6b19e7e52233"
            "6dd81de32d8eb8cc9fa8221246e20bacf6b1f60cd83fd5b4c90ef6a95f082600"
            "cdab91c78b61e5bba2c11a381a20a75f2589427c8e4207ca94d234e3b7acb239"
            "af26ca9ee90d5b62f7ece78f4e2223e43a92fa4771e39f2e6deaf50dcc4257d2"
            "161cf68e9de1d78ab9876282f990fd7644504ed9ed9dfc8e0909beee1ce3f847"
            "ededb7d51c5e4be73adb9d4baa499b56cf2239eedff67b9c73f49ee7844cdf0c"
            "b556c6e073714aac89b144f0e1a824abb3657ac936d222b5f502b57239476ae0"
            "5ebf33d1daef83536810afba79fcb2f0a79c8b696a506b519dca485fdadef5c7"
            "484d6ed750086e6acf98cddb6061f0132258565d7db8c30ead8268db4270b0c7"
            "169c62d44b2bb08bccc7f0f74e704c60ec994e316143777424472286da23e889"
            "18350eaf6a74d71fe437de6fb39cba12ff310fec23fc4eceaee65112a5c42d95"
            "3d5a94c4db7b18c1508aea69cec8c8a1dbf62aa73a0f37718a72a62ae2a4d217"
            "c657141bfd32489d426a06eb74a913e54a431426991f70f881e492c0b0477023"
            "91732c0a57a89684f2c8c16cd62212448f5e29c7e9b10808c9a6a97eca494ce5"
            "988ebccaf1d4fab4ff3d64b6873ce0c8318b7999ca250f1ffc234019244fd62f"
            "84148b0ca8533c462df53955fc944eb67876ec49328c11b9fc54dfb14dd0f7f0"
            "d5e0bbf5ae18ac19525d042db70a4a54d7b7b9b409812fc0abf1028d6970c32f"
        ),
        z: &hex!(
            "6d2c8a295885686db01eae660af171c9288f2f4fd9ccfd863262601c43655fb8"
            "bdf82315d7956cee0be84a0edb2e5dce1f4375d909374be170e4e4d1642dbba4"
            "9d78a53c8672e10d1d8e2762bff9ea55626302412fcee947f9ff494711f993e7"
            "a5a9c6f60917252965e1d1f96eeb1d7623a183a982d4c59be6019aea3bb44268"
            "074f633a0934de4502563003f4d99a88b2f765c919dd9e780027d90099b66b1f"
            "c63e0b17dd46dbc5ae326037b490f2e1cfef1d7f8d07be562aa856a34af0c44a"
            "a1458bcc66b0476de6f378d698238e84607d03fd4ee2177855059a53f6757707"
            "db0880d08e761773aba3ee6ce71631a1bdb9bc53a1a410298b728595a5fa61d6"
            "4ac77de74096a431965d66e7c664df7c5affafb3a6ee49f9a1ab0849d1529688"
            "2b6c31c71aae40b74eab40ac18bc2ffdb15a3966a6662330dee7a217adbf6104"
            "a761490d4cdbf425bd894f47acc6db0f5ca197808aa47d36e445456a13e6291d"
            "ffc6754aea09757fb27cdde93952d63fa01ea1101608134a63574a2ef1238eba"
            "bb1f2291daceef0a6e256c1a84edaad81d75a7c7571833492a8c68f6a0d9f193"
            "d4887dc212c76214f4333d9b4327c6a24effb2d76fffa447f8a6589d3ad865a1"
            "3f1d62c40f54e8fd8ec416dc4dbe21393aa41e448a041ec03620f43530c35803"
            "015b3316b272617977a4ba61f7cfbd8323de9a2a7327ec735e5295d74befa306"
            "b364f7a4b83a9efb73e82bd92d2fd1dcf0ccc0f478595f717bbb07177f655336"
            "7dccd095a5c400589c4d489576e435aac215c227a496ccf42da8c9b90600b1f6"
            "671435ee5c01fce3a80cb00cbce59ab621aa537abaeafaf8e0222467de6ae5a7"
            "5a0a032291eff59de70a2cb0de724c05bd50c0e1a88bddcaa5d67192f7177570"
            "5d7223f6b464af606e6b5bcfd8c6a6294962d97c5d90d512266f386004fb8a94"
            "929bb7d0dc681a4a606aaade94170473582890385067585e2cc76a97c36cf55e"
            "ae32a73ec6c2a0aba701f10b0be5369f0da79dfe365a1457860d11139f3e1726"
            "b0014dcf385922265ec6527819c3116ffd68e35e89d253d6ccfeae6c17b8553a"
        ),
    },
    ModpVector {
        group: 18,
        x_a: &hex!(
            "c60abfbdda766f0967332b6f4d92af443a82e391f361b1b6ae878273cbe56d3a"
            "76f371cbe4a4f756dfa3d805684a5de5"
        ),
        y_a: &hex!(
            "282d84344abfe49d91aa5c0d8f80bcf9faa2fc9e509a1e0f419a88e3fe05f185"
            "52174be7204c2d3a5676e68c0061f9957851804e137975a282ba6687d694d0bd"
            "566301663b773233fad4c732d670179ff25a05df8b143279cf0bd2ef8d97fa44"
            "37007712dfe18313b07d3f9076aa4f55b38c825515109f8d472c47136e7e7482"
            "4619d785b657f2bba578f43c0d34658d821442a7e1f0fd9a652af67d06f7e82c"
            "f63c3241be742bec3f0ffaa7b104dd96909b8866b396a1c66ea043cc68ea284a"
            "e008f20dee0d0cee36e0923bd8131b84a05ac7e50021b23877501070a507430b"
            "b9cdc38aa6d60d38f44414f2cdd721897773d3b4522c3f3b2d94cc8180b2e532"
            "227d80beedad16f311969fa4fb4b0f7b741ae1336428fe3a25e20ce6cbe3dcab"
            "bd8809b752a2dfd6b922eb1864fec473be3f8462a563c58dba8ac75f27ed5e34"
            "0d306cff14a7b2c9f6590a2115bbd9d05006215cc84ac3bf1126b1405e852d74"
            "4316e351db5a5c34dc1b372c00ee1ee9b1ba54dad3466a68fe952145dd2dbab0"
            "5936478e4dc648983ac3c6269178df880fb1112d33a415bf0e6b81cbe218bbf0"
            "a71bc8148dcb7cbc5248e15e84345befbe5021dadb30ec1ed945b2cf59366c18"
            "c25ffef48ef6840a54b94384407a0f4e1d1358ca98f5288346ca8d1d9a57e1e2"
            "cc527746b9b94756931ca26857989ef99e988ed037f312f915f7915c76cb784d"
            "a662ff1c3f239e3086913bc67ede78132b69effbdd0a9d3ce6b3a94158d296ad"
            "94520ee21aa6773446c8f3ada5e9e7958480f7dd5c5a2bd490bb9c7d9a57dc8c"
            "494966e5ad11484dfd138adfdb9bfaf47a0bdb1169cb3f69fab8121c5ce847b9"
            "4341efc4747ace28b46124f65e55860f521036a88e17102c612c79018b081af8"
            "00fc28d44bf50b0616f19a020d337849661637b6ced2f0ee9cd800172abd4738"
            "94c3a83371fe3b68ff47493675d729f0c5be5d41c527c403f98d46d42a8921db"
            "f3a974b55e26d7c8fb88d07ad1d47f87cb938a7ffc4c7b36b890541a61be25b4"
            "cd1ede874d6bc98cc6664597a603a9366ad25f710e9a15f1b58e12bb1ad2fbea"
            "6eeb50bcb23d85b96c491b10bf0a0233fb2ac1c09fb9e50b16a23bd61c46a524"
            "aea439f4ddbb1ef234b8cb7fac5fc65e47e186c1d9cd41caa13e690797290f38"
            "70a051e1407c4a4d8f7308b3a2c94b7604758a696269b3a8d9071893f45f1c4a"
            "8511e47a233ac31fa37ec90aa5c6fcbd44a0b1a885cd8eb4de58752cb93de1fd"
            "e587d3a6c6489df3c0e1b2c44830f6d91193b6ecf243c48a6cec94c6945b85e6"
            "af047802ebdaebb4abb903e27bf75a86c805310b44460704a0421e479fe330d5"
            "e2f53c327db23f28b1070d8e6e153e239930c9a9fcd50c08a4cb21387274482d"
            "b7508ce48175e6503c7ce8cb45999494721617d6c309e1d1fda4970ec7fc439f"
        ),
        x_b: &hex!(
            "46789126e1aa7ebe43fa5aca880ce95474b7d68b411695c02667ec898003d9b3"
            "519b7ea12c42f4f7738dc99020de435e"
        ),
        y_b: &hex!(
            "b9a2b9e5f58e4db9b6f461671f168191b029aaf509c921140df88ce61bfe9cc0"
            "65da176aa49dd76808606021f600a2e6f6dbabcf41c9871f284d593f081d0410"
            "21fe50e60599dd7c1b7782b84ea61cd30c1971988b081feba77a587d3de4daed"
            "86823bff0a4b4916921a6b775380496426a7842be5834cf7b6cbcae128ebadd5"
            "0d8903c03ecd4de3c86746447c6585dbe6f84191ee7583b170419854fb62f081"
            "242b3d3f189297968d63018271e72423a272dc6a06b2bc3d3b0e93c6c673f62f"
            "b32070d6e8f901959be4a3ff8df51b232dcf903b93d881623b5bfd3898418dfe"
            "065fc54e333b0da7a52fa71ae6470e531acdcdddd268f3c61d34bdafd31fb355"
            "d5b53ee484e5e9d64973541d6ae476796c37b7cf2a61d3201ea851a7f9989697"
            "06e1b815dbb81070d6f74d5d94e1760a6622b1c9268fe4014c5a14a3aaa69ca3"
            "73366f742e069d5481121715e4200c17409f4bbb59cf16bdc283963dea19c030"
            "85d9c1f62be48c8aecb51fc9f7b1e3552e889723a49f7c6210ad046be8084a33"
            "ea7db9dc34f9f2d609d1b202c566be3f3af54c834426279a59be4cf4feda8b22"
            "c1f978b0e3bf9a8ef81788639b5e2842bcafeecfd8425acf68e43f3a6f2d3a70"
            "dd7c59884d5cd3121a5198301cbb7ccc71baa4aadece8a2e05a1192ec8953e47"
            "7f7a16ea621cbab1440bb1d790a171e54bc3044082edcf7866a21b5cd4243364"
            "10a46b14f9926256c2e1f1a3cf7b111b4c4daedaf5134732656a435170674f19"
            "dc19741a53512549de3e8ea595e4bc9c7a2fee64d641c7569dba4f409883bc11"
            "2a332ec93f55dcb3586ad72f2e27ef2d63549c48f00fc6ea0686d7280db40cee"
            "674aaa0d48e5b5e4f7e41a9b69d438244c040e18673ec983079129ba44e42bc6"
            "4b87b275639e51b2c8df9dd87b5d948361b4420d635c1e450b9a0f5de8d95b21"
            "419c7e49bc1487bcb6d1c10749c78335e30393b77979a17e9727de88193b7cc2"
            "ae31a0b855aa4ceabc9f6285a56835652f65ffa158a1d84a6629e5414d93bb77"
            "b59f124b88c3aebd55957d58eb901767895993eac9dd877f92ba6d8890eb5ece"
            "0d45cb05cf5e915a4870f16766a7aceafddfd6295201b40074f6f9be9bc69312"
            "abe5d52c4be191ecfbed5da1c59a7660bf46e239f8942fb26069db7e57f942a4"
            "5fa7e627f3e5782ee059a00f632601e73bb3939617863481b03c95242bf3f3ba"
            "1db08e328840f0959ecff62839b438565e40db5b3496df876d58e7f38ad90b84"
            "a1a6ecd180566b4738bbdaf55ce97a060e87bb0056564c695c3c406626a17be4"
            "8c5c891fb6a0c1ab9c972fb37e1c66e7c6152c452f5c8d00eff758660b8a2207"
            "47da94968f0fca111b9c90a78d245931874bbfe741eee4eaf33712a4e527d4d2"
            "0d78bc96d1f7e111764a37a1ea0015c51f5ad281083da2a4e59173f878997f62"
        ),
        z: &hex!(
            "af96678cefe172909df15b9db99dee14d68639c554637a2959ab59c51e66b159"
            "21fd0e9e33b497182c9d8f4bbe6f988093250805e500c3bace08b35bcb210965"
            "f596d9c797c8605d09271b3e9963f6da608ebd23f73baa0a954ce108a66c0af1"
            "bc5f7312cb841af52a82084f28b672514d4e5c71a577f0031d38ad856c8732c2"
            "1b668b99d4ec320abb034c6a3abccbbbadac6b8d6c1027601659979c0bdbd7e9"
            "4867b40aa79a156462cbb326a13ba3f27b8552b783ba2711a59fc3318212c689"
            "8ef4de459fc25e14f288a54705af0044a89cc209cb74fe9ee9abcf9dc556bd2a"
            "e926e86ab93faf0141bcdf736f2a6b00479c285b6b2fef5793e305f5330f27a4"
            "e81adad86c8c220c2db3fbd1c91022ee589a3b1acd39ed25657b33fb8ff8a073"
            "96e9c88a64a28ab6f9a68ad95097d898ed615b1a01ce1dcc370dff6c0b4eccf0"
            "025a7118b866d6876458e6695a70387de5bc5dbf3aeecfc3eb0d0ce1bdc4d374"
            "487de522367c041ecf7c8a71729524163665899dae549db6df995c4f7956421d"
            "61845286184b2c0c9a5c8fcd84821d357d1a15e52fbfc8594f25fef260fe94bd"
            "7c103104ea26b5fce5a81a92d05704a444d3eab20e790a2fdec0d3951f2bc73e"
            "73c1fd4a82c89737b314c034ae5a9f11b12189ade4e6713bb56715a5a9ff1622"
            "087e66620bf411e289e9385d6161838b0ca1653c548e01ae753aca5e2f0f68ee"
            "78da090e360371f2c35799c71a40a77ebd4c82306cd4f4afd2cebc4facb9a9b7"
            "877b10f8158a1e3f2954e520826863894c7baaa0bf6d86266e91d923ea1c8f67"
            "a73205b6af7fc0f5927f7255450d25a76f81c7c79de997115d09fac18ffa9455"
            "5cb9b3c4e90d29e9f00716b2c83e6c6ca739d90acf335b6cf6694fc68f45a515"
            "09e9629bdcb14159da805913aa51b042686ef1f70079047d8f79afcfdded4aa2"
            "45aa2681dae67f781850a07702d3b2aba57fc7e7e1a74284c768c38509890013"
            "b4dd295d0df92f6ec6751b8b92a1ba48bedd802076c6e65b27b914b758cd12fe"
            "444edbf747f497ca8c360658cf74375581a4cfb5f3011ade4c5a4bff092090c4"
            "deef2642c13bb06ce6df88f8e2fc6eb6240b32e91e7847c0516b124bbfc2f977"
            "92bdd72926ac0c204ae7a4d7547d86188ef1a7b970646bee9fad4328c27272ed"
            "259dfcfe7f269a2e4ae2a0be8f0994f4afe856d06cfcccbb73c8a6825e2d49dc"
            "57a09379627ea54b58d5c818a14e5baa2d9760684142c3f777ce6e10c5d5596f"
            "16147bd9e77b1ece73971d37f29636f377be5508422ba8f6e7cc17774f5a0867"
            "d27e8cc8996442d2d81c8e60b132333d135cdd48d792a008e91ea381a32be0fa"
            "e23937fe06aa4920fee29d5c453365ba6a3266fca094e2677c45bc70024f72c9"
            "465bc32831a6694e3fb0c3ed69a8d55d7d76df45d7c32648574f538efc5fe683"
        ),
    },
];

/// The prime of every MODP group, for the range checks of RFC 6989 section 2.
const MODP_PRIMES: &[(u16, &[u8])] = &[
    (
        1,
        &hex!(
            "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
            "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
            "4fe1356d6d51c245e485b576625e7ec6f44c42e9a63a3620ffffffffffffffff"
        ),
    ),
    (
        2,
        &hex!(
            "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
            "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
            "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
            "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece65381ffffffffffffffff"
        ),
    ),
    (
        5,
        &hex!(
            "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
            "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
            "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
            "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
            "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
            "9ed529077096966d670c354e4abc9804f1746c08ca237327ffffffffffffffff"
        ),
    ),
    (
        14,
        &hex!(
            "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
            "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
            "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
            "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
            "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
            "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
            "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718"
            "3995497cea956ae515d2261898fa051015728e5a8aacaa68ffffffffffffffff"
        ),
    ),
    (
        15,
        &hex!(
            "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
            "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
            "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
            "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
            "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
            "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
            "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718"
            "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33"
            "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7"
            "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864"
            "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2"
            "08e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff"
        ),
    ),
    (
        16,
        &hex!(
            "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
            "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
            "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
            "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
            "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
            "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
            "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718"
            "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33"
            "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7"
            "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864"
            "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2"
            "08e24fa074e5ab3143db5bfce0fd108e4b82d120a92108011a723c12a787e6d7"
            "88719a10bdba5b2699c327186af4e23c1a946834b6150bda2583e9ca2ad44ce8"
            "dbbbc2db04de8ef92e8efc141fbecaa6287c59474e6bc05d99b2964fa090c3a2"
            "233ba186515be7ed1f612970cee2d7afb81bdd762170481cd0069127d5b05aa9"
            "93b4ea988d8fddc186ffb7dc90a6c08f4df435c934063199ffffffffffffffff"
        ),
    ),
    (
        17,
        &hex!(
            "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
            "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
            "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
            "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
            "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
            "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
            "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718"
            "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33"
            "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7"
            "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864"
            "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2"
            "08e24fa074e5ab3143db5bfce0fd108e4b82d120a92108011a723c12a787e6d7"
            "88719a10bdba5b2699c327186af4e23c1a946834b6150bda2583e9ca2ad44ce8"
            "dbbbc2db04de8ef92e8efc141fbecaa6287c59474e6bc05d99b2964fa090c3a2"
            "233ba186515be7ed1f612970cee2d7afb81bdd762170481cd0069127d5b05aa9"
            "93b4ea988d8fddc186ffb7dc90a6c08f4df435c93402849236c3fab4d27c7026"
            "c1d4dcb2602646dec9751e763dba37bdf8ff9406ad9e530ee5db382f413001ae"
            "b06a53ed9027d831179727b0865a8918da3edbebcf9b14ed44ce6cbaced4bb1b"
            "db7f1447e6cc254b332051512bd7af426fb8f401378cd2bf5983ca01c64b92ec"
            "f032ea15d1721d03f482d7ce6e74fef6d55e702f46980c82b5a84031900b1c9e"
            "59e7c97fbec7e8f323a97a7e36cc88be0f1d45b7ff585ac54bd407b22b4154aa"
            "cc8f6d7ebf48e1d814cc5ed20f8037e0a79715eef29be32806a1d58bb7c5da76"
            "f550aa3d8a1fbff0eb19ccb1a313d55cda56c9ec2ef29632387fe8d76e3c0468"
            "043e8f663f4860ee12bf2d5b0b7474d6e694f91e6dcc4024ffffffffffffffff"
        ),
    ),
    (
        18,
        &hex!(
            "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
            "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
            "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
            "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
            "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
            "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
            "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718"
            "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33"
            "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7"
            "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864"
            "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2"
            "08e24fa074e5ab3143db5bfce0fd108e4b82d120a92108011a723c12a787e6d7"
            "88719a10bdba5b2699c327186af4e23c1a946834b6150bda2583e9ca2ad44ce8"
            "dbbbc2db04de8ef92e8efc141fbecaa6287c59474e6bc05d99b2964fa090c3a2"
            "233ba186515be7ed1f612970cee2d7afb81bdd762170481cd0069127d5b05aa9"
            "93b4ea988d8fddc186ffb7dc90a6c08f4df435c93402849236c3fab4d27c7026"
            "c1d4dcb2602646dec9751e763dba37bdf8ff9406ad9e530ee5db382f413001ae"
            "b06a53ed9027d831179727b0865a8918da3edbebcf9b14ed44ce6cbaced4bb1b"
            "db7f1447e6cc254b332051512bd7af426fb8f401378cd2bf5983ca01c64b92ec"
            "f032ea15d1721d03f482d7ce6e74fef6d55e702f46980c82b5a84031900b1c9e"
            "59e7c97fbec7e8f323a97a7e36cc88be0f1d45b7ff585ac54bd407b22b4154aa"
            "cc8f6d7ebf48e1d814cc5ed20f8037e0a79715eef29be32806a1d58bb7c5da76"
            "f550aa3d8a1fbff0eb19ccb1a313d55cda56c9ec2ef29632387fe8d76e3c0468"
            "043e8f663f4860ee12bf2d5b0b7474d6e694f91e6dbe115974a3926f12fee5e4"
            "38777cb6a932df8cd8bec4d073b931ba3bc832b68d9dd300741fa7bf8afc47ed"
            "2576f6936ba424663aab639c5ae4f5683423b4742bf1c978238f16cbe39d652d"
            "e3fdb8befc848ad922222e04a4037c0713eb57a81a23f0c73473fc646cea306b"
            "4bcbc8862f8385ddfa9d4b7fa2c087e879683303ed5bdd3a062b3cf5b3a278a6"
            "6d2a13f83f44f82ddf310ee074ab6a364597e899a0255dc164f31cc50846851d"
            "f9ab48195ded7ea1b1d510bd7ee74d73faf36bc31ecfa268359046f4eb879f92"
            "4009438b481c6cd7889a002ed5ee382bc9190da6fc026e479558e4475677e9aa"
            "9e3050e2765694dfc81f56e880b96e7160c980dd98edd3dfffffffffffffffff"
        ),
    ),
    (
        22,
        &hex!(
            "b10b8f96a080e01dde92de5eae5d54ec52c99fbcfb06a3c69a6a9dca52d23b61"
            "6073e28675a23d189838ef1e2ee652c013ecb4aea906112324975c3cd49b83bf"
            "accbdd7d90c4bd7098488e9c219a73724effd6fae5644738faa31a4ff55bccc0"
            "a151af5f0dc8b4bd45bf37df365c1a65e68cfda76d4da708df1fb2bc2e4a4371"
        ),
    ),
    (
        23,
        &hex!(
            "ad107e1e9123a9d0d660faa79559c51fa20d64e5683b9fd1b54b1597b61d0a75"
            "e6fa141df95a56dbaf9a3c407ba1df15eb3d688a309c180e1de6b85a1274a0a6"
            "6d3f8152ad6ac2129037c9edefda4df8d91e8fef55b7394b7ad5b7d0b6c12207"
            "c9f98d11ed34dbf6c6ba0b2c8bbc27be6a00e0a0b9c49708b3bf8a3170918836"
            "81286130bc8985db1602e714415d9330278273c7de31efdc7310f7121fd5a074"
            "15987d9adc0a486dcdf93acc44328387315d75e198c641a480cd86a1b9e587e8"
            "be60e69cc928b2b9c52172e413042e9b23f10b0e16e79763c9b53dcf4ba80a29"
            "e3fb73c16b8e75b97ef363e2ffa31f71cf9de5384e71b81c0ac4dffe0c10e64f"
        ),
    ),
    (
        24,
        &hex!(
            "87a8e61db4b6663cffbbd19c651959998ceef608660dd0f25d2ceed4435e3b00"
            "e00df8f1d61957d4faf7df4561b2aa3016c3d91134096faa3bf4296d830e9a7c"
            "209e0c6497517abd5a8a9d306bcf67ed91f9e6725b4758c022e0b1ef4275bf7b"
            "6c5bfc11d45f9088b941f54eb1e59bb8bc39a0bf12307f5c4fdb70c581b23f76"
            "b63acae1caa6b7902d52526735488a0ef13c6d9a51bfa4ab3ad8347796524d8e"
            "f6a167b5a41825d967e144e5140564251ccacb83e6b486f6b3ca3f7971506026"
            "c0b857f689962856ded4010abd0be621c3a3960a54e710c375f26375d7014103"
            "a4b54330c198af126116d2276e11715f693877fad7ef09cadb094ae91e1a1597"
        ),
    ),
];

#[test]
fn modp_independent_vectors() {
    let mut seen = Vec::new();
    for v in MODP_VECTORS {
        let group = DhGroup::from_number(v.group).unwrap();
        assert_eq!(v.x_a.len() * 8, group.private_exponent_bits().unwrap(), "{group}: exponent size");
        check_exchange(group, v.x_a, v.y_a, v.x_b, v.y_b, v.z);
        seen.push(group);
    }
    assert_eq!(seen.len(), 8);
}

#[test]
fn supports_every_group() {
    for provider in providers() {
        for &group in DhGroup::ALL {
            assert!(provider.key_exchange.supports(group), "{provider} {group}");
            assert!(provider.supports_dh(group), "{provider} {group}");
        }
    }
}

/// Two random exchanges agree, for every group; the values have the catalogue's lengths and
/// differ between exchanges.
#[test]
fn random_round_trips() {
    for provider in providers() {
        let mut rng = rng(7);
        for &group in DhGroup::ALL {
            for _ in 0..2 {
                let a = provider.key_exchange.start(group, &mut rng).unwrap();
                let b = provider.key_exchange.start(group, &mut rng).unwrap();
                assert_eq!(a.group(), group);
                assert_eq!(a.public_value().len(), group.public_value_len(), "{provider} {group}");
                assert_eq!(b.public_value().len(), group.public_value_len(), "{provider} {group}");
                assert_ne!(a.public_value(), b.public_value(), "{provider} {group}");
                let a_public = a.public_value().to_vec();
                let secret_a = a.complete(b.public_value()).unwrap();
                let secret_b = b.complete(&a_public).unwrap();
                assert_eq!(secret_a.len(), group.shared_secret_len(), "{provider} {group}");
                assert_eq!(secret_a, secret_b, "{provider} {group}");
            }
        }
    }
}

/// The same seed gives the same keys: the private key comes from the caller's generator only.
#[test]
fn start_is_deterministic_in_the_rng() {
    for provider in providers() {
        for &group in DhGroup::ALL {
            let a = provider.key_exchange.start(group, &mut rng(1)).unwrap();
            let b = provider.key_exchange.start(group, &mut rng(1)).unwrap();
            assert_eq!(a.public_value(), b.public_value(), "{provider} {group}");
        }
    }
}

/// A generator stuck at zeros or ones still yields a valid private key (the MODP exponent
/// is drawn as `1 + c mod (m - 1)`, never 0).
#[test]
fn degenerate_generators_still_give_valid_keys() {
    for provider in providers() {
        struct Constant(u8);
        impl rand_core::TryRng for Constant {
            type Error = core::convert::Infallible;
            fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
                Ok(u32::from_ne_bytes([self.0; 4]))
            }
            fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
                Ok(u64::from_ne_bytes([self.0; 8]))
            }
            fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
                dst.fill(self.0);
                Ok(())
            }
        }
        impl rand_core::TryCryptoRng for Constant {}
        for &group in DhGroup::ALL {
            if !matches!(group.kind(), DhGroupKind::Modp { .. }) {
                continue;
            }
            for byte in [0x00, 0xff] {
                let a = provider.key_exchange.start(group, &mut Constant(byte)).unwrap();
                let b = provider.key_exchange.start(group, &mut rng(3)).unwrap();
                let a_public = a.public_value().to_vec();
                assert_eq!(a.complete(b.public_value()).unwrap(), b.complete(&a_public).unwrap(), "{provider} {group}");
            }
        }
    }
}

fn minus(value: &[u8], small: u8) -> Vec<u8> {
    let mut out = value.to_vec();
    let mut borrow = small;
    for byte in out.iter_mut().rev() {
        let (v, b) = byte.overflowing_sub(borrow);
        *byte = v;
        borrow = u8::from(b);
        if borrow == 0 {
            break;
        }
    }
    out
}

fn plus_one(value: &[u8]) -> Vec<u8> {
    let mut out = value.to_vec();
    for byte in out.iter_mut().rev() {
        let (v, carry) = byte.overflowing_add(1);
        *byte = v;
        if !carry {
            break;
        }
    }
    out
}

fn left_pad(value: &[u8], len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len - value.len()];
    out.extend_from_slice(value);
    out
}

/// RFC 6989 §2.1 and §2.2: peer values outside `[2, p - 2]`, of the wrong length, or (groups
/// 22-24) outside the order-`q` subgroup are refused.
#[test]
fn modp_rejects_bad_peer_values() {
    for provider in providers() {
        let mut rng = rng(11);
        assert_eq!(MODP_PRIMES.len(), 11);
        for &(number, p) in MODP_PRIMES {
            let group = DhGroup::from_number(number).unwrap();
            let len = group.public_value_len();
            assert_eq!(p.len(), len);
            let one = left_pad(&[1], len);
            let two = left_pad(&[2], len);
            let bad: [(&str, Vec<u8>); 9] = [
                ("0", vec![0; len]),
                ("1", one),
                ("p - 1", minus(p, 1)),
                ("p", p.to_vec()),
                ("p + 1", plus_one(p)),
                ("all 0xff", vec![0xff; len]),
                ("short", vec![2; len - 1]),
                ("long", left_pad(&two, len + 1)),
                ("empty", Vec::new()),
            ];
            for (what, value) in bad {
                let exchange = provider.key_exchange.start(group, &mut rng).unwrap();
                assert_eq!(
                    complete_err(exchange, &value),
                    CryptoError::InvalidPublicValue,
                    "{provider} {group}: {what}"
                );
            }
            let is_rfc5114 = matches!(group.kind(), DhGroupKind::Modp { subgroup_bits: Some(_), .. });
            for (what, value) in [("2", two), ("p - 2", minus(p, 2))] {
                let exchange = provider.key_exchange.start(group, &mut rng).unwrap();
                let result = exchange.complete(&value);
                if is_rfc5114 {
                    // modp_vectors.py checks that 2^q != 1 and (p - 2)^q != 1 for these groups.
                    assert_eq!(result.unwrap_err(), CryptoError::InvalidPublicValue, "{provider} {group}: {what}");
                } else {
                    assert_eq!(result.unwrap().len(), len, "{provider} {group}: {what} is in range");
                }
            }
        }
    }
}

/// The RFC 5114 groups: a value in range but outside the subgroup, such as `yA * 2`, is
/// refused, while the RFC's own `yA` is accepted.
#[test]
fn modp_rfc5114_rejects_values_outside_the_subgroup() {
    for provider in providers() {
        for v in RFC5114_VECTORS {
            let p = MODP_PRIMES.iter().find(|(n, _)| *n == v.group.number()).unwrap().1;
            // 2 * yA mod p, computed bytewise: double, then subtract p once when needed.
            let mut doubled = vec![0u8; v.ya.len() + 1];
            let mut carry = 0u16;
            for (i, byte) in v.ya.iter().enumerate().rev() {
                let d = u16::from(*byte) * 2 + carry;
                doubled[i + 1] = (d & 0xff) as u8;
                carry = d >> 8;
            }
            doubled[0] = carry as u8;
            let p_wide = left_pad(p, v.ya.len() + 1);
            if doubled >= p_wide {
                let mut borrow = 0i16;
                for i in (0..doubled.len()).rev() {
                    let d = i16::from(doubled[i]) - i16::from(p_wide[i]) - borrow;
                    doubled[i] = d.rem_euclid(256) as u8;
                    borrow = i16::from(d < 0);
                }
            }
            let outside = doubled[1..].to_vec();
            let exchange = start_with(provider, v.group, v.xb);
            assert_eq!(complete_err(exchange, &outside), CryptoError::InvalidPublicValue, "{provider} {}", v.group);
            assert!(start_with(provider, v.group, v.xb).complete(v.ya).is_ok());
        }
    }
}

#[test]
fn modp_rejects_bad_private_exponents() {
    for provider in providers() {
        for &(number, p) in MODP_PRIMES {
            let group = DhGroup::from_number(number).unwrap();
            let len = group.public_value_len();
            for (what, private) in [
                ("empty", Vec::new()),
                ("zero", vec![0]),
                ("zero, full length", vec![0; len]),
                ("p - 1", minus(p, 1)),
                ("p", p.to_vec()),
                ("longer than p", left_pad(&[1], len + 1)),
            ] {
                assert_eq!(
                    provider.key_exchange.start_with_private(group, &private).err(),
                    Some(CryptoError::InvalidPrivateKey),
                    "{provider} {group}: {what}"
                );
            }
            // Short and full-length exponents below the bound are taken.
            assert!(provider.key_exchange.start_with_private(group, &[1]).is_ok(), "{provider} {group}: 1");
            assert!(
                provider.key_exchange.start_with_private(group, &left_pad(&[5], len)).is_ok(),
                "{provider} {group}: padded 5"
            );
        }
        // RFC 5114 §2: x < q. The vector's `xA` is below q; an exponent of q's length with all
        // bits set is above it (q's top bits are not all ones), as is p - 2.
        for v in RFC5114_VECTORS {
            let all_ones = vec![0xff; v.xa.len()];
            assert_eq!(
                provider.key_exchange.start_with_private(v.group, &all_ones).err(),
                Some(CryptoError::InvalidPrivateKey)
            );
            let p = MODP_PRIMES.iter().find(|(n, _)| *n == v.group.number()).unwrap().1;
            assert_eq!(
                provider.key_exchange.start_with_private(v.group, &minus(p, 2)).err(),
                Some(CryptoError::InvalidPrivateKey)
            );
        }
    }
}

/// RFC 6989 §2.3: a point off the curve, a coordinate outside the field, the wrong length
/// (including a SEC 1 encoding with its 0x04 prefix) or all zeros is refused.
#[test]
fn ecp_rejects_bad_peer_values() {
    for provider in providers() {
        let mut rng = rng(13);
        for v in RFC5903_VECTORS {
            let group = v.group;
            let gr = [v.grx, v.gry].concat();
            let mut y_changed = gr.clone();
            *y_changed.last_mut().unwrap() ^= 1;
            let mut x_changed = gr.clone();
            x_changed[0] ^= 1;
            let mut sec1 = vec![0x04];
            sec1.extend_from_slice(&gr);
            let bad: [(&str, Vec<u8>); 8] = [
                ("y changed", y_changed),
                ("x changed", x_changed),
                ("all zeros", vec![0; gr.len()]),
                ("all 0xff", vec![0xff; gr.len()]),
                ("SEC 1 prefix", sec1),
                ("x only", v.grx.to_vec()),
                ("short", gr[..gr.len() - 1].to_vec()),
                ("empty", Vec::new()),
            ];
            for (what, value) in bad {
                let exchange = provider.key_exchange.start(group, &mut rng).unwrap();
                assert_eq!(
                    complete_err(exchange, &value),
                    CryptoError::InvalidPublicValue,
                    "{provider} {group}: {what}"
                );
            }
            assert!(provider.key_exchange.start(group, &mut rng).unwrap().complete(&gr).is_ok());
        }
    }
}

#[test]
fn ecp_rejects_bad_private_scalars() {
    for provider in providers() {
        for v in RFC5903_VECTORS {
            let len = v.i.len();
            for (what, private) in [
                ("zero", vec![0; len]),
                ("all 0xff (above the order)", vec![0xff; len]),
                ("short", v.i[1..].to_vec()),
                ("long", left_pad(v.i, len + 1)),
                ("empty", Vec::new()),
            ] {
                assert_eq!(
                    provider.key_exchange.start_with_private(v.group, &private).err(),
                    Some(CryptoError::InvalidPrivateKey),
                    "{provider} {}: {what}",
                    v.group
                );
            }
        }
    }
}

/// RFC 7748 §6.1, RFC 8031 §2.2: low-order points give the all-zero secret, which is refused.
#[test]
fn x25519_rejects_low_order_points_and_bad_lengths() {
    for provider in providers() {
        let mut rng = rng(17);
        let mut one = [0u8; 32];
        one[0] = 1;
        for (what, value) in [("u = 0", [0u8; 32]), ("u = 1", one)] {
            let exchange = provider.key_exchange.start(DhGroup::Curve25519, &mut rng).unwrap();
            assert_eq!(complete_err(exchange, &value), CryptoError::DegenerateSharedSecret, "{provider} {what}");
        }
        for len in [0, 31, 33] {
            let exchange = provider.key_exchange.start(DhGroup::Curve25519, &mut rng).unwrap();
            assert_eq!(
                complete_err(exchange, &vec![9; len]),
                CryptoError::InvalidPublicValue,
                "{provider} {len} bytes"
            );
        }
        for len in [0, 31, 33] {
            assert_eq!(
                provider.key_exchange.start_with_private(DhGroup::Curve25519, &vec![1; len]).err(),
                Some(CryptoError::InvalidPrivateKey)
            );
        }
    }
}
