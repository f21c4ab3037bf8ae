#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A real server for the checker tests, steered by a state file.

check-server.py ADDR PORT STATEFILE [CERT KEY BADCERT BADKEY]

Each connection reads STATEFILE (one word) and answers accordingly:
  ok       200, body "Hello, lvsd!\\n" (Content-Length)
  chunked  200, the same body chunked
  500      500 Internal Server Error
  body     200, another body (its digest differs)
  hang     accept, read the request, never answer
  badcert  (TLS) ok, but the handshake uses BADCERT
With CERT and KEY the server speaks TLS.
"""
import socket
import ssl
import sys
import threading
import time

addr, port, state = sys.argv[1], int(sys.argv[2]), sys.argv[3]
tls = None
if len(sys.argv) > 4:
    good = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    good.load_cert_chain(sys.argv[4], sys.argv[5])
    bad = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    bad.load_cert_chain(sys.argv[6], sys.argv[7])
    tls = (good, bad)

    def log_sni(sock, name, ctx):
        print("sni=%s on %s:%d" % (name, addr, port), file=sys.stderr,
              flush=True)
    good.sni_callback = log_sni
    bad.sni_callback = log_sni

BODY = b"Hello, lvsd!\n"


def mode():
    try:
        with open(state) as f:
            return f.read().strip()
    except OSError:
        return "ok"


def serve(conn):
    m = mode()
    try:
        if tls is not None:
            conn = tls[1 if m == "badcert" else 0].wrap_socket(
                conn, server_side=True)
        conn.settimeout(10)
        req = b""
        while b"\r\n\r\n" not in req:
            chunk = conn.recv(4096)
            if not chunk:
                return
            req += chunk
        if m == "hang":
            time.sleep(30)
            return
        if m == "500":
            resp = (b"HTTP/1.1 500 Internal Server Error\r\n"
                    b"Content-Length: 5\r\nConnection: close\r\n\r\nerror")
        elif m == "body":
            other = b"Changed body\n"
            resp = (b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n"
                    b"Connection: close\r\n\r\n" % len(other)) + other
        elif m == "chunked":
            resp = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                    b"Connection: close\r\n\r\n5\r\nHello\r\n8\r\n, lvsd!\n"
                    b"\r\n0\r\n\r\n")
        else:
            resp = (b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n"
                    b"Connection: close\r\n\r\n" % len(BODY)) + BODY
        conn.sendall(resp)
    except (OSError, ssl.SSLError):
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind((addr, port))
srv.listen(64)
while True:
    c, _ = srv.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
