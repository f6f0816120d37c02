#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
//! Known-answer tests from real strongSwan 5.9.8 IKEv1 exchanges (see `fixtures/README.md`).
//!
//! Each fixture is a packet capture of the outside link plus the keys and hashes that the
//! initiator's charon logged (`ike=4 chd=4`). The tests start from the logged Diffie-Hellman
//! secrets, the pre-shared key and the captured datagrams only, and recompute with this crate:
//! `SKEYID`, `SKEYID_d/a/e`, the cipher key (with the RFC 2409 Appendix B expansion for 3DES over
//! MD5), every IV of the phase-1, quick-mode and informational chains, `HASH_I` and `HASH_R` over the
//! exact payload bodies, the quick-mode HASH(1)/(2)/(3) and informational hashes over the
//! decrypted messages, KEYMAT (with and without PFS) split into the ESP keys, and the NAT-D
//! hashes. Every message is decoded, and every message is re-encoded (and re-encrypted with
//! the same IV) to exactly the bytes strongSwan sent.

use std::net::{IpAddr, Ipv4Addr};

use ikev1::crypt::{DecryptedMessage, IvState, MessageCipher, Padding};
use ikev1::keys::{Phase1HashInputs, Phase1Keys, nat_discovery_hash, skeyid_pre_shared_key};
use ikev1::payload::{IdPayload, TransformAttributes};
use ikev1::transform::{IpsecTransform, Phase1Transform};
use ikev1::{Header, Message, Payload, vendor_id};
use ipsec_core::CryptoProvider;
use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::registry::ikev1::{
    AuthenticationMethod, EncapsulationMode, ExchangeType, NotifyType, PayloadType, ProtocolId,
};
use ipsec_core::types::{Identity, IkeSpi, Spi};

const PSK: &[u8] = b"ipx-interop-psk-0123456789";
const LEFT: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 1);
const RIGHT: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 2);

fn provider() -> &'static CryptoProvider {
    CryptoProvider::rustcrypto()
}

/// One captured IKE datagram.
struct Datagram {
    /// Sent by the initiator (strongSwan `left`, 198.51.100.1).
    from_initiator: bool,
    /// UDP source port.
    src_port: u16,
    /// The ISAKMP message (the non-ESP marker of port 4500 removed).
    ike: Vec<u8>,
}

/// Reads the IKE datagrams of a little-endian, microsecond, Ethernet pcap file.
fn read_pcap(bytes: &[u8]) -> Vec<Datagram> {
    assert_eq!(&bytes[..4], &[0xd4, 0xc3, 0xb2, 0xa1], "little-endian pcap");
    assert_eq!(u32::from_le_bytes(bytes[20..24].try_into().unwrap()), 1, "Ethernet link type");
    let mut out = Vec::new();
    let mut off = 24;
    while off < bytes.len() {
        let caplen = u32::from_le_bytes(bytes[off + 8..off + 12].try_into().unwrap()) as usize;
        let frame = &bytes[off + 16..off + 16 + caplen];
        off += 16 + caplen;
        assert_eq!(&frame[12..14], &[0x08, 0x00], "IPv4");
        let ip = &frame[14..];
        assert_eq!(ip[9], 17, "UDP");
        let ihl = usize::from(ip[0] & 0x0f) * 4;
        let src = Ipv4Addr::new(ip[12], ip[13], ip[14], ip[15]);
        let udp = &ip[ihl..];
        let src_port = u16::from_be_bytes([udp[0], udp[1]]);
        let dst_port = u16::from_be_bytes([udp[2], udp[3]]);
        let udp_len = usize::from(u16::from_be_bytes([udp[4], udp[5]]));
        let payload = &udp[8..udp_len];
        let ike = match ikev1::natt::classify(payload) {
            ikev1::natt::NatTDatagram::Ike(ike) if src_port == 4500 || dst_port == 4500 => ike.to_vec(),
            _ => payload.to_vec(),
        };
        out.push(Datagram { from_initiator: src == LEFT, src_port, ike });
    }
    out
}

/// The `label: hex` lines of a `.keys` fixture, in log order.
struct LoggedKeys(Vec<(String, Vec<u8>)>);

impl LoggedKeys {
    fn parse(text: &str) -> Self {
        Self(
            text.lines()
                .filter(|l| !l.is_empty())
                .map(|l| {
                    let (label, hex) = l.rsplit_once(": ").unwrap();
                    (label.to_owned(), hex_decode(hex))
                })
                .collect(),
        )
    }

    /// Every value logged under `label`, in order.
    fn all(&self, label: &str) -> Vec<&[u8]> {
        self.0.iter().filter(|(l, _)| l == label).map(|(_, v)| v.as_slice()).collect()
    }

    /// The only (or first) value logged under `label`.
    fn get(&self, label: &str) -> &[u8] {
        self.all(label).first().copied().unwrap_or_else(|| panic!("{label} not logged"))
    }
}

fn hex_decode(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// The body of the first payload of `payload_type` in a cleartext datagram.
fn cleartext_body(datagram: &[u8], payload_type: PayloadType) -> Vec<u8> {
    ikev1::cleartext_body(datagram, payload_type).unwrap().unwrap().to_vec()
}

/// Decodes a cleartext message and checks that it re-encodes to the same bytes.
fn decode_cleartext(datagram: &[u8]) -> Message {
    let message = Message::decode(datagram).unwrap();
    assert_eq!(message.encode().unwrap(), datagram, "re-encoding a cleartext message");
    message.check_payload_types().unwrap();
    message
}

/// Decrypts a message with the IV the state gives for its message ID, checks that
/// re-encrypting it with the same IV (strongSwan's padding) gives the same bytes, and commits
/// the chain. Returns the message and the IV that was used.
fn decrypt_and_commit(cipher: &MessageCipher, ivs: &mut IvState, datagram: &[u8]) -> DecryptedMessage {
    let header = Header::decode(datagram).unwrap();
    let iv = ivs.iv(header.message_id).unwrap();
    let decrypted = cipher.decrypt(datagram, &iv).unwrap();
    assert!(decrypted.padding > 0 && decrypted.padding <= cipher.block_len());
    let again = cipher.encrypt(&decrypted.message, &iv, Padding::ZerosAtLeastOne).unwrap();
    assert_eq!(again.datagram, datagram, "re-encrypting an encrypted message");
    assert_eq!(again.last_block, decrypted.last_block);
    decrypted.message.check_payload_types().unwrap();
    ivs.commit(header.message_id, decrypted.last_block);
    decrypted
}

/// The quick-mode shared exchange data needed by several checks.
struct QuickMode {
    message_id: u32,
    ni_b: Vec<u8>,
    nr_b: Vec<u8>,
    /// SPI of the initiator's proposal: the initiator's inbound SA.
    initiator_spi: Spi,
    /// SPI of the responder's proposal: the initiator's outbound SA.
    responder_spi: Spi,
    transform: IpsecTransform,
}

/// Runs the three quick-mode messages through decryption and the HASH(1)/(2)/(3) checks.
fn quick_mode(
    keys: &Phase1Keys,
    cipher: &MessageCipher,
    ivs: &mut IvState,
    logged: &LoggedKeys,
    datagrams: &[Datagram],
    pfs: bool,
) -> QuickMode {
    assert!(datagrams[0].from_initiator && !datagrams[1].from_initiator && datagrams[2].from_initiator);
    let message_id = Header::decode(&datagrams[0].ike).unwrap().message_id;
    let iv_log = logged.all(&format!("next IV for MID {message_id}"));
    assert_eq!(iv_log.len(), 4, "initial IV and one per message");
    assert_eq!(ivs.iv(message_id).unwrap().as_bytes(), iv_log[0], "hash(last phase-1 block | M-ID)");
    assert_eq!(ivs.initial_phase2_iv(message_id).unwrap().as_bytes(), iv_log[0]);

    // HASH(1) SA Ni [KE] IDci IDcr
    let qm1 = decrypt_and_commit(cipher, ivs, &datagrams[0].ike);
    assert_eq!(qm1.message.exchange, ExchangeType::QuickMode);
    assert_eq!(ivs.iv(message_id).unwrap().as_bytes(), iv_log[1]);
    let mut expected_types = vec![PayloadType::Hash, PayloadType::Sa, PayloadType::Nonce];
    if pfs {
        expected_types.push(PayloadType::KeyExchange);
    }
    expected_types.extend([PayloadType::Identification, PayloadType::Identification]);
    assert_eq!(qm1.message.payload_types().collect::<Vec<_>>(), expected_types);
    let hash1 = keys.message_hash(message_id, qm1.hashed_tail().unwrap()).unwrap();
    assert_eq!(hash1, logged.get("Hash(1)"));
    assert_eq!(qm1.message.hash().unwrap().data, hash1);
    keys.verify_message_hash(message_id, qm1.hashed_tail().unwrap(), &hash1).unwrap();
    assert!(keys.verify_message_hash(message_id ^ 1, qm1.hashed_tail().unwrap(), &hash1).is_err());
    // The tail of the decoded message, re-encoded, is the tail that was received.
    assert_eq!(qm1.message.hashed_tail().unwrap(), qm1.hashed_tail().unwrap());
    let ids: Vec<&IdPayload> = qm1.message.identifications().collect();
    assert_eq!(
        ids[0].identity,
        Identity::Ipv4Subnet(Ipv4Addr::new(10, 1, 0, 0), Ipv4Addr::new(255, 255, 255, 0)),
        "IDci"
    );
    assert_eq!(
        ids[1].identity,
        Identity::Ipv4Subnet(Ipv4Addr::new(10, 2, 0, 0), Ipv4Addr::new(255, 255, 255, 0)),
        "IDcr"
    );
    let ni_b = qm1.message.nonce().unwrap().data.clone();
    let proposal_i = &qm1.message.sa().unwrap().proposals[0];
    assert_eq!(proposal_i.protocol, ProtocolId::IpsecEsp);
    let initiator_spi = proposal_i.ipsec_spi().unwrap();

    // HASH(2) SA Nr [KE] IDci IDcr
    let iv = ivs.iv(message_id).unwrap();
    let qm2 = decrypt_and_commit(cipher, ivs, &datagrams[1].ike);
    assert_eq!(ivs.iv(message_id).unwrap().as_bytes(), iv_log[2]);
    assert_ne!(iv, ivs.iv(message_id).unwrap());
    let nr_b = qm2.message.nonce().unwrap().data.clone();
    let hash2 = keys.quick_mode_hash_2(message_id, &ni_b, qm2.hashed_tail().unwrap()).unwrap();
    assert_eq!(hash2, logged.get("Hash(2)"));
    assert_eq!(qm2.message.hash().unwrap().data, hash2);
    keys.verify_quick_mode_hash_2(message_id, &ni_b, qm2.hashed_tail().unwrap(), &hash2).unwrap();
    let sa_r = qm2.message.sa().unwrap();
    assert_eq!(sa_r.proposals.len(), 1, "the responder chose one proposal");
    let proposal_r = &sa_r.proposals[0];
    let responder_spi = proposal_r.ipsec_spi().unwrap();
    assert_eq!(proposal_r.transforms.len(), 1);
    let transform = IpsecTransform::from_transform(proposal_r.protocol, &proposal_r.transforms[0]).unwrap();
    // The offer the responder picked is one of the initiator's transforms.
    assert!(proposal_i.transforms.iter().any(|t| t.attributes == proposal_r.transforms[0].attributes));
    assert!(matches!(proposal_r.transforms[0].attributes, TransformAttributes::Ipsec(_)));
    // The harness's userspace ESP always runs UDP-encapsulated (RFC 3947 §5.1).
    assert_eq!(transform.mode, Some(EncapsulationMode::UdpEncapsulatedTunnel));
    assert_eq!(transform.group.is_some(), pfs);
    assert!(transform.lifetime.seconds.is_some());
    // The typed view re-encodes to the transform that was received.
    assert_eq!(transform.to_transform(proposal_r.transforms[0].number).unwrap().attributes.ipsec().len(), {
        proposal_r.transforms[0].attributes.ipsec().len()
    });

    // HASH(3)
    let qm3 = decrypt_and_commit(cipher, ivs, &datagrams[2].ike);
    assert_eq!(ivs.iv(message_id).unwrap().as_bytes(), iv_log[3]);
    assert_eq!(qm3.message.payload_types().collect::<Vec<_>>(), [PayloadType::Hash]);
    let hash3 = keys.quick_mode_hash_3(message_id, &ni_b, &nr_b).unwrap();
    assert_eq!(hash3, logged.get("Hash(3)"));
    assert_eq!(qm3.message.hash().unwrap().data, hash3);
    keys.verify_quick_mode_hash_3(message_id, &ni_b, &nr_b, &hash3).unwrap();
    ivs.forget(message_id);

    assert_eq!(initiator_spi.to_bytes(), logged.get("esp spi in"));
    assert_eq!(responder_spi.to_bytes(), logged.get("esp spi out"));
    QuickMode { message_id, ni_b, nr_b, initiator_spi, responder_spi, transform }
}

/// KEYMAT for both SAs, compared with strongSwan's seeds and ESP keys.
fn check_keymat(keys: &Phase1Keys, logged: &LoggedKeys, qm: &QuickMode, g_qm_xy: Option<&[u8]>) {
    // strongSwan logs the KEYMAT seeds: [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b.
    let seed = |spi: Spi| [g_qm_xy.unwrap_or_default(), &[3], &spi.to_bytes(), &qm.ni_b, &qm.nr_b].concat();
    assert_eq!(seed(qm.responder_spi), logged.get("initiator SA seed"));
    assert_eq!(seed(qm.initiator_spi), logged.get("responder SA seed"));

    // The initiator-to-responder SA is keyed with the SPI the responder chose.
    let outbound = keys.ipsec_sa_keys(&qm.transform, g_qm_xy, qm.responder_spi, &qm.ni_b, &qm.nr_b).unwrap();
    assert_eq!(outbound.encryption.expose(), logged.get("encryption initiator key"));
    assert_eq!(outbound.integrity.expose(), logged.get("integrity initiator key"));
    let inbound = keys.ipsec_sa_keys(&qm.transform, g_qm_xy, qm.initiator_spi, &qm.ni_b, &qm.nr_b).unwrap();
    assert_eq!(inbound.encryption.expose(), logged.get("encryption responder key"));
    assert_eq!(inbound.integrity.expose(), logged.get("integrity responder key"));

    // The raw KEYMAT is the two keys back to back.
    let raw = keys
        .keymat(
            g_qm_xy,
            ProtocolId::IpsecEsp,
            &qm.responder_spi.to_bytes(),
            &qm.ni_b,
            &qm.nr_b,
            qm.transform.keymat_len(),
        )
        .unwrap();
    assert_eq!(raw.expose(), [outbound.encryption.expose(), outbound.integrity.expose()].concat());
}

/// The informational exchanges of the teardown: a Delete of the ESP SA, then of the ISAKMP SA,
/// each with its own IV and `HASH(1) = prf(SKEYID_a, M-ID | D)`.
fn check_deletes(
    keys: &Phase1Keys,
    cipher: &MessageCipher,
    ivs: &mut IvState,
    logged: &LoggedKeys,
    datagrams: &[Datagram],
    qm: &QuickMode,
    cookies: (IkeSpi, IkeSpi),
) {
    let hashes = logged.all("Hash");
    assert_eq!(datagrams.len(), 2);
    for (i, d) in datagrams.iter().enumerate() {
        assert!(d.from_initiator);
        let header = Header::decode(&d.ike).unwrap();
        assert_eq!(header.exchange, ExchangeType::Informational);
        assert_ne!(header.message_id, qm.message_id);
        // strongSwan logs the IV of a one-message exchange once: hash(last phase-1 block | M-ID).
        let iv_log = logged.all(&format!("next IV for MID {}", header.message_id));
        assert_eq!(ivs.iv(header.message_id).unwrap().as_bytes(), iv_log[0]);
        let decrypted = decrypt_and_commit(cipher, ivs, &d.ike);
        ivs.forget(header.message_id);
        let tail = decrypted.hashed_tail().unwrap();
        let hash = keys.message_hash(header.message_id, tail).unwrap();
        assert_eq!(hash, hashes[i]);
        assert_eq!(decrypted.message.hash().unwrap().data, hash);
        let delete = decrypted.message.deletes().next().unwrap();
        if i == 0 {
            assert_eq!(delete.protocol, ProtocolId::IpsecEsp);
            assert_eq!(delete.ipsec_spis().collect::<Vec<_>>(), [qm.initiator_spi]);
        } else {
            assert_eq!(delete.protocol, ProtocolId::Isakmp);
            assert_eq!(delete.spi_size, 16);
            assert_eq!(delete.isakmp_cookies().collect::<Vec<_>>(), [cookies]);
        }
    }
}

/// NAT-D: the first hash of each peer's message is of the destination and must be right; the
/// harness's strongSwan fakes the second one to force UDP encapsulation (see the interop
/// README), so it is checked to differ.
fn check_nat_d(
    message: &Message,
    cookies: (IkeSpi, IkeSpi),
    prf: PrfAlgorithm,
    dst: Ipv4Addr,
    src: Ipv4Addr,
    port: u16,
) {
    let hash = prf.hash().unwrap();
    let nat_d: Vec<_> = message.nat_discovery().collect();
    assert_eq!(nat_d.len(), 2);
    let expected_dst = nat_discovery_hash(provider(), hash, &cookies.0, &cookies.1, IpAddr::V4(dst), port).unwrap();
    let expected_src = nat_discovery_hash(provider(), hash, &cookies.0, &cookies.1, IpAddr::V4(src), port).unwrap();
    assert_eq!(nat_d[0].hash, expected_dst);
    assert_ne!(nat_d[1].hash, expected_src, "strongSwan fakes a NAT (userspace ESP needs UDP encapsulation)");
}

fn check_logged_nat_d(logged: &LoggedKeys, prf: PrfAlgorithm) {
    // natd_chunk = CKY-I | CKY-R | IPv4 | port, natd_hash = HASH(natd_chunk).
    let chunks = logged.all("natd_chunk");
    let hashes = logged.all("natd_hash");
    assert!(!chunks.is_empty());
    for (chunk, hash) in chunks.iter().zip(hashes) {
        let cky_i = IkeSpi(chunk[..8].try_into().unwrap());
        let cky_r = IkeSpi(chunk[8..16].try_into().unwrap());
        let addr = Ipv4Addr::new(chunk[16], chunk[17], chunk[18], chunk[19]);
        let port = u16::from_be_bytes([chunk[20], chunk[21]]);
        let ours = nat_discovery_hash(provider(), prf.hash().unwrap(), &cky_i, &cky_r, IpAddr::V4(addr), port).unwrap();
        assert_eq!(ours, hash);
    }
}

/// Main Mode PSK (aes128-sha1-modp1024), Quick Mode with PFS (aes128-sha1, modp1024), two
/// informational Deletes.
#[test]
fn strongswan_main_mode_quick_mode_pfs() {
    let datagrams = read_pcap(include_bytes!("fixtures/main-mode-psk.pcap"));
    let logged = LoggedKeys::parse(include_str!("fixtures/main-mode-psk.keys"));
    assert_eq!(datagrams.len(), 11);
    let prf = PrfAlgorithm::HmacSha1;
    let aes128 = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);

    // MM1: SA and Vendor IDs.
    let mm1 = decode_cleartext(&datagrams[0].ike);
    assert_eq!(mm1.exchange, ExchangeType::IdentityProtection);
    assert!(mm1.responder_cookie.is_zero());
    assert!(mm1.has_vendor_id(&vendor_id::NAT_T_RFC3947));
    assert!(mm1.has_vendor_id(&vendor_id::DPD));
    assert!(mm1.has_vendor_id(&vendor_id::XAUTH));
    assert!(mm1.vendor_ids().any(|v| vendor_id::is_fragmentation(&v.data)));
    let offered = Phase1Transform::from_transform(&mm1.sa().unwrap().proposals[0].transforms[0]).unwrap();
    assert_eq!(offered.encryption, aes128);
    assert_eq!(offered.prf, prf);
    assert_eq!(offered.authentication, AuthenticationMethod::PreSharedKey);
    assert_eq!(offered.group, DhGroup::Modp1024);
    // The typed view gives back strongSwan's exact attributes.
    assert_eq!(offered.to_attributes().unwrap(), mm1.sa().unwrap().proposals[0].transforms[0].attributes.phase1());
    // SAi_b as sent, and as this crate re-encodes it.
    let sa_i_b = cleartext_body(&datagrams[0].ike, PayloadType::Sa);
    assert_eq!(Payload::Sa(mm1.sa().unwrap().clone()).body().unwrap(), sa_i_b);

    // MM2: the responder's choice and its cookie.
    let mm2 = decode_cleartext(&datagrams[1].ike);
    let cookies = (mm2.initiator_cookie, mm2.responder_cookie);
    assert_eq!(cookies.0, mm1.initiator_cookie);
    assert_eq!(Phase1Transform::from_transform(&mm2.sa().unwrap().proposals[0].transforms[0]).unwrap(), offered);

    // MM3/MM4: KE, nonces, NAT-D.
    let mm3 = decode_cleartext(&datagrams[2].ike);
    let mm4 = decode_cleartext(&datagrams[3].ike);
    let g_xi = mm3.key_exchange().unwrap().data.clone();
    let g_xr = mm4.key_exchange().unwrap().data.clone();
    assert_eq!(g_xi.len(), DhGroup::Modp1024.public_value_len());
    let ni_b = mm3.nonce().unwrap().data.clone();
    let nr_b = mm4.nonce().unwrap().data.clone();
    check_nat_d(&mm3, cookies, prf, RIGHT, LEFT, 500);
    check_nat_d(&mm4, cookies, prf, LEFT, RIGHT, 500);
    check_logged_nat_d(&logged, prf);

    // Keys from the logged g^xy and the pre-shared key.
    let g_xy = logged.get("shared Diffie Hellman secret");
    let skeyid = skeyid_pre_shared_key(provider(), prf, PSK, &ni_b, &nr_b).unwrap();
    assert_eq!(skeyid.expose(), logged.get("SKEYID"));
    let keys = Phase1Keys::derive(provider(), prf, aes128, skeyid, g_xy, &cookies.0, &cookies.1).unwrap();
    assert_eq!(keys.skeyid_d().expose(), logged.get("SKEYID_d"));
    assert_eq!(keys.skeyid_a().expose(), logged.get("SKEYID_a"));
    assert_eq!(keys.skeyid_e().expose(), logged.get("SKEYID_e"));
    assert_eq!(keys.encryption_key().expose(), logged.get("encryption key Ka"));
    let mut ivs = keys.iv_state(&g_xi, &g_xr).unwrap();
    assert_eq!(ivs.phase1().as_bytes(), logged.get("initial IV"));
    let cipher = keys.message_cipher().unwrap();
    let hash_inputs = Phase1HashInputs {
        g_xi: &g_xi,
        g_xr: &g_xr,
        initiator_cookie: &cookies.0,
        responder_cookie: &cookies.1,
        sa_i_b: &sa_i_b,
    };
    // strongSwan logs the `HASH_I` input: our parts concatenated.
    let id_log = &logged.get("HASH_I data")[g_xi.len() + g_xr.len() + 16 + sa_i_b.len()..];
    assert_eq!(logged.get("HASH_I data"), [&g_xi[..], &g_xr, &cookies.0.0, &cookies.1.0, &sa_i_b, id_log].concat());

    // MM5 (port 4500 after the NAT-T float): ID `HASH_I` N(INITIAL-CONTACT), encrypted.
    assert_eq!(datagrams[4].src_port, 4500);
    let mut replay_ivs = ivs.clone();
    let mm5 = decrypt_and_commit(&cipher, &mut ivs, &datagrams[4].ike);
    assert_eq!(ivs.phase1().as_bytes(), logged.all("next IV for MID 0")[0]);
    let id_ii_b = mm5.body_of(PayloadType::Identification).unwrap().unwrap().to_vec();
    assert_eq!(id_ii_b, id_log);
    let id_i = mm5.message.identifications().next().unwrap();
    assert_eq!(id_i.identity, Identity::Ipv4(LEFT));
    let hash_i = keys.hash_i(&hash_inputs, &id_ii_b).unwrap();
    assert_eq!(hash_i, logged.get("HASH_I"));
    assert_eq!(mm5.message.hash().unwrap().data, hash_i);
    keys.verify_hash_i(&hash_inputs, &id_ii_b, &hash_i).unwrap();
    assert!(keys.verify_hash_r(&hash_inputs, &id_ii_b, &hash_i).is_err());
    let notify = mm5.message.notifications().next().unwrap();
    assert_eq!(notify.notify_type, NotifyType::InitialContact);
    assert_eq!(notify.isakmp_cookies(), Some(cookies));

    // A corrupted copy of MM5 (one bit of the second ciphertext block flipped, which garbles
    // the `HASH_I` data) fails authentication, and the IV chain is untouched because only the
    // exchange commits it, after acceptance.
    let mut corrupted = datagrams[4].ike.clone();
    corrupted[ikev1::HEADER_LEN + 20] ^= 0x01;
    let iv = replay_ivs.iv(0).unwrap();
    // (The flip also lands in the next block's copy of a Next Payload field, so here the
    // decoder already refuses it; either way the message is not accepted.)
    if let Ok(forged) = cipher.decrypt(&corrupted, &iv) {
        let forged_id = forged.body_of(PayloadType::Identification).unwrap().unwrap_or_default();
        assert!(keys.verify_hash_i(&hash_inputs, forged_id, &forged.message.hash().unwrap().data).is_err());
    }
    assert_eq!(replay_ivs.iv(0).unwrap(), iv);
    replay_ivs.commit(0, mm5.last_block);
    assert_eq!(replay_ivs.phase1(), ivs.phase1());

    // MM6: ID `HASH_R`.
    let mm6 = decrypt_and_commit(&cipher, &mut ivs, &datagrams[5].ike);
    assert_eq!(ivs.phase1().as_bytes(), logged.all("next IV for MID 0")[1]);
    let id_ir_b = mm6.body_of(PayloadType::Identification).unwrap().unwrap().to_vec();
    let hash_r = keys.hash_r(&hash_inputs, &id_ir_b).unwrap();
    assert_eq!(hash_r, logged.get("HASH_R"));
    assert_eq!(mm6.message.hash().unwrap().data, hash_r);
    keys.verify_hash_r(&hash_inputs, &id_ir_b, &hash_r).unwrap();
    assert_eq!(mm6.message.identifications().next().unwrap().identity, Identity::Ipv4(RIGHT));

    // Quick Mode with PFS, KEYMAT, and the Deletes.
    let qm = quick_mode(&keys, &cipher, &mut ivs, &logged, &datagrams[6..9], true);
    assert_eq!(qm.transform.encryption, Some(aes128));
    assert_eq!(qm.transform.integrity, Some(IntegrityAlgorithm::HmacSha1_96));
    assert_eq!(qm.transform.group, Some(DhGroup::Modp1024));
    check_keymat(&keys, &logged, &qm, Some(logged.get("DH secret")));
    check_deletes(&keys, &cipher, &mut ivs, &logged, &datagrams[9..], &qm, cookies);
}

/// Aggressive Mode PSK (3des-md5-modp1024: the 24-byte 3DES key is the Appendix B expansion of
/// the 16-byte MD5 `SKEYID_e`), Quick Mode without PFS (3des-md5), two informational Deletes.
#[test]
fn strongswan_aggressive_mode_quick_mode() {
    let datagrams = read_pcap(include_bytes!("fixtures/aggressive-psk.pcap"));
    let logged = LoggedKeys::parse(include_str!("fixtures/aggressive-psk.keys"));
    assert_eq!(datagrams.len(), 8);
    let prf = PrfAlgorithm::HmacMd5;
    let tdes = EncryptionAlgorithm::TripleDesCbc;

    // AM1: SA KE Ni IDii and Vendor IDs.
    let am1 = decode_cleartext(&datagrams[0].ike);
    assert_eq!(am1.exchange, ExchangeType::Aggressive);
    let offered = Phase1Transform::from_transform(&am1.sa().unwrap().proposals[0].transforms[0]).unwrap();
    assert_eq!((offered.encryption, offered.prf, offered.group), (tdes, prf, DhGroup::Modp1024));
    let sa_i_b = cleartext_body(&datagrams[0].ike, PayloadType::Sa);
    let id_ii_b = cleartext_body(&datagrams[0].ike, PayloadType::Identification);
    assert_eq!(am1.identifications().next().unwrap().identity, Identity::Ipv4(LEFT));

    // AM2: SA KE Nr IDir `HASH_R` NAT-D NAT-D and Vendor IDs, in the clear.
    let am2 = decode_cleartext(&datagrams[1].ike);
    let cookies = (am2.initiator_cookie, am2.responder_cookie);
    let g_xi = am1.key_exchange().unwrap().data.clone();
    let g_xr = am2.key_exchange().unwrap().data.clone();
    let ni_b = am1.nonce().unwrap().data.clone();
    let nr_b = am2.nonce().unwrap().data.clone();
    let id_ir_b = cleartext_body(&datagrams[1].ike, PayloadType::Identification);
    check_nat_d(&am2, cookies, prf, LEFT, RIGHT, 500);
    check_logged_nat_d(&logged, prf);

    let g_xy = logged.get("shared Diffie Hellman secret");
    let skeyid = skeyid_pre_shared_key(provider(), prf, PSK, &ni_b, &nr_b).unwrap();
    assert_eq!(skeyid.expose(), logged.get("SKEYID"));
    let keys = Phase1Keys::derive(provider(), prf, tdes, skeyid, g_xy, &cookies.0, &cookies.1).unwrap();
    assert_eq!(keys.skeyid_d().expose(), logged.get("SKEYID_d"));
    assert_eq!(keys.skeyid_a().expose(), logged.get("SKEYID_a"));
    assert_eq!(keys.skeyid_e().expose(), logged.get("SKEYID_e"));
    assert_eq!(keys.skeyid_e().len(), 16);
    assert_eq!(keys.encryption_key().len(), 24, "RFC 2409 Appendix B expansion");
    assert_eq!(keys.encryption_key().expose(), logged.get("encryption key Ka"));
    let expanded = Phase1Keys::cipher_key(provider(), prf, tdes, keys.skeyid_e()).unwrap();
    assert_eq!(&expanded, keys.encryption_key());
    let mut ivs = keys.iv_state(&g_xi, &g_xr).unwrap();
    assert_eq!(ivs.phase1().as_bytes(), logged.get("initial IV"));
    assert_eq!(ivs.block_len(), 8);
    let cipher = keys.message_cipher().unwrap();

    let hash_inputs = Phase1HashInputs {
        g_xi: &g_xi,
        g_xr: &g_xr,
        initiator_cookie: &cookies.0,
        responder_cookie: &cookies.1,
        sa_i_b: &sa_i_b,
    };
    let hash_r = keys.hash_r(&hash_inputs, &id_ir_b).unwrap();
    assert_eq!(hash_r, logged.get("HASH_R"));
    assert_eq!(am2.hash().unwrap().data, hash_r);

    // AM3: `HASH_I` NAT-D NAT-D, which strongSwan encrypts.
    let am3_header = Header::decode(&datagrams[2].ike).unwrap();
    assert!(am3_header.flags.encrypted());
    let am3 = decrypt_and_commit(&cipher, &mut ivs, &datagrams[2].ike);
    assert_eq!(ivs.phase1().as_bytes(), logged.all("next IV for MID 0")[0]);
    let hash_i = keys.hash_i(&hash_inputs, &id_ii_b).unwrap();
    assert_eq!(hash_i, logged.get("HASH_I"));
    assert_eq!(am3.message.hash().unwrap().data, hash_i);
    // strongSwan has already floated to port 4500 when it sends AM3, and hashes that port.
    assert_eq!(datagrams[2].src_port, 4500);
    check_nat_d(&am3.message, cookies, prf, RIGHT, LEFT, 4500);

    let qm = quick_mode(&keys, &cipher, &mut ivs, &logged, &datagrams[3..6], false);
    assert_eq!(qm.transform.encryption, Some(tdes));
    assert_eq!(qm.transform.integrity, Some(IntegrityAlgorithm::HmacMd5_96));
    assert!(logged.all("DH secret").is_empty(), "no PFS");
    check_keymat(&keys, &logged, &qm, None);
    check_deletes(&keys, &cipher, &mut ivs, &logged, &datagrams[6..], &qm, cookies);
}

/// The logged keys are secrets: the crate's containers never print them.
#[test]
fn secrets_do_not_leak_through_debug() {
    let logged = LoggedKeys::parse(include_str!("fixtures/main-mode-psk.keys"));
    let skeyid = SecretBytes::from_slice(logged.get("SKEYID"));
    let keys = Phase1Keys::derive(
        provider(),
        PrfAlgorithm::HmacSha1,
        EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
        skeyid,
        logged.get("shared Diffie Hellman secret"),
        &IkeSpi([1; 8]),
        &IkeSpi([2; 8]),
    )
    .unwrap();
    let text = format!("{keys:?}");
    let hex: String = keys.skeyid().expose().iter().map(|b| format!("{b:02x}")).collect();
    assert!(!text.contains(&hex));
    assert!(!text.contains(&format!("{:?}", keys.skeyid().expose())));
    assert!(text.contains("redacted"));
}
