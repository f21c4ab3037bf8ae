// SPDX-License-Identifier: GPL-2.0-or-later
/* Script runs on the engine's loop, one queue per owner (script.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "script.h"
#include "script/argv.h"
#include "util.h"

/* Output logged per run; the rest is read and dropped. */
#define SCRIPT_OUTPUT_MAX 2048
#define SCRIPT_LINE_MAX 256

/* A run waiting in its queue. */
struct script_job {
	struct script_job *next;
	char **argv;
	struct script_identity who;
	double timeout;
	script_done_fn *done;
	void *arg;
};

/* A run in progress. */
struct script_run {
	struct script_run *next;        /* in ctx->detached */
	struct script_queue *q;         /* NULL once detached */
	struct script_ctx *ctx;
	struct script_job *job;
	pid_t pid;
	ev_child child;
	ev_timer timer;
	ev_io out;
	int out_fd;
	bool timed_out;
	size_t logged;                  /* output bytes logged so far */
	bool dropped;
	char line[SCRIPT_LINE_MAX];
	size_t line_len;
	bool outlive;                   /* not killed at ctx shutdown */
	char owner[96];
};

static void queue_start_next(struct script_queue *q);

bool
script_identity_lookup(const char *user, const char *group,
    struct script_identity *id)
{
	struct passwd *pw;
	struct group *gr;

	errno = 0;
	pw = getpwnam(user);
	if (pw == NULL) {
		log_err("script user '%s' does not exist", user);
		return false;
	}
	id->uid = pw->pw_uid;
	id->gid = pw->pw_gid;
	snprintf(id->name, sizeof(id->name), "%s", user);
	if (group != NULL) {
		gr = getgrnam(group);
		if (gr == NULL) {
			log_err("script group '%s' does not exist", group);
			return false;
		}
		id->gid = gr->gr_gid;
	}
	return true;
}

void
script_ctx_init(struct script_ctx *ctx, struct ev_loop *loop)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->loop = loop;
	snprintf(ctx->default_user.name, sizeof(ctx->default_user.name),
	    "root");
}

bool
script_ctx_configure(struct script_ctx *ctx, const char *user,
    const char *group, bool security)
{
	struct script_identity id = { 0 };

	ctx->security = security;
	if (user != NULL) {
		if (!script_identity_lookup(user, group, &id))
			return false;
	} else if (getpwnam("keepalived_script") != NULL) {
		if (!script_identity_lookup("keepalived_script", NULL, &id))
			return false;
	} else
		snprintf(id.name, sizeof(id.name), "root");
	ctx->default_user = id;
	return true;
}

const char *
script_result_text(const struct script_result *r, char *buf, size_t len)
{
	switch (r->outcome) {
	case SCRIPT_EXITED:
		snprintf(buf, len, "exited with status %d", r->status);
		break;
	case SCRIPT_SIGNALED:
		snprintf(buf, len, "killed by signal %d (%s)", r->status,
		    strsignal(r->status));
		break;
	case SCRIPT_TIMED_OUT:
		snprintf(buf, len, "timed out");
		break;
	default:
		snprintf(buf, len, "not run%s%s", r->why[0] != '\0' ? ": " :
		    "", r->why);
		break;
	}
	return buf;
}

/* -- the child ---------------------------------------------------------- */

static void __attribute__((noreturn))
child_exec(const char *path, char **argv, const struct script_identity *who,
    int out_fd)
{
	sigset_t none;
	int sig, devnull;

	setpgid(0, 0);
	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	devnull = open("/dev/null", O_RDONLY);
	if (devnull < 0 || dup2(devnull, STDIN_FILENO) < 0 ||
	    dup2(out_fd, STDOUT_FILENO) < 0 || dup2(out_fd, STDERR_FILENO) < 0)
		_exit(127);
	closefrom(STDERR_FILENO + 1);
	if (getuid() == 0 && who->uid != 0) {
		if (initgroups(who->name, who->gid) != 0 ||
		    setgid(who->gid) != 0 || setuid(who->uid) != 0) {
			dprintf(STDERR_FILENO, "cannot become user %s: %s\n",
			    who->name, strerror(errno));
			_exit(126);
		}
	} else if (getuid() == 0 && setgid(who->gid) != 0)
		_exit(126);
	execv(path, argv);
	dprintf(STDERR_FILENO, "cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

/* -- output ------------------------------------------------------------- */

static void
output_line(struct script_run *r)
{
	r->line[r->line_len] = '\0';
	if (r->line_len > 0 && r->logged < SCRIPT_OUTPUT_MAX)
		log_info("%s: %s: %s", r->owner, r->job->argv[0], r->line);
	else if (r->line_len > 0 && !r->dropped) {
		log_info("%s: %s: (more output dropped)", r->owner,
		    r->job->argv[0]);
		r->dropped = true;
	}
	r->logged += r->line_len;
	r->line_len = 0;
}

/* Read what is there; true at end of file or error. */
static bool
output_read(struct script_run *r)
{
	char buf[512];
	ssize_t n, i;

	for (;;) {
		n = read(r->out_fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno != EAGAIN;
		if (n == 0)
			return true;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				output_line(r);
				continue;
			}
			if (r->line_len == SCRIPT_LINE_MAX - 1)
				output_line(r);
			r->line[r->line_len++] = buf[i];
		}
	}
}

static void
output_close(struct script_run *r)
{
	if (r->out_fd < 0)
		return;
	ev_io_stop(r->ctx->loop, &r->out);
	output_read(r);
	if (r->line_len > 0)
		output_line(r);
	close(r->out_fd);
	r->out_fd = -1;
}

static void
on_output(struct ev_loop *loop, ev_io *w, int revents)
{
	struct script_run *r = w->data;

	(void)loop;
	(void)revents;
	if (output_read(r))
		output_close(r);
}

/* -- runs ----------------------------------------------------------------- */

static void
job_free(struct script_job *job)
{
	free(job->argv);
	free(job);
}

static void
run_free(struct script_run *r)
{
	ev_timer_stop(r->ctx->loop, &r->timer);
	ev_child_stop(r->ctx->loop, &r->child);
	output_close(r);
	job_free(r->job);
	free(r);
}

static void
detach(struct script_run *r)
{
	r->q = NULL;
	r->next = r->ctx->detached;
	r->ctx->detached = r;
}

static void
undetach(struct script_run *r)
{
	struct script_run **pp;

	for (pp = &r->ctx->detached; *pp != NULL; pp = &(*pp)->next)
		if (*pp == r) {
			*pp = r->next;
			return;
		}
}

static void
on_exit_status(struct ev_loop *loop, ev_child *w, int revents)
{
	struct script_run *r = w->data;
	struct script_queue *q = r->q;
	struct script_result res;
	char text[64];

	(void)loop;
	(void)revents;
	memset(&res, 0, sizeof(res));
	ev_child_stop(r->ctx->loop, w);
	if (r->timed_out) {
		res.outcome = SCRIPT_TIMED_OUT;
		res.status = 0;
	} else if (WIFEXITED(w->rstatus)) {
		res.outcome = SCRIPT_EXITED;
		res.status = WEXITSTATUS(w->rstatus);
	} else {
		res.outcome = SCRIPT_SIGNALED;
		res.status = WTERMSIG(w->rstatus);
	}
	/* Whatever is left in the group goes with it. */
	kill(-r->pid, SIGKILL);
	output_close(r);
	if (q == NULL) {
		undetach(r);
		run_free(r);
		return;
	}
	log_debug("%s: %s %s", r->owner, r->job->argv[0],
	    script_result_text(&res, text, sizeof(text)));
	q->running = NULL;
	if (r->job->done != NULL)
		r->job->done(r->job->arg, &res);
	run_free(r);
	/* `q` may have been cleared by the callback: it still exists. */
	queue_start_next(q);
}

static void
on_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct script_run *r = w->data;

	(void)loop;
	(void)revents;
	log_warn("%s: %s timed out; killing its process group %d",
	    r->owner, r->job->argv[0], (int)r->pid);
	r->timed_out = true;
	kill(-r->pid, SIGKILL);
}

/* Start `job` for `owner`; NULL (after logging, the reason in `why`)
 * when it cannot run. */
static struct script_run *
run_start(struct script_ctx *ctx, const char *owner, struct script_job *job,
    char *why, size_t whylen)
{
	struct script_run *r;
	char path[4096], insecure_buf[512];
	const char *insecure;
	int fds[2];
	pid_t pid;

	if (!script_find_program(job->argv[0], path, sizeof(path))) {
		snprintf(why, whylen, "cannot run '%.300s': no such "
		    "executable", job->argv[0]);
		log_err("%s: %s", owner, why);
		return NULL;
	}
	insecure = script_path_insecure(path, job->who.uid, insecure_buf,
	    sizeof(insecure_buf));
	if (insecure != NULL && ctx->security) {
		snprintf(why, whylen, "refusing to run %.200s as root: %.250s "
		    "(enable_script_security)", path, insecure);
		log_err("%s: %s", owner, why);
		return NULL;
	}
	if (insecure != NULL && !ctx->warned_insecure) {
		log_warn("%s: running %s as root although %s; "
		    "enable_script_security would refuse it", owner, path,
		    insecure);
		ctx->warned_insecure = true;
	}
	if (pipe2(fds, O_CLOEXEC) != 0) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		log_err("%s: %s", owner, why);
		return NULL;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		log_err("%s: %s", owner, why);
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	if (pid == 0)
		child_exec(path, job->argv, &job->who, fds[1]);
	/* Both sides set the group: whichever runs first wins the race. */
	setpgid(pid, pid);
	close(fds[1]);
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);

	r = xcalloc(1, sizeof(*r));
	r->ctx = ctx;
	r->job = job;
	r->pid = pid;
	r->out_fd = fds[0];
	snprintf(r->owner, sizeof(r->owner), "%s", owner);
	ev_child_init(&r->child, on_exit_status, pid, 0);
	r->child.data = r;
	ev_child_start(ctx->loop, &r->child);
	ev_io_init(&r->out, on_output, fds[0], EV_READ);
	r->out.data = r;
	ev_io_start(ctx->loop, &r->out);
	ev_timer_init(&r->timer, on_timeout, job->timeout, 0);
	r->timer.data = r;
	if (job->timeout > 0)
		ev_timer_start(ctx->loop, &r->timer);
	log_debug("%s: started %s (pid %d, user %s)", owner, path,
	    (int)pid, job->who.name);
	return r;
}

static void
queue_start_next(struct script_queue *q)
{
	struct script_job *job;
	struct script_result res;
	struct script_run *r;

	while (q->running == NULL && q->first != NULL) {
		job = q->first;
		q->first = job->next;
		if (q->first == NULL)
			q->last = NULL;
		memset(&res, 0, sizeof(res));
		res.outcome = SCRIPT_NOT_RUN;
		r = run_start(q->ctx, q->owner, job, res.why, sizeof(res.why));
		if (r != NULL) {
			r->q = q;
			q->running = r;
			return;
		}
		if (job->done != NULL)
			job->done(job->arg, &res);
		job_free(job);
	}
}

/* Pushes start from the loop, so that `done` never runs inside push. */
static void
on_kick(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	queue_start_next(w->data);
}

void
script_queue_init(struct script_queue *q, struct script_ctx *ctx,
    const char *owner)
{
	memset(q, 0, sizeof(*q));
	q->ctx = ctx;
	snprintf(q->owner, sizeof(q->owner), "%s", owner);
	ev_timer_init(&q->kick, on_kick, 0, 0);
	q->kick.data = q;
}

static struct script_job *
job_new(struct script_ctx *ctx, const char *owner, const char *cmdline,
    const char *const *extra, size_t n_extra,
    const struct script_identity *who, double timeout)
{
	struct script_job *job;
	const char *err;
	char **argv;

	argv = script_argv_split(cmdline, extra, n_extra, &err);
	if (argv == NULL) {
		log_err("%s: cannot run '%s': %s", owner, cmdline, err);
		return NULL;
	}
	job = xcalloc(1, sizeof(*job));
	job->argv = argv;
	job->who = who != NULL ? *who : ctx->default_user;
	job->timeout = timeout;
	return job;
}

bool
script_spawn(struct script_ctx *ctx, const char *owner, const char *cmdline,
    const struct script_identity *who, double timeout, bool outlive)
{
	struct script_job *job;
	struct script_run *r;
	char why[512];

	job = job_new(ctx, owner, cmdline, NULL, 0, who, timeout);
	if (job == NULL)
		return false;
	r = run_start(ctx, owner, job, why, sizeof(why));
	if (r == NULL) {
		job_free(job);
		return false;
	}
	r->outlive = outlive;
	detach(r);
	return true;
}

bool
script_queue_push(struct script_queue *q, const char *cmdline,
    const char *const *extra, size_t n_extra,
    const struct script_identity *who, double timeout,
    script_done_fn *done, void *arg)
{
	struct script_job *job;

	job = job_new(q->ctx, q->owner, cmdline, extra, n_extra, who, timeout);
	if (job == NULL)
		return false;
	job->done = done;
	job->arg = arg;
	if (q->last != NULL)
		q->last->next = job;
	else
		q->first = job;
	q->last = job;
	if (q->running == NULL && !ev_is_active(&q->kick))
		ev_timer_start(q->ctx->loop, &q->kick);
	return true;
}

bool
script_queue_busy(const struct script_queue *q)
{
	return q->running != NULL || q->first != NULL;
}

void
script_queue_clear(struct script_queue *q)
{
	struct script_job *job;

	if (q->ctx == NULL)
		return;
	ev_timer_stop(q->ctx->loop, &q->kick);
	while ((job = q->first) != NULL) {
		q->first = job->next;
		job_free(job);
	}
	q->last = NULL;
	if (q->running != NULL) {
		/* Killed now, reaped later by the loop. */
		kill(-q->running->pid, SIGKILL);
		detach(q->running);
		q->running = NULL;
	}
}

void
script_ctx_shutdown(struct script_ctx *ctx)
{
	struct script_run *r;

	while ((r = ctx->detached) != NULL) {
		ctx->detached = r->next;
		/* Left running: the loop that would reap it is ending. */
		if (!r->outlive)
			kill(-r->pid, SIGKILL);
		run_free(r);
	}
}
