// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IPVS client's requests, one function per kind (see client.h), and
 * the whole-table dump, which chains one dest dump per service.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "ipvs/client.h"
#include "ipvs/client_priv.h"

static bool
addr_ok(const struct lvsd_addr *a)
{
	return a->af == AF_INET || a->af == AF_INET6;
}

static bool
key_ok(const struct ipvs_service_key *k)
{
	return (k->af == AF_INET || k->af == AF_INET6) &&
	    (k->fwmark != 0 || k->addr.af == k->af);
}

static void
plain_done(struct ipvs_client *c, struct ipvs_req *r, int err)
{
	(void)c;
	if (r->done != NULL)
		r->done(r->arg, err);
}

static int
queue_plain(struct ipvs_client *c, struct nl_msg *m, ipvs_done_fn done,
    void *arg)
{
	struct ipvs_req t = { .on_done = plain_done, .done = done,
	    .arg = arg, .counted = true };

	return ipvs_client_queue(c, m, &t);
}

/* Service and dest requests: built in the client's one scratch message. */
static int
queue_scratch(struct ipvs_client *c, int enc_err, ipvs_done_fn done,
    void *arg)
{
	struct ipvs_req t = { .on_done = plain_done, .done = done,
	    .arg = arg, .counted = true };

	if (enc_err < 0)
		return -ENOMEM;
	return ipvs_client_queue_copy(c, c->scratch, &t);
}

static int
queue_service(struct ipvs_client *c, uint8_t cmd,
    const struct ipvs_service_key *k, const struct ipvs_service *full,
    ipvs_done_fn done, void *arg)
{
	if (!c->ok)
		return -EIO;
	c->scratch_svc_len = 0;
	return queue_scratch(c, ipvs_enc_service(c->scratch, c->family, cmd, k,
	    full), done, arg);
}

static int
queue_dest(struct ipvs_client *c, uint8_t cmd,
    const struct ipvs_service_key *svc, const struct ipvs_dest_key *k,
    const struct ipvs_dest *full, ipvs_done_fn done, void *arg)
{
	if (!c->ok)
		return -EIO;
	if (c->scratch_svc_len == 0 || c->scratch_cmd != cmd ||
	    !ipvs_service_key_equal(&c->scratch_svc, svc)) {
		c->scratch_svc_len = ipvs_enc_dest_svc(c->scratch, c->family,
		    cmd, svc);
		if (c->scratch_svc_len == 0)
			return queue_scratch(c, -EINVAL, done, arg);
		c->scratch_cmd = cmd;
		c->scratch_svc = *svc;
	}
	return queue_scratch(c, ipvs_enc_dest_tail(c->scratch,
	    c->scratch_svc_len, k, full), done, arg);
}

int
ipvs_client_add_service(struct ipvs_client *c, const struct ipvs_service *s,
    ipvs_done_fn done, void *arg)
{
	if (!key_ok(&s->key))
		return -EINVAL;
	return queue_service(c, IPVS_CMD_NEW_SERVICE, &s->key, s, done, arg);
}

int
ipvs_client_edit_service(struct ipvs_client *c, const struct ipvs_service *s,
    ipvs_done_fn done, void *arg)
{
	if (!key_ok(&s->key))
		return -EINVAL;
	return queue_service(c, IPVS_CMD_SET_SERVICE, &s->key, s, done, arg);
}

int
ipvs_client_del_service(struct ipvs_client *c,
    const struct ipvs_service_key *k, ipvs_done_fn done, void *arg)
{
	if (!key_ok(k))
		return -EINVAL;
	return queue_service(c, IPVS_CMD_DEL_SERVICE, k, NULL, done, arg);
}

int
ipvs_client_add_dest(struct ipvs_client *c,
    const struct ipvs_service_key *svc, const struct ipvs_dest *d,
    ipvs_done_fn done, void *arg)
{
	if (!key_ok(svc) || !addr_ok(&d->key.addr))
		return -EINVAL;
	return queue_dest(c, IPVS_CMD_NEW_DEST, svc, &d->key, d, done,
	    arg);
}

int
ipvs_client_edit_dest(struct ipvs_client *c,
    const struct ipvs_service_key *svc, const struct ipvs_dest *d,
    ipvs_done_fn done, void *arg)
{
	if (!key_ok(svc) || !addr_ok(&d->key.addr))
		return -EINVAL;
	return queue_dest(c, IPVS_CMD_SET_DEST, svc, &d->key, d, done,
	    arg);
}

int
ipvs_client_del_dest(struct ipvs_client *c,
    const struct ipvs_service_key *svc, const struct ipvs_dest_key *d,
    ipvs_done_fn done, void *arg)
{
	if (!key_ok(svc) || !addr_ok(&d->addr))
		return -EINVAL;
	return queue_dest(c, IPVS_CMD_DEL_DEST, svc, d, NULL, done, arg);
}

int
ipvs_client_start_daemon(struct ipvs_client *c, const struct ipvs_daemon *d,
    ipvs_done_fn done, void *arg)
{
	if (d->group.af != 0 && !addr_ok(&d->group))
		return -EINVAL;
	return queue_plain(c, ipvs_req_new_daemon(c->family, d), done, arg);
}

int
ipvs_client_stop_daemon(struct ipvs_client *c, uint32_t state,
    ipvs_done_fn done, void *arg)
{
	return queue_plain(c, ipvs_req_del_daemon(c->family, state), done, arg);
}

int
ipvs_client_set_timeouts(struct ipvs_client *c, const struct ipvs_timeouts *t,
    ipvs_done_fn done, void *arg)
{
	return queue_plain(c, ipvs_req_set_timeouts(c->family, t), done, arg);
}

int
ipvs_client_flush(struct ipvs_client *c, ipvs_done_fn done, void *arg)
{
	return queue_plain(c, ipvs_req_flush(c->family), done, arg);
}

static void
info_msg(struct ipvs_client *c, struct ipvs_req *r, const struct nlmsghdr *nlh)
{
	struct ipvs_info info;

	(void)c;
	if (ipvs_decode_info(nlh, &info) < 0)
		r->err = -EINVAL;
	else if (r->cb.info != NULL)
		r->cb.info(r->arg, &info);
}

int
ipvs_client_get_info(struct ipvs_client *c, ipvs_info_fn on_info,
    ipvs_done_fn done, void *arg)
{
	struct ipvs_req t = { .on_done = plain_done, .on_msg = info_msg,
	    .done = done, .arg = arg, .counted = true };

	t.cb.info = on_info;
	return ipvs_client_queue(c, ipvs_req_get_info(c->family), &t);
}

static void
dest_msg(struct ipvs_client *c, struct ipvs_req *r, const struct nlmsghdr *nlh)
{
	struct ipvs_dest d;

	(void)c;
	if (ipvs_decode_dest(nlh, r->key.af, &d) < 0)
		r->err = -EINVAL;
	else if (r->cb.dest != NULL)
		r->cb.dest(r->arg, &r->key, &d);
}

int
ipvs_client_dump_dests(struct ipvs_client *c,
    const struct ipvs_service_key *svc, ipvs_dest_fn on_dest,
    ipvs_done_fn done, void *arg)
{
	struct ipvs_req t = { .on_done = plain_done, .on_msg = dest_msg,
	    .done = done, .arg = arg, .counted = true, .key = *svc };

	if (!key_ok(svc))
		return -EINVAL;
	t.cb.dest = on_dest;
	return ipvs_client_queue(c, ipvs_req_dump_dests(c->family, svc), &t);
}

static void
daemon_msg(struct ipvs_client *c, struct ipvs_req *r,
    const struct nlmsghdr *nlh)
{
	struct ipvs_daemon d;

	(void)c;
	if (ipvs_decode_daemon(nlh, &d) < 0)
		r->err = -EINVAL;
	else if (r->cb.daemon != NULL)
		r->cb.daemon(r->arg, &d);
}

int
ipvs_client_dump_daemons(struct ipvs_client *c, ipvs_daemon_fn on_daemon,
    ipvs_done_fn done, void *arg)
{
	struct ipvs_req t = { .on_done = plain_done, .on_msg = daemon_msg,
	    .done = done, .arg = arg, .counted = true };

	t.cb.daemon = on_daemon;
	return ipvs_client_queue(c, ipvs_req_dump_daemons(c->family), &t);
}

/* -- whole table -- */

struct ipvs_table_dump {
	ipvs_service_fn on_service;
	ipvs_dest_fn on_dest;
	ipvs_done_fn done;
	void *arg;
	struct ipvs_service *svcs;
	size_t n, cap, next;
};

void
ipvs_table_dump_free(struct ipvs_table_dump *job)
{
	if (job == NULL)
		return;
	free(job->svcs);
	free(job);
}

static void
job_finish(struct ipvs_client *c, struct ipvs_table_dump *job, int err)
{
	ipvs_done_fn done = job->done;
	void *arg = job->arg;

	ipvs_table_dump_free(job);
	c->pending--;
	c->stats.requests++;
	if (err != 0)
		c->stats.errors++;
	if (done != NULL)
		done(arg, err);
}

static void job_next(struct ipvs_client *c, struct ipvs_table_dump *job);

static void
job_dest_msg(struct ipvs_client *c, struct ipvs_req *r,
    const struct nlmsghdr *nlh)
{
	struct ipvs_dest d;

	(void)c;
	if (ipvs_decode_dest(nlh, r->key.af, &d) < 0)
		r->err = -EINVAL;
	else if (r->job->on_dest != NULL)
		r->job->on_dest(r->job->arg, &r->key, &d);
}

static void
job_step_done(struct ipvs_client *c, struct ipvs_req *r, int err)
{
	if (err != 0)
		job_finish(c, r->job, err);
	else
		job_next(c, r->job);
}

/* Report the next service and dump its dests, or finish. */
static void
job_next(struct ipvs_client *c, struct ipvs_table_dump *job)
{
	const struct ipvs_service *s;
	struct ipvs_req t = { .on_done = job_step_done,
	    .on_msg = job_dest_msg, .job = job };
	int e;

	if (job->next == job->n || c->dumps_stopped) {
		job_finish(c, job, c->dumps_stopped ? -ECANCELED : 0);
		return;
	}
	s = &job->svcs[job->next++];
	if (job->on_service != NULL)
		job->on_service(job->arg, s);
	t.key = s->key;
	e = ipvs_client_queue(c, ipvs_req_dump_dests(c->family, &s->key), &t);
	if (e < 0)
		job_finish(c, job, e);
}

static void
job_service_msg(struct ipvs_client *c, struct ipvs_req *r,
    const struct nlmsghdr *nlh)
{
	struct ipvs_table_dump *job = r->job;
	struct ipvs_service s;

	(void)c;
	if (ipvs_decode_service(nlh, &s) < 0) {
		r->err = -EINVAL;
		return;
	}
	if (job->n == job->cap) {
		size_t cap = job->cap ? job->cap * 2 : 16;
		void *p = realloc(job->svcs, cap * sizeof(*job->svcs));

		if (p == NULL) {
			r->err = -ENOMEM;
			return;
		}
		job->svcs = p;
		job->cap = cap;
	}
	job->svcs[job->n++] = s;
}

void
ipvs_client_stop_dumps(struct ipvs_client *c)
{
	c->dumps_stopped = true;
}

int
ipvs_client_dump(struct ipvs_client *c, ipvs_service_fn on_service,
    ipvs_dest_fn on_dest, ipvs_done_fn done, void *arg)
{
	struct ipvs_table_dump *job = calloc(1, sizeof(*job));
	struct ipvs_req t = { .on_done = job_step_done,
	    .on_msg = job_service_msg };
	int e;

	if (c->dumps_stopped) {
		free(job);
		return -ECANCELED;
	}
	if (job == NULL)
		return -ENOMEM;
	job->on_service = on_service;
	job->on_dest = on_dest;
	job->done = done;
	job->arg = arg;
	t.job = job;
	e = ipvs_client_queue(c, ipvs_req_dump_services(c->family), &t);
	if (e < 0) {
		ipvs_table_dump_free(job);
		return e;
	}
	c->pending++;
	return 0;
}
