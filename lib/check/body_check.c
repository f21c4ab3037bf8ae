// SPDX-License-Identifier: GPL-2.0-or-later
/* Status, digest and regex expectations of a url (see body_check.h). */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <openssl/evp.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/body_check.h"
#include "util.h"

void
body_check_init(struct body_check *b, bool digest, bool window)
{
	memset(b, 0, sizeof(*b));
	if (digest) {
		b->md = EVP_MD_CTX_new();
		if (b->md == NULL ||
		    EVP_DigestInit_ex(b->md, EVP_md5(), NULL) != 1)
			abort();
	}
	b->want_window = window;
}

void
body_check_feed(struct body_check *b, const uint8_t *data, size_t len)
{
	b->len += len;
	if (b->md != NULL && len > 0)
		EVP_DigestUpdate(b->md, data, len);
	if (b->want_window && b->window_len < BODY_REGEX_WINDOW) {
		size_t n = BODY_REGEX_WINDOW - b->window_len;

		if (n > len)
			n = len;
		if (b->window == NULL)
			b->window = xmalloc(BODY_REGEX_WINDOW);
		memcpy(b->window + b->window_len, data, n);
		b->window_len += n;
	}
}

void
body_check_digest(struct body_check *b, char hex[33])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	hex[0] = '\0';
	if (b->md == NULL)
		return;
	EVP_DigestFinal_ex(b->md, md, &n);
	for (unsigned int i = 0; i < n && i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	/* Finished: a second call would hash nothing; start over. */
	EVP_DigestInit_ex(b->md, EVP_md5(), NULL);
}

void
body_check_free(struct body_check *b)
{
	if (b->md != NULL)
		EVP_MD_CTX_free(b->md);
	free(b->window);
	memset(b, 0, sizeof(*b));
}

bool
url_status_ok(const struct cfg_http_url *url, int status)
{
	unsigned bit;

	if (!url->has_status)
		return status >= 200 && status <= 299;
	if (status < 100 || status > 599)
		return false;
	bit = (unsigned)(status - 100);
	return (url->status_ok[bit / 8] >> (bit % 8)) & 1;
}

void *
url_regex_compile(const char *pattern, char *err, size_t errlen)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0,
	    &code, &off, NULL);
	if (re == NULL && err != NULL) {
		PCRE2_UCHAR msg[160];

		pcre2_get_error_message(code, msg, sizeof(msg));
		snprintf(err, errlen, "%s at offset %zu", (char *)msg,
		    (size_t)off);
	}
	return re;
}

void
url_regex_free(void *re)
{
	pcre2_code_free(re);
}

static bool
regex_matches(const void *re, const struct body_check *b)
{
	pcre2_match_data *md;
	int rc;

	md = pcre2_match_data_create_from_pattern(re, NULL);
	if (md == NULL)
		abort();
	rc = pcre2_match(re, b->window != NULL ? b->window :
	    (PCRE2_SPTR)"", b->window_len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

bool
url_judge(const struct cfg_http_url *url, const void *re, int status,
    struct body_check *b, char *reason, size_t reason_len)
{
	char hex[33];

	if (!url_status_ok(url, status)) {
		snprintf(reason, reason_len, "status %d", status);
		return false;
	}
	if (url->digest != NULL) {
		body_check_digest(b, hex);
		if (strcasecmp(hex, url->digest) != 0) {
			snprintf(reason, reason_len, "digest mismatch (got %s)",
			    hex);
			return false;
		}
	}
	if (re != NULL) {
		bool m = regex_matches(re, b);

		if (m && url->regex_no_match) {
			snprintf(reason, reason_len, "regex_no_match matched");
			return false;
		}
		if (!m && !url->regex_no_match) {
			snprintf(reason, reason_len, "regex did not match");
			return false;
		}
	}
	return true;
}
