//! The MODP group parameters: the primes and generators of RFC 2409 §6 (groups 1 and 2),
//! RFC 3526 §2-§7 (groups 5 and 14-18) and RFC 5114 §2.1-§2.3 (groups 22-24, with the order
//! `q` of the generator's subgroup).
//!
//! The values are written as in the RFCs (big-endian hex in 32-bit words) and decoded into
//! byte arrays at compile time; a malformed constant fails the build.
//! `tests/vectors/modp_vectors.py --check-rust` checks every constant against an independent
//! computation (the RFC 2409 and RFC 3526 primes from their defining formula with the digits
//! of pi, the RFC 5114 parameters against the RFC text and OpenSSL's copies) and proves them
//! prime with Miller-Rabin; the unit tests below run a Fermat test and the subgroup checks in
//! Rust.

use crate::algorithm::DhGroup;

/// The parameters of one MODP group.
#[derive(Debug)]
pub(super) struct ModpParams {
    /// The prime modulus `p`, big-endian, exactly `prime_bits / 8` bytes (RFC 7296 §3.4).
    pub(super) prime: &'static [u8],
    /// The generator `g`, big-endian (`2` for the RFC 2409 and RFC 3526 groups).
    pub(super) generator: &'static [u8],
    /// The prime order `q` of the subgroup `g` generates, big-endian, for the RFC 5114 groups
    /// whose `p - 1` has other factors (RFC 5114 §2, RFC 6989 §2.2). `None` for the safe-prime
    /// groups, whose `g` generates the subgroup of order `(p - 1) / 2`.
    pub(super) order: Option<&'static [u8]>,
}

/// The generator of the RFC 2409 and RFC 3526 groups (RFC 2409 §6.1-§6.2, RFC 3526 §2-§7).
const TWO: &[u8] = &[2];

/// The parameters of a MODP group, `None` for the elliptic-curve groups.
pub(super) const fn modp_params(group: DhGroup) -> Option<&'static ModpParams> {
    const fn safe(prime: &'static [u8]) -> ModpParams {
        ModpParams { prime, generator: TWO, order: None }
    }
    const fn rfc5114(prime: &'static [u8], generator: &'static [u8], order: &'static [u8]) -> ModpParams {
        ModpParams { prime, generator, order: Some(order) }
    }
    const G1: ModpParams = safe(&MODP768_P);
    const G2: ModpParams = safe(&MODP1024_P);
    const G5: ModpParams = safe(&MODP1536_P);
    const G14: ModpParams = safe(&MODP2048_P);
    const G15: ModpParams = safe(&MODP3072_P);
    const G16: ModpParams = safe(&MODP4096_P);
    const G17: ModpParams = safe(&MODP6144_P);
    const G18: ModpParams = safe(&MODP8192_P);
    const G22: ModpParams = rfc5114(&MODP1024S160_P, &MODP1024S160_G, &MODP1024S160_Q);
    const G23: ModpParams = rfc5114(&MODP2048S224_P, &MODP2048S224_G, &MODP2048S224_Q);
    const G24: ModpParams = rfc5114(&MODP2048S256_P, &MODP2048S256_G, &MODP2048S256_Q);
    match group {
        DhGroup::Modp768 => Some(&G1),
        DhGroup::Modp1024 => Some(&G2),
        DhGroup::Modp1536 => Some(&G5),
        DhGroup::Modp2048 => Some(&G14),
        DhGroup::Modp3072 => Some(&G15),
        DhGroup::Modp4096 => Some(&G16),
        DhGroup::Modp6144 => Some(&G17),
        DhGroup::Modp8192 => Some(&G18),
        DhGroup::Modp1024S160 => Some(&G22),
        DhGroup::Modp2048S224 => Some(&G23),
        DhGroup::Modp2048S256 => Some(&G24),
        DhGroup::Ecp256 | DhGroup::Ecp384 | DhGroup::Ecp521 | DhGroup::Curve25519 => None,
    }
}

/// The value of one hex digit.
const fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decodes hex text into exactly `N` bytes, skipping ASCII whitespace. `None` when the text
/// has another character, an odd number of digits, or not exactly `2 * N` digits.
const fn decode<const N: usize>(text: &str) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    let mut rest = text.as_bytes();
    let mut high: Option<u8> = None;
    let mut dst: &mut [u8] = &mut out;
    while let [c, tail @ ..] = rest {
        rest = tail;
        if c.is_ascii_whitespace() {
            continue;
        }
        let Some(value) = nibble(*c) else {
            return None;
        };
        match high {
            None => high = Some(value),
            Some(h) => {
                let Some((first, more)) = dst.split_first_mut() else {
                    return None;
                };
                *first = (h << 4) | value;
                dst = more;
                high = None;
            }
        }
    }
    if !dst.is_empty() || high.is_some() {
        return None;
    }
    Some(out)
}

/// Defines a byte-array constant from RFC-formatted hex, and a compile-time check that the
/// text decodes to exactly that many bytes.
macro_rules! hex_bytes {
    ($(#[$meta:meta])* $name:ident: $len:literal = $hex:literal;) => {
        $(#[$meta])*
        const $name: [u8; $len] = match decode::<$len>($hex) {
            Some(bytes) => bytes,
            None => [0; $len],
        };
        const _: () = assert!(decode::<$len>($hex).is_some(), concat!("malformed constant ", stringify!($name)));
    };
}

hex_bytes! {
    /// RFC 2409 §6.1: the 768-bit MODP prime of group 1, `2^768 - 2^704 - 1 + 2^64 * ([2^638 pi] + 149686)`.
    MODP768_P: 96 = "
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A63A3620 FFFFFFFF FFFFFFFF
";
}

hex_bytes! {
    /// RFC 2409 §6.2: the 1024-bit MODP prime of group 2, `2^1024 - 2^960 - 1 + 2^64 * ([2^894 pi] + 129093)`.
    MODP1024_P: 128 = "
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
    EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE65381 FFFFFFFF FFFFFFFF
";
}

hex_bytes! {
    /// RFC 3526 §2: the 1536-bit MODP prime of group 5, `2^1536 - 2^1472 - 1 + 2^64 * ([2^1406 pi] + 741804)`.
    MODP1536_P: 192 = "
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
    EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05
    98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB
    9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA237327 FFFFFFFF FFFFFFFF
";
}

hex_bytes! {
    /// RFC 3526 §3: the 2048-bit MODP prime of group 14, `2^2048 - 2^1984 - 1 + 2^64 * ([2^1918 pi] + 124476)`.
    MODP2048_P: 256 = "
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
    EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05
    98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB
    9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
    E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718
    3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AACAA68 FFFFFFFF FFFFFFFF
";
}

hex_bytes! {
    /// RFC 3526 §4: the 3072-bit MODP prime of group 15, `2^3072 - 2^3008 - 1 + 2^64 * ([2^2942 pi] + 1690314)`.
    MODP3072_P: 384 = "
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
    EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05
    98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB
    9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
    E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718
    3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AAAC42D AD33170D 04507A33
    A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7
    ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864
    D8760273 3EC86A64 521F2B18 177B200C BBE11757 7A615D6C 770988C0 BAD946E2
    08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A93AD2CA FFFFFFFF FFFFFFFF
";
}

hex_bytes! {
    /// RFC 3526 §5: the 4096-bit MODP prime of group 16, `2^4096 - 2^4032 - 1 + 2^64 * ([2^3966 pi] + 240904)`.
    MODP4096_P: 512 = "
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
    EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05
    98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB
    9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
    E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718
    3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AAAC42D AD33170D 04507A33
    A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7
    ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864
    D8760273 3EC86A64 521F2B18 177B200C BBE11757 7A615D6C 770988C0 BAD946E2
    08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A9210801 1A723C12 A787E6D7
    88719A10 BDBA5B26 99C32718 6AF4E23C 1A946834 B6150BDA 2583E9CA 2AD44CE8
    DBBBC2DB 04DE8EF9 2E8EFC14 1FBECAA6 287C5947 4E6BC05D 99B2964F A090C3A2
    233BA186 515BE7ED 1F612970 CEE2D7AF B81BDD76 2170481C D0069127 D5B05AA9
    93B4EA98 8D8FDDC1 86FFB7DC 90A6C08F 4DF435C9 34063199 FFFFFFFF FFFFFFFF
";
}

hex_bytes! {
    /// RFC 3526 §6: the 6144-bit MODP prime of group 17, `2^6144 - 2^6080 - 1 + 2^64 * ([2^6014 pi] + 929484)`.
    MODP6144_P: 768 = "
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
    EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05
    98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB
    9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
    E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718
    3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AAAC42D AD33170D 04507A33
    A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7
    ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864
    D8760273 3EC86A64 521F2B18 177B200C BBE11757 7A615D6C 770988C0 BAD946E2
    08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A9210801 1A723C12 A787E6D7
    88719A10 BDBA5B26 99C32718 6AF4E23C 1A946834 B6150BDA 2583E9CA 2AD44CE8
    DBBBC2DB 04DE8EF9 2E8EFC14 1FBECAA6 287C5947 4E6BC05D 99B2964F A090C3A2
    233BA186 515BE7ED 1F612970 CEE2D7AF B81BDD76 2170481C D0069127 D5B05AA9
    93B4EA98 8D8FDDC1 86FFB7DC 90A6C08F 4DF435C9 34028492 36C3FAB4 D27C7026
    C1D4DCB2 602646DE C9751E76 3DBA37BD F8FF9406 AD9E530E E5DB382F 413001AE
    B06A53ED 9027D831 179727B0 865A8918 DA3EDBEB CF9B14ED 44CE6CBA CED4BB1B
    DB7F1447 E6CC254B 33205151 2BD7AF42 6FB8F401 378CD2BF 5983CA01 C64B92EC
    F032EA15 D1721D03 F482D7CE 6E74FEF6 D55E702F 46980C82 B5A84031 900B1C9E
    59E7C97F BEC7E8F3 23A97A7E 36CC88BE 0F1D45B7 FF585AC5 4BD407B2 2B4154AA
    CC8F6D7E BF48E1D8 14CC5ED2 0F8037E0 A79715EE F29BE328 06A1D58B B7C5DA76
    F550AA3D 8A1FBFF0 EB19CCB1 A313D55C DA56C9EC 2EF29632 387FE8D7 6E3C0468
    043E8F66 3F4860EE 12BF2D5B 0B7474D6 E694F91E 6DCC4024 FFFFFFFF FFFFFFFF
";
}

hex_bytes! {
    /// RFC 3526 §7: the 8192-bit MODP prime of group 18, `2^8192 - 2^8128 - 1 + 2^64 * ([2^8062 pi] + 4743158)`.
    MODP8192_P: 1024 = "
    FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74
    020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437
    4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
    EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05
    98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB
    9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
    E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718
    3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AAAC42D AD33170D 04507A33
    A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7
    ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864
    D8760273 3EC86A64 521F2B18 177B200C BBE11757 7A615D6C 770988C0 BAD946E2
    08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A9210801 1A723C12 A787E6D7
    88719A10 BDBA5B26 99C32718 6AF4E23C 1A946834 B6150BDA 2583E9CA 2AD44CE8
    DBBBC2DB 04DE8EF9 2E8EFC14 1FBECAA6 287C5947 4E6BC05D 99B2964F A090C3A2
    233BA186 515BE7ED 1F612970 CEE2D7AF B81BDD76 2170481C D0069127 D5B05AA9
    93B4EA98 8D8FDDC1 86FFB7DC 90A6C08F 4DF435C9 34028492 36C3FAB4 D27C7026
    C1D4DCB2 602646DE C9751E76 3DBA37BD F8FF9406 AD9E530E E5DB382F 413001AE
    B06A53ED 9027D831 179727B0 865A8918 DA3EDBEB CF9B14ED 44CE6CBA CED4BB1B
    DB7F1447 E6CC254B 33205151 2BD7AF42 6FB8F401 378CD2BF 5983CA01 C64B92EC
    F032EA15 D1721D03 F482D7CE 6E74FEF6 D55E702F 46980C82 B5A84031 900B1C9E
    59E7C97F BEC7E8F3 23A97A7E 36CC88BE 0F1D45B7 FF585AC5 4BD407B2 2B4154AA
    CC8F6D7E BF48E1D8 14CC5ED2 0F8037E0 A79715EE F29BE328 06A1D58B B7C5DA76
    F550AA3D 8A1FBFF0 EB19CCB1 A313D55C DA56C9EC 2EF29632 387FE8D7 6E3C0468
    043E8F66 3F4860EE 12BF2D5B 0B7474D6 E694F91E 6DBE1159 74A3926F 12FEE5E4
    38777CB6 A932DF8C D8BEC4D0 73B931BA 3BC832B6 8D9DD300 741FA7BF 8AFC47ED
    2576F693 6BA42466 3AAB639C 5AE4F568 3423B474 2BF1C978 238F16CB E39D652D
    E3FDB8BE FC848AD9 22222E04 A4037C07 13EB57A8 1A23F0C7 3473FC64 6CEA306B
    4BCBC886 2F8385DD FA9D4B7F A2C087E8 79683303 ED5BDD3A 062B3CF5 B3A278A6
    6D2A13F8 3F44F82D DF310EE0 74AB6A36 4597E899 A0255DC1 64F31CC5 0846851D
    F9AB4819 5DED7EA1 B1D510BD 7EE74D73 FAF36BC3 1ECFA268 359046F4 EB879F92
    4009438B 481C6CD7 889A002E D5EE382B C9190DA6 FC026E47 9558E447 5677E9AA
    9E3050E2 765694DF C81F56E8 80B96E71 60C980DD 98EDD3DF FFFFFFFF FFFFFFFF
";
}

hex_bytes! {
    /// RFC 5114 §2.1: the prime `p` of group 22.
    MODP1024S160_P: 128 = "
    B10B8F96 A080E01D DE92DE5E AE5D54EC 52C99FBC FB06A3C6 9A6A9DCA 52D23B61
    6073E286 75A23D18 9838EF1E 2EE652C0 13ECB4AE A9061123 24975C3C D49B83BF
    ACCBDD7D 90C4BD70 98488E9C 219A7372 4EFFD6FA E5644738 FAA31A4F F55BCCC0
    A151AF5F 0DC8B4BD 45BF37DF 365C1A65 E68CFDA7 6D4DA708 DF1FB2BC 2E4A4371
";
}

hex_bytes! {
    /// RFC 5114 §2.1: the generator `g` of group 22, of prime order `q`.
    MODP1024S160_G: 128 = "
    A4D1CBD5 C3FD3412 6765A442 EFB99905 F8104DD2 58AC507F D6406CFF 14266D31
    266FEA1E 5C41564B 777E690F 5504F213 160217B4 B01B886A 5E91547F 9E2749F4
    D7FBD7D3 B9A92EE1 909D0D22 63F80A76 A6A24C08 7A091F53 1DBF0A01 69B6A28A
    D662A4D1 8E73AFA3 2D779D59 18D08BC8 858F4DCE F97C2A24 855E6EEB 22B3B2E5
";
}

hex_bytes! {
    /// RFC 5114 §2.1: the order `q` (160 bits) of the subgroup that `g` generates in group 22.
    MODP1024S160_Q: 20 = "
    F518AA87 81A8DF27 8ABA4E7D 64B7CB9D 49462353
";
}

hex_bytes! {
    /// RFC 5114 §2.2: the prime `p` of group 23.
    MODP2048S224_P: 256 = "
    AD107E1E 9123A9D0 D660FAA7 9559C51F A20D64E5 683B9FD1 B54B1597 B61D0A75
    E6FA141D F95A56DB AF9A3C40 7BA1DF15 EB3D688A 309C180E 1DE6B85A 1274A0A6
    6D3F8152 AD6AC212 9037C9ED EFDA4DF8 D91E8FEF 55B7394B 7AD5B7D0 B6C12207
    C9F98D11 ED34DBF6 C6BA0B2C 8BBC27BE 6A00E0A0 B9C49708 B3BF8A31 70918836
    81286130 BC8985DB 1602E714 415D9330 278273C7 DE31EFDC 7310F712 1FD5A074
    15987D9A DC0A486D CDF93ACC 44328387 315D75E1 98C641A4 80CD86A1 B9E587E8
    BE60E69C C928B2B9 C52172E4 13042E9B 23F10B0E 16E79763 C9B53DCF 4BA80A29
    E3FB73C1 6B8E75B9 7EF363E2 FFA31F71 CF9DE538 4E71B81C 0AC4DFFE 0C10E64F
";
}

hex_bytes! {
    /// RFC 5114 §2.2: the generator `g` of group 23, of prime order `q`.
    MODP2048S224_G: 256 = "
    AC4032EF 4F2D9AE3 9DF30B5C 8FFDAC50 6CDEBE7B 89998CAF 74866A08 CFE4FFE3
    A6824A4E 10B9A6F0 DD921F01 A70C4AFA AB739D77 00C29F52 C57DB17C 620A8652
    BE5E9001 A8D66AD7 C1766910 1999024A F4D02727 5AC1348B B8A762D0 521BC98A
    E2471504 22EA1ED4 09939D54 DA7460CD B5F6C6B2 50717CBE F180EB34 118E98D1
    19529A45 D6F83456 6E3025E3 16A330EF BB77A86F 0C1AB15B 051AE3D4 28C8F8AC
    B70A8137 150B8EEB 10E183ED D19963DD D9E263E4 770589EF 6AA21E7F 5F2FF381
    B539CCE3 409D13CD 566AFBB4 8D6C0191 81E1BCFE 94B30269 EDFE72FE 9B6AA4BD
    7B5A0F1C 71CFFF4C 19C418E1 F6EC0179 81BC087F 2A7065B3 84B890D3 191F2BFA
";
}

hex_bytes! {
    /// RFC 5114 §2.2: the order `q` (224 bits) of the subgroup that `g` generates in group 23.
    MODP2048S224_Q: 28 = "
    801C0D34 C58D93FE 99717710 1F80535A 4738CEBC BF389A99 B36371EB
";
}

hex_bytes! {
    /// RFC 5114 §2.3: the prime `p` of group 24.
    MODP2048S256_P: 256 = "
    87A8E61D B4B6663C FFBBD19C 65195999 8CEEF608 660DD0F2 5D2CEED4 435E3B00
    E00DF8F1 D61957D4 FAF7DF45 61B2AA30 16C3D911 34096FAA 3BF4296D 830E9A7C
    209E0C64 97517ABD 5A8A9D30 6BCF67ED 91F9E672 5B4758C0 22E0B1EF 4275BF7B
    6C5BFC11 D45F9088 B941F54E B1E59BB8 BC39A0BF 12307F5C 4FDB70C5 81B23F76
    B63ACAE1 CAA6B790 2D525267 35488A0E F13C6D9A 51BFA4AB 3AD83477 96524D8E
    F6A167B5 A41825D9 67E144E5 14056425 1CCACB83 E6B486F6 B3CA3F79 71506026
    C0B857F6 89962856 DED4010A BD0BE621 C3A3960A 54E710C3 75F26375 D7014103
    A4B54330 C198AF12 6116D227 6E11715F 693877FA D7EF09CA DB094AE9 1E1A1597
";
}

hex_bytes! {
    /// RFC 5114 §2.3: the generator `g` of group 24, of prime order `q`.
    MODP2048S256_G: 256 = "
    3FB32C9B 73134D0B 2E775066 60EDBD48 4CA7B18F 21EF2054 07F4793A 1A0BA125
    10DBC150 77BE463F FF4FED4A AC0BB555 BE3A6C1B 0C6B47B1 BC3773BF 7E8C6F62
    901228F8 C28CBB18 A55AE313 41000A65 0196F931 C77A57F2 DDF463E5 E9EC144B
    777DE62A AAB8A862 8AC376D2 82D6ED38 64E67982 428EBC83 1D14348F 6F2F9193
    B5045AF2 767164E1 DFC967C1 FB3F2E55 A4BD1BFF E83B9C80 D052B985 D182EA0A
    DB2A3B73 13D3FE14 C8484B1E 052588B9 B7D2BBD2 DF016199 ECD06E15 57CD0915
    B3353BBB 64E0EC37 7FD02837 0DF92B52 C7891428 CDC67EB6 184B523D 1DB246C3
    2F630784 90F00EF8 D647D148 D4795451 5E2327CF EF98C582 664B4C0F 6CC41659
";
}

hex_bytes! {
    /// RFC 5114 §2.3: the order `q` (256 bits) of the subgroup that `g` generates in group 24.
    MODP2048S256_Q: 32 = "
    8CF83642 A709A097 B4479976 40129DA2 99B1A47D 1EB3750B A308B0FE 64F5FBD3
";
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

    use super::*;
    use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
    use crypto_bigint::{BoxedUint, NonZero, Odd};

    fn uint(bytes: &[u8], bits: u32) -> BoxedUint {
        BoxedUint::from_be_slice(bytes, bits).unwrap()
    }

    /// `base^exponent mod modulus == 1`.
    fn pow_is_one(base: u64, exponent: &BoxedUint, modulus: &BoxedUint) -> bool {
        let bits = modulus.bits_precision();
        let params = BoxedMontyParams::new_vartime(Odd::new(modulus.clone()).unwrap());
        let base = BoxedMontyForm::new(crypto_bigint::Resize::resize(BoxedUint::from(base), bits), &params);
        base.pow(exponent).retrieve() == BoxedUint::one_with_precision(bits)
    }

    #[test]
    fn decode_accepts_rfc_layout_and_rejects_garbage() {
        assert_eq!(decode::<4>(" 0102\n0a0B "), Some([1, 2, 10, 11]));
        assert_eq!(decode::<2>("010"), None);
        assert_eq!(decode::<2>("01"), None);
        assert_eq!(decode::<1>("0102"), None);
        assert_eq!(decode::<1>("0g"), None);
    }

    /// Every MODP group: `p` has the catalogue's length and top bit, passes a Fermat test to
    /// bases 2, 3 and 5; the safe primes have `q = (p - 1) / 2` passing the same test and the
    /// top and bottom 64 bits set (RFC 2409 §6, RFC 3526 §1); the RFC 5114 groups have `q`
    /// of the stated length dividing `p - 1`, `1 < g < p - 1` and `g^q = 1` (RFC 5114 §2).
    #[test]
    fn parameters_are_consistent() {
        for &group in DhGroup::ALL {
            let Some(params) = modp_params(group) else { continue };
            let crate::algorithm::DhGroupKind::Modp { prime_bits, subgroup_bits } = group.kind() else {
                panic!("{group}: not MODP");
            };
            assert_eq!(params.prime.len() * 8, prime_bits, "{group}: prime length");
            assert!(params.prime[0] & 0x80 != 0, "{group}: prime top bit");
            let bits = u32::try_from(prime_bits).unwrap();
            let p = uint(params.prime, bits);
            let p_minus_1 = p.wrapping_sub(BoxedUint::one_with_precision(bits));
            for base in [2, 3, 5] {
                assert!(pow_is_one(base, &p_minus_1, &p), "{group}: Fermat base {base}");
            }
            let g = uint(params.generator, bits);
            assert!(g > BoxedUint::one_with_precision(bits) && g < p_minus_1, "{group}: generator range");
            match (params.order, subgroup_bits) {
                (None, None) => {
                    assert_eq!(params.generator, &[2]);
                    assert!(
                        params.prime[..8].iter().chain(&params.prime[params.prime.len() - 8..]).all(|&b| b == 0xff)
                    );
                    let q = p_minus_1.shr_vartime(1).unwrap();
                    let q_minus_1 = q.wrapping_sub(BoxedUint::one_with_precision(bits));
                    for base in [2, 3, 5] {
                        assert!(pow_is_one(base, &q_minus_1, &q), "{group}: Fermat base {base} for q");
                    }
                    // 2 generates the subgroup of order q: 2^q = 1 (p = 7 mod 8).
                    assert!(pow_is_one(2, &q, &p), "{group}: 2^q");
                }
                (Some(order), Some(order_bits)) => {
                    let q = uint(order, bits);
                    assert_eq!(q.bit_width_vartime(), u32::try_from(order_bits).unwrap(), "{group}: q length");
                    let q_minus_1 = q.wrapping_sub(BoxedUint::one_with_precision(bits));
                    for base in [2, 3, 5] {
                        assert!(pow_is_one(base, &q_minus_1, &q), "{group}: Fermat base {base} for q");
                    }
                    let rem = p_minus_1.rem_vartime(&NonZero::new(q.clone()).unwrap());
                    assert!(bool::from(rem.is_zero()), "{group}: q divides p - 1");
                    let params_p = BoxedMontyParams::new_vartime(Odd::new(p.clone()).unwrap());
                    let g_q = BoxedMontyForm::new(g, &params_p).pow(&q).retrieve();
                    assert_eq!(g_q, BoxedUint::one_with_precision(bits), "{group}: g^q");
                }
                _ => panic!("{group}: subgroup order and catalogue disagree"),
            }
        }
    }
}
