// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The real servers of the checker benchmark: accept every connection on
 * 0.0.0.0:PORT and close it at once, in one process without forking, so
 * thousands of TCP_CHECKs a second cost the listener little.
 * Built by bench/checkers-bench.sh, not by the project's build.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd, one = 1;

	sin.sin_port = htons(argc > 1 ? (unsigned short)atoi(argv[1]) : 80);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)) != 0 || bind(fd, (struct sockaddr *)&sin,
	    sizeof(sin)) != 0 || listen(fd, 4096) != 0) {
		perror("acceptor");
		return 1;
	}
	for (;;) {
		int c = accept(fd, NULL, NULL);

		if (c >= 0)
			close(c);
	}
}
