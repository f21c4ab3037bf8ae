// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ipvs-client-check hex: the kernel's raw reply bytes, one netlink message
 * per line as "TAG HEX", for test/unit/fixtures (see
 * scenarios/ipvs-client-capture.sh).  A plain blocking libnl socket and the
 * codec's requests; no client, so the fixtures do not depend on it.
 */
#include "config.h"

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs/codec.h"
#include "ipvs-client-check.h"

/* Send one request on a plain blocking libnl socket and print every data
 * message of the answer as "TAG HEX", one per line. */
static int
hex_request(struct nl_sock *sk, struct nl_msg *m, const char *tag, FILE *out,
    struct ipvs_service *svcs, size_t *nsvcs)
{
	struct sockaddr_nl peer;
	unsigned char *buf;
	int n, done = 0, rc = 0;

	if (m == NULL || nl_send_auto(sk, m) < 0)
		return -1;
	nlmsg_free(m);
	while (!done) {
		struct nlmsghdr *nlh;

		n = nl_recv(sk, &peer, &buf, NULL);
		if (n <= 0)
			return -1;
		for (nlh = (struct nlmsghdr *)buf; nlmsg_ok(nlh, n);
		    nlh = nlmsg_next(nlh, &n)) {
			const unsigned char *p = (const unsigned char *)nlh;
			uint32_t i;

			if (nlh->nlmsg_type == NLMSG_DONE ||
			    nlh->nlmsg_type == NLMSG_ERROR) {
				if (nlh->nlmsg_type == NLMSG_ERROR &&
				    ((struct nlmsgerr *)nlmsg_data(nlh))->error)
					rc = -1;
				done = 1;
				break;
			}
			fprintf(out, "%s ", tag);
			for (i = 0; i < nlh->nlmsg_len; i++)
				fprintf(out, "%02x", p[i]);
			fputc('\n', out);
			if (svcs != NULL && *nsvcs < 4096 &&
			    ipvs_decode_service(nlh, &svcs[*nsvcs]) == 0)
				(*nsvcs)++;
		}
		free(buf);
	}
	return rc;
}

int
ipvs_hex_dump(FILE *out)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct ipvs_service *svcs = calloc(4096, sizeof(*svcs));
	size_t n = 0, i;
	int fam, rc = 0;

	if (sk == NULL || svcs == NULL || genl_connect(sk) < 0 ||
	    (fam = genl_ctrl_resolve(sk, IPVS_GENL_NAME)) < 0) {
		fprintf(stderr, "hex: no IPVS\n");
		return 1;
	}
	/* The codec sets NLM_F_ACK where it belongs. */
	nl_socket_disable_auto_ack(sk);
	rc |= hex_request(sk, ipvs_req_dump_services(fam), "service", out,
	    svcs, &n);
	for (i = 0; i < n; i++)
		rc |= hex_request(sk, ipvs_req_dump_dests(fam, &svcs[i].key),
		    "dest", out, NULL, NULL);
	rc |= hex_request(sk, ipvs_req_dump_daemons(fam), "daemon", out, NULL,
	    NULL);
	rc |= hex_request(sk, ipvs_req_get_info(fam), "info", out, NULL, NULL);
	rc |= hex_request(sk, ipvs_req_get_config(fam), "config", out, NULL,
	    NULL);
	free(svcs);
	nl_socket_free(sk);
	return rc != 0;
}
