// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: any bytes a real server could answer an HTTP_GET
 * with.  The first byte sets the size of the reads, so every split point
 * is exercised.  The parser must end in DONE or ERROR (with a reason)
 * or want more, never crash, and deliver no more body than it was given;
 * the same bytes in one piece must give the same result.
 */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "check/body_check.h"
#include "check/http_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum http_result
run(const uint8_t *data, size_t size, size_t step, struct http_resp *r,
    char hex[33])
{
	struct body_check b;
	enum http_result res = HTTP_MORE;
	size_t off = 0;

	body_check_init(&b, true, true);
	http_resp_init(r, (http_body_fn)body_check_feed, &b);
	while (off < size && res == HTTP_MORE) {
		size_t n = size - off < step ? size - off : step;

		res = http_resp_feed(r, data + off, n);
		off += n;
	}
	if (res == HTTP_MORE)
		res = http_resp_eof(r);
	assert(res != HTTP_MORE);
	assert(res != HTTP_ERROR || r->error != NULL);
	assert(r->body_len <= size);
	assert(b.len == r->body_len);
	body_check_digest(&b, hex);
	body_check_free(&b);
	return res;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct http_resp r1, r2;
	char h1[33], h2[33];
	enum http_result a, b;

	if (size < 1)
		return 0;
	a = run(data + 1, size - 1, (size_t)data[0] % 16 + 1, &r1, h1);
	b = run(data + 1, size - 1, size, &r2, h2);
	assert(a == b);
	if (a == HTTP_DONE) {
		assert(r1.status == r2.status);
		assert(strcmp(h1, h2) == 0);
	}
	return 0;
}
