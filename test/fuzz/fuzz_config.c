// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: any byte string as a configuration file, and as a
 * bundle.  Neither may crash, leak or read out of bounds; a bundle that is
 * accepted must load like any other source.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_options lenient = { .config_id = "lb-a", .lenient = true };
	struct diag_list dl;
	struct cfg_source *src;
	char *text = malloc(size + 1);

	memcpy(text, data, size);
	text[size] = '\0';
	diag_init(&dl);
	config_free(config_load_string("fuzz.conf", text, NULL, &dl));
	diag_free(&dl);
	/* Again with a config id and the lenient switch (compat.c), whose
	 * ignored lines and dropped servers must leave a sound model. */
	diag_init(&dl);
	config_free(config_load_string("fuzz.conf", text, &lenient, &dl));
	diag_free(&dl);
	free(text);

	src = cfg_source_bundle(data, size);
	if (src != NULL) {
		diag_init(&dl);
		config_free(config_load("fuzz.conf", src, NULL, &dl));
		diag_free(&dl);
		cfg_source_free(src);
	}
	return 0;
}
