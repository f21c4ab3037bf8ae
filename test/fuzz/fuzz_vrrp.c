// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: any datagram a peer could send to a VRRP socket. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vrrp/packet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vrrp_expect exp;
	struct vrrp_rx rx;
	struct vrrp_pkt pkt;
	struct lvsd_addr a;
	size_t i;

	if (size < 1)
		return 0;
	memset(&exp, 0, sizeof(exp));
	exp.version = data[0] & 1 ? 3 : 2;
	exp.interval_cs = 100;
	if (data[0] & 2) {
		/* IPv4: the raw socket hands over the IP header too */
		if (vrrp_ip4_split(data + 1, size - 1, &rx) != VRRP_RX_OK)
			return 0;
		if (vrrp_pkt_decode(AF_INET, &rx, &pkt) != VRRP_RX_OK)
			return 0;
	} else {
		/* IPv6: the kernel strips the header */
		memset(&rx, 0, sizeof(rx));
		rx.src.af = rx.dst.af = AF_INET6;
		rx.src.u.v6.s6_addr[0] = 0xfe;
		rx.src.u.v6.s6_addr[1] = 0x80;
		rx.ttl = 255;
		rx.data = data + 1;
		rx.len = size - 1;
		if (vrrp_pkt_decode(AF_INET6, &rx, &pkt) != VRRP_RX_OK)
			return 0;
	}
	(void)vrrp_pkt_accept(&pkt, &rx, &exp);
	for (i = 0; i < pkt.naddr; i++)
		vrrp_pkt_addr(&pkt, i, &a);
	return 0;
}
