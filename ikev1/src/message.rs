//! The ISAKMP header and whole messages (RFC 2408 §3.1-§3.2).

use alloc::vec::Vec;

use ipsec_core::registry::ikev1::{ExchangeType, PayloadType};
use ipsec_core::types::IkeSpi;

use crate::error::{DecodeError, EncodeError};
use crate::payload::{
    AttributePayload, CertificatePayload, CertificateRequestPayload, DeletePayload, HashPayload, IdPayload, KePayload,
    NatDPayload, NatOaPayload, NoncePayload, NotificationPayload, Payload, SaPayload, SignaturePayload,
    VendorIdPayload,
};
use crate::wire::{RawPayloads, Reader, Writer};

/// Length of the ISAKMP header (RFC 2408 §3.1).
pub const HEADER_LEN: usize = 28;
/// The ISAKMP major version this crate speaks (RFC 2408 §3.1).
pub const MAJOR_VERSION: u8 = 1;

/// The flags octet of the ISAKMP header (RFC 2408 §3.1). Unknown bits are kept as received.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u8);

impl Flags {
    /// No flag set.
    pub const NONE: Flags = Flags(0);
    /// E: the payloads after the header are encrypted (RFC 2408 §3.1).
    pub const ENCRYPTION: Flags = Flags(0x01);
    /// C: commit, key exchange synchronization (RFC 2408 §3.1, §4.2).
    pub const COMMIT: Flags = Flags(0x02);
    /// A: authentication only, the payloads are not encrypted (RFC 2408 §3.1).
    pub const AUTHENTICATION_ONLY: Flags = Flags(0x04);

    /// True when every bit of `other` is set.
    #[must_use]
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// These flags and `other`.
    #[must_use]
    pub const fn with(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    /// These flags without `other`.
    #[must_use]
    pub const fn without(self, other: Flags) -> Flags {
        Flags(self.0 & !other.0)
    }

    /// The E (encryption) bit.
    #[must_use]
    pub const fn encrypted(self) -> bool {
        self.contains(Self::ENCRYPTION)
    }

    /// The C (commit) bit.
    #[must_use]
    pub const fn commit(self) -> bool {
        self.contains(Self::COMMIT)
    }
}

/// The ISAKMP header (RFC 2408 §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Header {
    /// Initiator cookie (CKY-I).
    pub initiator_cookie: IkeSpi,
    /// Responder cookie (CKY-R), zero in the first message.
    pub responder_cookie: IkeSpi,
    /// Type of the first payload.
    pub next_payload: PayloadType,
    /// Major version (1).
    pub major_version: u8,
    /// Minor version (0).
    pub minor_version: u8,
    /// Exchange type.
    pub exchange: ExchangeType,
    /// Flags.
    pub flags: Flags,
    /// Message ID: 0 in phase 1, random and unique per exchange after it (RFC 2408 §3.1).
    pub message_id: u32,
    /// Length of the whole message, header and (padded) payloads.
    pub length: u32,
}

impl Header {
    /// Decodes and checks the header of `datagram`: at least 28 bytes, major version 1, and a
    /// Length field equal to the datagram's length (RFC 2408 §5.1). A minor version other than
    /// 0 is accepted and kept, as deployed peers do.
    ///
    /// # Errors
    /// [`DecodeError::TooShort`], [`DecodeError::InvalidMajorVersion`] or
    /// [`DecodeError::LengthMismatch`].
    pub fn decode(datagram: &[u8]) -> Result<Self, DecodeError> {
        if datagram.len() < HEADER_LEN {
            return Err(DecodeError::TooShort { len: datagram.len() });
        }
        let mut r = Reader::new(datagram, PayloadType::None);
        let initiator_cookie = IkeSpi(r.array()?);
        let responder_cookie = IkeSpi(r.array()?);
        let next_payload = PayloadType::from_value(r.u8()?);
        let version = r.u8()?;
        let exchange = ExchangeType::from_value(r.u8()?);
        let flags = Flags(r.u8()?);
        let message_id = r.u32()?;
        let length = r.u32()?;
        let (major_version, minor_version) = (version >> 4, version & 0x0f);
        if major_version != MAJOR_VERSION {
            return Err(DecodeError::InvalidMajorVersion { major: major_version });
        }
        if usize::try_from(length).ok() != Some(datagram.len()) {
            return Err(DecodeError::LengthMismatch { header: length, datagram: datagram.len() });
        }
        Ok(Self {
            initiator_cookie,
            responder_cookie,
            next_payload,
            major_version,
            minor_version,
            exchange,
            flags,
            message_id,
            length,
        })
    }

    /// The 28 header bytes.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let fields = [
            self.next_payload.value(),
            (self.major_version << 4) | (self.minor_version & 0x0f),
            self.exchange.value(),
            self.flags.0,
        ];
        let message_id = self.message_id.to_be_bytes();
        let length = self.length.to_be_bytes();
        let bytes = self.initiator_cookie.0.iter().chain(&self.responder_cookie.0).chain(&fields).chain(&message_id);
        let mut out = [0u8; HEADER_LEN];
        for (o, b) in out.iter_mut().zip(bytes.chain(&length)) {
            *o = *b;
        }
        out
    }
}

/// An ISAKMP message: header fields and the payload chain (RFC 2408 §3.1).
///
/// The payload order is the order on the wire. [`Message::encode`] fills in the Next Payload
/// fields and lengths; the flags are written as they are (set [`Flags::ENCRYPTION`] only
/// through [`MessageCipher`](crate::crypt::MessageCipher), which encrypts).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Message {
    /// Initiator cookie (CKY-I).
    pub initiator_cookie: IkeSpi,
    /// Responder cookie (CKY-R), zero in the first message of an exchange.
    pub responder_cookie: IkeSpi,
    /// Exchange type.
    pub exchange: ExchangeType,
    /// Header flags.
    pub flags: Flags,
    /// Message ID (0 in phase 1).
    pub message_id: u32,
    /// Minor version (0; kept as received).
    pub minor_version: u8,
    /// The payloads, in order.
    pub payloads: Vec<Payload>,
}

impl Message {
    /// An empty message of an exchange.
    #[must_use]
    pub const fn new(
        exchange: ExchangeType,
        initiator_cookie: IkeSpi,
        responder_cookie: IkeSpi,
        message_id: u32,
    ) -> Self {
        Self {
            initiator_cookie,
            responder_cookie,
            exchange,
            flags: Flags::NONE,
            message_id,
            minor_version: 0,
            payloads: Vec::new(),
        }
    }

    /// Appends a payload (builder style).
    #[must_use]
    pub fn with(mut self, payload: impl Into<Payload>) -> Self {
        self.payloads.push(payload.into());
        self
    }

    /// Sets header flags (builder style).
    #[must_use]
    pub const fn with_flags(mut self, flags: Flags) -> Self {
        self.flags = flags;
        self
    }

    /// Appends a payload.
    pub fn push(&mut self, payload: impl Into<Payload>) {
        self.payloads.push(payload.into());
    }

    /// The header this message encodes to, for a message of `length` bytes.
    #[must_use]
    pub fn header(&self, length: u32) -> Header {
        Header {
            initiator_cookie: self.initiator_cookie,
            responder_cookie: self.responder_cookie,
            next_payload: self.payloads.first().map_or(PayloadType::None, Payload::payload_type),
            major_version: MAJOR_VERSION,
            minor_version: self.minor_version,
            exchange: self.exchange,
            flags: self.flags,
            message_id: self.message_id,
            length,
        }
    }

    /// Decodes a cleartext message (RFC 2408 §3.1, §5.1-§5.2).
    ///
    /// Every length is checked; the payloads must fill the message exactly. Payloads of
    /// unknown types are kept (see [`Message::check_payload_types`]).
    ///
    /// # Errors
    /// [`DecodeError::Encrypted`] when the E flag is set (use
    /// [`MessageCipher::decrypt`](crate::crypt::MessageCipher::decrypt)), otherwise any
    /// [`DecodeError`] of the header or a payload.
    pub fn decode(datagram: &[u8]) -> Result<Self, DecodeError> {
        let header = Header::decode(datagram)?;
        if header.flags.encrypted() {
            return Err(DecodeError::Encrypted);
        }
        let chain = datagram.get(HEADER_LEN..).unwrap_or_default();
        let (payloads, end) = decode_chain(header.next_payload, chain)?;
        if end != chain.len() {
            return Err(DecodeError::UnequalPayloadLengths { trailing: chain.len() - end });
        }
        Ok(Self::from_header(&header, payloads))
    }

    /// A message with the fields of `header` and the given payloads.
    #[must_use]
    pub fn from_header(header: &Header, payloads: Vec<Payload>) -> Self {
        Self {
            initiator_cookie: header.initiator_cookie,
            responder_cookie: header.responder_cookie,
            exchange: header.exchange,
            flags: header.flags,
            message_id: header.message_id,
            minor_version: header.minor_version,
            payloads,
        }
    }

    /// Length of the encoded payload chain.
    #[must_use]
    pub fn payloads_len(&self) -> usize {
        self.payloads.iter().map(Payload::encoded_len).sum()
    }

    /// Length of the encoded (cleartext) message.
    #[must_use]
    pub fn encoded_len(&self) -> usize {
        HEADER_LEN + self.payloads_len()
    }

    /// Encodes the cleartext message into a new vector.
    ///
    /// # Errors
    /// [`EncodeError`] when a field does not fit its wire length.
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = alloc::vec![0u8; self.encoded_len()];
        self.encode_into(&mut out)?;
        Ok(out)
    }

    /// Encodes the cleartext message into `buf`, returning the number of bytes written.
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`], or another [`EncodeError`] when a field does not fit.
    pub fn encode_into(&self, buf: &mut [u8]) -> Result<usize, EncodeError> {
        let len = self.encoded_len();
        let length = u32::try_from(len).map_err(|_| EncodeError::MessageTooLong { len })?;
        let too_small = EncodeError::BufferTooSmall { needed: len, available: buf.len() };
        let out = buf.get_mut(..len).ok_or_else(|| too_small.clone())?;
        let (head, chain) = out.split_at_mut_checked(HEADER_LEN).ok_or(too_small)?;
        self.encode_chain(&mut Writer::new(chain))?;
        head.copy_from_slice(&self.header(length).to_bytes());
        Ok(len)
    }

    /// The encoded payload chain, without header: the plaintext of an encrypted message
    /// before padding.
    ///
    /// # Errors
    /// [`EncodeError`] when a field does not fit its wire length.
    pub fn encode_payloads(&self) -> Result<Vec<u8>, EncodeError> {
        crate::wire::to_vec(self.payloads_len(), |w| self.encode_chain(w))
    }

    pub(crate) fn encode_chain(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        encode_payload_list(&self.payloads, w)
    }

    /// The encoded payloads that follow the first payload, which must be HASH: the input of
    /// quick-mode HASH(1)/HASH(2), the informational hash and the transaction-exchange hash
    /// (RFC 2409 §5.5, §5.7). Builds the hash input of a message being composed; the HASH
    /// payload's own content does not matter.
    ///
    /// # Errors
    /// [`EncodeError::MissingPayload`] when the first payload is not HASH.
    pub fn hashed_tail(&self) -> Result<Vec<u8>, EncodeError> {
        match self.payloads.split_first() {
            Some((Payload::Hash(_), rest)) => {
                let len = rest.iter().map(Payload::encoded_len).sum();
                crate::wire::to_vec(len, |w| encode_payload_list(rest, w))
            }
            _ => Err(EncodeError::MissingPayload),
        }
    }

    /// Fails with [`DecodeError::InvalidPayloadType`] for the first payload of a type this
    /// crate does not model (RFC 2408 §5.1: answer with INVALID-PAYLOAD-TYPE).
    ///
    /// # Errors
    /// As described.
    pub fn check_payload_types(&self) -> Result<(), DecodeError> {
        match self.payloads.iter().find(|p| matches!(p, Payload::Unknown(_))) {
            Some(p) => Err(DecodeError::InvalidPayloadType { payload_type: p.payload_type() }),
            None => Ok(()),
        }
    }

    /// The payload types, in order.
    pub fn payload_types(&self) -> impl Iterator<Item = PayloadType> + '_ {
        self.payloads.iter().map(Payload::payload_type)
    }

    /// The first SA payload.
    #[must_use]
    pub fn sa(&self) -> Option<&SaPayload> {
        self.payloads.iter().find_map(|p| if let Payload::Sa(x) = p { Some(x) } else { None })
    }

    /// The first Key Exchange payload.
    #[must_use]
    pub fn key_exchange(&self) -> Option<&KePayload> {
        self.payloads.iter().find_map(|p| if let Payload::KeyExchange(x) = p { Some(x) } else { None })
    }

    /// The first Nonce payload.
    #[must_use]
    pub fn nonce(&self) -> Option<&NoncePayload> {
        self.payloads.iter().find_map(|p| if let Payload::Nonce(x) = p { Some(x) } else { None })
    }

    /// The first Hash payload.
    #[must_use]
    pub fn hash(&self) -> Option<&HashPayload> {
        self.payloads.iter().find_map(|p| if let Payload::Hash(x) = p { Some(x) } else { None })
    }

    /// The first Hash payload, to fill in a computed hash.
    pub fn hash_mut(&mut self) -> Option<&mut HashPayload> {
        self.payloads.iter_mut().find_map(|p| if let Payload::Hash(x) = p { Some(x) } else { None })
    }

    /// The first Signature payload.
    #[must_use]
    pub fn signature(&self) -> Option<&SignaturePayload> {
        self.payloads.iter().find_map(|p| if let Payload::Signature(x) = p { Some(x) } else { None })
    }

    /// The first Attribute payload.
    #[must_use]
    pub fn attribute(&self) -> Option<&AttributePayload> {
        self.payloads.iter().find_map(|p| if let Payload::Attribute(x) = p { Some(x) } else { None })
    }

    /// The ID payloads in order: the phase-1 identity, or `IDci` then `IDcr` in quick mode.
    pub fn identifications(&self) -> impl Iterator<Item = &IdPayload> + '_ {
        self.payloads.iter().filter_map(|p| if let Payload::Identification(x) = p { Some(x) } else { None })
    }

    /// The Certificate payloads.
    pub fn certificates(&self) -> impl Iterator<Item = &CertificatePayload> + '_ {
        self.payloads.iter().filter_map(|p| if let Payload::Certificate(x) = p { Some(x) } else { None })
    }

    /// The Certificate Request payloads.
    pub fn certificate_requests(&self) -> impl Iterator<Item = &CertificateRequestPayload> + '_ {
        self.payloads.iter().filter_map(|p| if let Payload::CertificateRequest(x) = p { Some(x) } else { None })
    }

    /// The Notification payloads.
    pub fn notifications(&self) -> impl Iterator<Item = &NotificationPayload> + '_ {
        self.payloads.iter().filter_map(|p| if let Payload::Notification(x) = p { Some(x) } else { None })
    }

    /// The Delete payloads.
    pub fn deletes(&self) -> impl Iterator<Item = &DeletePayload> + '_ {
        self.payloads.iter().filter_map(|p| if let Payload::Delete(x) = p { Some(x) } else { None })
    }

    /// The Vendor ID payloads.
    pub fn vendor_ids(&self) -> impl Iterator<Item = &VendorIdPayload> + '_ {
        self.payloads.iter().filter_map(|p| if let Payload::VendorId(x) = p { Some(x) } else { None })
    }

    /// True when a Vendor ID payload carries exactly `vid`.
    #[must_use]
    pub fn has_vendor_id(&self, vid: &[u8]) -> bool {
        self.vendor_ids().any(|v| v.data == vid)
    }

    /// The NAT-D payloads in order: the peer's (destination) hash first, then the sender's
    /// own (RFC 3947 §3.2).
    pub fn nat_discovery(&self) -> impl Iterator<Item = &NatDPayload> + '_ {
        self.payloads.iter().filter_map(|p| if let Payload::NatD(x) = p { Some(x) } else { None })
    }

    /// The NAT-OA payloads in order: the initiator's, then the responder's (RFC 3947 §5.2).
    pub fn nat_original_addresses(&self) -> impl Iterator<Item = &NatOaPayload> + '_ {
        self.payloads.iter().filter_map(|p| if let Payload::NatOa(x) = p { Some(x) } else { None })
    }
}

fn encode_payload_list(payloads: &[Payload], w: &mut Writer<'_>) -> Result<(), EncodeError> {
    let mut iter = payloads.iter().peekable();
    while let Some(payload) = iter.next() {
        let next = iter.peek().map_or(PayloadType::None, |p| p.payload_type());
        payload.encode(next, w)?;
    }
    Ok(())
}

/// The body of the first payload of `payload_type` in a cleartext datagram, as on the wire
/// (for example `SAi_b` from Main Mode message 1, RFC 2409 §5). `None` when the message has
/// no such payload.
///
/// # Errors
/// The [`DecodeError`] of the header or of a malformed generic header.
pub fn cleartext_body(datagram: &[u8], payload_type: PayloadType) -> Result<Option<&[u8]>, DecodeError> {
    let header = Header::decode(datagram)?;
    if header.flags.encrypted() {
        return Err(DecodeError::Encrypted);
    }
    RawPayloads::new(header.next_payload, datagram.get(HEADER_LEN..).unwrap_or_default()).body_of(payload_type)
}

/// Decodes the payload chain of `chain` (the bytes after the header, or a decrypted payload
/// region) starting with a payload of type `first`. Returns the payloads and the offset where
/// the chain ended; bytes after it are the caller's business (padding, or an error).
///
/// # Errors
/// The first [`DecodeError`] of a generic header or payload body.
pub fn decode_chain(first: PayloadType, chain: &[u8]) -> Result<(Vec<Payload>, usize), DecodeError> {
    let mut raw = RawPayloads::new(first, chain);
    let mut payloads = Vec::new();
    for p in raw.by_ref() {
        let p = p?;
        payloads.push(Payload::from_body(p.payload_type, p.body)?);
    }
    Ok((payloads, raw.end()))
}

/// The bytes of the payloads that follow the first payload of `chain`, which must be a HASH
/// payload, up to the end of the chain (padding excluded): the input of quick-mode
/// HASH(1)/HASH(2) and of the informational and transaction hashes of a received message
/// (RFC 2409 §5.5, §5.7).
///
/// # Errors
/// [`DecodeError::HashNotFirst`] when the first payload is not HASH, or the
/// [`DecodeError`] of a malformed generic header.
pub fn tail_after_hash(first: PayloadType, chain: &[u8]) -> Result<&[u8], DecodeError> {
    if first != PayloadType::Hash {
        return Err(DecodeError::HashNotFirst);
    }
    let mut raw = RawPayloads::new(first, chain);
    let hash = raw.next().ok_or(DecodeError::HashNotFirst)??;
    for p in raw.by_ref() {
        p?;
    }
    chain.get(hash.bytes.len()..raw.end()).ok_or(DecodeError::Truncated { payload: PayloadType::Hash })
}
