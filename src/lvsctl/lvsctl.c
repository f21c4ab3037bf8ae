// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lvsctl: ask the running lvsd over its control socket (framed messages,
 * lib/ipc/frame.h; answers are JSON documents, doc/lvsctl-json.md) and
 * print the answer as text or, with --json, as the document itself.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "ipc/frame.h"
#include "ipc/msg.h"
#include "lvsctl/lvsctl.h"

#define DEFAULT_SOCKET "/run/lvsd/lvsd.sock"
#define REQUEST_ID 1u

struct client {
	int fd;
	struct ipc_reader reader;
	struct ipc_writer writer;
	double timeout;         /* s; < 0: none (events) */
	char *doc;              /* the answer's pieces */
	size_t doc_len;
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: lvsctl [-s SOCKET] [-j] [-t SECONDS] COMMAND\n"
	    "commands:\n"
	    "  status                     everything, on one screen\n"
	    "  show vrrp|vs|rs|sync       one part of it\n"
	    "  events                     stream state changes until ^C\n"
	    "  reload                     reload lvsd; fails on a bad file\n"
	    "  check [FILE]               validate FILE (default: lvsd's)\n"
	    "  rs drain VS RS             weight 0 until `rs enable`\n"
	    "  rs enable VS RS\n"
	    "  vrrp release INSTANCE      go BACKUP, the peer takes over\n"
	    "  vrrp resume INSTANCE\n"
	    "options:\n"
	    "  -s, --socket=PATH   control socket (default %s)\n"
	    "  -j, --json          print JSON (doc/lvsctl-json.md)\n"
	    "  -t, --timeout=S     give up after S seconds (default 30;\n"
	    "                      reload 120)\n"
	    "  -h, --help          this help\n"
	    "exit status: 0 ok; 1 lvsd said no; 2 lvsd not reachable; "
	    "3 usage\n", DEFAULT_SOCKET);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
client_connect(struct client *c, const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "lvsctl: %s: path too long\n", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&sa,
	    sizeof(sa)) < 0) {
		fprintf(stderr, "lvsctl: cannot connect to lvsd at %s: %s\n",
		    path, strerror(errno));
		return -1;
	}
	ipc_reader_init(&c->reader);
	ipc_writer_init(&c->writer);
	return 0;
}

static int
client_send(struct client *c, uint16_t type, const void *data, size_t len)
{
	int rc;

	if (ipc_writer_queue(&c->writer, type, REQUEST_ID, data, len) < 0)
		return -1;
	while ((rc = ipc_writer_flush(&c->writer, c->fd)) == 1) {
		struct pollfd p = { c->fd, POLLOUT, 0 };

		poll(&p, 1, 1000);
	}
	return rc;
}

/*
 * The next message for us: 1 and *msg, 0 on timeout or end of stream
 * (said on stderr), -1 on a broken stream.
 */
static int
client_next(struct client *c, struct ipc_msg *msg, double deadline)
{
	struct pollfd p = { c->fd, POLLIN, 0 };
	ssize_t n;
	int rc, ms;

	for (;;) {
		rc = ipc_reader_next(&c->reader, msg);
		if (rc != 0)
			return rc;
		ms = -1;
		if (deadline > 0) {
			ms = (int)((deadline - now_s()) * 1000);
			if (ms <= 0) {
				fprintf(stderr, "lvsctl: no answer from lvsd "
				    "in time\n");
				return 0;
			}
		}
		if (poll(&p, 1, ms) < 0 && errno != EINTR)
			return -1;
		n = ipc_reader_fill(&c->reader, c->fd);
		if (n == 0) {
			fprintf(stderr, "lvsctl: lvsd closed the connection\n");
			return 0;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
	}
}

/* The answer to our request: the pieces joined and parsed. */
static struct json_object *
client_answer(struct client *c)
{
	double deadline = now_s() + c->timeout;
	struct json_object *doc;
	struct ipc_msg msg;

	for (;;) {
		if (client_next(c, &msg, deadline) <= 0)
			return NULL;
		if (msg.type != IPC_CTL_REPLY_PART && msg.type != IPC_CTL_REPLY)
			continue;
		c->doc = realloc(c->doc, c->doc_len + msg.len + 1);
		if (c->doc == NULL)
			return NULL;
		memcpy(c->doc + c->doc_len, msg.data, msg.len);
		c->doc_len += msg.len;
		c->doc[c->doc_len] = '\0';
		if (msg.type == IPC_CTL_REPLY)
			break;
	}
	doc = json_tokener_parse(c->doc);
	if (doc == NULL)
		fprintf(stderr, "lvsctl: lvsd's answer is not JSON\n");
	return doc;
}

static void
print_json(struct json_object *o, int flags)
{
	puts(json_object_to_json_string_ext(o, flags));
	fflush(stdout);
}

static bool
answer_ok(struct json_object *a)
{
	struct json_object *ok;

	return json_object_object_get_ex(a, "ok", &ok) &&
	    json_object_get_boolean(ok);
}

static void
print_error(struct json_object *a)
{
	struct json_object *err;

	if (json_object_object_get_ex(a, "error", &err))
		fprintf(stderr, "lvsctl: %s\n", json_object_get_string(err));
}

/* `events`: the history, then each event as it comes, until EOF. */
static int
stream_events(struct client *c, struct json_object *a, bool json)
{
	struct json_object *hist, *ev;
	struct json_tokener *tok;
	struct ipc_msg msg;
	size_t i;

	if (json_object_object_get_ex(a, "history", &hist))
		for (i = 0; i < json_object_array_length(hist); i++) {
			ev = json_object_array_get_idx(hist, i);
			if (json)
				print_json(ev, JSON_C_TO_STRING_PLAIN);
			else
				render_event(stdout, ev);
		}
	fflush(stdout);
	while (client_next(c, &msg, -1) > 0) {
		if (msg.type != IPC_CTL_EVENT)
			continue;
		tok = json_tokener_new();
		ev = json_tokener_parse_ex(tok, (const char *)msg.data,
		    (int)msg.len);
		json_tokener_free(tok);
		if (ev == NULL)
			continue;
		if (json)
			print_json(ev, JSON_C_TO_STRING_PLAIN);
		else
			render_event(stdout, ev);
		fflush(stdout);
		json_object_put(ev);
	}
	return LVSCTL_UNREACHABLE;
}

static const struct option long_options[] = {
	{ "socket", required_argument, NULL, 's' },
	{ "json", no_argument, NULL, 'j' },
	{ "timeout", required_argument, NULL, 't' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct request {
	uint16_t type;
	char payload[1024];
	size_t len;
	enum lvsctl_view view;
	bool status;
};

/* The command line's words as a request; false on a usage error. */
static bool
parse_command(int argc, char **argv, struct request *r)
{
	const char *cmd = argc > 0 ? argv[0] : "";
	static const char *const views[] = { "vrrp", "vs", "rs", "sync" };
	size_t i;

	memset(r, 0, sizeof(*r));
	if (strcmp(cmd, "status") == 0 && argc == 1) {
		r->type = IPC_CTL_STATUS;
		r->status = true;
		return true;
	}
	if (strcmp(cmd, "show") == 0 && argc == 2) {
		for (i = 0; i < 4; i++)
			if (strcmp(argv[1], views[i]) == 0) {
				r->type = IPC_CTL_STATUS;
				r->status = true;
				r->view = (enum lvsctl_view)(VIEW_VRRP + i);
				return true;
			}
		return false;
	}
	if (strcmp(cmd, "events") == 0 && argc == 1) {
		r->type = IPC_CTL_EVENTS;
		return true;
	}
	if (strcmp(cmd, "reload") == 0 && argc == 1) {
		r->type = IPC_CTL_RELOAD;
		return true;
	}
	if (strcmp(cmd, "check") == 0 && argc <= 2) {
		r->type = IPC_CTL_CHECK;
		if (argc == 2) {
			char *abs = realpath(argv[1], NULL);

			/* lvsd runs in /: send what the user means. */
			r->len = (size_t)snprintf(r->payload,
			    sizeof(r->payload), "%s", abs != NULL ? abs :
			    argv[1]);
			free(abs);
		}
		return r->len < sizeof(r->payload);
	}
	if ((strcmp(cmd, "rs") == 0 && argc == 4) &&
	    (strcmp(argv[1], "drain") == 0 ||
	    strcmp(argv[1], "enable") == 0)) {
		r->type = strcmp(argv[1], "drain") == 0 ? IPC_CTL_RS_DRAIN :
		    IPC_CTL_RS_ENABLE;
		r->len = strlen(argv[2]) + 1 + strlen(argv[3]);
		if (r->len >= 512)
			return false;
		memcpy(r->payload, argv[2], strlen(argv[2]) + 1);
		memcpy(r->payload + strlen(argv[2]) + 1, argv[3],
		    strlen(argv[3]));
		return true;
	}
	if (strcmp(cmd, "vrrp") == 0 && argc == 3 &&
	    (strcmp(argv[1], "release") == 0 ||
	    strcmp(argv[1], "resume") == 0)) {
		r->type = strcmp(argv[1], "release") == 0 ?
		    IPC_CTL_VRRP_RELEASE : IPC_CTL_VRRP_RESUME;
		r->len = strlen(argv[2]);
		if (r->len == 0 || r->len > 255)
			return false;
		memcpy(r->payload, argv[2], r->len);
		return true;
	}
	return false;
}

int
main(int argc, char **argv)
{
	const char *path = DEFAULT_SOCKET;
	struct client c = { .fd = -1 };
	struct json_object *a;
	struct request r;
	double timeout = -1;
	bool json = false, ok;
	int opt, code;

	while ((opt = getopt_long(argc, argv, "+s:jt:h", long_options,
	    NULL)) != -1) {
		switch (opt) {
		case 's':
			path = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 't':
			timeout = atof(optarg);
			break;
		case 'h':
			usage(stdout);
			return LVSCTL_OK;
		default:
			usage(stderr);
			return LVSCTL_USAGE;
		}
	}
	if (!parse_command(argc - optind, argv + optind, &r)) {
		usage(stderr);
		return LVSCTL_USAGE;
	}
	signal(SIGPIPE, SIG_IGN);
	c.timeout = timeout > 0 ? timeout : r.type == IPC_CTL_RELOAD ? 120 : 30;
	if (client_connect(&c, path) < 0 ||
	    client_send(&c, r.type, r.payload, r.len) < 0)
		return LVSCTL_UNREACHABLE;
	a = client_answer(&c);
	if (a == NULL)
		return LVSCTL_UNREACHABLE;
	ok = answer_ok(a);
	if (r.type == IPC_CTL_EVENTS && ok) {
		code = stream_events(&c, a, json);
	} else {
		if (json)
			print_json(a, JSON_C_TO_STRING_PRETTY |
			    JSON_C_TO_STRING_SPACED);
		else if (r.status && ok)
			render_status(stdout, a, r.view);
		else
			render_diagnostics(stdout, a);
		if (!ok)
			print_error(a);
		code = ok ? LVSCTL_OK : LVSCTL_FAILED;
	}
	json_object_put(a);
	free(c.doc);
	ipc_reader_free(&c.reader);
	ipc_writer_free(&c.writer);
	close(c.fd);
	return code;
}
