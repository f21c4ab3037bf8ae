#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A real server for TCP_CHECK in a test namespace: accept and close on
ADDRESS:PORT until killed."""
import socket
import sys

s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen(64)
while True:
    c, _ = s.accept()
    c.close()
