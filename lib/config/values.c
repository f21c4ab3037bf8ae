// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Typed values: numbers in a range, timers, booleans, addresses, prefixes,
 * and the generic keyword handlers built on them.  Every parser reports the
 * offending word and the accepted range, so an error line is self-contained.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "config/parser.h"
#include "util.h"

/* -- pure helpers ----------------------------------------------------------- */

/* Levenshtein distance, for did-you-mean hints (keywords are short). */
unsigned
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned row[64], prev, tmp;

	if (la >= NITEMS(row) || lb >= NITEMS(row))
		return ~0u;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

/* -- value parsers ---------------------------------------------------------- */

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

bool
parse_u32(struct parser *p, const struct token *t, const char *what,
    unsigned long long min, unsigned long long max, uint32_t *out)
{
	unsigned long long v = 0;
	bool range = true;

	/* By hand, not strtoull: this runs for every weight and port of the
	 * file.  Only digits, at least one; too big is out of range. */
	for (const char *c = t->text; *c >= '0' && *c <= '9'; c++) {
		if (v > (ULLONG_MAX - (unsigned)(*c - '0')) / 10)
			range = false;
		else
			v = v * 10 + (unsigned)(*c - '0');
	}
	if (!all_digits(t->text) || !range) {
		if (t->text[0] == '-' && all_digits(t->text + 1))
			cfg_error(p, t, "%s '%s' out of range %llu-%llu",
			    what, t->text, min, max);
		else
			cfg_error(p, t, "%s '%s' is not a number", what,
			    t->text);
		return false;
	}
	if (v < min || v > max) {
		cfg_error(p, t, "%s '%s' out of range %llu-%llu", what,
		    t->text, min, max);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

static bool
parse_i32(struct parser *p, const struct token *t, const char *what,
    long long min, long long max, int32_t *out)
{
	const char *s = t->text + (t->text[0] == '-' || t->text[0] == '+');
	long long v;

	if (!all_digits(s) || strlen(s) > 12) {
		cfg_error(p, t, "%s '%s' is not a number", what, t->text);
		return false;
	}
	v = strtoll(t->text, NULL, 10);
	if (v < min || v > max) {
		cfg_error(p, t, "%s '%s' out of range %lld to %lld", what,
		    t->text, min, max);
		return false;
	}
	*out = (int32_t)v;
	return true;
}

/* Seconds with an optional fraction ("1", "0.5", "2.125") to milliseconds. */
bool
parse_timer_ms(struct parser *p, const struct token *t, const char *what,
    uint32_t min_ms, uint32_t max_ms, uint32_t *out)
{
	const char *s = t->text, *dot = strchr(s, '.');
	unsigned long long ms = 0;
	size_t int_len = dot ? (size_t)(dot - s) : strlen(s);
	int scale = 100;

	if (int_len == 0 && (dot == NULL || dot[1] == '\0'))
		goto bad;
	if (int_len > 9)
		goto range;
	for (size_t i = 0; i < int_len; i++) {
		if (!isdigit((unsigned char)s[i]))
			goto bad;
		ms = ms * 10 + (unsigned)(s[i] - '0');
	}
	ms *= 1000;
	if (dot != NULL) {
		if (dot[1] == '\0')
			goto bad;
		for (const char *d = dot + 1; *d; d++) {
			if (!isdigit((unsigned char)*d))
				goto bad;
			if (scale == 0 && *d != '0') {
				cfg_error(p, t, "%s '%s' is finer than a "
				    "millisecond", what, t->text);
				return false;
			}
			ms += (unsigned long long)(*d - '0') * (unsigned)scale;
			scale /= 10;
		}
	}
	if (ms < min_ms || ms > max_ms)
		goto range;
	*out = (uint32_t)ms;
	return true;
range:
	cfg_error(p, t, "%s '%s' out of range %u.%03u-%u.%03u seconds", what,
	    t->text, min_ms / 1000, min_ms % 1000, max_ms / 1000, max_ms % 1000);
	return false;
bad:
	cfg_error(p, t, "%s '%s' is not a number of seconds", what, t->text);
	return false;
}

bool
parse_bool(struct parser *p, const struct token *t, bool *out)
{
	static const char *const yes[] = { "on", "true", "yes", "1" };
	static const char *const no[] = { "off", "false", "no", "0" };

	for (size_t i = 0; i < NITEMS(yes); i++) {
		if (strcasecmp(t->text, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(t->text, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	cfg_error(p, t, "'%s' is not a boolean (on/off, true/false, yes/no)",
	    t->text);
	return false;
}

bool
parse_addr(struct parser *p, const struct token *t, struct lvsd_addr *a)
{
	if (addr_from_string(t->text, a))
		return true;
	cfg_refuse(p, t, "'%s' is not an IPv4 or IPv6 address", t->text);
	return false;
}

bool
parse_prefix(struct parser *p, const struct token *t, struct lvsd_prefix *pfx)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	unsigned max;

	snprintf(buf, sizeof(buf), "%s", t->text);
	slash = strchr(buf, '/');
	if (slash != NULL)
		*slash = '\0';
	if (strlen(t->text) >= sizeof(buf) ||
	    !addr_from_string(buf, &pfx->addr)) {
		cfg_refuse(p, t, "'%s' is not an IPv4 or IPv6 address", t->text);
		return false;
	}
	max = pfx->addr.af == AF_INET ? 32 : 128;
	pfx->len = (uint8_t)max;
	if (slash != NULL) {
		if (!all_digits(slash + 1) || strlen(slash + 1) > 3 ||
		    (unsigned)atoi(slash + 1) > max) {
			cfg_error(p, t, "'%s' has a bad prefix length (0-%u "
			    "for IPv%d)", t->text, max,
			    pfx->addr.af == AF_INET ? 4 : 6);
			return false;
		}
		pfx->len = (uint8_t)atoi(slash + 1);
	}
	return true;
}

bool
parse_port(struct parser *p, const struct token *t, uint16_t *port)
{
	uint32_t v;

	if (!parse_u32(p, t, "port", 1, 65535, &v))
		return false;
	*port = (uint16_t)v;
	return true;
}

/* -- generic handlers -------------------------------------------------------- */

#define FIELD_PTR(obj, kw) ((void *)((char *)(obj) + (kw)->off))

bool
kw_nargs(struct parser *p, const struct kw *kw, const struct token *at,
    size_t nargs, size_t min, size_t max)
{
	if (nargs >= min && nargs <= max)
		return true;
	if (min == max)
		cfg_error(p, at, "'%s' takes %zu argument%s, %zu given",
		    kw->name, min, min == 1 ? "" : "s", nargs);
	else if (nargs < min)
		cfg_error(p, at, "'%s' needs at least %zu argument%s",
		    kw->name, min, min == 1 ? "" : "s");
	else
		cfg_error(p, at, "'%s' takes at most %zu argument%s, %zu given",
		    kw->name, max, max == 1 ? "" : "s", nargs);
	return false;
}

/* The keyword token precedes the arguments in the statement. */
#define KWTOK(args) (&(args)[-1])

bool
kw_uint(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	uint32_t v;

	(void)child;
	if (!kw_nargs(p, kw, KWTOK(args), nargs, 1, 1) ||
	    !parse_u32(p, &args[0], kw->name, (unsigned long long)kw->min,
	    (unsigned long long)kw->max, &v))
		return false;
	switch (kw->size) {
	case 1: *(uint8_t *)FIELD_PTR(obj, kw) = (uint8_t)v; break;
	case 2: *(uint16_t *)FIELD_PTR(obj, kw) = (uint16_t)v; break;
	default: *(uint32_t *)FIELD_PTR(obj, kw) = v; break;
	}
	return true;
}

bool
kw_int(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	(void)child;
	return kw_nargs(p, kw, KWTOK(args), nargs, 1, 1) &&
	    parse_i32(p, &args[0], kw->name, kw->min, kw->max,
	    (int32_t *)FIELD_PTR(obj, kw));
}

bool
kw_timer(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	(void)child;
	return kw_nargs(p, kw, KWTOK(args), nargs, 1, 1) &&
	    parse_timer_ms(p, &args[0], kw->name, (uint32_t)kw->min,
	    (uint32_t)kw->max, (uint32_t *)FIELD_PTR(obj, kw));
}

/* `nopreempt` or `nopreempt on|off`. */
bool
kw_flag(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	bool v = true;

	(void)child;
	if (!kw_nargs(p, kw, KWTOK(args), nargs, 0, 1) ||
	    (nargs == 1 && !parse_bool(p, &args[0], &v)))
		return false;
	*(bool *)FIELD_PTR(obj, kw) = v;
	return true;
}

/* A flag that clears its field (`preempt` clears `nopreempt`). */
bool
kw_flag_off(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	(void)child;
	(void)args;
	if (!kw_nargs(p, kw, KWTOK(args), nargs, 0, 0))
		return false;
	*(bool *)FIELD_PTR(obj, kw) = false;
	return true;
}

bool
kw_string(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	(void)child;
	if (!kw_nargs(p, kw, KWTOK(args), nargs, 1, 1))
		return false;
	*(char **)FIELD_PTR(obj, kw) = parser_strdup(p, &args[0]);
	return true;
}

bool
kw_cmdline(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	(void)child;
	if (!kw_nargs(p, kw, KWTOK(args), nargs, 1, 64))
		return false;
	*(char **)FIELD_PTR(obj, kw) = parser_join(p, args, nargs);
	return true;
}

bool
kw_addr(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	struct lvsd_addr a;

	(void)child;
	if (!kw_nargs(p, kw, KWTOK(args), nargs, 1, 1) ||
	    !parse_addr(p, &args[0], &a))
		return false;
	if (kw->min && a.af != kw->min) {
		cfg_error(p, &args[0], "'%s' needs an IPv%d address, not '%s'",
		    kw->name, kw->min == AF_INET ? 4 : 6, args[0].text);
		return false;
	}
	*(struct lvsd_addr *)FIELD_PTR(obj, kw) = a;
	return true;
}

/* Case-insensitive match against the names; stores the index as an int. */
bool
kw_enum(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	const struct kw_enum *e = kw->extra;
	char list[256] = "";

	(void)child;
	if (!kw_nargs(p, kw, KWTOK(args), nargs, 1, 1))
		return false;
	for (int i = 0; e->names[i]; i++) {
		if (e->names[i][0] != '\0' &&
		    strcasecmp(args[0].text, e->names[i]) == 0) {
			*(int *)FIELD_PTR(obj, kw) = i;
			return true;
		}
		if (e->names[i][0] != '\0') {
			if (list[0])
				strncat(list, ", ", sizeof(list) - strlen(list) - 1);
			strncat(list, e->names[i], sizeof(list) - strlen(list) - 1);
		}
	}
	cfg_error(p, &args[0], "unknown %s '%s' (one of: %s)", kw->name,
	    args[0].text, list);
	return false;
}

/* `user USER [GROUP]`: the group's offset is in kw->min. */
bool
kw_run_as(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	(void)child;
	if (!kw_nargs(p, kw, KWTOK(args), nargs, 1, 2))
		return false;
	*(char **)FIELD_PTR(obj, kw) = parser_strdup(p, &args[0]);
	*(char **)((char *)obj + kw->min) =
	    nargs > 1 ? parser_strdup(p, &args[1]) : NULL;
	return true;
}

bool
kw_same_object(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	if (!kw_nargs(p, kw, KWTOK(args), nargs, 0, 0))
		return false;
	*child = obj;
	return true;
}

/* -- command lines ------------------------------------------------------------ */

static bool
needs_quotes(const char *s)
{
	if (*s == '\0')
		return true;
	for (; *s; s++)
		if (isspace((unsigned char)*s) || *s == '"' || *s == '\\' ||
		    *s == '\'')
			return true;
	return false;
}

char *
parser_join(struct parser *p, struct token *args, size_t nargs)
{
	size_t len = 1;
	char *out, *o;

	for (size_t i = 0; i < nargs; i++)
		len += 2 * strlen(args[i].text) + 3;
	out = o = arena_alloc(parser_arena(p), len);
	for (size_t i = 0; i < nargs; i++) {
		const char *s = args[i].text;
		/* A lone argument is a whole command line as keepalived
		 * takes it ("script \"/bin/x arg\""): keep it verbatim. */
		bool q = nargs > 1 && needs_quotes(s);

		if (i > 0)
			*o++ = ' ';
		if (q)
			*o++ = '"';
		for (; *s; s++) {
			if (q && (*s == '"' || *s == '\\'))
				*o++ = '\\';
			*o++ = *s;
		}
		if (q)
			*o++ = '"';
	}
	*o = '\0';
	return out;
}
