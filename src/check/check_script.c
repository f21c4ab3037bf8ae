// SPDX-License-Identifier: GPL-2.0-or-later
/* Scripts of the check engine (see check_script.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "check/cmdline.h"
#include "check/check_script.h"
#include "log.h"
#include "util.h"

struct script {
	struct ev_loop *loop;
	pid_t pid;
	ev_child child;
	ev_io out;
	ev_timer timer;
	int out_fd;
	bool timed_out, exited, out_closed;
	int status;
	char *tag;
	char buf[SCRIPT_MAX_OUTPUT + 1];
	size_t len;
	bool truncated;
	script_done_fn done;
	void *arg;
};

bool
script_resolve_user(const struct cfg_global *g, const char *user,
    const char *group, uid_t *uid, gid_t *gid, char *why, size_t whylen)
{
	const char *name = user;
	const char *grname = group;
	struct passwd *pw;

	if (name == NULL) {
		name = g->script_user;
		grname = g->script_group;
	}
	if (name == NULL && getpwnam("keepalived_script") != NULL)
		name = "keepalived_script";
	if (name == NULL) {
		*uid = 0;
		*gid = 0;
	} else {
		pw = getpwnam(name);
		if (pw == NULL) {
			snprintf(why, whylen, "unknown user '%s'", name);
			return false;
		}
		*uid = pw->pw_uid;
		*gid = pw->pw_gid;
	}
	if (grname != NULL) {
		struct group *gr = getgrnam(grname);

		if (gr == NULL) {
			snprintf(why, whylen, "unknown group '%s'", grname);
			return false;
		}
		*gid = gr->gr_gid;
	}
	if (*uid == 0 && g->enable_script_security) {
		snprintf(why, whylen, "refusing to run as root "
		    "(enable_script_security; set script_user or user)");
		return false;
	}
	return true;
}

static void
flush_output(struct script *s)
{
	char *line, *save = NULL;

	if (s->len == 0)
		return;
	s->buf[s->len] = '\0';
	for (line = strtok_r(s->buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		log_info("%s: %s", s->tag, line);
	if (s->truncated)
		log_info("%s: (output cut at %u bytes)", s->tag,
		    SCRIPT_MAX_OUTPUT);
	s->len = 0;
}

static void
script_free(struct script *s)
{
	ev_child_stop(s->loop, &s->child);
	ev_io_stop(s->loop, &s->out);
	ev_timer_stop(s->loop, &s->timer);
	if (s->out_fd >= 0)
		close(s->out_fd);
	free(s->tag);
	free(s);
}

/* Both the exit and the end of output are in: report. */
static void
maybe_finish(struct script *s)
{
	struct script_result res = { -1, 0, s->timed_out, NULL };

	if (!s->exited || !s->out_closed)
		return;
	flush_output(s);
	if (WIFEXITED(s->status))
		res.exit_code = WEXITSTATUS(s->status);
	else if (WIFSIGNALED(s->status))
		res.signal = WTERMSIG(s->status);
	if (s->done != NULL)
		s->done(s->arg, &res);
	script_free(s);
}

/* Read what is there; true when the output has ended. */
static bool
read_output(struct script *s)
{
	char drop[512];
	ssize_t n;

	for (;;) {
		if (s->len < SCRIPT_MAX_OUTPUT)
			n = read(s->out_fd, s->buf + s->len,
			    SCRIPT_MAX_OUTPUT - s->len);
		else
			n = read(s->out_fd, drop, sizeof(drop));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return false;
		if (n <= 0)
			return true;
		if (s->len < SCRIPT_MAX_OUTPUT)
			s->len += (size_t)n;
		else
			s->truncated = true;
	}
}

static void
on_output(struct ev_loop *loop, ev_io *w, int revents)
{
	struct script *s = w->data;

	(void)loop;
	(void)revents;
	if (!read_output(s))
		return;
	ev_io_stop(s->loop, &s->out);
	s->out_closed = true;
	maybe_finish(s);
}

static void
on_exit_status(struct ev_loop *loop, ev_child *w, int revents)
{
	struct script *s = w->data;

	(void)loop;
	(void)revents;
	ev_child_stop(s->loop, &s->child);
	ev_timer_stop(s->loop, &s->timer);
	s->status = w->rstatus;
	s->exited = true;
	/* Whatever the script left running keeps no pipe open for us. */
	kill(-s->pid, SIGKILL);
	if (!s->out_closed) {
		/* Read what is buffered, then stop even if a grandchild
		 * escaped the group and holds the pipe. */
		read_output(s);
		ev_io_stop(s->loop, &s->out);
		s->out_closed = true;
	}
	maybe_finish(s);
}

static void
on_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct script *s = w->data;

	(void)loop;
	(void)revents;
	s->timed_out = true;
	kill(-s->pid, SIGKILL);
}

static void __attribute__((noreturn))
child_exec(char **argv, int out_fd, uid_t uid, gid_t gid)
{
	int null = open("/dev/null", O_RDONLY);
	sigset_t none;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (null >= 0)
		dup2(null, STDIN_FILENO);
	dup2(out_fd, STDOUT_FILENO);
	dup2(out_fd, STDERR_FILENO);
	if (gid != getgid() || uid != getuid()) {
		if (setgroups(0, NULL) != 0 || setgid(gid) != 0 ||
		    setuid(uid) != 0) {
			dprintf(STDERR_FILENO, "cannot switch to uid %u gid "
			    "%u: %s\n", (unsigned)uid, (unsigned)gid,
			    strerror(errno));
			_exit(126);
		}
	}
	execv(argv[0], argv);
	dprintf(STDERR_FILENO, "cannot run %s: %s\n", argv[0],
	    strerror(errno));
	_exit(127);
}

struct script *
script_run(struct ev_loop *loop, const char *cmdline, uid_t uid, gid_t gid,
    uint32_t timeout_ms, const char *tag, script_done_fn done, void *arg,
    char *why, size_t whylen)
{
	char **argv = cmdline_split(cmdline, NULL);
	struct script *s;
	int fds[2];
	pid_t pid;

	if (argv == NULL) {
		snprintf(why, whylen, "empty or unbalanced command line");
		return NULL;
	}
	if (argv[0][0] != '/') {
		snprintf(why, whylen, "'%s' is not an absolute path", argv[0]);
		free(argv);
		return NULL;
	}
	if (pipe2(fds, O_CLOEXEC) != 0) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		free(argv);
		return NULL;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		free(argv);
		return NULL;
	}
	if (pid == 0) {
		close(fds[0]);
		child_exec(argv, fds[1], uid, gid);
	}
	free(argv);
	close(fds[1]);
	/* Both sides set the group, so a kill at once cannot miss it. */
	setpgid(pid, pid);
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	s = xcalloc(1, sizeof(*s));
	s->loop = loop;
	s->pid = pid;
	s->out_fd = fds[0];
	s->tag = xstrdup(tag);
	s->done = done;
	s->arg = arg;
	ev_child_init(&s->child, on_exit_status, pid, 0);
	s->child.data = s;
	ev_child_start(loop, &s->child);
	ev_io_init(&s->out, on_output, s->out_fd, EV_READ);
	s->out.data = s;
	ev_io_start(loop, &s->out);
	ev_timer_init(&s->timer, on_timeout, timeout_ms / 1000.0, 0.);
	s->timer.data = s;
	if (timeout_ms > 0)
		ev_timer_start(loop, &s->timer);
	return s;
}

void
script_cancel(struct script *s)
{
	if (!s->exited) {
		kill(-s->pid, SIGKILL);
		/* Reap it now: the loop's child watcher is going away. */
		waitpid(s->pid, NULL, 0);
	}
	script_free(s);
}

void
script_detach(struct script *s)
{
	script_free(s);
}
