//! Identities: what an IKE peer says it is (phase-1 / `IKE_AUTH` ID) and, in IKEv1, the proxy
//! identities of quick mode.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

/// An identity as carried in an ID payload (RFC 2407 §4.6.2, RFC 7296 §3.5).
///
/// The subnet and range forms exist only in IKEv1 (proxy identities of quick mode); the
/// others are common to both versions. Types this crate does not model are kept as
/// [`Identity::Other`] with their type number and bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Identity {
    /// `ID_IPV4_ADDR`.
    Ipv4(Ipv4Addr),
    /// `ID_IPV6_ADDR`.
    Ipv6(Ipv6Addr),
    /// `ID_IPV4_ADDR_SUBNET`: address and netmask (IKEv1 only).
    Ipv4Subnet(Ipv4Addr, Ipv4Addr),
    /// `ID_IPV6_ADDR_SUBNET`: address and netmask (IKEv1 only).
    Ipv6Subnet(Ipv6Addr, Ipv6Addr),
    /// `ID_IPV4_ADDR_RANGE`: first and last address (IKEv1 only).
    Ipv4Range(Ipv4Addr, Ipv4Addr),
    /// `ID_IPV6_ADDR_RANGE`: first and last address (IKEv1 only).
    Ipv6Range(Ipv6Addr, Ipv6Addr),
    /// `ID_FQDN`: a host name (Cisco `crypto isakmp identity hostname`).
    Fqdn(String),
    /// `ID_USER_FQDN` (IKEv1) / `ID_RFC822_ADDR` (IKEv2): `user@domain`.
    UserFqdn(String),
    /// `ID_KEY_ID`: opaque bytes (Cisco `crypto isakmp identity key-id`).
    KeyId(Vec<u8>),
    /// `ID_DER_ASN1_DN`: a DER-encoded distinguished name.
    DerAsn1Dn(Vec<u8>),
    /// `ID_DER_ASN1_GN`: a DER-encoded general name.
    DerAsn1Gn(Vec<u8>),
    /// Any other type, kept as received (IKEv1 type numbers in [`Identity::from_ikev1`],
    /// IKEv2 numbers in [`Identity::from_ikev2`]).
    Other {
        /// The ID type number.
        id_type: u8,
        /// The identification data.
        data: Vec<u8>,
    },
}

/// Why identification data does not fit its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// The data length does not fit the type (e.g. five bytes for an IPv4 address).
    #[error("identification data of length {got} does not fit ID type {id_type}")]
    BadLength {
        /// The ID type number.
        id_type: u8,
        /// The length received.
        got: usize,
    },
    /// An FQDN or user FQDN that is not UTF-8.
    #[error("identification data of ID type {id_type} is not text")]
    NotText {
        /// The ID type number.
        id_type: u8,
    },
    /// The identity has no encoding in this IKE version (a subnet or range in IKEv2).
    #[error("identity has no encoding in this IKE version")]
    NotInVersion,
}

// ID type numbers: RFC 2407 §4.6.2.1 (IKEv1) and RFC 7296 §3.5 (IKEv2).
const V1_IPV4: u8 = 1;
const V1_FQDN: u8 = 2;
const V1_USER_FQDN: u8 = 3;
const V1_IPV4_SUBNET: u8 = 4;
const V1_IPV6: u8 = 5;
const V1_IPV6_SUBNET: u8 = 6;
const V1_IPV4_RANGE: u8 = 7;
const V1_IPV6_RANGE: u8 = 8;
const V1_DN: u8 = 9;
const V1_GN: u8 = 10;
const V1_KEY_ID: u8 = 11;
const V2_IPV4: u8 = 1;
const V2_FQDN: u8 = 2;
const V2_RFC822: u8 = 3;
const V2_IPV6: u8 = 5;
const V2_DN: u8 = 9;
const V2_GN: u8 = 10;
const V2_KEY_ID: u8 = 11;

fn v4(id_type: u8, data: &[u8]) -> Result<Ipv4Addr, IdentityError> {
    <[u8; 4]>::try_from(data).map(Ipv4Addr::from).map_err(|_| IdentityError::BadLength { id_type, got: data.len() })
}

fn v6(id_type: u8, data: &[u8]) -> Result<Ipv6Addr, IdentityError> {
    <[u8; 16]>::try_from(data).map(Ipv6Addr::from).map_err(|_| IdentityError::BadLength { id_type, got: data.len() })
}

fn pair<T>(
    id_type: u8,
    data: &[u8],
    half: usize,
    one: fn(u8, &[u8]) -> Result<T, IdentityError>,
) -> Result<(T, T), IdentityError> {
    if data.len() != 2 * half {
        return Err(IdentityError::BadLength { id_type, got: data.len() });
    }
    let (a, b) = data.split_at(half);
    Ok((one(id_type, a)?, one(id_type, b)?))
}

fn text(id_type: u8, data: &[u8]) -> Result<String, IdentityError> {
    core::str::from_utf8(data).map(String::from).map_err(|_| IdentityError::NotText { id_type })
}

impl Identity {
    /// Decodes IKEv1 identification data of ID type `id_type` (RFC 2407 §4.6.2).
    ///
    /// # Errors
    /// [`IdentityError`] when the data does not fit the type.
    pub fn from_ikev1(id_type: u8, data: &[u8]) -> Result<Self, IdentityError> {
        Ok(match id_type {
            V1_IPV4 => Self::Ipv4(v4(id_type, data)?),
            V1_IPV6 => Self::Ipv6(v6(id_type, data)?),
            V1_IPV4_SUBNET => {
                let (a, m) = pair(id_type, data, 4, v4)?;
                Self::Ipv4Subnet(a, m)
            }
            V1_IPV6_SUBNET => {
                let (a, m) = pair(id_type, data, 16, v6)?;
                Self::Ipv6Subnet(a, m)
            }
            V1_IPV4_RANGE => {
                let (a, b) = pair(id_type, data, 4, v4)?;
                Self::Ipv4Range(a, b)
            }
            V1_IPV6_RANGE => {
                let (a, b) = pair(id_type, data, 16, v6)?;
                Self::Ipv6Range(a, b)
            }
            V1_FQDN => Self::Fqdn(text(id_type, data)?),
            V1_USER_FQDN => Self::UserFqdn(text(id_type, data)?),
            V1_DN => Self::DerAsn1Dn(data.to_vec()),
            V1_GN => Self::DerAsn1Gn(data.to_vec()),
            V1_KEY_ID => Self::KeyId(data.to_vec()),
            _ => Self::Other { id_type, data: data.to_vec() },
        })
    }

    /// Decodes IKEv2 identification data of ID type `id_type` (RFC 7296 §3.5).
    ///
    /// # Errors
    /// [`IdentityError`] when the data does not fit the type.
    pub fn from_ikev2(id_type: u8, data: &[u8]) -> Result<Self, IdentityError> {
        Ok(match id_type {
            V2_IPV4 => Self::Ipv4(v4(id_type, data)?),
            V2_IPV6 => Self::Ipv6(v6(id_type, data)?),
            V2_FQDN => Self::Fqdn(text(id_type, data)?),
            V2_RFC822 => Self::UserFqdn(text(id_type, data)?),
            V2_DN => Self::DerAsn1Dn(data.to_vec()),
            V2_GN => Self::DerAsn1Gn(data.to_vec()),
            V2_KEY_ID => Self::KeyId(data.to_vec()),
            _ => Self::Other { id_type, data: data.to_vec() },
        })
    }

    /// The IKEv1 ID type number and identification data.
    #[must_use]
    pub fn to_ikev1(&self) -> (u8, Vec<u8>) {
        let cat = |a: &[u8], b: &[u8]| [a, b].concat();
        match self {
            Self::Ipv4(a) => (V1_IPV4, a.octets().to_vec()),
            Self::Ipv6(a) => (V1_IPV6, a.octets().to_vec()),
            Self::Ipv4Subnet(a, m) => (V1_IPV4_SUBNET, cat(&a.octets(), &m.octets())),
            Self::Ipv6Subnet(a, m) => (V1_IPV6_SUBNET, cat(&a.octets(), &m.octets())),
            Self::Ipv4Range(a, b) => (V1_IPV4_RANGE, cat(&a.octets(), &b.octets())),
            Self::Ipv6Range(a, b) => (V1_IPV6_RANGE, cat(&a.octets(), &b.octets())),
            Self::Fqdn(s) => (V1_FQDN, s.as_bytes().to_vec()),
            Self::UserFqdn(s) => (V1_USER_FQDN, s.as_bytes().to_vec()),
            Self::DerAsn1Dn(d) => (V1_DN, d.clone()),
            Self::DerAsn1Gn(d) => (V1_GN, d.clone()),
            Self::KeyId(d) => (V1_KEY_ID, d.clone()),
            Self::Other { id_type, data } => (*id_type, data.clone()),
        }
    }

    /// The IKEv2 ID type number and identification data.
    ///
    /// # Errors
    /// [`IdentityError::NotInVersion`] for the subnet and range forms.
    pub fn to_ikev2(&self) -> Result<(u8, Vec<u8>), IdentityError> {
        Ok(match self {
            Self::Ipv4(a) => (V2_IPV4, a.octets().to_vec()),
            Self::Ipv6(a) => (V2_IPV6, a.octets().to_vec()),
            Self::Fqdn(s) => (V2_FQDN, s.as_bytes().to_vec()),
            Self::UserFqdn(s) => (V2_RFC822, s.as_bytes().to_vec()),
            Self::DerAsn1Dn(d) => (V2_DN, d.clone()),
            Self::DerAsn1Gn(d) => (V2_GN, d.clone()),
            Self::KeyId(d) => (V2_KEY_ID, d.clone()),
            Self::Other { id_type, data } => (*id_type, data.clone()),
            Self::Ipv4Subnet(..) | Self::Ipv6Subnet(..) | Self::Ipv4Range(..) | Self::Ipv6Range(..) => {
                return Err(IdentityError::NotInVersion);
            }
        })
    }
}

impl fmt::Display for Identity {
    /// The address or name as an operator writes it; key ids and DNs in hex.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = |f: &mut fmt::Formatter<'_>, prefix: &str, d: &[u8]| {
            f.write_str(prefix)?;
            d.iter().try_for_each(|b| write!(f, "{b:02x}"))
        };
        match self {
            Self::Ipv4(a) => write!(f, "{a}"),
            Self::Ipv6(a) => write!(f, "{a}"),
            Self::Ipv4Subnet(a, m) => write!(f, "{a}/{m}"),
            Self::Ipv6Subnet(a, m) => write!(f, "{a}/{m}"),
            Self::Ipv4Range(a, b) => write!(f, "{a}-{b}"),
            Self::Ipv6Range(a, b) => write!(f, "{a}-{b}"),
            Self::Fqdn(s) | Self::UserFqdn(s) => f.write_str(s),
            Self::KeyId(d) => hex(f, "keyid:", d),
            Self::DerAsn1Dn(d) => hex(f, "dn:", d),
            Self::DerAsn1Gn(d) => hex(f, "gn:", d),
            Self::Other { id_type, data } => {
                write!(f, "id{id_type}:")?;
                hex(f, "", data)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ikev1_round_trip() {
        let ids = [
            Identity::Ipv4(Ipv4Addr::new(198, 51, 100, 1)),
            Identity::Ipv4Subnet(Ipv4Addr::new(10, 1, 0, 0), Ipv4Addr::new(255, 255, 255, 0)),
            Identity::Ipv6Range("2001:db8::1".parse().unwrap(), "2001:db8::9".parse().unwrap()),
            Identity::Fqdn("vpn.example.com".into()),
            Identity::UserFqdn("ops@example.com".into()),
            Identity::KeyId(alloc::vec![1, 2, 3]),
            Identity::Other { id_type: 200, data: alloc::vec![9] },
        ];
        for id in ids {
            let (t, d) = id.to_ikev1();
            assert_eq!(Identity::from_ikev1(t, &d).unwrap(), id);
        }
    }

    #[test]
    fn bad_lengths_are_errors() {
        assert_eq!(Identity::from_ikev1(1, &[1, 2, 3]), Err(IdentityError::BadLength { id_type: 1, got: 3 }));
        assert_eq!(Identity::from_ikev1(4, &[0; 7]), Err(IdentityError::BadLength { id_type: 4, got: 7 }));
        assert_eq!(Identity::from_ikev2(2, &[0xff]), Err(IdentityError::NotText { id_type: 2 }));
        assert_eq!(
            Identity::Ipv4Range(Ipv4Addr::LOCALHOST, Ipv4Addr::LOCALHOST).to_ikev2(),
            Err(IdentityError::NotInVersion)
        );
    }
}
