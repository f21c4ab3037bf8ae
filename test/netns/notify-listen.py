#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# A stand-in for systemd's notification socket: bind an AF_UNIX datagram
# socket at PATH and append each message to OUT as one line, its
# newline-separated assignments joined by '|'.  Exits after SECONDS at most.
import socket
import sys
import time

path, out, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
deadline = time.monotonic() + seconds
with open(out, "a", buffering=1) as f:
    f.write("LISTENING\n")
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            msg = sock.recv(4096)
        except socket.timeout:
            break
        f.write(msg.decode("utf-8", "replace").strip().replace("\n", "|") +
                "\n")
