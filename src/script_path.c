// SPDX-License-Identifier: GPL-2.0-or-later
/* Where a script's program is and whether it is safe to run (script.h). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "script.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:" \
	"/sbin:/bin"

static bool
is_executable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

bool
script_find_program(const char *name, char *out, size_t len)
{
	const char *path, *p, *end;

	if (strchr(name, '/') != NULL) {
		if ((size_t)snprintf(out, len, "%s", name) >= len)
			return false;
		return is_executable_file(out);
	}
	path = getenv("PATH");
	if (path == NULL || *path == '\0')
		path = DEFAULT_PATH;
	for (p = path; ; p = end + 1) {
		int n;

		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		n = snprintf(out, len, "%.*s/%s", (int)(end - p),
		    end == p ? "." : p, name);
		if (n > 0 && (size_t)n < len && is_executable_file(out))
			return true;
		if (*end == '\0')
			return false;
	}
}

/* Can someone other than root change what `st` names? */
static const char *
writable_by_others(const struct stat *st)
{
	if (st->st_uid != 0)
		return "is owned by a user other than root";
	if ((st->st_mode & S_IWGRP) && st->st_gid != 0)
		return "is writable by a group other than root's";
	if ((st->st_mode & S_IWOTH) &&
	    !(S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX)))
		return "is writable by everyone";
	return NULL;
}

const char *
script_path_insecure(const char *path, uid_t uid, char *buf, size_t len)
{
	char real[PATH_MAX], *slash;
	struct stat st;
	const char *why;

	if (uid != 0)
		return NULL;
	if (realpath(path, real) == NULL) {
		snprintf(buf, len, "'%s' cannot be resolved", path);
		return buf;
	}
	/* The file, then each directory up to /. */
	for (;;) {
		if (stat(real[0] != '\0' ? real : "/", &st) != 0) {
			snprintf(buf, len, "'%s' cannot be examined",
			    real[0] != '\0' ? real : "/");
			return buf;
		}
		why = writable_by_others(&st);
		if (why != NULL) {
			snprintf(buf, len, "'%s' %s", real[0] != '\0' ? real :
			    "/", why);
			return buf;
		}
		if (real[0] == '\0')
			return NULL;
		slash = strrchr(real, '/');
		*slash = '\0';
	}
}
