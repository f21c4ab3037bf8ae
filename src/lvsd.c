// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lvsd: command line.  Options follow keepalived's where they exist.
 */
#include "config.h"

#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "exitcode.h"
#include "log.h"
#include "parent.h"
#include "util.h"

#define DEFAULT_CONFIG SYSCONFDIR "/lvsd/lvsd.conf"
#define DEFAULT_PID RUNSTATEDIR "/lvsd.pid"

enum { OPT_LENIENT = 256 };      /* long options without a letter */

static const struct option long_options[] = {
	{ "use-file", required_argument, NULL, 'f' },
	{ "config-test", no_argument, NULL, 't' },
	{ "dont-fork", no_argument, NULL, 'n' },
	{ "log-console", no_argument, NULL, 'l' },
	{ "log-detail", no_argument, NULL, 'D' },
	{ "pid", required_argument, NULL, 'p' },
	{ "socket", required_argument, NULL, 'S' },
	{ "vrrp", no_argument, NULL, 'P' },
	{ "check", no_argument, NULL, 'C' },
	{ "dont-release-vrrp", no_argument, NULL, 'V' },
	{ "version", no_argument, NULL, 'v' },
	{ "dont-release-ipvs", no_argument, NULL, 'I' },
	{ "help", no_argument, NULL, 'h' },
	{ "config-id", required_argument, NULL, 'i' },
	{ "lenient", no_argument, NULL, OPT_LENIENT },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "Usage: lvsd [OPTION]...\n"
	    "Control plane for Linux IPVS and VRRP, keepalived-compatible.\n"
	    "\n"
	    "  -f, --use-file=FILE  configuration file (default %s)\n"
	    "  -t, --config-test    check the configuration and exit\n"
	    "  -n, --dont-fork      stay in the foreground\n"
	    "  -l, --log-console    log to stderr instead of syslog\n"
	    "  -D, --log-detail     log debugging detail\n"
	    "  -p, --pid=FILE       pid file (default %s)\n"
	    "  -S, --socket=PATH    lvsctl control socket (default\n"
	    "                       lvsctl_socket, else /run/lvsd/lvsd.sock)\n"
	    "  -P, --vrrp           run only the vrrp engine\n"
	    "  -C, --check          run only the check engine\n"
	    "  -I, --dont-release-ipvs  leave the IPVS table as it is on stop\n"
	    "  -i, --config-id=ID   use '@ID' configuration lines (default:\n"
	    "                       the short host name)\n"
	    "      --lenient        take typos, misplaced keywords, unknown\n"
	    "                       schedulers and bad addresses as warnings\n"
	    "                       and ignore those lines, as keepalived does\n"
	    "  -V, --dont-release-vrrp  keep the virtual addresses on exit\n"
	    "  -v, --version        print the version and exit\n"
	    "  -h, --help           print this help and exit\n"
	    "\n"
	    "Exit status: 0 ok; 1 cannot run, or -t found errors;\n"
	    "2 configuration unusable; 3 bad command line.\n",
	    DEFAULT_CONFIG, DEFAULT_PID);
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* -t: every diagnostic, then one summary line; 0 if there is no error. */
static int
config_test(const char *path, const char *config_id, bool lenient)
{
	struct config_options opts = { .check_interfaces = true,
	    .config_id = config_id, .lenient = lenient };
	struct cfg_source *src = cfg_source_disk(false);
	struct lvsd_config *cfg;
	struct diag_list diags;
	int code;

	diag_init(&diags);
	cfg = config_load(path, src, &opts, &diags);
	diag_print(&diags, stderr);
	if (cfg != NULL && diags.n_errors == 0) {
		fprintf(stderr, "lvsd: %s: configuration valid (%zu warning%s)\n",
		    path, diags.n_warnings, plural(diags.n_warnings));
		code = LVSD_EXIT_OK;
	} else {
		fprintf(stderr, "lvsd: %s: configuration invalid (%zu error%s, "
		    "%zu warning%s)\n", path, diags.n_errors,
		    plural(diags.n_errors), diags.n_warnings,
		    plural(diags.n_warnings));
		code = LVSD_EXIT_FATAL;
	}
	config_free(cfg);
	diag_free(&diags);
	cfg_source_free(src);
	return code;
}

/* The daemon chdirs to / and reloads later: keep paths valid from there.
 * Not realpath(): a symlink swapped by a config generator must be followed
 * again at the next reload. */
static char *
absolute_path(const char *path)
{
	char *cwd, *abs;
	size_t len;

	if (path[0] == '/')
		return xstrdup(path);
	cwd = getcwd(NULL, 0);
	if (cwd == NULL)
		return xstrdup(path);
	len = strlen(cwd) + 1 + strlen(path) + 1;
	abs = xmalloc(len);
	snprintf(abs, len, "%s/%s", cwd, path);
	free(cwd);
	return abs;
}

int
main(int argc, char **argv)
{
	struct parent_options opts = {
		.config_path = DEFAULT_CONFIG,
		.pid_path = DEFAULT_PID,
	};
	bool test = false, only_vrrp = false, only_check = false;
	char *config_path, *pid_path, *ctl_path = NULL;
	int c, code;

	while ((c = getopt_long(argc, argv, "f:tnlDp:PCIVvhi:S:", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'V':
			opts.dont_release_vrrp = true;
			break;
		case 'f':
			opts.config_path = optarg;
			break;
		case 't':
			test = true;
			break;
		case 'n':
			opts.dont_fork = true;
			break;
		case 'l':
			opts.log_console = true;
			break;
		case 'D':
			opts.log_detail = true;
			break;
		case 'p':
			opts.pid_path = optarg;
			break;
		case 'S':
			opts.ctl_socket = optarg;
			break;
		case 'P':
			only_vrrp = true;
			break;
		case 'C':
			only_check = true;
			break;
		case 'I':
			opts.dont_release_ipvs = true;
			break;
		case 'i':
			opts.config_id = optarg;
			break;
		case OPT_LENIENT:
			opts.lenient = true;
			break;
		case 'v':
			printf("lvsd %s\n", PACKAGE_VERSION);
			return LVSD_EXIT_OK;
		case 'h':
			usage(stdout);
			return LVSD_EXIT_OK;
		default:
			usage(stderr);
			return LVSD_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "lvsd: unexpected argument '%s'\n",
		    argv[optind]);
		usage(stderr);
		return LVSD_EXIT_USAGE;
	}
	if (test)
		return config_test(opts.config_path, opts.config_id,
		    opts.lenient);

	/* Neither -P nor -C: both engines, as far as the config needs. */
	opts.run_vrrp = only_vrrp || !only_check;
	opts.run_check = only_check || !only_vrrp;
	log_init("parent", opts.log_console, opts.log_detail);
	/* glibc raises its trim threshold up to twice the largest mmapped
	 * block freed (the file's text, a burst's queue: megabytes), and
	 * then keeps that much free heap resident after every burst.  A
	 * fixed threshold (this also fixes the mmap threshold at 128 KiB)
	 * gives it back; the engines inherit it. */
	mallopt(M_TRIM_THRESHOLD, 128 * 1024);
	config_path = absolute_path(opts.config_path);
	pid_path = absolute_path(opts.pid_path);
	opts.config_path = config_path;
	opts.pid_path = pid_path;
	if (opts.ctl_socket != NULL)
		opts.ctl_socket = ctl_path = absolute_path(opts.ctl_socket);
	code = parent_run(&opts);
	free(config_path);
	free(pid_path);
	free(ctl_path);
	return code;
}
