// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lvsd-genhash: fetch a URL and print the MD5 digest of its body, the
 * value an HTTP_GET or SSL_GET `digest` expects (keepalived's genhash).
 * The body goes through the checkers' own parser and hash.
 *
 *   lvsd-genhash -s SERVER -p PORT -u URL [-S] [-V VHOST] [-t SECONDS]
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "check/body_check.h"
#include "check/http_parse.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: lvsd-genhash -s SERVER -p PORT -u URL [-S] "
	    "[-V VHOST] [-t SECONDS]\n"
	    "  -s SERVER   address or name of the server\n"
	    "  -p PORT     its port (default 80, or 443 with -S)\n"
	    "  -u URL      the path to get, e.g. /index.html\n"
	    "  -S          use TLS (as SSL_GET)\n"
	    "  -V VHOST    Host header (and TLS SNI name)\n"
	    "  -t SECONDS  timeout of each step (default 5)\n");
}

static int
connect_to(const char *server, const char *port, int timeout)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	struct timeval tv = { .tv_sec = timeout };
	int fd = -1, rc;

	rc = getaddrinfo(server, port, &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "lvsd-genhash: %s: %s\n", server,
		    gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		fprintf(stderr, "lvsd-genhash: connect to %s port %s: %s\n",
		    server, port, strerror(errno));
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

static void
on_body(void *arg, const uint8_t *data, size_t len)
{
	body_check_feed(arg, data, len);
}

int
main(int argc, char **argv)
{
	const char *server = NULL, *port = NULL, *url = NULL, *vhost = NULL;
	bool tls = false;
	int timeout = 5, opt, fd;
	SSL_CTX *ctx = NULL;
	SSL *ssl = NULL;
	char req[4096], hex[33];
	struct http_resp *resp = malloc(sizeof(*resp));
	struct body_check body;
	enum http_result res = HTTP_MORE;
	int n;

	while ((opt = getopt(argc, argv, "s:p:u:SV:t:h")) != -1) {
		switch (opt) {
		case 's': server = optarg; break;
		case 'p': port = optarg; break;
		case 'u': url = optarg; break;
		case 'S': tls = true; break;
		case 'V': vhost = optarg; break;
		case 't': timeout = atoi(optarg); break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 3;
		}
	}
	if (server == NULL || url == NULL || optind != argc || timeout <= 0 ||
	    resp == NULL) {
		usage(stderr);
		return 3;
	}
	if (port == NULL)
		port = tls ? "443" : "80";
	fd = connect_to(server, port, timeout);
	if (fd < 0)
		return 1;
	if (tls) {
		ctx = SSL_CTX_new(TLS_client_method());
		ssl = ctx != NULL ? SSL_new(ctx) : NULL;
		if (ssl == NULL)
			return 1;
		SSL_set_fd(ssl, fd);
		if (vhost != NULL)
			SSL_set_tlsext_host_name(ssl, vhost);
		if (SSL_connect(ssl) != 1) {
			fprintf(stderr, "lvsd-genhash: TLS handshake failed: "
			    "%s\n", ERR_reason_error_string(ERR_get_error()));
			return 1;
		}
	}
	n = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nUser-Agent: "
	    "lvsd-genhash/" PACKAGE_VERSION "\r\nHost: %s%s%s\r\n"
	    "Accept: */*\r\nConnection: close\r\n\r\n", url,
	    vhost != NULL ? vhost : server, vhost != NULL ? "" : ":",
	    vhost != NULL ? "" : port);
	if (n < 0 || (size_t)n >= sizeof(req) ||
	    (tls ? SSL_write(ssl, req, n) != n :
	    write(fd, req, (size_t)n) != n)) {
		fprintf(stderr, "lvsd-genhash: cannot send the request\n");
		return 1;
	}
	body_check_init(&body, true, false);
	http_resp_init(resp, on_body, &body);
	while (res == HTTP_MORE) {
		uint8_t buf[16384];
		int got = tls ? SSL_read(ssl, buf, sizeof(buf)) :
		    (int)read(fd, buf, sizeof(buf));

		if (got < 0 && !tls) {
			fprintf(stderr, "lvsd-genhash: read: %s\n",
			    errno == EAGAIN ? "timeout" : strerror(errno));
			return 1;
		}
		res = got <= 0 ? http_resp_eof(resp) :
		    http_resp_feed(resp, buf, (size_t)got);
	}
	if (res == HTTP_ERROR) {
		fprintf(stderr, "lvsd-genhash: bad response: %s\n",
		    resp->error);
		return 1;
	}
	body_check_digest(&body, hex);
	printf("HTTP status: %d\nBody length: %llu\nMD5SUM = %s\n",
	    resp->status, (unsigned long long)resp->body_len, hex);
	body_check_free(&body);
	if (ssl != NULL)
		SSL_free(ssl);
	SSL_CTX_free(ctx);
	close(fd);
	free(resp);
	return 0;
}
