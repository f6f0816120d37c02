//! AES-XCBC-MAC (RFC 3566) and AES-XCBC-PRF-128 (RFC 4434), on the `aes` block cipher.
//!
//! RFC 3566 §4: from the 128-bit key K derive
//! `K1 = AES(K, 0x01..01)`, `K2 = AES(K, 0x02..02)`, `K3 = AES(K, 0x03..03)`; then
//! `E = 0`, and for every block M\[i\] but the last `E = AES(K1, M[i] ^ E)`. The last block is
//! XOR-ed with `K2` when it is complete, or padded with `0x80 00..` and XOR-ed with `K3` when it
//! is not (an empty message is one padded block), and `MAC = AES(K1, M[n] ^ E)`, 128 bits.
//! AES-XCBC-MAC-96 is its leading 96 bits; the caller truncates.
//!
//! RFC 4434 §2 turns it into a PRF that takes any key length: a key shorter than 128 bits is
//! padded with zero bits, a longer one is replaced by `AES-XCBC-MAC(0^128, key)`.
//!
//! Zeroization: the `K1` key schedule (`aes/zeroize`), `K2`, `K3`, the chaining value and the
//! buffered block are zeroized on drop.

use alloc::boxed::Box;

use aes::cipher::{BlockCipherEncrypt, KeyInit};
use zeroize::Zeroizing;

use crate::algorithm::MacAlgorithm;
use crate::crypto::{CryptoError, Mac, MacContext};

/// AES block length, which is also the key and the output length of AES-XCBC-MAC.
pub(super) const BLOCK: usize = 16;

/// The derived keys of RFC 3566 §4 step 1.
struct XcbcKey {
    /// AES keyed with `K1`, which encrypts every block.
    k1: aes::Aes128Enc,
    /// `K2`, XOR-ed into a complete last block.
    k2: Zeroizing<[u8; BLOCK]>,
    /// `K3`, XOR-ed into a padded last block.
    k3: Zeroizing<[u8; BLOCK]>,
}

impl XcbcKey {
    /// Derives `K1`, `K2` and `K3` from the 128-bit key `key` (RFC 3566 §4 step 1).
    fn new(key: &[u8; BLOCK]) -> Self {
        let base = aes::Aes128Enc::new(&(*key).into());
        let derive = |byte: u8| {
            let mut block = Zeroizing::new(aes::Block::from([byte; BLOCK]));
            base.encrypt_block(&mut block);
            let mut out = Zeroizing::new([0u8; BLOCK]);
            out.copy_from_slice(block.as_slice());
            out
        };
        let k1 = derive(0x01);
        Self { k1: aes::Aes128Enc::new(&(*k1).into()), k2: derive(0x02), k3: derive(0x03) }
    }

    /// Starts a computation.
    fn start(&self) -> XcbcState<'_> {
        XcbcState {
            key: self,
            chain: Zeroizing::new(aes::Block::default()),
            pending: Zeroizing::new([0u8; BLOCK]),
            pending_len: 0,
        }
    }

    /// AES-XCBC-MAC of the concatenation of `parts`, all 128 bits.
    fn mac(&self, parts: &[&[u8]]) -> Zeroizing<[u8; BLOCK]> {
        let mut state = self.start();
        for part in parts {
            state.update(part);
        }
        state.finish()
    }
}

/// XORs `src` into `dst`.
fn xor_into(dst: &mut [u8], src: &[u8]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d ^= *s;
    }
}

/// A computation in progress (RFC 3566 §4 steps 2-3). The last block is held back in `pending`
/// until more input shows that it is not the last one.
struct XcbcState<'a> {
    /// The derived keys.
    key: &'a XcbcKey,
    /// The chaining value `E[i]`.
    chain: Zeroizing<aes::Block>,
    /// Input not yet folded into `chain`: at most one block.
    pending: Zeroizing<[u8; BLOCK]>,
    /// Number of bytes in `pending`.
    pending_len: usize,
}

impl XcbcState<'_> {
    /// Feeds more input.
    fn update(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            if self.pending_len == BLOCK {
                // More input follows, so the held block is not the last one (§4 step 3).
                xor_into(&mut self.chain, self.pending.as_slice());
                self.key.k1.encrypt_block(&mut self.chain);
                self.pending_len = 0;
            }
            let room = BLOCK.saturating_sub(self.pending_len);
            let (head, rest) = data.split_at(room.min(data.len()));
            if let Some(dst) = self.pending.get_mut(self.pending_len..self.pending_len.saturating_add(head.len())) {
                dst.copy_from_slice(head);
            }
            self.pending_len = self.pending_len.saturating_add(head.len());
            data = rest;
        }
    }

    /// Processes the last block (§4 steps 4-6) and returns the full 128-bit MAC.
    fn finish(mut self) -> Zeroizing<[u8; BLOCK]> {
        if self.pending_len == BLOCK {
            // a) a complete last block is XOR-ed with K2.
            xor_into(self.pending.as_mut_slice(), self.key.k2.as_slice());
        } else {
            // b) an incomplete one is padded with a single 1 bit and 0 bits, and XOR-ed with K3.
            for (index, byte) in self.pending.iter_mut().enumerate().skip(self.pending_len) {
                *byte = if index == self.pending_len { 0x80 } else { 0 };
            }
            xor_into(self.pending.as_mut_slice(), self.key.k3.as_slice());
        }
        xor_into(&mut self.chain, self.pending.as_slice());
        self.key.k1.encrypt_block(&mut self.chain);
        let mut out = Zeroizing::new([0u8; BLOCK]);
        out.copy_from_slice(self.chain.as_slice());
        out
    }
}

/// Copies the first `out.len()` bytes of `full` into `out`.
fn write_truncated(full: &[u8], out: &mut [u8]) -> Result<(), CryptoError> {
    out.copy_from_slice(full.get(..out.len()).ok_or(CryptoError::InvalidLength)?);
    Ok(())
}

impl MacContext for XcbcState<'_> {
    fn update(&mut self, data: &[u8]) {
        XcbcState::update(self, data);
    }

    fn finish(self: Box<Self>, out: &mut [u8]) -> Result<(), CryptoError> {
        if out.len() > BLOCK {
            return Err(CryptoError::InvalidLength);
        }
        write_truncated(XcbcState::finish(*self).as_slice(), out)
    }
}

/// A keyed AES-XCBC-MAC (RFC 3566) or AES-XCBC-PRF-128 (RFC 4434).
pub(super) struct XcbcMac {
    /// [`MacAlgorithm::AesXcbcMac`] or [`MacAlgorithm::AesXcbcPrf128`].
    algorithm: MacAlgorithm,
    /// The derived keys.
    key: XcbcKey,
}

impl XcbcMac {
    /// AES-XCBC-MAC with its 128-bit key (RFC 3566 §4: the key is exactly 128 bits).
    pub(super) fn new_mac(key: &[u8]) -> Result<Self, CryptoError> {
        let key: &[u8; BLOCK] =
            key.try_into().map_err(|_| CryptoError::InvalidKeyLength { expected: BLOCK, got: key.len() })?;
        Ok(Self { algorithm: MacAlgorithm::AesXcbcMac, key: XcbcKey::new(key) })
    }

    /// AES-XCBC-PRF-128 with a key of any length (RFC 4434 §2).
    pub(super) fn new_prf(key: &[u8]) -> Self {
        let mut prf_key = Zeroizing::new([0u8; BLOCK]);
        if key.len() <= BLOCK {
            // Exactly 128 bits is used as is; shorter keys are padded with zero bits.
            if let Some(dst) = prf_key.get_mut(..key.len()) {
                dst.copy_from_slice(key);
            }
        } else {
            // Longer keys become AES-XCBC-MAC-PRF(K = 0^128, key).
            prf_key = XcbcKey::new(&[0u8; BLOCK]).mac(&[key]);
        }
        Self { algorithm: MacAlgorithm::AesXcbcPrf128, key: XcbcKey::new(&prf_key) }
    }
}

impl Mac for XcbcMac {
    fn algorithm(&self) -> MacAlgorithm {
        self.algorithm
    }

    fn compute(&self, parts: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError> {
        if out.len() > BLOCK {
            return Err(CryptoError::InvalidLength);
        }
        write_truncated(self.key.mac(parts).as_slice(), out)
    }

    fn begin(&self) -> Box<dyn MacContext + '_> {
        Box::new(self.key.start())
    }
}
