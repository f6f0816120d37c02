//! Phase 1: Main Mode and Aggressive Mode with pre-shared keys (RFC 2409 §5, §5.4), NAT
//! discovery and the port float (RFC 3947 §3-§4).

use alloc::vec::Vec;
use core::net::SocketAddr;

use ipsec_core::crypto::CryptoRng;
use ipsec_core::registry::ikev1::{AuthenticationMethod, ExchangeType, NotifyType, PayloadType, ProtocolId};
use ipsec_core::types::{IkeSpi, Lifetime};
use ipsec_core::{Instant, SecretBytes};

use super::core::{Action, Core, cleartext_body, peer_nat_t};
use super::state::{Answered, P1State, Phase1Sa, Retx};
use super::{DropReason, Step};
use crate::attribute::{AttributeValue, Phase1Attribute};
use crate::event::{Event, NegotiationError, Phase1Id, Role};
use crate::keylog::{KeyLogTable, ikev1_line};
use crate::keys::{Phase1HashInputs, Phase1Keys, skeyid_pre_shared_key};
use crate::message::{Header, Message};
use crate::payload::{
    HashPayload, IdPayload, KePayload, NoncePayload, NotificationPayload, Payload, ProposalPayload, SaPayload,
    VendorIdPayload,
};
use crate::policy::{Phase1Mode, Policy, select_phase1};
use crate::transform::Phase1Transform;
use crate::vendor_id;

/// Shorthand for a failed step.
fn fail<T>(e: NegotiationError) -> Result<T, Step> {
    Err(Step::Fail(e))
}

fn ignore<T>(r: DropReason) -> Result<T, Step> {
    Err(Step::Ignore(r))
}

/// The payload a message must have, or a failed step.
fn need<T>(value: Option<T>) -> Result<T, Step> {
    value.ok_or(Step::Fail(NegotiationError::MissingPayload))
}

fn local_err(e: impl core::fmt::Debug) -> Step {
    let _ = e;
    Step::Fail(NegotiationError::Local("encode"))
}

fn crypto(e: ipsec_core::CryptoError) -> Step {
    Step::Fail(NegotiationError::Crypto(e))
}

impl<P: Policy, R: CryptoRng> Core<P, R> {
    /// Sends `reply` as our answer to the peer's message `request` and keeps both, so that a
    /// retransmission of `request` gets the same bytes back without recomputation. With
    /// `awaiting` (the current time), `reply` also expects an answer and is retransmitted
    /// until one comes.
    fn answer(&mut self, sa: &mut Phase1Sa, request: &[u8], reply: Vec<u8>, awaiting: Option<Instant>) {
        self.send(sa.local, sa.remote, &reply);
        if let Some(now) = awaiting {
            sa.retx = Some(Retx::new(reply.clone(), now, &self.config.retransmit));
        }
        sa.answered = Some(Answered { request: request.to_vec(), reply: Some(reply) });
    }

    /// True when this engine can run the phase-1 transform (pre-shared keys, a CBC cipher, an
    /// HMAC PRF and a group the provider has).
    pub(crate) fn usable_phase1(&self, t: &Phase1Transform) -> bool {
        t.authentication == AuthenticationMethod::PreSharedKey
            && t.encryption.phase1_id().is_some()
            && t.prf.phase1_hash().is_some()
            && self.provider.supports_encryption(t.encryption)
            && self.provider.supports_prf(t.prf)
            && self.provider.supports_dh(t.group)
    }

    /// Our Vendor IDs: NAT-T (all revisions as initiator, the agreed one as responder) and
    /// DPD (RFC 3706 §5; always, since R-U-THERE is always answered).
    fn vendor_ids(&self, sa: &Phase1Sa) -> Vec<Payload> {
        let mut out = Vec::new();
        if self.config.nat_t.enabled {
            match sa.role {
                Role::Initiator => {
                    for v in [vendor_id::NAT_T_RFC3947, vendor_id::NAT_T_DRAFT_03, vendor_id::NAT_T_DRAFT_02_N] {
                        out.push(Payload::VendorId(VendorIdPayload::new(v.to_vec())));
                    }
                }
                Role::Responder => match (sa.nat.numbering, sa.nat.draft_vid) {
                    (Some(crate::payload::NatTNumbering::Rfc3947), _) => {
                        out.push(Payload::VendorId(VendorIdPayload::new(vendor_id::NAT_T_RFC3947.to_vec())));
                    }
                    (Some(_), Some(v)) => out.push(Payload::VendorId(VendorIdPayload::new(v.to_vec()))),
                    _ => {}
                },
            }
        }
        out.push(Payload::VendorId(VendorIdPayload::new(vendor_id::DPD.to_vec())));
        out
    }

    /// Records what the peer's Vendor IDs announce.
    fn learn_vendor_ids(&self, sa: &mut Phase1Sa, message: &Message) {
        if self.config.nat_t.enabled
            && let Some((numbering, draft)) = peer_nat_t(message)
        {
            sa.nat.numbering = Some(numbering);
            sa.nat.draft_vid = draft;
            sa.nat.status.version = Some(match numbering {
                crate::payload::NatTNumbering::Rfc3947 => crate::event::NatTVersion::Rfc3947,
                crate::payload::NatTNumbering::Draft => crate::event::NatTVersion::Draft,
            });
        }
        if message.has_vendor_id(&vendor_id::DPD) {
            sa.peer_dpd = true;
        }
    }

    /// Starts a phase-1 negotiation as initiator and sends its first message.
    pub(crate) fn start_phase1(
        &mut self,
        now: Instant,
        id: Phase1Id,
        local: SocketAddr,
        remote: SocketAddr,
    ) -> Result<Phase1Sa, crate::event::CommandError> {
        use crate::event::CommandError;
        let peer = remote.ip();
        let mode = self.policy.phase1_mode(peer);
        let mut proposals: Vec<Phase1Transform> =
            self.policy.phase1_proposals(peer).into_iter().filter(|p| self.usable_phase1(p)).collect();
        if mode == Phase1Mode::Aggressive {
            // One KE payload fixes the group for every offer (RFC 2409 §5.4).
            let group = proposals.first().map(|p| p.group);
            proposals.retain(|p| Some(p.group) == group);
        }
        proposals.truncate(usize::from(u8::MAX));
        if proposals.is_empty() {
            return Err(CommandError::NoPhase1Proposal);
        }
        let mut sa = Phase1Sa::new(id, Role::Initiator, mode, local, remote);
        sa.ckyi = self.random_cookie();
        sa.local_identity = self.policy.local_identity(local.ip(), peer);
        let mut transforms = Vec::with_capacity(proposals.len());
        for (i, p) in proposals.iter().enumerate() {
            let number = u8::try_from(i + 1).map_err(|_| CommandError::NoPhase1Proposal)?;
            transforms.push(p.to_transform(number).map_err(|_| CommandError::NoPhase1Proposal)?);
        }
        let sa_payload = SaPayload::new(alloc::vec![ProposalPayload::isakmp(1, transforms)]);
        sa.sa_i_b = Payload::Sa(sa_payload.clone()).body().map_err(|_| CommandError::NoPhase1Proposal)?;
        let exchange =
            if mode == Phase1Mode::Main { ExchangeType::IdentityProtection } else { ExchangeType::Aggressive };
        let mut message = Message::new(exchange, sa.ckyi, IkeSpi::ZERO, 0).with(sa_payload);
        if mode == Phase1Mode::Aggressive {
            let group = proposals.first().map(|p| p.group).ok_or(CommandError::NoPhase1Proposal)?;
            let dh =
                self.provider.key_exchange.start(group, &mut self.rng).map_err(|_| CommandError::NoPhase1Proposal)?;
            sa.g_xi = dh.public_value().to_vec();
            sa.dh = Some(dh);
            sa.ni = self.nonce();
            let id_payload = IdPayload::new(sa.local_identity.clone());
            sa.id_i_b =
                Payload::Identification(id_payload.clone()).body().map_err(|_| CommandError::NoPhase1Proposal)?;
            message.push(KePayload::new(sa.g_xi.clone()));
            message.push(NoncePayload::new(sa.ni.clone()));
            message.push(id_payload);
        }
        sa.offered = proposals;
        message.payloads.extend(self.vendor_ids(&sa));
        let bytes = message.encode().map_err(|_| CommandError::NoPhase1Proposal)?;
        self.send(local, remote, &bytes);
        sa.retx = Some(Retx::new(bytes, now, &self.config.retransmit));
        Ok(sa)
    }

    /// A new negotiation from a peer (Main Mode MM1 or Aggressive Mode AM1). Returns the SA,
    /// or how the message was disposed of when it was refused (events and the answer are
    /// already queued).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn respond_phase1(
        &mut self,
        now: Instant,
        id: Phase1Id,
        local: SocketAddr,
        remote: SocketAddr,
        ike: &[u8],
        header: &Header,
        message: &Message,
    ) -> Result<Phase1Sa, super::Disposition> {
        let peer = remote.ip();
        let mode = if header.exchange == ExchangeType::Aggressive { Phase1Mode::Aggressive } else { Phase1Mode::Main };
        if mode == Phase1Mode::Aggressive && !self.policy.accept_aggressive(peer) {
            // ASA `am-disable`: Aggressive Mode is ignored, not refused.
            return Err(super::Disposition::Dropped(DropReason::Unexpected));
        }
        let mut sa = Phase1Sa::new(id, Role::Responder, mode, local, remote);
        sa.ckyi = header.initiator_cookie;
        sa.ckyr = self.random_cookie();
        sa.local_identity = self.policy.local_identity(local.ip(), peer);
        sa.deadline = Some(now + self.config.retransmit.give_up_after());
        match self.respond_phase1_inner(now, &mut sa, ike, message) {
            Ok(()) => Ok(sa),
            Err(Step::Fail(e)) => {
                self.fail_phase1(now, &mut sa, e, Some(ike));
                Err(super::Disposition::Handled)
            }
            Err(Step::Ignore(r)) => Err(super::Disposition::Dropped(r)),
        }
    }

    fn respond_phase1_inner(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        ike: &[u8],
        message: &Message,
    ) -> Result<(), Step> {
        let peer = sa.remote.ip();
        let sa_in = need(message.sa())?;
        // The initiator's offers: every transform of its ISAKMP proposals, in order.
        let mut offers = Vec::new();
        for proposal in sa_in.proposals.iter().filter(|p| p.protocol == ProtocolId::Isakmp) {
            for t in &proposal.transforms {
                if let Ok(parsed) = Phase1Transform::from_transform(t) {
                    offers.push((proposal.number, t.clone(), parsed));
                }
            }
        }
        let local: Vec<Phase1Transform> =
            self.policy.phase1_proposals(peer).into_iter().filter(|p| self.usable_phase1(p)).collect();
        let parsed: Vec<Phase1Transform> = offers.iter().map(|o| o.2).collect();
        let Some((index, lifetime)) = select_phase1(&local, &parsed, self.config.strict_lifetime) else {
            return fail(NegotiationError::NoProposalChosen);
        };
        let (number, chosen_payload, offered) =
            offers.get(index).cloned().ok_or(Step::Fail(NegotiationError::NoProposalChosen))?;
        sa.announce_lifetime = lifetime != offered.lifetime;
        sa.transform = Some(Phase1Transform { lifetime, ..offered });
        sa.sa_i_b = cleartext_body(ike, PayloadType::Sa).map_err(Step::Fail)?;
        self.learn_vendor_ids(sa, message);
        let reply_sa = SaPayload {
            doi: sa_in.doi,
            situation: sa_in.situation,
            proposals: alloc::vec![ProposalPayload::isakmp(number, alloc::vec![chosen_payload])],
        };
        let exchange = message.exchange;
        let mut reply = Message::new(exchange, sa.ckyi, sa.ckyr, 0).with(reply_sa);
        if sa.mode == Phase1Mode::Aggressive {
            let ke = need(message.key_exchange())?;
            sa.g_xi = ke.data.clone();
            sa.ni = need(message.nonce())?.data.clone();
            let id_in = need(message.identifications().next())?;
            let identity = id_in.identity.clone();
            sa.id_i_b = cleartext_body(ike, PayloadType::Identification).map_err(Step::Fail)?;
            if !self.policy.accept_peer_identity(peer, &identity) {
                return fail(NegotiationError::InvalidId);
            }
            let psk = self.psk(peer, Some(&identity)).map_err(Step::Fail)?;
            sa.peer_identity = Some(identity);
            let group = offered.group;
            if sa.g_xi.len() != group.public_value_len() {
                return fail(NegotiationError::Crypto(ipsec_core::CryptoError::InvalidPublicValue));
            }
            let dh = self.provider.key_exchange.start(group, &mut self.rng).map_err(crypto)?;
            sa.g_xr = dh.public_value().to_vec();
            let g_xy = dh.complete(&sa.g_xi).map_err(crypto)?;
            sa.nr = self.nonce();
            self.derive_keys(sa, &g_xy, &psk)?;
            let id_payload = IdPayload::new(sa.local_identity.clone());
            let id_r_b = Payload::Identification(id_payload.clone()).body().map_err(local_err)?;
            let hash_r = {
                let keys = sa.derived_keys()?;
                keys.hash_r(&hash_inputs(sa), &id_r_b).map_err(crypto)?
            };
            reply.push(KePayload::new(sa.g_xr.clone()));
            reply.push(NoncePayload::new(sa.nr.clone()));
            reply.push(id_payload);
            reply.push(HashPayload::new(hash_r));
            let hash = sa.transform.and_then(|t| t.prf.hash()).ok_or(Step::Fail(NegotiationError::Local("hash")))?;
            let nat_d = self.nat_d_payloads(sa, hash, sa.local, sa.remote).map_err(Step::Fail)?;
            reply.payloads.extend(nat_d);
            reply.payloads.extend(self.vendor_ids(sa));
            let bytes = reply.encode().map_err(local_err)?;
            self.answer(sa, ike, bytes, Some(now));
            sa.state = P1State::AmR2;
        } else {
            reply.payloads.extend(self.vendor_ids(sa));
            let bytes = reply.encode().map_err(local_err)?;
            self.answer(sa, ike, bytes, None);
            sa.state = P1State::MmR2;
        }
        Ok(())
    }

    /// `SKEYID` from the pre-shared key and the key schedule (RFC 2409 §5), the message cipher
    /// and the IV chain (Appendix B).
    fn derive_keys(&mut self, sa: &mut Phase1Sa, g_xy: &SecretBytes, psk: &SecretBytes) -> Result<(), Step> {
        let t = sa.transform.ok_or(Step::Fail(NegotiationError::Local("no transform")))?;
        let skeyid = skeyid_pre_shared_key(self.provider, t.prf, psk.expose(), &sa.ni, &sa.nr).map_err(crypto)?;
        let keys = Phase1Keys::derive(self.provider, t.prf, t.encryption, skeyid, g_xy.expose(), &sa.ckyi, &sa.ckyr)
            .map_err(crypto)?;
        sa.cipher = Some(keys.message_cipher().map_err(crypto)?);
        sa.ivs = Some(keys.iv_state(&sa.g_xi, &sa.g_xr).map_err(crypto)?);
        if self.keylog.is_some() {
            let line = ikev1_line(&sa.ckyi, keys.encryption_key().expose());
            self.key_log(KeyLogTable::Ikev1DecryptionTable, &line);
        }
        sa.keys = Some(keys);
        Ok(())
    }

    /// Moves IKE to the NAT-T port after a NAT was found (RFC 3947 §4).
    fn float(&self, sa: &mut Phase1Sa) {
        if sa.nat.numbering.is_some() && sa.nat.status.any() {
            let port = self.config.nat_t.port;
            sa.local.set_port(port);
            sa.remote.set_port(port);
        }
    }

    /// The responder's choice in MM2/AM2 against our offers.
    fn check_choice(sa: &mut Phase1Sa, message: &Message) -> Result<(), Step> {
        let sa_in = need(message.sa())?;
        let (Some(proposal), 1) = (sa_in.proposals.first(), sa_in.proposals.len()) else {
            return fail(NegotiationError::NoProposalChosen);
        };
        let (Some(t), 1) = (proposal.transforms.first(), proposal.transforms.len()) else {
            return fail(NegotiationError::NoProposalChosen);
        };
        let chosen = Phase1Transform::from_transform(t).map_err(|_| Step::Fail(NegotiationError::NoProposalChosen))?;
        let ours = sa
            .offered
            .iter()
            .find(|o| {
                o.encryption == chosen.encryption
                    && o.prf == chosen.prf
                    && o.authentication == chosen.authentication
                    && o.group == chosen.group
            })
            .ok_or(Step::Fail(NegotiationError::NoProposalChosen))?;
        sa.transform = Some(Phase1Transform { lifetime: ours.lifetime.min(chosen.lifetime), ..*ours });
        Ok(())
    }

    /// A message for a phase-1 exchange in progress.
    pub(crate) fn phase1_message(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        local: SocketAddr,
        remote: SocketAddr,
        ike: &[u8],
        header: &Header,
    ) -> Result<(), Step> {
        let expected = match sa.mode {
            Phase1Mode::Main => ExchangeType::IdentityProtection,
            Phase1Mode::Aggressive => ExchangeType::Aggressive,
        };
        if header.exchange != expected {
            return ignore(DropReason::Unexpected);
        }
        match sa.state {
            P1State::MmI1 => self.on_mm2(now, sa, ike, header),
            P1State::MmI3 => self.on_mm4(now, sa, local, remote, ike),
            P1State::MmI5 => self.on_mm6(now, sa, ike),
            P1State::MmR2 => self.on_mm3(sa, local, remote, ike),
            P1State::MmR4 => self.on_mm5(now, sa, local, remote, ike),
            P1State::AmI1 => self.on_am2(now, sa, local, remote, ike, header),
            P1State::AmR2 => self.on_am3(now, sa, local, remote, ike),
            P1State::Established => ignore(DropReason::Unexpected),
        }
    }

    fn decode_cleartext(ike: &[u8]) -> Result<Message, Step> {
        Message::decode(ike).map_err(|e| Step::Ignore(DropReason::Malformed(e)))
    }

    fn on_mm2(&mut self, now: Instant, sa: &mut Phase1Sa, ike: &[u8], header: &Header) -> Result<(), Step> {
        let message = Self::decode_cleartext(ike)?;
        Self::check_choice(sa, &message)?;
        sa.ckyr = header.responder_cookie;
        self.learn_vendor_ids(sa, &message);
        let t = sa.transform.ok_or(Step::Fail(NegotiationError::Local("no transform")))?;
        let dh = self.provider.key_exchange.start(t.group, &mut self.rng).map_err(crypto)?;
        sa.g_xi = dh.public_value().to_vec();
        sa.dh = Some(dh);
        sa.ni = self.nonce();
        let mut mm3 = Message::new(ExchangeType::IdentityProtection, sa.ckyi, sa.ckyr, 0)
            .with(KePayload::new(sa.g_xi.clone()))
            .with(NoncePayload::new(sa.ni.clone()));
        let hash = t.prf.hash().ok_or(Step::Fail(NegotiationError::Local("hash")))?;
        let nat_d = self.nat_d_payloads(sa, hash, sa.local, sa.remote).map_err(Step::Fail)?;
        mm3.payloads.extend(nat_d);
        let bytes = mm3.encode().map_err(local_err)?;
        self.answer(sa, ike, bytes, Some(now));
        sa.state = P1State::MmI3;
        Ok(())
    }

    /// The peer's KE and nonce, checked against the group.
    fn take_ke_nonce(sa: &Phase1Sa, message: &Message) -> Result<(Vec<u8>, Vec<u8>), Step> {
        let ke = need(message.key_exchange())?.data.clone();
        let nonce = need(message.nonce())?.data.clone();
        let group = sa.transform.map(|t| t.group).ok_or(Step::Fail(NegotiationError::Local("no transform")))?;
        if ke.len() != group.public_value_len() {
            return fail(NegotiationError::Crypto(ipsec_core::CryptoError::InvalidPublicValue));
        }
        if !(8..=256).contains(&nonce.len()) {
            return fail(NegotiationError::Malformed(crate::DecodeError::Truncated { payload: PayloadType::Nonce }));
        }
        Ok((ke, nonce))
    }

    fn initial_contact_payload(sa: &Phase1Sa) -> Option<Payload> {
        sa.initial_contact.then(|| Payload::Notification(NotificationPayload::initial_contact(&sa.ckyi, &sa.ckyr)))
    }

    fn on_mm4(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        local: SocketAddr,
        remote: SocketAddr,
        ike: &[u8],
    ) -> Result<(), Step> {
        let message = Self::decode_cleartext(ike)?;
        let (g_xr, nr) = Self::take_ke_nonce(sa, &message)?;
        let dh = sa.dh.take().ok_or(Step::Fail(NegotiationError::Local("no DH")))?;
        let g_xy = dh.complete(&g_xr).map_err(crypto)?;
        sa.g_xr = g_xr;
        sa.nr = nr;
        let psk = self.psk(sa.remote.ip(), None).map_err(Step::Fail)?;
        self.derive_keys(sa, &g_xy, &psk)?;
        self.nat_discover(sa, &message, local, remote, None).map_err(Step::Fail)?;
        self.float(sa);
        let id_payload = IdPayload::new(sa.local_identity.clone());
        sa.id_i_b = Payload::Identification(id_payload.clone()).body().map_err(local_err)?;
        let hash_i = {
            let keys = sa.derived_keys()?;
            keys.hash_i(&hash_inputs(sa), &sa.id_i_b).map_err(crypto)?
        };
        let mut mm5 = Message::new(ExchangeType::IdentityProtection, sa.ckyi, sa.ckyr, 0)
            .with(id_payload)
            .with(HashPayload::new(hash_i));
        if let Some(n) = Self::initial_contact_payload(sa) {
            mm5.push(n);
        }
        let bytes = self.encrypt(sa, &mm5, true).map_err(Step::Fail)?;
        self.answer(sa, ike, bytes, Some(now));
        sa.state = P1State::MmI5;
        Ok(())
    }

    fn on_mm6(&mut self, now: Instant, sa: &mut Phase1Sa, ike: &[u8]) -> Result<(), Step> {
        let dec = Self::decrypt(sa, ike, 0, true).map_err(|_| {
            sa.undecryptable += 1;
            Step::Ignore(DropReason::Unauthenticated)
        })?;
        let id_r_b = dec.body_of(PayloadType::Identification).ok().flatten().map(<[u8]>::to_vec);
        let id_r_b = need(id_r_b)?;
        let received = need(dec.message.hash())?.data.clone();
        {
            let keys = sa.derived_keys()?;
            keys.verify_hash_r(&hash_inputs(sa), &id_r_b, &received)
                .map_err(|_| Step::Fail(NegotiationError::AuthenticationFailed))?;
        }
        let identity = need(dec.message.identifications().next())?.identity.clone();
        if !self.policy.accept_peer_identity(sa.remote.ip(), &identity) {
            return fail(NegotiationError::InvalidId);
        }
        sa.peer_identity = Some(identity);
        if let Some(ivs) = sa.ivs.as_mut() {
            ivs.commit(0, dec.last_block);
        }
        sa.answered = Some(Answered { request: ike.to_vec(), reply: None });
        self.established(now, sa);
        Ok(())
    }

    fn on_mm3(&mut self, sa: &mut Phase1Sa, local: SocketAddr, remote: SocketAddr, ike: &[u8]) -> Result<(), Step> {
        let message = Self::decode_cleartext(ike)?;
        let (g_xi, ni) = Self::take_ke_nonce(sa, &message)?;
        let t = sa.transform.ok_or(Step::Fail(NegotiationError::Local("no transform")))?;
        let dh = self.provider.key_exchange.start(t.group, &mut self.rng).map_err(crypto)?;
        sa.g_xr = dh.public_value().to_vec();
        let g_xy = dh.complete(&g_xi).map_err(crypto)?;
        sa.g_xi = g_xi;
        sa.ni = ni;
        sa.nr = self.nonce();
        let psk = self.psk(sa.remote.ip(), None).map_err(Step::Fail)?;
        self.derive_keys(sa, &g_xy, &psk)?;
        self.nat_discover(sa, &message, local, remote, None).map_err(Step::Fail)?;
        let mut mm4 = Message::new(ExchangeType::IdentityProtection, sa.ckyi, sa.ckyr, 0)
            .with(KePayload::new(sa.g_xr.clone()))
            .with(NoncePayload::new(sa.nr.clone()));
        let hash = t.prf.hash().ok_or(Step::Fail(NegotiationError::Local("hash")))?;
        let nat_d = self.nat_d_payloads(sa, hash, sa.local, sa.remote).map_err(Step::Fail)?;
        mm4.payloads.extend(nat_d);
        let bytes = mm4.encode().map_err(local_err)?;
        self.answer(sa, ike, bytes, None);
        sa.state = P1State::MmR4;
        Ok(())
    }

    fn on_mm5(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        local: SocketAddr,
        remote: SocketAddr,
        ike: &[u8],
    ) -> Result<(), Step> {
        let dec = match Self::decrypt(sa, ike, 0, true) {
            Ok(d) => d,
            // The initiator encrypted with other keys: almost always a different pre-shared key.
            Err(NegotiationError::DecryptionFailed(e)) => return fail(NegotiationError::DecryptionFailed(e)),
            Err(_) => return ignore(DropReason::Unauthenticated),
        };
        let id_i_b = dec.body_of(PayloadType::Identification).ok().flatten().map(<[u8]>::to_vec);
        let id_i_b = need(id_i_b)?;
        let received = need(dec.message.hash())?.data.clone();
        sa.id_i_b = id_i_b;
        {
            let keys = sa.derived_keys()?;
            keys.verify_hash_i(&hash_inputs(sa), &sa.id_i_b, &received)
                .map_err(|_| Step::Fail(NegotiationError::AuthenticationFailed))?;
        }
        let identity = need(dec.message.identifications().next())?.identity.clone();
        if !self.policy.accept_peer_identity(sa.remote.ip(), &identity) {
            return fail(NegotiationError::InvalidId);
        }
        sa.peer_identity = Some(identity);
        if let Some(ivs) = sa.ivs.as_mut() {
            ivs.commit(0, dec.last_block);
        }
        // The initiator floated to the NAT-T port (RFC 3947 §4): answer where it came from.
        sa.local = local;
        sa.remote = remote;
        self.note_initial_contact(sa, &dec.message);
        let id_payload = IdPayload::new(sa.local_identity.clone());
        let id_r_b = Payload::Identification(id_payload.clone()).body().map_err(local_err)?;
        let hash_r = {
            let keys = sa.derived_keys()?;
            keys.hash_r(&hash_inputs(sa), &id_r_b).map_err(crypto)?
        };
        let mm6 = Message::new(ExchangeType::IdentityProtection, sa.ckyi, sa.ckyr, 0)
            .with(id_payload)
            .with(HashPayload::new(hash_r));
        let bytes = self.encrypt(sa, &mm6, true).map_err(Step::Fail)?;
        self.answer(sa, ike, bytes, None);
        self.established(now, sa);
        Ok(())
    }

    fn on_am2(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        local: SocketAddr,
        remote: SocketAddr,
        ike: &[u8],
        header: &Header,
    ) -> Result<(), Step> {
        let message = Self::decode_cleartext(ike)?;
        Self::check_choice(sa, &message)?;
        sa.ckyr = header.responder_cookie;
        self.learn_vendor_ids(sa, &message);
        let (g_xr, nr) = Self::take_ke_nonce(sa, &message)?;
        let identity = need(message.identifications().next())?.identity.clone();
        let received = need(message.hash())?.data.clone();
        let id_r_b = cleartext_body(ike, PayloadType::Identification).map_err(Step::Fail)?;
        let dh = sa.dh.take().ok_or(Step::Fail(NegotiationError::Local("no DH")))?;
        let g_xy = dh.complete(&g_xr).map_err(crypto)?;
        sa.g_xr = g_xr;
        sa.nr = nr;
        let psk = self.psk(sa.remote.ip(), Some(&identity)).map_err(Step::Fail)?;
        self.derive_keys(sa, &g_xy, &psk)?;
        {
            let keys = sa.derived_keys()?;
            keys.verify_hash_r(&hash_inputs(sa), &id_r_b, &received)
                .map_err(|_| Step::Fail(NegotiationError::AuthenticationFailed))?;
        }
        if !self.policy.accept_peer_identity(sa.remote.ip(), &identity) {
            return fail(NegotiationError::InvalidId);
        }
        sa.peer_identity = Some(identity);
        self.nat_discover(sa, &message, local, remote, None).map_err(Step::Fail)?;
        self.float(sa);
        let hash_i = {
            let keys = sa.derived_keys()?;
            keys.hash_i(&hash_inputs(sa), &sa.id_i_b).map_err(crypto)?
        };
        let mut am3 = Message::new(ExchangeType::Aggressive, sa.ckyi, sa.ckyr, 0).with(HashPayload::new(hash_i));
        let hash = sa.transform.and_then(|t| t.prf.hash()).ok_or(Step::Fail(NegotiationError::Local("hash")))?;
        // NAT-D over the addresses AM3 travels with (after the float), as strongSwan does.
        let nat_d = self.nat_d_payloads(sa, hash, sa.local, sa.remote).map_err(Step::Fail)?;
        am3.payloads.extend(nat_d);
        if let Some(n) = Self::initial_contact_payload(sa) {
            am3.push(n);
        }
        let bytes = if self.config.encrypt_aggressive_third {
            self.encrypt(sa, &am3, true).map_err(Step::Fail)?
        } else {
            am3.encode().map_err(local_err)?
        };
        sa.retx = None;
        self.answer(sa, ike, bytes, None);
        self.established(now, sa);
        Ok(())
    }

    fn on_am3(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        local: SocketAddr,
        remote: SocketAddr,
        ike: &[u8],
    ) -> Result<(), Step> {
        let header = Header::decode(ike).map_err(|e| Step::Ignore(DropReason::Malformed(e)))?;
        let (message, last_block) = if header.flags.encrypted() {
            match Self::decrypt(sa, ike, 0, true) {
                Ok(d) => (d.message, Some(d.last_block)),
                Err(NegotiationError::DecryptionFailed(e)) => return fail(NegotiationError::DecryptionFailed(e)),
                Err(_) => return ignore(DropReason::Unauthenticated),
            }
        } else {
            (Self::decode_cleartext(ike)?, None)
        };
        let received = need(message.hash())?.data.clone();
        {
            let keys = sa.derived_keys()?;
            keys.verify_hash_i(&hash_inputs(sa), &sa.id_i_b, &received)
                .map_err(|_| Step::Fail(NegotiationError::AuthenticationFailed))?;
        }
        if let (Some(block), Some(ivs)) = (last_block, sa.ivs.as_mut()) {
            ivs.commit(0, block);
        }
        // NAT-D over the addresses AM3 came with, or over the AM1 pair (RFC 3947 §4 leaves the
        // ports of a floated AM3 open; strongSwan hashes the new ones).
        let original = (sa.local, sa.remote);
        self.nat_discover(sa, &message, local, remote, Some(original)).map_err(Step::Fail)?;
        sa.local = local;
        sa.remote = remote;
        self.note_initial_contact(sa, &message);
        sa.retx = None;
        sa.answered = Some(Answered { request: ike.to_vec(), reply: None });
        self.established(now, sa);
        Ok(())
    }

    /// INITIAL-CONTACT in the last phase-1 message (RFC 2407 §4.6.3.3).
    fn note_initial_contact(&mut self, sa: &Phase1Sa, message: &Message) {
        if message.notifications().any(|n| n.notify_type == NotifyType::InitialContact) {
            self.actions.push(Action::InitialContact { keep: sa.id, peer: sa.remote.ip() });
        }
    }

    /// Phase 1 is complete.
    pub(crate) fn established(&mut self, now: Instant, sa: &mut Phase1Sa) {
        sa.state = P1State::Established;
        sa.retx = None;
        sa.dh = None;
        sa.deadline = sa.lifetime().duration().map(|d| now + d);
        sa.dpd.last_heard = now;
        sa.dpd.next_seq = self.rng.next_u32() & 0x7fff_ffff;
        let nat = sa.nat.status;
        let keepalive = nat.local_behind_nat || (self.config.nat_t.keepalive_when_peer_behind_nat && nat.any());
        sa.next_keepalive =
            if keepalive && sa.nat.numbering.is_some() { self.config.nat_t.keepalive.map(|d| now + d) } else { None };
        self.stats.phase1_established += 1;
        if let Some(info) = sa.info() {
            self.event(Event::Phase1Up(info));
        }
        if sa.announce_lifetime {
            self.announce_phase1_lifetime(sa);
        }
        if let Some(old) = sa.rekey_of.take() {
            self.actions.push(Action::ReplacePhase1 { old });
        }
        let delay = if sa.mode == Phase1Mode::Aggressive && sa.role == Role::Initiator {
            self.config.aggressive_quick_mode_delay
        } else {
            ipsec_core::Duration::ZERO
        };
        for p in &mut sa.pending {
            p.not_before = now + delay;
        }
    }

    /// RESPONDER-LIFETIME for the ISAKMP SA (RFC 2407 §4.6.3.1), when our lifetime is shorter
    /// than the initiator's (DESIGN §3.5).
    fn announce_phase1_lifetime(&mut self, sa: &mut Phase1Sa) {
        let lifetime = sa.lifetime();
        let mut attributes = Vec::new();
        for (t, v) in life_attributes(&lifetime) {
            attributes.push(Phase1Attribute::LifeType(t));
            attributes.push(Phase1Attribute::LifeDuration(v));
        }
        let Ok(data) = crate::wire::to_vec(crate::attribute::typed_len(&attributes), |w| {
            crate::attribute::encode_typed(&attributes, w)
        }) else {
            return;
        };
        let notify = NotificationPayload::new(
            NotifyType::ResponderLifetime,
            ProtocolId::Isakmp,
            crate::payload::isakmp_spi(&sa.ckyi, &sa.ckyr),
            data,
        );
        let _ = self.send_informational(sa, alloc::vec![Payload::Notification(notify)]);
    }

    /// Fails a phase-1 negotiation: sends the notification that names the failure
    /// (unprotected, RFC 2409 §5.7), keeps it to answer retransmissions, reports the failure
    /// and fails the Quick Modes that waited for the SA.
    pub(crate) fn fail_phase1(
        &mut self,
        now: Instant,
        sa: &mut Phase1Sa,
        error: NegotiationError,
        request: Option<&[u8]>,
    ) {
        let notify = match &error {
            NegotiationError::PeerRefused(_) | NegotiationError::Timeout | NegotiationError::Cancelled => None,
            e => e.notify_type(),
        };
        let reply = notify.and_then(|n| Self::unprotected_notify(sa.ckyi, sa.ckyr, n));
        if let Some(r) = &reply {
            self.send(sa.local, sa.remote, r);
        }
        if let Some(req) = request {
            self.tombstone(now, sa.ckyi, sa.local, sa.remote, Answered { request: req.to_vec(), reply });
        }
        self.stats.phase1_failed += 1;
        self.event(Event::Phase1Failed { id: sa.id, peer: sa.remote, role: sa.role, error });
        self.fail_pending(sa, &NegotiationError::Phase1Failed);
        self.fail_quick_all(sa);
        sa.dead = true;
    }
}

/// The inputs `HASH_I`/`HASH_R` share.
fn hash_inputs(sa: &Phase1Sa) -> Phase1HashInputs<'_> {
    Phase1HashInputs {
        g_xi: &sa.g_xi,
        g_xr: &sa.g_xr,
        initiator_cookie: &sa.ckyi,
        responder_cookie: &sa.ckyr,
        sa_i_b: &sa.sa_i_b,
    }
}

/// Life type/duration pairs of a lifetime, seconds first (RFC 2409 Appendix A).
pub(crate) fn life_attributes(lifetime: &Lifetime) -> Vec<(ipsec_core::registry::ikev1::LifeType, AttributeValue)> {
    use ipsec_core::registry::ikev1::LifeType;
    let mut out = Vec::new();
    if let Some(s) = lifetime.seconds {
        out.push((LifeType::Seconds, AttributeValue::from_u64(s)));
    }
    if let Some(k) = lifetime.kilobytes {
        out.push((LifeType::Kilobytes, AttributeValue::from_u64(k)));
    }
    out
}
