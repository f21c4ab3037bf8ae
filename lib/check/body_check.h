/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What an HTTP_GET/SSL_GET url expects of a response: a status code in
 * its list (2xx when none is given), the MD5 digest of the body (as
 * keepalived's genhash prints it), a PCRE2 regex that must (regex) or must
 * not (regex_no_match) match.  The body is hashed as it streams; only a
 * regex needs bytes kept, and then at most BODY_REGEX_WINDOW of them.
 */
#ifndef LVSD_CHECK_BODY_CHECK_H
#define LVSD_CHECK_BODY_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"

#define BODY_REGEX_WINDOW (64u * 1024u)

struct body_check {
	void *md;                       /* EVP_MD_CTX *, NULL: no digest */
	uint8_t *window;                /* regex only: the body's start */
	size_t window_len;
	bool want_window;
	uint64_t len;                   /* body bytes seen */
};

/* digest: hash the body; window: keep its first BODY_REGEX_WINDOW bytes. */
void body_check_init(struct body_check *b, bool digest, bool window);
void body_check_feed(struct body_check *b, const uint8_t *data, size_t len);
/* The body's MD5 as 32 lowercase hex digits; the hash is finished. */
void body_check_digest(struct body_check *b, char hex[33]);
void body_check_free(struct body_check *b);

/* status_code list of the url (2xx when it has none). */
bool url_status_ok(const struct cfg_http_url *url, int status);

/*
 * A compiled regex (pcre2_code *), or NULL with a message in err when the
 * pattern does not compile.  Free with url_regex_free.
 */
void *url_regex_compile(const char *pattern, char *err, size_t errlen);
void url_regex_free(void *re);

/*
 * Judge a complete response against `url` (`re` its compiled regex or
 * NULL).  True when it passes; otherwise `reason` says why, e.g.
 * "status 503", "digest mismatch (got 0123...)", "regex did not match".
 * Finishes the digest.
 */
bool url_judge(const struct cfg_http_url *url, const void *re, int status,
    struct body_check *b, char *reason, size_t reason_len);

#endif
