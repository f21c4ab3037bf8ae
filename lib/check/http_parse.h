/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An incremental HTTP/1.x response parser for the HTTP_GET and SSL_GET
 * checkers and lvsd-genhash.  Bytes are fed as they arrive, split
 * anywhere; the body is handed to a callback piece by piece and never held,
 * so a checker hashes a large page without buffering it.  No sockets here.
 *
 * Framing: Content-Length, chunked (the last Transfer-Encoding), or
 * delimited by the end of the connection.  Interim 1xx responses are
 * skipped.  A line over HTTP_MAX_LINE, a head over HTTP_MAX_HEAD, or
 * anything that is not HTTP is an error with a reason.
 */
#ifndef LVSD_CHECK_HTTP_PARSE_H
#define LVSD_CHECK_HTTP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_MAX_LINE 8192u             /* status, header or chunk line */
#define HTTP_MAX_HEAD (64u * 1024u)     /* the whole response head */

enum http_result {
	HTTP_MORE,                      /* feed more bytes (or the end) */
	HTTP_DONE,                      /* the response is complete */
	HTTP_ERROR,                     /* http_resp.error says why */
};

enum http_state {
	HTTP_ST_STATUS,
	HTTP_ST_HEADER,
	HTTP_ST_BODY_LENGTH,            /* Content-Length bytes left */
	HTTP_ST_CHUNK_SIZE,
	HTTP_ST_CHUNK_DATA,
	HTTP_ST_CHUNK_END,              /* the CRLF after a chunk's data */
	HTTP_ST_TRAILER,
	HTTP_ST_BODY_CLOSE,             /* until the connection ends */
	HTTP_ST_DONE,
	HTTP_ST_ERROR,
};

typedef void (*http_body_fn)(void *arg, const uint8_t *data, size_t len);

struct http_resp {
	enum http_state state;
	int status;                     /* 100..999 once the line is read */
	int minor;                      /* HTTP/1.minor */
	int64_t content_length;         /* -1: none given */
	bool chunked;
	uint64_t left;                  /* bytes left in body or chunk */
	uint64_t body_len;              /* body bytes delivered so far */
	size_t head_len;                /* bytes of the current head */
	char line[HTTP_MAX_LINE];
	size_t line_len;
	const char *error;              /* static text on HTTP_ERROR */
	http_body_fn on_body;
	void *arg;
};

void http_resp_init(struct http_resp *r, http_body_fn on_body, void *arg);
/* Feed the next bytes.  Bytes after a complete response are ignored. */
enum http_result http_resp_feed(struct http_resp *r, const uint8_t *data,
    size_t len);
/* The peer closed: DONE for a close-delimited body, else an error
 * ("connection closed before the end of the response"). */
enum http_result http_resp_eof(struct http_resp *r);

#endif
