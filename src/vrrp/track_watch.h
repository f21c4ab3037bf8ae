/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The I/O behind track_file and vrrp_track_process.
 *
 * Track files are watched with inotify on their directories (a file
 * written in place, replaced by a rename, created or deleted is seen at
 * once); a file that is absent or holds no number reads as 0.
 *
 * Processes are counted by scanning /proc once a second (keepalived uses
 * the proc connector; a scan needs no privilege and sees processes that
 * started before lvsd).  A change of "running" is applied after
 * fork_delay / terminate_delay when it lasts that long.
 */
#ifndef LVSD_VRRP_TRACK_WATCH_H
#define LVSD_VRRP_TRACK_WATCH_H

#include <ev.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lvsd_config;
struct cfg_track_file;
struct cfg_track_process;

struct watched_file {
	const struct cfg_track_file *cfg;
	int64_t value;
	int wd;
};

struct file_watches {
	struct ev_loop *loop;
	int fd;                         /* inotify */
	ev_io io;
	struct watched_file *files;
	size_t n;
	void (*changed)(void *arg);
	void *arg;
};

/* Watch every track_file `cfg` references (init_file applied first). */
void file_watches_start(struct file_watches *fw, struct ev_loop *loop,
    const struct lvsd_config *cfg, void (*changed)(void *), void *arg);
void file_watches_stop(struct file_watches *fw);
int64_t file_watches_value(const struct file_watches *fw,
    const struct cfg_track_file *f);

struct watched_process {
	const struct cfg_track_process *cfg;
	uint32_t count;
	bool up;                        /* as applied */
	bool pending;                   /* a change waits for its delay */
	ev_tstamp since;
};

struct process_watches {
	struct ev_loop *loop;
	ev_timer scan;
	struct watched_process *procs;
	size_t n;
	void (*changed)(void *arg);
	void *arg;
	char cmdline[8192];             /* scratch for one /proc read */
};

void process_watches_start(struct process_watches *pw, struct ev_loop *loop,
    const struct lvsd_config *cfg, void (*changed)(void *), void *arg);
void process_watches_stop(struct process_watches *pw);
bool process_watches_up(const struct process_watches *pw,
    const struct cfg_track_process *p);
uint32_t process_watches_count(const struct process_watches *pw,
    const struct cfg_track_process *p);

/* Does a process (its comm name and argv) match `p`?  Pure; exposed
 * for the unit tests. */
bool track_process_matches(const struct cfg_track_process *p,
    const char *comm, char *const *argv, size_t argc);

#endif
