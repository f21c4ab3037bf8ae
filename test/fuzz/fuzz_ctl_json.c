// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: what consumes lvsctl's JSON documents: the pieces
 * joined (src/ctl_json.c), the metrics page (src/metrics_text.c) and
 * lvsctl's text views (src/lvsctl/render.c), for any document, including
 * ones with the wrong types where numbers or arrays are expected. */
#include "config.h"

#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ctl_json.h"
#include "lvsctl/lvsctl.h"
#include "metrics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctl_json_buf b = { NULL, 0, 0 };
	struct json_object *doc;
	FILE *null = fopen("/dev/null", "w");
	size_t half = size / 2, len;
	char *page;
	int v;

	if (null == NULL)
		return 0;
	ctl_json_buf_add(&b, data, half);
	ctl_json_buf_add(&b, data + half, size - half);
	doc = ctl_json_buf_take(&b);
	ctl_json_buf_free(&b);
	if (doc != NULL) {
		page = metrics_render(doc, &len);
		free(page);
		for (v = VIEW_ALL; v <= VIEW_SYNC; v++)
			render_status(null, doc, (enum lvsctl_view)v);
		render_event(null, doc);
		render_diagnostics(null, doc);
		json_object_put(doc);
	}
	fclose(null);
	return 0;
}
