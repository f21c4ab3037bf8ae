#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A UDP real server for the checker tests, steered by a state file.

check-udp-server.py ADDR PORT STATEFILE dns|echo

dns:  answers every query with one A record (state "ok"), NXDOMAIN
      ("nx") or nothing ("hang").
echo: answers "ok " + the request ("ok"), "no " + it ("bad"), nothing
      ("hang").
"""
import socket
import struct
import sys

addr, port, state, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def mode():
    try:
        with open(state) as f:
            return f.read().strip()
    except OSError:
        return "ok"


def dns_answer(q, m):
    if len(q) < 12:
        return None
    qid, flags, qd = struct.unpack("!HHH", q[:6])
    off = 12
    while off < len(q) and q[off] != 0:
        off += 1 + q[off]
    question = q[12:off + 5]
    if m == "nx":
        return struct.pack("!HHHHHH", qid, 0x8183, 1, 0, 0, 0) + question
    rr = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + \
        socket.inet_aton("192.0.2.53")
    return struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0) + question + rr


s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((addr, port))
while True:
    data, peer = s.recvfrom(2048)
    m = mode()
    if m == "hang":
        continue
    if kind == "dns":
        resp = dns_answer(data, m)
    else:
        resp = (b"ok " if m == "ok" else b"no ") + data
    if resp:
        s.sendto(resp, peer)
