// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ipvs-client-check: lib/ipvs's client against the real kernel, run in the
 * test VM by scenarios/ipvs-client.sh, each mode in a fresh namespace.
 *
 *   program   add, edit and delete services and dests of every kind (the
 *             final table is scenarios/ipvs-client.rules, which the
 *             scenario applies with ipvsadm elsewhere to compare), then
 *             dump it back and compare object by object; timeouts, info
 *   delete    then every dest and service of that table deleted again
 *   errnos    the kernel's exact errno for each refusal, matched back to
 *             the right request in a batch
 *   daemon IF master/backup sync daemons on interface IF
 *   pipeline N  N requests queued at once: one sendmsg, N ACKs
 *   overrun   a receive buffer too small for the ACKs: ENOBUFS handling
 *   hex       the raw reply bytes of the dumps (fixtures for unit tests)
 *
 * Prints "ok: ..." / "FAIL: ..." lines; exit 1 if anything failed.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs/client.h"
#include "ipvs/codec.h"
#include "ipvs-client-check.h"
#include "ipvs_example.h"

void
expect(struct check *x, const char *what, int got, int want)
{
	if (got == want) {
		printf("ok: %s\n", what);
		return;
	}
	printf("FAIL: %s: got %d (%s), want %d (%s)\n", what, got,
	    got < 0 ? strerror(-got) : "-", want,
	    want < 0 ? strerror(-want) : "-");
	x->failures++;
}


/* -- the table (same rules as scenarios/ipvs-client.rules) -- */

/* err first: ipvs_sync_done writes it. */
struct table_wait {
	int err;
	struct ipvs_table *t;
};

static void
collect_service(void *arg, const struct ipvs_service *s)
{
	ipvs_table_add_service(((struct table_wait *)arg)->t, s);
}

static void
collect_dest(void *arg, const struct ipvs_service_key *k,
    const struct ipvs_dest *d)
{
	ipvs_table_add_dest(((struct table_wait *)arg)->t, k, d);
}

int
dump_table(struct check *x, struct ipvs_table *t)
{
	struct table_wait w = { 0, t };

	ipvs_table_init(t);
	return ipvs_client_sync(x->c, ipvs_client_dump(x->c, collect_service,
	    collect_dest, ipvs_sync_done, &w), &w.err, 10.0);
}

struct info_wait {
	int err;
	uint32_t version;
};

static void
info_cb(void *arg, const struct ipvs_info *info)
{
	((struct info_wait *)arg)->version = info->version;
}

static int
mode_program(struct check *x)
{
	struct ipvs_table want, got;
	struct ipvs_service s, tmp;
	struct ipvs_dest d;
	struct ipvs_timeouts to = { .tcp = 900, .tcp_fin = 120, .udp = 300 };
	struct info_wait iw = { 0, 0 };
	char what[160], key[96];
	size_t i, j;

	ipvs_table_example(&want);
	for (i = 0; i < want.n; i++) {
		const struct ipvs_table_entry *e = &want.e[i];

		ipvs_service_key_format(&e->svc.key, key, sizeof(key));
		/* Added plain, then edited to the real thing. */
		s = e->svc;
		snprintf(s.sched, sizeof(s.sched), "rr");
		s.flags = 0;
		s.timeout = 0;
		s.netmask = 0;
		s.pe_name[0] = '\0';
		snprintf(what, sizeof(what), "add service %s", key);
		expect(x, what, SYNC(x, ipvs_client_add_service(x->c, &s,
		    DONE(x))), 0);
		snprintf(what, sizeof(what), "edit service %s", key);
		expect(x, what, SYNC(x, ipvs_client_edit_service(x->c,
		    &e->svc, DONE(x))), 0);
		for (j = 0; j < e->n; j++) {
			d = e->dests[j];
			d.weight += 7;
			d.u_thresh = d.l_thresh = 0;
			snprintf(what, sizeof(what), "add dest %s in %s",
			    inet_ntop(d.key.addr.af, &d.key.addr.u, key + 48,
			    48), key);
			expect(x, what, SYNC(x, ipvs_client_add_dest(x->c,
			    &e->svc.key, &d, DONE(x))), 0);
			snprintf(what, sizeof(what), "edit dest #%zu in %s",
			    j, key);
			expect(x, what, SYNC(x, ipvs_client_edit_dest(x->c,
			    &e->svc.key, &e->dests[j], DONE(x))), 0);
		}
	}
	/* One more of each, then deleted again. */
	tmp = want.e[0].svc;
	tmp.key.port = 8888;
	d = want.e[0].dests[0];
	expect(x, "add extra service", SYNC(x, ipvs_client_add_service(x->c,
	    &tmp, DONE(x))), 0);
	expect(x, "add extra dest", SYNC(x, ipvs_client_add_dest(x->c,
	    &tmp.key, &d, DONE(x))), 0);
	expect(x, "del extra dest", SYNC(x, ipvs_client_del_dest(x->c,
	    &tmp.key, &d.key, DONE(x))), 0);
	expect(x, "del extra service", SYNC(x, ipvs_client_del_service(x->c,
	    &tmp.key, DONE(x))), 0);

	expect(x, "dump", dump_table(x, &got), 0);
	expect(x, "dump: every service and dest as programmed",
	    ipvs_table_compare(&want, &got, stdout), 0);
	ipvs_table_free(&got);
	ipvs_table_free(&want);

	expect(x, "set timeouts", SYNC(x, ipvs_client_set_timeouts(x->c, &to,
	    DONE(x))), 0);
	/* done stores err first in the struct */
	expect(x, "get info", ipvs_client_sync(x->c, ipvs_client_get_info(x->c,
	    info_cb, ipvs_sync_done, &iw), &iw.err, 10.0), 0);
	expect(x, "info version 1.2.1", (int)iw.version, 0x010201);
	return 0;
}

/* Every dest, then every service of the example table, deleted one by one
 * (after `program`); the table is empty after. */
static int
mode_delete(struct check *x)
{
	struct ipvs_table want, got;
	char what[256], key[96], dk[64];
	size_t i, j;

	ipvs_table_example(&want);
	expect(x, "dump before", dump_table(x, &got), 0);
	expect(x, "dump before: the example table",
	    ipvs_table_compare(&want, &got, stdout), 0);
	ipvs_table_free(&got);
	for (i = 0; i < want.n; i++) {
		const struct ipvs_table_entry *e = &want.e[i];

		ipvs_service_key_format(&e->svc.key, key, sizeof(key));
		for (j = 0; j < e->n; j++) {
			ipvs_dest_key_format(&e->dests[j].key, dk, sizeof(dk));
			snprintf(what, sizeof(what), "delete dest %s of %s", dk,
			    key);
			expect(x, what, SYNC(x, ipvs_client_del_dest(x->c,
			    &e->svc.key, &e->dests[j].key, DONE(x))), 0);
		}
		snprintf(what, sizeof(what), "delete service %s", key);
		expect(x, what, SYNC(x, ipvs_client_del_service(x->c,
		    &e->svc.key, DONE(x))), 0);
	}
	expect(x, "dump after", dump_table(x, &got), 0);
	expect(x, "dump after: empty", (int)got.n, 0);
	ipvs_table_free(&got);
	ipvs_table_free(&want);
	return 0;
}

/* -- errnos -- */

struct batch_result {
	int err;
	bool called;
};

static void
batch_done(void *arg, int err)
{
	struct batch_result *r = arg;

	r->err = err;
	r->called = true;
}

void
example_service(struct ipvs_service *s, const char *addr, uint16_t port)
{
	memset(s, 0, sizeof(*s));
	addr_from_string(addr, &s->key.addr);
	s->key.af = s->key.addr.af;
	s->key.protocol = IPPROTO_TCP;
	s->key.port = port;
	snprintf(s->sched, sizeof(s->sched), "wlc");
}

void
example_dest(struct ipvs_dest *d, const char *addr, uint16_t port)
{
	memset(d, 0, sizeof(*d));
	addr_from_string(addr, &d->key.addr);
	d->key.port = port;
	d->fwd = IP_VS_CONN_F_DROUTE;
	d->weight = 1;
}

static int
mode_errnos(struct check *x)
{
	struct ipvs_service a, b, bad;
	struct ipvs_dest d1, d2, bd;
	struct ipvs_service_key nokey;
	struct batch_result br[4];
	struct ipvs_table got;
	int i;

	example_service(&a, "10.1.0.1", 80);
	example_service(&b, "10.1.0.2", 80);
	example_dest(&d1, "192.168.3.1", 80);
	example_dest(&d2, "192.168.3.2", 80);

	expect(x, "add service", SYNC(x, ipvs_client_add_service(x->c, &a,
	    DONE(x))), 0);
	expect(x, "add the same service again: EEXIST", SYNC(x,
	    ipvs_client_add_service(x->c, &a, DONE(x))), -EEXIST);
	expect(x, "edit a missing service: ESRCH", SYNC(x,
	    ipvs_client_edit_service(x->c, &b, DONE(x))), -ESRCH);
	expect(x, "delete a missing service: ESRCH", SYNC(x,
	    ipvs_client_del_service(x->c, &b.key, DONE(x))), -ESRCH);
	expect(x, "add a dest to a missing service: ESRCH", SYNC(x,
	    ipvs_client_add_dest(x->c, &b.key, &d1, DONE(x))), -ESRCH);
	expect(x, "edit a missing dest: ENOENT", SYNC(x,
	    ipvs_client_edit_dest(x->c, &a.key, &d1, DONE(x))), -ENOENT);
	expect(x, "delete a missing dest: ENOENT", SYNC(x,
	    ipvs_client_del_dest(x->c, &a.key, &d1.key, DONE(x))), -ENOENT);
	expect(x, "add dest", SYNC(x, ipvs_client_add_dest(x->c, &a.key, &d1,
	    DONE(x))), 0);
	expect(x, "add the same dest again: EEXIST", SYNC(x,
	    ipvs_client_add_dest(x->c, &a.key, &d1, DONE(x))), -EEXIST);

	bad = b;
	snprintf(bad.sched, sizeof(bad.sched), "nosuch");
	expect(x, "add a service with scheduler nosuch: ENOENT", SYNC(x,
	    ipvs_client_add_service(x->c, &bad, DONE(x))), -ENOENT);
	bad = a;
	snprintf(bad.sched, sizeof(bad.sched), "nosuch");
	expect(x, "edit to scheduler nosuch: ENOENT", SYNC(x,
	    ipvs_client_edit_service(x->c, &bad, DONE(x))), -ENOENT);
	bd = d2;
	bd.u_thresh = 5;
	bd.l_thresh = 10;
	expect(x, "dest lthreshold > uthreshold: ERANGE", SYNC(x,
	    ipvs_client_add_dest(x->c, &a.key, &bd, DONE(x))), -ERANGE);
	bd = d2;
	bd.weight = 0x80000000u;
	expect(x, "dest weight > INT_MAX: ERANGE", SYNC(x,
	    ipvs_client_add_dest(x->c, &a.key, &bd, DONE(x))), -ERANGE);
	bd = d2;
	bd.fwd = IP_VS_CONN_F_TUNNEL;
	bd.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	expect(x, "GUE tunnel without a port: EINVAL", SYNC(x,
	    ipvs_client_add_dest(x->c, &a.key, &bd, DONE(x))), -EINVAL);
	example_dest(&bd, "2001:db8:3::1", 80);
	expect(x, "IPv6 DR dest in an IPv4 service: EINVAL", SYNC(x,
	    ipvs_client_add_dest(x->c, &a.key, &bd, DONE(x))), -EINVAL);
	memset(&nokey, 0, sizeof(nokey));
	expect(x, "a key with no family is refused before sending",
	    ipvs_client_del_service(x->c, &nokey, DONE(x)), -EINVAL);

	/* One batch, each answer to its own request. */
	memset(br, 0, sizeof(br));
	ipvs_client_add_dest(x->c, &a.key, &d2, batch_done, &br[0]);
	ipvs_client_add_service(x->c, &a, batch_done, &br[1]);
	ipvs_client_edit_dest(x->c, &b.key, &d2, batch_done, &br[2]);
	example_dest(&bd, "192.168.3.9", 80);
	ipvs_client_edit_dest(x->c, &a.key, &bd, batch_done, &br[3]);
	expect(x, "batch: 4 pending", (int)ipvs_client_pending(x->c), 4);
	expect(x, "batch: wait", ipvs_client_wait(x->c, 10.0), 0);
	for (i = 0; i < 4; i++)
		expect(x, "batch: callback ran", br[i].called, 1);
	expect(x, "batch[0] add dest: 0", br[0].err, 0);
	expect(x, "batch[1] add existing service: EEXIST", br[1].err, -EEXIST);
	expect(x, "batch[2] dest of a missing service: ESRCH", br[2].err,
	    -ESRCH);
	expect(x, "batch[3] edit a missing dest: ENOENT", br[3].err, -ENOENT);

	expect(x, "dump", dump_table(x, &got), 0);
	expect(x, "dump: one service", (int)got.n, 1);
	expect(x, "dump: two dests", got.n == 1 ? (int)got.e[0].n : -1, 2);
	ipvs_table_free(&got);
	expect(x, "flush", SYNC(x, ipvs_client_flush(x->c, DONE(x))), 0);
	expect(x, "dump after flush", dump_table(x, &got), 0);
	expect(x, "dump after flush: no service", (int)got.n, 0);
	ipvs_table_free(&got);
	return 0;
}

/* -- sync daemons -- */

static int
file_has(const char *path, const char *needle)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int found = 0;

	if (f == NULL)
		return -1;
	while (!found && fgets(line, sizeof(line), f) != NULL)
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

static void count_daemon(void *arg, const struct ipvs_daemon *d);

/* err first: ipvs_sync_done writes it. */
struct daemon_wait {
	int err;
	struct ipvs_daemon seen[2];
};

static int
dump_daemons(struct check *x, struct ipvs_daemon *seen)
{
	struct daemon_wait w;
	int r;

	memset(&w, 0, sizeof(w));
	r = ipvs_client_sync(x->c, ipvs_client_dump_daemons(x->c, count_daemon,
	    ipvs_sync_done, &w), &w.err, 10.0);
	memcpy(seen, w.seen, sizeof(w.seen));
	return r;
}

static void
count_daemon(void *arg, const struct ipvs_daemon *d)
{
	struct ipvs_daemon *seen = ((struct daemon_wait *)arg)->seen;

	if (d->state == IP_VS_STATE_MASTER)
		seen[0] = *d;
	else if (d->state == IP_VS_STATE_BACKUP)
		seen[1] = *d;
}

static int
mode_daemon(struct check *x, const char *ifname)
{
	struct ipvs_daemon m, b, seen[2];
	char g[INET6_ADDRSTRLEN];

	memset(&m, 0, sizeof(m));
	m.state = IP_VS_STATE_MASTER;
	snprintf(m.ifname, sizeof(m.ifname), "%s", ifname);
	m.sync_id = 42;
	m.maxlen = 1400;
	addr_from_string("239.1.2.3", &m.group);
	m.port = 8850;
	m.ttl = 2;
	b = m;
	b.state = IP_VS_STATE_BACKUP;
	b.sync_id = 43;
	addr_from_string("ff02::1:3", &b.group);
	b.maxlen = 0;
	b.port = 8852;
	b.ttl = 0;

	expect(x, "stop master when none runs: ESRCH", SYNC(x,
	    ipvs_client_stop_daemon(x->c, IP_VS_STATE_MASTER, DONE(x))),
	    -ESRCH);
	expect(x, "start master", SYNC(x, ipvs_client_start_daemon(x->c, &m,
	    DONE(x))), 0);
	expect(x, "start master again: EEXIST", SYNC(x,
	    ipvs_client_start_daemon(x->c, &m, DONE(x))), -EEXIST);
	expect(x, "start backup (IPv6 group)", SYNC(x,
	    ipvs_client_start_daemon(x->c, &b, DONE(x))), 0);
	expect(x, "dump daemons", dump_daemons(x, seen), 0);
	expect(x, "master: sync id", (int)seen[0].sync_id, 42);
	expect(x, "master: interface", strcmp(seen[0].ifname, ifname), 0);
	expect(x, "master: maxlen", seen[0].maxlen, 1400);
	expect(x, "master: port", seen[0].port, 8850);
	expect(x, "master: ttl", seen[0].ttl, 2);
	expect(x, "master: group", addr_equal(&seen[0].group, &m.group), 1);
	expect(x, "backup: sync id", (int)seen[1].sync_id, 43);
	expect(x, "backup: group", addr_equal(&seen[1].group, &b.group), 1);
	expect(x, "backup: port", seen[1].port, 8852);
	expect(x, "backup: default ttl", seen[1].ttl, 1);
	/* The port the kernel really bound (the attribute's byte order). */
	expect(x, "backup socket bound to port 8852 (/proc/net/udp6 :2294)",
	    file_has("/proc/net/udp6", ":2294 "), 1);
	expect(x, "master socket sends to 239.1.2.3:8850 (/proc/net/udp)",
	    file_has("/proc/net/udp", "030201EF:2292 "), 1);
	addr_to_string(&seen[1].group, g, sizeof(g));
	printf("backup daemon: %s group %s port %u ttl %u maxlen %u\n",
	    seen[1].ifname, g, seen[1].port, seen[1].ttl, seen[1].maxlen);
	expect(x, "stop master", SYNC(x, ipvs_client_stop_daemon(x->c,
	    IP_VS_STATE_MASTER, DONE(x))), 0);
	expect(x, "stop master again: ESRCH", SYNC(x, ipvs_client_stop_daemon(
	    x->c, IP_VS_STATE_MASTER, DONE(x))), -ESRCH);
	expect(x, "stop backup", SYNC(x, ipvs_client_stop_daemon(x->c,
	    IP_VS_STATE_BACKUP, DONE(x))), 0);
	expect(x, "stop backup again: ESRCH", SYNC(x, ipvs_client_stop_daemon(
	    x->c, IP_VS_STATE_BACKUP, DONE(x))), -ESRCH);
	expect(x, "dump daemons after stop", dump_daemons(x, seen), 0);
	expect(x, "no daemon left", (int)(seen[0].state + seen[1].state), 0);
	return 0;
}

int
main(int argc, char **argv)
{
	struct check x;
	int err = 0;

	memset(&x, 0, sizeof(x));
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: %s program|delete|errnos|daemon IF|"
		    "pipeline N|overrun|hex\n", argv[0]);
		return 2;
	}
	if (strcmp(argv[1], "hex") == 0)
		return ipvs_hex_dump(stdout);
	x.loop = ev_default_loop(0);
	x.c = ipvs_client_open(x.loop, &err);
	if (x.c == NULL) {
		fprintf(stderr, "%s: %s\n", argv[0],
		    ipvs_client_strerror(err));
		return 1;
	}
	if (strcmp(argv[1], "program") == 0)
		mode_program(&x);
	else if (strcmp(argv[1], "errnos") == 0)
		mode_errnos(&x);
	else if (strcmp(argv[1], "daemon") == 0 && argc > 2)
		mode_daemon(&x, argv[2]);
	else if (strcmp(argv[1], "delete") == 0)
		mode_delete(&x);
	else if (strcmp(argv[1], "overrun") == 0)
		mode_overrun(&x);
	else if (strcmp(argv[1], "pipeline") == 0 && argc > 2)
		mode_pipeline(&x, atoi(argv[2]));
	else
		x.failures++;
	ipvs_client_close(x.c);
	printf("%s: %d failure(s)\n", argv[1], x.failures);
	return x.failures != 0;
}
