//! Per-SA and SAD counters, named and printed as Cisco's `show crypto ipsec sa` does (DESIGN
//! §4).

use core::fmt;
use core::ops::AddAssign;

/// Counters of one SA. An outbound SA fills the send side, an inbound SA the receive side;
/// add the two of a pair (`+=`) to print a flow the way the devices do.
///
/// `Display` prints the counter block of `show crypto ipsec sa` (detail form):
///
/// ```text
///     #pkts encaps: 3, #pkts encrypt: 3, #pkts digest: 3
///     #pkts decaps: 2, #pkts decrypt: 2, #pkts verify: 2
///     #send errors 0, #recv errors 1
///     #pkts replay rollover (send): 0, #pkts encaps failed (send): 0
///     #pkts replay failed (rcv): 1, #pkts verify failed: 0
///     #pkts invalid len (rcv): 0, #pkts invalid pad (rcv): 0, #pkts invalid prot (rcv): 0
///     #pkts TFC sent: 0, #pkts TFC rcvd: 0
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct SaStats {
    /// `#pkts encaps`: packets encapsulated.
    pub encaps: u64,
    /// `#pkts encrypt`: packets encrypted (not with NULL encryption or GMAC).
    pub encrypt: u64,
    /// `#pkts digest`: packets given an ICV.
    pub digest: u64,
    /// `#pkts decaps`: packets decapsulated and accepted.
    pub decaps: u64,
    /// `#pkts decrypt`: packets decrypted.
    pub decrypt: u64,
    /// `#pkts verify`: packets whose ICV verified.
    pub verify: u64,
    /// `#send errors`: every failed encapsulation.
    pub send_errors: u64,
    /// `#recv errors`: every failed decapsulation.
    pub recv_errors: u64,
    /// `#pkts replay rollover (send)`: refused because the sequence number space is used up.
    pub replay_rollover_send: u64,
    /// `#pkts encaps failed (send)`: other send failures (buffer, packet, expiry).
    pub encaps_failed: u64,
    /// `#pkts replay failed (rcv)`: duplicates and packets left of the window.
    pub replay_failed: u64,
    /// `#pkts verify failed`: ICV (authentication) failures.
    pub verify_failed: u64,
    /// `#pkts invalid len (rcv)`: ESP packets too short or not a whole number of blocks.
    pub invalid_len: u64,
    /// `#pkts invalid pad (rcv)`: padding that is not 1, 2, 3, ... (RFC 4303 §2.4).
    pub invalid_pad: u64,
    /// `#pkts invalid prot (rcv)`: inner packets that failed validation, or next headers a
    /// tunnel cannot carry.
    pub invalid_prot: u64,
    /// `#pkts TFC sent`: dummy packets (next header 59) sent (RFC 4303 §2.6).
    pub tfc_sent: u64,
    /// `#pkts TFC rcvd`: dummy packets received and discarded.
    pub tfc_received: u64,
}

impl AddAssign for SaStats {
    fn add_assign(&mut self, o: Self) {
        self.encaps += o.encaps;
        self.encrypt += o.encrypt;
        self.digest += o.digest;
        self.decaps += o.decaps;
        self.decrypt += o.decrypt;
        self.verify += o.verify;
        self.send_errors += o.send_errors;
        self.recv_errors += o.recv_errors;
        self.replay_rollover_send += o.replay_rollover_send;
        self.encaps_failed += o.encaps_failed;
        self.replay_failed += o.replay_failed;
        self.verify_failed += o.verify_failed;
        self.invalid_len += o.invalid_len;
        self.invalid_pad += o.invalid_pad;
        self.invalid_prot += o.invalid_prot;
        self.tfc_sent += o.tfc_sent;
        self.tfc_received += o.tfc_received;
    }
}

impl fmt::Display for SaStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "    #pkts encaps: {}, #pkts encrypt: {}, #pkts digest: {}",
            self.encaps, self.encrypt, self.digest
        )?;
        writeln!(
            f,
            "    #pkts decaps: {}, #pkts decrypt: {}, #pkts verify: {}",
            self.decaps, self.decrypt, self.verify
        )?;
        writeln!(f, "    #send errors {}, #recv errors {}", self.send_errors, self.recv_errors)?;
        writeln!(
            f,
            "    #pkts replay rollover (send): {}, #pkts encaps failed (send): {}",
            self.replay_rollover_send, self.encaps_failed
        )?;
        writeln!(
            f,
            "    #pkts replay failed (rcv): {}, #pkts verify failed: {}",
            self.replay_failed, self.verify_failed
        )?;
        writeln!(
            f,
            "    #pkts invalid len (rcv): {}, #pkts invalid pad (rcv): {}, #pkts invalid prot (rcv): {}",
            self.invalid_len, self.invalid_pad, self.invalid_prot
        )?;
        writeln!(f, "    #pkts TFC sent: {}, #pkts TFC rcvd: {}", self.tfc_sent, self.tfc_received)
    }
}

/// Counters of the SAD itself: what arrived that no SA could take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct SadStats {
    /// `#pkts invalid sa (rcv)`: ESP packets whose SPI (for that destination) is unknown
    /// (RFC 4303 §3.4.2 auditable event).
    pub invalid_sa: u64,
    /// ESP packets rejected by the optional source check.
    pub invalid_source: u64,
    /// UDP port 4500 datagrams with the non-ESP marker, handed to IKE.
    pub ike_datagrams: u64,
    /// NAT keep-alives received (RFC 3948 §2.3).
    pub keepalives: u64,
    /// UDP port 4500 datagrams that are none of IKE, keep-alive or ESP.
    pub invalid_datagrams: u64,
}

impl fmt::Display for SadStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "    #pkts invalid sa (rcv): {}, #pkts invalid source (rcv): {}",
            self.invalid_sa, self.invalid_source
        )?;
        writeln!(
            f,
            "    #NAT-T IKE datagrams: {}, #NAT-T keepalives: {}, #NAT-T invalid datagrams: {}",
            self.ike_datagrams, self.keepalives, self.invalid_datagrams
        )
    }
}
