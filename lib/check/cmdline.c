// SPDX-License-Identifier: GPL-2.0-or-later
/* Command lines into argv (see cmdline.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check/cmdline.h"
#include "util.h"

char **
cmdline_split(const char *line, size_t *argc)
{
	size_t len = strlen(line), n = 0, max = len / 2 + 2;
	/* argv pointers, then the words, each at most the line's length */
	char **argv = xmalloc(max * sizeof(char *) + len + 1 + max);
	char *o = (char *)(argv + max);
	const char *s = line;

	for (;;) {
		char quote = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		argv[n++] = o;
		for (; *s != '\0'; s++) {
			if (quote != 0) {
				if (*s == quote) {
					quote = 0;
					continue;
				}
				if (*s == '\\' && quote == '"' && s[1] != '\0')
					s++;
				*o++ = *s;
				continue;
			}
			if (*s == ' ' || *s == '\t')
				break;
			if (*s == '"' || *s == '\'') {
				quote = *s;
				continue;
			}
			if (*s == '\\' && s[1] != '\0')
				s++;
			*o++ = *s;
		}
		if (quote != 0) {
			free(argv);
			return NULL;
		}
		*o++ = '\0';
	}
	if (n == 0) {
		free(argv);
		return NULL;
	}
	argv[n] = NULL;
	if (argc != NULL)
		*argc = n;
	return argv;
}
