// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The parent: configuration, reload and shutdown.  Forking and restarting
 * the engines is in supervise.c.
 */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check/check_engine.h"
#include "config/config.h"
#include "ctl_server.h"
#include "metrics.h"
#include "daemon.h"
#include "engine.h"
#include "exitcode.h"
#include "ipc/msg.h"
#include "log.h"
#include "notify.h"
#include "parent_ctx.h"
#include "pidfile.h"
#include "util.h"
#include "vrrp/vrrp_engine.h"

static void parent_reload(struct parent_ctx *p);

/* -- configuration -------------------------------------------------------- */

/* Log every diagnostic; also into the json array `out` when not NULL. */
static void
log_diags(const struct diag_list *dl, struct json_object *out)
{
	char line[1024];
	size_t i;

	for (i = 0; i < dl->n; i++) {
		diag_format(&dl->items[i], line, sizeof(line));
		if (out != NULL)
			json_object_array_add(out,
			    json_object_new_string(line));
		if (dl->items[i].severity == DIAG_ERROR)
			log_err("%s", line);
		else
			log_warn("%s", line);
	}
}

/* What the control socket and metrics need of global_defs, kept apart
 * from the parsed model (only the start's values are used). */
static void
keep_ctl_settings(struct parent_ctx *p, const struct lvsd_config *cfg)
{
	const struct cfg_global *g = &cfg->global;

	free(p->ctl_socket_cfg);
	free(p->ctl_group_cfg);
	p->ctl_socket_cfg = g->lvsctl_socket != NULL ?
	    xstrdup(g->lvsctl_socket) : NULL;
	p->ctl_group_cfg = g->lvsctl_socket_group != NULL ?
	    xstrdup(g->lvsctl_socket_group) : NULL;
	p->metrics_address = g->metrics_address;
	p->metrics_port = g->metrics_port;
}

/*
 * Read the configuration from disk, recording every file it reads into a
 * bundle for the engines.  On success it replaces the running one and the
 * generation goes up; on any error nothing changes.
 */
static bool
parent_load(struct parent_ctx *p)
{
	/* The config id and the lenient switch go into the bundle too. */
	struct config_options opts = { .check_interfaces = true,
	    .config_id = p->opts->config_id, .lenient = p->opts->lenient };
	const char *path = p->opts->config_path;
	struct cfg_source *src = cfg_source_disk(true);
	struct lvsd_config *cfg;
	struct diag_list diags;
	const uint8_t *bundle;
	size_t len = 0;

	diag_init(&diags);
	cfg = config_load(path, src, &opts, &diags);
	json_object_put(p->load_diags);
	p->load_diags = json_object_new_array();
	log_diags(&diags, p->load_diags);
	if (cfg != NULL) {
		bundle = cfg_source_disk_bundle(src, &len);
		if (len > IPC_MAX_BUNDLE) {
			log_err("%s: %zu bytes with its includes; the limit "
			    "is %u", path, len, IPC_MAX_BUNDLE);
			config_free(cfg);
			cfg = NULL;
		}
	}
	if (cfg != NULL) {
		keep_ctl_settings(p, cfg);
		config_free(p->config);
		free(p->bundle);
		p->config = cfg;
		p->n_vrrp_instances = cfg->n_vrrp_instances;
		p->n_virtual_servers = cfg->n_virtual_servers;
		p->bundle = xmalloc(len);
		memcpy(p->bundle, bundle, len);
		p->bundle_len = len;
		p->generation++;
	} else {
		log_err("%s: configuration invalid (errors: %zu, warnings: "
		    "%zu)", path, diags.n_errors, diags.n_warnings);
		/* A bundle over the limit is one error without a diagnostic. */
		p->last_reload_errors = diags.n_errors > 0 ? diags.n_errors : 1;
	}
	diag_free(&diags);
	cfg_source_free(src);
	p->last_load_ok = cfg != NULL;
	return cfg != NULL;
}

bool
parent_check_file(struct parent_ctx *p, const char *path,
    struct json_object *out)
{
	struct config_options opts = { .check_interfaces = true,
	    .config_id = p->opts->config_id, .lenient = p->opts->lenient };
	struct cfg_source *src = cfg_source_disk(false);
	struct lvsd_config *cfg;
	struct diag_list diags;
	char line[1024];
	bool ok;
	size_t i;

	diag_init(&diags);
	cfg = config_load(path, src, &opts, &diags);
	for (i = 0; i < diags.n; i++) {
		diag_format(&diags.items[i], line, sizeof(line));
		json_object_array_add(out, json_object_new_string(line));
	}
	ok = cfg != NULL && diags.n_errors == 0;
	config_free(cfg);
	diag_free(&diags);
	cfg_source_free(src);
	return ok;
}

/* A reload attempt ended: counted for lvsctl and metrics. */
static void
reload_finished(struct parent_ctx *p, bool ok)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	p->last_reload_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	p->last_reload_ok = ok;
	if (ok)
		p->reloads_ok++;
	else
		p->reloads_failed++;
	ctl_reload_done(p->ctl, p->reload_seq, ok);
}

/* Should engine `kind` run?  If not, *why says so for the log. */
static bool
engine_is_wanted(const struct parent_ctx *p, enum engine_kind kind,
    const char **why)
{
	if (kind == ENGINE_VRRP) {
		*why = !p->opts->run_vrrp ? "only -C/--check was selected" :
		    p->n_vrrp_instances == 0 ?
		    "the configuration has no vrrp_instance" : NULL;
	} else {
		*why = !p->opts->run_check ? "only -P/--vrrp was selected" :
		    p->n_virtual_servers == 0 ?
		    "the configuration has no virtual_server" : NULL;
	}
	return *why == NULL;
}

static const char *
push_name(const struct parent_ctx *p)
{
	return p->generation == 1 ? "startup" : "reload";
}

/* Every engine answered the running generation, or the wait timed out. */
static void
push_done(struct parent_ctx *p)
{
	ev_timer_stop(p->loop, &p->answer_timer);
	if (p->answer_failed)
		log_err("%s of generation %u incomplete: not every engine "
		    "applied it", push_name(p), p->generation);
	else
		log_info("%s complete (generation %u)", push_name(p),
		    p->generation);
	p->last_reload = p->answer_failed ? RELOAD_INCOMPLETE : RELOAD_OK;
	/* Every engine has its own copy now; a restart gets the bundle. */
	config_free(p->config);
	p->config = NULL;
	malloc_trim(0);
	if (p->reload_seq > 0)
		reload_finished(p, !p->answer_failed);
	if (p->reload_pending && !p->stopping) {
		p->reload_pending = false;
		log_info("reload: running the queued reload");
		parent_reload(p);
		return;
	}
	if (!p->stopping)
		notify_ready(p);
}

/*
 * Bring the set of running engines in line with the running configuration
 * and send it to each engine that runs.  A reload never restarts an engine
 * that stays wanted: it gets the new configuration and applies the change.
 */
static void
parent_push(struct parent_ctx *p)
{
	char sent[64] = "";
	const char *why;
	struct engine_child *e;
	bool was_wanted, ok;
	int k;

	p->awaiting = 0;
	p->answer_failed = false;
	for (k = 0; k < N_ENGINES; k++) {
		e = &p->engines[k];
		was_wanted = e->wanted;
		e->wanted = engine_is_wanted(p, k, &why);
		if (!e->wanted) {
			engine_child_cancel_restart(e);
			if (engine_child_running(e)) {
				log_info("stopping the %s: %s", e->name, why);
				engine_child_stop(e);
			} else if (was_wanted || p->generation == 1) {
				log_info("%s not started: %s", e->name, why);
			}
			continue;
		}
		/* Waiting to restart: it gets this generation then. */
		if (engine_child_restart_pending(e))
			continue;
		ok = engine_child_running(e) ? engine_child_send_config(e) :
		    engine_child_start(e);
		if (ok) {
			e->awaiting_answer = true;
			p->awaiting++;
			snprintf(sent + strlen(sent), sizeof(sent) - strlen(sent),
			    "%s%s", sent[0] ? ", " : "", e->role->name);
		}
	}
	if (!p->engines[ENGINE_VRRP].wanted &&
	    !p->engines[ENGINE_CHECK].wanted)
		log_warn("nothing to run; idle until the configuration "
		    "changes (SIGHUP)");
	if (p->awaiting == 0) {
		push_done(p);
		return;
	}
	log_info("%s: generation %u sent (%s)", push_name(p), p->generation,
	    sent);
	ev_timer_stop(p->loop, &p->answer_timer);
	ev_timer_set(&p->answer_timer, ANSWER_TIMEOUT, 0.);
	ev_timer_start(p->loop, &p->answer_timer);
}

static void
parent_reload(struct parent_ctx *p)
{
	if (p->stopping)
		return;
	if (p->awaiting > 0) {
		log_info("reload: generation %u is still being applied; %s",
		    p->generation, p->reload_pending ? "a reload is already "
		    "queued" : "reload queued");
		p->reload_pending = true;
		return;
	}
	p->reload_seq++;
	/* Before READY=1 a reload is part of the start for systemd. */
	if (p->ready_sent)
		notify_reloading(p);
	log_info("reload: reading %s", p->opts->config_path);
	if (!parent_load(p)) {
		log_err("reload: keeping generation %u", p->generation);
		p->last_reload = RELOAD_FAILED;
		reload_finished(p, false);
		notify_ready(p);
		return;
	}
	parent_push(p);
}

void
parent_request_reload(struct parent_ctx *p)
{
	parent_reload(p);
}

/* -- what supervise.c reports --------------------------------------------- */

static void
stop_awaiting(struct parent_ctx *p, struct engine_child *e, bool applied)
{
	if (!e->awaiting_answer)
		return;
	e->awaiting_answer = false;
	if (!applied)
		p->answer_failed = true;
	if (--p->awaiting == 0)
		push_done(p);
}

void
parent_engine_answered(struct parent_ctx *p, struct engine_child *e,
    uint32_t generation, bool applied, const char *text, size_t text_len)
{
	const char *line, *end = text + text_len, *nl;

	if (applied) {
		log_debug("%s applied generation %u", e->name, generation);
	} else {
		log_err("%s rejected generation %u:", e->name, generation);
		for (line = text; line < end; line = nl + 1) {
			nl = memchr(line, '\n', (size_t)(end - line));
			if (nl == NULL)
				nl = end;
			log_err("  %.*s", (int)(nl - line), line);
		}
	}
	/* A restarted engine is not part of a push: only the status moves. */
	if (!e->awaiting_answer)
		notify_status(p);
	if (generation == p->generation)
		stop_awaiting(p, e, applied);
}

void
parent_engine_exited(struct parent_ctx *p, struct engine_child *e)
{
	int k;

	if (!p->stopping && engine_child_restart_pending(e))
		e->restarts++;
	ctl_engine_gone(p->ctl, e);
	/* It will get the running generation when it restarts. */
	stop_awaiting(p, e, true);
	if (!p->stopping) {
		notify_status(p);
		return;
	}
	for (k = 0; k < N_ENGINES; k++)
		if (engine_child_running(&p->engines[k]))
			return;
	ev_break(p->loop, EVBREAK_ALL);
}

/* -- shutdown ------------------------------------------------------------- */

void
parent_shutdown(struct parent_ctx *p, int exit_code)
{
	bool any = false;
	int k;

	if (p->stopping)
		return;
	p->stopping = true;
	p->exit_code = exit_code;
	notify_stopping(p);
	p->reload_pending = false;
	/* Answers still on their way no longer complete anything. */
	ev_timer_stop(p->loop, &p->answer_timer);
	p->awaiting = 0;
	for (k = 0; k < N_ENGINES; k++) {
		p->engines[k].awaiting_answer = false;
		engine_child_cancel_restart(&p->engines[k]);
		if (engine_child_running(&p->engines[k])) {
			engine_child_stop(&p->engines[k]);
			any = true;
		}
	}
	if (!any) {
		ev_break(p->loop, EVBREAK_ALL);
		return;
	}
	ev_timer_set(&p->stop_timer, STOP_TIMEOUT, STOP_TIMEOUT);
	ev_timer_start(p->loop, &p->stop_timer);
}

static void
on_stop_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct parent_ctx *p = w->data;
	struct engine_child *e;
	int k;

	(void)revents;
	if (++p->stop_rounds > 1) {
		log_err("engines still running after SIGKILL; exiting anyway");
		ev_break(loop, EVBREAK_ALL);
		return;
	}
	for (k = 0; k < N_ENGINES; k++) {
		e = &p->engines[k];
		if (!engine_child_running(e))
			continue;
		log_warn("%s pid %d did not stop within %.0f s; killing it",
		    e->name, (int)e->pid, STOP_TIMEOUT);
		kill(e->pid, SIGKILL);
	}
}

static void
on_answer_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct parent_ctx *p = w->data;
	struct engine_child *e;
	int k;

	(void)loop;
	(void)revents;
	for (k = 0; k < N_ENGINES; k++) {
		e = &p->engines[k];
		if (!e->awaiting_answer)
			continue;
		log_err("%s did not answer generation %u within %.0f s",
		    e->name, p->generation, ANSWER_TIMEOUT);
		e->awaiting_answer = false;
	}
	p->awaiting = 0;
	p->answer_failed = true;
	push_done(p);
}

static void
on_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct parent_ctx *p = w->data;

	(void)loop;
	(void)revents;
	if (w->signum == SIGHUP) {
		log_info("SIGHUP: reloading");
		parent_reload(p);
		return;
	}
	log_info("%s: shutting down", w->signum == SIGINT ? "SIGINT" :
	    "SIGTERM");
	parent_shutdown(p, LVSD_EXIT_OK);
}

/* -- life cycle ----------------------------------------------------------- */

static void
parent_free_config(struct parent_ctx *p)
{
	config_free(p->config);
	free(p->bundle);
	p->config = NULL;
	p->bundle = NULL;
}

static void
parent_release(struct parent_ctx *p)
{
	ev_signal_stop(p->loop, &p->sighup);
	ev_signal_stop(p->loop, &p->sigterm);
	ev_signal_stop(p->loop, &p->sigint);
	ev_timer_stop(p->loop, &p->stop_timer);
	ev_timer_stop(p->loop, &p->answer_timer);
	metrics_stop(p->metrics);
	p->metrics = NULL;
	ctl_server_free(p->ctl);
	p->ctl = NULL;
	json_object_put(p->load_diags);
	p->load_diags = NULL;
	free(p->ctl_socket_cfg);
	free(p->ctl_group_cfg);
	p->ctl_socket_cfg = p->ctl_group_cfg = NULL;
	parent_free_config(p);
}

void
parent_forget(struct parent_ctx *p)
{
	int k;

	for (k = 0; k < N_ENGINES; k++)
		engine_child_forget(&p->engines[k]);
	ctl_server_forget(p->ctl);
	p->ctl = NULL;
	metrics_forget(p->metrics);
	p->metrics = NULL;
	parent_release(p);
	notify_forget(p);
	/* Watchers are stopped, so this touches nothing the parent still
	 * uses: it closes our copies of the loop's fds and resets signal
	 * dispositions.  The engine then creates a fresh default loop. */
	ev_loop_destroy(p->loop);
	p->loop = NULL;
}

int
parent_run(const struct parent_options *opts)
{
	struct parent_ctx p;
	sigset_t held, old_mask;
	int ready_fd = -1;

	memset(&p, 0, sizeof(p));
	p.opts = opts;
	p.exit_code = LVSD_EXIT_OK;
	/* A reload or stop sent while a large configuration is still being
	 * read (systemd's ExecReload right after start, say) must neither
	 * kill the daemon nor be lost: hold the signals until the loop's
	 * handlers exist, which then see them. */
	sigemptyset(&held);
	sigaddset(&held, SIGHUP);
	sigaddset(&held, SIGTERM);
	sigaddset(&held, SIGINT);
	sigprocmask(SIG_BLOCK, &held, &old_mask);
	notify_init(&p);
	if (!parent_load(&p))
		return LVSD_EXIT_CONFIG;
	if (!opts->dont_fork) {
		ready_fd = daemon_detach(opts->log_console);
		if (ready_fd < 0) {
			log_err("cannot detach: %s", strerror(errno));
			parent_free_config(&p);
			return LVSD_EXIT_FATAL;
		}
		/* Before the starter exits, so systemd follows the daemon. */
		notify_mainpid(&p);
	}
	if (pidfile_create(opts->pid_path) < 0) {
		daemon_ready(ready_fd, LVSD_EXIT_FATAL);
		parent_free_config(&p);
		return LVSD_EXIT_FATAL;
	}
	signal(SIGPIPE, SIG_IGN);
	p.loop = ev_default_loop(EVFLAG_AUTO);
	if (p.loop == NULL) {
		log_err("cannot create the event loop");
		daemon_ready(ready_fd, LVSD_EXIT_FATAL);
		pidfile_remove(opts->pid_path);
		parent_free_config(&p);
		return LVSD_EXIT_FATAL;
	}
	ev_signal_init(&p.sighup, on_signal, SIGHUP);
	ev_signal_init(&p.sigterm, on_signal, SIGTERM);
	ev_signal_init(&p.sigint, on_signal, SIGINT);
	p.sighup.data = p.sigterm.data = p.sigint.data = &p;
	ev_signal_start(p.loop, &p.sighup);
	ev_signal_start(p.loop, &p.sigterm);
	ev_signal_start(p.loop, &p.sigint);
	/* libev's handlers (not signalfd: EVFLAG_SIGNALFD is not set) take
	 * what arrived while the signals were held. */
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	ev_timer_init(&p.stop_timer, on_stop_timer, 0., 0.);
	ev_timer_init(&p.answer_timer, on_answer_timer, 0., 0.);
	p.stop_timer.data = p.answer_timer.data = &p;
	engine_child_init(&p.engines[ENGINE_VRRP], &p, &vrrp_role);
	engine_child_init(&p.engines[ENGINE_CHECK], &p, &check_role);
	p.ctl = ctl_server_new(&p, opts->ctl_socket != NULL ?
	    opts->ctl_socket : p.ctl_socket_cfg != NULL ?
	    p.ctl_socket_cfg : CTL_DEFAULT_SOCKET, p.ctl_group_cfg);
	p.metrics = metrics_start(&p);

	log_info("lvsd %s started, pid %d, configuration %s", PACKAGE_VERSION,
	    (int)getpid(), opts->config_path);
	daemon_ready(ready_fd, LVSD_EXIT_OK);
	parent_push(&p);
	ev_run(p.loop, 0);

	pidfile_remove(opts->pid_path);
	parent_release(&p);
	log_info("exiting with status %d", p.exit_code);
	return p.exit_code;
}
