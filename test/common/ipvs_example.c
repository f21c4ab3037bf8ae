// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <arpa/inet.h>
#include <linux/ip_vs.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs_example.h"

void
ipvs_table_init(struct ipvs_table *t)
{
	memset(t, 0, sizeof(*t));
}

void
ipvs_table_free(struct ipvs_table *t)
{
	free(t->e);
	ipvs_table_init(t);
}

struct ipvs_table_entry *
ipvs_table_add_service(struct ipvs_table *t, const struct ipvs_service *s)
{
	struct ipvs_table_entry *e;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;

		e = realloc(t->e, cap * sizeof(*e));
		if (e == NULL)
			abort();
		t->e = e;
		t->cap = cap;
	}
	e = &t->e[t->n++];
	memset(e, 0, sizeof(*e));
	e->svc = *s;
	return e;
}

static struct ipvs_table_entry *
find(const struct ipvs_table *t, const struct ipvs_service_key *k)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (ipvs_service_key_equal(&t->e[i].svc.key, k))
			return &t->e[i];
	return NULL;
}

bool
ipvs_table_add_dest(struct ipvs_table *t, const struct ipvs_service_key *k,
    const struct ipvs_dest *d)
{
	struct ipvs_table_entry *e = find(t, k);

	if (e == NULL || e->n == IPVS_EXAMPLE_DESTS)
		return false;
	e->dests[e->n++] = *d;
	return true;
}

static int
compare_entry(const struct ipvs_table_entry *w,
    const struct ipvs_table_entry *g, FILE *out)
{
	char key[96], dk[64];
	int diff = 0;
	size_t i, j;

	ipvs_service_key_format(&w->svc.key, key, sizeof(key));
	if (!ipvs_service_equal(&w->svc, &g->svc)) {
		if (out != NULL)
			fprintf(out, "service %s: want sched %s flags %#x "
			    "timeout %u netmask %#x pe %s; got %s %#x %u %#x %s\n",
			    key, w->svc.sched, w->svc.flags, w->svc.timeout,
			    w->svc.netmask, w->svc.pe_name, g->svc.sched,
			    g->svc.flags, g->svc.timeout, g->svc.netmask,
			    g->svc.pe_name);
		diff++;
	}
	if (w->n != g->n) {
		if (out != NULL)
			fprintf(out, "service %s: want %zu dests, got %zu\n",
			    key, w->n, g->n);
		diff++;
	}
	for (i = 0; i < w->n; i++) {
		for (j = 0; j < g->n; j++)
			if (ipvs_dest_key_equal(&w->dests[i].key,
			    &g->dests[j].key))
				break;
		ipvs_dest_key_format(&w->dests[i].key, dk, sizeof(dk));
		if (j == g->n) {
			if (out != NULL)
				fprintf(out, "service %s: dest %s missing\n",
				    key, dk);
			diff++;
		} else if (!ipvs_dest_equal(&w->dests[i], &g->dests[j])) {
			if (out != NULL)
				fprintf(out, "service %s: dest %s: want fwd %u "
				    "w %u u %u l %u tun %u/%u/%#x; got %u %u %u "
				    "%u %u/%u/%#x\n", key, dk,
				    w->dests[i].fwd, w->dests[i].weight,
				    w->dests[i].u_thresh, w->dests[i].l_thresh,
				    w->dests[i].tun_type, w->dests[i].tun_port,
				    w->dests[i].tun_flags, g->dests[j].fwd,
				    g->dests[j].weight, g->dests[j].u_thresh,
				    g->dests[j].l_thresh, g->dests[j].tun_type,
				    g->dests[j].tun_port, g->dests[j].tun_flags);
			diff++;
		}
	}
	return diff;
}

int
ipvs_table_compare(const struct ipvs_table *want,
    const struct ipvs_table *got, FILE *out)
{
	char key[96];
	int diff = 0;
	size_t i;

	for (i = 0; i < want->n; i++) {
		const struct ipvs_table_entry *g = find(got, &want->e[i].svc.key);

		if (g == NULL) {
			ipvs_service_key_format(&want->e[i].svc.key, key,
			    sizeof(key));
			if (out != NULL)
				fprintf(out, "service %s missing\n", key);
			diff++;
			continue;
		}
		diff += compare_entry(&want->e[i], g, out);
	}
	for (i = 0; i < got->n; i++)
		if (find(want, &got->e[i].svc.key) == NULL) {
			ipvs_service_key_format(&got->e[i].svc.key, key,
			    sizeof(key));
			if (out != NULL)
				fprintf(out, "service %s unexpected\n", key);
			diff++;
		}
	return diff;
}

/* -- the example table -- */

static struct ipvs_table_entry *
svc(struct ipvs_table *t, uint16_t proto, const char *addr, uint16_t port,
    const char *sched)
{
	struct ipvs_service s;

	memset(&s, 0, sizeof(s));
	if (!addr_from_string(addr, &s.key.addr))
		abort();
	s.key.af = s.key.addr.af;
	s.key.protocol = proto;
	s.key.port = port;
	snprintf(s.sched, sizeof(s.sched), "%s", sched);
	return ipvs_table_add_service(t, &s);
}

static struct ipvs_table_entry *
fwm(struct ipvs_table *t, int af, uint32_t mark, const char *sched)
{
	struct ipvs_service s;

	memset(&s, 0, sizeof(s));
	s.key.af = af;
	s.key.fwmark = mark;
	snprintf(s.sched, sizeof(s.sched), "%s", sched);
	return ipvs_table_add_service(t, &s);
}

static struct ipvs_dest *
dst(struct ipvs_table_entry *e, const char *addr, uint16_t port,
    uint32_t fwd, uint32_t weight)
{
	struct ipvs_dest *d = &e->dests[e->n++];

	memset(d, 0, sizeof(*d));
	if (!addr_from_string(addr, &d->key.addr))
		abort();
	d->key.port = port;
	d->fwd = fwd;
	d->weight = weight;
	return d;
}

void
ipvs_table_example(struct ipvs_table *t)
{
	struct ipvs_table_entry *e;
	struct ipvs_dest *d;
	static const char *const scheds[] = { "fo", "ovf", "lblc", "lblcr",
	    "dh" };
	char a[32];
	size_t i;

	ipvs_table_init(t);
	e = svc(t, IPPROTO_TCP, "10.0.0.1", 80, "wlc");
	dst(e, "192.168.1.1", 8080, IP_VS_CONN_F_MASQ, 5);
	d = dst(e, "192.168.1.2", 8080, IP_VS_CONN_F_MASQ, 0);
	d->u_thresh = 100;
	d->l_thresh = 10;

	e = svc(t, IPPROTO_UDP, "10.0.0.1", 53, "rr");
	e->svc.flags = IP_VS_SVC_F_ONEPACKET;
	dst(e, "192.168.1.3", 53, IP_VS_CONN_F_DROUTE, 1);

	e = svc(t, IPPROTO_SCTP, "10.0.0.2", 3868, "sh");
	e->svc.flags = IP_VS_SVC_F_SCHED_SH_FALLBACK | IP_VS_SVC_F_SCHED_SH_PORT;
	dst(e, "192.168.1.4", 3868, IP_VS_CONN_F_DROUTE, 1);

	e = svc(t, IPPROTO_TCP, "2001:db8::1", 443, "mh");
	e->svc.flags = IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_PERSISTENT;
	e->svc.timeout = 300;
	e->svc.netmask = 64;
	dst(e, "2001:db8:1::1", 443, IP_VS_CONN_F_MASQ, 3);

	e = svc(t, IPPROTO_TCP, "10.0.0.3", 443, "lc");
	e->svc.flags = IP_VS_SVC_F_PERSISTENT;
	e->svc.timeout = 600;
	e->svc.netmask = htonl(0xffffff00);
	dst(e, "192.168.1.5", 443, IP_VS_CONN_F_TUNNEL, 1);
	d = dst(e, "192.168.1.6", 443, IP_VS_CONN_F_TUNNEL, 1);
	d->tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	d->tun_port = 6080;
	d->tun_flags = IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;
	d = dst(e, "192.168.1.7", 443, IP_VS_CONN_F_TUNNEL, 1);
	d->tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GRE;
	d->tun_flags = IP_VS_TUNNEL_ENCAP_FLAG_CSUM;

	e = fwm(t, AF_INET, 7, "wrr");
	dst(e, "192.168.1.8", 0, IP_VS_CONN_F_DROUTE, 2);

	e = fwm(t, AF_INET6, 8, "sed");
	dst(e, "2001:db8:1::2", 0, IP_VS_CONN_F_DROUTE, 1);

	/* IPv4 service, IPv6 real server: only TUN may mix. */
	e = svc(t, IPPROTO_TCP, "10.0.0.5", 80, "nq");
	dst(e, "2001:db8:1::3", 80, IP_VS_CONN_F_TUNNEL, 1);

	for (i = 0; i < sizeof(scheds) / sizeof(scheds[0]); i++) {
		snprintf(a, sizeof(a), "10.0.1.%zu", i + 1);
		e = svc(t, IPPROTO_TCP, a, 80, scheds[i]);
		snprintf(a, sizeof(a), "192.168.2.%zu", i + 1);
		dst(e, a, 80, IP_VS_CONN_F_DROUTE, 1);
	}
	/* The scheduler flags without a name. */
	t->e[t->n - 5].svc.flags = IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 |
	    IP_VS_SVC_F_SCHED3;

	e = svc(t, IPPROTO_UDP, "10.0.0.7", 5060, "rr");
	e->svc.flags = IP_VS_SVC_F_PERSISTENT;
	e->svc.timeout = 60;
	snprintf(e->svc.pe_name, sizeof(e->svc.pe_name), "sip");
}
