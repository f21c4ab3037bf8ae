// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "engine.h"
#include "exitcode.h"
#include "ipc/event.h"
#include "ipc/msg.h"
#include "log.h"
#include "util.h"

/* How long an exiting engine keeps trying to deliver its last messages. */
#define DRAIN_TIMEOUT_MS 1000

const char *
engine_change_verb(enum cfg_change change)
{
	switch (change) {
	case CFG_ADDED:
		return "added";
	case CFG_REMOVED:
		return "removed";
	case CFG_CHANGED:
		return "changed";
	}
	return "?";
}

void
engine_send_event(struct engine *e, uint16_t type, uint32_t state,
    uint32_t prev_state, const char *object, const char *reason)
{
	struct ipc_event_head head = { state, prev_state, 0 };
	uint8_t buf[IPC_EVENT_BUF_SIZE];
	struct timespec ts;
	size_t len;

	clock_gettime(CLOCK_REALTIME, &ts);
	head.wall_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	len = ipc_event_encode(buf, &head, object, reason);
	ipc_channel_send(&e->parent, type, 0, buf, len);
}

static void
engine_exit(struct engine *e, int code)
{
	e->exit_code = code;
	ev_break(e->loop, EVBREAK_ALL);
}

static void
rx_reset(struct engine_rx *rx)
{
	free(rx->buf);
	free(rx->top_path);
	memset(rx, 0, sizeof(*rx));
}

/* The diagnostics as one text for CFG_FAILED, cut to fit one frame. */
static char *
diag_text(const struct diag_list *dl, size_t *len)
{
	char *text = xmalloc(IPC_MAX_PAYLOAD);
	char line[1024];
	size_t i, n = 0, l;

	for (i = 0; i < dl->n; i++) {
		diag_format(&dl->items[i], line, sizeof(line));
		l = strlen(line);
		if (n + l + 1 > IPC_MAX_PAYLOAD)
			break;
		memcpy(text + n, line, l);
		n += l;
		text[n++] = '\n';
	}
	*len = n > 0 ? n - 1 : 0;
	return text;
}

/* A whole bundle arrived: parse it exactly as the parent did, apply it. */
static void
engine_load(struct engine *e)
{
	struct config_options opts = { .check_interfaces = false };
	struct engine_rx *rx = &e->rx;
	struct lvsd_config *cfg = NULL;
	struct diag_list diags;
	struct cfg_source *src;
	char *text;
	size_t len;

	diag_init(&diags);
	src = cfg_source_bundle(rx->buf, rx->len);
	if (src == NULL) {
		diag_add(&diags, DIAG_ERROR, NULL, 0, 0,
		    "malformed configuration bundle (%zu bytes)", rx->len);
	} else {
		cfg = config_load(rx->top_path, src, &opts, &diags);
		cfg_source_free(src);
	}
	if (cfg == NULL) {
		log_err("configuration generation %u rejected (errors: %zu)",
		    rx->generation, diags.n_errors);
		text = diag_text(&diags, &len);
		ipc_channel_send(&e->parent, IPC_CFG_FAILED, rx->generation,
		    text, len);
		free(text);
		/* Without any configuration there is nothing to run. */
		if (e->running == NULL)
			engine_exit(e, LVSD_EXIT_CONFIG);
	} else {
		/* The role diffs the two and applies only the change. */
		e->role->apply(e, e->running, cfg);
		config_free(e->running);
		e->running = cfg;
		e->generation = rx->generation;
		log_info("configuration generation %u applied", e->generation);
		ipc_channel_send(&e->parent, IPC_CFG_APPLIED, e->generation,
		    NULL, 0);
	}
	diag_free(&diags);
	rx_reset(rx);
}

/* -- messages from the parent --------------------------------------------- */

static int
on_cfg_begin(void *ctx, const struct ipc_msg *msg)
{
	struct engine *e = ctx;
	struct engine_rx *rx = &e->rx;
	struct ipc_cfg_begin begin;
	size_t path_len = msg->len - sizeof(begin);

	if (rx->active) {
		log_err("CFG_BEGIN for generation %u while generation %u is "
		    "incomplete", msg->id, rx->generation);
		return -1;
	}
	memcpy(&begin, msg->data, sizeof(begin));
	if (begin.bundle_len == 0 || begin.bundle_len > IPC_MAX_BUNDLE ||
	    memchr(msg->data + sizeof(begin), '\0', path_len) != NULL) {
		log_err("CFG_BEGIN for generation %u: bad bundle length %u "
		    "or path", msg->id, begin.bundle_len);
		return -1;
	}
	rx->active = true;
	rx->generation = msg->id;
	rx->want = begin.bundle_len;
	rx->buf = xmalloc(rx->want);
	rx->top_path = xstrndup((const char *)msg->data + sizeof(begin),
	    path_len);
	log_debug("receiving configuration generation %u (%zu bytes, %s)",
	    rx->generation, rx->want, rx->top_path);
	return 0;
}

static int
on_cfg_chunk(void *ctx, const struct ipc_msg *msg)
{
	struct engine *e = ctx;
	struct engine_rx *rx = &e->rx;

	if (!rx->active || msg->id != rx->generation ||
	    msg->len > rx->want - rx->len) {
		log_err("unexpected CFG_CHUNK for generation %u (%u bytes)",
		    msg->id, msg->len);
		return -1;
	}
	memcpy(rx->buf + rx->len, msg->data, msg->len);
	rx->len += msg->len;
	return 0;
}

static int
on_cfg_end(void *ctx, const struct ipc_msg *msg)
{
	struct engine *e = ctx;
	struct engine_rx *rx = &e->rx;

	if (!rx->active || msg->id != rx->generation ||
	    rx->len != rx->want) {
		log_err("unexpected CFG_END for generation %u", msg->id);
		return -1;
	}
	engine_load(e);
	return 0;
}

static int
on_stop(void *ctx, const struct ipc_msg *msg)
{
	struct engine *e = ctx;

	(void)msg;
	log_info("stopping at the parent's request");
	engine_exit(e, LVSD_EXIT_OK);
	return 0;
}

/* The parent's watchdog: answering proves the loop still turns. */
static int
on_ping(void *ctx, const struct ipc_msg *msg)
{
	struct engine *e = ctx;

	ipc_channel_send(&e->parent, IPC_PONG, msg->id, NULL, 0);
	return 0;
}

static const struct ipc_handler parent_handlers[] = {
	{ IPC_CFG_BEGIN, sizeof(struct ipc_cfg_begin) + 1,
	    sizeof(struct ipc_cfg_begin) + IPC_MAX_PATH, on_cfg_begin },
	{ IPC_CFG_CHUNK, 1, IPC_MAX_PAYLOAD, on_cfg_chunk },
	{ IPC_CFG_END, 0, 0, on_cfg_end },
	{ IPC_STOP, 0, 0, on_stop },
	{ IPC_PING, 0, 0, on_ping },
};

static void
on_parent_closed(struct ipc_channel *ch, void *ctx, bool peer_closed)
{
	struct engine *e = ctx;

	(void)ch;
	if (peer_closed)
		log_err("the parent closed the channel; exiting");
	else
		log_err("lost the channel to the parent; exiting");
	engine_exit(e, LVSD_EXIT_FATAL);
}

static void
on_sigterm(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct engine *e = w->data;

	(void)loop;
	(void)revents;
	log_info("SIGTERM: stopping");
	engine_exit(e, LVSD_EXIT_OK);
}

/* -- life cycle ----------------------------------------------------------- */

/* Give the last queued answers (a CFG_FAILED before exiting) a bounded
 * chance to reach the parent once the loop has stopped. */
static void
engine_drain(struct engine *e)
{
	struct ipc_channel *ch = &e->parent;
	ev_tstamp deadline = ev_time() + DRAIN_TIMEOUT_MS / 1000.0;
	struct pollfd pfd;

	while (ipc_channel_is_open(ch) &&
	    ipc_writer_flush(&ch->writer, ch->fd) == 1) {
		pfd.fd = ch->fd;
		pfd.events = POLLOUT;
		if (ev_time() >= deadline ||
		    poll(&pfd, 1, (int)((deadline - ev_time()) * 1000)) <= 0)
			break;
	}
}

void
engine_main(const struct engine_role *role, int fd, pid_t parent_pid,
    unsigned flags)
{
	struct engine e;
	sigset_t none;

	memset(&e, 0, sizeof(e));
	e.role = role;
	e.flags = flags;
	e.exit_code = LVSD_EXIT_OK;
	log_set_role(role->name);
	(void)prctl(PR_SET_NAME, role->process_name, 0, 0, 0);
	/* Die with the parent; check it did not die before prctl. */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0) < 0 ||
	    getppid() != parent_pid)
		fatalx(LVSD_EXIT_FATAL, "parent pid %d is gone", (int)parent_pid);
	/* The parent alone decides about reloads and stops; a terminal's
	 * ^C reaches it too. */
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	e.loop = ev_default_loop(EVFLAG_AUTO);
	if (e.loop == NULL)
		fatalx(LVSD_EXIT_FATAL, "cannot create the event loop");
	ev_signal_init(&e.sigterm, on_sigterm, SIGTERM);
	e.sigterm.data = &e;
	ev_signal_start(e.loop, &e.sigterm);
	ipc_channel_init(&e.parent);
	ipc_channel_open(&e.parent, e.loop, fd, "parent", parent_handlers,
	    NITEMS(parent_handlers), &e, on_parent_closed);
	log_debug("started, pid %d", (int)getpid());

	ev_run(e.loop, 0);

	if (role->stop != NULL)
		role->stop(&e);
	engine_drain(&e);
	ipc_channel_close(&e.parent);
	ev_signal_stop(e.loop, &e.sigterm);
	config_free(e.running);
	rx_reset(&e.rx);
	log_debug("exiting with status %d", e.exit_code);
	exit(e.exit_code);
}
