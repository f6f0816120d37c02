//! Informational exchanges (RFC 2409 §5.7): notifications, deletes (RFC 2408 §3.15), dead
//! peer detection (RFC 3706); and the timers of a phase-1 SA.

use alloc::vec::Vec;

use ipsec_core::Instant;
use ipsec_core::crypto::CryptoRng;
use ipsec_core::registry::ikev1::{NotifyType, ProtocolId};
use ipsec_core::types::SecurityProtocol;

use super::core::{Action, Core};
use super::state::{P1State, Phase1Sa};
use super::{DropReason, Step};
use crate::attribute::Phase1Attribute;
use crate::event::{ChildDeleteReason, Event, NegotiationError, Phase1DownReason};
use crate::message::{Header, Message};
use crate::payload::{DeletePayload, NotificationPayload, Payload};
use crate::policy::Policy;

impl<P: Policy, R: CryptoRng> Core<P, R> {
    /// An Informational message under a phase-1 SA.
    pub(crate) fn informational(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        ike: &[u8],
        header: &Header,
    ) -> Result<(), Step> {
        if !header.flags.encrypted() {
            // Unprotected notifications are believed only while phase 1 is unkeyed or
            // incomplete, and only errors (RFC 2409 §5.7).
            if sa.established() {
                return Err(Step::Ignore(DropReason::Unexpected));
            }
            let message = Message::decode(ike).map_err(|e| Step::Ignore(DropReason::Malformed(e)))?;
            return match message.notifications().find(|n| n.is_error()) {
                Some(n) => Err(Step::Fail(NegotiationError::PeerRefused(n.notify_type))),
                None => Err(Step::Ignore(DropReason::Unexpected)),
            };
        }
        if sa.keys.is_none() {
            return Err(Step::Ignore(DropReason::Unexpected));
        }
        let mid = header.message_id;
        let dec = Self::decrypt(sa, ike, mid, false).map_err(|_| {
            if !sa.established() {
                sa.undecryptable += 1;
            }
            Step::Ignore(DropReason::Unauthenticated)
        })?;
        let verified = match (dec.hashed_tail(), dec.message.payloads.first(), sa.keys.as_ref()) {
            (Ok(tail), Some(Payload::Hash(h)), Some(keys)) => keys.verify_message_hash(mid, tail, &h.data).is_ok(),
            _ => false,
        };
        if !verified {
            return Err(Step::Ignore(DropReason::Unauthenticated));
        }
        sa.dpd.last_heard = now;
        for payload in &dec.message.payloads {
            match payload {
                Payload::Notification(n) => self.on_notify(now, sa, n)?,
                Payload::Delete(d) => self.on_delete(now, sa, d),
                _ => {}
            }
        }
        Ok(())
    }

    fn on_notify(&mut self, now: Instant, sa: &mut Phase1Sa, n: &NotificationPayload) -> Result<(), Step> {
        match n.notify_type {
            NotifyType::RUThere => {
                if let Some(seq) = n.dpd_sequence() {
                    let ack = NotificationPayload::r_u_there_ack(&sa.ckyi, &sa.ckyr, seq);
                    let _ = self.send_informational(sa, alloc::vec![Payload::Notification(ack)]);
                }
            }
            NotifyType::RUThereAck => {
                if let (Some(seq), Some((first, last, _, _))) = (n.dpd_sequence(), sa.dpd.outstanding)
                    && (first..=last).contains(&seq)
                {
                    sa.dpd.outstanding = None;
                }
            }
            NotifyType::InitialContact => {
                self.actions.push(Action::InitialContact { keep: sa.id, peer: sa.remote.ip() });
            }
            NotifyType::ResponderLifetime if n.protocol == ProtocolId::Isakmp => {
                if let Some(l) = phase1_notified_lifetime(n)
                    && let Some(t) = sa.transform.as_mut()
                {
                    t.lifetime = t.lifetime.min(l);
                    if sa.state == P1State::Established
                        && let Some(secs) = t.lifetime.duration()
                    {
                        // The SA's age is unknown here; count from now, never later than before.
                        let at = now + secs;
                        sa.deadline = Some(sa.deadline.map_or(at, |d| d.min(at)));
                    }
                }
            }
            NotifyType::Connected => self.on_connected(now, sa, n),
            t if n.is_error() => {
                if !sa.established() {
                    return Err(Step::Fail(NegotiationError::PeerRefused(t)));
                }
                if !self.on_quick_error(now, sa, n) {
                    self.event(Event::NotifyReceived {
                        phase1: sa.id,
                        notify_type: t,
                        protocol: n.protocol,
                        spi: n.spi.clone(),
                    });
                }
            }
            t => self.event(Event::NotifyReceived {
                phase1: sa.id,
                notify_type: t,
                protocol: n.protocol,
                spi: n.spi.clone(),
            }),
        }
        Ok(())
    }

    fn on_delete(&mut self, _now: Instant, sa: &mut Phase1Sa, d: &DeletePayload) {
        match d.protocol {
            ProtocolId::Isakmp if d.isakmp_cookies().any(|(i, r)| i == sa.ckyi && r == sa.ckyr) && !sa.dead => {
                sa.dead = true;
                if sa.established() {
                    self.event(Event::Phase1Down { id: sa.id, peer: sa.remote, reason: Phase1DownReason::PeerDelete });
                } else {
                    self.fail_pending(sa, &NegotiationError::Phase1Failed);
                    self.event(Event::Phase1Failed {
                        id: sa.id,
                        peer: sa.remote,
                        role: sa.role,
                        error: NegotiationError::PeerRefused(NotifyType::InvalidCookie),
                    });
                }
                self.fail_quick_all(sa);
            }
            ProtocolId::IpsecEsp | ProtocolId::IpsecAh => {
                let peer = sa.remote.ip();
                for spi in d.ipsec_spis() {
                    let found =
                        self.children.values().find(|c| c.spi_out == spi && c.remote.ip() == peer).map(|c| c.id);
                    if let Some(id) = found
                        && let Some(c) = self.children.remove(&id)
                    {
                        self.policy.release_spi(SecurityProtocol::Esp, c.spi_in);
                        self.event(Event::ChildSaDeleted {
                            id,
                            inbound_spi: c.spi_in,
                            outbound_spi: c.spi_out,
                            peer: c.remote,
                            reason: ChildDeleteReason::PeerDelete,
                        });
                    }
                }
            }
            _ => {}
        }
    }

    /// Sends a Delete of the phase-1 SA (RFC 2408 §3.15).
    pub(crate) fn send_delete_phase1(&mut self, sa: &mut Phase1Sa) {
        if sa.established() {
            let delete = DeletePayload::isakmp(&sa.ckyi, &sa.ckyr);
            let _ = self.send_informational(sa, alloc::vec![Payload::Delete(delete)]);
        }
    }

    /// Sends a Delete of our inbound SA `spi` (RFC 2408 §3.15: the SPIs the sender receives
    /// on).
    pub(crate) fn send_delete_child(&mut self, sa: &mut Phase1Sa, spi: ipsec_core::types::Spi) {
        if sa.established() {
            let delete = DeletePayload::ipsec(ProtocolId::IpsecEsp, &[spi]);
            let _ = self.send_informational(sa, alloc::vec![Payload::Delete(delete)]);
        }
    }

    /// Timers of one phase-1 SA: retransmission and give-up of the negotiation, expiry, DPD,
    /// NAT keep-alives, Quick Mode timers and pending Quick Modes.
    pub(crate) fn sa_timeout(&mut self, now: Instant, sa: &mut Phase1Sa) {
        if !sa.established() {
            if let Some(retx) = sa.retx.as_mut()
                && retx.next <= now
            {
                if retx.sent >= self.config.retransmit.tries {
                    // A peer that kept answering with messages we cannot decrypt has other keys:
                    // almost always a different pre-shared key (its notification is encrypted
                    // with them, e.g. strongSwan's PAYLOAD-MALFORMED).
                    let error = if sa.undecryptable > 0 {
                        NegotiationError::AuthenticationFailed
                    } else {
                        NegotiationError::Timeout
                    };
                    self.fail_phase1(now, sa, error, None);
                    return;
                }
                retx.sent += 1;
                retx.next = now + self.config.retransmit.interval(retx.sent);
                let bytes = retx.bytes.clone();
                self.stats.retransmitted += 1;
                self.send(sa.local, sa.remote, &bytes);
            }
            if sa.deadline.is_some_and(|d| d <= now) {
                self.fail_phase1(now, sa, NegotiationError::Timeout, None);
            }
            return;
        }
        if sa.deadline.is_some_and(|d| d <= now) {
            self.send_delete_phase1(sa);
            sa.dead = true;
            self.event(Event::Phase1Down { id: sa.id, peer: sa.remote, reason: Phase1DownReason::Expired });
            self.fail_quick_all(sa);
            self.fail_pending(sa, &NegotiationError::Phase1Failed);
            return;
        }
        self.dpd_timeout(now, sa);
        if sa.dead {
            return;
        }
        if let (Some(at), Some(interval)) = (sa.next_keepalive, self.config.nat_t.keepalive)
            && at <= now
        {
            self.send_keepalive(sa.local, sa.remote);
            sa.next_keepalive = Some(now + interval);
        }
        self.quick_timeout(now, sa);
        self.start_due_quick(now, sa);
    }

    /// RFC 3706: R-U-THERE after an idle interval, retried, then the peer is dead.
    fn dpd_timeout(&mut self, now: Instant, sa: &mut Phase1Sa) {
        let Some(cfg) = self.config.dpd else { return };
        if !sa.peer_dpd {
            return;
        }
        match sa.dpd.outstanding {
            None if sa.dpd.last_heard + cfg.interval <= now => {
                let seq = sa.dpd.next_seq;
                sa.dpd.next_seq = seq.wrapping_add(1);
                self.send_r_u_there(sa, seq);
                sa.dpd.outstanding = Some((seq, seq, 0, now + cfg.retry_interval));
            }
            Some((first, _, sent, at)) if at <= now => {
                if sent + 1 >= cfg.retries {
                    sa.dead = true;
                    self.event(Event::PeerDead { phase1: sa.id, peer: sa.remote });
                    self.event(Event::Phase1Down { id: sa.id, peer: sa.remote, reason: Phase1DownReason::PeerDead });
                    self.fail_quick_all(sa);
                    self.fail_pending(sa, &NegotiationError::Phase1Failed);
                    self.actions.push(Action::PeerDead { peer: sa.remote.ip() });
                    return;
                }
                let seq = sa.dpd.next_seq;
                sa.dpd.next_seq = seq.wrapping_add(1);
                self.send_r_u_there(sa, seq);
                sa.dpd.outstanding = Some((first, seq, sent + 1, now + cfg.retry_interval));
            }
            _ => {}
        }
    }

    fn send_r_u_there(&mut self, sa: &mut Phase1Sa, seq: u32) {
        self.stats.dpd_sent += 1;
        let n = NotificationPayload::r_u_there(&sa.ckyi, &sa.ckyr, seq);
        let _ = self.send_informational(sa, alloc::vec![Payload::Notification(n)]);
    }

    /// The earliest timer of a phase-1 SA.
    pub(crate) fn sa_next_timeout(&self, sa: &Phase1Sa) -> Option<Instant> {
        let mut times: Vec<Instant> = Vec::new();
        if let Some(r) = &sa.retx
            && !sa.established()
        {
            times.push(r.next);
        }
        if let Some(d) = sa.deadline {
            times.push(d);
        }
        if sa.established() {
            if let (Some(cfg), true) = (self.config.dpd, sa.peer_dpd) {
                times.push(match sa.dpd.outstanding {
                    None => sa.dpd.last_heard + cfg.interval,
                    Some((_, _, _, at)) => at,
                });
            }
            if let Some(k) = sa.next_keepalive {
                times.push(k);
            }
        }
        if let Some(q) = Self::quick_next_timeout(sa) {
            times.push(q);
        }
        times.into_iter().min()
    }
}

/// The lifetime of a RESPONDER-LIFETIME notification for the ISAKMP SA: phase-1 life
/// type/duration pairs (RFC 2407 §4.6.3.1, RFC 2409 Appendix A).
fn phase1_notified_lifetime(n: &NotificationPayload) -> Option<ipsec_core::types::Lifetime> {
    use ipsec_core::registry::ikev1::LifeType;
    let attributes: Vec<Phase1Attribute> =
        crate::attribute::decode_typed(&n.data, ipsec_core::registry::ikev1::PayloadType::Notification).ok()?;
    let mut out = ipsec_core::types::Lifetime::default();
    let mut pending = None;
    for a in &attributes {
        match a {
            Phase1Attribute::LifeType(t) => pending = Some(*t),
            Phase1Attribute::LifeDuration(v) => match pending.take() {
                Some(LifeType::Seconds) => out.seconds = v.as_u64(),
                Some(LifeType::Kilobytes) => out.kilobytes = v.as_u64(),
                _ => {}
            },
            _ => {}
        }
    }
    (out != ipsec_core::types::Lifetime::default()).then_some(out)
}
