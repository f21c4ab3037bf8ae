// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: a datagram from the IPVS generic-netlink socket, as
 * the client walks it (nlmsg_ok / nlmsg_next), with every decoder applied
 * to every message.  Seeds: the real kernel replies in
 * test/unit/fixtures/ipvs-*.hex (run-fuzz.sh turns them into bytes).
 * Decoders must refuse or decode, never read out of bounds, and a decoded
 * service or dest must survive an encode/decode round trip.
 */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ipvs/codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
round_trip(const struct ipvs_service *s, const struct ipvs_dest *d)
{
	struct nl_msg *m = ipvs_req_new_dest(1, &s->key, d);
	struct ipvs_dest back;

	if (m == NULL)
		return;
	assert(ipvs_decode_dest(nlmsg_hdr(m), s->key.af, &back) == 0);
	assert(ipvs_dest_key_equal(&back.key, &d->key));
	assert(back.weight == d->weight && back.fwd == d->fwd);
	nlmsg_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ipvs_service s;
	struct ipvs_dest d;
	struct ipvs_daemon dm;
	struct ipvs_info info;
	struct ipvs_timeouts t;
	struct nlmsghdr *nlh;
	void *buf;
	int rem = (int)size;

	if (size > 1 << 20)
		return 0;
	/* Aligned, as a recv buffer is. */
	buf = malloc(size + 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	for (nlh = buf; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem)) {
		int svc_ok;

		(void)ipvs_msg_cmd(nlh);
		svc_ok = ipvs_decode_service(nlh, &s) == 0;
		if (svc_ok) {
			struct nl_msg *m = ipvs_req_new_service(1, &s);
			struct ipvs_service back;

			if (m != NULL) {
				assert(ipvs_decode_service(nlmsg_hdr(m),
				    &back) == 0);
				assert(ipvs_service_key_equal(&s.key,
				    &back.key));
				nlmsg_free(m);
			}
		}
		if (ipvs_decode_dest(nlh, AF_INET, &d) == 0 && svc_ok)
			round_trip(&s, &d);
		(void)ipvs_decode_daemon(nlh, &dm);
		(void)ipvs_decode_info(nlh, &info);
		(void)ipvs_decode_timeouts(nlh, &t);
	}
	free(buf);
	return 0;
}
