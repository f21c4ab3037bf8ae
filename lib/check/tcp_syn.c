// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Half-open TCP probes: the SYN, the answer, the socket filter
 * (tcp_syn.h).  Pure: no sockets here.
 */
#include "config.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "check/tcp_syn.h"

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static uint32_t
sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	for (; len > 1; len -= 2, p += 2)
		sum += get16(p);
	if (len == 1)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

uint16_t
tcp_checksum4(const struct lvsd_addr *src, const struct lvsd_addr *dst,
    const uint8_t *seg, size_t len)
{
	uint32_t sum;

	sum = sum16((const uint8_t *)&src->u.v4, 4, 0);
	sum = sum16((const uint8_t *)&dst->u.v4, 4, sum);
	sum += IPPROTO_TCP + (uint32_t)len;
	sum = sum16(seg, len, sum);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

size_t
tcp_syn_build(const struct tcp_syn *s, uint8_t buf[TCP_SYN_LEN])
{
	uint8_t *o = buf + 20;

	memset(buf, 0, TCP_SYN_LEN);
	put16(buf, s->sport);
	put16(buf + 2, s->dport);
	put32(buf + 4, s->isn);
	buf[12] = (TCP_SYN_LEN / 4) << 4;
	buf[13] = TCP_SYN_F_SYN;
	put16(buf + 14, 64240);         /* Linux's initial window */
	/* Linux's option order, so the SYN looks like any client's. */
	o[0] = 2;                       /* MSS */
	o[1] = 4;
	put16(o + 2, s->mss);
	o[4] = 4;                       /* SACK permitted */
	o[5] = 2;
	o[6] = 8;                       /* timestamps */
	o[7] = 10;
	put32(o + 8, s->tsval);
	o[16] = 1;                      /* NOP */
	o[17] = 3;                      /* window scale 7 */
	o[18] = 3;
	o[19] = 7;
	if (s->dst.af == AF_INET)
		put16(buf + 16, tcp_checksum4(&s->src, &s->dst, buf,
		    TCP_SYN_LEN));
	return TCP_SYN_LEN;
}

static bool
decode_tcp(const uint8_t *seg, size_t len, struct tcp_syn_reply *r)
{
	if (len < 20 || (seg[12] >> 4) < 5)
		return false;
	r->sport = get16(seg);
	r->dport = get16(seg + 2);
	r->seq = get32(seg + 4);
	r->ack = get32(seg + 8);
	r->flags = seg[13];
	return true;
}

bool
tcp_syn_decode4(const uint8_t *pkt, size_t len, struct tcp_syn_reply *r)
{
	size_t hl, total;

	memset(r, 0, sizeof(*r));
	if (len < 20 || (pkt[0] >> 4) != 4 || pkt[9] != IPPROTO_TCP)
		return false;
	hl = (size_t)(pkt[0] & 0x0f) * 4;
	total = get16(pkt + 2);
	/* A fragment that is not the first has no TCP header. */
	if (hl < 20 || total < hl || (get16(pkt + 6) & 0x1fff) != 0)
		return false;
	if (total < len)
		len = total;
	if (len < hl)
		return false;
	r->from.af = AF_INET;
	memcpy(&r->from.u.v4, pkt + 12, 4);
	return decode_tcp(pkt + hl, len - hl, r);
}

bool
tcp_syn_decode6(const uint8_t *seg, size_t len, const struct lvsd_addr *from,
    struct tcp_syn_reply *r)
{
	memset(r, 0, sizeof(*r));
	if (from->af != AF_INET6)
		return false;
	r->from = *from;
	return decode_tcp(seg, len, r);
}

enum tcp_syn_answer
tcp_syn_judge(const struct tcp_syn_reply *r, uint32_t isn)
{
	uint8_t f = r->flags & (TCP_SYN_F_SYN | TCP_SYN_F_RST | TCP_SYN_F_ACK);

	/* Only an ACK of our ISN answers our SYN (RFC 9293 3.10.7.3). */
	if (!(f & TCP_SYN_F_ACK) || r->ack != isn + 1)
		return TCP_SYN_IGNORE;
	if (f == (TCP_SYN_F_SYN | TCP_SYN_F_ACK))
		return TCP_SYN_OPEN;
	if (f == (TCP_SYN_F_RST | TCP_SYN_F_ACK))
		return TCP_SYN_REFUSED;
	return TCP_SYN_IGNORE;
}

size_t
tcp_syn_filter(int af, const uint16_t *ports, size_t n_ports,
    struct sock_filter *prog, size_t cap)
{
	size_t n = 0, i;
	/* Load modes: IPv4 reads past the IP header (X = its length),
	 * IPv6 raw sockets see the segment itself. */
	uint16_t mode = af == AF_INET ? BPF_IND : BPF_ABS;

	if (cap < TCP_SYN_FILTER_LEN(n_ports) || n_ports > 200)
		return 0;
	if (af == AF_INET) {
		prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_H |
		    BPF_ABS, 6);
		/* a fragment offset: to the drop after the port tests */
		prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET |
		    BPF_K, 0x1fff, (uint8_t)(n_ports + 4), 0);
		prog[n++] = (struct sock_filter)BPF_STMT(BPF_LDX | BPF_B |
		    BPF_MSH, 0);
	}
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_B | mode, 13);
	prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K,
	    TCP_SYN_F_SYN | TCP_SYN_F_RST, 0, (uint8_t)(n_ports + 1));
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_H | mode, 2);
	for (i = 0; i < n_ports; i++)
		prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
		    BPF_K, ports[i], (uint8_t)(n_ports - i), 0);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 0);
	/* IP header (at most 60) and TCP header (at most 60) */
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 120);
	return n;
}
