//! IKEv2 registries: RFC 7296 and its updates (RFC 4106, 4543, 4555, 5114, 5282, 5723, 5903,
//! 7383, 7427, 7634, 8031, 9242, 9370, 9827, 9838 and others named below).

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

registry! {
    /// Exchange types (RFC 7296 §3.1; IANA "IKEv2 Exchange Types").
    pub enum ExchangeType: u8 {
        /// Initial exchange: SA, key exchange and nonces (RFC 7296 §1.2).
        IkeSaInit = 34 => "IKE_SA_INIT",
        /// Authentication exchange, creating the first Child SA (RFC 7296 §1.2).
        IkeAuth = 35 => "IKE_AUTH",
        /// Child SA creation and rekeying (RFC 7296 §1.3).
        CreateChildSa = 36 => "CREATE_CHILD_SA",
        /// Informational exchange: notifications, deletes, liveness (RFC 7296 §1.4).
        Informational = 37 => "INFORMATIONAL",
        /// Session resumption from a ticket (RFC 5723).
        IkeSessionResume = 38 => "IKE_SESSION_RESUME",
        /// G-IKEv2 group member authentication (RFC 9838).
        GsaAuth = 39 => "GSA_AUTH",
        /// G-IKEv2 registration over an existing IKE SA (RFC 9838).
        GsaRegistration = 40 => "GSA_REGISTRATION",
        /// G-IKEv2 multicast group rekey (RFC 9838).
        GsaRekey = 41 => "GSA_REKEY",
        /// G-IKEv2 in-band group rekey (RFC 9838).
        GsaInbandRekey = 42 => "GSA_INBAND_REKEY",
        /// Intermediate exchange between `IKE_SA_INIT` and `IKE_AUTH` (RFC 9242).
        IkeIntermediate = 43 => "IKE_INTERMEDIATE",
        /// Follow-up additional key exchange of a Child SA or rekey (RFC 9370).
        IkeFollowupKe = 44 => "IKE_FOLLOWUP_KE",
    }
}

registry! {
    /// Next-payload types (RFC 7296 §3.2; IANA "IKEv2 Payload Types"). The label is the
    /// registry's payload name; the RFC notation is in each variant's documentation.
    pub enum PayloadType: u8 {
        /// No next payload.
        NoNextPayload = 0 => "No Next Payload",
        /// Security Association, SA (RFC 7296 §3.3).
        Sa = 33 => "Security Association",
        /// Key Exchange, KE (RFC 7296 §3.4).
        Ke = 34 => "Key Exchange",
        /// Identification of the initiator, `IDi` (RFC 7296 §3.5).
        IdI = 35 => "Identification - Initiator",
        /// Identification of the responder, `IDr` (RFC 7296 §3.5).
        IdR = 36 => "Identification - Responder",
        /// Certificate, CERT (RFC 7296 §3.6).
        Cert = 37 => "Certificate",
        /// Certificate Request, CERTREQ (RFC 7296 §3.7).
        CertReq = 38 => "Certificate Request",
        /// Authentication, AUTH (RFC 7296 §3.8).
        Auth = 39 => "Authentication",
        /// Nonce, Ni and Nr (RFC 7296 §3.9).
        Nonce = 40 => "Nonce",
        /// Notify, N (RFC 7296 §3.10).
        Notify = 41 => "Notify",
        /// Delete, D (RFC 7296 §3.11).
        Delete = 42 => "Delete",
        /// Vendor ID, V (RFC 7296 §3.12).
        VendorId = 43 => "Vendor ID",
        /// Traffic selectors of the initiator, `TSi` (RFC 7296 §3.13).
        TsI = 44 => "Traffic Selector - Initiator",
        /// Traffic selectors of the responder, `TSr` (RFC 7296 §3.13).
        TsR = 45 => "Traffic Selector - Responder",
        /// Encrypted and Authenticated, SK (RFC 7296 §3.14).
        Sk = 46 => "Encrypted and Authenticated",
        /// Configuration, CP (RFC 7296 §3.15).
        Cp = 47 => "Configuration",
        /// Extensible Authentication, EAP (RFC 7296 §3.16).
        Eap = 48 => "Extensible Authentication",
        /// Generic Secure Password Method, GSPM (RFC 6467).
        Gspm = 49 => "Generic Secure Password Method",
        /// Group Identification, `IDg` (RFC 9838).
        IdG = 50 => "Group Identification",
        /// Group Security Association, GSA (RFC 9838).
        Gsa = 51 => "Group Security Association",
        /// Key Download, KD (RFC 9838).
        Kd = 52 => "Key Download",
        /// Encrypted and Authenticated Fragment, SKF (RFC 7383).
        Skf = 53 => "Encrypted and Authenticated Fragment",
        /// Puzzle Solution, PS (RFC 8019).
        Ps = 54 => "Puzzle Solution",
    }
}

registry! {
    /// Security protocol identifiers of proposals, notifications and deletes (RFC 7296 §3.3.1;
    /// IANA "IKEv2 Security Protocol Identifiers").
    pub enum ProtocolId: u8 {
        /// The IKE SA itself.
        Ike = 1 => "IKE",
        /// Authentication Header.
        Ah = 2 => "AH",
        /// Encapsulating Security Payload.
        Esp = 3 => "ESP",
        /// Fibre Channel ESP header (RFC 4595).
        FcEspHeader = 4 => "FC_ESP_HEADER",
        /// Fibre Channel CT authentication (RFC 4595).
        FcCtAuthentication = 5 => "FC_CT_AUTHENTICATION",
    }
}

registry! {
    /// Transform types (RFC 7296 §3.3.2; RFC 9370 for the additional key exchanges; RFC 9827
    /// for the renaming of type 5; RFC 9838 for the group transforms).
    pub enum TransformType: u8 {
        /// Encryption algorithm, ENCR.
        Encr = 1 => "Encryption Algorithm (ENCR)",
        /// Pseudorandom function, PRF.
        Prf = 2 => "Pseudorandom Function (PRF)",
        /// Integrity algorithm, INTEG.
        Integ = 3 => "Integrity Algorithm (INTEG)",
        /// Key exchange method, KE (formerly "Diffie-Hellman group", D-H; RFC 9370).
        Ke = 4 => "Key Exchange Method (KE)",
        /// Sequence numbers, SN (formerly "Extended Sequence Numbers", ESN; RFC 9827).
        Sn = 5 => "Sequence Numbers (SN)",
        /// Additional key exchange 1 (RFC 9370).
        AddKe1 = 6 => "Additional Key Exchange 1 (ADDKE1)",
        /// Additional key exchange 2 (RFC 9370).
        AddKe2 = 7 => "Additional Key Exchange 2 (ADDKE2)",
        /// Additional key exchange 3 (RFC 9370).
        AddKe3 = 8 => "Additional Key Exchange 3 (ADDKE3)",
        /// Additional key exchange 4 (RFC 9370).
        AddKe4 = 9 => "Additional Key Exchange 4 (ADDKE4)",
        /// Additional key exchange 5 (RFC 9370).
        AddKe5 = 10 => "Additional Key Exchange 5 (ADDKE5)",
        /// Additional key exchange 6 (RFC 9370).
        AddKe6 = 11 => "Additional Key Exchange 6 (ADDKE6)",
        /// Additional key exchange 7 (RFC 9370).
        AddKe7 = 12 => "Additional Key Exchange 7 (ADDKE7)",
        /// Key wrap algorithm of G-IKEv2, KWA (RFC 9838).
        Kwa = 13 => "Key Wrap Algorithm (KWA)",
        /// Group controller authentication method of G-IKEv2, GCAUTH (RFC 9838).
        GcAuth = 14 => "Group Controller Authentication Method (GCAUTH)",
    }
}

registry! {
    /// Transform type 5 ids (RFC 7296 §3.3.2; labels as renamed by RFC 9827, which calls the
    /// type "Sequence Numbers").
    pub enum EsnId: u16 {
        /// 32-bit sequence numbers; formerly "No Extended Sequence Numbers".
        NoExtendedSequenceNumbers = 0 => "32-bit Sequential Numbers",
        /// 64-bit extended sequence numbers, low half sent; formerly "Extended Sequence Numbers".
        ExtendedSequenceNumbers = 1 => "Partially Transmitted 64-bit Sequential Numbers",
    }
}

registry! {
    /// Transform attribute types (RFC 7296 §3.3.5). The value is the 15-bit attribute type,
    /// without the AF bit.
    pub enum TransformAttributeType: u16 {
        /// Key length in bits, for variable-key-length ciphers (always TV format).
        KeyLength = 14 => "Key Length (in bits)",
    }
}

registry! {
    /// Notify message types: errors below 16384, status types from 16384 (RFC 7296 §3.10.1;
    /// IANA "IKEv2 Notify Message Error Types" and "Status Types").
    pub enum NotifyType: u16 {
        /// A critical payload was not understood (RFC 7296).
        UnsupportedCriticalPayload = 1 => "UNSUPPORTED_CRITICAL_PAYLOAD",
        /// The IKE SPI is unknown (RFC 7296).
        InvalidIkeSpi = 4 => "INVALID_IKE_SPI",
        /// The major version is not supported (RFC 7296).
        InvalidMajorVersion = 5 => "INVALID_MAJOR_VERSION",
        /// The message is malformed (RFC 7296).
        InvalidSyntax = 7 => "INVALID_SYNTAX",
        /// The message ID is outside the window (RFC 7296).
        InvalidMessageId = 9 => "INVALID_MESSAGE_ID",
        /// An ESP or AH packet arrived with an unknown SPI (RFC 7296).
        InvalidSpi = 11 => "INVALID_SPI",
        /// No proposal was acceptable (RFC 7296).
        NoProposalChosen = 14 => "NO_PROPOSAL_CHOSEN",
        /// The KE payload's group is not the one wanted (RFC 7296).
        InvalidKePayload = 17 => "INVALID_KE_PAYLOAD",
        /// Authentication failed (RFC 7296).
        AuthenticationFailed = 24 => "AUTHENTICATION_FAILED",
        /// Only a single pair of traffic selectors is acceptable (RFC 7296).
        SinglePairRequired = 34 => "SINGLE_PAIR_REQUIRED",
        /// No more Child SAs are accepted on this IKE SA (RFC 7296).
        NoAdditionalSas = 35 => "NO_ADDITIONAL_SAS",
        /// No internal address could be assigned (RFC 7296).
        InternalAddressFailure = 36 => "INTERNAL_ADDRESS_FAILURE",
        /// A configuration payload was required but missing (RFC 7296).
        FailedCpRequired = 37 => "FAILED_CP_REQUIRED",
        /// The traffic selectors are unacceptable (RFC 7296).
        TsUnacceptable = 38 => "TS_UNACCEPTABLE",
        /// A packet did not match the Child SA's selectors (RFC 7296).
        InvalidSelectors = 39 => "INVALID_SELECTORS",
        /// The new addresses are unacceptable (RFC 4555, MOBIKE).
        UnacceptableAddresses = 40 => "UNACCEPTABLE_ADDRESSES",
        /// A NAT was detected where none was allowed (RFC 4555, MOBIKE).
        UnexpectedNatDetected = 41 => "UNEXPECTED_NAT_DETECTED",
        /// Use the assigned home address (RFC 5026).
        UseAssignedHoa = 42 => "USE_ASSIGNED_HoA",
        /// Temporary failure, retry later (RFC 7296).
        TemporaryFailure = 43 => "TEMPORARY_FAILURE",
        /// The Child SA to rekey was not found (RFC 7296).
        ChildSaNotFound = 44 => "CHILD_SA_NOT_FOUND",
        /// The group ID is invalid (RFC 9838).
        InvalidGroupId = 45 => "INVALID_GROUP_ID",
        /// Not authorized for the group (RFC 9838).
        AuthorizationFailed = 46 => "AUTHORIZATION_FAILED",
        /// The responder no longer has the state of the exchange (RFC 9370).
        StateNotFound = 47 => "STATE_NOT_FOUND",
        /// No more per-resource Child SAs for these selectors (RFC 9611).
        TsMaxQueue = 48 => "TS_MAX_QUEUE",
        /// G-IKEv2 registration failed (RFC 9838).
        RegistrationFailed = 49 => "REGISTRATION_FAILED",
        /// The sender has no other IKE SA with the peer (RFC 7296).
        InitialContact = 16384 => "INITIAL_CONTACT",
        /// Window size for concurrent requests (RFC 7296).
        SetWindowSize = 16385 => "SET_WINDOW_SIZE",
        /// Additional traffic selectors would have been acceptable (RFC 7296).
        AdditionalTsPossible = 16386 => "ADDITIONAL_TS_POSSIBLE",
        /// IPComp is supported, with its CPI and transform (RFC 7296).
        IpcompSupported = 16387 => "IPCOMP_SUPPORTED",
        /// NAT detection hash of the source (RFC 7296).
        NatDetectionSourceIp = 16388 => "NAT_DETECTION_SOURCE_IP",
        /// NAT detection hash of the destination (RFC 7296).
        NatDetectionDestinationIp = 16389 => "NAT_DETECTION_DESTINATION_IP",
        /// Anti-DoS cookie (RFC 7296).
        Cookie = 16390 => "COOKIE",
        /// Transport mode is requested (RFC 7296).
        UseTransportMode = 16391 => "USE_TRANSPORT_MODE",
        /// Hash-and-URL certificate lookup is supported (RFC 7296).
        HttpCertLookupSupported = 16392 => "HTTP_CERT_LOOKUP_SUPPORTED",
        /// The Child SA being rekeyed (RFC 7296).
        RekeySa = 16393 => "REKEY_SA",
        /// TFC padding is not accepted (RFC 7296).
        EspTfcPaddingNotSupported = 16394 => "ESP_TFC_PADDING_NOT_SUPPORTED",
        /// Non-first fragments are carried too (RFC 7296).
        NonFirstFragmentsAlso = 16395 => "NON_FIRST_FRAGMENTS_ALSO",
        /// MOBIKE is supported (RFC 4555).
        MobikeSupported = 16396 => "MOBIKE_SUPPORTED",
        /// An additional IPv4 address of the sender (RFC 4555).
        AdditionalIp4Address = 16397 => "ADDITIONAL_IP4_ADDRESS",
        /// An additional IPv6 address of the sender (RFC 4555).
        AdditionalIp6Address = 16398 => "ADDITIONAL_IP6_ADDRESS",
        /// The sender has no additional addresses (RFC 4555).
        NoAdditionalAddresses = 16399 => "NO_ADDITIONAL_ADDRESSES",
        /// The SA addresses are to be updated (RFC 4555).
        UpdateSaAddresses = 16400 => "UPDATE_SA_ADDRESSES",
        /// Return routability check cookie (RFC 4555).
        Cookie2 = 16401 => "COOKIE2",
        /// NATs are not allowed on the path (RFC 4555).
        NoNatsAllowed = 16402 => "NO_NATS_ALLOWED",
        /// Remaining lifetime of the authentication (RFC 4478).
        AuthLifetime = 16403 => "AUTH_LIFETIME",
        /// Multiple authentication exchanges are supported (RFC 4739).
        MultipleAuthSupported = 16404 => "MULTIPLE_AUTH_SUPPORTED",
        /// Another authentication round follows (RFC 4739).
        AnotherAuthFollows = 16405 => "ANOTHER_AUTH_FOLLOWS",
        /// Redirection is supported (RFC 5685).
        RedirectSupported = 16406 => "REDIRECT_SUPPORTED",
        /// Redirect to another gateway (RFC 5685).
        Redirect = 16407 => "REDIRECT",
        /// The gateway that redirected (RFC 5685).
        RedirectedFrom = 16408 => "REDIRECTED_FROM",
        /// Session resumption ticket lifetime and opaque ticket (RFC 5723).
        TicketLtOpaque = 16409 => "TICKET_LT_OPAQUE",
        /// Session resumption ticket request (RFC 5723).
        TicketRequest = 16410 => "TICKET_REQUEST",
        /// Session resumption ticket acknowledged (RFC 5723).
        TicketAck = 16411 => "TICKET_ACK",
        /// Session resumption ticket refused (RFC 5723).
        TicketNack = 16412 => "TICKET_NACK",
        /// Session resumption opaque ticket (RFC 5723).
        TicketOpaque = 16413 => "TICKET_OPAQUE",
        /// Link identifier for IPv6 configuration (RFC 5739).
        LinkId = 16414 => "LINK_ID",
        /// Wrapped ESP is requested (RFC 5840).
        UseWespMode = 16415 => "USE_WESP_MODE",
        /// Robust header compression is supported (RFC 5857).
        RohcSupported = 16416 => "ROHC_SUPPORTED",
        /// EAP-only authentication is requested (RFC 5998).
        EapOnlyAuthentication = 16417 => "EAP_ONLY_AUTHENTICATION",
        /// IKE SA without a Child SA is supported (RFC 6023).
        ChildlessIkev2Supported = 16418 => "CHILDLESS_IKEV2_SUPPORTED",
        /// Quick crash detection token (RFC 6290).
        QuickCrashDetection = 16419 => "QUICK_CRASH_DETECTION",
        /// IKE message ID synchronization is supported (RFC 6311).
        Ikev2MessageIdSyncSupported = 16420 => "IKEV2_MESSAGE_ID_SYNC_SUPPORTED",
        /// IPsec replay counter synchronization is supported (RFC 6311).
        IpsecReplayCounterSyncSupported = 16421 => "IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED",
        /// IKE message ID synchronization (RFC 6311).
        Ikev2MessageIdSync = 16422 => "IKEV2_MESSAGE_ID_SYNC",
        /// IPsec replay counter synchronization (RFC 6311).
        IpsecReplayCounterSync = 16423 => "IPSEC_REPLAY_COUNTER_SYNC",
        /// Secure password methods offered (RFC 6467).
        SecurePasswordMethods = 16424 => "SECURE_PASSWORD_METHODS",
        /// Persist the PSK derived (RFC 6631).
        PskPersist = 16425 => "PSK_PERSIST",
        /// Confirm the persisted PSK (RFC 6631).
        PskConfirm = 16426 => "PSK_CONFIRM",
        /// EAP re-authentication is supported (RFC 6867).
        ErxSupported = 16427 => "ERX_SUPPORTED",
        /// IP flow mobility capability (3GPP TS 24.303).
        IfomCapability = 16428 => "IFOM_CAPABILITY",
        /// G-IKEv2 sender ID request; formerly `SENDER_REQUEST_ID` (RFC 9838).
        GroupSender = 16429 => "GROUP_SENDER",
        /// IKE fragmentation is supported (RFC 7383).
        Ikev2FragmentationSupported = 16430 => "IKEV2_FRAGMENTATION_SUPPORTED",
        /// Hash algorithms accepted for digital signatures (RFC 7427).
        SignatureHashAlgorithms = 16431 => "SIGNATURE_HASH_ALGORITHMS",
        /// IKE SA cloning is supported (RFC 7791).
        CloneIkeSaSupported = 16432 => "CLONE_IKE_SA_SUPPORTED",
        /// Clone the IKE SA (RFC 7791).
        CloneIkeSa = 16433 => "CLONE_IKE_SA",
        /// Client puzzle against denial of service (RFC 8019).
        Puzzle = 16434 => "PUZZLE",
        /// Use a post-quantum preshared key (RFC 8784).
        UsePpk = 16435 => "USE_PPK",
        /// Identity of the post-quantum preshared key (RFC 8784).
        PpkIdentity = 16436 => "PPK_IDENTITY",
        /// AUTH computed without the PPK, as a fallback (RFC 8784).
        NoPpkAuth = 16437 => "NO_PPK_AUTH",
        /// The intermediate exchange is supported (RFC 9242).
        IntermediateExchangeSupported = 16438 => "INTERMEDIATE_EXCHANGE_SUPPORTED",
        /// IPv4 is allowed in the tunnel (RFC 8983).
        Ip4Allowed = 16439 => "IP4_ALLOWED",
        /// IPv6 is allowed in the tunnel (RFC 8983).
        Ip6Allowed = 16440 => "IP6_ALLOWED",
        /// An additional key exchange follows (RFC 9370).
        AdditionalKeyExchange = 16441 => "ADDITIONAL_KEY_EXCHANGE",
        /// IP-TFS aggregation and fragmentation mode is requested (RFC 9347).
        UseAggfrag = 16442 => "USE_AGGFRAG",
        /// Authentication methods the sender supports (RFC 9593).
        SupportedAuthMethods = 16443 => "SUPPORTED_AUTH_METHODS",
        /// Per-resource Child SA information (RFC 9611).
        SaResourceInfo = 16444 => "SA_RESOURCE_INFO",
        /// Use a PPK in the intermediate exchange (draft-ietf-ipsecme-ikev2-qr-alt).
        UsePpkInt = 16445 => "USE_PPK_INT",
        /// PPK identity and confirmation (draft-ietf-ipsecme-ikev2-qr-alt).
        PpkIdentityKey = 16446 => "PPK_IDENTITY_KEY",
        /// AUTH covers the full `IKE_SA_INIT` transcript (draft-ietf-ipsecme-ikev2-downgrade-prevention).
        IkeSaInitFullTranscriptAuth = 16447 => "IKE_SA_INIT_FULL_TRANSCRIPT_AUTH",
    }
}

registry! {
    /// Identification payload ID types (RFC 7296 §3.5; IANA "IKEv2 Identification Payload ID
    /// Types").
    pub enum IdType: u8 {
        /// A single IPv4 address.
        Ipv4Addr = 1 => "ID_IPV4_ADDR",
        /// A fully qualified domain name.
        Fqdn = 2 => "ID_FQDN",
        /// An RFC 822 e-mail address.
        Rfc822Addr = 3 => "ID_RFC822_ADDR",
        /// A single IPv6 address.
        Ipv6Addr = 5 => "ID_IPV6_ADDR",
        /// A DER-encoded X.500 distinguished name.
        DerAsn1Dn = 9 => "ID_DER_ASN1_DN",
        /// A DER-encoded X.509 general name.
        DerAsn1Gn = 10 => "ID_DER_ASN1_GN",
        /// An opaque key identifier.
        KeyId = 11 => "ID_KEY_ID",
        /// A Fibre Channel name (RFC 4595).
        FcName = 12 => "ID_FC_NAME",
        /// No identity, for NULL authentication (RFC 7619).
        Null = 13 => "ID_NULL",
    }
}

registry! {
    /// Authentication methods of the AUTH payload (RFC 7296 §3.8; IANA "IKEv2 Authentication
    /// Method").
    pub enum AuthMethod: u8 {
        /// RSA signature with SHA-1, PKCS#1 v1.5 (RFC 7296).
        RsaDigitalSignature = 1 => "RSA Digital Signature",
        /// Shared key message integrity code, i.e. PSK or EAP MSK (RFC 7296).
        SharedKeyMessageIntegrityCode = 2 => "Shared Key Message Integrity Code",
        /// DSS signature with SHA-1 (RFC 7296).
        DssDigitalSignature = 3 => "DSS Digital Signature",
        /// ECDSA with SHA-256 on the P-256 curve (RFC 4754).
        EcdsaSha256P256 = 9 => "ECDSA with SHA-256 on the P-256 curve",
        /// ECDSA with SHA-384 on the P-384 curve (RFC 4754).
        EcdsaSha384P384 = 10 => "ECDSA with SHA-384 on the P-384 curve",
        /// ECDSA with SHA-512 on the P-521 curve (RFC 4754).
        EcdsaSha512P521 = 11 => "ECDSA with SHA-512 on the P-521 curve",
        /// Generic secure password authentication method (RFC 6467).
        GenericSecurePassword = 12 => "Generic Secure Password Authentication Method",
        /// NULL authentication (RFC 7619).
        NullAuthentication = 13 => "NULL Authentication",
        /// Digital signature with an algorithm identifier (RFC 7427).
        DigitalSignature = 14 => "Digital Signature",
    }
}

registry! {
    /// Traffic selector types (RFC 7296 §3.13.1; IANA "IKEv2 Traffic Selector Types").
    pub enum TrafficSelectorType: u8 {
        /// IPv4 address range with protocol and port range.
        Ipv4AddrRange = 7 => "TS_IPV4_ADDR_RANGE",
        /// IPv6 address range with protocol and port range.
        Ipv6AddrRange = 8 => "TS_IPV6_ADDR_RANGE",
        /// Fibre Channel address range (RFC 4595).
        FcAddrRange = 9 => "TS_FC_ADDR_RANGE",
        /// Security label (RFC 9478).
        Seclabel = 10 => "TS_SECLABEL",
    }
}

registry! {
    /// Certificate encodings of the CERT and CERTREQ payloads (RFC 7296 §3.6; IANA "IKEv2
    /// Certificate Encodings").
    pub enum CertificateEncoding: u8 {
        /// PKCS #7 wrapped X.509 certificate.
        Pkcs7 = 1 => "PKCS #7 wrapped X.509 certificate",
        /// PGP certificate.
        Pgp = 2 => "PGP Certificate",
        /// DNS signed key.
        DnsSignedKey = 3 => "DNS Signed Key",
        /// X.509 certificate for signatures, DER.
        X509Signature = 4 => "X.509 Certificate - Signature",
        /// Kerberos token.
        KerberosToken = 6 => "Kerberos Token",
        /// Certificate revocation list.
        Crl = 7 => "Certificate Revocation List (CRL)",
        /// Authority revocation list.
        Arl = 8 => "Authority Revocation List (ARL)",
        /// SPKI certificate.
        Spki = 9 => "SPKI Certificate",
        /// X.509 attribute certificate.
        X509Attribute = 10 => "X.509 Certificate - Attribute",
        /// Raw RSA key, PKCS #1 (deprecated by RFC 7670).
        RawRsaKey = 11 => "Raw RSA Key (DEPRECATED)",
        /// Hash and URL of an X.509 certificate.
        HashAndUrlX509 = 12 => "Hash and URL of X.509 certificate",
        /// Hash and URL of an X.509 bundle.
        HashAndUrlX509Bundle = 13 => "Hash and URL of X.509 bundle",
        /// OCSP response content (RFC 4806).
        OcspContent = 14 => "OCSP Content",
        /// Raw public key, a DER `SubjectPublicKeyInfo` (RFC 7670).
        RawPublicKey = 15 => "Raw Public Key",
    }
}

registry! {
    /// Configuration payload CFG types (RFC 7296 §3.15).
    pub enum ConfigurationType: u8 {
        /// Request.
        Request = 1 => "CFG_REQUEST",
        /// Reply to a request.
        Reply = 2 => "CFG_REPLY",
        /// Set.
        Set = 3 => "CFG_SET",
        /// Acknowledgement of a set.
        Ack = 4 => "CFG_ACK",
    }
}

registry! {
    /// Configuration payload attribute types (RFC 7296 §3.15.1; IANA "IKEv2 Configuration
    /// Payload Attribute Types"). The value is the 15-bit attribute type, without the R bit.
    pub enum ConfigurationAttributeType: u16 {
        /// Internal IPv4 address.
        InternalIp4Address = 1 => "INTERNAL_IP4_ADDRESS",
        /// Internal IPv4 netmask.
        InternalIp4Netmask = 2 => "INTERNAL_IP4_NETMASK",
        /// Internal IPv4 DNS server.
        InternalIp4Dns = 3 => "INTERNAL_IP4_DNS",
        /// Internal IPv4 `NetBIOS` name server.
        InternalIp4Nbns = 4 => "INTERNAL_IP4_NBNS",
        /// Internal IPv4 DHCP server.
        InternalIp4Dhcp = 6 => "INTERNAL_IP4_DHCP",
        /// Application version string.
        ApplicationVersion = 7 => "APPLICATION_VERSION",
        /// Internal IPv6 address and prefix length.
        InternalIp6Address = 8 => "INTERNAL_IP6_ADDRESS",
        /// Internal IPv6 DNS server.
        InternalIp6Dns = 10 => "INTERNAL_IP6_DNS",
        /// Internal IPv6 DHCP server.
        InternalIp6Dhcp = 12 => "INTERNAL_IP6_DHCP",
        /// Internal IPv4 subnet protected by the gateway.
        InternalIp4Subnet = 13 => "INTERNAL_IP4_SUBNET",
        /// List of the attribute types supported.
        SupportedAttributes = 14 => "SUPPORTED_ATTRIBUTES",
        /// Internal IPv6 subnet protected by the gateway.
        InternalIp6Subnet = 15 => "INTERNAL_IP6_SUBNET",
        /// Mobile IPv6 home prefix (RFC 5026).
        Mip6HomePrefix = 16 => "MIP6_HOME_PREFIX",
        /// Internal IPv6 link interface identifier (RFC 5739).
        InternalIp6Link = 17 => "INTERNAL_IP6_LINK",
        /// Internal IPv6 prefix (RFC 5739).
        InternalIp6Prefix = 18 => "INTERNAL_IP6_PREFIX",
        /// Home agent address (3GPP TS 24.302).
        HomeAgentAddress = 19 => "HOME_AGENT_ADDRESS",
        /// P-CSCF IPv4 address (RFC 7651).
        PCscfIp4Address = 20 => "P_CSCF_IP4_ADDRESS",
        /// P-CSCF IPv6 address (RFC 7651).
        PCscfIp6Address = 21 => "P_CSCF_IP6_ADDRESS",
        /// NAT keep-alive timer (3GPP TS 24.302).
        FttKat = 22 => "FTT_KAT",
        /// External source IPv4 address and port seen by the gateway (3GPP TS 29.139).
        ExternalSourceIp4NatInfo = 23 => "EXTERNAL_SOURCE_IP4_NAT_INFO",
        /// Liveness check period (3GPP TS 24.302).
        TimeoutPeriodForLivenessCheck = 24 => "TIMEOUT_PERIOD_FOR_LIVENESS_CHECK",
        /// Internal DNS domain for split DNS (RFC 8598).
        InternalDnsDomain = 25 => "INTERNAL_DNS_DOMAIN",
        /// Internal DNSSEC trust anchor for split DNS (RFC 8598).
        InternalDnssecTa = 26 => "INTERNAL_DNSSEC_TA",
        /// Encrypted DNS resolver reachable over IPv4 (RFC 9464).
        EncdnsIp4 = 27 => "ENCDNS_IP4",
        /// Encrypted DNS resolver reachable over IPv6 (RFC 9464).
        EncdnsIp6 = 28 => "ENCDNS_IP6",
        /// Digest of the encrypted DNS resolver's certificate (RFC 9464).
        EncdnsDigestInfo = 29 => "ENCDNS_DIGEST_INFO",
    }
}
