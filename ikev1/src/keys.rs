//! IKEv1 key material and authentication hashes (RFC 2409 §5, §5.5, §5.7, Appendix B) and the
//! NAT-D hash (RFC 3947 §3.2).
//!
//! Everything runs through the caller's [`CryptoProvider`]: the PRF is the negotiated one (the
//! HMAC of the phase-1 hash, RFC 2409 §4) and plain hashes come from its `HashProvider`.
//! Secrets are [`SecretBytes`], which zeroize on drop and print only their length.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::net::IpAddr;

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{EncryptionAlgorithm, HashAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::crypto::kdf::{ikev1_expand_cipher_key, ikev1_keymat};
use ipsec_core::crypto::{CryptoError, CryptoProvider, Mac};
use ipsec_core::registry::ikev1::ProtocolId;
use ipsec_core::types::{IkeSpi, Spi};

use crate::crypt::{IvState, MessageCipher};
use crate::transform::IpsecTransform;

/// Keys the PRF.
fn prf_mac(provider: &CryptoProvider, prf: PrfAlgorithm, key: &[u8]) -> Result<Box<dyn Mac>, CryptoError> {
    provider.mac.new_mac(prf.mac(), key)
}

/// `prf(key, parts...)` in full, as a secret.
fn prf_secret(
    provider: &CryptoProvider,
    prf: PrfAlgorithm,
    key: &[u8],
    parts: &[&[u8]],
) -> Result<SecretBytes, CryptoError> {
    let mac = prf_mac(provider, prf, key)?;
    let mut out = SecretBytes::zeroed(mac.output_len());
    mac.compute(parts, out.expose_mut())?;
    Ok(out)
}

/// `prf(key, parts...)` in full, for a value that goes on the wire.
fn prf_public(
    provider: &CryptoProvider,
    prf: PrfAlgorithm,
    key: &[u8],
    parts: &[&[u8]],
) -> Result<Vec<u8>, CryptoError> {
    let mac = prf_mac(provider, prf, key)?;
    let mut out = alloc::vec![0u8; mac.output_len()];
    mac.compute(parts, &mut out)?;
    Ok(out)
}

/// Checks `expected` against `prf(key, parts...)` in constant time.
fn prf_verify(
    provider: &CryptoProvider,
    prf: PrfAlgorithm,
    key: &[u8],
    parts: &[&[u8]],
    expected: &[u8],
) -> Result<(), CryptoError> {
    let mac = prf_mac(provider, prf, key)?;
    if expected.len() != mac.output_len() {
        return Err(CryptoError::AuthenticationFailed);
    }
    mac.verify(parts, expected)
}

/// `SKEYID` for pre-shared key authentication: `prf(pre-shared-key, Ni_b | Nr_b)` (RFC 2409
/// §5).
///
/// # Errors
/// [`CryptoError`] from the provider (unsupported PRF).
pub fn skeyid_pre_shared_key(
    provider: &CryptoProvider,
    prf: PrfAlgorithm,
    pre_shared_key: &[u8],
    ni_b: &[u8],
    nr_b: &[u8],
) -> Result<SecretBytes, CryptoError> {
    prf_secret(provider, prf, pre_shared_key, &[ni_b, nr_b])
}

/// `SKEYID` for signature authentication: `prf(Ni_b | Nr_b, g^xy)` (RFC 2409 §5).
///
/// # Errors
/// [`CryptoError`] from the provider.
pub fn skeyid_signature(
    provider: &CryptoProvider,
    prf: PrfAlgorithm,
    ni_b: &[u8],
    nr_b: &[u8],
    g_xy: &[u8],
) -> Result<SecretBytes, CryptoError> {
    let key = SecretBytes::new([ni_b, nr_b].concat());
    prf_secret(provider, prf, key.expose(), &[g_xy])
}

/// `SKEYID` for public-key encryption authentication: `prf(hash(Ni_b | Nr_b), CKY-I | CKY-R)`
/// (RFC 2409 §5), the hash being the PRF's.
///
/// # Errors
/// [`CryptoError::UnsupportedAlgorithm`] for a PRF without a hash, or from the provider.
pub fn skeyid_public_key_encryption(
    provider: &CryptoProvider,
    prf: PrfAlgorithm,
    ni_b: &[u8],
    nr_b: &[u8],
    initiator_cookie: &IkeSpi,
    responder_cookie: &IkeSpi,
) -> Result<SecretBytes, CryptoError> {
    let hash = prf.hash().ok_or(CryptoError::UnsupportedAlgorithm)?;
    let mut key = SecretBytes::zeroed(hash.output_len());
    provider.hash.hash(hash, &[ni_b, nr_b], key.expose_mut())?;
    prf_secret(provider, prf, key.expose(), &[&initiator_cookie.0, &responder_cookie.0])
}

/// The NAT-D hash `HASH(CKY-I | CKY-R | IP | Port)` (RFC 3947 §3.2), with the negotiated hash;
/// IPv4 addresses are 4 bytes, IPv6 16, the port 2 bytes in network order.
///
/// # Errors
/// [`CryptoError`] from the provider.
pub fn nat_discovery_hash(
    provider: &CryptoProvider,
    hash: HashAlgorithm,
    initiator_cookie: &IkeSpi,
    responder_cookie: &IkeSpi,
    address: IpAddr,
    port: u16,
) -> Result<Vec<u8>, CryptoError> {
    let mut out = alloc::vec![0u8; hash.output_len()];
    let port = port.to_be_bytes();
    match address {
        IpAddr::V4(a) => {
            provider.hash.hash(hash, &[&initiator_cookie.0, &responder_cookie.0, &a.octets(), &port], &mut out)?;
        }
        IpAddr::V6(a) => {
            provider.hash.hash(hash, &[&initiator_cookie.0, &responder_cookie.0, &a.octets(), &port], &mut out)?;
        }
    }
    Ok(out)
}

/// The inputs `HASH_I` and `HASH_R` share (RFC 2409 §5): both public values, both cookies and the
/// body of the initiator's SA payload.
#[derive(Clone, Copy, Debug)]
pub struct Phase1HashInputs<'a> {
    /// The initiator's public value `g^xi` (KE body).
    pub g_xi: &'a [u8],
    /// The responder's public value `g^xr` (KE body).
    pub g_xr: &'a [u8],
    /// CKY-I.
    pub initiator_cookie: &'a IkeSpi,
    /// CKY-R.
    pub responder_cookie: &'a IkeSpi,
    /// `SAi_b`: the body of the SA payload the initiator sent, without its generic header, as
    /// on the wire.
    pub sa_i_b: &'a [u8],
}

/// The ESP or AH keys of one SA, cut from its KEYMAT (RFC 2409 §5.5): the cipher's key
/// material first (key and salt), then the integrity key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IpsecSaKeys {
    /// Cipher key material (empty for AH).
    pub encryption: SecretBytes,
    /// Integrity key (empty for combined-mode ciphers).
    pub integrity: SecretBytes,
}

/// The key material of an ISAKMP SA (RFC 2409 §5, Appendix B): `SKEYID` and its three
/// derivatives, and the phase-1 cipher key, with the operations that use them.
#[derive(Clone, Debug)]
pub struct Phase1Keys {
    provider: CryptoProvider,
    prf: PrfAlgorithm,
    cipher: EncryptionAlgorithm,
    skeyid: SecretBytes,
    skeyid_d: SecretBytes,
    skeyid_a: SecretBytes,
    skeyid_e: SecretBytes,
    encryption_key: SecretBytes,
}

impl Phase1Keys {
    /// Derives the key schedule from `SKEYID` (RFC 2409 §5):
    /// `SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)`,
    /// `SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)`,
    /// `SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)`; the cipher key is the first
    /// bytes of `SKEYID_e`, or its Appendix B expansion when `SKEYID_e` is too short.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] for a cipher IKEv1 cannot use in phase 1, or an
    /// error of the provider.
    pub fn derive(
        provider: &CryptoProvider,
        prf: PrfAlgorithm,
        cipher: EncryptionAlgorithm,
        skeyid: SecretBytes,
        g_xy: &[u8],
        initiator_cookie: &IkeSpi,
        responder_cookie: &IkeSpi,
    ) -> Result<Self, CryptoError> {
        if cipher.phase1_id().is_none() {
            return Err(CryptoError::UnsupportedAlgorithm);
        }
        let (ci, cr) = (initiator_cookie.0.as_slice(), responder_cookie.0.as_slice());
        let key = skeyid.expose();
        let skeyid_d = prf_secret(provider, prf, key, &[g_xy, ci, cr, &[0]])?;
        let skeyid_a = prf_secret(provider, prf, key, &[skeyid_d.expose(), g_xy, ci, cr, &[1]])?;
        let skeyid_e = prf_secret(provider, prf, key, &[skeyid_a.expose(), g_xy, ci, cr, &[2]])?;
        let encryption_key = Self::cipher_key(provider, prf, cipher, &skeyid_e)?;
        Ok(Self { provider: *provider, prf, cipher, skeyid, skeyid_d, skeyid_a, skeyid_e, encryption_key })
    }

    /// The phase-1 cipher key from `SKEYID_e` (RFC 2409 §5.3 and Appendix B): its first bytes
    /// when it is long enough, else `K1 | K2 | ...` with `K1 = prf(SKEYID_e, 0)` and
    /// `Kn = prf(SKEYID_e, Kn-1)`, cut to the key length.
    ///
    /// # Errors
    /// [`CryptoError`] from the provider.
    pub fn cipher_key(
        provider: &CryptoProvider,
        prf: PrfAlgorithm,
        cipher: EncryptionAlgorithm,
        skeyid_e: &SecretBytes,
    ) -> Result<SecretBytes, CryptoError> {
        let len = cipher.key_len();
        if let Some(prefix) = skeyid_e.expose().get(..len) {
            return Ok(SecretBytes::from_slice(prefix));
        }
        let mac = prf_mac(provider, prf, skeyid_e.expose())?;
        let mut key = SecretBytes::zeroed(len);
        ikev1_expand_cipher_key(mac.as_ref(), key.expose_mut())?;
        Ok(key)
    }

    /// The negotiated PRF.
    #[must_use]
    pub const fn prf(&self) -> PrfAlgorithm {
        self.prf
    }

    /// The phase-1 cipher.
    #[must_use]
    pub const fn cipher(&self) -> EncryptionAlgorithm {
        self.cipher
    }

    /// `SKEYID`.
    #[must_use]
    pub const fn skeyid(&self) -> &SecretBytes {
        &self.skeyid
    }

    /// `SKEYID_d`, from which quick mode derives KEYMAT.
    #[must_use]
    pub const fn skeyid_d(&self) -> &SecretBytes {
        &self.skeyid_d
    }

    /// `SKEYID_a`, which authenticates phase-2 and informational messages.
    #[must_use]
    pub const fn skeyid_a(&self) -> &SecretBytes {
        &self.skeyid_a
    }

    /// `SKEYID_e`, from which the cipher key comes.
    #[must_use]
    pub const fn skeyid_e(&self) -> &SecretBytes {
        &self.skeyid_e
    }

    /// The phase-1 cipher key.
    #[must_use]
    pub const fn encryption_key(&self) -> &SecretBytes {
        &self.encryption_key
    }

    /// The cipher that protects the ISAKMP SA's messages (RFC 2409 §5.3, Appendix B).
    ///
    /// # Errors
    /// [`CryptoError`] from the provider.
    pub fn message_cipher(&self) -> Result<MessageCipher, CryptoError> {
        MessageCipher::new(&self.provider, self.cipher, &self.encryption_key)
    }

    /// The IV state of the ISAKMP SA, starting from `hash(g^xi | g^xr)` (RFC 2409 Appendix B).
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] for a PRF without a hash, or from the provider.
    pub fn iv_state(&self, g_xi: &[u8], g_xr: &[u8]) -> Result<IvState, CryptoError> {
        let hash = self.prf.hash().ok_or(CryptoError::UnsupportedAlgorithm)?;
        IvState::new(&self.provider, hash, self.cipher, g_xi, g_xr)
    }

    /// `HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)` (RFC 2409 §5);
    /// `id_ii_b` is the body of the initiator's ID payload.
    ///
    /// # Errors
    /// [`CryptoError`] from the provider.
    pub fn hash_i(&self, inputs: &Phase1HashInputs<'_>, id_ii_b: &[u8]) -> Result<Vec<u8>, CryptoError> {
        prf_public(&self.provider, self.prf, self.skeyid.expose(), &Self::hash_i_parts(inputs, id_ii_b))
    }

    /// `HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)` (RFC 2409 §5);
    /// `id_ir_b` is the body of the responder's ID payload.
    ///
    /// # Errors
    /// [`CryptoError`] from the provider.
    pub fn hash_r(&self, inputs: &Phase1HashInputs<'_>, id_ir_b: &[u8]) -> Result<Vec<u8>, CryptoError> {
        prf_public(&self.provider, self.prf, self.skeyid.expose(), &Self::hash_r_parts(inputs, id_ir_b))
    }

    /// Checks a received `HASH_I` in constant time.
    ///
    /// # Errors
    /// [`CryptoError::AuthenticationFailed`] when it does not match.
    pub fn verify_hash_i(
        &self,
        inputs: &Phase1HashInputs<'_>,
        id_ii_b: &[u8],
        received: &[u8],
    ) -> Result<(), CryptoError> {
        prf_verify(&self.provider, self.prf, self.skeyid.expose(), &Self::hash_i_parts(inputs, id_ii_b), received)
    }

    /// Checks a received `HASH_R` in constant time.
    ///
    /// # Errors
    /// [`CryptoError::AuthenticationFailed`] when it does not match.
    pub fn verify_hash_r(
        &self,
        inputs: &Phase1HashInputs<'_>,
        id_ir_b: &[u8],
        received: &[u8],
    ) -> Result<(), CryptoError> {
        prf_verify(&self.provider, self.prf, self.skeyid.expose(), &Self::hash_r_parts(inputs, id_ir_b), received)
    }

    fn hash_i_parts<'a>(i: &Phase1HashInputs<'a>, id_b: &'a [u8]) -> [&'a [u8]; 6] {
        [i.g_xi, i.g_xr, &i.initiator_cookie.0, &i.responder_cookie.0, i.sa_i_b, id_b]
    }

    fn hash_r_parts<'a>(i: &Phase1HashInputs<'a>, id_b: &'a [u8]) -> [&'a [u8]; 6] {
        [i.g_xr, i.g_xi, &i.responder_cookie.0, &i.initiator_cookie.0, i.sa_i_b, id_b]
    }

    /// `prf(SKEYID_a, parts...)`.
    fn auth_hash(&self, parts: &[&[u8]]) -> Result<Vec<u8>, CryptoError> {
        prf_public(&self.provider, self.prf, self.skeyid_a.expose(), parts)
    }

    fn auth_verify(&self, parts: &[&[u8]], received: &[u8]) -> Result<(), CryptoError> {
        prf_verify(&self.provider, self.prf, self.skeyid_a.expose(), parts, received)
    }

    /// The hash of a message whose first payload is HASH and that covers the rest:
    /// `prf(SKEYID_a, M-ID | tail)`. This is quick-mode HASH(1) (RFC 2409 §5.5), the
    /// informational HASH(1) over the N/D payloads (§5.7), the transaction exchange's hash
    /// (draft-ietf-ipsec-isakmp-mode-cfg §3.4) and new group mode's (§5.6). `tail` is
    /// [`Message::hashed_tail`](crate::Message::hashed_tail) of a message being built, or
    /// [`tail_after_hash`](crate::tail_after_hash) of a received one.
    ///
    /// # Errors
    /// [`CryptoError`] from the provider.
    pub fn message_hash(&self, message_id: u32, tail: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.auth_hash(&[&message_id.to_be_bytes(), tail])
    }

    /// Checks a received [`message_hash`](Self::message_hash) in constant time.
    ///
    /// # Errors
    /// [`CryptoError::AuthenticationFailed`] when it does not match.
    pub fn verify_message_hash(&self, message_id: u32, tail: &[u8], received: &[u8]) -> Result<(), CryptoError> {
        self.auth_verify(&[&message_id.to_be_bytes(), tail], received)
    }

    /// Quick-mode `HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [| KE] [| IDci | IDcr])`
    /// (RFC 2409 §5.5): `tail` is the responder's message after its HASH payload.
    ///
    /// # Errors
    /// [`CryptoError`] from the provider.
    pub fn quick_mode_hash_2(&self, message_id: u32, ni_b: &[u8], tail: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.auth_hash(&[&message_id.to_be_bytes(), ni_b, tail])
    }

    /// Checks a received quick-mode HASH(2) in constant time.
    ///
    /// # Errors
    /// [`CryptoError::AuthenticationFailed`] when it does not match.
    pub fn verify_quick_mode_hash_2(
        &self,
        message_id: u32,
        ni_b: &[u8],
        tail: &[u8],
        received: &[u8],
    ) -> Result<(), CryptoError> {
        self.auth_verify(&[&message_id.to_be_bytes(), ni_b, tail], received)
    }

    /// Quick-mode `HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)` (RFC 2409 §5.5).
    ///
    /// # Errors
    /// [`CryptoError`] from the provider.
    pub fn quick_mode_hash_3(&self, message_id: u32, ni_b: &[u8], nr_b: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.auth_hash(&[&[0], &message_id.to_be_bytes(), ni_b, nr_b])
    }

    /// Checks a received quick-mode HASH(3) in constant time.
    ///
    /// # Errors
    /// [`CryptoError::AuthenticationFailed`] when it does not match.
    pub fn verify_quick_mode_hash_3(
        &self,
        message_id: u32,
        ni_b: &[u8],
        nr_b: &[u8],
        received: &[u8],
    ) -> Result<(), CryptoError> {
        self.auth_verify(&[&[0], &message_id.to_be_bytes(), ni_b, nr_b], received)
    }

    /// `len` bytes of KEYMAT for one SA (RFC 2409 §5.5):
    /// `K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)`,
    /// `Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)`.
    ///
    /// `g_qm_xy` is the quick-mode shared secret with PFS. `spi` is the SPI of the SA being
    /// keyed, which its receiving side chose: an initiator's outbound SA uses the SPI from the
    /// responder's proposal, its inbound SA the SPI from its own.
    ///
    /// # Errors
    /// [`CryptoError`] from the provider.
    pub fn keymat(
        &self,
        g_qm_xy: Option<&[u8]>,
        protocol: ProtocolId,
        spi: &[u8],
        ni_b: &[u8],
        nr_b: &[u8],
        len: usize,
    ) -> Result<SecretBytes, CryptoError> {
        let mac = prf_mac(&self.provider, self.prf, self.skeyid_d.expose())?;
        let protocol = [protocol.value()];
        let mut out = SecretBytes::zeroed(len);
        match g_qm_xy {
            Some(g) => ikev1_keymat(mac.as_ref(), &[g, &protocol, spi, ni_b, nr_b], out.expose_mut())?,
            None => ikev1_keymat(mac.as_ref(), &[&protocol, spi, ni_b, nr_b], out.expose_mut())?,
        }
        Ok(out)
    }

    /// The keys of one ESP or AH SA with the negotiated transform: KEYMAT of
    /// [`IpsecTransform::keymat_len`] bytes cut into cipher key material and integrity key
    /// (RFC 2409 §5.5). See [`Phase1Keys::keymat`] for `spi`.
    ///
    /// # Errors
    /// [`CryptoError`] from the provider.
    pub fn ipsec_sa_keys(
        &self,
        transform: &IpsecTransform,
        g_qm_xy: Option<&[u8]>,
        spi: Spi,
        ni_b: &[u8],
        nr_b: &[u8],
    ) -> Result<IpsecSaKeys, CryptoError> {
        let mut keymat =
            self.keymat(g_qm_xy, transform.protocol, &spi.to_bytes(), ni_b, nr_b, transform.keymat_len())?;
        Ok(split_keymat(&mut keymat, transform.encryption, transform.integrity))
    }
}

/// Cuts KEYMAT into the cipher key material and the integrity key, in that order (RFC 2409
/// §5.5; the order strongSwan, Cisco and Linux use).
#[must_use]
pub fn split_keymat(
    keymat: &mut SecretBytes,
    encryption: Option<EncryptionAlgorithm>,
    integrity: Option<IntegrityAlgorithm>,
) -> IpsecSaKeys {
    let enc_len = encryption.map_or(0, EncryptionAlgorithm::keymat_len);
    let int_len = integrity.map_or(0, IntegrityAlgorithm::key_len);
    let encryption = keymat.take_front(enc_len).unwrap_or_default();
    let integrity = keymat.take_front(int_len).unwrap_or_default();
    IpsecSaKeys { encryption, integrity }
}
