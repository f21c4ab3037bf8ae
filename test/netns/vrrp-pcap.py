#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Print one line per VRRP packet, gratuitous ARP and neighbour
advertisement in a pcap (Ethernet) file, with every field a test asserts
and whether the VRRP checksum is valid:

  af=4 src=192.0.2.1 dst=224.0.0.18 ttl=255 v=2 type=1 vrid=51 prio=150
  n=1 int=100 auth=1 pass=secret csum=ok addrs=192.0.2.100

int is in centiseconds for both versions (v2 seconds * 100).  For v3 over
IPv4, csum=ok means the pseudo-header form (RFC 5798, keepalived's
default), csum=plain the RFC 9568 message-only form.  ARP and NA lines:

  garp op=1 smac=.. sha=.. spa=192.0.2.100 tha=ff:.. tpa=192.0.2.100
  na smac=.. src=2001:db8::100 dst=ff02::1 hlim=255 r=1 s=0 o=1
  target=2001:db8::100 tlla=..
"""
import ipaddress
import struct
import sys


def csum(data, start=0):
    if len(data) % 2:
        data += b"\0"
    s = start + sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def pseudo_sum(src, dst, length, proto):
    if len(src) == 4:
        data = src + dst + struct.pack("!BBH", 0, proto, length)
    else:
        data = src + dst + struct.pack("!IxxxB", length, proto)
    return sum(struct.unpack("!%dH" % (len(data) // 2), data))


def vrrp_line(af, src, dst, ttl, msg):
    ver, typ = msg[0] >> 4, msg[0] & 15
    vrid, prio, n = msg[1], msg[2], msg[3]
    alen = 4 if af == 4 else 16
    f = ["af=%d" % af, "src=%s" % ipaddress.ip_address(src),
         "dst=%s" % ipaddress.ip_address(dst), "ttl=%d" % ttl,
         "v=%d" % ver, "type=%d" % typ, "vrid=%d" % vrid,
         "prio=%d" % prio, "n=%d" % n]
    body = msg[:8 + n * alen + (8 if ver == 2 else 0)]
    if ver == 2:
        f.append("int=%d" % (msg[5] * 100))
        f.append("auth=%d" % msg[4])
        pw = body[-8:].rstrip(b"\0").decode("latin-1")
        f.append("pass=%s" % (pw or "-"))
        ok = csum(body) == 0
        f.append("csum=%s" % ("ok" if ok else "bad"))
    else:
        f.append("int=%d" % (((msg[4] & 15) << 8) | msg[5]))
        ps = pseudo_sum(src, dst, len(body), 112)
        if csum(body, ps) == 0:
            f.append("csum=ok")
        elif af == 4 and csum(body) == 0:
            f.append("csum=plain")
        else:
            f.append("csum=bad")
    addrs = [str(ipaddress.ip_address(body[8 + i * alen:8 + (i + 1) * alen]))
             for i in range(n)]
    f.append("addrs=" + ",".join(addrs))
    return " ".join(f)


def main(path):
    with open(path, "rb") as fh:
        data = fh.read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        frame = data[off + 16:off + 16 + incl]
        off += 16 + incl
        if linktype == 1:
            etype, pkt = struct.unpack("!H", frame[12:14])[0], frame[14:]
        elif linktype == 113:
            etype, pkt = struct.unpack("!H", frame[14:16])[0], frame[16:]
        else:
            continue
        smac = ":".join("%02x" % b for b in frame[6:12])
        if etype == 0x0806 and len(pkt) >= 28:
            mac = lambda b: ":".join("%02x" % x for x in b)
            print("garp op=%d smac=%s sha=%s spa=%s tha=%s tpa=%s" % (
                struct.unpack("!H", pkt[6:8])[0], smac, mac(pkt[8:14]),
                ipaddress.ip_address(pkt[14:18]), mac(pkt[18:24]),
                ipaddress.ip_address(pkt[24:28])))
        elif (etype == 0x86DD and len(pkt) >= 72 and pkt[6] == 58
              and pkt[40] == 136):
            na = pkt[40:]
            tlla = "-"
            if len(na) >= 32 and na[24] == 2:
                tlla = ":".join("%02x" % b for b in na[26:32])
            print("na smac=%s src=%s dst=%s hlim=%d r=%d s=%d o=%d "
                  "target=%s tlla=%s" % (
                      smac, ipaddress.ip_address(pkt[8:24]),
                      ipaddress.ip_address(pkt[24:40]), pkt[7],
                      na[4] >> 7, (na[4] >> 6) & 1, (na[4] >> 5) & 1,
                      ipaddress.ip_address(na[8:24]), tlla))
        elif etype == 0x0800 and len(pkt) >= 20 and pkt[9] == 112:
            ihl = (pkt[0] & 15) * 4
            tot = struct.unpack("!H", pkt[2:4])[0]
            print(vrrp_line(4, pkt[12:16], pkt[16:20], pkt[8],
                            pkt[ihl:tot]))
        elif etype == 0x86DD and len(pkt) >= 40 and pkt[6] == 112:
            plen = struct.unpack("!H", pkt[4:6])[0]
            print(vrrp_line(6, pkt[8:24], pkt[24:40], pkt[7],
                            pkt[40:40 + plen]))


if __name__ == "__main__":
    main(sys.argv[1])
