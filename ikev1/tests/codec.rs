#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
//! Hand-built wire examples: each error maps to the notification RFC 2408 §5 asks for, the
//! TV/TLV forms of attributes, the NAT-T draft numbers, the IPsec DOI notifications, the
//! typed transform views, padding and the IV state.

use std::net::{IpAddr, Ipv4Addr};

use hex_literal::hex;
use ikev1::attribute::{AttributeValue, ConfigAttribute, DataAttribute, IpsecAttribute, Phase1Attribute};
use ikev1::crypt::{Iv, IvState, MessageCipher, Padding};
use ikev1::keys::{IpsecSaKeys, split_keymat};
use ikev1::natt::{NatTDatagram, classify, with_non_esp_marker};
use ikev1::payload::{
    AttributePayload, DeletePayload, HashPayload, IdPayload, NatDPayload, NatOaPayload, NatTNumbering,
    NotificationPayload, ProposalPayload, SaPayload, TransformPayload, UnknownPayload,
};
use ikev1::transform::{IpsecTransform, Phase1Transform, TransformError};
use ikev1::{DecodeError, EncodeError, Flags, Header, Message, Payload, tail_after_hash};
use ipsec_core::CryptoProvider;
use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, GcmIcvLen, HashAlgorithm, IntegrityAlgorithm};
use ipsec_core::registry::ikev1::{
    AuthenticationMethod, ConfigAttributeType, ConfigMessageType, EncapsulationMode, EspTransformId, ExchangeType,
    IdType, LifeType, NotifyType, PayloadType, Phase1EncryptionAlgorithm, Phase1HashAlgorithm, ProtocolId,
};
use ipsec_core::types::{Identity, IkeSpi, Lifetime, Spi};

const CKY_I: IkeSpi = IkeSpi(hex!("0102030405060708"));
const CKY_R: IkeSpi = IkeSpi(hex!("1112131415161718"));

/// A header for a message of `len` bytes whose first payload is `next`.
fn header(next: u8, version: u8, flags: u8, len: u32) -> Vec<u8> {
    let mut h = Vec::new();
    h.extend_from_slice(&CKY_I.0);
    h.extend_from_slice(&CKY_R.0);
    h.extend_from_slice(&[next, version, 2, flags]);
    h.extend_from_slice(&0u32.to_be_bytes());
    h.extend_from_slice(&len.to_be_bytes());
    h
}

/// A message of `payloads` bytes after a header.
fn datagram(next: u8, payloads: &[u8]) -> Vec<u8> {
    let mut d = header(next, 0x10, 0, u32::try_from(28 + payloads.len()).unwrap());
    d.extend_from_slice(payloads);
    d
}

fn err(bytes: &[u8]) -> DecodeError {
    Message::decode(bytes).unwrap_err()
}

#[test]
fn header_errors_map_to_notifications() {
    assert_eq!(err(&[0; 27]).notify_type(), NotifyType::PayloadMalformed);
    let e = err(&header(0, 0x20, 0, 28));
    assert_eq!(e, DecodeError::InvalidMajorVersion { major: 2 });
    assert_eq!(e.notify_type(), NotifyType::InvalidMajorVersion);
    // Minor version 1 is accepted and kept.
    let m = Message::decode(&header(0, 0x11, 0, 28)).unwrap();
    assert_eq!(m.minor_version, 1);
    assert_eq!(m.encode().unwrap(), header(0, 0x11, 0, 28));
    // Length field disagreeing with the datagram, both ways.
    assert_eq!(err(&header(0, 0x10, 0, 29)).notify_type(), NotifyType::UnequalPayloadLengths);
    let mut long = header(0, 0x10, 0, 28);
    long.push(0);
    assert_eq!(err(&long), DecodeError::LengthMismatch { header: 28, datagram: 29 });
    // Bytes after the last payload of a cleartext message.
    let e = err(&datagram(13, &[0, 0, 0, 5, 0xaa, 0xbb]));
    assert_eq!(e, DecodeError::UnequalPayloadLengths { trailing: 1 });
    assert_eq!(e.notify_type(), NotifyType::UnequalPayloadLengths);
    // The E flag on a message decoded as cleartext.
    let e = err(&header(0, 0x10, 1, 28));
    assert_eq!(e, DecodeError::Encrypted);
    assert_eq!(e.notify_type(), NotifyType::InvalidFlags);
    // An empty message is valid.
    assert!(Message::decode(&header(0, 0x10, 0, 28)).unwrap().payloads.is_empty());
}

#[test]
fn payload_length_errors() {
    // Payload length below the generic header, and past the message.
    let e = err(&datagram(13, &[0, 0, 0, 3]));
    assert_eq!(e, DecodeError::PayloadLength { payload: PayloadType::VendorId, length: 3, available: 4 });
    assert_eq!(e.notify_type(), NotifyType::PayloadMalformed);
    assert!(matches!(err(&datagram(13, &[0, 0, 0, 9, 1, 2])), DecodeError::PayloadLength { length: 9, .. }));
    // A generic header cut short.
    assert_eq!(err(&datagram(13, &[0, 0])), DecodeError::Truncated { payload: PayloadType::VendorId });
    // A chain that says more payloads follow but ends.
    assert!(matches!(err(&datagram(13, &[13, 0, 0, 4])), DecodeError::Truncated { .. }));
    // Fields inside a body: a notification whose SPI size runs past the body.
    let n = [0, 0, 0, 12, 0, 0, 0, 1, 1, 16, 0x60, 0x02];
    assert_eq!(err(&datagram(11, &n)), DecodeError::Truncated { payload: PayloadType::Notification });
    // A delete whose SPIs do not fill the body, or run past it.
    let d = [0, 0, 0, 17, 0, 0, 0, 1, 3, 4, 0, 1, 1, 2, 3, 4, 5];
    assert_eq!(err(&datagram(12, &d)), DecodeError::TrailingBytes { payload: PayloadType::Delete, count: 1 });
    let d = [0, 0, 0, 16, 0, 0, 0, 1, 3, 4, 0, 2, 1, 2, 3, 4];
    assert_eq!(err(&datagram(12, &d)), DecodeError::Truncated { payload: PayloadType::Delete });
    // A variable attribute longer than its transform.
    let sa = hex!("00000020 00000001 00000001 00000014 01010001 0000000c 01010000 000e0004");
    assert_eq!(err(&datagram(1, &sa)), DecodeError::Truncated { payload: PayloadType::Transform });
}

/// A minimal phase-1 SA payload body with one transform, given the proposal's and the
/// transform's fields.
fn sa_body(doi: u32, situation: u32, transforms_declared: u8, transform_next: u8) -> Vec<u8> {
    let mut t = vec![transform_next, 0, 0, 12, 1, 1, 0, 0, 0x80, 0x01, 0x00, 0x07];
    let mut p = vec![0, 0, 0, u8::try_from(8 + t.len()).unwrap(), 1, 1, 0, transforms_declared];
    p.append(&mut t);
    let mut sa = Vec::new();
    sa.extend_from_slice(&doi.to_be_bytes());
    sa.extend_from_slice(&situation.to_be_bytes());
    sa.extend_from_slice(&p);
    sa
}

fn sa_payload(body: &[u8]) -> Vec<u8> {
    let mut p = vec![0, 0];
    p.extend_from_slice(&u16::try_from(4 + body.len()).unwrap().to_be_bytes());
    p.extend_from_slice(body);
    p
}

#[test]
fn sa_errors_map_to_notifications() {
    let ok = Message::decode(&datagram(1, &sa_payload(&sa_body(1, 1, 1, 0)))).unwrap();
    let proposal = &ok.sa().unwrap().proposals[0];
    assert_eq!(
        proposal.transforms[0].attributes.phase1(),
        [Phase1Attribute::EncryptionAlgorithm(Phase1EncryptionAlgorithm::AesCbc)]
    );

    let e = err(&datagram(1, &sa_payload(&sa_body(2, 1, 1, 0))));
    assert_eq!(e, DecodeError::DoiNotSupported { doi: 2 });
    assert_eq!(e.notify_type(), NotifyType::DoiNotSupported);
    let e = err(&datagram(1, &sa_payload(&sa_body(1, 3, 1, 0))));
    assert_eq!(e.notify_type(), NotifyType::SituationNotSupported);
    let e = err(&datagram(1, &sa_payload(&sa_body(1, 1, 2, 0))));
    assert_eq!(e.notify_type(), NotifyType::BadProposalSyntax);
    let e = err(&datagram(1, &sa_payload(&sa_body(1, 1, 1, 5))));
    assert_eq!(e.notify_type(), NotifyType::BadProposalSyntax);
    // An SA without proposals.
    let e = err(&datagram(1, &sa_payload(&hex!("00000001 00000001"))));
    assert_eq!(e.notify_type(), NotifyType::BadProposalSyntax);
}

#[test]
fn unknown_payloads_are_kept_and_reported() {
    // A vendor ID, then a payload of type 200, then a nonce.
    let bytes = datagram(13, &hex!("c8000006 aaaa 0a000005 bb 00000005 cc"));
    let m = Message::decode(&bytes).unwrap();
    assert_eq!(
        m.payload_types().collect::<Vec<_>>(),
        [PayloadType::VendorId, PayloadType::Unknown(200), PayloadType::Nonce]
    );
    assert_eq!(
        m.payloads[1],
        Payload::Unknown(UnknownPayload { payload_type: PayloadType::Unknown(200), body: vec![0xbb] })
    );
    assert_eq!(m.encode().unwrap(), bytes);
    let e = m.check_payload_types().unwrap_err();
    assert_eq!(e, DecodeError::InvalidPayloadType { payload_type: PayloadType::Unknown(200) });
    assert_eq!(e.notify_type(), NotifyType::InvalidPayloadType);
    // The notification to send back carries the offending type (RFC 2408 §5.1).
    let n = NotificationPayload::error(e.notify_type(), vec![200]);
    assert!(n.is_error());
    // A bare Proposal payload outside an SA is not modelled either.
    let m = Message::decode(&datagram(2, &hex!("00000004"))).unwrap();
    assert!(m.check_payload_types().is_err());
    // Nothing can encode a payload of type NONE.
    let bad = Message::new(ExchangeType::Informational, CKY_I, CKY_R, 1)
        .with(UnknownPayload { payload_type: PayloadType::None, body: vec![] });
    assert_eq!(bad.encode(), Err(EncodeError::NonePayloadType));
}

#[test]
fn identification_payloads() {
    // Phase-1 IPv4 identity with protocol UDP, port 500.
    let body = hex!("01 11 01f4 c6336401");
    let id = IdPayload::from_body(&body).unwrap();
    assert_eq!(id.identity, Identity::Ipv4(Ipv4Addr::new(198, 51, 100, 1)));
    assert_eq!((id.protocol, id.port), (17, 500));
    assert_eq!(id.id_type(), IdType::Ipv4Addr);
    assert_eq!(Payload::Identification(id).body().unwrap(), body);
    // Quick-mode subnet.
    let id = IdPayload::from_body(&hex!("04 00 0000 0a010000 ffffff00")).unwrap();
    assert_eq!(id.identity, Identity::Ipv4Subnet(Ipv4Addr::new(10, 1, 0, 0), Ipv4Addr::new(255, 255, 255, 0)));
    // Data that does not fit the type.
    let e = IdPayload::from_body(&hex!("01 00 0000 0a01")).unwrap_err();
    assert!(matches!(e, DecodeError::InvalidIdInformation(_)));
    assert_eq!(e.notify_type(), NotifyType::InvalidIdInformation);
    assert!(IdPayload::from_body(&hex!("01 00 00")).is_err());
}

#[test]
fn nat_t_payloads_in_both_numberings() {
    // NAT-D as 20 and as 130 (draft), NAT-OA as 21 and 131.
    let bytes = datagram(
        20,
        &hex!("82000008 01020304 15000008 05060708 8300000c 01000000 0a000001 0000000c 01000000 c0a80001"),
    );
    let m = Message::decode(&bytes).unwrap();
    let nat_d: Vec<_> = m.nat_discovery().collect();
    assert_eq!(nat_d[0].numbering, NatTNumbering::Rfc3947);
    assert_eq!(nat_d[1].numbering, NatTNumbering::Draft);
    let oa: Vec<_> = m.nat_original_addresses().collect();
    assert_eq!(
        oa[0],
        &NatOaPayload { address: IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)), numbering: NatTNumbering::Rfc3947 }
    );
    assert_eq!(oa[1].numbering, NatTNumbering::Draft);
    assert_eq!(oa[1].address, IpAddr::V4(Ipv4Addr::new(192, 168, 0, 1)));
    assert_eq!(m.encode().unwrap(), bytes, "the numbering is kept");
    assert_eq!(Payload::NatD(NatDPayload::new(vec![1])).payload_type(), PayloadType::NatDiscovery);
    // NAT-OA with an FQDN, or with a short address.
    let e = NatOaPayload::from_body(&hex!("02000000 61"), NatTNumbering::Rfc3947).unwrap_err();
    assert_eq!(e.notify_type(), NotifyType::InvalidIdInformation);
    assert!(NatOaPayload::from_body(&hex!("01000000 0a00"), NatTNumbering::Rfc3947).is_err());
    assert!(NatOaPayload::from_body(&hex!("01000000 0a000001 00"), NatTNumbering::Rfc3947).is_err());
}

#[test]
fn ipsec_doi_notifications() {
    let ic = NotificationPayload::initial_contact(&CKY_I, &CKY_R);
    let body = Payload::Notification(ic.clone()).body().unwrap();
    assert_eq!(body, [&hex!("00000001 01 10 6002")[..], &CKY_I.0, &CKY_R.0].concat());
    assert_eq!(NotificationPayload::from_body(&body).unwrap(), ic);
    assert_eq!(ic.isakmp_cookies(), Some((CKY_I, CKY_R)));
    assert!(!ic.is_error());

    let dpd = NotificationPayload::r_u_there(&CKY_I, &CKY_R, 0x01020304);
    assert_eq!(dpd.notify_type.value(), 36136);
    assert_eq!(dpd.dpd_sequence(), Some(0x01020304));
    let ack = NotificationPayload::r_u_there_ack(&CKY_I, &CKY_R, 7);
    assert_eq!((ack.notify_type, ack.dpd_sequence()), (NotifyType::RUThereAck, Some(7)));
    assert_eq!(ic.dpd_sequence(), None);

    // RESPONDER-LIFETIME with a 32-bit kilobyte lifetime in TLV form.
    let attributes = [
        IpsecAttribute::SaLifeType(LifeType::Seconds),
        IpsecAttribute::SaLifeDuration(AttributeValue::from_u64(3600)),
        IpsecAttribute::SaLifeType(LifeType::Kilobytes),
        IpsecAttribute::SaLifeDuration(AttributeValue::from_u64(4_608_000)),
    ];
    let rl = NotificationPayload::responder_lifetime(ProtocolId::IpsecEsp, Spi(0xc0ffee01), &attributes).unwrap();
    assert_eq!(rl.data, hex!("80010001 80020e10 80010002 00020004 00465000"));
    assert_eq!(rl.ipsec_spi(), Some(Spi(0xc0ffee01)));
    assert_eq!(rl.responder_lifetime_attributes().unwrap().unwrap(), attributes);
    assert!(ic.responder_lifetime_attributes().is_none());

    let replay =
        NotificationPayload::new(NotifyType::ReplayStatus, ProtocolId::IpsecEsp, vec![1, 2, 3, 4], vec![0, 0, 0, 1]);
    assert_eq!(replay.replay_status(), Some(true));
}

#[test]
fn delete_payloads() {
    let d = DeletePayload::isakmp(&CKY_I, &CKY_R);
    let body = Payload::Delete(d.clone()).body().unwrap();
    assert_eq!(body.len(), 8 + 16);
    assert_eq!(DeletePayload::from_body(&body).unwrap(), d);
    assert_eq!(d.isakmp_cookies().collect::<Vec<_>>(), [(CKY_I, CKY_R)]);

    let d = DeletePayload::ipsec(ProtocolId::IpsecEsp, &[Spi(1000), Spi(2000)]);
    let body = Payload::Delete(d.clone()).body().unwrap();
    assert_eq!(body, hex!("00000001 03 04 0002 000003e8 000007d0"));
    assert_eq!(d.ipsec_spis().collect::<Vec<_>>(), [Spi(1000), Spi(2000)]);

    let bad = DeletePayload { spi_size: 4, ..DeletePayload::isakmp(&CKY_I, &CKY_R) };
    assert_eq!(Payload::Delete(bad).body(), Err(EncodeError::BadDeleteSpis));
}

#[test]
fn attributes_in_tv_and_tlv_form() {
    assert_eq!(AttributeValue::from_u64(28800), AttributeValue::Basic(28800));
    assert_eq!(AttributeValue::from_u64(86400), AttributeValue::Variable(vec![0, 1, 0x51, 0x80]));
    assert_eq!(AttributeValue::from_u64(1 << 40), AttributeValue::Variable((1u64 << 40).to_be_bytes().to_vec()));
    assert_eq!(AttributeValue::Variable(vec![0, 0, 0, 0, 0, 0, 0x70, 0x80]).as_u64(), Some(28800));
    assert_eq!(AttributeValue::Variable(vec![]).as_u64(), None);
    assert_eq!(AttributeValue::Variable(vec![1; 9]).as_u64(), None);

    // A basic class in variable form stays raw; a variable class in basic form is typed.
    let t = TransformPayload::from_body(&hex!("01010000 00010002 0007 800c0e10"), ProtocolId::Isakmp).unwrap();
    assert_eq!(
        t.attributes.phase1(),
        [
            Phase1Attribute::Other(DataAttribute::variable(1, vec![0, 7])),
            Phase1Attribute::LifeDuration(AttributeValue::Basic(3600)),
        ]
    );
    // Attribute types above 0x7fff cannot be encoded.
    let bad = TransformPayload::key_ike(1, vec![Phase1Attribute::Other(DataAttribute::basic(0x8001, 1))]);
    let sa = SaPayload::new(vec![ProposalPayload::isakmp(1, vec![bad])]);
    assert_eq!(Payload::Sa(sa).body(), Err(EncodeError::BadAttribute));
}

#[test]
fn phase1_transform_view() {
    let transform = Phase1Transform {
        encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
        prf: ipsec_core::algorithm::PrfAlgorithm::HmacSha2_256,
        authentication: AuthenticationMethod::PreSharedKey,
        group: DhGroup::Modp2048,
        lifetime: Lifetime { seconds: Some(86_400), kilobytes: None, packets: None },
    };
    let payload = transform.to_transform(1).unwrap();
    let body = hex!("01010000 80010007 800e0100 80020004 8004000e 80030001 800b0001 000c0004 00015180");
    assert_eq!(
        Payload::Sa(SaPayload::new(vec![ProposalPayload::isakmp(1, vec![payload.clone()])])).body().unwrap()[20..],
        body
    );
    assert_eq!(Phase1Transform::from_transform(&payload).unwrap(), transform);

    use Phase1Attribute as A;
    let base = [
        A::EncryptionAlgorithm(Phase1EncryptionAlgorithm::TripleDesCbc),
        A::HashAlgorithm(Phase1HashAlgorithm::Md5),
        A::AuthenticationMethod(AuthenticationMethod::PreSharedKey),
    ];
    assert_eq!(Phase1Transform::from_attributes(&base), Err(TransformError::Missing("group description")));
    let mut custom = base.to_vec();
    custom.push(A::GroupDescription(ipsec_core::registry::ikev1::GroupDescription::Modp1024));
    let ok = Phase1Transform::from_attributes(&custom).unwrap();
    assert_eq!(ok.lifetime, Lifetime::UNLIMITED);
    custom.push(A::LifeDuration(AttributeValue::Basic(1)));
    let e = Phase1Transform::from_attributes(&custom).unwrap_err();
    assert_eq!(e, TransformError::BadLifetime);
    assert_eq!(e.notify_type(), NotifyType::BadProposalSyntax);
    custom.pop();
    custom.push(A::GroupPrime(AttributeValue::Variable(vec![0xff; 16])));
    assert_eq!(
        Phase1Transform::from_attributes(&custom).unwrap_err().notify_type(),
        NotifyType::AttributesNotSupported
    );
    // AES without a key length is AES-128; a key length AES does not have is unsupported.
    let aes = [
        A::EncryptionAlgorithm(Phase1EncryptionAlgorithm::AesCbc),
        A::KeyLength(100),
        A::HashAlgorithm(Phase1HashAlgorithm::Sha),
        A::AuthenticationMethod(AuthenticationMethod::PreSharedKey),
        A::GroupDescription(ipsec_core::registry::ikev1::GroupDescription::Modp1024),
    ];
    assert!(Phase1Transform::from_attributes(&aes).is_err());
    assert_eq!(
        Phase1Transform::from_attributes(&[&aes[..1], &aes[2..]].concat()).unwrap().encryption,
        EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128)
    );
}

#[test]
fn ipsec_transform_view_and_keymat_split() {
    let gcm = IpsecTransform {
        protocol: ProtocolId::IpsecEsp,
        encryption: Some(EncryptionAlgorithm::AesGcm(AesKeyLen::Aes256, GcmIcvLen::Icv16)),
        integrity: None,
        mode: Some(EncapsulationMode::Tunnel),
        group: Some(DhGroup::Ecp256),
        lifetime: Lifetime { seconds: Some(3600), kilobytes: Some(4_608_000), packets: None },
        esn: true,
    };
    let t = gcm.to_transform(1).unwrap();
    assert_eq!(t.transform_id, EspTransformId::AesGcm16.value());
    assert_eq!(IpsecTransform::from_transform(ProtocolId::IpsecEsp, &t).unwrap(), gcm);
    assert_eq!(gcm.keymat_len(), 36);

    let cbc = IpsecTransform {
        encryption: Some(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128)),
        integrity: Some(IntegrityAlgorithm::HmacSha2_256_128),
        esn: false,
        group: None,
        ..gcm
    };
    assert_eq!(cbc.keymat_len(), 16 + 32);
    let mut keymat = SecretBytes::new((0..48).collect());
    let IpsecSaKeys { encryption, integrity } = split_keymat(&mut keymat, cbc.encryption, cbc.integrity);
    assert_eq!(encryption.expose(), (0..16).collect::<Vec<u8>>());
    assert_eq!(integrity.expose(), (16..48).collect::<Vec<u8>>());

    let ah = IpsecTransform {
        protocol: ProtocolId::IpsecAh,
        encryption: None,
        integrity: Some(IntegrityAlgorithm::HmacSha1_96),
        ..cbc
    };
    let t = ah.to_transform(2).unwrap();
    assert_eq!(IpsecTransform::from_transform(ProtocolId::IpsecAh, &t).unwrap(), ah);
    assert_eq!(ah.keymat_len(), 20);
    assert_eq!(IpsecTransform::from_transform(ProtocolId::Isakmp, &t).unwrap_err(), TransformError::WrongKind);
    let phase1 = TransformPayload::key_ike(1, vec![]);
    assert_eq!(IpsecTransform::from_transform(ProtocolId::IpsecEsp, &phase1).unwrap_err(), TransformError::WrongKind);
}

#[test]
fn mode_config_attribute_payload() {
    let request = AttributePayload {
        message_type: ConfigMessageType::Request,
        identifier: 0x1234,
        attributes: vec![
            ConfigAttribute::request(ConfigAttributeType::InternalIp4Address),
            ConfigAttribute::request(ConfigAttributeType::InternalIp4Dns),
            ConfigAttribute { attribute_type: ConfigAttributeType::XauthType, value: AttributeValue::Basic(0) },
        ],
    };
    let body = Payload::Attribute(request.clone()).body().unwrap();
    assert_eq!(body, hex!("01001234 00010000 00030000 c0880000"));
    assert_eq!(AttributePayload::from_body(&body).unwrap(), request);
    let m = Message::new(ExchangeType::Transaction, CKY_I, CKY_R, 99)
        .with(HashPayload::new(vec![0; 20]))
        .with(request.clone());
    let decoded = Message::decode(&m.encode().unwrap()).unwrap();
    assert_eq!(decoded.attribute(), Some(&request));
}

#[test]
fn hashed_tail_requires_a_leading_hash() {
    let m = Message::new(ExchangeType::Informational, CKY_I, CKY_R, 5)
        .with(DeletePayload::ipsec(ProtocolId::IpsecEsp, &[Spi(300)]));
    assert_eq!(m.hashed_tail(), Err(EncodeError::MissingPayload));
    let chain = m.encode_payloads().unwrap();
    assert_eq!(tail_after_hash(PayloadType::Delete, &chain), Err(DecodeError::HashNotFirst));
    assert_eq!(DecodeError::HashNotFirst.notify_type(), NotifyType::InvalidHashInformation);
    let with_hash =
        Message { payloads: [vec![Payload::Hash(HashPayload::new(vec![7; 20]))], m.payloads.clone()].concat(), ..m };
    assert_eq!(with_hash.hashed_tail().unwrap(), chain);
    // Padding after the chain is not part of the tail.
    let mut padded = with_hash.encode_payloads().unwrap();
    padded.extend_from_slice(&[0; 7]);
    assert_eq!(tail_after_hash(PayloadType::Hash, &padded).unwrap(), chain);
}

#[test]
fn encode_into_caller_buffer() {
    let m = Message::new(ExchangeType::Informational, CKY_I, CKY_R, 5)
        .with(NotificationPayload::r_u_there(&CKY_I, &CKY_R, 1));
    let mut buf = [0u8; 128];
    let n = m.encode_into(&mut buf).unwrap();
    assert_eq!(&buf[..n], m.encode().unwrap());
    assert_eq!(m.encode_into(&mut buf[..n - 1]), Err(EncodeError::BufferTooSmall { needed: n, available: n - 1 }));
    assert!(m.encode_into(&mut buf[..10]).is_err());
    let h = Header::decode(&buf[..n]).unwrap();
    assert_eq!((h.exchange, h.message_id, h.length as usize), (ExchangeType::Informational, 5, n));
    assert_eq!(h.to_bytes(), buf[..28]);
}

#[test]
fn padding_styles_and_the_iv_state() {
    let provider = CryptoProvider::rustcrypto();
    let alg = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
    let key = SecretBytes::from_slice(&[0x42; 16]);
    let cipher = MessageCipher::new(provider, alg, &key).unwrap();
    let raw = provider.cipher.new_cipher(alg, key.expose()).unwrap();
    let iv = Iv::new(&[9; 16]).unwrap();
    // 12 bytes of payloads.
    let m = Message::new(ExchangeType::Informational, CKY_I, CKY_R, 5).with(HashPayload::new(vec![1; 8]));
    for (padding, pad) in [(Padding::Zeros, 4), (Padding::ZerosAtLeastOne, 4), (Padding::ZerosWithLength, 4)] {
        let sealed = cipher.encrypt(&m, &iv, padding).unwrap();
        let mut plain = sealed.datagram[28..].to_vec();
        raw.decrypt(iv.as_bytes(), &mut plain).unwrap();
        let expected_last = if padding == Padding::ZerosWithLength { pad } else { 0 };
        assert_eq!(plain[12..], [vec![0; pad - 1], vec![u8::try_from(expected_last).unwrap()]].concat());
        assert_eq!(cipher.decrypt(&sealed.datagram, &iv).unwrap().padding, pad);
    }
    // 16 bytes of payloads: no padding, or a whole block.
    let m = Message::new(ExchangeType::Informational, CKY_I, CKY_R, 5).with(HashPayload::new(vec![1; 12]));
    assert_eq!(cipher.encrypt(&m, &iv, Padding::Zeros).unwrap().datagram.len(), 28 + 16);
    assert_eq!(cipher.encrypt(&m, &iv, Padding::ZerosAtLeastOne).unwrap().datagram.len(), 28 + 32);
    let sealed = cipher.encrypt(&m, &iv, Padding::ZerosWithLength).unwrap();
    assert_eq!(cipher.decrypt(&sealed.datagram, &iv).unwrap().padding, 16);
    // Errors: wrong IV length, a cleartext message, a ciphertext that is not whole blocks.
    assert!(cipher.decrypt(&sealed.datagram, &Iv::new(&[0; 8]).unwrap()).is_err());
    assert!(cipher.decrypt(&m.encode().unwrap(), &iv).is_err());
    let mut short = sealed.datagram.clone();
    short.truncate(28 + 15);
    short[24..28].copy_from_slice(&43u32.to_be_bytes());
    assert!(matches!(
        cipher.decrypt(&short, &iv),
        Err(ikev1::crypt::CryptError::CiphertextLength { len: 15, block: 16 })
    ));
    assert!(MessageCipher::new(provider, EncryptionAlgorithm::AesCtr(AesKeyLen::Aes128), &key).is_err());

    // The IV state: phase 1 chains on committed blocks; each message ID has its own chain,
    // started from hash(phase-1 block | M-ID).
    let mut ivs = IvState::new(provider, HashAlgorithm::Sha1, alg, b"gxi", b"gxr").unwrap();
    let mut h = [0u8; 20];
    provider.hash.hash(HashAlgorithm::Sha1, &[b"gxigxr"], &mut h).unwrap();
    assert_eq!(ivs.iv(0).unwrap().as_bytes(), &h[..16]);
    let block = Iv::new(&[7; 16]).unwrap();
    ivs.commit(0, block);
    assert_eq!(ivs.iv(0).unwrap(), block);
    provider.hash.hash(HashAlgorithm::Sha1, &[&[7; 16], &5u32.to_be_bytes()], &mut h).unwrap();
    assert_eq!(ivs.iv(5).unwrap().as_bytes(), &h[..16]);
    ivs.commit(5, Iv::new(&[8; 16]).unwrap());
    assert_eq!(ivs.iv(5).unwrap().as_bytes(), &[8; 16]);
    assert_eq!(ivs.iv(6).unwrap(), ivs.initial_phase2_iv(6).unwrap());
    ivs.forget(5);
    assert_eq!(ivs.iv(5).unwrap().as_bytes(), &h[..16]);
    // Many exchanges: the oldest chains are dropped, the newest kept.
    for id in 1..200 {
        ivs.commit(id, Iv::new(&[id as u8; 16]).unwrap());
    }
    assert_eq!(ivs.iv(199).unwrap().as_bytes(), &[199; 16]);
    assert_eq!(ivs.iv(1).unwrap(), ivs.initial_phase2_iv(1).unwrap());
    assert!(format!("{ivs:?}").contains("IvState"));
}

#[test]
fn nat_t_framing() {
    let ike = Message::new(ExchangeType::Informational, CKY_I, CKY_R, 1).encode().unwrap();
    let framed = with_non_esp_marker(&ike);
    assert_eq!(classify(&framed), NatTDatagram::Ike(&ike));
    assert_eq!(classify(&[0xff]), NatTDatagram::Keepalive);
    assert_eq!(classify(&[0, 0, 1, 0, 5]), NatTDatagram::Esp(&[0, 0, 1, 0, 5]));
    assert_eq!(classify(&[0, 0]), NatTDatagram::Invalid);
}

#[test]
fn flags() {
    let f = Flags::ENCRYPTION.with(Flags::COMMIT);
    assert!(f.encrypted() && f.commit() && !f.contains(Flags::AUTHENTICATION_ONLY));
    assert_eq!(f.without(Flags::ENCRYPTION), Flags::COMMIT);
}

#[test]
fn nat_d_hash_for_ipv4_and_ipv6() {
    use ikev1::keys::nat_discovery_hash;
    let provider = CryptoProvider::rustcrypto();
    let v6: std::net::Ipv6Addr = "2001:db8::1".parse().unwrap();
    let ours = nat_discovery_hash(provider, HashAlgorithm::Sha256, &CKY_I, &CKY_R, IpAddr::V6(v6), 4500).unwrap();
    let mut expected = [0u8; 32];
    let input = [&CKY_I.0[..], &CKY_R.0, &v6.octets(), &4500u16.to_be_bytes()].concat();
    assert_eq!(input.len(), 8 + 8 + 16 + 2);
    provider.hash.hash(HashAlgorithm::Sha256, &[&input], &mut expected).unwrap();
    assert_eq!(ours, expected);
    let v4 = nat_discovery_hash(provider, HashAlgorithm::Md5, &CKY_I, &CKY_R, IpAddr::V4(Ipv4Addr::LOCALHOST), 500);
    assert_eq!(v4.unwrap().len(), 16);
}

#[test]
fn skeyid_for_public_key_encryption() {
    use ikev1::keys::skeyid_public_key_encryption;
    use ipsec_core::algorithm::PrfAlgorithm;
    let provider = CryptoProvider::rustcrypto();
    // prf(hash(Ni_b | Nr_b), CKY-I | CKY-R) (RFC 2409 §5).
    let skeyid = skeyid_public_key_encryption(provider, PrfAlgorithm::HmacSha1, b"ni", b"nr", &CKY_I, &CKY_R).unwrap();
    let mut key = [0u8; 20];
    provider.hash.hash(HashAlgorithm::Sha1, &[b"ninr"], &mut key).unwrap();
    let mac = provider.mac.new_mac(PrfAlgorithm::HmacSha1.mac(), &key).unwrap();
    let mut expected = [0u8; 20];
    mac.compute(&[&CKY_I.0, &CKY_R.0], &mut expected).unwrap();
    assert_eq!(skeyid.expose(), expected);
    assert!(skeyid_public_key_encryption(provider, PrfAlgorithm::AesXcbcPrf128, b"", b"", &CKY_I, &CKY_R).is_err());
}
