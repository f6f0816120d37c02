//! IKEv1 / ISAKMP registries: RFC 2407 (IPsec DOI), RFC 2408 (ISAKMP), RFC 2409 (IKE) and
//! their updates (RFC 3526, 3706, 3947, 4106, 4304, 4543, 4754, 4868, 5114, 5903, 6407 and
//! others named below).
//!
//! A few values come from no RFC but are met on the wire and kept here under their usual
//! names: mode-config and XAUTH (draft-ietf-ipsec-isakmp-mode-cfg, draft-ietf-ipsec-isakmp-xauth),
//! hybrid authentication (draft-ietf-ipsec-isakmp-hybrid-auth), the private-use numbers of the
//! NAT-T drafts, the Cisco Unity mode-config attributes and the Cisco IKE fragmentation payload.

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

registry! {
    /// ISAKMP exchange types (RFC 2408 §3.1 and §4; RFC 2409 Appendix A for the Oakley
    /// exchanges; draft-ietf-ipsec-isakmp-mode-cfg for the transaction exchange).
    pub enum ExchangeType: u8 {
        /// No exchange.
        None = 0 => "NONE",
        /// Base exchange (RFC 2408 §4.4).
        Base = 1 => "Base",
        /// Identity Protection exchange, IKE main mode (RFC 2408 §4.5).
        IdentityProtection = 2 => "Identity Protection",
        /// Authentication Only exchange (RFC 2408 §4.6).
        AuthenticationOnly = 3 => "Authentication Only",
        /// Aggressive exchange, IKE aggressive mode (RFC 2408 §4.7).
        Aggressive = 4 => "Aggressive",
        /// Informational exchange (RFC 2408 §4.8).
        Informational = 5 => "Informational",
        /// Transaction exchange, mode-config and XAUTH (draft-ietf-ipsec-isakmp-mode-cfg).
        Transaction = 6 => "Transaction",
        /// IKE quick mode, phase 2 (RFC 2409 §5.5).
        QuickMode = 32 => "Quick Mode",
        /// IKE new group mode (RFC 2409 §5.6).
        NewGroupMode = 33 => "New Group Mode",
    }
}

registry! {
    /// ISAKMP next-payload types (RFC 2408 §3.1; RFC 3947 for NAT traversal; RFC 6407 for
    /// GDOI), plus the pre-RFC NAT-T draft numbers and the vendor fragmentation payload met
    /// in the private range.
    pub enum PayloadType: u8 {
        /// No next payload.
        None = 0 => "NONE",
        /// Security Association (RFC 2408 §3.4).
        Sa = 1 => "Security Association (SA)",
        /// Proposal (RFC 2408 §3.5).
        Proposal = 2 => "Proposal (P)",
        /// Transform (RFC 2408 §3.6).
        Transform = 3 => "Transform (T)",
        /// Key Exchange (RFC 2408 §3.7).
        KeyExchange = 4 => "Key Exchange (KE)",
        /// Identification (RFC 2408 §3.8).
        Identification = 5 => "Identification (ID)",
        /// Certificate (RFC 2408 §3.9).
        Certificate = 6 => "Certificate (CERT)",
        /// Certificate Request (RFC 2408 §3.10).
        CertificateRequest = 7 => "Certificate Request (CR)",
        /// Hash (RFC 2408 §3.11).
        Hash = 8 => "Hash (HASH)",
        /// Signature (RFC 2408 §3.12).
        Signature = 9 => "Signature (SIG)",
        /// Nonce (RFC 2408 §3.13).
        Nonce = 10 => "Nonce (NONCE)",
        /// Notification (RFC 2408 §3.14).
        Notification = 11 => "Notification (N)",
        /// Delete (RFC 2408 §3.15).
        Delete = 12 => "Delete (D)",
        /// Vendor ID (RFC 2408 §3.16).
        VendorId = 13 => "Vendor ID (VID)",
        /// Mode-config attribute payload (draft-ietf-ipsec-isakmp-mode-cfg).
        Attribute = 14 => "Attribute",
        /// GDOI SA KEK payload (RFC 6407).
        SaKek = 15 => "SA KEK Payload (SAK)",
        /// GDOI SA TEK payload (RFC 6407).
        SaTek = 16 => "SA TEK Payload (SAT)",
        /// GDOI Key Download (RFC 6407).
        KeyDownload = 17 => "Key Download (KD)",
        /// GDOI Sequence Number (RFC 6407).
        SequenceNumber = 18 => "Sequence Number (SEQ)",
        /// GDOI Proof of Possession (RFC 3547; deprecated by RFC 6407).
        ProofOfPossession = 19 => "Proof of Possession (POP)",
        /// NAT Discovery (RFC 3947).
        NatDiscovery = 20 => "NAT Discovery (NAT-D)",
        /// NAT Original Address (RFC 3947).
        NatOriginalAddress = 21 => "NAT Original Address (NAT-OA)",
        /// GDOI Group Associated Policy (RFC 6407).
        GroupAssociatedPolicy = 22 => "Group Associated Policy (GAP)",
        /// NAT Discovery as numbered by the early NAT-T drafts, draft-ietf-ipsec-nat-t-ike-02/03.
        NatDiscoveryDraft = 130 => "NAT Discovery (NAT-D, draft)",
        /// NAT Original Address as numbered by the early NAT-T drafts (private use).
        NatOriginalAddressDraft = 131 => "NAT Original Address (NAT-OA, draft)",
        /// Cisco proprietary IKE fragmentation payload, also implemented by strongSwan.
        Fragmentation = 132 => "IKE Fragmentation",
    }
}

registry! {
    /// Security protocol identifiers, IPsec DOI (RFC 2407 §4.4.1; IANA "IPSEC Security
    /// Protocol Identifiers").
    pub enum ProtocolId: u8 {
        /// ISAKMP itself, for phase 1 SAs (RFC 2407 §4.4.1.1).
        Isakmp = 1 => "PROTO_ISAKMP",
        /// Authentication Header (RFC 2407 §4.4.1).
        IpsecAh = 2 => "PROTO_IPSEC_AH",
        /// Encapsulating Security Payload (RFC 2407 §4.4.1).
        IpsecEsp = 3 => "PROTO_IPSEC_ESP",
        /// IP payload compression (RFC 2407 §4.4.1).
        Ipcomp = 4 => "PROTO_IPCOMP",
        /// `GigaBeam` radio link encryption (RFC 4705).
        GigabeamRadio = 5 => "PROTO_GIGABEAM_RADIO",
    }
}

registry! {
    /// ISAKMP transform identifiers, IPsec DOI (RFC 2407 §4.4.2).
    pub enum IsakmpTransformId: u8 {
        /// The IKE hybrid Oakley/ISAKMP key exchange (RFC 2407 §4.4.2).
        KeyIke = 1 => "KEY_IKE",
    }
}

registry! {
    /// IPComp transform identifiers, IPsec DOI (RFC 2407 §4.4.5; RFC 3051 for LZJH).
    pub enum IpcompTransformId: u8 {
        /// Vendor-specific algorithm named by an OUI (RFC 2407 §4.4.5.1).
        Oui = 1 => "IPCOMP_OUI",
        /// DEFLATE (RFC 2394).
        Deflate = 2 => "IPCOMP_DEFLATE",
        /// LZS (RFC 2395).
        Lzs = 3 => "IPCOMP_LZS",
        /// LZJH, V.44 (RFC 3051).
        Lzjh = 4 => "IPCOMP_LZJH",
    }
}

registry! {
    /// Phase-1 attribute classes (RFC 2409 Appendix A; IANA "IKE Attributes", attribute
    /// classes). The value is the 15-bit attribute type, without the AF bit.
    pub enum Phase1AttributeType: u16 {
        /// Encryption algorithm (basic).
        EncryptionAlgorithm = 1 => "Encryption Algorithm",
        /// Hash algorithm (basic).
        HashAlgorithm = 2 => "Hash Algorithm",
        /// Authentication method (basic).
        AuthenticationMethod = 3 => "Authentication Method",
        /// Group description (basic).
        GroupDescription = 4 => "Group Description",
        /// Group type (basic).
        GroupType = 5 => "Group Type",
        /// Group prime or irreducible polynomial (variable).
        GroupPrime = 6 => "Group Prime/Irreducible Polynomial",
        /// Group generator one (variable).
        GroupGeneratorOne = 7 => "Group Generator One",
        /// Group generator two (variable).
        GroupGeneratorTwo = 8 => "Group Generator Two",
        /// Group curve A (variable).
        GroupCurveA = 9 => "Group Curve A",
        /// Group curve B (variable).
        GroupCurveB = 10 => "Group Curve B",
        /// Life type (basic).
        LifeType = 11 => "Life Type",
        /// Life duration (variable).
        LifeDuration = 12 => "Life Duration",
        /// Pseudo-random function (basic; none assigned).
        Prf = 13 => "PRF",
        /// Key length in bits (basic).
        KeyLength = 14 => "Key Length",
        /// Field size in bits (basic).
        FieldSize = 15 => "Field Size",
        /// Group order (variable).
        GroupOrder = 16 => "Group Order",
    }
}

registry! {
    /// Phase-1 "Authentication Method" attribute values (RFC 2409 Appendix A; RFC 4754 for
    /// ECDSA; draft-ietf-ipsec-isakmp-hybrid-auth and draft-ietf-ipsec-isakmp-xauth for the
    /// private-use hybrid and XAUTH methods).
    pub enum AuthenticationMethod: u16 {
        /// Pre-shared key.
        PreSharedKey = 1 => "pre-shared key",
        /// DSS signatures.
        DssSignatures = 2 => "DSS signatures",
        /// RSA signatures.
        RsaSignatures = 3 => "RSA signatures",
        /// Public-key encryption with RSA (RFC 2409 §5.2).
        RsaEncryption = 4 => "Encryption with RSA",
        /// Revised public-key encryption with RSA (RFC 2409 §5.3).
        RsaRevisedEncryption = 5 => "Revised encryption with RSA",
        /// ECDSA with SHA-256 on the P-256 curve (RFC 4754).
        EcdsaSha256P256 = 9 => "ECDSA with SHA-256 on the P-256 curve",
        /// ECDSA with SHA-384 on the P-384 curve (RFC 4754).
        EcdsaSha384P384 = 10 => "ECDSA with SHA-384 on the P-384 curve",
        /// ECDSA with SHA-512 on the P-521 curve (RFC 4754).
        EcdsaSha512P521 = 11 => "ECDSA with SHA-512 on the P-521 curve",
        /// Hybrid authentication, initiator authenticated by RSA signature (hybrid-auth draft).
        HybridInitRsa = 64221 => "HybridInitRSA",
        /// Hybrid authentication, responder authenticated by RSA signature.
        HybridRespRsa = 64222 => "HybridRespRSA",
        /// Hybrid authentication, initiator authenticated by DSS signature.
        HybridInitDss = 64223 => "HybridInitDSS",
        /// Hybrid authentication, responder authenticated by DSS signature.
        HybridRespDss = 64224 => "HybridRespDSS",
        /// XAUTH with pre-shared key, initiator is the XAUTH client (XAUTH draft).
        XauthInitPreShared = 65001 => "XAUTHInitPreShared",
        /// XAUTH with pre-shared key, responder is the XAUTH client.
        XauthRespPreShared = 65002 => "XAUTHRespPreShared",
        /// XAUTH with DSS signatures, initiator is the XAUTH client.
        XauthInitDss = 65003 => "XAUTHInitDSS",
        /// XAUTH with DSS signatures, responder is the XAUTH client.
        XauthRespDss = 65004 => "XAUTHRespDSS",
        /// XAUTH with RSA signatures, initiator is the XAUTH client.
        XauthInitRsa = 65005 => "XAUTHInitRSA",
        /// XAUTH with RSA signatures, responder is the XAUTH client.
        XauthRespRsa = 65006 => "XAUTHRespRSA",
        /// XAUTH with RSA encryption, initiator is the XAUTH client.
        XauthInitRsaEncryption = 65007 => "XAUTHInitRSAEncryption",
        /// XAUTH with RSA encryption, responder is the XAUTH client.
        XauthRespRsaEncryption = 65008 => "XAUTHRespRSAEncryption",
        /// XAUTH with revised RSA encryption, initiator is the XAUTH client.
        XauthInitRsaRevisedEncryption = 65009 => "XAUTHInitRSARevisedEncryption",
        /// XAUTH with revised RSA encryption, responder is the XAUTH client.
        XauthRespRsaRevisedEncryption = 65010 => "XAUTHRespRSARevisedEncryption",
    }
}

registry! {
    /// Phase-1 "Group Type" attribute values (RFC 2409 Appendix A).
    pub enum GroupType: u16 {
        /// Modular exponentiation group.
        Modp = 1 => "MODP (modular exponentiation group)",
        /// Elliptic curve group over GF\[P\].
        Ecp = 2 => "ECP (elliptic curve group over GF[P])",
        /// Elliptic curve group over GF\[2^N\].
        Ec2n = 3 => "EC2N (elliptic curve group over GF[2^N])",
    }
}

registry! {
    /// Life type values, shared by the phase-1 "Life Type" attribute (RFC 2409 Appendix A) and
    /// the IPsec DOI "SA Life Type" attribute (RFC 2407 §4.5).
    pub enum LifeType: u16 {
        /// The duration counts seconds.
        Seconds = 1 => "seconds",
        /// The duration counts kilobytes.
        Kilobytes = 2 => "kilobytes",
    }
}

registry! {
    /// IPsec DOI security-association attribute types (RFC 2407 §4.5; RFC 3168, 4304, 4359
    /// and 6407 for the later ones). The value is the 15-bit attribute type, without the AF bit.
    pub enum IpsecAttributeType: u16 {
        /// SA life type (basic).
        SaLifeType = 1 => "SA Life Type",
        /// SA life duration (variable).
        SaLifeDuration = 2 => "SA Life Duration",
        /// Group description for quick-mode PFS (basic).
        GroupDescription = 3 => "Group Description",
        /// Encapsulation mode (basic).
        EncapsulationMode = 4 => "Encapsulation Mode",
        /// Authentication algorithm (basic).
        AuthenticationAlgorithm = 5 => "Authentication Algorithm",
        /// Key length in bits (basic).
        KeyLength = 6 => "Key Length",
        /// Key rounds (basic).
        KeyRounds = 7 => "Key Rounds",
        /// Compression dictionary size (basic).
        CompressDictionarySize = 8 => "Compress Dictionary Size",
        /// Private compression algorithm (variable).
        CompressPrivateAlgorithm = 9 => "Compress Private Algorithm",
        /// ECN tunnel (RFC 3168).
        EcnTunnel = 10 => "ECN Tunnel",
        /// Extended (64-bit) sequence numbers (RFC 4304).
        ExtendedSequenceNumber = 11 => "Extended (64-bit) Sequence Number",
        /// Authentication key length (RFC 4359).
        AuthenticationKeyLength = 12 => "Authentication Key Length",
        /// Signature encoding algorithm (RFC 4359).
        SignatureEncodingAlgorithm = 13 => "Signature Encoding Algorithm",
        /// Address preservation, GDOI (RFC 6407).
        AddressPreservation = 14 => "Address Preservation",
        /// SA direction, GDOI (RFC 6407).
        SaDirection = 15 => "SA Direction",
    }
}

registry! {
    /// IPsec DOI "Encapsulation Mode" attribute values (RFC 2407 §4.5; RFC 3947 for the UDP
    /// modes), plus the private-use numbers of the NAT-T drafts that deployed peers still send.
    pub enum EncapsulationMode: u16 {
        /// Tunnel mode.
        Tunnel = 1 => "Tunnel",
        /// Transport mode.
        Transport = 2 => "Transport",
        /// UDP-encapsulated tunnel mode (RFC 3947).
        UdpEncapsulatedTunnel = 3 => "UDP-Encapsulated-Tunnel",
        /// UDP-encapsulated transport mode (RFC 3947).
        UdpEncapsulatedTransport = 4 => "UDP-Encapsulated-Transport",
        /// UDP-encapsulated tunnel mode as numbered by the draft-ietf-ipsec-nat-t-ike drafts.
        UdpEncapsulatedTunnelDraft = 61443 => "UDP-Encapsulated-Tunnel (draft)",
        /// UDP-encapsulated transport mode as numbered by the draft-ietf-ipsec-nat-t-ike drafts.
        UdpEncapsulatedTransportDraft = 61444 => "UDP-Encapsulated-Transport (draft)",
    }
}

registry! {
    /// ISAKMP notify message types: the RFC 2408 §3.14.1 errors, the status type, the IPsec DOI
    /// status types (RFC 2407 §4.6.3) and dead peer detection (RFC 3706).
    pub enum NotifyType: u16 {
        /// The next-payload type is invalid.
        InvalidPayloadType = 1 => "INVALID-PAYLOAD-TYPE",
        /// The DOI is not supported.
        DoiNotSupported = 2 => "DOI-NOT-SUPPORTED",
        /// The situation is not supported.
        SituationNotSupported = 3 => "SITUATION-NOT-SUPPORTED",
        /// The cookie is invalid.
        InvalidCookie = 4 => "INVALID-COOKIE",
        /// The major version is invalid.
        InvalidMajorVersion = 5 => "INVALID-MAJOR-VERSION",
        /// The minor version is invalid.
        InvalidMinorVersion = 6 => "INVALID-MINOR-VERSION",
        /// The exchange type is invalid.
        InvalidExchangeType = 7 => "INVALID-EXCHANGE-TYPE",
        /// The flags are invalid.
        InvalidFlags = 8 => "INVALID-FLAGS",
        /// The message ID is invalid.
        InvalidMessageId = 9 => "INVALID-MESSAGE-ID",
        /// The protocol ID is invalid.
        InvalidProtocolId = 10 => "INVALID-PROTOCOL-ID",
        /// The SPI is invalid.
        InvalidSpi = 11 => "INVALID-SPI",
        /// The transform ID is invalid.
        InvalidTransformId = 12 => "INVALID-TRANSFORM-ID",
        /// An attribute is not supported.
        AttributesNotSupported = 13 => "ATTRIBUTES-NOT-SUPPORTED",
        /// No proposal was acceptable.
        NoProposalChosen = 14 => "NO-PROPOSAL-CHOSEN",
        /// The proposal syntax is bad.
        BadProposalSyntax = 15 => "BAD-PROPOSAL-SYNTAX",
        /// A payload is malformed.
        PayloadMalformed = 16 => "PAYLOAD-MALFORMED",
        /// The key exchange information is invalid.
        InvalidKeyInformation = 17 => "INVALID-KEY-INFORMATION",
        /// The identification information is invalid.
        InvalidIdInformation = 18 => "INVALID-ID-INFORMATION",
        /// The certificate encoding is invalid.
        InvalidCertEncoding = 19 => "INVALID-CERT-ENCODING",
        /// The certificate is invalid.
        InvalidCertificate = 20 => "INVALID-CERTIFICATE",
        /// The requested certificate type is not supported.
        CertTypeUnsupported = 21 => "CERT-TYPE-UNSUPPORTED",
        /// The certificate authority is invalid.
        InvalidCertAuthority = 22 => "INVALID-CERT-AUTHORITY",
        /// The hash information is invalid.
        InvalidHashInformation = 23 => "INVALID-HASH-INFORMATION",
        /// Authentication failed.
        AuthenticationFailed = 24 => "AUTHENTICATION-FAILED",
        /// The signature is invalid.
        InvalidSignature = 25 => "INVALID-SIGNATURE",
        /// Address notification.
        AddressNotification = 26 => "ADDRESS-NOTIFICATION",
        /// SA lifetime notification.
        NotifySaLifetime = 27 => "NOTIFY-SA-LIFETIME",
        /// No certificate is available.
        CertificateUnavailable = 28 => "CERTIFICATE-UNAVAILABLE",
        /// The exchange type is not supported.
        UnsupportedExchangeType = 29 => "UNSUPPORTED-EXCHANGE-TYPE",
        /// Payload lengths disagree.
        UnequalPayloadLengths = 30 => "UNEQUAL-PAYLOAD-LENGTHS",
        /// Status: the SA is established (RFC 2408 §3.14.1).
        Connected = 16384 => "CONNECTED",
        /// IPsec DOI: the responder's lifetime for the SA (RFC 2407 §4.6.3.1).
        ResponderLifetime = 24576 => "RESPONDER-LIFETIME",
        /// IPsec DOI: replay detection status (RFC 2407 §4.6.3.2).
        ReplayStatus = 24577 => "REPLAY-STATUS",
        /// IPsec DOI: the sender has no other SA with the peer (RFC 2407 §4.6.3.3).
        InitialContact = 24578 => "INITIAL-CONTACT",
        /// Dead peer detection probe (RFC 3706).
        RUThere = 36136 => "R-U-THERE",
        /// Dead peer detection acknowledgement (RFC 3706).
        RUThereAck = 36137 => "R-U-THERE-ACK",
    }
}

registry! {
    /// Identification types, IPsec DOI (RFC 2407 §4.6.2.1).
    pub enum IdType: u8 {
        /// Reserved.
        Reserved = 0 => "RESERVED",
        /// A single IPv4 address.
        Ipv4Addr = 1 => "ID_IPV4_ADDR",
        /// A fully qualified domain name.
        Fqdn = 2 => "ID_FQDN",
        /// A user FQDN (an e-mail address).
        UserFqdn = 3 => "ID_USER_FQDN",
        /// An IPv4 subnet (address and mask).
        Ipv4AddrSubnet = 4 => "ID_IPV4_ADDR_SUBNET",
        /// A single IPv6 address.
        Ipv6Addr = 5 => "ID_IPV6_ADDR",
        /// An IPv6 subnet (address and mask).
        Ipv6AddrSubnet = 6 => "ID_IPV6_ADDR_SUBNET",
        /// An IPv4 address range.
        Ipv4AddrRange = 7 => "ID_IPV4_ADDR_RANGE",
        /// An IPv6 address range.
        Ipv6AddrRange = 8 => "ID_IPV6_ADDR_RANGE",
        /// A DER-encoded X.500 distinguished name.
        DerAsn1Dn = 9 => "ID_DER_ASN1_DN",
        /// A DER-encoded X.500 general name.
        DerAsn1Gn = 10 => "ID_DER_ASN1_GN",
        /// An opaque key identifier.
        KeyId = 11 => "ID_KEY_ID",
        /// A list of identities (RFC 3554).
        List = 12 => "ID_LIST",
    }
}

registry! {
    /// Certificate encodings of the CERT and CR payloads (RFC 2408 §3.9; RFC 4945 for the
    /// hash-and-URL encodings).
    pub enum CertificateEncoding: u8 {
        /// None.
        None = 0 => "NONE",
        /// PKCS #7 wrapped X.509 certificate.
        Pkcs7 = 1 => "PKCS #7 wrapped X.509 certificate",
        /// PGP certificate.
        Pgp = 2 => "PGP Certificate",
        /// DNS signed key.
        DnsSignedKey = 3 => "DNS Signed Key",
        /// X.509 certificate for signatures.
        X509Signature = 4 => "X.509 Certificate - Signature",
        /// X.509 certificate for key exchange.
        X509KeyExchange = 5 => "X.509 Certificate - Key Exchange",
        /// Kerberos tokens.
        KerberosTokens = 6 => "Kerberos Tokens",
        /// Certificate revocation list.
        Crl = 7 => "Certificate Revocation List (CRL)",
        /// Authority revocation list.
        Arl = 8 => "Authority Revocation List (ARL)",
        /// SPKI certificate.
        Spki = 9 => "SPKI Certificate",
        /// X.509 attribute certificate.
        X509Attribute = 10 => "X.509 Certificate - Attribute",
        /// Raw RSA key.
        RawRsaKey = 11 => "Raw RSA Key",
        /// Hash and URL of an X.509 certificate (RFC 4945).
        HashAndUrlX509 = 12 => "Hash and URL of X.509 certificate",
        /// Hash and URL of an X.509 bundle (RFC 4945).
        HashAndUrlX509Bundle = 13 => "Hash and URL of X.509 bundle",
    }
}

registry! {
    /// Mode-config attribute payload types (draft-ietf-ipsec-isakmp-mode-cfg §3.2).
    pub enum ConfigMessageType: u8 {
        /// Request.
        Request = 1 => "ISAKMP_CFG_REQUEST",
        /// Reply to a request.
        Reply = 2 => "ISAKMP_CFG_REPLY",
        /// Set.
        Set = 3 => "ISAKMP_CFG_SET",
        /// Acknowledgement of a set.
        Ack = 4 => "ISAKMP_CFG_ACK",
    }
}

registry! {
    /// Mode-config attribute types (draft-ietf-ipsec-isakmp-mode-cfg §3.3), XAUTH attribute
    /// types (draft-ietf-ipsec-isakmp-xauth §6) and the Cisco Unity private attributes.
    pub enum ConfigAttributeType: u16 {
        /// Internal IPv4 address.
        InternalIp4Address = 1 => "INTERNAL_IP4_ADDRESS",
        /// Internal IPv4 netmask.
        InternalIp4Netmask = 2 => "INTERNAL_IP4_NETMASK",
        /// Internal IPv4 DNS server.
        InternalIp4Dns = 3 => "INTERNAL_IP4_DNS",
        /// Internal IPv4 `NetBIOS` name server.
        InternalIp4Nbns = 4 => "INTERNAL_IP4_NBNS",
        /// Lifetime of the internal address, in seconds.
        InternalAddressExpiry = 5 => "INTERNAL_ADDRESS_EXPIRY",
        /// Internal IPv4 DHCP server.
        InternalIp4Dhcp = 6 => "INTERNAL_IP4_DHCP",
        /// Application version string.
        ApplicationVersion = 7 => "APPLICATION_VERSION",
        /// Internal IPv6 address.
        InternalIp6Address = 8 => "INTERNAL_IP6_ADDRESS",
        /// Internal IPv6 netmask.
        InternalIp6Netmask = 9 => "INTERNAL_IP6_NETMASK",
        /// Internal IPv6 DNS server.
        InternalIp6Dns = 10 => "INTERNAL_IP6_DNS",
        /// Internal IPv6 `NetBIOS` name server.
        InternalIp6Nbns = 11 => "INTERNAL_IP6_NBNS",
        /// Internal IPv6 DHCP server.
        InternalIp6Dhcp = 12 => "INTERNAL_IP6_DHCP",
        /// Internal IPv4 subnet protected by the gateway.
        InternalIp4Subnet = 13 => "INTERNAL_IP4_SUBNET",
        /// List of the attribute types supported.
        SupportedAttributes = 14 => "SUPPORTED_ATTRIBUTES",
        /// Internal IPv6 subnet protected by the gateway.
        InternalIp6Subnet = 15 => "INTERNAL_IP6_SUBNET",
        /// XAUTH: authentication type (generic, CHAP, OTP, S/KEY).
        XauthType = 16520 => "XAUTH-TYPE",
        /// XAUTH: user name.
        XauthUserName = 16521 => "XAUTH-USER-NAME",
        /// XAUTH: user password.
        XauthUserPassword = 16522 => "XAUTH-USER-PASSWORD",
        /// XAUTH: token passcode.
        XauthPasscode = 16523 => "XAUTH-PASSCODE",
        /// XAUTH: message to display.
        XauthMessage = 16524 => "XAUTH-MESSAGE",
        /// XAUTH: challenge.
        XauthChallenge = 16525 => "XAUTH-CHALLENGE",
        /// XAUTH: domain.
        XauthDomain = 16526 => "XAUTH-DOMAIN",
        /// XAUTH: status of the authentication (pass or fail).
        XauthStatus = 16527 => "XAUTH-STATUS",
        /// XAUTH: next token PIN.
        XauthNextPin = 16528 => "XAUTH-NEXT-PIN",
        /// XAUTH: answer to a challenge.
        XauthAnswer = 16529 => "XAUTH-ANSWER",
        /// Cisco Unity: login banner.
        ModecfgBanner = 28672 => "MODECFG_BANNER",
        /// Cisco Unity: whether the client may save the password.
        SavePasswd = 28673 => "SAVE_PASSWD",
        /// Cisco Unity: default DNS domain.
        DefDomain = 28674 => "DEF_DOMAIN",
        /// Cisco Unity: split DNS domain names.
        SplitDnsName = 28675 => "SPLIT_DNS_NAME",
        /// Cisco Unity: split-tunnel include networks.
        SplitInclude = 28676 => "SPLIT_INCLUDE",
        /// Cisco Unity: NAT-T port.
        NattPort = 28677 => "NATT_PORT",
        /// Cisco Unity: local LAN (split-tunnel exclude) networks.
        LocalLan = 28678 => "LOCAL_LAN",
        /// Cisco Unity: perfect forward secrecy required.
        Pfs = 28679 => "PFS",
        /// Cisco Unity: firewall type.
        FwType = 28680 => "FW_TYPE",
        /// Cisco Unity: backup servers.
        BackupServers = 28681 => "BACKUP_SERVERS",
        /// Cisco Unity: dynamic DNS host name.
        DdnsHostname = 28682 => "DDNS_HOSTNAME",
    }
}
