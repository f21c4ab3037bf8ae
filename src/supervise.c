// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Supervision of the engines by the parent: fork, hand over the
 * configuration, reap, restart with backoff.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctl_server.h"
#include "engine.h"
#include "exitcode.h"
#include "ipc/event.h"
#include "ipc/msg.h"
#include "log.h"
#include "parent_ctx.h"
#include "util.h"

/* -- messages from an engine ---------------------------------------------- */

static int
on_cfg_applied(void *ctx, const struct ipc_msg *msg)
{
	struct engine_child *e = ctx;

	parent_engine_answered(e->parent, e, msg->id, true, NULL, 0);
	return 0;
}

static int
on_cfg_failed(void *ctx, const struct ipc_msg *msg)
{
	struct engine_child *e = ctx;

	parent_engine_answered(e->parent, e, msg->id, false,
	    (const char *)msg->data, msg->len);
	return 0;
}

static int
on_pong(void *ctx, const struct ipc_msg *msg)
{
	struct engine_child *e = ctx;

	(void)msg;
	e->last_pong = ev_now(e->parent->loop);
	return 0;
}

/* State changes the engines report; logged here, kept for lvsctl later. */
static int
on_event(void *ctx, const struct ipc_msg *msg)
{
	struct engine_child *e = ctx;
	struct ipc_event ev;
	char from[16], to[16];

	if (!ipc_event_decode(msg->data, msg->len, &ev))
		return -1;
	if (msg->type == IPC_EVT_VRRP_STATE) {
		snprintf(from, sizeof(from), "%s",
		    ipc_vrrp_state_name(ev.head.prev_state));
		snprintf(to, sizeof(to), "%s", ipc_vrrp_state_name(ev.head.state));
	} else {
		snprintf(from, sizeof(from), "%u", ev.head.prev_state);
		snprintf(to, sizeof(to), "%u", ev.head.state);
	}
	ctl_engine_event(e->parent->ctl, e, msg->type, &ev);
	log_info("event from %s: %s %s: %s -> %s%s%.*s%s", e->name,
	    ipc_msg_name(msg->type), ev.object, from, to,
	    ev.reason_len > 0 ? " (" : "", (int)ev.reason_len, ev.reason,
	    ev.reason_len > 0 ? ")" : "");
	return 0;
}

/* Status answers and command results for lvsctl requests. */
static int
on_ctl_answer(void *ctx, const struct ipc_msg *msg)
{
	struct engine_child *e = ctx;

	ctl_engine_message(e->parent->ctl, e, msg);
	return 0;
}

static const struct ipc_handler engine_handlers[] = {
	{ IPC_STATUS_PART, 1, IPC_MAX_PAYLOAD, on_ctl_answer },
	{ IPC_STATUS_END, 0, IPC_MAX_PAYLOAD, on_ctl_answer },
	{ IPC_CMD_DONE, 4, 4 + 512, on_ctl_answer },
	{ IPC_CFG_APPLIED, 0, 0, on_cfg_applied },
	{ IPC_CFG_FAILED, 0, IPC_MAX_PAYLOAD, on_cfg_failed },
	{ IPC_PONG, 0, 0, on_pong },
	{ IPC_EVT_VRRP_STATE, sizeof(struct ipc_event_head) + 1,
	    IPC_EVENT_BUF_SIZE, on_event },
	{ IPC_EVT_RS_STATE, sizeof(struct ipc_event_head) + 1,
	    IPC_EVENT_BUF_SIZE, on_event },
	{ IPC_EVT_VS_STATE, sizeof(struct ipc_event_head) + 1,
	    IPC_EVENT_BUF_SIZE, on_event },
	{ IPC_EVT_IPVS_REPAIR, sizeof(struct ipc_event_head) + 1,
	    IPC_EVENT_BUF_SIZE, on_event },
};

/*
 * An engine whose loop is stuck (a bug, a blocking call) still looks alive
 * to waitpid while it does none of its work: a vrrp engine that holds the
 * addresses but sends no adverts makes the peer take them too.  PING it;
 * one that has not answered for WATCHDOG_TIMEOUT is killed, and the exit
 * watcher restarts it, which reconciles the kernel state it owns.
 */
static void
on_watchdog(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct engine_child *e = w->data;
	double silent = ev_now(loop) - e->last_pong;

	(void)revents;
	if (e->pid <= 0 || e->parent->stopping)
		return;
	if (silent >= WATCHDOG_TIMEOUT) {
		log_err("%s pid %d has not answered for %.0f s; killing it",
		    e->name, (int)e->pid, silent);
		kill(e->pid, SIGKILL);
		ev_timer_stop(loop, w);
		return;
	}
	ipc_channel_send(&e->channel, IPC_PING, ++e->ping_seq, NULL, 0);
}

/*
 * An engine closes its end only by exiting, which the exit watcher reports.
 * A channel closed on an error leaves an engine we cannot talk to: stop it,
 * and the exit watcher restarts it.
 */
static void
on_channel_closed(struct ipc_channel *ch, void *ctx, bool peer_closed)
{
	struct engine_child *e = ctx;

	(void)ch;
	if (peer_closed || e->pid <= 0 || e->parent->stopping)
		return;
	log_err("%s pid %d: channel broken; sending SIGTERM", e->name,
	    (int)e->pid);
	kill(e->pid, SIGTERM);
}

/* -- start ---------------------------------------------------------------- */

bool
engine_child_send_config(struct engine_child *e)
{
	struct parent_ctx *p = e->parent;
	struct ipc_cfg_begin begin = { (uint32_t)p->bundle_len };
	const char *path = p->opts->config_path;
	size_t path_len = strlen(path), off, n;
	uint8_t *head = xmalloc(sizeof(begin) + path_len);
	bool ok;

	memcpy(head, &begin, sizeof(begin));
	memcpy(head + sizeof(begin), path, path_len);
	ok = ipc_channel_send(&e->channel, IPC_CFG_BEGIN, p->generation, head,
	    sizeof(begin) + path_len) == 0;
	free(head);
	for (off = 0; ok && off < p->bundle_len; off += n) {
		n = p->bundle_len - off;
		if (n > IPC_MAX_PAYLOAD)
			n = IPC_MAX_PAYLOAD;
		ok = ipc_channel_send(&e->channel, IPC_CFG_CHUNK,
		    p->generation, p->bundle + off, n) == 0;
	}
	ok = ok && ipc_channel_send(&e->channel, IPC_CFG_END, p->generation,
	    NULL, 0) == 0;
	if (ok)
		ctl_engine_configured(p->ctl, e);
	if (ok)
		log_debug("%s: generation %u queued (%zu bytes)", e->name,
		    p->generation, p->bundle_len);
	else
		log_err("%s: cannot send configuration generation %u",
		    e->name, p->generation);
	return ok;
}

static unsigned
engine_flags(const struct parent_options *opts)
{
	return (opts->dont_release_vrrp ? ENGINE_F_DONT_RELEASE_VRRP : 0) |
	    (opts->dont_release_ipvs ? ENGINE_F_DONT_RELEASE_IPVS : 0);
}

static void
schedule_restart(struct engine_child *e, double delay)
{
	ev_timer_stop(e->parent->loop, &e->restart_timer);
	ev_timer_set(&e->restart_timer, delay, 0.);
	ev_timer_start(e->parent->loop, &e->restart_timer);
}

bool
engine_child_start(struct engine_child *e)
{
	struct parent_ctx *p = e->parent;
	pid_t parent_pid = getpid(), pid;
	double delay;
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
	    sv) < 0) {
		log_err("cannot start %s: socketpair: %s", e->name,
		    strerror(errno));
		goto retry;
	}
	fflush(NULL); /* or buffered output would be written twice */
	pid = fork();
	if (pid < 0) {
		log_err("cannot start %s: fork: %s", e->name, strerror(errno));
		close(sv[0]);
		close(sv[1]);
		goto retry;
	}
	if (pid == 0) {
		/* The child's copy of the running configuration is the very
		 * one the parent validated: it starts from it without being
		 * sent (and parsing) the bundle.  Reloads send bundles, and
		 * so does a restart once the parent has freed its model. */
		struct lvsd_config *cfg = p->config;
		uint32_t generation = p->generation;
		unsigned flags = engine_flags(p->opts);

		close(sv[0]);
		p->config = NULL;
		parent_forget(p);
		engine_main(e->role, sv[1], parent_pid, flags, cfg, generation);
	}
	close(sv[1]);
	e->pid = pid;
	e->started_at = ev_now(p->loop);
	ev_child_set(&e->exit_watcher, pid, 0);
	ev_child_start(p->loop, &e->exit_watcher);
	ipc_channel_open(&e->channel, p->loop, sv[0], e->name,
	    engine_handlers, NITEMS(engine_handlers), e, on_channel_closed);
	e->last_pong = ev_now(p->loop);
	ev_timer_set(&e->watchdog, WATCHDOG_INTERVAL, WATCHDOG_INTERVAL);
	ev_timer_start(p->loop, &e->watchdog);
	/* What the parent keeps for it besides the configuration (the
	 * drain set) follows on the channel, after the bundle if it needs
	 * one (engine_child_send_config sends it then). */
	if (p->config != NULL)
		ctl_engine_configured(p->ctl, e);
	else if (!engine_child_send_config(e))
		log_err("%s pid %d: cannot send it generation %u", e->name,
		    (int)pid, p->generation);
	log_info("%s started, pid %d, with generation %u", e->name, (int)pid,
	    p->generation);
	return true;

retry:
	delay = restart_policy_on_start_failure(&e->restart);
	schedule_restart(e, delay);
	log_info("%s: next attempt in %.1f s", e->name, delay);
	return false;
}

static void
on_restart_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct engine_child *e = w->data;

	(void)loop;
	(void)revents;
	if (e->parent->stopping || !e->wanted || e->pid > 0)
		return;
	engine_child_start(e);
}

/* -- exit ----------------------------------------------------------------- */

static void
describe_exit(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exited with status %d%s",
		    WEXITSTATUS(status),
		    WEXITSTATUS(status) == LVSD_EXIT_CONFIG ?
		    " (configuration error)" : "");
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "exited on signal %d (%s)%s",
		    WTERMSIG(status), strsignal(WTERMSIG(status)),
		    WCOREDUMP(status) ? ", core dumped" : "");
	else
		snprintf(buf, len, "ended with wait status 0x%x", status);
}

static void
on_engine_exit(struct ev_loop *loop, ev_child *w, int revents)
{
	struct engine_child *e = w->data;
	struct parent_ctx *p = e->parent;
	double uptime = ev_now(loop) - e->started_at;
	int pid = (int)e->pid;
	double delay;
	char how[96];

	(void)revents;
	ev_child_stop(loop, w);
	ev_timer_stop(loop, &e->watchdog);
	ipc_channel_close(&e->channel);
	e->pid = 0;
	describe_exit(w->rstatus, how, sizeof(how));

	if (p->stopping) {
		log_info("%s pid %d %s", e->name, pid, how);
	} else if (!e->wanted) {
		log_info("%s pid %d %s; not needed any more", e->name, pid,
		    how);
		/* If a reload wants it again, it starts with a clean slate. */
		restart_policy_init(&e->restart);
	} else {
		delay = restart_policy_on_exit(&e->restart, w->rstatus, uptime);
		if (delay < 0) {
			log_err("%s pid %d %s, %u times in a row; giving up",
			    e->name, pid, how, e->restart.config_exits);
			parent_shutdown(p, LVSD_EXIT_CONFIG);
		} else {
			schedule_restart(e, delay);
			log_warn("%s pid %d %s after %.1f s; restarting in "
			    "%.1f s", e->name, pid, how, uptime, delay);
		}
	}
	parent_engine_exited(p, e);
}

/* -- control -------------------------------------------------------------- */

void
engine_child_init(struct engine_child *e, struct parent_ctx *p,
    const struct engine_role *role)
{
	memset(e, 0, sizeof(*e));
	e->parent = p;
	e->role = role;
	snprintf(e->name, sizeof(e->name), "%s engine", role->name);
	restart_policy_init(&e->restart);
	ipc_channel_init(&e->channel);
	ev_child_init(&e->exit_watcher, on_engine_exit, 0, 0);
	e->exit_watcher.data = e;
	ev_timer_init(&e->restart_timer, on_restart_timer, 0., 0.);
	e->restart_timer.data = e;
	ev_timer_init(&e->watchdog, on_watchdog, 0., 0.);
	e->watchdog.data = e;
}

void
engine_child_stop(struct engine_child *e)
{
	if (e->pid <= 0)
		return;
	if (ipc_channel_send(&e->channel, IPC_STOP, 0, NULL, 0) == 0) {
		log_info("%s pid %d: asked to stop", e->name, (int)e->pid);
		return;
	}
	log_info("%s pid %d: sending SIGTERM", e->name, (int)e->pid);
	kill(e->pid, SIGTERM);
}

bool
engine_child_running(const struct engine_child *e)
{
	return e->pid > 0;
}

bool
engine_child_restart_pending(const struct engine_child *e)
{
	return ev_is_active(&e->restart_timer);
}

void
engine_child_cancel_restart(struct engine_child *e)
{
	ev_timer_stop(e->parent->loop, &e->restart_timer);
}

void
engine_child_forget(struct engine_child *e)
{
	struct ev_loop *loop = e->parent->loop;

	ev_child_stop(loop, &e->exit_watcher);
	ev_timer_stop(loop, &e->restart_timer);
	ev_timer_stop(loop, &e->watchdog);
	ipc_channel_close(&e->channel);
}
