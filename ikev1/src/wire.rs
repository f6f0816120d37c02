//! Byte-level reading and writing with every length checked, and the raw view of a payload
//! chain (RFC 2408 §3.2).

use alloc::vec::Vec;

use ipsec_core::registry::ikev1::PayloadType;

use crate::error::{DecodeError, EncodeError};

/// Length of the generic payload header (RFC 2408 §3.2).
pub const GENERIC_HEADER_LEN: usize = 4;

/// A cursor over a payload body; every read is bounds-checked and reports the payload type.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    payload: PayloadType,
}

impl<'a> Reader<'a> {
    pub(crate) const fn new(buf: &'a [u8], payload: PayloadType) -> Self {
        Self { buf, payload }
    }

    pub(crate) const fn remaining(&self) -> usize {
        self.buf.len()
    }

    pub(crate) const fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    const fn truncated(&self) -> DecodeError {
        DecodeError::Truncated { payload: self.payload }
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let (head, tail) = self.buf.split_at_checked(n).ok_or_else(|| self.truncated())?;
        self.buf = tail;
        Ok(head)
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let bytes = self.take(N)?;
        <[u8; N]>::try_from(bytes).map_err(|_| self.truncated())
    }

    pub(crate) fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(u8::from_be_bytes(self.array()?))
    }

    pub(crate) fn u16(&mut self) -> Result<u16, DecodeError> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, DecodeError> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    /// Everything left.
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        core::mem::take(&mut self.buf)
    }

    /// Fails unless the body has been read completely.
    pub(crate) fn finish(&self) -> Result<(), DecodeError> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::TrailingBytes { payload: self.payload, count: self.buf.len() })
        }
    }
}

/// A cursor writing into a caller buffer.
pub(crate) struct Writer<'a> {
    buf: &'a mut [u8],
    pos: usize,
}

impl<'a> Writer<'a> {
    pub(crate) const fn new(buf: &'a mut [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    pub(crate) const fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn put(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        let available = self.buf.len();
        let end = self.pos.checked_add(bytes.len()).filter(|&e| e <= available);
        let dst = end.and_then(|end| self.buf.get_mut(self.pos..end));
        match dst {
            Some(dst) => {
                dst.copy_from_slice(bytes);
                self.pos += bytes.len();
                Ok(())
            }
            None => Err(EncodeError::BufferTooSmall { needed: self.pos.saturating_add(bytes.len()), available }),
        }
    }

    pub(crate) fn u8(&mut self, v: u8) -> Result<(), EncodeError> {
        self.put(&[v])
    }

    pub(crate) fn u16(&mut self, v: u16) -> Result<(), EncodeError> {
        self.put(&v.to_be_bytes())
    }

    pub(crate) fn u32(&mut self, v: u32) -> Result<(), EncodeError> {
        self.put(&v.to_be_bytes())
    }

    /// A generic payload header (RFC 2408 §3.2) for a payload of `total` bytes, header
    /// included.
    pub(crate) fn generic_header(
        &mut self,
        payload: PayloadType,
        next: PayloadType,
        total: usize,
    ) -> Result<(), EncodeError> {
        let len = u16::try_from(total).map_err(|_| EncodeError::PayloadTooLong { payload, len: total })?;
        self.u8(next.value())?;
        self.u8(0)?;
        self.u16(len)
    }
}

/// Runs `encode` over a fresh vector of exactly `len` bytes.
pub(crate) fn to_vec(
    len: usize,
    encode: impl FnOnce(&mut Writer<'_>) -> Result<(), EncodeError>,
) -> Result<Vec<u8>, EncodeError> {
    let mut out = alloc::vec![0u8; len];
    let mut w = Writer::new(&mut out);
    encode(&mut w)?;
    debug_assert_eq!(w.position(), len);
    Ok(out)
}

/// One payload of a chain as it is on the wire (RFC 2408 §3.2): no interpretation beyond the
/// generic header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawPayload<'a> {
    /// The payload's type (the previous payload's, or the header's, Next Payload field).
    pub payload_type: PayloadType,
    /// The Next Payload field of this payload's generic header.
    pub next_payload: PayloadType,
    /// Offset of the payload's generic header from the start of the chain.
    pub offset: usize,
    /// The whole payload, generic header included.
    pub bytes: &'a [u8],
    /// The payload body: everything after the generic header. Hash inputs such as `SAi_b` and
    /// `IDii_b` (RFC 2409 §5) are bodies.
    pub body: &'a [u8],
}

/// Iterator over the payloads of a chain, validating each generic header's length against the
/// bytes that remain (RFC 2408 §3.2, §5.2).
///
/// The iterator stops after the payload whose Next Payload is NONE; [`RawPayloads::end`] then
/// gives the offset where the chain ended (anything after it is padding, or an error in a
/// cleartext message). A malformed header yields one error and then nothing.
#[derive(Clone, Debug)]
pub struct RawPayloads<'a> {
    chain: &'a [u8],
    next: PayloadType,
    offset: usize,
    failed: bool,
}

impl<'a> RawPayloads<'a> {
    /// Walks `chain` (the bytes after the ISAKMP header, or a decrypted payload region) whose
    /// first payload has type `first` (the header's Next Payload field).
    #[must_use]
    pub const fn new(first: PayloadType, chain: &'a [u8]) -> Self {
        Self { chain, next: first, offset: 0, failed: false }
    }

    /// Offset just after the last payload read so far.
    #[must_use]
    pub const fn end(&self) -> usize {
        self.offset
    }

    /// The body of the first payload of `payload_type`, as on the wire: how an exchange gets
    /// `SAi_b`, `IDii_b` or `IDir_b` (RFC 2409 §5) of a received message. `None` when the chain
    /// has no such payload.
    ///
    /// # Errors
    /// The [`DecodeError`] of a malformed generic header before it.
    pub fn body_of(self, payload_type: PayloadType) -> Result<Option<&'a [u8]>, DecodeError> {
        for raw in self {
            let raw = raw?;
            if raw.payload_type == payload_type {
                return Ok(Some(raw.body));
            }
        }
        Ok(None)
    }

    /// True once the payload with Next Payload NONE has been read (or the chain was empty).
    #[must_use]
    pub fn finished(&self) -> bool {
        self.next == PayloadType::None
    }
}

impl<'a> Iterator for RawPayloads<'a> {
    type Item = Result<RawPayload<'a>, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.next == PayloadType::None {
            return None;
        }
        let payload_type = self.next;
        let rest = self.chain.get(self.offset..).unwrap_or_default();
        let parsed = (|| {
            let mut r = Reader::new(rest, payload_type);
            let next_payload = PayloadType::from_value(r.u8()?);
            let _reserved = r.u8()?;
            let length = usize::from(r.u16()?);
            if length < GENERIC_HEADER_LEN || length > rest.len() {
                return Err(DecodeError::PayloadLength { payload: payload_type, length, available: rest.len() });
            }
            let bytes = rest.get(..length).ok_or(DecodeError::Truncated { payload: payload_type })?;
            let body = bytes.get(GENERIC_HEADER_LEN..).ok_or(DecodeError::Truncated { payload: payload_type })?;
            Ok(RawPayload { payload_type, next_payload, offset: self.offset, bytes, body })
        })();
        match parsed {
            Ok(raw) => {
                self.offset += raw.bytes.len();
                self.next = raw.next_payload;
                Some(Ok(raw))
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}
