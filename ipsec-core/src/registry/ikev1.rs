//! IKEv1 / ISAKMP registries: RFC 2407 (IPsec DOI), RFC 2408 (ISAKMP), RFC 2409 (IKE) and
//! their updates (RFC 3526, 3947, 4106, 4304, 4543, 4868, 5114, 5903 and others named below).

registry! {
    /// ESP transform identifiers, IPsec DOI (RFC 2407 §4.4.4; IANA "IPSEC ESP Transform
    /// Identifiers").
    pub enum EspTransformId: u8 {
        /// DES-CBC with a 64-bit IV (RFC 1827).
        DesIv64 = 1 => "ESP_DES_IV64",
        /// DES-CBC (RFC 2405).
        Des = 2 => "ESP_DES",
        /// Triple DES, EDE3-CBC (RFC 2451).
        TripleDes = 3 => "ESP_3DES",
        /// RC5 (RFC 2451).
        Rc5 = 4 => "ESP_RC5",
        /// IDEA (RFC 2451).
        Idea = 5 => "ESP_IDEA",
        /// CAST-128 (RFC 2451).
        Cast = 6 => "ESP_CAST",
        /// Blowfish (RFC 2451).
        Blowfish = 7 => "ESP_BLOWFISH",
        /// Triple IDEA.
        TripleIdea = 8 => "ESP_3IDEA",
        /// DES-CBC with a 32-bit IV (RFC 1829 variant).
        DesIv32 = 9 => "ESP_DES_IV32",
        /// RC4.
        Rc4 = 10 => "ESP_RC4",
        /// No encryption (RFC 2410).
        Null = 11 => "ESP_NULL",
        /// AES-CBC (RFC 3602).
        AesCbc = 12 => "ESP_AES-CBC",
        /// AES-CTR (RFC 3686).
        AesCtr = 13 => "ESP_AES-CTR",
        /// AES-CCM with an 8-byte ICV (RFC 4309).
        AesCcm8 = 14 => "ESP_AES-CCM_8",
        /// AES-CCM with a 12-byte ICV (RFC 4309).
        AesCcm12 = 15 => "ESP_AES-CCM_12",
        /// AES-CCM with a 16-byte ICV (RFC 4309).
        AesCcm16 = 16 => "ESP_AES-CCM_16",
        /// AES-GCM with an 8-byte ICV (RFC 4106).
        AesGcm8 = 18 => "ESP_AES-GCM_8",
        /// AES-GCM with a 12-byte ICV (RFC 4106).
        AesGcm12 = 19 => "ESP_AES-GCM_12",
        /// AES-GCM with a 16-byte ICV (RFC 4106).
        AesGcm16 = 20 => "ESP_AES-GCM_16",
        /// SEED-CBC (RFC 4196).
        SeedCbc = 21 => "ESP_SEED_CBC",
        /// Camellia-CBC (RFC 4312).
        Camellia = 22 => "ESP_CAMELLIA",
        /// AES-GMAC, authentication only (RFC 4543).
        NullAuthAesGmac = 23 => "ESP_NULL_AUTH_AES-GMAC",
    }
}

registry! {
    /// AH transform identifiers, IPsec DOI (RFC 2407 §4.4.3; IANA "IPSEC AH Transform
    /// Identifiers").
    pub enum AhTransformId: u8 {
        /// Keyed MD5 per RFC 1828, or HMAC-MD5 with the authentication-algorithm attribute.
        Md5 = 2 => "AH_MD5",
        /// HMAC-SHA-1 (RFC 2404).
        Sha = 3 => "AH_SHA",
        /// DES-MAC.
        Des = 4 => "AH_DES",
        /// HMAC-SHA2-256 (RFC 4868).
        Sha2_256 = 5 => "AH_SHA2-256",
        /// HMAC-SHA2-384 (RFC 4868).
        Sha2_384 = 6 => "AH_SHA2-384",
        /// HMAC-SHA2-512 (RFC 4868).
        Sha2_512 = 7 => "AH_SHA2-512",
        /// HMAC-RIPEMD-160 (RFC 2857).
        Ripemd = 8 => "AH_RIPEMD",
        /// AES-XCBC-MAC-96 (RFC 3566).
        AesXcbcMac = 9 => "AH_AES-XCBC-MAC",
        /// RSA digital signature (RFC 4359).
        Rsa = 10 => "AH_RSA",
        /// AES-128-GMAC (RFC 4543).
        Aes128Gmac = 11 => "AH_AES-128-GMAC",
        /// AES-192-GMAC (RFC 4543).
        Aes192Gmac = 12 => "AH_AES-192-GMAC",
        /// AES-256-GMAC (RFC 4543).
        Aes256Gmac = 13 => "AH_AES-256-GMAC",
    }
}

registry! {
    /// IPsec DOI "Authentication Algorithm" attribute values (RFC 2407 §4.5; RFC 4868 §2.4 for
    /// SHA-2; RFC 4543 for GMAC).
    pub enum IpsecAuthAlgorithm: u16 {
        /// HMAC-MD5 (RFC 2403).
        HmacMd5 = 1 => "HMAC-MD5",
        /// HMAC-SHA-1 (RFC 2404).
        HmacSha = 2 => "HMAC-SHA",
        /// DES-MAC.
        DesMac = 3 => "DES-MAC",
        /// KPDK (RFC 1826 keyed MD5).
        Kpdk = 4 => "KPDK",
        /// HMAC-SHA2-256 (RFC 4868).
        HmacSha2_256 = 5 => "HMAC-SHA2-256",
        /// HMAC-SHA2-384 (RFC 4868).
        HmacSha2_384 = 6 => "HMAC-SHA2-384",
        /// HMAC-SHA2-512 (RFC 4868).
        HmacSha2_512 = 7 => "HMAC-SHA2-512",
        /// HMAC-RIPEMD-160 (RFC 2857).
        HmacRipemd = 8 => "HMAC-RIPEMD",
        /// AES-XCBC-MAC (RFC 3566).
        AesXcbcMac = 9 => "AES-XCBC-MAC",
        /// RSA signature (RFC 4359).
        SigRsa = 10 => "SIG-RSA",
        /// AES-128-GMAC (RFC 4543).
        Aes128Gmac = 11 => "AES-128-GMAC",
        /// AES-192-GMAC (RFC 4543).
        Aes192Gmac = 12 => "AES-192-GMAC",
        /// AES-256-GMAC (RFC 4543).
        Aes256Gmac = 13 => "AES-256-GMAC",
    }
}

registry! {
    /// Phase-1 "Encryption Algorithm" attribute values (RFC 2409 Appendix A; RFC 3602 for AES).
    pub enum Phase1EncryptionAlgorithm: u16 {
        /// DES-CBC.
        DesCbc = 1 => "DES-CBC",
        /// IDEA-CBC.
        IdeaCbc = 2 => "IDEA-CBC",
        /// Blowfish-CBC.
        BlowfishCbc = 3 => "Blowfish-CBC",
        /// RC5-R16-B64-CBC.
        Rc5Cbc = 4 => "RC5-R16-B64-CBC",
        /// 3DES-CBC.
        TripleDesCbc = 5 => "3DES-CBC",
        /// CAST-CBC.
        CastCbc = 6 => "CAST-CBC",
        /// AES-CBC (RFC 3602).
        AesCbc = 7 => "AES-CBC",
        /// Camellia-CBC (RFC 4312).
        CamelliaCbc = 8 => "CAMELLIA-CBC",
    }
}

registry! {
    /// Phase-1 "Hash Algorithm" attribute values (RFC 2409 Appendix A; RFC 4878 for SHA-2).
    pub enum Phase1HashAlgorithm: u16 {
        /// MD5.
        Md5 = 1 => "MD5",
        /// SHA-1.
        Sha = 2 => "SHA",
        /// Tiger.
        Tiger = 3 => "Tiger",
        /// SHA2-256.
        Sha2_256 = 4 => "SHA2-256",
        /// SHA2-384.
        Sha2_384 = 5 => "SHA2-384",
        /// SHA2-512.
        Sha2_512 = 6 => "SHA2-512",
    }
}

registry! {
    /// Phase-1 "Group Description" and IPsec DOI "Group Description" attribute values
    /// (RFC 2409 §6, RFC 3526, RFC 5114, RFC 5903, RFC 8031). The numbers are shared with the
    /// IKEv2 key-exchange transform ids.
    pub enum GroupDescription: u16 {
        /// 768-bit MODP (RFC 2409 §6.1).
        Modp768 = 1 => "768-bit MODP group",
        /// 1024-bit MODP (RFC 2409 §6.2).
        Modp1024 = 2 => "1024-bit MODP group",
        /// EC2N over GF(2^155) (RFC 2409 §6.3).
        Ec2n155 = 3 => "EC2N group on GP[2^155]",
        /// EC2N over GF(2^185) (RFC 2409 §6.4).
        Ec2n185 = 4 => "EC2N group on GP[2^185]",
        /// 1536-bit MODP (RFC 3526 §2).
        Modp1536 = 5 => "1536-bit MODP group",
        /// EC2N over GF(2^163), the ASA 8.x "group 7".
        Ec2n163A = 7 => "EC2N group over GF[2^163]",
        /// 2048-bit MODP (RFC 3526 §3).
        Modp2048 = 14 => "2048-bit MODP group",
        /// 3072-bit MODP (RFC 3526 §4).
        Modp3072 = 15 => "3072-bit MODP group",
        /// 4096-bit MODP (RFC 3526 §5).
        Modp4096 = 16 => "4096-bit MODP group",
        /// 6144-bit MODP (RFC 3526 §6).
        Modp6144 = 17 => "6144-bit MODP group",
        /// 8192-bit MODP (RFC 3526 §7).
        Modp8192 = 18 => "8192-bit MODP group",
        /// 256-bit random ECP (RFC 5903).
        Ecp256 = 19 => "256-bit random ECP group",
        /// 384-bit random ECP (RFC 5903).
        Ecp384 = 20 => "384-bit random ECP group",
        /// 521-bit random ECP (RFC 5903).
        Ecp521 = 21 => "521-bit random ECP group",
        /// 1024-bit MODP with 160-bit prime-order subgroup (RFC 5114 §2.1).
        Modp1024S160 = 22 => "1024-bit MODP Group with 160-bit Prime Order Subgroup",
        /// 2048-bit MODP with 224-bit prime-order subgroup (RFC 5114 §2.2).
        Modp2048S224 = 23 => "2048-bit MODP Group with 224-bit Prime Order Subgroup",
        /// 2048-bit MODP with 256-bit prime-order subgroup (RFC 5114 §2.3).
        Modp2048S256 = 24 => "2048-bit MODP Group with 256-bit Prime Order Subgroup",
        /// 192-bit random ECP (RFC 5114).
        Ecp192 = 25 => "192-bit Random ECP Group",
        /// 224-bit random ECP (RFC 5114).
        Ecp224 = 26 => "224-bit Random ECP Group",
        /// brainpoolP224r1 (RFC 6932).
        BrainpoolP224r1 = 27 => "brainpoolP224r1",
        /// brainpoolP256r1 (RFC 6932).
        BrainpoolP256r1 = 28 => "brainpoolP256r1",
        /// brainpoolP384r1 (RFC 6932).
        BrainpoolP384r1 = 29 => "brainpoolP384r1",
        /// brainpoolP512r1 (RFC 6932).
        BrainpoolP512r1 = 30 => "brainpoolP512r1",
        /// Curve25519 (RFC 8031).
        Curve25519 = 31 => "Curve25519",
        /// Curve448 (RFC 8031).
        Curve448 = 32 => "Curve448",
    }
}
