// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: script command lines (lib/script/argv.c) and track
 * file contents (lib/vrrp/track.c), both read from files an operator or
 * a program writes. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "script/argv.h"
#include "vrrp/track.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *extra[] = { "INSTANCE", "VI_1", "MASTER", "100" };
	const char *err;
	char *line, **argv;
	size_t n, i, total = 0;

	(void)track_file_effect(track_file_parse((const char *)data, size),
	    size > 0 ? (int8_t)data[0] : 0, size > 1 && (data[1] & 1));
	line = malloc(size + 1);
	if (line == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	argv = script_argv_split(line, extra, 4, &err);
	if (argv != NULL) {
		n = script_argv_count(argv);
		/* Every word must be readable and the extras come last. */
		for (i = 0; i < n; i++)
			total += strlen(argv[i]);
		if (n < 4 || strcmp(argv[n - 1], "100") != 0 || total > size + 32)
			abort();
		free(argv);
	}
	free(line);
	return 0;
}
