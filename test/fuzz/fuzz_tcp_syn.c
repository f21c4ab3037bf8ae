// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: anything a half-open TCP_CHECK's raw socket could
 * read, as an IPv4 packet and as an IPv6 segment.  The decoder must stay
 * in bounds (ASan), and only a SYN-ACK or RST acknowledging the ISN may
 * be judged an answer.  The first four bytes are the ISN.
 */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <sys/socket.h>

#include "check/tcp_syn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
judge(const struct tcp_syn_reply *r, uint32_t isn)
{
	enum tcp_syn_answer a = tcp_syn_judge(r, isn);

	if (a != TCP_SYN_IGNORE)
		assert(r->ack == isn + 1 && (r->flags & TCP_SYN_F_ACK));
	if (a == TCP_SYN_OPEN)
		assert((r->flags & TCP_SYN_F_SYN) && !(r->flags & TCP_SYN_F_RST));
	if (a == TCP_SYN_REFUSED)
		assert((r->flags & TCP_SYN_F_RST) && !(r->flags & TCP_SYN_F_SYN));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lvsd_addr from = { .af = AF_INET6 };
	struct tcp_syn_reply r;
	uint32_t isn;

	if (size < 4)
		return 0;
	isn = (uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
	    (uint32_t)data[2] << 8 | data[3];
	if (tcp_syn_decode4(data + 4, size - 4, &r))
		judge(&r, isn);
	if (tcp_syn_decode6(data + 4, size - 4, &from, &r))
		judge(&r, isn);
	return 0;
}
