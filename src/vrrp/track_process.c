// SPDX-License-Identifier: GPL-2.0-or-later
/* vrrp_track_process: counting processes in /proc (track_watch.h). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "log.h"
#include "util.h"
#include "vrrp/track.h"
#include "vrrp/track_watch.h"

#define SCAN_INTERVAL 1.0
#define MAX_ARGS 64

bool
track_process_matches(const struct cfg_track_process *p, const char *comm,
    char *const *argv, size_t argc)
{
	size_t np = p->n_params, i, start;

	if (p->full_command) {
		if (argc == 0 || strcmp(argv[0], p->process) != 0)
			return false;
	} else if (strncmp(comm, p->process, 15) != 0)
		return false;
	if (np == 0)
		return true;
	argv++;
	argc = argc > 0 ? argc - 1 : 0;
	switch (p->param_match) {
	case TRACK_PARAM_EXACT:
	case TRACK_PARAM_INITIAL:
		if (argc < np || (p->param_match == TRACK_PARAM_EXACT &&
		    argc != np))
			return false;
		for (i = 0; i < np; i++)
			if (strcmp(argv[i], p->params[i]) != 0)
				return false;
		return true;
	default:                        /* partial: anywhere, in order */
		for (start = 0; start + np <= argc; start++) {
			for (i = 0; i < np; i++)
				if (strcmp(argv[start + i], p->params[i]) != 0)
					break;
			if (i == np)
				return true;
		}
		return false;
	}
}

/* comm and argv of one process; false when it is gone or a kernel
 * thread. */
static bool
read_process(const char *pid, char *comm, size_t comm_len, char *cmd,
    size_t cmd_len, char **argv, size_t *argc)
{
	char path[300];
	ssize_t n;
	size_t i;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/comm", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, comm, comm_len - 1);
	close(fd);
	if (n <= 0)
		return false;
	comm[n] = '\0';
	comm[strcspn(comm, "\n")] = '\0';
	snprintf(path, sizeof(path), "/proc/%s/cmdline", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, cmd, cmd_len - 1);
	close(fd);
	if (n <= 0)
		return false;
	cmd[n] = '\0';
	*argc = 0;
	for (i = 0; i < (size_t)n && *argc < MAX_ARGS; i += strlen(cmd + i) + 1)
		argv[(*argc)++] = cmd + i;
	return true;
}

static void
count_all(struct process_watches *pw)
{
	char *cmd = pw->cmdline;
	char comm[32], *argv[MAX_ARGS];
	struct dirent *de;
	size_t argc, i;
	DIR *d;

	for (i = 0; i < pw->n; i++)
		pw->procs[i].count = 0;
	d = opendir("/proc");
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]) ||
		    !read_process(de->d_name, comm, sizeof(comm), cmd,
		    sizeof(pw->cmdline), argv, &argc))
			continue;
		for (i = 0; i < pw->n; i++)
			if (track_process_matches(pw->procs[i].cfg, comm, argv,
			    argc))
				pw->procs[i].count++;
	}
	closedir(d);
}

/* Apply counts (after their delays); true when a tracker changed. */
static bool
apply(struct process_watches *pw, ev_tstamp now, bool at_start)
{
	bool changed = false;

	for (size_t i = 0; i < pw->n; i++) {
		struct watched_process *p = &pw->procs[i];
		bool up = track_process_up(p->count, p->cfg->quorum,
		    p->cfg->quorum_max);
		double delay = (up ? p->cfg->fork_delay_ms :
		    p->cfg->terminate_delay_ms) / 1000.0;

		if (up == p->up) {
			p->pending = false;
			continue;
		}
		if (!at_start && delay > 0) {
			if (!p->pending) {
				p->pending = true;
				p->since = now;
			}
			if (now - p->since < delay)
				continue;
		}
		p->up = up;
		p->pending = false;
		changed = true;
		log_info("vrrp_track_process %s: %u running, %s",
		    p->cfg->name, p->count, up ? "up" : "down");
	}
	return changed;
}

static void
on_scan(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct process_watches *pw = w->data;

	(void)revents;
	count_all(pw);
	if (apply(pw, ev_now(loop), false) && pw->changed != NULL)
		pw->changed(pw->arg);
}

static bool
referenced(const struct lvsd_config *cfg, const struct cfg_track_process *p)
{
	size_t i, j;

	for (i = 0; i < cfg->n_vrrp_instances; i++)
		for (j = 0; j < cfg->vrrp_instances[i].n_track_processes; j++)
			if (cfg->vrrp_instances[i].track_processes[j].process ==
			    p)
				return true;
	for (i = 0; i < cfg->n_sync_groups; i++)
		for (j = 0; j < cfg->sync_groups[i].n_track_processes; j++)
			if (cfg->sync_groups[i].track_processes[j].process == p)
				return true;
	return false;
}

void
process_watches_start(struct process_watches *pw, struct ev_loop *loop,
    const struct lvsd_config *cfg, void (*changed)(void *), void *arg)
{
	memset(pw, 0, sizeof(*pw));
	pw->loop = loop;
	pw->changed = changed;
	pw->arg = arg;
	pw->procs = xcalloc(cfg->n_track_processes + 1, sizeof(*pw->procs));
	for (size_t i = 0; i < cfg->n_track_processes; i++)
		if (referenced(cfg, &cfg->track_processes[i]))
			pw->procs[pw->n++].cfg = &cfg->track_processes[i];
	ev_timer_init(&pw->scan, on_scan, SCAN_INTERVAL, SCAN_INTERVAL);
	pw->scan.data = pw;
	if (pw->n == 0)
		return;
	count_all(pw);
	apply(pw, ev_now(loop), true);
	ev_timer_start(loop, &pw->scan);
}

void
process_watches_stop(struct process_watches *pw)
{
	if (pw->loop != NULL)
		ev_timer_stop(pw->loop, &pw->scan);
	free(pw->procs);
	memset(pw, 0, sizeof(*pw));
}

bool
process_watches_up(const struct process_watches *pw,
    const struct cfg_track_process *p)
{
	for (size_t i = 0; i < pw->n; i++)
		if (pw->procs[i].cfg == p)
			return pw->procs[i].up;
	return false;
}

/* The processes counted at the last scan (lvsctl). */
uint32_t
process_watches_count(const struct process_watches *pw,
    const struct cfg_track_process *p)
{
	for (size_t i = 0; i < pw->n; i++)
		if (pw->procs[i].cfg == p)
			return pw->procs[i].count;
	return 0;
}
