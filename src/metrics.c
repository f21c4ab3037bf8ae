// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <ev.h>
#include <json-c/json.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config/config.h"
#include "ctl_server.h"
#include "dynlib.h"
#include "log.h"
#include "metrics.h"
#include "parent_ctx.h"
#include "util.h"

/*
 * libmicrohttpd is loaded when metrics are turned on, not linked: its
 * GnuTLS initialises at load and costs every lvsd process that never
 * serves /metrics 2.8 MB resident (measured).  The package depends on it.
 */
#define MHD_SONAME "libmicrohttpd.so.12"

struct mhd_api {
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_run) *run;
	__typeof__(MHD_get_timeout) *get_timeout;
	__typeof__(MHD_get_daemon_info) *get_daemon_info;
	__typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
	__typeof__(MHD_suspend_connection) *suspend_connection;
	__typeof__(MHD_resume_connection) *resume_connection;
};

struct metrics {
	struct parent_ctx *p;
	struct mhd_api mhd;
	struct MHD_Daemon *d;
	ev_io io;
	ev_timer timer;
};

/* Fill `a` from the library; false (logged) when it cannot be. */
static bool
mhd_load(struct mhd_api *a)
{
	static const struct dynlib_sym syms[] = {
#define MHD_SYM(f) { "MHD_" #f, offsetof(struct mhd_api, f) }
		MHD_SYM(start_daemon), MHD_SYM(stop_daemon), MHD_SYM(run),
		MHD_SYM(get_timeout), MHD_SYM(get_daemon_info),
		MHD_SYM(create_response_from_buffer),
		MHD_SYM(add_response_header), MHD_SYM(queue_response),
		MHD_SYM(destroy_response), MHD_SYM(suspend_connection),
		MHD_SYM(resume_connection),
#undef MHD_SYM
	};

	return dynlib_load("metrics", MHD_SONAME, syms,
	    sizeof(syms) / sizeof(syms[0]), a);
}

/* One scrape: suspended while the engines answer. */
struct scrape {
	struct metrics *m;
	struct MHD_Connection *conn;
	char *text;
	size_t len;
	bool ready;
};

static void metrics_run(struct metrics *m);

static void
on_status(void *arg, struct json_object *answer)
{
	struct scrape *s = arg;

	s->text = metrics_render(answer, &s->len);
	s->ready = true;
	s->m->mhd.resume_connection(s->conn);
	metrics_run(s->m);
}

static enum MHD_Result
plain(const struct mhd_api *mhd, struct MHD_Connection *conn, unsigned code,
    const char *text)
{
	struct MHD_Response *r = mhd->create_response_from_buffer(
	    strlen(text), (void *)(uintptr_t)text, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result rc;

	mhd->add_response_header(r, "Content-Type", "text/plain");
	rc = mhd->queue_response(conn, code, r);
	mhd->destroy_response(r);
	return rc;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct metrics *m = cls;
	struct scrape *s = *con_cls;
	struct MHD_Response *r;
	enum MHD_Result rc;

	(void)version;
	(void)upload_data;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return plain(&m->mhd, conn, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "only GET\n");
	if (*upload_data_size != 0)
		return MHD_NO;
	if (strcmp(url, "/metrics") != 0)
		return plain(&m->mhd, conn, MHD_HTTP_NOT_FOUND, "see /metrics\n");
	if (s == NULL) {
		if (m->p->ctl == NULL)
			return plain(&m->mhd, conn, MHD_HTTP_SERVICE_UNAVAILABLE,
			    "lvsd has no control socket\n");
		s = xcalloc(1, sizeof(*s));
		s->m = m;
		s->conn = conn;
		*con_cls = s;
		m->mhd.suspend_connection(conn);
		ctl_collect_status(m->p->ctl, on_status, s);
		return MHD_YES;
	}
	if (!s->ready)
		return MHD_YES;
	r = m->mhd.create_response_from_buffer(s->len, s->text,
	    MHD_RESPMEM_MUST_FREE);
	s->text = NULL;
	m->mhd.add_response_header(r, "Content-Type",
	    "text/plain; version=0.0.4; charset=utf-8");
	rc = m->mhd.queue_response(conn, MHD_HTTP_OK, r);
	m->mhd.destroy_response(r);
	return rc;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct metrics *m = cls;
	struct scrape *s = *con_cls;

	(void)conn;
	(void)toe;
	if (s == NULL)
		return;
	ctl_cancel_collect(m->p->ctl, s);
	free(s->text);
	free(s);
	*con_cls = NULL;
}

/* Let MHD do what is due, then wait for its fd or its next deadline. */
static void
metrics_run(struct metrics *m)
{
	MHD_UNSIGNED_LONG_LONG ms;

	m->mhd.run(m->d);
	ev_timer_stop(m->p->loop, &m->timer);
	if (m->mhd.get_timeout(m->d, &ms) == MHD_YES) {
		ev_timer_set(&m->timer, (double)ms / 1000.0, 0.);
		ev_timer_start(m->p->loop, &m->timer);
	}
}

static void
on_io(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop;
	(void)revents;
	metrics_run(w->data);
}

static void
on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	metrics_run(w->data);
}

struct metrics *
metrics_start(struct parent_ctx *p)
{
	struct sockaddr_storage ss;
	const union MHD_DaemonInfo *info;
	struct metrics *m;
	char where[80];
	unsigned flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME;

	if (p->metrics_port == 0)
		return NULL;
	memset(&ss, 0, sizeof(ss));
	if (p->metrics_address.af == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = p->metrics_address.u.v6;
		s6->sin6_port = htons(p->metrics_port);
		flags |= MHD_USE_IPv6;
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_addr.s_addr = p->metrics_address.af == AF_INET ?
		    p->metrics_address.u.v4.s_addr : htonl(INADDR_LOOPBACK);
		s4->sin_port = htons(p->metrics_port);
	}
	addr_port_to_string(p->metrics_address.af != 0 ? &p->metrics_address :
	    &(struct lvsd_addr){ .af = AF_INET,
	    .u.v4.s_addr = htonl(INADDR_LOOPBACK) }, p->metrics_port, where,
	    sizeof(where));
	m = xcalloc(1, sizeof(*m));
	m->p = p;
	if (!mhd_load(&m->mhd)) {
		free(m);
		return NULL;
	}
	m->d = m->mhd.start_daemon(flags, p->metrics_port, NULL, NULL,
	    on_request, m, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, m,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)16,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
	    MHD_OPTION_END);
	info = m->d != NULL ? m->mhd.get_daemon_info(m->d,
	    MHD_DAEMON_INFO_EPOLL_FD) : NULL;
	if (info == NULL) {
		log_err("metrics: cannot listen on %s", where);
		if (m->d != NULL)
			m->mhd.stop_daemon(m->d);
		free(m);
		return NULL;
	}
	ev_io_init(&m->io, on_io, info->epoll_fd, EV_READ);
	m->io.data = m;
	ev_io_start(p->loop, &m->io);
	ev_timer_init(&m->timer, on_timer, 0., 0.);
	m->timer.data = m;
	log_info("metrics: http://%s/metrics", where);
	return m;
}

void
metrics_stop(struct metrics *m)
{
	if (m == NULL)
		return;
	ev_io_stop(m->p->loop, &m->io);
	ev_timer_stop(m->p->loop, &m->timer);
	m->mhd.stop_daemon(m->d);
	free(m);
}

void
metrics_forget(struct metrics *m)
{
	const union MHD_DaemonInfo *info;
	int listen_fd = -1, epoll_fd = -1, null_fd;
	unsigned conns = 1;

	if (m == NULL)
		return;
	ev_io_stop(m->p->loop, &m->io);
	ev_timer_stop(m->p->loop, &m->timer);
	if ((info = m->mhd.get_daemon_info(m->d, MHD_DAEMON_INFO_LISTEN_FD)))
		listen_fd = info->listen_fd;
	if ((info = m->mhd.get_daemon_info(m->d, MHD_DAEMON_INFO_EPOLL_FD)))
		epoll_fd = info->epoll_fd;
	if ((info = m->mhd.get_daemon_info(m->d,
	    MHD_DAEMON_INFO_CURRENT_CONNECTIONS)))
		conns = info->num_connections;
	/* The sockets are shared with the parent: a shutdown() here would
	 * stop the parent's listener.  Put /dev/null behind the fds, then
	 * let MHD free its state; with a scrape in flight (its connection
	 * would be shut down too) only close our copies. */
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (conns == 0 && null_fd >= 0 && listen_fd >= 0 && epoll_fd >= 0 &&
	    dup2(null_fd, listen_fd) >= 0 && dup2(null_fd, epoll_fd) >= 0) {
		m->mhd.stop_daemon(m->d);
	} else {
		if (listen_fd >= 0)
			close(listen_fd);
		if (epoll_fd >= 0)
			close(epoll_fd);
	}
	if (null_fd >= 0)
		close(null_fd);
	free(m);
}
