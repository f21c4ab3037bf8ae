// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "daemon.h"
#include "exitcode.h"

int
daemon_detach(bool keep_stderr)
{
	unsigned char code;
	int pfd[2], null;
	ssize_t n;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid > 0) {
		/* EOF without a code: the daemon died before it was ready. */
		close(pfd[1]);
		do
			n = read(pfd[0], &code, 1);
		while (n < 0 && errno == EINTR);
		_exit(n == 1 ? code : LVSD_EXIT_FATAL);
	}
	close(pfd[0]);
	if (setsid() < 0)
		_exit(LVSD_EXIT_FATAL);
	/* The second fork makes sure we never regain a terminal. */
	pid = fork();
	if (pid < 0)
		_exit(LVSD_EXIT_FATAL);
	if (pid > 0)
		_exit(LVSD_EXIT_OK);
	if (chdir("/") < 0)
		_exit(LVSD_EXIT_FATAL);
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		if (!keep_stderr)
			dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	return pfd[1];
}

void
daemon_ready(int fd, int exit_code)
{
	unsigned char code = (unsigned char)exit_code;

	if (fd < 0)
		return;
	while (write(fd, &code, 1) < 0 && errno == EINTR)
		;
	close(fd);
}
