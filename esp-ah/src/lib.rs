//! The IPsec data path: ESP (RFC 4303) and AH (RFC 4302) security associations.
#![no_std]
#![forbid(unsafe_code)]
