#!/usr/bin/env python3
"""Independent AH implementation for esp-ah's AH oracle test (tests/oracle_scapy_ah.rs).

Reads cases from argv[1], one per line: ``case`` followed by ``key=value`` fields (hex for
bytes). For each case it

1. verifies and removes AH from ``wire`` (the packet esp-ah produced) and checks that the
   result is ``plain``;
2. protects ``plain`` itself with the same SA and sequence number, and reports the packet as
   ``theirs`` for esp-ah to verify.

Writes one result line per case to argv[2]: ``<id> ok|fail <reason> <theirs-hex or ->``.

HMAC cases use scapy 2.8's ``SecurityAssociation(AH, ...)``, which zeroes the mutable IPv4
fields and options and the IPv6 traffic class, flow label, hop limit and mutable option data,
and puts a type 0 routing header in its final order when sending (RFC 4302 §3.3.3.1,
Appendix A). Known faults worked around here (shared/spec/oracles.md):

* scapy verifies a received routing header as it is, without rearranging it: a packet whose
  type 0 routing header still has segments left is first "routed" here (destination and
  addresses swapped hop by hop, as RFC 8200 §4.4 routers do) before scapy verifies it, and
  the plaintext it must match is routed the same way;
* no ESN inference (the high bits are given) and ``seq_num``/``esn`` fall back to the SA's
  counters when 0 (the SA's own counters are set instead);
* no AES-XCBC-MAC (the Rust side skips it) and no AES-GMAC for AH: GMAC cases (RFC 4543 §4)
  are computed here with the ``cryptography`` package's AES-GCM over the packet zeroed by
  scapy's ``zero_mutable_fields``: the AH Authentication Data is the 8-byte IV followed by the
  16-byte tag, the nonce is salt || IV, the AAD is the whole packet with the tag (not the IV)
  zeroed, followed by the ESN high bits.
"""

import struct
import sys

from scapy.all import IP, IPv6, raw
from scapy.layers.inet6 import IPv6ExtHdrRouting
from scapy.layers.ipsec import AH, SecurityAssociation, split_for_transport, zero_mutable_fields

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# The case format, the IP class choice and the result loop are the ESP oracle's.
from scapy_oracle import ip_class, run_cases


def arrive(data):
    """The packet as its final destination sees it: a type 0 routing header with segments
    left is processed hop by hop (RFC 8200 §4.4)."""
    if data[0] >> 4 != 6:
        return data
    pkt = IPv6(data)
    rt = pkt.getlayer(IPv6ExtHdrRouting)
    if rt is None or rt.type != 0 or rt.segleft == 0:
        return data
    addrs = list(rt.addresses)
    n = len(addrs)
    while rt.segleft > 0:
        i = n - rt.segleft
        addrs[i], pkt.dst = pkt.dst, addrs[i]
        rt.segleft -= 1
    rt.addresses = addrs
    return raw(pkt)


def make_sa(c, seq):
    kw = dict(spi=int(c["spi"]), seq_num=seq & 0xFFFFFFFF, auth_algo=c["auth"], auth_key=bytes.fromhex(c["key"]))
    if c["esn"] == "1":
        kw["esn_en"] = True
        kw["esn"] = seq >> 32
    if c["mode"] == "tunnel":
        kw["tunnel_header"] = IP(src=c["src"], dst=c["dst"]) if c["family"] == "4" else IPv6(src=c["src"], dst=c["dst"])
    sa = SecurityAssociation(AH, **kw)
    sa.seq_num = seq & 0xFFFFFFFF
    sa.esn = seq >> 32
    return sa


def hmac_case(c):
    seq = int(c["seq"])
    plain = bytes.fromhex(c["plain"])
    wire = arrive(bytes.fromhex(c["wire"]))
    sa = make_sa(c, seq)
    got = raw(sa.decrypt(ip_class(wire)(wire)))
    if got != arrive(plain):
        return "fail", "decrypt-mismatch:" + got.hex(), None
    sa = make_sa(c, seq)
    theirs = raw(sa.encrypt(ip_class(plain)(plain)))
    return "ok", "-", theirs


def gmac_tag(c, pkt, seq, sending):
    """The GMAC tag of the AH packet `pkt` (a scapy packet whose AH Authentication Data holds
    the IV; the tag bytes may be anything)."""
    keymat = bytes.fromhex(c["key"])
    key, salt = keymat[:-4], keymat[-4:]
    data = raw(pkt)
    ah_at = len(data) - len(raw(pkt[AH]))
    iv = data[ah_at + 12 : ah_at + 20]
    zeroed = bytearray(raw(zero_mutable_fields(pkt.copy(), sending=sending)))
    # scapy zeroes the whole Authentication Data; the IV is not an ICV and stays.
    zeroed[ah_at + 12 : ah_at + 20] = iv
    aad = bytes(zeroed)
    if c["esn"] == "1":
        aad += struct.pack("!I", seq >> 32)
    return AESGCM(key).encrypt(salt + iv, b"", aad), ah_at, iv


def gmac_case(c):
    seq = int(c["seq"])
    plain = bytes.fromhex(c["plain"])
    wire = arrive(bytes.fromhex(c["wire"]))
    # 1. Verify ours.
    pkt = ip_class(wire)(wire)
    tag, ah_at, _ = gmac_tag(c, pkt, seq, sending=False)
    if wire[ah_at + 20 : ah_at + 36] != tag:
        return "fail", "gmac-tag", None
    ah = pkt[AH]
    if ah.spi != int(c["spi"]) or ah.seq != seq & 0xFFFFFFFF:
        return "fail", "header", None
    # 2. Build theirs: AH after the header (transport) or a new outer header (tunnel),
    #    IV = a value of our own choosing, then the tag.
    inner = ip_class(plain)(plain)
    if c["mode"] == "tunnel":
        outer = IP(src=c["src"], dst=c["dst"]) if c["family"] == "4" else IPv6(src=c["src"], dst=c["dst"])
        inner = outer.__class__(raw(outer / inner))
    header, nh, payload = split_for_transport(inner, 51)
    iv = struct.pack("!Q", seq ^ 0x0123456789ABCDEF)
    ah = AH(nh=nh, spi=int(c["spi"]), seq=seq & 0xFFFFFFFF, icv=iv + bytes(16))
    if header.version == 6:
        ah.padding = bytes(4)
    ah.payloadlen = len(ah) // 4 - 2
    if header.version == 4:
        header.len = len(header) + len(ah) + len(payload)
        del header.chksum
        header = header.__class__(raw(header))
    else:
        header.plen = len(header.payload) + len(ah) + len(payload)
    pkt = header / ah / payload
    pkt = pkt.__class__(raw(pkt))
    tag, ah_at, _ = gmac_tag(c, pkt, seq, sending=True)
    out = bytearray(raw(pkt))
    out[ah_at + 20 : ah_at + 36] = tag
    return "ok", "-", bytes(out)


def main():
    run_cases(lambda c: gmac_case(c) if c["auth"] == "GMAC" else hmac_case(c))


if __name__ == "__main__":
    main()
