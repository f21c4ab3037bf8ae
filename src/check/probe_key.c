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
	for (size_t u = 0; u < ck->n_urls; u++) {
		const struct cfg_http_url *url = &ck->urls[u];

		fprintf(f, " [%s|%s|%s|%s|%d|", url->path,
		    url->digest ? url->digest : "-",
		    url->virtualhost ? url->virtualhost : "-",
		    url->regex ? url->regex : "-", url->regex_no_match);
		for (size_t b = 0; url->has_status &&
		    b < sizeof(url->status_ok); b++)
			fprintf(f, "%02x", url->status_ok[b]);
		fputc(']', f);
	}
	/* The Host header falls back to the real and virtual server's. */
	if (ck->type == CHECK_HTTP || ck->type == CHECK_SSL)
		fprintf(f, " vh=%s/%s/%s", ck->virtualhost ? ck->virtualhost :
		    "-", rs->virtualhost ? rs->virtualhost : "-",
		    vs->virtualhost ? vs->virtualhost : "-");
	fprintf(f, " p=%s sni=%d/%s v=%d/%s fr=%d",
	    ck->http_protocol ? ck->http_protocol : "-", ck->enable_sni,
	    ck->sni_name ? ck->sni_name : "-", ck->verify_cert,
	    ck->verify_name ? ck->verify_name : "-", ck->fast_recovery);
	fprintf(f, " m=%s/%u/%d/%s/%s", ck->misc_path ? ck->misc_path : "-",
	    ck->misc_timeout_ms, ck->misc_dynamic, ck->user ? ck->user : "-",
	    ck->group ? ck->group : "-");
	fprintf(f, " u=");
	for (size_t i = 0; i < ck->udp_payload_len; i++)
		fprintf(f, "%02x", ck->udp_payload[i]);
	fprintf(f, "/%d/", ck->require_reply);
	for (size_t i = 0; i < ck->udp_reply_len; i++)
		fprintf(f, "%02x", ck->udp_reply[i]);
	/* FILE_CHECK's weight is relative to the real server's. */
	if (ck->type == CHECK_FILE)
		fprintf(f, " rw=%u", rs->weight);
	fprintf(f, "/%u/%u d=%u/%s f=%s/%d/%d", ck->min_reply_len,
	    ck->max_reply_len, ck->dns_type, ck->dns_name ? ck->dns_name : "-",
	    ck->track_file ? ck->track_file : "-", ck->file_weight,
	    ck->file_reverse);
	fprintf(f, " ho=%d", ck->half_open);
	fclose(f);
	return buf;
}

