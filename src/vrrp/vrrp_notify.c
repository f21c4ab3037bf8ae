// SPDX-License-Identifier: GPL-2.0-or-later
/* Notify scripts and FIFOs (vrrp_notify.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "log.h"
#include "util.h"
#include "vrrp/notify.h"
#include "vrrp/vrrp_notify.h"

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
fifo_open(struct vrrp_notifier *n, struct vrrp_fifo *f, const char *path,
    const char *script)
{
	struct stat st;
	const char *arg[1];

	f->fd = -1;
	if (path == NULL)
		return;
	if (mkfifo(path, 0600) == 0)
		f->created = true;
	else if (errno != EEXIST) {
		log_err("cannot create the notify FIFO %s: %s", path,
		    strerror(errno));
		return;
	}
	f->fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (f->fd < 0 || fstat(f->fd, &st) != 0 || !S_ISFIFO(st.st_mode)) {
		log_err("cannot use %s as a notify FIFO: %s", path,
		    f->fd < 0 ? strerror(errno) : "not a FIFO");
		if (f->fd >= 0)
			close(f->fd);
		f->fd = -1;
		return;
	}
	f->path = xstrdup(path);
	f->script = script != NULL ? xstrdup(script) : NULL;
	script_queue_init(&f->reader, n->scripts, "notify FIFO script");
	if (script != NULL) {
		arg[0] = path;
		script_queue_push(&f->reader, script, arg, 1, NULL, 0, NULL,
		    NULL);
	}
}

static void
fifo_close(struct vrrp_fifo *f)
{
	if (f->fd >= 0) {
		script_queue_clear(&f->reader);
		close(f->fd);
		if (f->created)
			unlink(f->path);
	}
	free(f->path);
	free(f->script);
	memset(f, 0, sizeof(*f));
	f->fd = -1;
}

static void
fifo_write(struct vrrp_fifo *f, const char *line, size_t len)
{
	ssize_t w;

	if (f->fd < 0)
		return;
	w = write(f->fd, line, len);
	if (w != (ssize_t)len)
		log_warn("notify FIFO %s: line dropped (%s)", f->path,
		    w < 0 ? strerror(errno) : "FIFO full");
}

void
vrrp_notify_start(struct vrrp_notifier *n, struct script_ctx *scripts,
    const struct cfg_global *g)
{
	memset(n, 0, sizeof(*n));
	n->scripts = scripts;
	fifo_open(n, &n->fifo[0], g->notify_fifo, g->notify_fifo_script);
	/* One FIFO named twice gets each line once. */
	if (!same_str(g->notify_fifo, g->vrrp_notify_fifo))
		fifo_open(n, &n->fifo[1], g->vrrp_notify_fifo,
		    g->vrrp_notify_fifo_script);
	else
		n->fifo[1].fd = -1;
}

void
vrrp_notify_stop(struct vrrp_notifier *n)
{
	fifo_close(&n->fifo[0]);
	fifo_close(&n->fifo[1]);
}

static bool
fifo_same(const struct vrrp_fifo *f, const char *path, const char *script)
{
	return same_str(f->path, path) && same_str(f->script, script);
}

bool
vrrp_notify_same(const struct vrrp_notifier *n, const struct cfg_global *g)
{
	if (same_str(g->notify_fifo, g->vrrp_notify_fifo))
		return fifo_same(&n->fifo[0], g->notify_fifo,
		    g->notify_fifo_script) && n->fifo[1].path == NULL;
	return fifo_same(&n->fifo[0], g->notify_fifo, g->notify_fifo_script) &&
	    fifo_same(&n->fifo[1], g->vrrp_notify_fifo,
	    g->vrrp_notify_fifo_script);
}

void
vrrp_notify_change(struct vrrp_notifier *n, struct script_queue *q,
    const struct cfg_notify *cn, bool group, const char *name,
    uint32_t state, unsigned prio)
{
	char line[320];
	size_t len;
	const char *script;
	struct vrrp_notify_args a;

	len = vrrp_notify_fifo_line(line, sizeof(line), group, name, state,
	    prio);
	fifo_write(&n->fifo[0], line, len);
	fifo_write(&n->fifo[1], line, len);
	script = vrrp_notify_script(cn, state);
	if (script != NULL)
		script_queue_push(q, script, NULL, 0, NULL,
		    VRRP_NOTIFY_TIMEOUT, NULL, NULL);
	if (cn->any != NULL) {
		vrrp_notify_args(&a, group, name, state, prio);
		script_queue_push(q, cn->any, a.argv, 4, NULL,
		    VRRP_NOTIFY_TIMEOUT, NULL, NULL);
	}
}
