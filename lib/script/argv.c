// SPDX-License-Identifier: GPL-2.0-or-later
/* Splitting script command lines (argv.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "script/argv.h"
#include "util.h"

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * One pass that writes the words into `out` (NUL after each) when it is
 * not NULL; returns the number of words, or -1 on an open quote.
 */
static long
split_words(const char *s, char *out)
{
	long words = 0;
	char quote;

	for (;;) {
		while (is_blank(*s))
			s++;
		if (*s == '\0')
			return words;
		words++;
		quote = 0;
		while (*s != '\0' && (quote || !is_blank(*s))) {
			char c = *s++;

			if (quote == '\'' && c == '\'')
				quote = 0;
			else if (quote == '"' && c == '"')
				quote = 0;
			else if (!quote && (c == '"' || c == '\''))
				quote = c;
			else if (c == '\\' && quote != '\'' && *s != '\0') {
				if (out)
					*out++ = *s;
				s++;
			} else if (out)
				*out++ = c;
		}
		if (quote)
			return -1;
		if (out)
			*out++ = '\0';
	}
}

char **
script_argv_split(const char *cmdline, const char *const *extra,
    size_t n_extra, const char **err)
{
	long words = split_words(cmdline, NULL);
	size_t n, bytes, i;
	char **argv, *p;

	if (words < 0) {
		*err = "a quote is not closed";
		return NULL;
	}
	if (words == 0) {
		*err = "the command line is empty";
		return NULL;
	}
	n = (size_t)words + n_extra;
	bytes = (n + 1) * sizeof(char *) + strlen(cmdline) + 1;
	for (i = 0; i < n_extra; i++)
		bytes += strlen(extra[i]) + 1;
	argv = xmalloc(bytes);
	p = (char *)(argv + n + 1);
	split_words(cmdline, p);
	for (i = 0; i < (size_t)words; i++) {
		argv[i] = p;
		p += strlen(p) + 1;
	}
	for (i = 0; i < n_extra; i++) {
		size_t len = strlen(extra[i]) + 1;

		argv[words + i] = memcpy(p, extra[i], len);
		p += len;
	}
	argv[n] = NULL;
	return argv;
}

size_t
script_argv_count(char *const *argv)
{
	size_t n = 0;

	while (argv[n] != NULL)
		n++;
	return n;
}
