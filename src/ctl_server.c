// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The control socket: listening, clients, and the requests that wait for
 * engines (status, commands) or for a reload to finish.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "ctl_json.h"
#include "ctl_server.h"
#include "ctl_server_priv.h"
#include "engine.h"
#include "ipc/msg.h"
#include "log.h"
#include "parent_ctx.h"
#include "util.h"

/* -- answers -------------------------------------------------------------- */

struct json_object *
ctl_answer_new(bool ok, const char *error)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "schema_version",
	    json_object_new_int(CTL_SCHEMA_VERSION));
	json_object_object_add(o, "schema_minor",
	    json_object_new_int(CTL_SCHEMA_MINOR));
	json_object_object_add(o, "ok", json_object_new_boolean(ok));
	if (error != NULL)
		json_object_object_add(o, "error",
		    json_object_new_string(error));
	return o;
}

/* Send and free `answer` to the request's client, if it is still there. */
void
ctl_answer(struct ctl_client *c, uint32_t id, struct json_object *answer)
{
	if (c != NULL && ipc_channel_is_open(&c->ch))
		ctl_json_send(&c->ch, IPC_CTL_REPLY_PART, IPC_CTL_REPLY, id,
		    answer);
	json_object_put(answer);
}

/* -- requests that wait --------------------------------------------------- */

struct ctl_request *
ctl_request_new(struct ctl_server *s, struct ctl_client *c, uint16_t type,
    uint32_t client_id)
{
	struct ctl_request *r = xcalloc(1, sizeof(*r));

	r->srv = s;
	r->client = c;
	r->type = type;
	r->client_id = client_id;
	r->id = ++s->next_id;
	r->answer = ctl_answer_new(true, NULL);
	r->timeout.data = r;
	r->next = s->requests;
	s->requests = r;
	return r;
}

static void
request_unlink(struct ctl_request *r)
{
	struct ctl_request **pp;

	for (pp = &r->srv->requests; *pp != NULL; pp = &(*pp)->next)
		if (*pp == r) {
			*pp = r->next;
			break;
		}
	ev_timer_stop(r->srv->p->loop, &r->timeout);
}

void
ctl_request_finish(struct ctl_request *r)
{
	request_unlink(r);
	if (r->finish != NULL)
		r->finish(r);
	if (r->done != NULL)
		r->done(r->done_arg, r->answer);
	ctl_answer(r->client, r->client_id, r->answer);
	free(r);
}

/* A status goes out without the part; a command has failed. */
static void
part_missing(struct ctl_request *r, int k, const char *what)
{
	char why[96];

	r->waiting[k] = false;
	if (r->type == IPC_CTL_STATUS)
		return;
	snprintf(why, sizeof(why), "the %s %s", r->srv->p->engines[k].name,
	    what);
	json_object_object_add(r->answer, "ok", json_object_new_boolean(false));
	json_object_object_add(r->answer, "error", json_object_new_string(why));
}

static void
on_request_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct ctl_request *r = w->data;
	int k;

	(void)loop;
	(void)revents;
	for (k = 0; k < N_ENGINES; k++)
		if (r->waiting[k]) {
			log_warn("lvsctl: the %s did not answer request %u "
			    "within %.0f s", r->srv->p->engines[k].name, r->id,
			    CTL_ENGINE_TIMEOUT);
			part_missing(r, k, "did not answer in time");
		}
	ctl_request_finish(r);
}

/* Count an engine's part; the request finishes when none is missing. */
bool
ctl_request_wait(struct ctl_request *r)
{
	bool any = false;
	int k;

	for (k = 0; k < N_ENGINES; k++)
		any = any || r->waiting[k];
	if (!any) {
		ctl_request_finish(r);
		return false;
	}
	/* Armed once, by the first call: later parts must not re-init an
	 * active watcher. */
	if (!ev_is_active(&r->timeout)) {
		ev_timer_init(&r->timeout, on_request_timeout,
		    CTL_ENGINE_TIMEOUT, 0.);
		r->timeout.data = r;
		ev_timer_start(r->srv->p->loop, &r->timeout);
	}
	return true;
}

static struct ctl_request *
request_find(struct ctl_server *s, uint32_t id)
{
	struct ctl_request *r;

	for (r = s->requests; r != NULL; r = r->next)
		if (r->id == id)
			return r;
	return NULL;
}

void
ctl_engine_message(struct ctl_server *s, struct engine_child *e,
    const struct ipc_msg *msg)
{
	struct json_object *part = NULL;
	struct ctl_request *r;
	uint32_t status;
	int k;

	if (s == NULL)
		return;
	k = (int)(e - s->p->engines);
	if (msg->type == IPC_STATUS_PART) {
		if (ctl_json_buf_add(&s->rx[k], msg->data, msg->len) < 0)
			s->rx[k].len = 0;
		return;
	}
	if (msg->type == IPC_STATUS_END) {
		ctl_json_buf_add(&s->rx[k], msg->data, msg->len);
		part = ctl_json_buf_take(&s->rx[k]);
	}
	r = request_find(s, msg->id);
	if (r == NULL || !r->waiting[k]) {
		json_object_put(part);
		return;
	}
	r->waiting[k] = false;
	if (msg->type == IPC_STATUS_END) {
		if (part != NULL)
			json_object_object_add(r->answer, e->role->name, part);
	} else if (msg->type == IPC_CMD_DONE && msg->len >= 4) {
		memcpy(&status, msg->data, 4);
		if (status != 0) {
			json_object_object_add(r->answer, "ok",
			    json_object_new_boolean(false));
			json_object_object_add(r->answer, "error",
			    json_object_new_string_len(
			    (const char *)msg->data + 4, (int)msg->len - 4));
		}
	}
	ctl_request_wait(r);
}

void
ctl_engine_gone(struct ctl_server *s, struct engine_child *e)
{
	struct ctl_request *r, *next;
	int k;

	if (s == NULL)
		return;
	k = (int)(e - s->p->engines);
	s->rx[k].len = 0;
	for (r = s->requests; r != NULL; r = next) {
		next = r->next;
		if (!r->waiting[k])
			continue;
		part_missing(r, k, "exited before answering");
		ctl_request_wait(r);
	}
}

/* -- clients -------------------------------------------------------------- */

static void
client_free(struct ctl_client *c)
{
	struct ctl_server *s = c->srv;
	struct ctl_client **pp;
	struct ctl_request *r;

	for (pp = &s->clients; *pp != NULL; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	for (r = s->requests; r != NULL; r = r->next)
		if (r->client == c)
			r->client = NULL;
	ipc_channel_close(&c->ch);
	free(c);
}

static void
on_client_idle(struct ev_loop *loop, ev_idle *w, int revents)
{
	struct ctl_server *s = w->data;
	struct ctl_client *c, *next;

	(void)revents;
	ev_idle_stop(loop, w);
	for (c = s->clients; c != NULL; c = next) {
		next = c->next;
		if (c->closed)
			client_free(c);
	}
}

/* Freed from an idle watcher: the channel may still be on the stack. */
static void
on_client_closed(struct ipc_channel *ch, void *ctx, bool peer_closed)
{
	struct ctl_client *c = ctx;

	(void)ch;
	(void)peer_closed;
	c->closed = true;
	ev_idle_start(c->srv->p->loop, &c->srv->reaper);
}

static void
on_accept(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ctl_server *s = w->data;
	struct ucred cred;
	socklen_t len = sizeof(cred);
	struct ctl_client *c;
	struct json_object *no;
	int fd;

	(void)revents;
	fd = accept4(s->fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return;
	c = xcalloc(1, sizeof(*c));
	c->srv = s;
	ipc_channel_init(&c->ch);
	ipc_channel_open(&c->ch, loop, fd, "lvsctl client", ctl_handlers,
	    ctl_n_handlers, c, on_client_closed);
	c->next = s->clients;
	s->clients = c;
	/* The file mode keeps others out; this is the second lock. */
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
	    (cred.uid != 0 && (s->gid == (gid_t)-1 || cred.gid != s->gid))) {
		log_warn("lvsctl: refused a client (uid %d)",
		    len == sizeof(cred) ? (int)cred.uid : -1);
		no = ctl_answer_new(false, "permission denied");
		ctl_answer(c, 0, no);
		c->refused = true;
	}
}

static bool
parent_dir_exists(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	bool ok = true;

	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
			log_err("lvsctl socket: cannot create %s: %s", dir,
			    strerror(errno));
			ok = false;
		}
	}
	free(dir);
	return ok;
}

/* Another lvsd still answers there: do not steal its socket. */
static bool
socket_in_use(const struct sockaddr_un *sa)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool used;

	if (fd < 0)
		return false;
	used = connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0;
	close(fd);
	return used;
}

struct ctl_server *
ctl_server_new(struct parent_ctx *p, const char *path, const char *group)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct ctl_server *s;
	struct group *gr = NULL;
	mode_t old;
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		log_err("lvsctl socket %s: path too long", path);
		return NULL;
	}
	if (group != NULL && (gr = getgrnam(group)) == NULL) {
		log_err("lvsctl socket: no group %s", group);
		return NULL;
	}
	strcpy(sa.sun_path, path);
	if (!parent_dir_exists(path))
		return NULL;
	if (socket_in_use(&sa)) {
		log_err("lvsctl socket %s: another process answers there", path);
		return NULL;
	}
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return NULL;
	old = umask(0177);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 16) < 0) {
		umask(old);
		log_err("lvsctl socket %s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	umask(old);
	if (gr != NULL && (chown(path, 0, gr->gr_gid) < 0 ||
	    chmod(path, 0660) < 0))
		log_warn("lvsctl socket %s: cannot give it to group %s: %s",
		    path, group, strerror(errno));
	s = xcalloc(1, sizeof(*s));
	s->p = p;
	s->fd = fd;
	s->path = xstrdup(path);
	s->gid = gr != NULL ? gr->gr_gid : (gid_t)-1;
	ev_io_init(&s->accept_io, on_accept, fd, EV_READ);
	s->accept_io.data = s;
	ev_io_start(p->loop, &s->accept_io);
	ev_idle_init(&s->reaper, on_client_idle);
	s->reaper.data = s;
	log_info("lvsctl socket %s", path);
	return s;
}

static void
server_release(struct ctl_server *s, bool forget)
{
	struct ctl_request *r;
	int k;

	if (!forget) {
		ev_io_stop(s->p->loop, &s->accept_io);
		ev_idle_stop(s->p->loop, &s->reaper);
	}
	while (s->clients != NULL)
		client_free(s->clients);
	while ((r = s->requests) != NULL) {
		s->requests = r->next;
		ev_timer_stop(s->p->loop, &r->timeout);
		json_object_put(r->answer);
		free(r->drain_vs);
		free(r->drain_rs);
		free(r);
	}
	for (k = 0; k < N_ENGINES; k++)
		ctl_json_buf_free(&s->rx[k]);
	ctl_drain_free(s);
	close(s->fd);
	if (!forget)
		unlink(s->path);
	free(s->path);
	free(s);
}

void
ctl_server_free(struct ctl_server *s)
{
	if (s != NULL)
		server_release(s, false);
}

void
ctl_server_forget(struct ctl_server *s)
{
	if (s != NULL) {
		ev_io_stop(s->p->loop, &s->accept_io);
		ev_idle_stop(s->p->loop, &s->reaper);
		server_release(s, true);
	}
}
