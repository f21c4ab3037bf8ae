// SPDX-License-Identifier: GPL-2.0-or-later
/* Incremental HTTP/1.x response parser (see http_parse.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "check/http_parse.h"

#define CHUNK_SIZE_MAX (UINT64_C(1) << 60)

void
http_resp_init(struct http_resp *r, http_body_fn on_body, void *arg)
{
	memset(r, 0, sizeof(*r));
	r->state = HTTP_ST_STATUS;
	r->content_length = -1;
	r->on_body = on_body;
	r->arg = arg;
}

static enum http_result
fail(struct http_resp *r, const char *why)
{
	r->state = HTTP_ST_ERROR;
	r->error = why;
	return HTTP_ERROR;
}

/* "HTTP/1.1 200 OK" */
static enum http_result
status_line(struct http_resp *r, const char *s)
{
	if (strncmp(s, "HTTP/1.", 7) != 0 || !isdigit((unsigned char)s[7]))
		return fail(r, "not an HTTP/1.x response");
	r->minor = s[7] - '0';
	if (s[8] != ' ' || !isdigit((unsigned char)s[9]) ||
	    !isdigit((unsigned char)s[10]) || !isdigit((unsigned char)s[11]) ||
	    (s[12] != ' ' && s[12] != '\0'))
		return fail(r, "malformed status line");
	r->status = (s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0');
	if (r->status < 100)
		return fail(r, "malformed status line");
	r->state = HTTP_ST_HEADER;
	return HTTP_MORE;
}

static bool
is_token_char(char c)
{
	return isalnum((unsigned char)c) || (c != '\0' &&
	    strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static enum http_result
content_length(struct http_resp *r, const char *v)
{
	uint64_t n = 0;

	if (*v == '\0')
		return fail(r, "empty Content-Length");
	for (; *v != '\0'; v++) {
		if (!isdigit((unsigned char)*v))
			return fail(r, "malformed Content-Length");
		if (n > (UINT64_C(1) << 62) / 10)
			return fail(r, "Content-Length too large");
		n = n * 10 + (uint64_t)(*v - '0');
	}
	if (r->content_length >= 0 && (uint64_t)r->content_length != n)
		return fail(r, "conflicting Content-Length headers");
	r->content_length = (int64_t)n;
	return HTTP_MORE;
}

/* Transfer-Encoding: the body is chunked when its last coding is. */
static void
transfer_encoding(struct http_resp *r, const char *v)
{
	const char *last = strrchr(v, ',');

	last = last != NULL ? last + 1 : v;
	while (*last == ' ' || *last == '\t')
		last++;
	r->chunked = strncasecmp(last, "chunked", 7) == 0 &&
	    (last[7] == '\0' || last[7] == ' ' || last[7] == '\t' ||
	    last[7] == ';');
}

static enum http_result
end_of_head(struct http_resp *r)
{
	if (r->status < 200 && r->status != 101) {
		/* 100 Continue and friends: the real response follows. */
		int keep_minor = r->minor;

		http_resp_init(r, r->on_body, r->arg);
		r->minor = keep_minor;
		return HTTP_MORE;
	}
	if (r->status == 204 || r->status == 304 || r->status == 101) {
		r->state = HTTP_ST_DONE;
		return HTTP_DONE;
	}
	if (r->chunked) {
		r->state = HTTP_ST_CHUNK_SIZE;
	} else if (r->content_length >= 0) {
		r->left = (uint64_t)r->content_length;
		r->state = r->left > 0 ? HTTP_ST_BODY_LENGTH : HTTP_ST_DONE;
	} else {
		r->state = HTTP_ST_BODY_CLOSE;
	}
	return r->state == HTTP_ST_DONE ? HTTP_DONE : HTTP_MORE;
}

static enum http_result
header_line(struct http_resp *r, char *s)
{
	char *colon, *v, *end;

	if (*s == '\0')
		return end_of_head(r);
	if (*s == ' ' || *s == '\t')
		return HTTP_MORE;       /* obsolete folding: a value we ignore */
	colon = strchr(s, ':');
	if (colon == NULL || colon == s)
		return fail(r, "malformed header line");
	for (char *c = s; c < colon; c++)
		if (!is_token_char(*c))
			return fail(r, "malformed header name");
	*colon = '\0';
	v = colon + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	end = v + strlen(v);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (strcasecmp(s, "Content-Length") == 0)
		return content_length(r, v);
	if (strcasecmp(s, "Transfer-Encoding") == 0)
		transfer_encoding(r, v);
	return HTTP_MORE;
}

static enum http_result
chunk_size_line(struct http_resp *r, const char *s)
{
	uint64_t n = 0;
	const char *p = s;

	for (; isxdigit((unsigned char)*p); p++) {
		n = n * 16 + (uint64_t)(isdigit((unsigned char)*p) ?
		    *p - '0' : (tolower((unsigned char)*p) - 'a' + 10));
		if (n > CHUNK_SIZE_MAX)
			return fail(r, "chunk size too large");
	}
	if (p == s)
		return fail(r, "malformed chunk size");
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' && *p != ';')
		return fail(r, "malformed chunk size");
	if (n == 0) {
		r->state = HTTP_ST_TRAILER;
		return HTTP_MORE;
	}
	r->left = n;
	r->state = HTTP_ST_CHUNK_DATA;
	return HTTP_MORE;
}

/* A complete line (without its LF, CR stripped) in the current state. */
static enum http_result
line_done(struct http_resp *r)
{
	if (r->line_len > 0 && r->line[r->line_len - 1] == '\r')
		r->line_len--;
	r->line[r->line_len] = '\0';
	r->line_len = 0;
	switch (r->state) {
	case HTTP_ST_STATUS:
		return status_line(r, r->line);
	case HTTP_ST_HEADER:
		return header_line(r, r->line);
	case HTTP_ST_CHUNK_SIZE:
		return chunk_size_line(r, r->line);
	case HTTP_ST_CHUNK_END:
		if (r->line[0] != '\0')
			return fail(r, "chunk data longer than its size");
		r->state = HTTP_ST_CHUNK_SIZE;
		return HTTP_MORE;
	case HTTP_ST_TRAILER:
		if (r->line[0] != '\0')
			return HTTP_MORE;
		r->state = HTTP_ST_DONE;
		return HTTP_DONE;
	default:
		return fail(r, "internal parser state");
	}
}

static bool
in_line_state(enum http_state s)
{
	return s == HTTP_ST_STATUS || s == HTTP_ST_HEADER ||
	    s == HTTP_ST_CHUNK_SIZE || s == HTTP_ST_CHUNK_END ||
	    s == HTTP_ST_TRAILER;
}

static void
body(struct http_resp *r, const uint8_t *p, size_t n)
{
	r->body_len += n;
	if (r->on_body != NULL && n > 0)
		r->on_body(r->arg, p, n);
}

enum http_result
http_resp_feed(struct http_resp *r, const uint8_t *data, size_t len)
{
	size_t i = 0;

	while (i < len) {
		enum http_result res;

		if (r->state == HTTP_ST_DONE)
			return HTTP_DONE;
		if (r->state == HTTP_ST_ERROR)
			return HTTP_ERROR;
		if (in_line_state(r->state)) {
			uint8_t c = data[i++];
			bool head = r->state == HTTP_ST_STATUS ||
			    r->state == HTTP_ST_HEADER;

			if (head && ++r->head_len > HTTP_MAX_HEAD)
				return fail(r, "response head too large");
			if (c == '\n') {
				res = line_done(r);
				if (res != HTTP_MORE)
					return res;
				continue;
			}
			if (c == '\0' || (c < 0x20 && c != '\r' && c != '\t'))
				return fail(r, head ? "control byte in the "
				    "response head" : "control byte in a "
				    "chunk line");
			if (r->line_len + 1 >= sizeof(r->line))
				return fail(r, head ? "header line too long" :
				    "chunk line too long");
			r->line[r->line_len++] = (char)c;
			continue;
		}
		if (r->state == HTTP_ST_BODY_CLOSE) {
			body(r, data + i, len - i);
			return HTTP_MORE;
		}
		/* BODY_LENGTH or CHUNK_DATA: up to `left` bytes. */
		{
			size_t n = len - i;

			if ((uint64_t)n > r->left)
				n = (size_t)r->left;
			body(r, data + i, n);
			i += n;
			r->left -= n;
			if (r->left == 0) {
				if (r->state == HTTP_ST_BODY_LENGTH) {
					r->state = HTTP_ST_DONE;
					return HTTP_DONE;
				}
				r->state = HTTP_ST_CHUNK_END;
			}
		}
	}
	return r->state == HTTP_ST_DONE ? HTTP_DONE :
	    r->state == HTTP_ST_ERROR ? HTTP_ERROR : HTTP_MORE;
}

enum http_result
http_resp_eof(struct http_resp *r)
{
	switch (r->state) {
	case HTTP_ST_DONE:
		return HTTP_DONE;
	case HTTP_ST_ERROR:
		return HTTP_ERROR;
	case HTTP_ST_BODY_CLOSE:
		r->state = HTTP_ST_DONE;
		return HTTP_DONE;
	case HTTP_ST_STATUS:
		if (r->line_len == 0 && r->head_len == 0)
			return fail(r, "connection closed without a response");
		/* FALLTHROUGH */
	default:
		return fail(r, "connection closed before the end of the "
		    "response");
	}
}
