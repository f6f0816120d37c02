//! IKEv2 registries: RFC 7296 and its updates (RFC 4106, 4543, 5114, 5282, 5903, 7634, 8031,
//! 9370 and others named below).

registry! {
    /// Transform type 1, encryption algorithm ids (RFC 7296 §3.3.2; IANA "Transform Type 1").
    pub enum EncryptionId: u16 {
        /// DES with a 64-bit IV (RFC 1827).
        DesIv64 = 1 => "ENCR_DES_IV64",
        /// DES-CBC (RFC 2405).
        Des = 2 => "ENCR_DES",
        /// 3DES-CBC (RFC 2451).
        TripleDes = 3 => "ENCR_3DES",
        /// RC5 (RFC 2451).
        Rc5 = 4 => "ENCR_RC5",
        /// IDEA (RFC 2451).
        Idea = 5 => "ENCR_IDEA",
        /// CAST (RFC 2451).
        Cast = 6 => "ENCR_CAST",
        /// Blowfish (RFC 2451).
        Blowfish = 7 => "ENCR_BLOWFISH",
        /// Triple IDEA.
        TripleIdea = 8 => "ENCR_3IDEA",
        /// DES with a 32-bit IV.
        DesIv32 = 9 => "ENCR_DES_IV32",
        /// No encryption (RFC 2410).
        Null = 11 => "ENCR_NULL",
        /// AES-CBC (RFC 3602).
        AesCbc = 12 => "ENCR_AES_CBC",
        /// AES-CTR (RFC 3686 / RFC 5930).
        AesCtr = 13 => "ENCR_AES_CTR",
        /// AES-CCM with an 8-byte ICV (RFC 4309 / RFC 5282).
        AesCcm8 = 14 => "ENCR_AES_CCM_8",
        /// AES-CCM with a 12-byte ICV.
        AesCcm12 = 15 => "ENCR_AES_CCM_12",
        /// AES-CCM with a 16-byte ICV.
        AesCcm16 = 16 => "ENCR_AES_CCM_16",
        /// AES-GCM with an 8-byte ICV (RFC 4106 / RFC 5282).
        AesGcm8 = 18 => "ENCR_AES_GCM_8",
        /// AES-GCM with a 12-byte ICV.
        AesGcm12 = 19 => "ENCR_AES_GCM_12",
        /// AES-GCM with a 16-byte ICV.
        AesGcm16 = 20 => "ENCR_AES_GCM_16",
        /// AES-GMAC, authentication only (RFC 4543).
        NullAuthAesGmac = 21 => "ENCR_NULL_AUTH_AES_GMAC",
        /// Camellia-CBC (RFC 5529).
        CamelliaCbc = 23 => "ENCR_CAMELLIA_CBC",
        /// Camellia-CTR (RFC 5529).
        CamelliaCtr = 24 => "ENCR_CAMELLIA_CTR",
        /// Camellia-CCM with an 8-byte ICV (RFC 5529).
        CamelliaCcm8 = 25 => "ENCR_CAMELLIA_CCM_8_ICV",
        /// Camellia-CCM with a 12-byte ICV (RFC 5529).
        CamelliaCcm12 = 26 => "ENCR_CAMELLIA_CCM_12_ICV",
        /// Camellia-CCM with a 16-byte ICV (RFC 5529).
        CamelliaCcm16 = 27 => "ENCR_CAMELLIA_CCM_16_ICV",
        /// ChaCha20-Poly1305 (RFC 7634).
        ChaCha20Poly1305 = 28 => "ENCR_CHACHA20_POLY1305",
        /// Kuznyechik-MGM-KTREE (RFC 9227).
        KuznyechikMgmKtree = 32 => "ENCR_KUZNYECHIK_MGM_KTREE",
        /// Magma-MGM-KTREE (RFC 9227).
        MagmaMgmKtree = 33 => "ENCR_MAGMA_MGM_KTREE",
        /// Kuznyechik-MGM-MAC-KTREE (RFC 9227).
        KuznyechikMgmMacKtree = 34 => "ENCR_KUZNYECHIK_MGM_MAC_KTREE",
        /// Magma-MGM-MAC-KTREE (RFC 9227).
        MagmaMgmMacKtree = 35 => "ENCR_MAGMA_MGM_MAC_KTREE",
    }
}

registry! {
    /// Transform type 2, pseudo-random function ids (RFC 7296 §3.3.2).
    pub enum PrfId: u16 {
        /// HMAC-MD5 (RFC 2104).
        HmacMd5 = 1 => "PRF_HMAC_MD5",
        /// HMAC-SHA1 (RFC 2104).
        HmacSha1 = 2 => "PRF_HMAC_SHA1",
        /// HMAC-Tiger.
        HmacTiger = 3 => "PRF_HMAC_TIGER",
        /// AES-XCBC-PRF-128 (RFC 4434).
        Aes128Xcbc = 4 => "PRF_AES128_XCBC",
        /// HMAC-SHA2-256 (RFC 4868).
        HmacSha2_256 = 5 => "PRF_HMAC_SHA2_256",
        /// HMAC-SHA2-384 (RFC 4868).
        HmacSha2_384 = 6 => "PRF_HMAC_SHA2_384",
        /// HMAC-SHA2-512 (RFC 4868).
        HmacSha2_512 = 7 => "PRF_HMAC_SHA2_512",
        /// AES-CMAC-PRF-128 (RFC 4615).
        Aes128Cmac = 8 => "PRF_AES128_CMAC",
        /// HMAC-Streebog-512 (RFC 9385).
        HmacStreebog512 = 9 => "PRF_HMAC_STREEBOG_512",
    }
}

registry! {
    /// Transform type 3, integrity algorithm ids (RFC 7296 §3.3.2).
    pub enum IntegrityId: u16 {
        /// No integrity (with combined-mode ciphers).
        None = 0 => "NONE",
        /// HMAC-MD5-96 (RFC 2403).
        HmacMd5_96 = 1 => "AUTH_HMAC_MD5_96",
        /// HMAC-SHA1-96 (RFC 2404).
        HmacSha1_96 = 2 => "AUTH_HMAC_SHA1_96",
        /// DES-MAC.
        DesMac = 3 => "AUTH_DES_MAC",
        /// KPDK-MD5 (RFC 1826).
        KpdkMd5 = 4 => "AUTH_KPDK_MD5",
        /// AES-XCBC-96 (RFC 3566).
        AesXcbc96 = 5 => "AUTH_AES_XCBC_96",
        /// HMAC-MD5-128 (RFC 4595).
        HmacMd5_128 = 6 => "AUTH_HMAC_MD5_128",
        /// HMAC-SHA1-160 (RFC 4595).
        HmacSha1_160 = 7 => "AUTH_HMAC_SHA1_160",
        /// AES-CMAC-96 (RFC 4494).
        AesCmac96 = 8 => "AUTH_AES_CMAC_96",
        /// AES-128-GMAC (RFC 4543).
        Aes128Gmac = 9 => "AUTH_AES_128_GMAC",
        /// AES-192-GMAC (RFC 4543).
        Aes192Gmac = 10 => "AUTH_AES_192_GMAC",
        /// AES-256-GMAC (RFC 4543).
        Aes256Gmac = 11 => "AUTH_AES_256_GMAC",
        /// HMAC-SHA2-256-128 (RFC 4868).
        HmacSha2_256_128 = 12 => "AUTH_HMAC_SHA2_256_128",
        /// HMAC-SHA2-384-192 (RFC 4868).
        HmacSha2_384_192 = 13 => "AUTH_HMAC_SHA2_384_192",
        /// HMAC-SHA2-512-256 (RFC 4868).
        HmacSha2_512_256 = 14 => "AUTH_HMAC_SHA2_512_256",
    }
}

registry! {
    /// Transform type 4, key exchange method ids (RFC 7296 §3.3.2 "Diffie-Hellman group",
    /// renamed by RFC 9370). The numbers are shared with the IKEv1 group description.
    pub enum KeyExchangeId: u16 {
        /// None.
        None = 0 => "NONE",
        /// 768-bit MODP (RFC 2409).
        Modp768 = 1 => "768-bit MODP Group",
        /// 1024-bit MODP (RFC 2409).
        Modp1024 = 2 => "1024-bit MODP Group",
        /// 1536-bit MODP (RFC 3526).
        Modp1536 = 5 => "1536-bit MODP Group",
        /// 2048-bit MODP (RFC 3526).
        Modp2048 = 14 => "2048-bit MODP Group",
        /// 3072-bit MODP (RFC 3526).
        Modp3072 = 15 => "3072-bit MODP Group",
        /// 4096-bit MODP (RFC 3526).
        Modp4096 = 16 => "4096-bit MODP Group",
        /// 6144-bit MODP (RFC 3526).
        Modp6144 = 17 => "6144-bit MODP Group",
        /// 8192-bit MODP (RFC 3526).
        Modp8192 = 18 => "8192-bit MODP Group",
        /// 256-bit random ECP (RFC 5903).
        Ecp256 = 19 => "256-bit random ECP group",
        /// 384-bit random ECP (RFC 5903).
        Ecp384 = 20 => "384-bit random ECP group",
        /// 521-bit random ECP (RFC 5903).
        Ecp521 = 21 => "521-bit random ECP group",
        /// 1024-bit MODP with 160-bit prime-order subgroup (RFC 5114).
        Modp1024S160 = 22 => "1024-bit MODP Group with 160-bit Prime Order Subgroup",
        /// 2048-bit MODP with 224-bit prime-order subgroup (RFC 5114).
        Modp2048S224 = 23 => "2048-bit MODP Group with 224-bit Prime Order Subgroup",
        /// 2048-bit MODP with 256-bit prime-order subgroup (RFC 5114).
        Modp2048S256 = 24 => "2048-bit MODP Group with 256-bit Prime Order Subgroup",
        /// 192-bit random ECP (RFC 5114).
        Ecp192 = 25 => "192-bit Random ECP Group",
        /// 224-bit random ECP (RFC 5114).
        Ecp224 = 26 => "224-bit Random ECP Group",
        /// brainpoolP224r1 (RFC 6954).
        BrainpoolP224r1 = 27 => "brainpoolP224r1",
        /// brainpoolP256r1 (RFC 6954).
        BrainpoolP256r1 = 28 => "brainpoolP256r1",
        /// brainpoolP384r1 (RFC 6954).
        BrainpoolP384r1 = 29 => "brainpoolP384r1",
        /// brainpoolP512r1 (RFC 6954).
        BrainpoolP512r1 = 30 => "brainpoolP512r1",
        /// Curve25519 (RFC 8031).
        Curve25519 = 31 => "Curve25519",
        /// Curve448 (RFC 8031).
        Curve448 = 32 => "Curve448",
        /// GOST3410-2012-256 (RFC 9385).
        Gost3410_2012_256 = 33 => "GOST3410_2012_256",
        /// GOST3410-2012-512 (RFC 9385).
        Gost3410_2012_512 = 34 => "GOST3410_2012_512",
        /// ML-KEM-512 (RFC 9370 additional key exchange; draft-ietf-ipsecme-ikev2-mlkem).
        MlKem512 = 35 => "ml-kem-512",
        /// ML-KEM-768.
        MlKem768 = 36 => "ml-kem-768",
        /// ML-KEM-1024.
        MlKem1024 = 37 => "ml-kem-1024",
    }
}
