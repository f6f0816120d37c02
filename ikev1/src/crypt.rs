//! Encrypted ISAKMP messages (RFC 2408 §3.1, RFC 2409 §5.3 and Appendix B): the phase-1 CBC
//! cipher over everything after the header, padding, and the IV chains.
//!
//! # IVs (RFC 2409 Appendix B)
//!
//! * Phase 1: the first encrypted message uses `hash(g^xi | g^xr)` cut to the cipher's block
//!   size; each later phase-1 message uses the last ciphertext block of the previous one.
//! * Each exchange after phase 1 (quick mode, informational, transaction: a message ID other
//!   than 0) starts from `hash(last phase-1 CBC output block | M-ID)`, cut to the block size,
//!   and then chains on its own messages' last ciphertext blocks.
//!
//! [`IvState`] holds these chains. [`MessageCipher::decrypt`] and
//! [`MessageCipher::encrypt`] never change it: they return the message's last ciphertext
//! block, and the exchange calls [`IvState::commit`] only once the message is accepted (a
//! received message decrypted and authenticated, or a sent message that is final). A forged or
//! corrupted retransmission thus leaves the chain as it was.
//!
//! # Padding
//!
//! RFC 2409 Appendix B pads the plaintext with zero bytes up to the block size, and the
//! header's Length counts the padding. Some implementations make the last pad byte the pad
//! length (racoon's `pad_lastlen`) or always add padding; strongSwan adds a whole block of
//! zeros when the payloads are already aligned. [`MessageCipher::decrypt`] accepts any bytes
//! after the last payload; [`Padding`] selects what [`MessageCipher::encrypt`] writes (the
//! strongSwan interoperability test re-encrypts strongSwan's messages byte for byte with
//! [`Padding::ZerosAtLeastOne`]).

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{EncryptionAlgorithm, HashAlgorithm};
use ipsec_core::crypto::{Cipher, CryptoError, CryptoProvider, HashProvider};

use crate::error::{DecodeError, EncodeError};
use crate::message::{Flags, HEADER_LEN, Header, Message, decode_chain};

/// Largest block size of a phase-1 cipher (AES).
pub const MAX_BLOCK_LEN: usize = 16;

/// An IV: one cipher block of at most [`MAX_BLOCK_LEN`] bytes. IVs are not secret.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Iv {
    bytes: [u8; MAX_BLOCK_LEN],
    len: u8,
}

impl Iv {
    /// An IV from bytes; `None` when longer than [`MAX_BLOCK_LEN`].
    #[must_use]
    pub fn new(bytes: &[u8]) -> Option<Self> {
        let mut out = [0u8; MAX_BLOCK_LEN];
        out.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(Self { bytes: out, len: u8::try_from(bytes.len()).ok()? })
    }

    /// The IV bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// The last `block` bytes of `data`, when it holds at least one block.
    fn last_block(data: &[u8], block: usize) -> Option<Self> {
        let start = data.len().checked_sub(block)?;
        Self::new(data.get(start..)?)
    }
}

impl fmt::Debug for Iv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Iv(")?;
        self.as_bytes().iter().try_for_each(|b| write!(f, "{b:02x}"))?;
        f.write_str(")")
    }
}

/// Why a message could not be encrypted or decrypted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptError {
    /// The decrypted payloads (or the header) are malformed.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The message cannot be encoded.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// A cryptographic operation failed, or the provider lacks the algorithm.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// The message does not have the E flag set (RFC 2408 §3.1).
    #[error("message is not encrypted")]
    NotEncrypted,
    /// The ciphertext is empty or not a whole number of cipher blocks.
    #[error("ciphertext of {len} bytes is not a positive multiple of the {block}-byte block")]
    CiphertextLength {
        /// Ciphertext length.
        len: usize,
        /// Block size.
        block: usize,
    },
    /// The IV is not one block long.
    #[error("IV of {len} bytes does not match the {block}-byte block")]
    IvLength {
        /// IV length.
        len: usize,
        /// Block size.
        block: usize,
    },
}

/// How [`MessageCipher::encrypt`] pads the payloads to the block size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Padding {
    /// Zero bytes up to the next block boundary, none when aligned (RFC 2409 Appendix B).
    #[default]
    Zeros,
    /// 1 to block-size zero bytes: a whole block when the payloads are aligned, as strongSwan
    /// pads.
    ZerosAtLeastOne,
    /// 1 to block-size bytes, zeros except the last, which holds the number of pad bytes
    /// (racoon's `pad_lastlen`, accepted by every implementation that ignores padding).
    ZerosWithLength,
}

/// An encrypted message ready to send, with the block that continues its IV chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedMessage {
    /// The datagram: header (E flag set, Length including padding) and ciphertext.
    pub datagram: Vec<u8>,
    /// The last ciphertext block, for [`IvState::commit`].
    pub last_block: Iv,
}

/// A decrypted message, with what the exchange needs to authenticate it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecryptedMessage {
    /// The header as received.
    pub header: Header,
    /// The decoded message (flags as received, E set).
    pub message: Message,
    /// The decrypted payload chain without padding: the bytes quick-mode and informational
    /// hashes cover (see [`tail_after_hash`](crate::tail_after_hash)), and where `IDii_b` and
    /// friends can be found with [`RawPayloads`](crate::RawPayloads).
    pub payloads: Vec<u8>,
    /// Number of padding bytes after the last payload.
    pub padding: usize,
    /// The last ciphertext block, for [`IvState::commit`] once the message is accepted.
    pub last_block: Iv,
}

impl DecryptedMessage {
    /// The body of the first decrypted payload of `payload_type`, as received (for example
    /// `IDii_b` in Main Mode message 5, RFC 2409 §5).
    ///
    /// # Errors
    /// The [`DecodeError`] of a malformed generic header.
    pub fn body_of(
        &self,
        payload_type: ipsec_core::registry::ikev1::PayloadType,
    ) -> Result<Option<&[u8]>, DecodeError> {
        crate::wire::RawPayloads::new(self.header.next_payload, &self.payloads).body_of(payload_type)
    }

    /// The bytes after the first payload, which must be HASH (see
    /// [`tail_after_hash`](crate::tail_after_hash)).
    ///
    /// # Errors
    /// [`DecodeError::HashNotFirst`].
    pub fn hashed_tail(&self) -> Result<&[u8], DecodeError> {
        crate::message::tail_after_hash(self.header.next_payload, &self.payloads)
    }
}

/// The phase-1 CBC cipher keyed for one ISAKMP SA (RFC 2409 §5.3, Appendix B).
pub struct MessageCipher {
    algorithm: EncryptionAlgorithm,
    cipher: Box<dyn Cipher>,
}

impl fmt::Debug for MessageCipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageCipher").field("algorithm", &self.algorithm).finish_non_exhaustive()
    }
}

impl MessageCipher {
    /// Keys the cipher with the phase-1 encryption key (see
    /// [`Phase1Keys::message_cipher`](crate::keys::Phase1Keys::message_cipher)).
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] for a cipher that is not a phase-1 CBC cipher, or
    /// a key-length error of the provider.
    pub fn new(
        provider: &CryptoProvider,
        algorithm: EncryptionAlgorithm,
        key: &SecretBytes,
    ) -> Result<Self, CryptoError> {
        if algorithm.phase1_id().is_none() {
            return Err(CryptoError::UnsupportedAlgorithm);
        }
        Ok(Self { algorithm, cipher: provider.cipher.new_cipher(algorithm, key.expose())? })
    }

    /// The cipher.
    #[must_use]
    pub const fn algorithm(&self) -> EncryptionAlgorithm {
        self.algorithm
    }

    /// The block size.
    #[must_use]
    pub const fn block_len(&self) -> usize {
        self.algorithm.block_size()
    }

    fn check_iv(&self, iv: &Iv) -> Result<(), CryptError> {
        let block = self.block_len();
        if iv.as_bytes().len() == block {
            Ok(())
        } else {
            Err(CryptError::IvLength { len: iv.as_bytes().len(), block })
        }
    }

    /// Encrypts `message` with `iv`: sets the E flag, pads the encoded payloads, encrypts them
    /// in CBC mode and writes a header whose Length includes the padding (RFC 2409 Appendix B).
    ///
    /// # Errors
    /// [`CryptError::Encode`] for a message that cannot be encoded or has no payloads,
    /// [`CryptError::IvLength`], or a provider error.
    pub fn encrypt(&self, message: &Message, iv: &Iv, padding: Padding) -> Result<EncryptedMessage, CryptError> {
        self.check_iv(iv)?;
        if message.payloads.is_empty() {
            return Err(EncodeError::MissingPayload.into());
        }
        let block = self.block_len();
        let plain_len = message.payloads_len();
        let pad = match padding {
            Padding::Zeros => (block - plain_len % block) % block,
            Padding::ZerosAtLeastOne | Padding::ZerosWithLength => block - plain_len % block,
        };
        let total = HEADER_LEN + plain_len + pad;
        let length = u32::try_from(total).map_err(|_| EncodeError::MessageTooLong { len: total })?;
        let mut datagram = alloc::vec![0u8; total];
        let (head, body) = datagram.split_at_mut_checked(HEADER_LEN).ok_or(EncodeError::MissingPayload)?;
        let (payloads, pad_bytes) = body.split_at_mut_checked(plain_len).ok_or(EncodeError::MissingPayload)?;
        message.encode_chain(&mut crate::wire::Writer::new(payloads))?;
        if padding == Padding::ZerosWithLength
            && let Some(last) = pad_bytes.last_mut()
        {
            *last = u8::try_from(pad).unwrap_or(0);
        }
        let mut header = message.header(length);
        header.flags = header.flags.with(Flags::ENCRYPTION);
        head.copy_from_slice(&header.to_bytes());
        self.cipher.encrypt(iv.as_bytes(), body)?;
        let last_block = Iv::last_block(body, block).ok_or(EncodeError::MissingPayload)?;
        Ok(EncryptedMessage { datagram, last_block })
    }

    /// Decrypts a received message with `iv` and decodes its payloads. The padding after the
    /// last payload may be anything (see the module documentation).
    ///
    /// # Errors
    /// [`CryptError::NotEncrypted`] without the E flag, [`CryptError::CiphertextLength`],
    /// [`CryptError::IvLength`], or the [`DecodeError`] of the header or a payload (a wrong key
    /// or IV usually shows as a malformed payload).
    pub fn decrypt(&self, datagram: &[u8], iv: &Iv) -> Result<DecryptedMessage, CryptError> {
        self.check_iv(iv)?;
        let header = Header::decode(datagram)?;
        if !header.flags.encrypted() {
            return Err(CryptError::NotEncrypted);
        }
        let block = self.block_len();
        let ciphertext = datagram.get(HEADER_LEN..).unwrap_or_default();
        if ciphertext.is_empty() || ciphertext.len() % block != 0 {
            return Err(CryptError::CiphertextLength { len: ciphertext.len(), block });
        }
        let last_block =
            Iv::last_block(ciphertext, block).ok_or(CryptError::CiphertextLength { len: ciphertext.len(), block })?;
        let mut plain = ciphertext.to_vec();
        self.cipher.decrypt(iv.as_bytes(), &mut plain)?;
        let (payloads, end) = decode_chain(header.next_payload, &plain)?;
        let padding = plain.len() - end;
        plain.truncate(end);
        Ok(DecryptedMessage {
            header,
            message: Message::from_header(&header, payloads),
            payloads: plain,
            padding,
            last_block,
        })
    }
}

/// Upper bound on the phase-2 IV chains kept at once; the oldest is dropped beyond it.
const MAX_EXCHANGES: usize = 64;

/// The IV chains of one ISAKMP SA (RFC 2409 Appendix B); see the module documentation.
#[derive(Clone)]
pub struct IvState {
    hash_provider: &'static dyn HashProvider,
    hash: HashAlgorithm,
    block: usize,
    phase1: Iv,
    exchanges: Vec<(u32, Iv)>,
}

impl fmt::Debug for IvState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IvState")
            .field("hash", &self.hash)
            .field("phase1", &self.phase1)
            .field("exchanges", &self.exchanges)
            .finish_non_exhaustive()
    }
}

impl IvState {
    /// Starts the phase-1 chain with `hash(g^xi | g^xr)` cut to the block size of `cipher`,
    /// `hash` being the negotiated hash (RFC 2409 Appendix B).
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] for a cipher that is not a phase-1 CBC cipher,
    /// or an error of the provider.
    pub fn new(
        provider: &CryptoProvider,
        hash: HashAlgorithm,
        cipher: EncryptionAlgorithm,
        g_xi: &[u8],
        g_xr: &[u8],
    ) -> Result<Self, CryptoError> {
        let block = cipher.block_size();
        if cipher.phase1_id().is_none() || block > MAX_BLOCK_LEN || block > hash.output_len() {
            return Err(CryptoError::UnsupportedAlgorithm);
        }
        let mut iv = [0u8; MAX_BLOCK_LEN];
        let out = iv.get_mut(..block).ok_or(CryptoError::InvalidLength)?;
        provider.hash.hash(hash, &[g_xi, g_xr], out)?;
        let phase1 = Iv::new(out).ok_or(CryptoError::InvalidLength)?;
        Ok(Self { hash_provider: provider.hash, hash, block, phase1, exchanges: Vec::new() })
    }

    /// The block size.
    #[must_use]
    pub const fn block_len(&self) -> usize {
        self.block
    }

    /// The current phase-1 chain value: the initial IV, then the last ciphertext block of the
    /// last phase-1 message committed.
    #[must_use]
    pub const fn phase1(&self) -> Iv {
        self.phase1
    }

    /// The IV for the next message of the exchange with `message_id`: the phase-1 chain for
    /// message ID 0; for another ID its own chain, or, for its first message,
    /// `hash(last phase-1 CBC block | M-ID)` cut to the block size.
    ///
    /// # Errors
    /// An error of the provider.
    pub fn iv(&self, message_id: u32) -> Result<Iv, CryptoError> {
        if message_id == 0 {
            return Ok(self.phase1);
        }
        if let Some((_, iv)) = self.exchanges.iter().find(|(id, _)| *id == message_id) {
            return Ok(*iv);
        }
        self.initial_phase2_iv(message_id)
    }

    /// `hash(last phase-1 CBC block | M-ID)` cut to the block size (RFC 2409 Appendix B).
    ///
    /// # Errors
    /// An error of the provider.
    pub fn initial_phase2_iv(&self, message_id: u32) -> Result<Iv, CryptoError> {
        let mut iv = [0u8; MAX_BLOCK_LEN];
        let out = iv.get_mut(..self.block).ok_or(CryptoError::InvalidLength)?;
        self.hash_provider.hash(self.hash, &[self.phase1.as_bytes(), &message_id.to_be_bytes()], out)?;
        Iv::new(out).ok_or(CryptoError::InvalidLength)
    }

    /// Records the last ciphertext block of an accepted message of the exchange with
    /// `message_id`, so that the next message of that exchange chains on it.
    pub fn commit(&mut self, message_id: u32, last_block: Iv) {
        if message_id == 0 {
            self.phase1 = last_block;
        } else if let Some(entry) = self.exchanges.iter_mut().find(|(id, _)| *id == message_id) {
            entry.1 = last_block;
        } else {
            if self.exchanges.len() >= MAX_EXCHANGES {
                self.exchanges.remove(0);
            }
            self.exchanges.push((message_id, last_block));
        }
    }

    /// Forgets the chain of a finished exchange.
    pub fn forget(&mut self, message_id: u32) {
        self.exchanges.retain(|(id, _)| *id != message_id);
    }
}
