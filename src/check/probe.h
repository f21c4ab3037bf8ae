/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One running check inside the checkers (checkers.c): a checker definition
 * against one target, shared by every real server that has the same one.
 * Each type (probe_*.c) starts a check and reports it with probe_done().
 */
#ifndef LVSD_CHECK_PROBE_H
#define LVSD_CHECK_PROBE_H

#include <ev.h>
#include <stdbool.h>
#include <stdint.h>

#include "check/transition.h"
#include "config/config.h"
#include "net/addr.h"

struct checkers;
struct probe;
struct rs_health;
struct script_ctx;
struct script_queue;

struct probe_ops {
	const char *name;               /* "TCP_CHECK" */
	/* Begin one check; it ends with probe_done(), maybe at once. */
	void (*start)(struct probe *p);
	/* Abandon the check in flight (no probe_done) and free its state. */
	void (*cancel)(struct probe *p);
};

/* What lvsctl and metrics show of a checker (probe_done records it). */
#define PROBE_REASONS 8
struct probe_stats {
	double started;                 /* ev_time() at this run's start */
	bool has_result, last_ok;
	uint8_t n_fail;                 /* slots in fail, at most PROBE_REASONS */
	uint32_t fail_other;            /* beyond PROBE_REASONS reasons
					 * (saturates; in the hole here) */
	double last_ms;                 /* the last run's duration */
	int64_t last_wall_ms;           /* when it ended */
	/* Failures by reason: one slot per reason seen, up to
	 * PROBE_REASONS, allocated at the first failure (NULL until then);
	 * most checkers never fail, and the slots of 10,000 of them would
	 * take 5 MB. */
	struct probe_fail_count {
		char reason[64];
		uint64_t n;
	} *fail;
};

/* Fields ordered by size: 10,000 of them are kept (232 bytes, a
 * 240-byte malloc chunk; keep it there). */
struct probe {
	struct checkers *c;
	const struct probe_ops *ops;
	const struct cfg_checker *ck;   /* in the running configuration */
	const char *reason;             /* of the last result (probe_set_reason) */
	struct rs_health **users;       /* &user_one, or the heap */
	struct rs_health *user_one;     /* the usual only one */
	void *state;                    /* the type's check in flight */
	uint32_t n_users, cap_users;
	ev_timer timer;                 /* the next run */
	struct probe_stats st;
	/* The type's own state across runs: only its ops touch it. */
	union {
		struct script_queue *script;    /* MISC_CHECK's runs, or NULL */
		/* TCP_CHECK half_open (probe_tcp_syn.c) */
		struct lvsd_addr syn_src;       /* the IPv4 source last learned */
	} u;
	struct lvsd_addr addr;          /* where to check */
	uint8_t id[16];                 /* MD5 of probe_key(): identity */
	struct checker_fsm fsm;
	int32_t weight;                 /* -1, or a dynamic weight (<= 65535) */
	uint16_t port;
	bool running;
	bool claimed;                   /* by the configuration being applied */
	bool syn_in_flight;             /* state is a SYN check */
};

/* The identity of `ck` of real server `rs` in `vs`, aimed at addr:port:
 * its target and its whole definition (probe_key.c); free() it. */
char *probe_key(const struct cfg_checker *ck,
    const struct cfg_real_server *rs, const struct cfg_virtual_server *vs,
    const struct lvsd_addr *addr, uint16_t port);

/* The engine's loop (the checkers'). */
struct ev_loop *probe_loop(const struct probe *p);
/* The first user's real server and virtual server (every probe that
 * runs has at least one user). */
const struct cfg_real_server *probe_rs(const struct probe *p);
const struct cfg_virtual_server *probe_vs(const struct probe *p);

/* "TCP_CHECK 192.0.2.11:80", for logs. */
const char *probe_name(const struct probe *p, char *buf, size_t len);

/*
 * The check could not even start for a reason of this machine's (no file
 * descriptor or buffer left): no verdict, it runs again shortly.
 */
void probe_defer(struct probe *p, int err);
/* Such an errno: EMFILE, ENFILE, ENOBUFS, ENOMEM. */
bool probe_local_error(int err);

/* The check ended: ok, or not with a reason (printf format). */
void probe_done(struct probe *p, bool ok, int64_t weight, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

/* The engine's TLS client context (SSL_CTX *), built on first use from
 * the SSL block; NULL when it cannot be (logged). */
void *checkers_ssl_ctx(struct checkers *c, bool verify);
/* The engine's half-open TCP prober (probe_tcp_syn.h), made on first use. */
struct syn_engine **checkers_syn(struct checkers *c);
/* The engine's script runner (script.h), for MISC_CHECK. */
struct script_ctx *checkers_scripts(struct checkers *c);
void *tls_ctx_new(const struct lvsd_config *cfg, bool verify);
void tls_ctx_free(void *ctx);

extern const struct probe_ops probe_tcp_ops, probe_http_ops, probe_ssl_ops,
    probe_misc_ops, probe_udp_ops, probe_dns_ops, probe_ping_ops,
    probe_file_ops;

/*
 * A non-blocking socket of `type` for the probe's target family, bound as
 * the checker says (bindto, bind_port, bind_if, fwmark) and, unless
 * `proto` is an ICMP one, connect()ed.  -1 with *err set on failure.
 */
int probe_socket(struct probe *p, int type, int proto, int *err);

/* A TCP check that failed with errno `err`: deferred for a local error,
 * else down with "timeout after N ms" (ETIMEDOUT) or the error's text. */
void probe_connect_failed(struct probe *p, int err);

/* "connection refused": strerror in lower case. */
const char *probe_strerror(int err, char *buf, size_t len);

/* A TCP connection being opened, within the checker's connect_timeout. */
struct tcp_connect {
	struct probe *p;
	int fd;
	ev_io io;
	ev_timer timer;
	/* 0: connected (fd is the caller's now); else an errno, ETIMEDOUT
	 * at the timeout (the fd is closed). */
	void (*done)(struct tcp_connect *tc, int err);
};

void tcp_connect_start(struct tcp_connect *tc, struct probe *p,
    void (*done)(struct tcp_connect *tc, int err));
/* Abandon: stop watching and close the fd. */
void tcp_connect_cancel(struct tcp_connect *tc);

#endif
