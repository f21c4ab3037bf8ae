// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A check's identity: two checkers with the same key are the same check
 * (run once, shared), and a check keeps its state through a reload only
 * if its key did not change.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "check/probe.h"

static void
put_common(FILE *f, const struct cfg_check_common *m)
{
	char a[INET6_ADDRSTRLEN];

	addr_to_string(&m->bindto, a, sizeof(a));
	fprintf(f, " bind=%s:%u if=%s t=%u r=%u dbr=%u loop=%u mark=%u a=%d "
	    "w=%u", a, m->bind_port, m->bind_if ? m->bind_if : "-",
	    m->connect_timeout_ms, m->retry, m->delay_before_retry_ms,
	    m->delay_loop_ms, m->fwmark, m->alpha, m->warmup_ms);
}

/* What makes two checks the same check: target and whole definition. */
char *
probe_key(const struct cfg_checker *ck, const struct cfg_real_server *rs,
    const struct cfg_virtual_server *vs, const struct lvsd_addr *addr,
    uint16_t port)
{
	char *buf = NULL, a[INET6_ADDRSTRLEN + 8];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		abort();
	addr_port_to_string(addr, port, a, sizeof(a));
	fprintf(f, "%d %s", ck->type, a);
	put_common(f, &ck->common);
	fprintf(f, " fr=%d ho=%d", ck->fast_recovery, ck->half_open);
	/* Only the type's own fields: the others share their memory. */
	switch (ck->type) {
	case CHECK_HTTP:
	case CHECK_SSL:
		for (size_t u = 0; u < ck->n_urls; u++) {
			const struct cfg_http_url *url = &ck->urls[u];

			fprintf(f, " [%s|%s|%s|%s|%d|", url->path,
			    url->digest ? url->digest : "-",
			    url->virtualhost ? url->virtualhost : "-",
			    url->regex ? url->regex : "-",
			    url->regex_no_match);
			for (size_t b = 0; url->has_status &&
			    b < sizeof(url->status_ok); b++)
				fprintf(f, "%02x", url->status_ok[b]);
			fputc(']', f);
		}
		/* The Host header falls back to the real and virtual
		 * server's. */
		fprintf(f, " vh=%s/%s/%s", ck->virtualhost ? ck->virtualhost :
		    "-", rs->virtualhost ? rs->virtualhost : "-",
		    vs->virtualhost ? vs->virtualhost : "-");
		fprintf(f, " p=%s sni=%d/%s v=%d/%s",
		    ck->http_protocol ? ck->http_protocol : "-",
		    ck->enable_sni, ck->sni_name ? ck->sni_name : "-",
		    ck->verify_cert, ck->verify_name ? ck->verify_name : "-");
		break;
	case CHECK_MISC:
		fprintf(f, " m=%s/%u/%d/%s/%s", ck->misc_path ?
		    ck->misc_path : "-", ck->misc_timeout_ms,
		    ck->misc_dynamic, ck->user ? ck->user : "-",
		    ck->group ? ck->group : "-");
		break;
	case CHECK_UDP:
		fprintf(f, " u=");
		for (size_t i = 0; i < ck->udp_payload_len; i++)
			fprintf(f, "%02x", ck->udp_payload[i]);
		fprintf(f, "/%d/", ck->require_reply);
		for (size_t i = 0; i < ck->udp_reply_len; i++)
			fprintf(f, "%02x", ck->udp_reply[i]);
		fprintf(f, "/%u/%u", ck->min_reply_len, ck->max_reply_len);
		break;
	case CHECK_DNS:
		fprintf(f, " d=%u/%s", ck->dns_type, ck->dns_name ?
		    ck->dns_name : "-");
		break;
	case CHECK_FILE:
		/* FILE_CHECK's weight is relative to the real server's. */
		fprintf(f, " rw=%u f=%s/%d/%d", rs->weight, ck->track_file ?
		    ck->track_file : "-", ck->file_weight, ck->file_reverse);
		break;
	default:
		break;
	}
	fclose(f);
	return buf;
}

