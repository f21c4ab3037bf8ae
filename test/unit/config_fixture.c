// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config_fixture.h"

struct diag_list fixture_dl;

struct lvsd_config *
fixture_load_opts(const char *text, const struct config_options *o)
{
	diag_free(&fixture_dl);
	return config_load_string("t.conf", text, o, &fixture_dl);
}

struct lvsd_config *
fixture_load(const char *text)
{
	return fixture_load_opts(text, NULL);
}

bool
fixture_has_diag(enum diag_severity sev, unsigned line, unsigned col,
    const char *what)
{
	for (size_t i = 0; i < fixture_dl.n; i++) {
		const struct diag *d = &fixture_dl.items[i];

		if (d->severity == sev && d->line == line && d->col == col &&
		    strstr(d->message, what) != NULL)
			return true;
	}
	return false;
}

int
fixture_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	diag_init(&fixture_dl);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	diag_free(&fixture_dl);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
