#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
//! Property tests of the codec: every payload and whole messages round-trip through the
//! encoder and decoder, decoding arbitrary or mutated bytes never panics, and what decodes
//! re-encodes to something that decodes to the same value. Encryption round-trips with every
//! padding.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ikev1::attribute::{
    AttributeValue, ConfigAttribute, DataAttribute, IpsecAttribute, Phase1Attribute, TypedAttribute,
};
use ikev1::crypt::{Iv, MessageCipher, Padding};
use ikev1::payload::{
    AttributePayload, CertificatePayload, CertificateRequestPayload, DeletePayload, FragmentPayload, HashPayload,
    IdPayload, KePayload, NatDPayload, NatOaPayload, NatTNumbering, NoncePayload, NotificationPayload, ProposalPayload,
    SaPayload, SignaturePayload, TransformAttributes, TransformPayload, UnknownPayload, VendorIdPayload,
};
use ikev1::transform::{IpsecTransform, Phase1Transform};
use ikev1::{Flags, Header, Message, Payload, RawPayloads, decode_chain, tail_after_hash};
use ipsec_core::CryptoProvider;
use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm};
use ipsec_core::registry::ikev1::{
    CertificateEncoding, ConfigMessageType, ExchangeType, NotifyType, PayloadType, ProtocolId,
};
use ipsec_core::types::{Identity, IkeSpi};
use proptest::prelude::*;

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..=max)
}

fn attribute_value() -> impl Strategy<Value = AttributeValue> {
    prop_oneof![any::<u16>().prop_map(AttributeValue::Basic), bytes(24).prop_map(AttributeValue::Variable)]
}

/// Raw attributes with types mostly in the assigned ranges, so that every typed variant shows up.
fn data_attribute() -> impl Strategy<Value = DataAttribute> {
    (prop_oneof![3 => 0u16..20, 1 => 0u16..=0x7fff], attribute_value())
        .prop_map(|(attribute_type, value)| DataAttribute { attribute_type, value })
}

fn phase1_attribute() -> impl Strategy<Value = Phase1Attribute> {
    data_attribute().prop_map(Phase1Attribute::from_raw)
}

fn ipsec_attribute() -> impl Strategy<Value = IpsecAttribute> {
    data_attribute().prop_map(IpsecAttribute::from_raw)
}

fn config_attribute() -> impl Strategy<Value = ConfigAttribute> {
    (prop_oneof![0u16..20, 16520u16..16530, 28672u16..28683, 0u16..=0x7fff], attribute_value())
        .prop_map(|(t, value)| ConfigAttribute::from_raw(DataAttribute { attribute_type: t, value }))
}

fn protocol() -> impl Strategy<Value = ProtocolId> {
    prop_oneof![1u8..=4, any::<u8>()].prop_map(ProtocolId::from_value)
}

fn transform(protocol: ProtocolId) -> BoxedStrategy<TransformPayload> {
    let attributes = if protocol == ProtocolId::Isakmp {
        prop::collection::vec(phase1_attribute(), 0..6).prop_map(TransformAttributes::Phase1).boxed()
    } else {
        prop::collection::vec(ipsec_attribute(), 0..6).prop_map(TransformAttributes::Ipsec).boxed()
    };
    (any::<u8>(), any::<u8>(), attributes)
        .prop_map(|(number, transform_id, attributes)| TransformPayload { number, transform_id, attributes })
        .boxed()
}

fn proposal() -> impl Strategy<Value = ProposalPayload> {
    (any::<u8>(), protocol(), bytes(17)).prop_flat_map(|(number, protocol, spi)| {
        prop::collection::vec(transform(protocol), 1..4).prop_map(move |transforms| ProposalPayload {
            number,
            protocol,
            spi: spi.clone(),
            transforms,
        })
    })
}

fn sa() -> impl Strategy<Value = SaPayload> {
    (prop::collection::vec(proposal(), 1..4), prop_oneof![Just(1u32), Just(0u32), Just(9u32)])
        .prop_map(|(proposals, situation)| SaPayload { doi: 1, situation, proposals })
}

fn identity() -> impl Strategy<Value = Identity> {
    let v4 = any::<[u8; 4]>().prop_map(Ipv4Addr::from);
    let v6 = any::<[u8; 16]>().prop_map(Ipv6Addr::from);
    prop_oneof![
        v4.clone().prop_map(Identity::Ipv4),
        v6.clone().prop_map(Identity::Ipv6),
        (v4.clone(), v4.clone()).prop_map(|(a, m)| Identity::Ipv4Subnet(a, m)),
        (v6.clone(), v6.clone()).prop_map(|(a, m)| Identity::Ipv6Subnet(a, m)),
        (v4.clone(), v4).prop_map(|(a, b)| Identity::Ipv4Range(a, b)),
        (v6.clone(), v6).prop_map(|(a, b)| Identity::Ipv6Range(a, b)),
        "[a-z0-9.-]{0,30}".prop_map(Identity::Fqdn),
        "[a-z]{1,8}@[a-z.]{1,12}".prop_map(Identity::UserFqdn),
        bytes(20).prop_map(Identity::KeyId),
        bytes(40).prop_map(Identity::DerAsn1Dn),
        bytes(20).prop_map(Identity::DerAsn1Gn),
        (prop_oneof![Just(0u8), 12u8..=255], bytes(20)).prop_map(|(id_type, data)| Identity::Other { id_type, data }),
    ]
}

fn numbering() -> impl Strategy<Value = NatTNumbering> {
    prop_oneof![Just(NatTNumbering::Rfc3947), Just(NatTNumbering::Draft)]
}

/// Payload types that the codec keeps raw (never NONE, which ends the chain).
fn unknown_type() -> impl Strategy<Value = PayloadType> {
    prop_oneof![2u8..=3, 15u8..=19, 22u8..=129, 133u8..=255].prop_map(PayloadType::from_value)
}

fn payload() -> impl Strategy<Value = Payload> {
    prop_oneof![
        sa().prop_map(Payload::Sa),
        bytes(64).prop_map(|d| Payload::KeyExchange(KePayload::new(d))),
        (identity(), any::<u8>(), any::<u16>())
            .prop_map(|(identity, protocol, port)| Payload::Identification(IdPayload { identity, protocol, port })),
        (any::<u8>(), bytes(40)).prop_map(|(e, data)| Payload::Certificate(CertificatePayload {
            encoding: CertificateEncoding::from_value(e),
            data
        })),
        (any::<u8>(), bytes(40)).prop_map(|(e, authority)| Payload::CertificateRequest(CertificateRequestPayload {
            cert_type: CertificateEncoding::from_value(e),
            authority
        })),
        bytes(64).prop_map(|d| Payload::Hash(HashPayload::new(d))),
        bytes(64).prop_map(|d| Payload::Signature(SignaturePayload::new(d))),
        bytes(64).prop_map(|d| Payload::Nonce(NoncePayload::new(d))),
        (any::<u32>(), any::<u8>(), bytes(20), any::<u16>(), bytes(30)).prop_map(|(doi, p, spi, t, data)| {
            Payload::Notification(NotificationPayload {
                doi,
                protocol: ProtocolId::from_value(p),
                spi,
                notify_type: NotifyType::from_value(t),
                data,
            })
        }),
        (any::<u32>(), any::<u8>(), 0u8..=17, 0usize..5).prop_flat_map(|(doi, p, size, n)| {
            prop::collection::vec(prop::collection::vec(any::<u8>(), usize::from(size)), n).prop_map(move |spis| {
                Payload::Delete(DeletePayload { doi, protocol: ProtocolId::from_value(p), spi_size: size, spis })
            })
        }),
        bytes(32).prop_map(|d| Payload::VendorId(VendorIdPayload::new(d))),
        (any::<u8>(), any::<u16>(), prop::collection::vec(config_attribute(), 0..6)).prop_map(
            |(t, identifier, attributes)| Payload::Attribute(AttributePayload {
                message_type: ConfigMessageType::from_value(t),
                identifier,
                attributes
            })
        ),
        (bytes(48), numbering()).prop_map(|(hash, numbering)| Payload::NatD(NatDPayload { hash, numbering })),
        (
            prop_oneof![
                any::<[u8; 4]>().prop_map(|a| IpAddr::V4(a.into())),
                any::<[u8; 16]>().prop_map(|a| IpAddr::V6(a.into()))
            ],
            numbering()
        )
            .prop_map(|(address, numbering)| Payload::NatOa(NatOaPayload { address, numbering })),
        (any::<u16>(), any::<u8>(), any::<u8>(), bytes(40)).prop_map(|(fragment_id, number, flags, data)| {
            Payload::Fragment(FragmentPayload { fragment_id, number, flags, data })
        }),
        (unknown_type(), bytes(40))
            .prop_map(|(payload_type, body)| Payload::Unknown(UnknownPayload { payload_type, body })),
    ]
}

fn message() -> impl Strategy<Value = Message> {
    (
        any::<[u8; 8]>(),
        any::<[u8; 8]>(),
        any::<u8>(),
        any::<u8>(),
        any::<u32>(),
        0u8..16,
        prop::collection::vec(payload(), 0..6),
    )
        .prop_map(|(i, r, exchange, flags, message_id, minor_version, payloads)| Message {
            initiator_cookie: IkeSpi(i),
            responder_cookie: IkeSpi(r),
            exchange: ExchangeType::from_value(exchange),
            flags: Flags(flags).without(Flags::ENCRYPTION),
            message_id,
            minor_version,
            payloads,
        })
}

/// Decoding `bytes` as a message must not panic; what decodes must re-encode to bytes that
/// decode to the same message, and those bytes are a fixed point.
fn decode_is_stable(bytes: &[u8]) {
    if let Ok(m) = Message::decode(bytes) {
        let again = m.encode().unwrap();
        let m2 = Message::decode(&again).unwrap();
        assert_eq!(m2, m);
        assert_eq!(m2.encode().unwrap(), again);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Every payload kind: body → decode → the same payload.
    #[test]
    fn payload_round_trip(p in payload()) {
        let body = p.body().unwrap();
        prop_assert_eq!(body.len() + 4, p.encoded_len());
        prop_assert_eq!(Payload::from_body(p.payload_type(), &body).unwrap(), p);
    }

    /// Whole messages: encode → decode → the same message, and the encoder's output is a fixed
    /// point (`encode(decode(x)) == x`).
    #[test]
    fn message_round_trip(m in message()) {
        let bytes = m.encode().unwrap();
        prop_assert_eq!(bytes.len(), m.encoded_len());
        let decoded = Message::decode(&bytes).unwrap();
        prop_assert_eq!(&decoded, &m);
        prop_assert_eq!(decoded.encode().unwrap(), bytes.clone());
        // The caller-buffer encoder writes the same bytes and refuses a short buffer.
        let mut buf = vec![0u8; bytes.len() + 7];
        prop_assert_eq!(m.encode_into(&mut buf).unwrap(), bytes.len());
        prop_assert_eq!(&buf[..bytes.len()], &bytes[..]);
        prop_assert!(m.encode_into(&mut buf[..bytes.len() - 1]).is_err());
        // The raw view sees the same chain.
        let header = Header::decode(&bytes).unwrap();
        let raw: Vec<_> = RawPayloads::new(header.next_payload, &bytes[28..]).map(Result::unwrap).collect();
        prop_assert_eq!(raw.len(), m.payloads.len());
        for (r, p) in raw.iter().zip(&m.payloads) {
            prop_assert_eq!(r.payload_type, p.payload_type());
            prop_assert_eq!(r.body, &p.body().unwrap()[..]);
        }
    }

    /// The hashed tail of a message that starts with HASH is what the decoder finds after it.
    #[test]
    fn hashed_tail_matches_wire(hash in bytes(32), rest in prop::collection::vec(payload(), 0..4)) {
        let mut m = Message::new(ExchangeType::QuickMode, IkeSpi([1; 8]), IkeSpi([2; 8]), 7);
        m.push(HashPayload::new(hash));
        m.payloads.extend(rest);
        let bytes = m.encode().unwrap();
        let tail = tail_after_hash(PayloadType::Hash, &bytes[28..]).unwrap();
        prop_assert_eq!(tail, &m.hashed_tail().unwrap()[..]);
    }

    /// Arbitrary bytes never make the decoders panic.
    #[test]
    fn arbitrary_bytes_never_panic(data in bytes(300), t in any::<u8>()) {
        decode_is_stable(&data);
        let _ = Header::decode(&data);
        let _ = Payload::from_body(PayloadType::from_value(t), &data);
        let _ = decode_chain(PayloadType::from_value(t), &data);
        let _ = tail_after_hash(PayloadType::from_value(t), &data);
        let _ = RawPayloads::new(PayloadType::from_value(t), &data).count();
        for protocol in [ProtocolId::Isakmp, ProtocolId::IpsecEsp, ProtocolId::IpsecAh] {
            if let Ok(t) = TransformPayload::from_body(&data, protocol) {
                let _ = Phase1Transform::from_transform(&t);
                let _ = IpsecTransform::from_transform(protocol, &t);
            }
        }
        if let Ok(Payload::Notification(n)) = Payload::from_body(PayloadType::Notification, &data) {
            let _ = n.responder_lifetime_attributes();
            let _ = n.dpd_sequence();
        }
    }

    /// Arbitrary bytes behind a valid header (so that the payload parsers are reached).
    #[test]
    fn arbitrary_payloads_never_panic(first in any::<u8>(), body in bytes(300)) {
        let m = Message::new(ExchangeType::IdentityProtection, IkeSpi([1; 8]), IkeSpi::ZERO, 0);
        let mut bytes = m.encode().unwrap();
        bytes[16] = first;
        bytes.extend_from_slice(&body);
        let len = u32::try_from(bytes.len()).unwrap();
        bytes[24..28].copy_from_slice(&len.to_be_bytes());
        decode_is_stable(&bytes);
    }

    /// Valid messages with bytes flipped, inserted or cut: no panic, and stable when they decode.
    #[test]
    fn mutated_messages_never_panic(
        m in message(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let bytes = m.encode().unwrap();
        let mut flipped = bytes.clone();
        for (i, x) in &flips {
            let i = i.index(flipped.len());
            flipped[i] ^= x;
        }
        decode_is_stable(&flipped);
        let mut cut_bytes = bytes[..cut.index(bytes.len())].to_vec();
        decode_is_stable(&cut_bytes);
        // Keep the header length consistent so that the payload decoders see the cut.
        if cut_bytes.len() >= 28 {
            let len = u32::try_from(cut_bytes.len()).unwrap();
            cut_bytes[24..28].copy_from_slice(&len.to_be_bytes());
            decode_is_stable(&cut_bytes);
        }
    }

    /// Encrypt → decrypt gives the message back (with the E flag), for each padding and both
    /// block sizes; garbage ciphertext never panics.
    #[test]
    fn encryption_round_trip(
        m in message(),
        key in any::<[u8; 32]>(),
        iv in any::<[u8; 16]>(),
        aes in any::<bool>(),
        padding in prop_oneof![Just(Padding::Zeros), Just(Padding::ZerosAtLeastOne), Just(Padding::ZerosWithLength)],
        garbage in bytes(100),
    ) {
        let provider = CryptoProvider::rustcrypto();
        let (alg, key_len) = if aes {
            (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256), 32)
        } else {
            (EncryptionAlgorithm::TripleDesCbc, 24)
        };
        let cipher = MessageCipher::new(provider, alg, &SecretBytes::from_slice(&key[..key_len])).unwrap();
        let iv = Iv::new(&iv[..cipher.block_len()]).unwrap();
        if m.payloads.is_empty() {
            prop_assert!(cipher.encrypt(&m, &iv, padding).is_err());
            return Ok(());
        }
        let sealed = cipher.encrypt(&m, &iv, padding).unwrap();
        let header = Header::decode(&sealed.datagram).unwrap();
        prop_assert!(header.flags.encrypted());
        prop_assert_eq!((sealed.datagram.len() - 28) % cipher.block_len(), 0);
        prop_assert!(matches!(Message::decode(&sealed.datagram), Err(ikev1::DecodeError::Encrypted)));
        let opened = cipher.decrypt(&sealed.datagram, &iv).unwrap();
        prop_assert_eq!(opened.last_block, sealed.last_block);
        let mut expected = m.clone();
        expected.flags = expected.flags.with(Flags::ENCRYPTION);
        prop_assert_eq!(&opened.message, &expected);
        prop_assert_eq!(opened.payloads, m.encode_payloads().unwrap());
        let unpadded = m.payloads_len() % cipher.block_len() == 0;
        match padding {
            Padding::Zeros => prop_assert!(opened.padding < cipher.block_len() && (opened.padding == 0) == unpadded),
            _ => prop_assert!(opened.padding >= 1 && opened.padding <= cipher.block_len()),
        }

        // Random ciphertext behind the same header: errors, never panics.
        let mut forged = sealed.datagram[..28].to_vec();
        forged.extend_from_slice(&garbage);
        let len = u32::try_from(forged.len()).unwrap();
        forged[24..28].copy_from_slice(&len.to_be_bytes());
        let _ = cipher.decrypt(&forged, &iv);
    }
}
