/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the configuration-driven unit tests share: load a configuration
 * from a string, look for one diagnostic in what the load said, and run a
 * suite with the diagnostics list set up.
 */
#ifndef LVSD_TEST_CONFIG_FIXTURE_H
#define LVSD_TEST_CONFIG_FIXTURE_H

#include <check.h>
#include <stdbool.h>

#include "config/config.h"

/* The diagnostics of the last fixture_load(). */
extern struct diag_list fixture_dl;

/* Parse and validate `text` as file "t.conf". */
struct lvsd_config *fixture_load(const char *text);
struct lvsd_config *fixture_load_opts(const char *text,
    const struct config_options *o);

/* A diagnostic of this severity at LINE:COL whose message contains `what`. */
bool fixture_has_diag(enum diag_severity sev, unsigned line, unsigned col,
    const char *what);

/* Run every test of `s`: the test program's exit status. */
int fixture_run_suite(Suite *s);

#endif
