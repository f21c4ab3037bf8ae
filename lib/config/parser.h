/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The table-driven statement parser (internal to lib/config).
 *
 * A configuration is a tree of blocks.  Each kind of block has a struct
 * block_def: a table of keywords, each with the handler that turns the
 * statement's arguments into a typed field of the object the block fills.
 * Generic handlers (numbers in a range, timers, flags, strings, addresses,
 * enumerations) take the field's offset from the table, so most keywords are
 * one line of a table and no code.  A keyword whose statement opens a block
 * has a handler that returns the child object and names the child block_def.
 *
 * List blocks (`virtual_ipaddress { ... }`, `unicast_peer`, `track_script`)
 * have an `entry` handler instead: every line is one entry.
 */
#ifndef LVSD_CONFIG_PARSER_H
#define LVSD_CONFIG_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "config/arena.h"
#include "config/config.h"
#include "config/lexer.h"

struct parser;
struct kw;

/*
 * A keyword handler.  `args` are the words after the keyword.  A handler for
 * a block keyword sets *child to the object the block fills (NULL to skip the
 * block after an error).  Returns false after reporting an error.
 */
typedef bool (*kw_fn)(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child);

typedef bool (*entry_fn)(struct parser *p, void *obj, struct token *args,
    size_t nargs);

enum {
	KW_BLOCK = 1 << 0,      /* the statement must open a block */
	KW_MULTI = 1 << 1,      /* may appear many times in one block */
	KW_DEPRECATED = 1 << 2, /* accepted, with a warning naming `alias` */
};

struct kw {
	const char *name;
	kw_fn fn;
	size_t off;             /* field in the object */
	size_t size;            /* its size, for integer fields */
	long long min, max;     /* range for numbers (timers: milliseconds) */
	const void *extra;      /* enum names, or the child block_def */
	unsigned flags;
	const char *alias;      /* the current name of a deprecated keyword */
	size_t setmask_off;     /* where to record that it was set ... */
	unsigned setbit;        /* ... as this bit (0: not recorded) */
};

struct block_def {
	const char *name;                /* for messages */
	const struct kw *kws;            /* ends with a { NULL } entry */
	entry_fn entry;                  /* list block: each line an entry */
	const char *const *unsupported;  /* keepalived keywords lvsd skips */
};

/* The values an enum keyword accepts, index = stored value; NULL ends. */
struct kw_enum {
	const char *const *names;
};

#define FIELD(type, f) offsetof(type, f), sizeof(((type *)0)->f)

/* A u32 default that validation resolves from other values. */
#define CFG_UNSET UINT32_MAX

/* Reporting, at a token's position. */
void cfg_error(struct parser *p, const struct token *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cfg_warn(struct parser *p, const struct token *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * An error keepalived would only log (a typo or misplaced keyword, an
 * unknown scheduler, an unparsable address): with the lenient switch it
 * becomes a warning and the caller's "ignore the line" stands.  The caller
 * behaves the same either way (returns false, skips the line).
 */
void cfg_refuse(struct parser *p, const struct token *at, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));
/* `lenient_config` was read (global_defs): the switch is on. */
void parser_set_lenient(struct parser *p, const struct token *at);
struct cfg_source *parser_source(struct parser *p);

/* -- compat.c: keepalived configurations as operators write them -------- */

/* Fill the options an engine must share with the parent: from the bundle
 * when it carries them, else the defaults (config id: the short host
 * name, into `host`); a recording source records them. */
void compat_options(struct cfg_source *src, struct config_options *o,
    char *host, size_t hostlen);
/* A keepalived 1.x keyword: reported and handled, returns true. */
bool compat_legacy_keyword(struct parser *p, const struct block_def *b,
    void *obj, struct token *words, size_t n);
/* Words keepalived ignores after some keywords' arguments: warned about,
 * and the count the handler should see is returned. */
size_t compat_trim_args(struct parser *p, const struct block_def *b,
    const struct kw *k, struct token *args, size_t nargs);
/* An address where keepalived takes ADDR but operators write ADDR/LEN:
 * the prefix is ignored with a warning naming `what`. */
bool compat_addr_no_prefix(struct parser *p, const struct token *t,
    const char *what, struct lvsd_addr *a);
/* A real server's port: 0 means none (the virtual server's). */
bool compat_rs_port(struct parser *p, const struct token *t, uint16_t *port);
bool kw_addr_no_prefix(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
/* `lenient_config [BOOL]` in global_defs: the lenient switch. */
bool compat_kw_lenient(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
/* A keyword that belongs to another block: reported, returns true. */
bool compat_wrong_block(struct parser *p, const struct block_def *b,
    const struct token *kw);
/* The lenient switch is on: make the refused errors (their indexes in
 * `dl`) warnings, and announce the switch at `kw` (the global_defs
 * keyword) or, when NULL (the command line), against the file `top`. */
void compat_accept_refused(struct diag_list *dl, const size_t *refused,
    size_t n, const struct token *kw, const char *top);
/* Remove the objects whose header was refused in lenient mode. */
void compat_drop_ignored(struct lvsd_config *cfg);
/* Resolve a host name where keepalived takes one (smtp_server). */
bool compat_resolve(struct parser *p, const struct token *t,
    struct lvsd_addr *a);

struct arena *parser_arena(struct parser *p);
struct lvsd_config *parser_config(struct parser *p);
/* The object position for a token (file name interned in the arena). */
struct cfg_pos parser_pos(struct parser *p, const struct token *at);
/* Copy a word into the config arena. */
char *parser_strdup(struct parser *p, const struct token *t);
/* Join args into one command line: a single argument is kept verbatim (it
 * is already a command line, as in keepalived); several are joined with
 * spaces, quoting those that contain spaces so the split gives them back. */
char *parser_join(struct parser *p, struct token *args, size_t nargs);

/* Argument count check: reports and returns false when out of [min, max]. */
bool kw_nargs(struct parser *p, const struct kw *kw, const struct token *at,
    size_t nargs, size_t min, size_t max);

/* Generic handlers (values.c). */
bool kw_uint(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
bool kw_int(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
bool kw_timer(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
bool kw_flag(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
bool kw_flag_off(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
bool kw_string(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
bool kw_cmdline(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
bool kw_addr(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
bool kw_enum(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
bool kw_run_as(struct parser *, void *, const struct kw *, struct token *,
    size_t, void **);
/* A block keyword whose block fills the same object (e.g. `authentication`). */
bool kw_same_object(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);

/* Value parsers shared by custom handlers; false after reporting. */
bool parse_u32(struct parser *p, const struct token *t, const char *what,
    unsigned long long min, unsigned long long max, uint32_t *out);
bool parse_timer_ms(struct parser *p, const struct token *t, const char *what,
    uint32_t min_ms, uint32_t max_ms, uint32_t *out);
bool parse_bool(struct parser *p, const struct token *t, bool *out);
bool parse_addr(struct parser *p, const struct token *t, struct lvsd_addr *a);
bool parse_prefix(struct parser *p, const struct token *t,
    struct lvsd_prefix *pfx);
bool parse_port(struct parser *p, const struct token *t, uint16_t *port);

/* Levenshtein distance, for did-you-mean hints. */
unsigned edit_distance(const char *a, const char *b);

/* The block tables (kw_*.c). */
extern const struct block_def cfg_top_block;
extern const struct block_def cfg_global_block;
extern const struct block_def cfg_vrrp_script_block;
extern const struct block_def cfg_vrrp_instance_block;
extern const struct block_def cfg_sync_group_block;
extern const struct block_def cfg_virtual_server_block;
extern const struct block_def cfg_ssl_block;

/* Handlers of the top-level blocks, defined with their tables. */
bool kw_vrrp_script(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
bool kw_vrrp_instance(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
bool kw_vrrp_sync_group(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
bool kw_virtual_server(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);

/* IPVS details (kw_ipvs.c). */
bool kw_vs_method(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
bool kw_rs_method(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
bool kw_sorry_method(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
bool kw_sched_flag(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
bool kw_vs_group(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
bool parse_sched_flag(struct parser *p, const struct token *t,
    struct cfg_virtual_server *vs);
extern const struct block_def cfg_vs_group_block;
void config_validate_vs_groups(struct parser *p, struct lvsd_config *cfg);
void config_validate_vs_ipvs(struct parser *p, struct cfg_virtual_server *vs,
    const char *key);
void config_inherit_method(struct cfg_virtual_server *vs,
    struct cfg_real_server *rs);
/* track_file, vrrp_track_process and their references (kw_track.c). */
extern const struct block_def cfg_track_file_block;
/* kw_routes.c: virtual_routes/rules, static_ipaddress/routes/rules */
extern const struct block_def cfg_vroutes_block;
extern const struct block_def cfg_vrules_block;
extern const struct block_def cfg_static_ips_block;
extern const struct block_def cfg_static_routes_block;
extern const struct block_def cfg_static_rules_block;
bool parse_scope(struct parser *p, const struct token *t, int *scope);
bool cfg_vip_entry(struct parser *p, struct cfg_vip **arr, size_t *n,
    struct token *args, size_t nargs);
extern const struct block_def cfg_track_process_block;
extern const struct block_def cfg_vi_track_file_block;
extern const struct block_def cfg_vi_track_process_block;
extern const struct block_def cfg_sg_track_file_block;
extern const struct block_def cfg_sg_track_process_block;
bool kw_track_file(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
bool kw_track_process(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
void config_validate_trackers(struct parser *p, struct lvsd_config *cfg);
bool kw_use_vmac(struct parser *, void *, const struct kw *,
    struct token *, size_t, void **);
/* `weight N [reverse]` at args[i...] (kw_vrrp.c); false after reporting. */
bool parse_weight(struct parser *p, struct token *args, size_t nargs,
    size_t i, int32_t *weight, bool *reverse);

/* Defaults that hold when a keyword is absent (kw_global.c). */
void config_set_defaults(struct lvsd_config *cfg);

/* Cross-object checks after parsing (validate.c). */
void config_validate(struct parser *p, struct lvsd_config *cfg,
    const struct config_options *opts);
/* Report without a token (validation uses object positions). */
void cfg_error_at(struct parser *p, const struct cfg_pos *pos,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void cfg_warn_at(struct parser *p, const struct cfg_pos *pos,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
