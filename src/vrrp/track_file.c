// SPDX-License-Identifier: GPL-2.0-or-later
/* track_file: numbers in files, watched with inotify (track_watch.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "config/config.h"
#include "log.h"
#include "util.h"
#include "vrrp/track.h"
#include "vrrp/track_watch.h"

static int64_t
read_value(const char *path)
{
	char buf[64];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0 || (size_t)n == sizeof(buf))
		return 0;
	return track_file_parse(buf, (size_t)n);
}

static void
init_file(const struct cfg_track_file *f)
{
	FILE *out;

	if (!f->init_file || (!f->init_overwrite && access(f->path, F_OK) == 0))
		return;
	out = fopen(f->path, "we");
	if (out == NULL) {
		log_err("track_file %s: cannot write %s: %s", f->name, f->path,
		    strerror(errno));
		return;
	}
	fprintf(out, "%d\n", (int)f->init_value);
	fclose(out);
}

static bool
referenced(const struct lvsd_config *cfg, const struct cfg_track_file *f)
{
	size_t i, j;

	for (i = 0; i < cfg->n_vrrp_instances; i++)
		for (j = 0; j < cfg->vrrp_instances[i].n_track_files; j++)
			if (cfg->vrrp_instances[i].track_files[j].file == f)
				return true;
	for (i = 0; i < cfg->n_sync_groups; i++)
		for (j = 0; j < cfg->sync_groups[i].n_track_files; j++)
			if (cfg->sync_groups[i].track_files[j].file == f)
				return true;
	return false;
}

static bool
reread(struct file_watches *fw)
{
	bool changed = false;

	for (size_t i = 0; i < fw->n; i++) {
		int64_t v = read_value(fw->files[i].cfg->path);

		if (v == fw->files[i].value)
			continue;
		log_info("track_file %s: %s now reads %lld",
		    fw->files[i].cfg->name, fw->files[i].cfg->path,
		    (long long)v);
		fw->files[i].value = v;
		changed = true;
	}
	return changed;
}

/* Is the event about one of our files (its directory, its name)? */
static bool
concerns_us(const struct file_watches *fw, const struct inotify_event *ev)
{
	for (size_t i = 0; i < fw->n; i++) {
		const char *slash = strrchr(fw->files[i].cfg->path, '/');
		const char *base = slash != NULL ? slash + 1 :
		    fw->files[i].cfg->path;

		if (fw->files[i].wd == ev->wd && (ev->len == 0 ||
		    strcmp(ev->name, base) == 0))
			return true;
	}
	/* Overflow: anything may have happened. */
	return (ev->mask & IN_Q_OVERFLOW) != 0;
}

static void
on_inotify(struct ev_loop *loop, ev_io *w, int revents)
{
	struct file_watches *fw = w->data;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	bool ours = false;
	ssize_t n, off;

	(void)loop;
	(void)revents;
	/* Other files in the same directories are not our business. */
	while ((n = read(fw->fd, buf, sizeof(buf))) > 0)
		for (off = 0; off + (ssize_t)sizeof(*ev) <= n;
		    off += (ssize_t)sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)(buf + off);
			ours = ours || concerns_us(fw, ev);
		}
	if (ours && reread(fw) && fw->changed != NULL)
		fw->changed(fw->arg);
}

void
file_watches_start(struct file_watches *fw, struct ev_loop *loop,
    const struct lvsd_config *cfg, void (*changed)(void *), void *arg)
{
	size_t i;

	memset(fw, 0, sizeof(*fw));
	fw->loop = loop;
	fw->fd = -1;
	fw->changed = changed;
	fw->arg = arg;
	fw->files = xcalloc(cfg->n_track_files + 1, sizeof(*fw->files));
	for (i = 0; i < cfg->n_track_files; i++) {
		const struct cfg_track_file *f = &cfg->track_files[i];

		if (!referenced(cfg, f))
			continue;
		init_file(f);
		fw->files[fw->n].cfg = f;
		fw->files[fw->n].value = read_value(f->path);
		fw->files[fw->n].wd = -1;
		fw->n++;
	}
	if (fw->n == 0)
		return;
	fw->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fw->fd < 0) {
		log_err("track_file: inotify: %s; files are read at start "
		    "only", strerror(errno));
		return;
	}
	for (i = 0; i < fw->n; i++) {
		char dir[PATH_MAX];
		char *slash;

		snprintf(dir, sizeof(dir), "%s", fw->files[i].cfg->path);
		slash = strrchr(dir, '/');
		if (slash == NULL)
			snprintf(dir, sizeof(dir), ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		fw->files[i].wd = inotify_add_watch(fw->fd, dir, IN_CLOSE_WRITE |
		    IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
		    IN_DELETE);
		if (fw->files[i].wd < 0)
			log_err("track_file %s: cannot watch %s: %s",
			    fw->files[i].cfg->name, dir, strerror(errno));
	}
	ev_io_init(&fw->io, on_inotify, fw->fd, EV_READ);
	fw->io.data = fw;
	ev_io_start(loop, &fw->io);
}

void
file_watches_stop(struct file_watches *fw)
{
	if (fw->fd >= 0) {
		ev_io_stop(fw->loop, &fw->io);
		close(fw->fd);
	}
	free(fw->files);
	memset(fw, 0, sizeof(*fw));
	fw->fd = -1;
}

int64_t
file_watches_value(const struct file_watches *fw,
    const struct cfg_track_file *f)
{
	for (size_t i = 0; i < fw->n; i++)
		if (fw->files[i].cfg == f)
			return fw->files[i].value;
	return 0;
}
