// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "pidfile.h"

static pid_t
pidfile_read(const char *path)
{
	char buf[32];
	ssize_t n;
	long pid;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	pid = strtol(buf, NULL, 10);
	return pid > 0 && pid < 1L << 30 ? (pid_t)pid : -1;
}

/* Is `pid` a live lvsd?  The comm check tells a stale file whose pid was
 * reused by another program from a running daemon. */
static int
pid_is_lvsd(pid_t pid)
{
	char path[64], comm[32] = "";
	FILE *f;

	if (pid == getpid() || (kill(pid, 0) < 0 && errno == ESRCH))
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	f = fopen(path, "re");
	if (f == NULL)
		return 1; /* alive, and we cannot tell: do not take over */
	if (fgets(comm, sizeof(comm), f) == NULL)
		comm[0] = '\0';
	fclose(f);
	return strncmp(comm, "lvsd", 4) == 0;
}

int
pidfile_create(const char *path)
{
	char buf[32];
	pid_t old;
	int fd = -1, attempt, len;

	/* O_EXCL: of two daemons starting at once, one wins.  A stale file
	 * is removed and creation retried once. */
	for (attempt = 0; attempt < 2 && fd < 0; attempt++) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0)
			break;
		if (errno != EEXIST) {
			log_err("pid file %s: %s", path, strerror(errno));
			return -1;
		}
		old = pidfile_read(path);
		if (old > 0 && pid_is_lvsd(old)) {
			log_err("pid file %s: lvsd is already running as "
			    "pid %d", path, (int)old);
			return -1;
		}
		log_info("pid file %s: removing a stale one (pid %d)", path,
		    (int)old);
		if (unlink(path) < 0 && errno != ENOENT) {
			log_err("pid file %s: %s", path, strerror(errno));
			return -1;
		}
	}
	if (fd < 0) {
		log_err("pid file %s: created by another process meanwhile",
		    path);
		return -1;
	}
	len = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (write(fd, buf, (size_t)len) != len) {
		log_err("pid file %s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

void
pidfile_remove(const char *path)
{
	if (pidfile_read(path) == getpid() && unlink(path) < 0)
		log_warn("pid file %s: %s", path, strerror(errno));
}
