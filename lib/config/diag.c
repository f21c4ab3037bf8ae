// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config/diag.h"
#include "util.h"

void
diag_init(struct diag_list *dl)
{
	memset(dl, 0, sizeof(*dl));
}

void
diag_free(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->items[i].file);
		free(dl->items[i].message);
	}
	free(dl->items);
	diag_init(dl);
}

void
diag_vadd(struct diag_list *dl, enum diag_severity sev, const char *file,
    unsigned line, unsigned col, const char *fmt, va_list ap)
{
	struct diag *d;
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	xgrow((void **)&dl->items, &dl->cap, dl->n, sizeof(*dl->items));
	d = &dl->items[dl->n++];
	d->severity = sev;
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
	d->message = xstrdup(msg);
	if (sev == DIAG_ERROR)
		dl->n_errors++;
	else
		dl->n_warnings++;
}

void
diag_add(struct diag_list *dl, enum diag_severity sev, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, sev, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_format(const struct diag *d, char *buf, size_t len)
{
	const char *sev = d->severity == DIAG_ERROR ? "error" : "warning";

	if (d->file == NULL)
		snprintf(buf, len, "lvsd: %s: %s", sev, d->message);
	else if (d->line == 0)
		snprintf(buf, len, "%s: %s: %s", d->file, sev, d->message);
	else
		snprintf(buf, len, "%s:%u:%u: %s: %s", d->file, d->line,
		    d->col, sev, d->message);
}

void
diag_print(const struct diag_list *dl, FILE *out)
{
	char buf[1024];

	for (size_t i = 0; i < dl->n; i++) {
		diag_format(&dl->items[i], buf, sizeof(buf));
		fprintf(out, "%s\n", buf);
	}
}
