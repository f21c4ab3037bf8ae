#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write a keepalived-syntax config with VS virtual servers of RS real
servers each, every real server with a TCP_CHECK: gen-lvs-config.py VS RS"""
import sys

n_vs, n_rs = int(sys.argv[1]), int(sys.argv[2])
out = ["global_defs {\n router_id bench\n}\n"]
for v in range(n_vs):
    out.append(f"virtual_server 10.{v // 250}.{v % 250}.1 80 {{\n"
               " lb_algo wrr\n lb_kind DR\n protocol TCP\n delay_loop 10\n")
    for r in range(n_rs):
        out.append(f" real_server 172.16.{r % 250}.{v % 250 + 1} 80 {{\n"
                   f"  weight {r + 1}\n  TCP_CHECK {{\n   connect_timeout 3\n"
                   "  }\n }\n")
    out.append("}\n")
sys.stdout.write("".join(out))
