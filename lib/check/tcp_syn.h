/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * TCP_CHECK's half-open probe on the wire: a SYN sent from a raw socket,
 * and the answer judged without ever completing the handshake.  A SYN-ACK
 * acknowledging our ISN means a listener (up); a RST acknowledging it, no
 * listener (refused).  Our own kernel resets the SYN-ACK, because no
 * socket owns the 4-tuple, so the server's application never sees a
 * connection.  Received segments are untrusted input: every length is
 * checked, and anything that is not such an answer is ignored.
 */
#ifndef LVSD_CHECK_TCP_SYN_H
#define LVSD_CHECK_TCP_SYN_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/addr.h"

/* A SYN as Linux sends one: MSS, SACK permitted, timestamps, window scale. */
#define TCP_SYN_LEN 40u

struct tcp_syn {
	struct lvsd_addr src, dst;      /* src: IPv4 only (checksum) */
	uint16_t sport, dport;
	uint32_t isn;
	uint32_t tsval;                 /* the timestamp option's value */
	uint16_t mss;
};

/*
 * Write the segment (TCP header and options, no IP header) into buf.
 * For IPv4 the checksum is computed from src and dst; for IPv6 it is left
 * 0 for the kernel (IPV6_CHECKSUM).  Returns TCP_SYN_LEN.
 */
size_t tcp_syn_build(const struct tcp_syn *s, uint8_t buf[TCP_SYN_LEN]);

/* The TCP checksum over an IPv4 pseudo-header and the segment. */
uint16_t tcp_checksum4(const struct lvsd_addr *src, const struct lvsd_addr *dst,
    const uint8_t *seg, size_t len);

/* A received segment, decoded. */
struct tcp_syn_reply {
	struct lvsd_addr from;          /* the server */
	uint16_t sport, dport;          /* the server's port, ours */
	uint32_t seq, ack;
	uint8_t flags;                  /* TCP_SYN_F_* */
};

#define TCP_SYN_F_FIN 0x01u
#define TCP_SYN_F_SYN 0x02u
#define TCP_SYN_F_RST 0x04u
#define TCP_SYN_F_ACK 0x10u

/*
 * Decode what an IPv4 raw socket reads (IP header and TCP segment): false
 * for anything that is not a whole, unfragmented TCP header.
 */
bool tcp_syn_decode4(const uint8_t *pkt, size_t len, struct tcp_syn_reply *r);
/* What an IPv6 raw socket reads (the segment); `from` is recvfrom's. */
bool tcp_syn_decode6(const uint8_t *seg, size_t len,
    const struct lvsd_addr *from, struct tcp_syn_reply *r);

enum tcp_syn_answer {
	TCP_SYN_IGNORE,                 /* not an answer to this SYN */
	TCP_SYN_OPEN,                   /* SYN-ACK: a listener */
	TCP_SYN_REFUSED,                /* RST: no listener */
};

/* Judge a reply to the SYN whose sequence number was isn. */
enum tcp_syn_answer tcp_syn_judge(const struct tcp_syn_reply *r,
    uint32_t isn);

/*
 * The classic BPF program for a raw socket of family af that keeps only
 * SYN-ACKs and RSTs to one of our ports (and, for IPv4, unfragmented
 * ones), truncated to the headers.  Returns its length, 0 when prog
 * (cap instructions) is too small.
 */
#define TCP_SYN_FILTER_LEN(n_ports) ((n_ports) + 10u)
size_t tcp_syn_filter(int af, const uint16_t *ports, size_t n_ports,
    struct sock_filter *prog, size_t cap);

#endif
