//! The receiver's anti-replay window (RFC 4303 §3.4.3 and Appendix A, RFC 4302 §3.4.3), with
//! the extended-sequence-number inference of RFC 4303 Appendix A2. Shared by ESP and AH.
//!
//! The window is a ring of 64-bit words as in RFC 6479: bit `s mod N` stands for sequence
//! number `s`, with `N` at least one word larger than the window so that sliding right only
//! clears the words it enters, never shifts. The word count is a power of two, so that the
//! ring index is a mask rather than a division. Checking and updating are separate steps because RFC 4303
//! §3.4.3 checks before the ICV and updates only after it verified.

use alloc::boxed::Box;
use alloc::vec;

use crate::error::{ConfigError, Error};
use crate::params::{MAX_REPLAY_WINDOW, MIN_REPLAY_WINDOW};

/// The window used to infer the high-order 32 bits of an extended sequence number when
/// anti-replay is off: the half of the sequence space around the highest number seen.
const INFERENCE_WINDOW_WITHOUT_REPLAY: u64 = 1 << 31;

/// An anti-replay window over 32-bit or 64-bit (ESN) sequence numbers.
#[derive(Clone, Debug)]
pub struct ReplayWindow {
    /// Window size in packets; 0 = anti-replay off (the highest number is still tracked for
    /// ESN inference).
    size: u32,
    /// 64-bit extended sequence numbers.
    esn: bool,
    /// Highest sequence number that passed authentication (`T` in RFC 4303 Appendix A).
    top: u64,
    /// Ring of received bits; empty when anti-replay is off.
    bitmap: Box<[u64]>,
}

impl ReplayWindow {
    /// A window of `size` packets (0 = off) whose highest received number is `start` (0 for a
    /// new SA). Numbers at or below `start` are not marked as received.
    ///
    /// # Errors
    /// [`ConfigError::ReplayWindowSize`] outside 0 and
    /// [`MIN_REPLAY_WINDOW`]..=[`MAX_REPLAY_WINDOW`].
    pub fn new(size: u32, esn: bool, start: u64) -> Result<Self, ConfigError> {
        if size != 0 && !(MIN_REPLAY_WINDOW..=MAX_REPLAY_WINDOW).contains(&size) {
            return Err(ConfigError::ReplayWindowSize(size));
        }
        let words = if size == 0 { 0 } else { (size.div_ceil(64) as usize + 1).next_power_of_two() };
        let top = if esn { start } else { start & u64::from(u32::MAX) };
        Ok(Self { size, esn, top, bitmap: vec![0u64; words].into_boxed_slice() })
    }

    /// Window size in packets (0 = anti-replay off).
    #[must_use]
    pub fn size(&self) -> u32 {
        self.size
    }

    /// True when anti-replay is on.
    #[must_use]
    #[inline]
    pub fn enabled(&self) -> bool {
        self.size != 0
    }

    /// The highest sequence number received so far.
    #[must_use]
    pub fn top(&self) -> u64 {
        self.top
    }

    /// Heap bytes of the bitmap.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        core::mem::size_of_val(&*self.bitmap)
    }

    /// Infers the full sequence number of a packet that carries `seq_low` (RFC 4303 Appendix
    /// A2.2 with ESN, the number itself without) and checks it against the window. Does not
    /// change the window: call [`update`](Self::update) once the ICV verified.
    ///
    /// # Errors
    /// [`Error::Replayed`] for a number already received, [`Error::TooOld`] for one left of
    /// the window (or 0, which is never sent, or one whose inferred high half would be
    /// negative).
    #[inline]
    pub fn check(&self, seq_low: u32) -> Result<u64, Error> {
        let seq = self.infer(seq_low).ok_or(Error::TooOld(u64::from(seq_low)))?;
        if seq == 0 {
            return Err(Error::TooOld(0));
        }
        if !self.enabled() || seq > self.top {
            return Ok(seq);
        }
        if self.top - seq >= u64::from(self.size) {
            return Err(Error::TooOld(seq));
        }
        let (word, bit) = self.position(seq);
        match self.bitmap.get(word) {
            Some(w) if w & bit != 0 => Err(Error::Replayed(seq)),
            _ => Ok(seq),
        }
    }

    /// Records `seq` (returned by [`check`](Self::check)) as received and slides the window
    /// when it is new to the right.
    #[inline]
    pub fn update(&mut self, seq: u64) {
        if !self.enabled() {
            self.top = self.top.max(seq);
            return;
        }
        let mask = self.mask();
        if seq > self.top {
            let (old_block, new_block) = (self.top / 64, seq / 64);
            if new_block - old_block > mask {
                self.bitmap.fill(0);
            } else {
                for block in old_block + 1..=new_block {
                    if let Some(w) = self.bitmap.get_mut((block & mask) as usize) {
                        *w = 0;
                    }
                }
            }
            self.top = seq;
        }
        let (word, bit) = self.position(seq);
        if let Some(w) = self.bitmap.get_mut(word) {
            *w |= bit;
        }
    }

    /// The ring's word count minus one (a power of two minus one).
    #[inline]
    fn mask(&self) -> u64 {
        (self.bitmap.len() as u64).saturating_sub(1)
    }

    /// The word index and bit mask of `seq` in the ring.
    #[inline]
    fn position(&self, seq: u64) -> (usize, u64) {
        (((seq / 64) & self.mask()) as usize, 1u64 << (seq % 64))
    }

    /// The full sequence number for `seq_low`: the number itself without ESN; with ESN the
    /// high half that puts it in or right of the window (RFC 4303 Appendix A2.2). `None` when
    /// the number would lie before the start of the sequence space.
    #[inline]
    fn infer(&self, seq_low: u32) -> Option<u64> {
        if !self.esn {
            return Some(u64::from(seq_low));
        }
        let window = if self.enabled() { u64::from(self.size) } else { INFERENCE_WINDOW_WITHOUT_REPLAY };
        let th = self.top >> 32;
        let tl = self.top & 0xffff_ffff;
        let sl = u64::from(seq_low);
        let high = if tl + 1 >= window {
            // Case A: the window lies within one subspace.
            if sl >= tl + 1 - window { th } else { th.checked_add(1)? }
        } else {
            // Case B: the window spans two subspaces; `tl - window + 1` wrapped mod 2^32.
            let bottom = (tl + (1 << 32) + 1 - window) & 0xffff_ffff;
            if sl >= bottom { th.checked_sub(1)? } else { th }
        };
        Some((high << 32) | sl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(w: &mut ReplayWindow, low: u32) -> Result<u64, Error> {
        let s = w.check(low)?;
        w.update(s);
        Ok(s)
    }

    #[test]
    fn duplicates_and_old_packets() {
        let mut w = ReplayWindow::new(64, false, 0).unwrap();
        assert_eq!(w.check(0), Err(Error::TooOld(0)));
        assert_eq!(accept(&mut w, 1), Ok(1));
        assert_eq!(accept(&mut w, 1), Err(Error::Replayed(1)));
        assert_eq!(accept(&mut w, 100), Ok(100));
        assert_eq!(accept(&mut w, 36), Err(Error::TooOld(36)));
        assert_eq!(accept(&mut w, 37), Ok(37));
        assert_eq!(accept(&mut w, 37), Err(Error::Replayed(37)));
        assert_eq!(accept(&mut w, 99), Ok(99));
        // Jump far ahead: everything old is forgotten, and the old numbers are too old.
        assert_eq!(accept(&mut w, 1_000_000), Ok(1_000_000));
        assert_eq!(accept(&mut w, 999_937), Ok(999_937));
        assert_eq!(accept(&mut w, 999_936), Err(Error::TooOld(999_936)));
    }

    #[test]
    fn check_does_not_update() {
        let w = ReplayWindow::new(32, false, 0).unwrap();
        assert_eq!(w.check(5), Ok(5));
        assert_eq!(w.check(5), Ok(5));
        assert_eq!(w.top(), 0);
    }

    #[test]
    fn every_size_rejects_exactly_outside() {
        for size in [32u32, 33, 64, 100, 1024, 4096] {
            let mut w = ReplayWindow::new(size, false, 0).unwrap();
            let top = 10_000u32;
            accept(&mut w, top).unwrap();
            assert!(accept(&mut w, top - size).is_err(), "size {size}");
            assert_eq!(accept(&mut w, top - size + 1), Ok(u64::from(top - size + 1)));
            for s in (top - size + 2)..top {
                assert_eq!(accept(&mut w, s), Ok(u64::from(s)));
            }
            for s in (top - size + 1)..=top {
                assert_eq!(accept(&mut w, s), Err(Error::Replayed(u64::from(s))));
            }
        }
    }

    #[test]
    fn esn_inference_across_the_32_bit_boundary() {
        let start = (1u64 << 32) - 10;
        let mut w = ReplayWindow::new(64, true, start).unwrap();
        // Case A before the wrap: low numbers belong to the next subspace.
        assert_eq!(accept(&mut w, 5), Ok((1 << 32) | 5));
        // Now top = 2^32 + 5, Tl = 5 < W - 1: case B. Large low values are the previous subspace.
        assert_eq!(accept(&mut w, 0xffff_fffe), Ok(0xffff_fffe));
        assert_eq!(accept(&mut w, 0xffff_fffe), Err(Error::Replayed(0xffff_fffe)));
        assert_eq!(accept(&mut w, 6), Ok((1 << 32) | 6));
        // Left of the window: Appendix A2.2 takes it for the current subspace, far to the
        // right; the ICV (computed by the sender with the old high half) then fails.
        assert_eq!(w.check(0xffff_ff00), Ok((1 << 32) | 0xffff_ff00));
    }

    #[test]
    fn esn_before_start_is_too_old() {
        let w = ReplayWindow::new(64, true, 0).unwrap();
        assert!(matches!(w.check(0xffff_ffff), Err(Error::TooOld(_))));
        assert_eq!(w.check(1), Ok(1));
    }

    #[test]
    fn disabled_window_accepts_everything_but_tracks_esn() {
        let mut w = ReplayWindow::new(0, true, (1 << 32) - 2).unwrap();
        assert_eq!(accept(&mut w, 3), Ok((1 << 32) | 3));
        assert_eq!(accept(&mut w, 3), Ok((1 << 32) | 3));
        assert_eq!(accept(&mut w, 0xffff_fff0), Ok(0xffff_fff0));
        assert_eq!(w.top(), (1 << 32) | 3);
    }

    #[test]
    fn sizes_are_validated() {
        assert!(ReplayWindow::new(31, false, 0).is_err());
        assert!(ReplayWindow::new(MAX_REPLAY_WINDOW + 1, false, 0).is_err());
        assert!(ReplayWindow::new(0, false, 0).is_ok());
        assert_eq!(ReplayWindow::new(1024, false, 0).unwrap().heap_bytes(), 32 * 8);
        assert_eq!(ReplayWindow::new(4096, false, 0).unwrap().heap_bytes(), 128 * 8);
    }
}
