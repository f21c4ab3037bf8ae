// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/ipvs codec: every request kind encodes and decodes back to the same
 * object, the wire details the kernel insists on (port byte order, flags
 * with their mask, IPv4 netmask vs IPv6 prefix, 16-byte addresses), and
 * real replies of a 6.1 kernel (test/unit/fixtures/ipvs-*.hex, captured
 * with test/vm/scenarios/ipvs-client-capture.sh) decode to the table and
 * daemons that were programmed there with ipvsadm.
 */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs/codec.h"
#include "ipvs_example.h"

#define FAMILY 42

/* -- helpers -- */

/* The attribute `type` inside the top-level nest `nest` of m. */
static struct nlattr *
nested_attr(struct nl_msg *m, int nest, int type)
{
	struct nlattr *top = nlmsg_find_attr(nlmsg_hdr(m), GENL_HDRLEN, nest);

	ck_assert_ptr_nonnull(top);
	return nla_find(nla_data(top), nla_len(top), type);
}

static struct ipvs_service
service_of(struct nl_msg *m)
{
	struct ipvs_service s;

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(ipvs_decode_service(nlmsg_hdr(m), &s), 0);
	return s;
}

/* -- round trips -- */

START_TEST(test_service_round_trip)
{
	struct ipvs_table t;
	size_t i, j;

	ipvs_table_example(&t);
	for (i = 0; i < t.n; i++) {
		const struct ipvs_service *want = &t.e[i].svc;
		struct nl_msg *m = ipvs_req_new_service(FAMILY, want);
		struct ipvs_service got = service_of(m);

		ck_assert(nlmsg_hdr(m)->nlmsg_flags & NLM_F_ACK);
		ck_assert_int_eq(nlmsg_hdr(m)->nlmsg_type, FAMILY);
		ck_assert_int_eq(ipvs_msg_cmd(nlmsg_hdr(m)),
		    IPVS_CMD_NEW_SERVICE);
		ck_assert(ipvs_service_equal(want, &got));
		ck_assert_str_eq(got.sched, want->sched);
		ck_assert_str_eq(got.pe_name, want->pe_name);
		nlmsg_free(m);

		m = ipvs_req_set_service(FAMILY, want);
		got = service_of(m);
		ck_assert_int_eq(ipvs_msg_cmd(nlmsg_hdr(m)),
		    IPVS_CMD_SET_SERVICE);
		ck_assert(ipvs_service_equal(want, &got));
		nlmsg_free(m);

		m = ipvs_req_del_service(FAMILY, &want->key);
		got = service_of(m);
		ck_assert(ipvs_service_key_equal(&want->key, &got.key));
		ck_assert_str_eq(got.sched, "");
		nlmsg_free(m);

		for (j = 0; j < t.e[i].n; j++) {
			const struct ipvs_dest *wd = &t.e[i].dests[j];
			struct ipvs_dest gd;

			m = ipvs_req_new_dest(FAMILY, &want->key, wd);
			ck_assert_int_eq(ipvs_decode_dest(nlmsg_hdr(m),
			    want->key.af, &gd), 0);
			ck_assert(ipvs_dest_equal(wd, &gd));
			ck_assert_int_eq(gd.tun_type, wd->tun_type);
			ck_assert_int_eq(gd.tun_port, wd->tun_port);
			ck_assert_int_eq(gd.tun_flags, wd->tun_flags);
			/* The service nest is the key only. */
			got = service_of(m);
			ck_assert(ipvs_service_key_equal(&want->key, &got.key));
			nlmsg_free(m);

			m = ipvs_req_set_dest(FAMILY, &want->key, wd);
			ck_assert_int_eq(ipvs_decode_dest(nlmsg_hdr(m),
			    want->key.af, &gd), 0);
			ck_assert(ipvs_dest_equal(wd, &gd));
			nlmsg_free(m);

			m = ipvs_req_del_dest(FAMILY, &want->key, &wd->key);
			ck_assert_int_eq(ipvs_decode_dest(nlmsg_hdr(m),
			    want->key.af, &gd), 0);
			ck_assert(ipvs_dest_key_equal(&wd->key, &gd.key));
			ck_assert_ptr_null(nested_attr(m, IPVS_CMD_ATTR_DEST,
			    IPVS_DEST_ATTR_WEIGHT));
			nlmsg_free(m);
		}
	}
	ipvs_table_free(&t);
}
END_TEST

/* m holds exactly the bytes of fresh (which is freed). */
static void
assert_same_bytes(struct nl_msg *m, struct nl_msg *fresh)
{
	ck_assert_ptr_nonnull(fresh);
	ck_assert_uint_eq(nlmsg_hdr(m)->nlmsg_len, nlmsg_hdr(fresh)->nlmsg_len);
	ck_assert(memcmp(nlmsg_hdr(m), nlmsg_hdr(fresh),
	    nlmsg_hdr(m)->nlmsg_len) == 0);
	nlmsg_free(fresh);
}

/* One message reused for every request (as the client does), big ones
 * before small ones: no byte of an earlier request shows. */
START_TEST(test_reused_message)
{
	struct nl_msg *m = ipvs_req_alloc();
	struct ipvs_table t;
	size_t i, j;

	ck_assert_ptr_nonnull(m);
	ipvs_table_example(&t);
	for (i = 0; i < t.n; i++) {
		const struct ipvs_service *s = &t.e[i].svc;

		ck_assert_int_eq(ipvs_enc_service(m, FAMILY,
		    IPVS_CMD_NEW_SERVICE, &s->key, s), 0);
		assert_same_bytes(m, ipvs_req_new_service(FAMILY, s));
		ck_assert_int_eq(ipvs_enc_service(m, FAMILY,
		    IPVS_CMD_DEL_SERVICE, &s->key, NULL), 0);
		assert_same_bytes(m, ipvs_req_del_service(FAMILY, &s->key));
		ck_assert_int_eq(ipvs_enc_service(m, FAMILY,
		    IPVS_CMD_SET_SERVICE, &s->key, s), 0);
		assert_same_bytes(m, ipvs_req_set_service(FAMILY, s));
		for (j = 0; j < t.e[i].n; j++) {
			const struct ipvs_dest *d = &t.e[i].dests[j];

			ck_assert_int_eq(ipvs_enc_dest(m, FAMILY,
			    IPVS_CMD_NEW_DEST, &s->key, &d->key, d), 0);
			assert_same_bytes(m, ipvs_req_new_dest(FAMILY, &s->key,
			    d));
			ck_assert_int_eq(ipvs_enc_dest(m, FAMILY,
			    IPVS_CMD_DEL_DEST, &s->key, &d->key, NULL), 0);
			assert_same_bytes(m, ipvs_req_del_dest(FAMILY, &s->key,
			    &d->key));
			ck_assert_int_eq(ipvs_enc_dest(m, FAMILY,
			    IPVS_CMD_SET_DEST, &s->key, &d->key, d), 0);
			assert_same_bytes(m, ipvs_req_set_dest(FAMILY, &s->key,
			    d));
		}
	}
	ipvs_table_free(&t);
	nlmsg_free(m);
}
END_TEST

/* A service's dests encoded after one service nest (the client's reload
 * path): each the same bytes as a request of its own, whatever came
 * before in the message (a bigger dest: SET before DEL). */
START_TEST(test_dest_after_service)
{
	struct nl_msg *m = ipvs_req_alloc();
	struct ipvs_table t;
	size_t i, j, len;

	ck_assert_ptr_nonnull(m);
	ipvs_table_example(&t);
	for (i = 0; i < t.n; i++) {
		const struct ipvs_service *s = &t.e[i].svc;

		ck_assert_int_eq(ipvs_enc_service(m, FAMILY,
		    IPVS_CMD_NEW_SERVICE, &s->key, s), 0);
		len = ipvs_enc_dest_svc(m, FAMILY, IPVS_CMD_SET_DEST, &s->key);
		ck_assert_uint_gt(len, 0);
		for (j = 0; j < t.e[i].n; j++) {
			const struct ipvs_dest *d = &t.e[i].dests[j];

			ck_assert_int_eq(ipvs_enc_dest_tail(m, len, &d->key,
			    d), 0);
			assert_same_bytes(m, ipvs_req_set_dest(FAMILY, &s->key,
			    d));
		}
		len = ipvs_enc_dest_svc(m, FAMILY, IPVS_CMD_DEL_DEST, &s->key);
		for (j = 0; j < t.e[i].n; j++) {
			const struct ipvs_dest *d = &t.e[i].dests[j];

			ck_assert_int_eq(ipvs_enc_dest_tail(m, len, &d->key,
			    NULL), 0);
			assert_same_bytes(m, ipvs_req_del_dest(FAMILY, &s->key,
			    &d->key));
		}
	}
	ipvs_table_free(&t);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_wire_details)
{
	struct ipvs_service s;
	struct ipvs_dest d;
	struct ip_vs_flags f;
	struct nl_msg *m;
	struct nlattr *a;
	const uint8_t *p;

	memset(&s, 0, sizeof(s));
	addr_from_string("192.0.2.1", &s.key.addr);
	s.key.af = AF_INET;
	s.key.protocol = IPPROTO_TCP;
	s.key.port = 0x1234;
	s.timeout = 300;
	s.flags = IP_VS_SVC_F_HASHED | IP_VS_SVC_F_ONEPACKET;
	m = ipvs_req_new_service(FAMILY, &s);
	/* Port in network order. */
	a = nested_attr(m, IPVS_CMD_ATTR_SERVICE, IPVS_SVC_ATTR_PORT);
	p = nla_data(a);
	ck_assert_int_eq(p[0], 0x12);
	ck_assert_int_eq(p[1], 0x34);
	/* 16-byte address, IPv4 first. */
	a = nested_attr(m, IPVS_CMD_ATTR_SERVICE, IPVS_SVC_ATTR_ADDR);
	ck_assert_int_eq(nla_len(a), 16);
	p = nla_data(a);
	ck_assert_int_eq(p[0], 192);
	ck_assert_int_eq(p[3], 1);
	ck_assert_int_eq(p[4] | p[15], 0);
	/* Flags with a full mask; HASHED never sent; persistence flagged. */
	a = nested_attr(m, IPVS_CMD_ATTR_SERVICE, IPVS_SVC_ATTR_FLAGS);
	ck_assert_int_eq(nla_len(a), sizeof(f));
	memcpy(&f, nla_data(a), sizeof(f));
	ck_assert_uint_eq(f.mask, ~0u);
	ck_assert_uint_eq(f.flags, IP_VS_SVC_F_ONEPACKET |
	    IP_VS_SVC_F_PERSISTENT);
	/* Netmask 0: IPv4 full mask. */
	a = nested_attr(m, IPVS_CMD_ATTR_SERVICE, IPVS_SVC_ATTR_NETMASK);
	ck_assert_uint_eq(nla_get_u32(a), 0xffffffffu);
	/* "" scheduler goes out as "none". */
	a = nested_attr(m, IPVS_CMD_ATTR_SERVICE, IPVS_SVC_ATTR_SCHED_NAME);
	ck_assert_str_eq(nla_data(a), "none");
	nlmsg_free(m);

	/* IPv6: prefix length, default 128. */
	addr_from_string("2001:db8::1", &s.key.addr);
	s.key.af = AF_INET6;
	m = ipvs_req_new_service(FAMILY, &s);
	a = nested_attr(m, IPVS_CMD_ATTR_SERVICE, IPVS_SVC_ATTR_NETMASK);
	ck_assert_uint_eq(nla_get_u32(a), 128);
	nlmsg_free(m);
	s.netmask = 48;
	m = ipvs_req_new_service(FAMILY, &s);
	a = nested_attr(m, IPVS_CMD_ATTR_SERVICE, IPVS_SVC_ATTR_NETMASK);
	ck_assert_uint_eq(nla_get_u32(a), 48);
	nlmsg_free(m);
	/* An IPv4 netmask stays in network order. */
	addr_from_string("192.0.2.1", &s.key.addr);
	s.key.af = AF_INET;
	s.netmask = htonl(0xffffff00);
	m = ipvs_req_new_service(FAMILY, &s);
	a = nested_attr(m, IPVS_CMD_ATTR_SERVICE, IPVS_SVC_ATTR_NETMASK);
	p = nla_data(a);
	ck_assert(p[0] == 255 && p[2] == 255 && p[3] == 0);
	nlmsg_free(m);

	/* fwmark: AF and FWMARK, no address, port or protocol. */
	memset(&s, 0, sizeof(s));
	s.key.af = AF_INET6;
	s.key.fwmark = 7;
	m = ipvs_req_del_service(FAMILY, &s.key);
	ck_assert_ptr_nonnull(nested_attr(m, IPVS_CMD_ATTR_SERVICE,
	    IPVS_SVC_ATTR_FWMARK));
	ck_assert_ptr_null(nested_attr(m, IPVS_CMD_ATTR_SERVICE,
	    IPVS_SVC_ATTR_ADDR));
	ck_assert_ptr_null(nested_attr(m, IPVS_CMD_ATTR_SERVICE,
	    IPVS_SVC_ATTR_PORT));
	a = nested_attr(m, IPVS_CMD_ATTR_SERVICE, IPVS_SVC_ATTR_AF);
	ck_assert_int_eq(nla_get_u16(a), AF_INET6);
	nlmsg_free(m);

	/* Dest: port and tunnel port network order, family explicit. */
	memset(&d, 0, sizeof(d));
	addr_from_string("2001:db8::2", &d.key.addr);
	d.key.port = 0x0102;
	d.fwd = IP_VS_CONN_F_TUNNEL;
	d.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	d.tun_port = 0x1718;
	d.tun_flags = IP_VS_TUNNEL_ENCAP_FLAG_CSUM;
	addr_from_string("192.0.2.1", &s.key.addr);
	s.key.af = AF_INET;
	s.key.fwmark = 0;
	m = ipvs_req_new_dest(FAMILY, &s.key, &d);
	p = nla_data(nested_attr(m, IPVS_CMD_ATTR_DEST, IPVS_DEST_ATTR_PORT));
	ck_assert(p[0] == 1 && p[1] == 2);
	p = nla_data(nested_attr(m, IPVS_CMD_ATTR_DEST,
	    IPVS_DEST_ATTR_TUN_PORT));
	ck_assert(p[0] == 0x17 && p[1] == 0x18);
	ck_assert_int_eq(nla_get_u16(nested_attr(m, IPVS_CMD_ATTR_DEST,
	    IPVS_DEST_ATTR_ADDR_FAMILY)), AF_INET6);
	nlmsg_free(m);
	/* No tunnel attributes unless TUN. */
	d.fwd = IP_VS_CONN_F_DROUTE;
	m = ipvs_req_new_dest(FAMILY, &s.key, &d);
	ck_assert_ptr_null(nested_attr(m, IPVS_CMD_ATTR_DEST,
	    IPVS_DEST_ATTR_TUN_TYPE));
	nlmsg_free(m);
	/* Unknown families are refused. */
	s.key.af = AF_UNIX;
	ck_assert_ptr_null(ipvs_req_new_service(FAMILY, &s));
}
END_TEST

START_TEST(test_daemon_round_trip)
{
	struct ipvs_daemon d, g;
	struct ipvs_timeouts t = { 900, 120, 300 }, tg;
	struct nl_msg *m;
	const uint8_t *p;
	int v6;

	for (v6 = 0; v6 < 2; v6++) {
		memset(&d, 0, sizeof(d));
		d.state = v6 ? IP_VS_STATE_BACKUP : IP_VS_STATE_MASTER;
		snprintf(d.ifname, sizeof(d.ifname), "eth%d", v6);
		d.sync_id = 200 + (uint32_t)v6;
		d.maxlen = 1400;
		addr_from_string(v6 ? "ff02::1:3" : "239.1.2.3", &d.group);
		d.port = 0x2292;
		d.ttl = 3;
		m = ipvs_req_new_daemon(FAMILY, &d);
		ck_assert_int_eq(ipvs_decode_daemon(nlmsg_hdr(m), &g), 0);
		ck_assert_uint_eq(g.state, d.state);
		ck_assert_str_eq(g.ifname, d.ifname);
		ck_assert_uint_eq(g.sync_id, d.sync_id);
		ck_assert_uint_eq(g.maxlen, 1400);
		ck_assert(addr_equal(&g.group, &d.group));
		ck_assert_uint_eq(g.port, 0x2292);
		ck_assert_uint_eq(g.ttl, 3);
		ck_assert_ptr_nonnull(nested_attr(m, IPVS_CMD_ATTR_DAEMON, v6 ?
		    IPVS_DAEMON_ATTR_MCAST_GROUP6 : IPVS_DAEMON_ATTR_MCAST_GROUP));
		ck_assert_ptr_null(nested_attr(m, IPVS_CMD_ATTR_DAEMON, v6 ?
		    IPVS_DAEMON_ATTR_MCAST_GROUP : IPVS_DAEMON_ATTR_MCAST_GROUP6));
		/* The sync port is the one host-order port on the wire. */
		p = nla_data(nested_attr(m, IPVS_CMD_ATTR_DAEMON,
		    IPVS_DAEMON_ATTR_MCAST_PORT));
		ck_assert_uint_eq(p[0] | p[1] << 8, 0x2292);
		nlmsg_free(m);
	}
	/* Defaults are left to the kernel. */
	memset(&d, 0, sizeof(d));
	d.state = IP_VS_STATE_MASTER;
	snprintf(d.ifname, sizeof(d.ifname), "eth0");
	m = ipvs_req_new_daemon(FAMILY, &d);
	ck_assert_ptr_null(nested_attr(m, IPVS_CMD_ATTR_DAEMON,
	    IPVS_DAEMON_ATTR_MCAST_PORT));
	ck_assert_ptr_null(nested_attr(m, IPVS_CMD_ATTR_DAEMON,
	    IPVS_DAEMON_ATTR_MCAST_GROUP));
	ck_assert_ptr_nonnull(nested_attr(m, IPVS_CMD_ATTR_DAEMON,
	    IPVS_DAEMON_ATTR_SYNC_ID));
	nlmsg_free(m);
	m = ipvs_req_del_daemon(FAMILY, IP_VS_STATE_BACKUP);
	ck_assert_int_eq(ipvs_decode_daemon(nlmsg_hdr(m), &g), 0);
	ck_assert_uint_eq(g.state, IP_VS_STATE_BACKUP);
	ck_assert_int_eq(ipvs_msg_cmd(nlmsg_hdr(m)), IPVS_CMD_DEL_DAEMON);
	nlmsg_free(m);

	m = ipvs_req_set_timeouts(FAMILY, &t);
	ck_assert_int_eq(ipvs_decode_timeouts(nlmsg_hdr(m), &tg), 0);
	ck_assert(tg.tcp == 900 && tg.tcp_fin == 120 && tg.udp == 300);
	nlmsg_free(m);

	/* Dumps and simple commands. */
	m = ipvs_req_dump_services(FAMILY);
	ck_assert((nlmsg_hdr(m)->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP);
	ck_assert_int_eq(ipvs_msg_cmd(nlmsg_hdr(m)), IPVS_CMD_GET_SERVICE);
	nlmsg_free(m);
	m = ipvs_req_dump_daemons(FAMILY);
	ck_assert_int_eq(ipvs_msg_cmd(nlmsg_hdr(m)), IPVS_CMD_GET_DAEMON);
	nlmsg_free(m);
	m = ipvs_req_flush(FAMILY);
	ck_assert_int_eq(ipvs_msg_cmd(nlmsg_hdr(m)), IPVS_CMD_FLUSH);
	ck_assert(nlmsg_hdr(m)->nlmsg_flags & NLM_F_REQUEST);
	nlmsg_free(m);
}
END_TEST

/* -- real kernel replies -- */

struct fixture {
	char tag[16];
	uint8_t *buf;
	size_t len;
};

static size_t
load_fixture(const char *name, struct fixture *out, size_t max)
{
	const char *top = getenv("abs_top_srcdir");
	char path[1024], tag[16], *hex = NULL;
	size_t n = 0, cap = 0, i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/test/unit/fixtures/%s",
	    top != NULL ? top : ".", name);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	while (n < max && fscanf(f, "%15s ", tag) == 1 &&
	    getline(&hex, &cap, f) > 0) {
		size_t len = strcspn(hex, "\r\n") / 2;

		snprintf(out[n].tag, sizeof(out[n].tag), "%s", tag);
		out[n].buf = malloc(len + 4);
		out[n].len = len;
		for (i = 0; i < len; i++) {
			unsigned v;

			ck_assert(sscanf(hex + 2 * i, "%2x", &v) == 1);
			out[n].buf[i] = (uint8_t)v;
		}
		n++;
	}
	free(hex);
	fclose(f);
	return n;
}

static const struct ipvs_service_key *
owner_of(const struct ipvs_table *t, const struct ipvs_dest_key *k)
{
	size_t i, j;

	for (i = 0; i < t->n; i++)
		for (j = 0; j < t->e[i].n; j++)
			if (ipvs_dest_key_equal(&t->e[i].dests[j].key, k))
				return &t->e[i].svc.key;
	ck_abort_msg("dest not in the example table");
	return NULL;
}

START_TEST(test_kernel_table)
{
	struct fixture fx[64];
	struct ipvs_table want, got;
	struct ipvs_service cur;
	struct ipvs_info info;
	struct ipvs_timeouts t;
	size_t n = load_fixture("ipvs-table.hex", fx, 64), i, dests = 0;

	ck_assert_uint_gt(n, 20);
	ipvs_table_example(&want);
	ipvs_table_init(&got);
	memset(&cur, 0, sizeof(cur));
	info.version = 0;
	for (i = 0; i < n; i++) {
		const struct nlmsghdr *nlh = (const void *)fx[i].buf;

		ck_assert(nlmsg_ok(nlh, (int)fx[i].len));
		if (strcmp(fx[i].tag, "service") == 0) {
			ck_assert_int_eq(ipvs_msg_cmd(nlh),
			    IPVS_CMD_NEW_SERVICE);
			ck_assert_int_eq(ipvs_decode_service(nlh, &cur), 0);
			ipvs_table_add_service(&got, &cur);
		} else if (strcmp(fx[i].tag, "dest") == 0) {
			struct ipvs_dest d;

			/* The reply does not name the service; the
			 * example's dest addresses are unique. */
			ck_assert_int_eq(ipvs_decode_dest(nlh, 0, &d), 0);
			ck_assert(ipvs_table_add_dest(&got,
			    owner_of(&want, &d.key), &d));
			dests++;
		} else if (strcmp(fx[i].tag, "info") == 0) {
			ck_assert_int_eq(ipvs_decode_info(nlh, &info), 0);
		} else if (strcmp(fx[i].tag, "config") == 0) {
			ck_assert_int_eq(ipvs_decode_timeouts(nlh, &t), 0);
			ck_assert(t.tcp == 900 && t.tcp_fin == 120 &&
			    t.udp == 300);
		}
	}
	ck_assert_uint_eq(info.version, 0x010201);
	ck_assert_uint_eq(got.n, want.n);
	ck_assert_uint_eq(dests, 16);
	/* Exactly the table ipvsadm programmed from ipvs-client.rules. */
	ck_assert_int_eq(ipvs_table_compare(&want, &got, stderr), 0);
	ipvs_table_free(&got);
	ipvs_table_free(&want);
	for (i = 0; i < n; i++)
		free(fx[i].buf);
}
END_TEST

START_TEST(test_kernel_daemons)
{
	struct fixture fx[8];
	struct ipvs_daemon d, seen[3];
	struct lvsd_addr g4, g6;
	size_t n = load_fixture("ipvs-daemons.hex", fx, 8), i, nd = 0;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n; i++) {
		if (strcmp(fx[i].tag, "daemon") != 0)
			continue;
		ck_assert_int_eq(ipvs_decode_daemon((const void *)fx[i].buf,
		    &d), 0);
		ck_assert_uint_le(d.state, 2);
		seen[d.state] = d;
		nd++;
	}
	ck_assert_uint_eq(nd, 2);
	addr_from_string("239.1.2.3", &g4);
	addr_from_string("ff02::1:3", &g6);
	/* ipvsadm --start-daemon master --mcast-interface sync0 --syncid 5
	 * --sync-maxlen 1400 --mcast-group 239.1.2.3 --mcast-port 8850
	 * --mcast-ttl 2 */
	d = seen[IP_VS_STATE_MASTER];
	ck_assert_str_eq(d.ifname, "sync0");
	ck_assert_uint_eq(d.sync_id, 5);
	ck_assert_uint_eq(d.maxlen, 1400);
	ck_assert(addr_equal(&d.group, &g4));
	ck_assert_uint_eq(d.port, 8850);
	ck_assert_uint_eq(d.ttl, 2);
	/* ... backup --syncid 6 --mcast-group ff02::1:3: kernel defaults. */
	d = seen[IP_VS_STATE_BACKUP];
	ck_assert_uint_eq(d.sync_id, 6);
	ck_assert(addr_equal(&d.group, &g6));
	ck_assert_uint_eq(d.port, 8848);
	ck_assert_uint_eq(d.ttl, 1);
	for (i = 0; i < n; i++)
		free(fx[i].buf);
}
END_TEST

/* Every prefix and every single-byte corruption of the real replies is
 * either decoded or refused: no crash, no read out of bounds (ASan). */
START_TEST(test_damaged_replies)
{
	struct fixture fx[64];
	size_t n = load_fixture("ipvs-table.hex", fx, 64), i, cut, k;
	struct ipvs_service s;
	struct ipvs_dest d;
	struct ipvs_daemon dm;
	struct ipvs_info info;
	struct ipvs_timeouts t;

	n += load_fixture("ipvs-daemons.hex", fx + n, 64 - n);
	for (i = 0; i < n; i++) {
		for (cut = 0; cut <= fx[i].len; cut++) {
			uint8_t *b = malloc(cut + 1);
			struct nlmsghdr *nlh = (void *)b;

			memcpy(b, fx[i].buf, cut);
			if (cut >= sizeof(*nlh))
				nlh->nlmsg_len = (uint32_t)cut;
			if (cut >= sizeof(*nlh) && nlmsg_ok(nlh, (int)cut)) {
				(void)ipvs_msg_cmd(nlh);
				(void)ipvs_decode_service(nlh, &s);
				(void)ipvs_decode_dest(nlh, AF_INET, &d);
				(void)ipvs_decode_daemon(nlh, &dm);
				(void)ipvs_decode_info(nlh, &info);
				(void)ipvs_decode_timeouts(nlh, &t);
			}
			free(b);
		}
		for (k = sizeof(struct nlmsghdr); k < fx[i].len; k++) {
			uint8_t *b = malloc(fx[i].len);

			memcpy(b, fx[i].buf, fx[i].len);
			b[k] ^= 0xff;
			(void)ipvs_decode_service((void *)b, &s);
			(void)ipvs_decode_dest((void *)b, AF_INET6, &d);
			(void)ipvs_decode_daemon((void *)b, &dm);
			free(b);
		}
	}
	/* A service without AF or key is refused. */
	{
		struct nl_msg *m = nlmsg_alloc();

		genlmsg_put(m, 0, 0, FAMILY, 0, 0, IPVS_CMD_NEW_SERVICE, 1);
		ck_assert_int_eq(ipvs_decode_service(nlmsg_hdr(m), &s),
		    -EINVAL);
		ck_assert_int_eq(ipvs_decode_dest(nlmsg_hdr(m), AF_INET, &d),
		    -EINVAL);
		nlmsg_free(m);
	}
	for (i = 0; i < n; i++)
		free(fx[i].buf);
}
END_TEST

/* A dest dump with the 64-bit counters (lvsctl, metrics); a counter of
 * the wrong size is refused. */
static struct nl_msg *
dest_with_stats(int conns_len)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *d, *st;
	uint32_t a = htonl(0xc0000201);
	uint64_t conns = 5;

	genlmsg_put(m, 0, 0, FAMILY, 0, 0, IPVS_CMD_NEW_DEST, 1);
	d = nla_nest_start(m, IPVS_CMD_ATTR_DEST);
	nla_put(m, IPVS_DEST_ATTR_ADDR, sizeof(a), &a);
	nla_put_u16(m, IPVS_DEST_ATTR_PORT, htons(80));
	st = nla_nest_start(m, IPVS_DEST_ATTR_STATS64);
	nla_put(m, IPVS_STATS_ATTR_CONNS, conns_len, &conns);
	nla_put_u64(m, IPVS_STATS_ATTR_INPKTS, 6);
	nla_put_u64(m, IPVS_STATS_ATTR_OUTPKTS, 7);
	nla_put_u64(m, IPVS_STATS_ATTR_INBYTES, 8);
	nla_put_u64(m, IPVS_STATS_ATTR_OUTBYTES, 1ull << 40);
	nla_nest_end(m, st);
	nla_nest_end(m, d);
	return m;
}

START_TEST(test_stats64)
{
	struct nl_msg *m = dest_with_stats(8);
	struct ipvs_dest d;

	ck_assert_int_eq(ipvs_decode_dest(nlmsg_hdr(m), AF_INET, &d), 0);
	ck_assert_uint_eq(d.key.port, 80);
	ck_assert(d.stats.conns == 5 && d.stats.inpkts == 6 &&
	    d.stats.outpkts == 7 && d.stats.inbytes == 8 &&
	    d.stats.outbytes == 1ull << 40);
	nlmsg_free(m);
	m = dest_with_stats(2);
	ck_assert_int_eq(ipvs_decode_dest(nlmsg_hdr(m), AF_INET, &d),
	    -EINVAL);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_helpers)
{
	struct ipvs_service a, b;
	struct ipvs_dest x, y;
	char buf[96];

	memset(&a, 0, sizeof(a));
	addr_from_string("2001:db8::1", &a.key.addr);
	a.key.af = AF_INET6;
	a.key.protocol = IPPROTO_TCP;
	a.key.port = 443;
	ipvs_service_key_format(&a.key, buf, sizeof(buf));
	ck_assert_str_eq(buf, "[2001:db8::1]:443/tcp");
	b = a;
	b.netmask = 128;        /* the default, spelled out */
	snprintf(b.sched, sizeof(b.sched), "none");
	ck_assert(ipvs_service_equal(&a, &b));
	b.timeout = 10;
	ck_assert(!ipvs_service_equal(&a, &b));
	a.timeout = 10;         /* persistence implies the flag */
	a.flags = IP_VS_SVC_F_PERSISTENT;
	ck_assert(ipvs_service_equal(&a, &b));
	memset(&b.key, 0, sizeof(b.key));
	b.key.af = AF_INET6;
	b.key.fwmark = 9;
	ipvs_service_key_format(&b.key, buf, sizeof(buf));
	ck_assert_str_eq(buf, "fwmark 9/inet6");
	ck_assert(!ipvs_service_key_equal(&a.key, &b.key));

	memset(&x, 0, sizeof(x));
	addr_from_string("192.0.2.5", &x.key.addr);
	x.key.port = 80;
	x.fwd = IP_VS_CONN_F_DROUTE;
	y = x;
	y.tun_port = 99;        /* ignored unless TUN */
	y.active_conns = 5;     /* counters never count */
	ck_assert(ipvs_dest_equal(&x, &y));
	x.fwd = y.fwd = IP_VS_CONN_F_TUNNEL;
	x.tun_type = y.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	ck_assert(!ipvs_dest_equal(&x, &y));
	ipvs_dest_key_format(&x.key, buf, sizeof(buf));
	ck_assert_str_eq(buf, "192.0.2.5:80");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ipvs_codec");
	TCase *tc = tcase_create("codec");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_service_round_trip);
	tcase_add_test(tc, test_wire_details);
	tcase_add_test(tc, test_reused_message);
	tcase_add_test(tc, test_dest_after_service);
	tcase_add_test(tc, test_daemon_round_trip);
	tcase_add_test(tc, test_kernel_table);
	tcase_add_test(tc, test_kernel_daemons);
	tcase_add_test(tc, test_damaged_replies);
	tcase_add_test(tc, test_helpers);
	tcase_add_test(tc, test_stats64);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
