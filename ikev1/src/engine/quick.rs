//! Quick Mode (RFC 2409 §5.5): several proposals, PFS, proxy identities, lifetimes and
//! RESPONDER-LIFETIME (RFC 2407 §4.6.3.1), NAT-T encapsulation modes and NAT-OA (RFC 3947
//! §5), the commit bit (RFC 2408 §4.2).

use alloc::vec::Vec;
use core::net::SocketAddr;

use ipsec_core::crypto::CryptoRng;
use ipsec_core::registry::ikev1::{EncapsulationMode as WireMode, ExchangeType, NotifyType, ProtocolId};
use ipsec_core::types::{EncapsulationMode, Lifetime, LifetimeLimits, SecurityProtocol, Spi};
use ipsec_core::{Duration, Instant};

use super::core::{Core, id_to_selector, selector_to_id};
use super::state::{Answered, ChildRecord, P1State, PendingQuick, Phase1Sa, QmState, QuickExchange, Retx};
use super::{Disposition, DropReason};
use crate::crypt::DecryptedMessage;
use crate::event::{ChildSa, ChildSaId, Event, NegotiationError, Role, SaKeys, UdpPorts};
use crate::message::{Flags, Header, Message};
use crate::payload::{
    IdPayload, KePayload, NatOaPayload, NatTNumbering, NoncePayload, NotificationPayload, Payload, ProposalPayload,
    SaPayload, TransformPayload,
};
use crate::policy::{OfferedProposal, Policy, ProxyPair, QuickModeRequest, TransformSet};
use crate::transform::IpsecTransform;

/// Message IDs of finished Quick Modes remembered per phase-1 SA.
const MAX_FINISHED_MIDS: usize = 256;

/// The lifetime RFC 2407 §4.5 gives an IPsec SA when none is proposed: 28,800 seconds.
const DEFAULT_IPSEC_LIFETIME: Lifetime = Lifetime { seconds: Some(28_800), kilobytes: None, packets: None };

/// The Encapsulation Mode attribute for a mode, with UDP encapsulation in the numbering the
/// peer speaks (RFC 3947 §5.1 or the drafts).
fn wire_mode(mode: EncapsulationMode, udp: bool, numbering: Option<NatTNumbering>) -> WireMode {
    match (mode, udp.then_some(numbering).flatten()) {
        (EncapsulationMode::Tunnel, Some(NatTNumbering::Rfc3947)) => WireMode::UdpEncapsulatedTunnel,
        (EncapsulationMode::Transport, Some(NatTNumbering::Rfc3947)) => WireMode::UdpEncapsulatedTransport,
        (EncapsulationMode::Tunnel, Some(NatTNumbering::Draft)) => WireMode::UdpEncapsulatedTunnelDraft,
        (EncapsulationMode::Transport, Some(NatTNumbering::Draft)) => WireMode::UdpEncapsulatedTransportDraft,
        (EncapsulationMode::Tunnel, None) => WireMode::Tunnel,
        (EncapsulationMode::Transport, None) => WireMode::Transport,
    }
}

/// Mode and UDP encapsulation of an Encapsulation Mode attribute; tunnel when absent.
fn parse_mode(mode: Option<WireMode>) -> Option<(EncapsulationMode, bool)> {
    Some(match mode {
        None | Some(WireMode::Tunnel) => (EncapsulationMode::Tunnel, false),
        Some(WireMode::Transport) => (EncapsulationMode::Transport, false),
        Some(WireMode::UdpEncapsulatedTunnel | WireMode::UdpEncapsulatedTunnelDraft) => {
            (EncapsulationMode::Tunnel, true)
        }
        Some(WireMode::UdpEncapsulatedTransport | WireMode::UdpEncapsulatedTransportDraft) => {
            (EncapsulationMode::Transport, true)
        }
        Some(_) => return None,
    })
}

/// True when `a` is shorter than `b` in a dimension `b` limits or `b` does not limit.
fn shorter(a: &Lifetime, b: &Lifetime) -> bool {
    let lt = |x: Option<u64>, y: Option<u64>| match (x, y) {
        (Some(x), Some(y)) => x < y,
        (Some(_), None) => true,
        _ => false,
    };
    lt(a.seconds, b.seconds) || lt(a.kilobytes, b.kilobytes)
}

/// The lifetime of a RESPONDER-LIFETIME notification (RFC 2407 §4.6.3.1): its life
/// type/duration attribute pairs.
fn notified_lifetime(n: &NotificationPayload) -> Option<Lifetime> {
    use crate::attribute::IpsecAttribute;
    use ipsec_core::registry::ikev1::LifeType;
    let attributes = n.responder_lifetime_attributes()?.ok()?;
    let mut out = Lifetime::default();
    let mut pending = None;
    for a in &attributes {
        match a {
            IpsecAttribute::SaLifeType(l) => pending = Some(*l),
            IpsecAttribute::SaLifeDuration(v) => match pending.take() {
                Some(LifeType::Seconds) => out.seconds = v.as_u64(),
                Some(LifeType::Kilobytes) => out.kilobytes = v.as_u64(),
                _ => {}
            },
            _ => {}
        }
    }
    Some(out)
}

/// A proposal of a received Quick Mode SA payload.
struct Offered {
    number: u8,
    spi: Spi,
    transform: TransformPayload,
    parsed: IpsecTransform,
    view: OfferedProposal,
}

/// The ESP proposals of an SA payload that this engine can run; proposal numbers that
/// combine protocols (AH with ESP) are skipped.
fn offered_proposals(sa: &SaPayload) -> Vec<Offered> {
    let mut out = Vec::new();
    for p in &sa.proposals {
        let bundled = sa.proposals.iter().any(|o| o.number == p.number && o.protocol != p.protocol);
        if bundled || p.protocol != ProtocolId::IpsecEsp {
            continue;
        }
        let Some(spi) = p.ipsec_spi() else { continue };
        for t in &p.transforms {
            let Ok(parsed) = IpsecTransform::from_transform(p.protocol, t) else { continue };
            let (Some(encryption), Some((mode, udp))) = (parsed.encryption, parse_mode(parsed.mode)) else { continue };
            if parsed.esn {
                continue;
            }
            let lifetime =
                if parsed.lifetime == Lifetime::default() { DEFAULT_IPSEC_LIFETIME } else { parsed.lifetime };
            out.push(Offered {
                number: p.number,
                spi,
                transform: t.clone(),
                parsed,
                view: OfferedProposal {
                    number: p.number,
                    transform: TransformSet { encryption, integrity: parsed.integrity },
                    mode,
                    udp_encapsulated: udp,
                    pfs: parsed.group,
                    lifetime,
                },
            });
        }
    }
    out
}

impl<P: Policy, R: CryptoRng> Core<P, R> {
    /// Starts the pending Quick Modes of an established SA whose time has come.
    pub(crate) fn start_due_quick(&mut self, now: Instant, sa: &mut Phase1Sa) {
        if !sa.established() || sa.pending.is_empty() {
            return;
        }
        let (due, later): (Vec<PendingQuick>, Vec<PendingQuick>) =
            core::mem::take(&mut sa.pending).into_iter().partition(|p| p.not_before <= now);
        sa.pending = later;
        for p in due {
            let request = p.request;
            if let Err(error) = self.start_quick(now, sa, &p) {
                self.stats.child_failed += 1;
                self.child_failed(sa.id, sa.remote, Some(request), Role::Initiator, error);
            }
        }
    }

    /// Sends QM1: `HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] [, NAT-OAi, NAT-OAr]`.
    fn start_quick(&mut self, now: Instant, sa: &mut Phase1Sa, p: &PendingQuick) -> Result<(), NegotiationError> {
        let peer = sa.remote.ip();
        let ids = (
            selector_to_id(&p.proxies.local).map_err(|_| NegotiationError::Local("selector"))?,
            selector_to_id(&p.proxies.remote).map_err(|_| NegotiationError::Local("selector"))?,
        );
        let spi =
            self.policy.allocate_spi(SecurityProtocol::Esp, peer, &mut self.rng).ok_or(NegotiationError::NoSpi)?;
        let result = self.build_qm1(now, sa, p, ids, spi);
        if result.is_err() {
            self.policy.release_spi(SecurityProtocol::Esp, spi);
        }
        result
    }

    fn build_qm1(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        p: &PendingQuick,
        ids: (IdPayload, IdPayload),
        spi: Spi,
    ) -> Result<(), NegotiationError> {
        let mid = self.random_mid(sa);
        let ni = self.nonce();
        let numbering = sa.nat.numbering;
        let udp = numbering.is_some() && sa.nat.status.any();
        let mode = wire_mode(p.offer.mode, udp, numbering);
        let dh = match p.offer.pfs {
            Some(g) => Some(self.provider.key_exchange.start(g, &mut self.rng).map_err(NegotiationError::Crypto)?),
            None => None,
        };
        let mut offered = Vec::new();
        let mut proposals = Vec::new();
        for (i, set) in p.offer.transform_sets.iter().enumerate() {
            let number = u8::try_from(i + 1).map_err(|_| NegotiationError::Local("too many proposals"))?;
            let t = IpsecTransform {
                protocol: ProtocolId::IpsecEsp,
                encryption: Some(set.encryption),
                integrity: set.integrity,
                mode: Some(mode),
                group: p.offer.pfs,
                lifetime: p.offer.lifetime,
                esn: false,
            };
            let payload = t.to_transform(1).map_err(|_| NegotiationError::Local("transform"))?;
            proposals.push(ProposalPayload::ipsec(number, ProtocolId::IpsecEsp, spi, alloc::vec![payload]));
            offered.push((number, t));
        }
        let commit = self.config.commit_bit;
        let mut message = Message::new(ExchangeType::QuickMode, sa.ckyi, sa.ckyr, mid)
            .with_flags(if commit { Flags::COMMIT } else { Flags::NONE })
            .with(Self::hash_placeholder(sa))
            .with(SaPayload::new(proposals))
            .with(NoncePayload::new(ni.clone()));
        if let Some(dh) = &dh {
            message.push(KePayload::new(dh.public_value().to_vec()));
        }
        message.push(ids.0.clone());
        message.push(ids.1.clone());
        let mut original = None;
        if let (EncapsulationMode::Transport, true, Some(n)) = (p.offer.mode, udp, numbering) {
            message.push(NatOaPayload { address: sa.local.ip(), numbering: n });
            message.push(NatOaPayload { address: sa.remote.ip(), numbering: n });
            original = Some((sa.local.ip(), sa.remote.ip()));
        }
        let keys = sa.derived_keys()?;
        let tail = message.hashed_tail().map_err(|_| NegotiationError::Local("encode"))?;
        let hash = keys.message_hash(mid, &tail).map_err(NegotiationError::Crypto)?;
        if let Some(h) = message.hash_mut() {
            h.data = hash;
        }
        let bytes = self.encrypt(sa, &message, true)?;
        self.send(sa.local, sa.remote, &bytes);
        sa.quick.push(QuickExchange {
            mid,
            role: Role::Initiator,
            state: QmState::I1,
            request: Some(p.request),
            rekey_of: p.rekey_of,
            proxies: p.proxies,
            ids: Some(ids),
            offered,
            transform: None,
            mode: p.offer.mode,
            udp,
            ni,
            nr: Vec::new(),
            dh,
            g_qm_xy: None,
            spi_in: spi,
            spi_out: None,
            original_addresses: original,
            commit,
            retx: Some(Retx::new(bytes, now, &self.config.retransmit)),
            answered: None,
            linger_until: None,
            held: None,
        });
        Ok(())
    }

    /// A Quick Mode message for an established SA.
    pub(crate) fn quick_message(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        ike: &[u8],
        header: &Header,
    ) -> Disposition {
        let mid = header.message_id;
        if mid == 0 {
            return Disposition::Dropped(DropReason::Unexpected);
        }
        let Some(index) = sa.quick.iter().position(|q| q.mid == mid) else {
            if sa.finished_mids.contains(&mid) {
                return Disposition::Dropped(DropReason::Unexpected);
            }
            return self.on_qm1(now, sa, ike, header);
        };
        let Some(q) = sa.quick.get(index) else { return Disposition::Dropped(DropReason::Unexpected) };
        if let Some(a) = &q.answered
            && a.request == ike
        {
            if let Some(reply) = a.reply.clone() {
                self.stats.retransmitted += 1;
                self.send(sa.local, sa.remote, &reply);
            }
            return Disposition::Retransmission;
        }
        match q.state {
            QmState::I1 => self.on_qm2(now, sa, index, ike, header),
            QmState::R2 => self.on_qm3(now, sa, index, ike),
            QmState::AwaitConnected | QmState::Done => Disposition::Dropped(DropReason::Unexpected),
        }
    }

    /// Decrypts a Quick Mode message with its exchange's IV chain and checks the hash that
    /// `verify` computes; the chain advances only when it verifies.
    fn authenticated(
        sa: &mut Phase1Sa,
        ike: &[u8],
        mid: u32,
        verify: impl FnOnce(&crate::keys::Phase1Keys, &DecryptedMessage) -> bool,
    ) -> Result<DecryptedMessage, DropReason> {
        let dec = Self::decrypt(sa, ike, mid, true).map_err(|_| DropReason::Unauthenticated)?;
        let keys = sa.keys.as_ref().ok_or(DropReason::Unauthenticated)?;
        if !verify(keys, &dec) {
            return Err(DropReason::Unauthenticated);
        }
        if let Some(ivs) = sa.ivs.as_mut() {
            ivs.commit(mid, dec.last_block);
        }
        Ok(dec)
    }

    /// QM1 from a peer: the policy chooses, and QM2 answers.
    fn on_qm1(&mut self, now: Instant, sa: &mut Phase1Sa, ike: &[u8], header: &Header) -> Disposition {
        let mid = header.message_id;
        if !header.flags.encrypted() {
            return Disposition::Dropped(DropReason::Unexpected);
        }
        let dec = match Self::authenticated(sa, ike, mid, |keys, dec| {
            let hash =
                dec.message.payloads.first().and_then(|p| if let Payload::Hash(h) = p { Some(&h.data) } else { None });
            match (dec.hashed_tail(), hash) {
                (Ok(tail), Some(hash)) => keys.verify_message_hash(mid, tail, hash).is_ok(),
                _ => false,
            }
        }) {
            Ok(d) => d,
            Err(r) => return Disposition::Dropped(r),
        };
        sa.dpd.last_heard = now;
        let commit = header.flags.commit();
        let mut q = QuickExchange {
            mid,
            role: Role::Responder,
            state: QmState::Done,
            request: None,
            rekey_of: None,
            proxies: ProxyPair { local: host(sa.local), remote: host(sa.remote) },
            ids: None,
            offered: Vec::new(),
            transform: None,
            mode: EncapsulationMode::Tunnel,
            udp: false,
            ni: Vec::new(),
            nr: Vec::new(),
            dh: None,
            g_qm_xy: None,
            spi_in: Spi(0),
            spi_out: None,
            original_addresses: None,
            commit,
            retx: None,
            answered: None,
            linger_until: Some(now + self.config.linger),
            held: None,
        };
        let result = self.respond_quick(now, sa, &mut q, &dec.message);
        match result {
            Ok(reply) => {
                q.answered = Some(Answered { request: ike.to_vec(), reply: Some(reply.clone()) });
                q.retx = Some(Retx::new(reply, now, &self.config.retransmit));
                q.state = QmState::R2;
                q.linger_until = None;
            }
            Err(error) => {
                self.stats.child_failed += 1;
                let spi_peer = q.spi_out.unwrap_or_default();
                let reply = error.notify_type().and_then(|n| {
                    let notify =
                        NotificationPayload::new(n, ProtocolId::IpsecEsp, spi_peer.to_bytes().to_vec(), Vec::new());
                    self.send_informational(sa, alloc::vec![Payload::Notification(notify)]).ok()
                });
                q.answered = Some(Answered { request: ike.to_vec(), reply });
                if q.spi_in.is_assignable() {
                    self.policy.release_spi(SecurityProtocol::Esp, q.spi_in);
                }
                self.child_failed(sa.id, sa.remote, None, Role::Responder, error);
            }
        }
        sa.quick.push(q);
        Disposition::Handled
    }

    /// Chooses a proposal and builds QM2:
    /// `HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr] [, NAT-OAi, NAT-OAr] [, N(RESPONDER-LIFETIME)]`.
    fn respond_quick(
        &mut self,
        _now: Instant,
        sa: &mut Phase1Sa,
        q: &mut QuickExchange,
        message: &Message,
    ) -> Result<Vec<u8>, NegotiationError> {
        let sa_in = message.sa().ok_or(NegotiationError::MissingPayload)?;
        let offers = offered_proposals(sa_in);
        q.spi_out = sa_in.proposals.iter().find_map(ProposalPayload::ipsec_spi);
        q.ni = message.nonce().ok_or(NegotiationError::MissingPayload)?.data.clone();
        let ids: Vec<&IdPayload> = message.identifications().collect();
        match ids.as_slice() {
            [] => {}
            [ci, cr] => {
                let remote = id_to_selector(ci).ok_or(NegotiationError::InvalidId)?;
                let local = id_to_selector(cr).ok_or(NegotiationError::InvalidId)?;
                q.proxies = ProxyPair { local, remote };
                q.ids = Some(((*ci).clone(), (*cr).clone()));
            }
            _ => return Err(NegotiationError::InvalidId),
        }
        let oa: Vec<&NatOaPayload> = message.nat_original_addresses().collect();
        if let [i, r] = oa.as_slice() {
            q.original_addresses = Some((i.address, r.address));
        }
        let peer_identity = sa.peer_identity.clone().ok_or(NegotiationError::Local("no identity"))?;
        let views: Vec<OfferedProposal> = offers.iter().map(|o| o.view).collect();
        let request = QuickModeRequest {
            peer: sa.remote.ip(),
            peer_identity: &peer_identity,
            proxies: q.proxies,
            proposals: &views,
            nat_detected: sa.nat.status.any(),
        };
        let choice = self.policy.accept(&request).map_err(|n| match n {
            NotifyType::NoProposalChosen => NegotiationError::NoProposalChosen,
            NotifyType::InvalidIdInformation => NegotiationError::InvalidId,
            other => NegotiationError::Refused(other),
        })?;
        let chosen = offers.get(choice.proposal).ok_or(NegotiationError::NoProposalChosen)?;
        if chosen.view.udp_encapsulated && sa.nat.numbering.is_none() {
            return Err(NegotiationError::NoProposalChosen);
        }
        q.spi_out = Some(chosen.spi);
        q.mode = chosen.view.mode;
        q.udp = chosen.view.udp_encapsulated;
        let offered_lifetime = chosen.view.lifetime;
        q.transform = Some(IpsecTransform { lifetime: choice.lifetime, ..chosen.parsed });
        let ke_out = match chosen.parsed.group {
            Some(group) => {
                let ke = message.key_exchange().ok_or(NegotiationError::MissingPayload)?;
                if ke.data.len() != group.public_value_len() {
                    return Err(NegotiationError::Crypto(ipsec_core::CryptoError::InvalidPublicValue));
                }
                let dh = self.provider.key_exchange.start(group, &mut self.rng).map_err(NegotiationError::Crypto)?;
                let public = dh.public_value().to_vec();
                q.g_qm_xy = Some(dh.complete(&ke.data).map_err(NegotiationError::Crypto)?);
                Some(public)
            }
            None => None,
        };
        q.spi_in = self
            .policy
            .allocate_spi(SecurityProtocol::Esp, sa.remote.ip(), &mut self.rng)
            .ok_or(NegotiationError::NoSpi)?;
        q.nr = self.nonce();
        q.commit |= self.config.commit_bit;
        let mut reply = Message::new(ExchangeType::QuickMode, sa.ckyi, sa.ckyr, q.mid)
            .with_flags(if self.config.commit_bit { Flags::COMMIT } else { Flags::NONE })
            .with(Self::hash_placeholder(sa))
            .with(SaPayload {
                doi: sa_in.doi,
                situation: sa_in.situation,
                proposals: alloc::vec![ProposalPayload::ipsec(
                    chosen.number,
                    ProtocolId::IpsecEsp,
                    q.spi_in,
                    alloc::vec![chosen.transform.clone()]
                )],
            })
            .with(NoncePayload::new(q.nr.clone()));
        if let Some(public) = ke_out {
            reply.push(KePayload::new(public));
        }
        if let Some((ci, cr)) = &q.ids {
            reply.push(ci.clone());
            reply.push(cr.clone());
        }
        if let (EncapsulationMode::Transport, true, Some(n)) = (q.mode, q.udp, sa.nat.numbering) {
            reply.push(NatOaPayload { address: sa.remote.ip(), numbering: n });
            reply.push(NatOaPayload { address: sa.local.ip(), numbering: n });
        }
        if shorter(&choice.lifetime, &offered_lifetime) {
            let mut attributes = Vec::new();
            for (t, v) in super::phase1::life_attributes(&choice.lifetime) {
                attributes.push(crate::attribute::IpsecAttribute::SaLifeType(t));
                attributes.push(crate::attribute::IpsecAttribute::SaLifeDuration(v));
            }
            let notify = NotificationPayload::responder_lifetime(ProtocolId::IpsecEsp, q.spi_in, &attributes)
                .map_err(|_| NegotiationError::Local("encode"))?;
            reply.push(notify);
        }
        let keys = sa.derived_keys()?;
        let tail = reply.hashed_tail().map_err(|_| NegotiationError::Local("encode"))?;
        let hash = keys.quick_mode_hash_2(q.mid, &q.ni, &tail).map_err(NegotiationError::Crypto)?;
        if let Some(h) = reply.hash_mut() {
            h.data = hash;
        }
        let bytes = self.encrypt(sa, &reply, true)?;
        self.send(sa.local, sa.remote, &bytes);
        Ok(bytes)
    }

    /// QM2 from the responder: checks its choice, answers with QM3 and reports the SA.
    fn on_qm2(&mut self, now: Instant, sa: &mut Phase1Sa, index: usize, ike: &[u8], header: &Header) -> Disposition {
        let mid = header.message_id;
        let Some(ni) = sa.quick.get(index).map(|q| q.ni.clone()) else {
            return Disposition::Dropped(DropReason::Unexpected);
        };
        let dec = match Self::authenticated(sa, ike, mid, |keys, dec| {
            let hash =
                dec.message.payloads.first().and_then(|p| if let Payload::Hash(h) = p { Some(&h.data) } else { None });
            match (dec.hashed_tail(), hash) {
                (Ok(tail), Some(hash)) => keys.verify_quick_mode_hash_2(mid, &ni, tail, hash).is_ok(),
                _ => false,
            }
        }) {
            Ok(d) => d,
            Err(r) => return Disposition::Dropped(r),
        };
        sa.dpd.last_heard = now;
        let Some(mut q) = (index < sa.quick.len()).then(|| sa.quick.swap_remove(index)) else {
            return Disposition::Dropped(DropReason::Unexpected);
        };
        let commit = header.flags.commit() || q.commit;
        match self.complete_initiator(now, sa, &mut q, &dec.message, commit) {
            Ok(qm3) => {
                q.answered = Some(Answered { request: ike.to_vec(), reply: Some(qm3) });
            }
            Err(error) => {
                self.stats.child_failed += 1;
                if let Some(n) = error.notify_type() {
                    let notify =
                        NotificationPayload::new(n, ProtocolId::IpsecEsp, q.spi_in.to_bytes().to_vec(), Vec::new());
                    let _ = self.send_informational(sa, alloc::vec![Payload::Notification(notify)]);
                }
                self.policy.release_spi(SecurityProtocol::Esp, q.spi_in);
                q.state = QmState::Done;
                q.answered = Some(Answered { request: ike.to_vec(), reply: None });
                self.child_failed(sa.id, sa.remote, q.request, Role::Initiator, error);
            }
        }
        q.retx = None;
        q.linger_until = Some(now + self.config.linger);
        sa.quick.push(q);
        Disposition::Handled
    }

    fn complete_initiator(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        q: &mut QuickExchange,
        message: &Message,
        commit: bool,
    ) -> Result<Vec<u8>, NegotiationError> {
        if let Some(n) = message.notifications().find(|n| n.is_error()) {
            return Err(NegotiationError::PeerRefused(n.notify_type));
        }
        let sa_in = message.sa().ok_or(NegotiationError::MissingPayload)?;
        let ([proposal], Some(spi)) =
            (sa_in.proposals.as_slice(), sa_in.proposals.first().and_then(ProposalPayload::ipsec_spi))
        else {
            return Err(NegotiationError::NoProposalChosen);
        };
        let [transform] = proposal.transforms.as_slice() else { return Err(NegotiationError::NoProposalChosen) };
        let chosen = IpsecTransform::from_transform(proposal.protocol, transform)
            .map_err(|_| NegotiationError::NoProposalChosen)?;
        let (_, ours) = q
            .offered
            .iter()
            .find(|(number, t)| {
                *number == proposal.number
                    && t.encryption == chosen.encryption
                    && t.integrity == chosen.integrity
                    && t.mode == chosen.mode
                    && t.group == chosen.group
            })
            .copied()
            .ok_or(NegotiationError::NoProposalChosen)?;
        q.nr = message.nonce().ok_or(NegotiationError::MissingPayload)?.data.clone();
        if let Some(dh) = q.dh.take() {
            let ke = message.key_exchange().ok_or(NegotiationError::MissingPayload)?;
            q.g_qm_xy = Some(dh.complete(&ke.data).map_err(NegotiationError::Crypto)?);
        }
        let ids: Vec<&IdPayload> = message.identifications().collect();
        match (ids.as_slice(), &q.ids) {
            ([], _) => {}
            ([ci, cr], Some((our_ci, our_cr))) if *ci == our_ci && *cr == our_cr => {}
            _ => return Err(NegotiationError::InvalidId),
        }
        let mut lifetime = ours.lifetime;
        if chosen.lifetime != Lifetime::default() {
            lifetime = lifetime.min(chosen.lifetime);
        }
        if let Some(l) = message.notifications().find_map(notified_lifetime) {
            lifetime = lifetime.min(l);
        }
        let oa: Vec<&NatOaPayload> = message.nat_original_addresses().collect();
        if let [i, r] = oa.as_slice() {
            q.original_addresses = Some((i.address, r.address));
        }
        q.spi_out = Some(spi);
        q.transform = Some(IpsecTransform { lifetime, ..ours });
        // QM3: HDR*, HASH(3).
        let keys = sa.derived_keys()?;
        let hash = keys.quick_mode_hash_3(q.mid, &q.ni, &q.nr).map_err(NegotiationError::Crypto)?;
        let qm3 =
            Message::new(ExchangeType::QuickMode, sa.ckyi, sa.ckyr, q.mid).with(crate::payload::HashPayload::new(hash));
        let bytes = self.encrypt(sa, &qm3, true)?;
        self.send(sa.local, sa.remote, &bytes);
        let child = self.make_child(now, sa, q)?;
        if commit {
            // RFC 2408 §4.2: wait for the responder's CONNECTED before using the SA.
            q.commit = true;
            q.state = QmState::AwaitConnected;
            q.held = Some((child, now + self.config.commit_wait));
        } else {
            q.state = QmState::Done;
            self.report_child(child);
        }
        Ok(bytes)
    }

    /// QM3 from the initiator: the SA is ready.
    fn on_qm3(&mut self, now: Instant, sa: &mut Phase1Sa, index: usize, ike: &[u8]) -> Disposition {
        let Some((mid, ni, nr)) = sa.quick.get(index).map(|q| (q.mid, q.ni.clone(), q.nr.clone())) else {
            return Disposition::Dropped(DropReason::Unexpected);
        };
        let dec = match Self::authenticated(sa, ike, mid, |keys, dec| {
            dec.message.hash().is_some_and(|h| keys.verify_quick_mode_hash_3(mid, &ni, &nr, &h.data).is_ok())
        }) {
            Ok(d) => d,
            Err(r) => return Disposition::Dropped(r),
        };
        let _ = dec;
        sa.dpd.last_heard = now;
        let Some(mut q) = (index < sa.quick.len()).then(|| sa.quick.swap_remove(index)) else {
            return Disposition::Dropped(DropReason::Unexpected);
        };
        q.retx = None;
        q.state = QmState::Done;
        q.linger_until = Some(now + self.config.linger);
        q.answered = Some(Answered { request: ike.to_vec(), reply: None });
        match self.make_child(now, sa, &q) {
            Ok(child) => {
                let (spi_in, spi_out) = (child.inbound.spi, child.outbound.spi);
                self.report_child(child);
                if q.commit {
                    let notify = NotificationPayload::new(
                        NotifyType::Connected,
                        ProtocolId::IpsecEsp,
                        spi_out.to_bytes().to_vec(),
                        spi_in.to_bytes().to_vec(),
                    );
                    let _ = self.send_informational(sa, alloc::vec![Payload::Notification(notify)]);
                }
            }
            Err(error) => {
                self.stats.child_failed += 1;
                self.child_failed(sa.id, sa.remote, None, Role::Responder, error);
            }
        }
        sa.quick.push(q);
        Disposition::Handled
    }

    /// Derives both directions' keys (RFC 2409 §5.5 KEYMAT) and records the pair.
    fn make_child(&mut self, now: Instant, sa: &Phase1Sa, q: &QuickExchange) -> Result<ChildSa, NegotiationError> {
        let t = q.transform.ok_or(NegotiationError::Local("no transform"))?;
        let spi_out = q.spi_out.ok_or(NegotiationError::MissingPayload)?;
        let keys = sa.derived_keys()?;
        let g = q.g_qm_xy.as_ref().map(ipsec_core::SecretBytes::expose);
        let inbound = keys.ipsec_sa_keys(&t, g, q.spi_in, &q.ni, &q.nr).map_err(NegotiationError::Crypto)?;
        let outbound = keys.ipsec_sa_keys(&t, g, spi_out, &q.ni, &q.nr).map_err(NegotiationError::Crypto)?;
        let encryption = t.encryption.ok_or(NegotiationError::Local("no cipher"))?;
        let id = ChildSaId(self.next_id());
        let rekey_of = q.rekey_of.or_else(|| {
            self.children
                .values()
                .filter(|c| c.remote.ip() == sa.remote.ip() && c.proxies == q.proxies)
                .map(|c| c.id)
                .max()
        });
        let limits = LifetimeLimits::with_margin(t.lifetime, self.config.rekey_margin.as_secs(), 256);
        let at = |s: Option<u64>| s.map(|s| now + Duration::from_secs(s));
        self.children.insert(
            id,
            ChildRecord {
                id,
                phase1: sa.id,
                role: q.role,
                local: sa.local,
                remote: sa.remote,
                spi_in: q.spi_in,
                spi_out,
                proxies: q.proxies,
                soft_at: at(limits.soft.seconds),
                hard_at: at(limits.hard.seconds),
                soft_done: false,
            },
        );
        Ok(ChildSa {
            id,
            phase1: sa.id,
            request: q.request,
            rekey_of,
            role: q.role,
            protocol: SecurityProtocol::Esp,
            inbound: SaKeys { spi: q.spi_in, encryption_key: inbound.encryption, integrity_key: inbound.integrity },
            outbound: SaKeys { spi: spi_out, encryption_key: outbound.encryption, integrity_key: outbound.integrity },
            encryption,
            integrity: t.integrity,
            mode: q.mode,
            udp_encapsulation: q.udp.then_some(UdpPorts { local: sa.local.port(), remote: sa.remote.port() }),
            local_ts: q.proxies.local,
            remote_ts: q.proxies.remote,
            lifetime: t.lifetime,
            pfs_group: t.group,
            local: sa.local,
            remote: sa.remote,
            nat: sa.nat.status,
            original_addresses: q.original_addresses,
        })
    }

    pub(crate) fn report_child(&mut self, child: ChildSa) {
        self.stats.child_established += 1;
        self.log_child(&child);
        self.event(Event::ChildSaReady(child));
    }

    /// Fails every Quick Mode in progress under a phase-1 SA that is going away.
    pub(crate) fn fail_quick_all(&mut self, sa: &mut Phase1Sa) {
        for q in &mut sa.quick {
            if matches!(q.state, QmState::I1 | QmState::R2) {
                self.policy.release_spi(SecurityProtocol::Esp, q.spi_in);
                self.child_failed(sa.id, sa.remote, q.request, q.role, NegotiationError::Phase1Failed);
                q.state = QmState::Done;
            }
            if let Some((child, _)) = q.held.take() {
                self.report_child(child);
            }
        }
    }

    /// Retransmissions, give-ups, commit waits and lingering of the SA's Quick Modes.
    pub(crate) fn quick_timeout(&mut self, now: Instant, sa: &mut Phase1Sa) {
        let retransmit = self.config.retransmit;
        let mut resend = Vec::new();
        let mut failed = Vec::new();
        let mut released = Vec::new();
        for q in &mut sa.quick {
            if let Some(retx) = q.retx.as_mut()
                && retx.next <= now
            {
                if retx.sent >= retransmit.tries {
                    q.retx = None;
                    q.state = QmState::Done;
                    q.linger_until = Some(now + self.config.linger);
                    released.push(q.spi_in);
                    failed.push((q.request, q.role));
                } else {
                    retx.sent += 1;
                    retx.next = now + retransmit.interval(retx.sent);
                    resend.push(retx.bytes.clone());
                }
            }
            if let Some((_, at)) = &q.held
                && *at <= now
                && let Some((child, _)) = q.held.take()
            {
                q.state = QmState::Done;
                q.linger_until = Some(now + self.config.linger);
                self.stats.child_established += 1;
                self.log_child(&child);
                self.events.push_back(Event::ChildSaReady(child));
            }
        }
        for bytes in resend {
            self.stats.retransmitted += 1;
            self.send(sa.local, sa.remote, &bytes);
        }
        for spi in released {
            self.policy.release_spi(SecurityProtocol::Esp, spi);
        }
        for (request, role) in failed {
            self.stats.child_failed += 1;
            self.event(Event::ChildSaFailed {
                request,
                phase1: Some(sa.id),
                peer: sa.remote,
                role,
                error: NegotiationError::Timeout,
            });
        }
        let mut forget = Vec::new();
        sa.quick.retain(|q| {
            let keep = q.state != QmState::Done || q.linger_until.is_none_or(|t| t > now);
            if !keep {
                forget.push(q.mid);
            }
            keep
        });
        for mid in forget {
            if let Some(ivs) = sa.ivs.as_mut() {
                ivs.forget(mid);
            }
            if sa.finished_mids.len() >= MAX_FINISHED_MIDS {
                sa.finished_mids.pop_front();
            }
            sa.finished_mids.push_back(mid);
        }
    }

    /// The earliest timer of the SA's Quick Modes.
    pub(crate) fn quick_next_timeout(sa: &Phase1Sa) -> Option<Instant> {
        let mut next: Option<Instant> = None;
        let mut take = |t: Instant| next = Some(next.map_or(t, |n| n.min(t)));
        for q in &sa.quick {
            if let Some(r) = &q.retx {
                take(r.next);
            }
            if let Some((_, at)) = &q.held {
                take(*at);
            }
            if q.state == QmState::Done
                && let Some(t) = q.linger_until
            {
                take(t);
            }
        }
        if sa.state == P1State::Established {
            for p in &sa.pending {
                take(p.not_before);
            }
        }
        next
    }

    /// CONNECTED (RFC 2408 §4.2): the responder has installed the SA we hold.
    pub(crate) fn on_connected(&mut self, now: Instant, sa: &mut Phase1Sa, n: &NotificationPayload) {
        let spi = n.ipsec_spi();
        let waiting: Vec<usize> =
            sa.quick.iter().enumerate().filter(|(_, q)| q.state == QmState::AwaitConnected).map(|(i, _)| i).collect();
        let index = waiting
            .iter()
            .copied()
            .find(|&i| sa.quick.get(i).is_some_and(|q| spi.is_some() && (Some(q.spi_in) == spi || q.spi_out == spi)))
            .or_else(|| if waiting.len() == 1 { waiting.first().copied() } else { None });
        if let Some(q) = index.and_then(|i| sa.quick.get_mut(i))
            && let Some((child, _)) = q.held.take()
        {
            q.state = QmState::Done;
            q.linger_until = Some(now + self.config.linger);
            self.report_child(child);
        }
    }

    /// An error notification about a Quick Mode we initiated (RFC 2408 §3.14): fails the
    /// exchange it names by SPI, or the only one in progress. Returns false when none fits.
    pub(crate) fn on_quick_error(&mut self, now: Instant, sa: &mut Phase1Sa, n: &NotificationPayload) -> bool {
        let spi = n.ipsec_spi();
        let in_progress: Vec<usize> =
            sa.quick.iter().enumerate().filter(|(_, q)| q.state == QmState::I1).map(|(i, _)| i).collect();
        let index = in_progress
            .iter()
            .copied()
            .find(|&i| sa.quick.get(i).is_some_and(|q| spi == Some(q.spi_in)))
            .or_else(|| if in_progress.len() == 1 { in_progress.first().copied() } else { None });
        let Some(q) = index.and_then(|i| sa.quick.get_mut(i)) else { return false };
        q.state = QmState::Done;
        q.retx = None;
        q.linger_until = Some(now + self.config.linger);
        let (request, spi_in) = (q.request, q.spi_in);
        self.policy.release_spi(SecurityProtocol::Esp, spi_in);
        self.stats.child_failed += 1;
        self.event(Event::ChildSaFailed {
            request,
            phase1: Some(sa.id),
            peer: sa.remote,
            role: Role::Initiator,
            error: NegotiationError::PeerRefused(n.notify_type),
        });
        true
    }
}

/// A host selector for a socket address.
fn host(addr: SocketAddr) -> ipsec_core::types::TrafficSelector {
    ipsec_core::types::TrafficSelector::host(addr.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        assert_eq!(
            wire_mode(EncapsulationMode::Tunnel, true, Some(NatTNumbering::Rfc3947)),
            WireMode::UdpEncapsulatedTunnel
        );
        assert_eq!(
            wire_mode(EncapsulationMode::Transport, true, Some(NatTNumbering::Draft)),
            WireMode::UdpEncapsulatedTransportDraft
        );
        assert_eq!(wire_mode(EncapsulationMode::Tunnel, true, None), WireMode::Tunnel);
        assert_eq!(wire_mode(EncapsulationMode::Transport, false, Some(NatTNumbering::Rfc3947)), WireMode::Transport);
        assert_eq!(parse_mode(Some(WireMode::UdpEncapsulatedTunnelDraft)), Some((EncapsulationMode::Tunnel, true)));
        assert_eq!(parse_mode(None), Some((EncapsulationMode::Tunnel, false)));
        assert_eq!(parse_mode(Some(WireMode::Unknown(99))), None);
    }

    #[test]
    fn lifetime_comparison() {
        let long = Lifetime::new(28800, 4_608_000);
        let short = Lifetime::new(3600, 4_608_000);
        assert!(shorter(&short, &long));
        assert!(!shorter(&long, &short));
        assert!(!shorter(&long, &long));
        assert!(shorter(&Lifetime::new(3600, 1), &Lifetime { seconds: Some(3600), kilobytes: None, packets: None }));
    }
}
