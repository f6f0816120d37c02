//! MODP Diffie-Hellman: groups 1, 2 (RFC 2409 §6), 5, 14-18 (RFC 3526) and 22-24 (RFC 5114
//! §2), on `crypto-bigint`'s heap-allocated Montgomery arithmetic.
//!
//! The exponentiation `g^x mod p` and `y^x mod p` is constant-time in the private exponent
//! `x` (fixed-window, table lookups by masking); only the exponent's bit bound, which is
//! public, shapes the timing. The private exponent is erased when the exchange is dropped.

use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;

use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, CtEq, CtLt, NonZero, Odd};
use zeroize::{Zeroize, Zeroizing};

use super::groups::{ModpParams, modp_params};
use crate::algorithm::DhGroup;
use crate::crypto::{CryptoError, CryptoRng, KeyExchange};
use crate::secret::SecretBytes;

/// Random bytes drawn beyond the length of the exponent's bound, so that reducing them modulo
/// the bound leaves a bias below `2^-64`: the "extra random bits" method of NIST SP 800-56A
/// Rev. 3 §5.6.1.1.3 and FIPS 186-5 §A.2.1, which needs no rejection loop.
const EXTRA_RANDOM_BYTES: usize = 8;

/// A MODP group set up for arithmetic: its parameters and the Montgomery constants of `p`.
struct Group {
    /// The group.
    id: DhGroup,
    /// Its prime, generator and subgroup order (RFC 2409 §6, RFC 3526, RFC 5114 §2).
    params: &'static ModpParams,
    /// Length of `p` in bytes: of public values and shared secrets (RFC 7296 §3.4).
    len: usize,
    /// Length of `p` in bits, the precision of every residue.
    bits: u32,
    /// Montgomery constants of `p`. Computing them is a few divisions, negligible beside
    /// one exponentiation, so they are derived per exchange rather than cached in a global
    /// (which `no_std` would need a lock for).
    monty: BoxedMontyParams,
}

impl Group {
    /// Sets up a MODP group.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] for a group that is not MODP.
    fn new(id: DhGroup) -> Result<Self, CryptoError> {
        let params = modp_params(id).ok_or(CryptoError::UnsupportedAlgorithm)?;
        let len = params.prime.len();
        let bits = bit_len(len).ok_or(CryptoError::UnsupportedAlgorithm)?;
        let p = BoxedUint::from_be_slice(params.prime, bits).map_err(|_| CryptoError::UnsupportedAlgorithm)?;
        // `p` is public: the variable-time setup leaks nothing.
        let p = Odd::new(p).into_option().ok_or(CryptoError::UnsupportedAlgorithm)?;
        Ok(Self { id, params, len, bits, monty: BoxedMontyParams::new_vartime(p) })
    }

    /// `1` at the precision of `p`.
    fn one(&self) -> BoxedUint {
        BoxedUint::one_with_precision(self.bits)
    }

    /// `p - 1`.
    fn p_minus_1(&self) -> BoxedUint {
        self.monty.modulus().as_ref().wrapping_sub(self.one())
    }

    /// The subgroup order `q` of the RFC 5114 groups at the precision of `p`, and its length
    /// in bits rounded up to bytes (RFC 5114 §2).
    fn order(&self) -> Result<Option<(BoxedUint, u32)>, CryptoError> {
        let Some(order) = self.params.order else {
            return Ok(None);
        };
        let order_bits = bit_len(order.len()).ok_or(CryptoError::UnsupportedAlgorithm)?;
        let q = BoxedUint::from_be_slice(order, self.bits).map_err(|_| CryptoError::UnsupportedAlgorithm)?;
        Ok(Some((q, order_bits)))
    }

    /// Encodes `value` (less than `p`) big-endian into `out`, which holds exactly
    /// [`len`](Self::len) bytes: left-padded to the length of `p` (RFC 7296 §3.4).
    fn encode(&self, value: &BoxedUint, out: &mut [u8]) -> Result<(), CryptoError> {
        let mut bytes = value.to_be_bytes();
        let result = match bytes.len().checked_sub(self.len).and_then(|skip| bytes.get(skip..)) {
            Some(low) if low.len() == out.len() => {
                out.copy_from_slice(low);
                Ok(())
            }
            _ => Err(CryptoError::InvalidLength),
        };
        bytes.zeroize();
        result
    }
}

/// `len` bytes in bits, as `crypto-bigint` counts precision.
fn bit_len(len: usize) -> Option<u32> {
    len.checked_mul(8).and_then(|bits| u32::try_from(bits).ok())
}

/// A private exponent, erased on drop.
struct Exponent {
    /// The exponent `x`.
    value: BoxedUint,
    /// The public bound on its length in bits: only this many low bits take part in the
    /// exponentiation, so only this number shows in the timing.
    bits: u32,
}

impl Drop for Exponent {
    fn drop(&mut self) {
        self.value.zeroize();
    }
}

impl Exponent {
    /// Draws a private exponent uniformly from `[1, m - 1]`, where `m` is the subgroup order
    /// `q` for the RFC 5114 groups (RFC 5114 §2 requires `x < q`) and `2^n` for the others,
    /// `n` being [`DhGroup::private_exponent_bits`] (the short exponents of RFC 3526 §8 that
    /// RFC 7296 §2.12 and RFC 2412 Appendix E allow).
    ///
    /// The draw takes `8 * EXTRA_RANDOM_BYTES` more random bits than `m` has and reduces them
    /// modulo `m - 1` in constant time, then adds one (NIST SP 800-56A Rev. 3 §5.6.1.1.3):
    /// the result is never 0, whatever the generator returns, and needs no rejection loop.
    fn random(group: &Group, rng: &mut dyn CryptoRng) -> Result<Self, CryptoError> {
        let (m_minus_1, len) = match group.params.order {
            Some(order) => {
                let bits = bit_len(order.len()).ok_or(CryptoError::UnsupportedAlgorithm)?;
                let q = BoxedUint::from_be_slice(order, bits).map_err(|_| CryptoError::UnsupportedAlgorithm)?;
                (q.wrapping_sub(BoxedUint::one_with_precision(bits)), order.len())
            }
            None => {
                let len = group.id.private_exponent_bits().ok_or(CryptoError::UnsupportedAlgorithm)?.div_ceil(8);
                let all_ones = vec![0xff; len];
                let bits = bit_len(len).ok_or(CryptoError::UnsupportedAlgorithm)?;
                let max = BoxedUint::from_be_slice(&all_ones, bits).map_err(|_| CryptoError::UnsupportedAlgorithm)?;
                (max, len)
            }
        };
        let m_minus_1 = NonZero::new(m_minus_1).into_option().ok_or(CryptoError::UnsupportedAlgorithm)?;
        let bits = bit_len(len).ok_or(CryptoError::UnsupportedAlgorithm)?;

        let random_len = len.checked_add(EXTRA_RANDOM_BYTES).ok_or(CryptoError::UnsupportedAlgorithm)?;
        let random_bits = bit_len(random_len).ok_or(CryptoError::UnsupportedAlgorithm)?;
        let mut random = Zeroizing::new(vec![0u8; random_len]);
        rng.fill_bytes(&mut random);
        let mut c = BoxedUint::from_be_slice(&random, random_bits).map_err(|_| CryptoError::UnsupportedAlgorithm)?;
        let (mut quotient, mut reduced) = c.div_rem(&m_minus_1);
        c.zeroize();
        quotient.zeroize();
        let value = reduced.wrapping_add(BoxedUint::one_with_precision(reduced.bits_precision()));
        reduced.zeroize();
        Ok(Self { value, bits })
    }

    /// Takes a caller's big-endian exponent: 1 to `len(p)` bytes, with `1 <= x < p - 1`, and
    /// `x < q` for the RFC 5114 groups (RFC 5114 §2). The comparison is constant-time.
    fn from_be_bytes(group: &Group, private: &[u8]) -> Result<Self, CryptoError> {
        if private.is_empty() || private.len() > group.len {
            return Err(CryptoError::InvalidPrivateKey);
        }
        let bits = bit_len(private.len()).ok_or(CryptoError::InvalidPrivateKey)?;
        let value = BoxedUint::from_be_slice(private, group.bits).map_err(|_| CryptoError::InvalidPrivateKey)?;
        let exponent = Self { value, bits };
        let bound = match group.order()? {
            Some((q, _)) => q,
            None => group.p_minus_1(),
        };
        let valid = !exponent.value.is_zero() & exponent.value.ct_lt(&bound);
        if valid.to_bool() { Ok(exponent) } else { Err(CryptoError::InvalidPrivateKey) }
    }
}

/// One side of a MODP exchange (RFC 7296 §1.2 and §2.14 use its result as `g^ir`).
pub(super) struct ModpExchange {
    /// The group and its Montgomery constants.
    group: Group,
    /// The private exponent `x`.
    exponent: Exponent,
    /// `g^x mod p`, big-endian, left-padded to the length of `p` (RFC 7296 §3.4).
    public: Vec<u8>,
}

impl ModpExchange {
    /// Starts an exchange with a random private exponent (see [`Exponent::random`]).
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] for a group that is not MODP.
    pub(super) fn start(id: DhGroup, rng: &mut dyn CryptoRng) -> Result<Box<dyn KeyExchange>, CryptoError> {
        let group = Group::new(id)?;
        let exponent = Exponent::random(&group, rng)?;
        Self::with_exponent(group, exponent)
    }

    /// Starts an exchange from a big-endian exponent (see [`Exponent::from_be_bytes`]).
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] or [`CryptoError::InvalidPrivateKey`].
    pub(super) fn start_with_private(id: DhGroup, private: &[u8]) -> Result<Box<dyn KeyExchange>, CryptoError> {
        let group = Group::new(id)?;
        let exponent = Exponent::from_be_bytes(&group, private)?;
        Self::with_exponent(group, exponent)
    }

    /// Computes the public value `g^x mod p` (RFC 2409 §6, RFC 3526, RFC 5114 §2).
    fn with_exponent(group: Group, exponent: Exponent) -> Result<Box<dyn KeyExchange>, CryptoError> {
        let g = BoxedUint::from_be_slice(group.params.generator, group.bits)
            .map_err(|_| CryptoError::UnsupportedAlgorithm)?;
        let g = BoxedMontyForm::new(g, &group.monty);
        let y = g.pow_bounded_exp(&exponent.value, exponent.bits).retrieve();
        let mut public = vec![0u8; group.len];
        group.encode(&y, &mut public)?;
        Ok(Box::new(Self { group, exponent, public }))
    }
}

impl KeyExchange for ModpExchange {
    fn group(&self) -> DhGroup {
        self.group.id
    }

    fn public_value(&self) -> &[u8] {
        &self.public
    }

    /// Checks the peer's value and computes `y^x mod p`.
    ///
    /// The peer value must be exactly as long as `p` (RFC 7296 §3.4) and lie in
    /// `[2, p - 2]` (RFC 6989 §2.1: 0, 1 and `p - 1` force a known result); for the RFC 5114
    /// groups it must also satisfy `y^q = 1 mod p` (RFC 6989 §2.2), which keeps it out of the
    /// small subgroups of `p - 1`'s other factors. A result of 1 (possible only with an
    /// exponent given to `start_with_private` that is a multiple of the peer's order) is
    /// refused as degenerate.
    fn complete(self: Box<Self>, peer_public: &[u8]) -> Result<SecretBytes, CryptoError> {
        let group = &self.group;
        if peer_public.len() != group.len {
            return Err(CryptoError::InvalidPublicValue);
        }
        let y = BoxedUint::from_be_slice(peer_public, group.bits).map_err(|_| CryptoError::InvalidPublicValue)?;
        let one = group.one();
        // Public input: a variable-time comparison leaks nothing.
        if y <= one || y >= group.p_minus_1() {
            return Err(CryptoError::InvalidPublicValue);
        }
        let y = BoxedMontyForm::new(y, &group.monty);
        if let Some((q, q_bits)) = group.order()?
            && y.pow_bounded_exp(&q, q_bits).retrieve() != one
        {
            return Err(CryptoError::InvalidPublicValue);
        }

        let mut z = y.pow_bounded_exp(&self.exponent.value, self.exponent.bits);
        let mut shared = z.retrieve();
        z.zeroize();
        let degenerate = shared.ct_eq(&one);
        let mut secret = SecretBytes::zeroed(group.len);
        let encoded = group.encode(&shared, secret.expose_mut());
        shared.zeroize();
        encoded?;
        if degenerate.to_bool() {
            return Err(CryptoError::DegenerateSharedSecret);
        }
        Ok(secret)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

    use super::*;

    /// A generator that returns one byte value forever.
    struct Constant(u8);

    impl rand_core::TryRng for Constant {
        type Error = core::convert::Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
            Ok(u32::from_ne_bytes([self.0; 4]))
        }
        fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
            Ok(u64::from_ne_bytes([self.0; 8]))
        }
        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
            dst.fill(self.0);
            Ok(())
        }
    }

    impl rand_core::TryCryptoRng for Constant {}

    fn exponent_bytes(group: DhGroup, byte: u8) -> (Vec<u8>, u32) {
        let group = Group::new(group).unwrap();
        let x = Exponent::random(&group, &mut Constant(byte)).unwrap();
        let bytes = x.value.to_be_bytes();
        let len = usize::try_from(x.bits).unwrap() / 8;
        (bytes[bytes.len() - len..].to_vec(), x.bits)
    }

    /// `1 + c mod (m - 1)`: an all-zero draw gives 1; an all-ones draw `c = 2^(n + 64) - 1`
    /// gives `2^64` when `m = 2^n` (as `2^n = 1 mod 2^n - 1`), and for the RFC 5114 groups
    /// the values Python computes as `(2**(8*(len(q)+8)) - 1) % (q - 1) + 1`.
    #[test]
    fn random_exponent_reduction() {
        for &group in DhGroup::ALL {
            let Some(params) = modp_params(group) else { continue };
            let (zero, bits) = exponent_bytes(group, 0);
            let mut one = vec![0u8; zero.len()];
            *one.last_mut().unwrap() = 1;
            assert_eq!(zero, one, "{group}");
            let (ones, _) = exponent_bytes(group, 0xff);
            match params.order {
                None => {
                    assert_eq!(Some(usize::try_from(bits).unwrap()), group.private_exponent_bits(), "{group}");
                    let mut expected = vec![0u8; ones.len()];
                    expected[ones.len() - 9] = 1;
                    assert_eq!(ones, expected, "{group}");
                }
                Some(order) => {
                    assert_eq!(ones.len(), order.len(), "{group}");
                    let expected: &[u8] = match group {
                        DhGroup::Modp1024S160 => &hex_literal::hex!("f07d22c9922e6fa9f5387b60dff3db7d4749cba4"),
                        DhGroup::Modp2048S224 => {
                            &hex_literal::hex!("42064b94dae9dd4f2642a94d2deac0ac446f40ed58aa69bd4572a646")
                        }
                        DhGroup::Modp2048S256 => {
                            &hex_literal::hex!("22903c049b4f5be72d96992bea3c1bbab75521c460bb05535a2edebf2c1d839e")
                        }
                        _ => panic!("{group}"),
                    };
                    assert_eq!(ones, expected, "{group}");
                }
            }
        }
    }
}
