// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * track_file (vrrp_track_file) and vrrp_track_process blocks, their
 * references in vrrp_instance and vrrp_sync_group, and the checks that
 * need the whole file (names defined once, references resolved).
 */
#include "config.h"

#include <string.h>

#include "config/arena.h"
#include "config/parser.h"

#define TF(f) FIELD(struct cfg_track_file, f)
#define TP(f) FIELD(struct cfg_track_process, f)
#define MS(s) ((long long)(s) * 1000)

/* `NAME {`: the one argument of a named block. */
static bool
one_name(struct parser *p, const struct kw *kw, struct token *args,
    size_t nargs)
{
	return kw_nargs(p, kw, &args[-1], nargs, 1, 1);
}

/* -- track_file -------------------------------------------------------------------- */

bool
kw_track_file(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct lvsd_config *cfg = obj;
	struct cfg_track_file *f;

	if (!one_name(p, kw, args, nargs))
		return false;
	f = ARENA_PUSH(parser_arena(p), cfg->track_files, cfg->n_track_files);
	f->name = parser_strdup(p, &args[0]);
	f->pos = parser_pos(p, &args[0]);
	f->weight = 1;
	*child = f;
	return true;
}

static bool
kw_file_weight(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_track_file *f = obj;

	(void)child;
	return kw_nargs(p, kw, &args[-1], nargs, 1, 2) &&
	    parse_weight(p, &args[-1], nargs + 1, 0, &f->weight, &f->reverse);
}

/* init_file [VALUE] [overwrite] */
static bool
kw_init_file(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_track_file *f = obj;
	size_t i = 0;
	uint32_t v;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 2))
		return false;
	f->init_file = true;
	if (i < nargs && strcmp(args[i].text, "overwrite") != 0) {
		bool neg = args[i].text[0] == '-';
		struct token t = args[i];

		if (neg)
			t.text++;
		if (!parse_u32(p, &t, "init_file value", 0, 253, &v))
			return false;
		f->init_value = neg ? -(int32_t)v : (int32_t)v;
		i++;
	}
	if (i < nargs) {
		if (strcmp(args[i].text, "overwrite") != 0 || i + 1 < nargs) {
			cfg_error(p, &args[i], "expected 'init_file [VALUE] "
			    "[overwrite]', got '%s'", args[i].text);
			return false;
		}
		f->init_overwrite = true;
	}
	return true;
}

static const struct kw track_file_kws[] = {
	{ "file", kw_string, TF(path) },
	{ "weight", kw_file_weight, 0, 0 },
	{ "init_file", kw_init_file, 0, 0 },
	{ NULL },
};

const struct block_def cfg_track_file_block = {
	.name = "track_file", .kws = track_file_kws,
};

/* -- vrrp_track_process ---------------------------------------------------------- */

bool
kw_track_process(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct lvsd_config *cfg = obj;
	struct cfg_track_process *tp;

	if (!one_name(p, kw, args, nargs))
		return false;
	tp = ARENA_PUSH(parser_arena(p), cfg->track_processes,
	    cfg->n_track_processes);
	tp->name = parser_strdup(p, &args[0]);
	tp->pos = parser_pos(p, &args[0]);
	tp->quorum = 1;
	*child = tp;
	return true;
}

/* process NAME [ARGS...] */
static bool
kw_process(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_track_process *tp = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 64))
		return false;
	tp->process = parser_strdup(p, &args[0]);
	for (size_t i = 1; i < nargs; i++)
		*ARENA_PUSH(parser_arena(p), tp->params, tp->n_params) =
		    parser_strdup(p, &args[i]);
	return true;
}

static bool
kw_process_weight(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_track_process *tp = obj;

	(void)child;
	return kw_nargs(p, kw, &args[-1], nargs, 1, 2) &&
	    parse_weight(p, &args[-1], nargs + 1, 0, &tp->weight,
	    &tp->reverse);
}

/* delay T: both fork_delay and terminate_delay. */
static bool
kw_process_delay(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_track_process *tp = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1) ||
	    !parse_timer_ms(p, &args[0], kw->name, 0, MS(3600),
	    &tp->fork_delay_ms))
		return false;
	tp->terminate_delay_ms = tp->fork_delay_ms;
	return true;
}

static const char *const param_matches[] = { "", "initial", "partial",
	NULL };
static const struct kw_enum param_match_enum = { param_matches };

static const struct kw track_process_kws[] = {
	{ "process", kw_process, 0, 0 },
	{ "param_match", kw_enum, TP(param_match), 0, 0, &param_match_enum },
	{ "weight", kw_process_weight, 0, 0 },
	{ "quorum", kw_uint, TP(quorum), 1, 65535 },
	{ "quorum_max", kw_uint, TP(quorum_max), 1, 65535 },
	{ "delay", kw_process_delay, 0, 0 },
	{ "fork_delay", kw_timer, TP(fork_delay_ms), 0, MS(3600) },
	{ "terminate_delay", kw_timer, TP(terminate_delay_ms), 0, MS(3600) },
	{ "full_command", kw_flag, TP(full_command) },
	{ NULL },
};

const struct block_def cfg_track_process_block = {
	.name = "vrrp_track_process", .kws = track_process_kws,
};

/* -- references in instances and sync groups ------------------------------------ */

/* NAME [weight W [reverse]] */
static bool
ref_entry(struct parser *p, struct cfg_track_ref **arr, size_t *n,
    struct token *args, size_t nargs)
{
	struct cfg_track_ref r = { 0 };

	r.name = parser_strdup(p, &args[0]);
	r.pos = parser_pos(p, &args[0]);
	if (nargs > 1) {
		if (!parse_weight(p, args, nargs, 1, &r.weight, &r.reverse))
			return false;
		r.has_weight = true;
	}
	*ARENA_PUSH(parser_arena(p), *arr, *n) = r;
	return true;
}

static bool
vi_file_entry(struct parser *p, void *obj, struct token *args, size_t n)
{
	struct cfg_vrrp_instance *vi = obj;

	return ref_entry(p, &vi->track_files, &vi->n_track_files, args, n);
}

static bool
vi_process_entry(struct parser *p, void *obj, struct token *args, size_t n)
{
	struct cfg_vrrp_instance *vi = obj;

	return ref_entry(p, &vi->track_processes, &vi->n_track_processes,
	    args, n);
}

static bool
sg_file_entry(struct parser *p, void *obj, struct token *args, size_t n)
{
	struct cfg_sync_group *sg = obj;

	return ref_entry(p, &sg->track_files, &sg->n_track_files, args, n);
}

static bool
sg_process_entry(struct parser *p, void *obj, struct token *args, size_t n)
{
	struct cfg_sync_group *sg = obj;

	return ref_entry(p, &sg->track_processes, &sg->n_track_processes,
	    args, n);
}

const struct block_def cfg_vi_track_file_block = {
	.name = "track_file", .entry = vi_file_entry,
};
const struct block_def cfg_vi_track_process_block = {
	.name = "track_process", .entry = vi_process_entry,
};
const struct block_def cfg_sg_track_file_block = {
	.name = "track_file", .entry = sg_file_entry,
};
const struct block_def cfg_sg_track_process_block = {
	.name = "track_process", .entry = sg_process_entry,
};

/* -- use_vmac ------------------------------------------------------------------------ */

/* use_vmac [NAME]: the interface name, at most 15 characters. */
bool
kw_use_vmac(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_vrrp_instance *vi = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 1))
		return false;
	if (nargs == 1) {
		if (strlen(args[0].text) == 0 || strlen(args[0].text) > 15 ||
		    strpbrk(args[0].text, "/: \t") != NULL) {
			cfg_error(p, &args[0], "'%s' is not a usable interface "
			    "name (1 to 15 characters, no '/', ':' or blank)",
			    args[0].text);
			return false;
		}
		vi->vmac_name = parser_strdup(p, &args[0]);
	}
	vi->use_vmac = true;
	return true;
}

/* -- whole-file checks --------------------------------------------------------------- */

static void
resolve_refs(struct parser *p, const struct lvsd_config *cfg,
    struct cfg_track_ref *r, size_t n, bool files)
{
	for (size_t i = 0; i < n; i++) {
		size_t j;

		if (files) {
			for (j = 0; j < cfg->n_track_files; j++)
				if (strcmp(cfg->track_files[j].name,
				    r[i].name) == 0)
					break;
			if (j == cfg->n_track_files) {
				cfg_error_at(p, &r[i].pos, "track_file '%s' is "
				    "not a defined track_file", r[i].name);
				continue;
			}
			r[i].file = &cfg->track_files[j];
			if (!r[i].has_weight) {
				r[i].weight = r[i].file->weight;
				r[i].reverse = r[i].file->reverse;
			}
			continue;
		}
		for (j = 0; j < cfg->n_track_processes; j++)
			if (strcmp(cfg->track_processes[j].name, r[i].name) == 0)
				break;
		if (j == cfg->n_track_processes) {
			cfg_error_at(p, &r[i].pos, "track_process '%s' is not "
			    "a defined vrrp_track_process", r[i].name);
			continue;
		}
		r[i].process = &cfg->track_processes[j];
		if (!r[i].has_weight) {
			r[i].weight = r[i].process->weight;
			r[i].reverse = r[i].process->reverse;
		}
	}
}

static void
warn_weight(struct parser *p, const struct cfg_vrrp_instance *vi,
    const struct cfg_pos *pos, const char *what, const char *name,
    int32_t weight)
{
	if (weight != 0)
		cfg_warn_at(p, pos, "weight %d of %s '%s' is ignored: '%s' is "
		    "in vrrp_sync_group '%s', where a tracker that is down "
		    "means FAULT", (int)weight, what, name, vi->name,
		    vi->sync_group->name);
}

/* keepalived without sync_group_tracking_weight: members' trackers have
 * no weight, only FAULT. */
static void
warn_group_weights(struct parser *p, const struct cfg_vrrp_instance *vi)
{
	size_t j;

	if (vi->sync_group == NULL)
		return;
	for (j = 0; j < vi->n_track_interfaces; j++)
		warn_weight(p, vi, &vi->track_interfaces[j].pos,
		    "track_interface", vi->track_interfaces[j].ifname,
		    vi->track_interfaces[j].weight);
	for (j = 0; j < vi->n_track_scripts; j++)
		warn_weight(p, vi, &vi->track_scripts[j].pos, "track_script",
		    vi->track_scripts[j].name, vi->track_scripts[j].weight);
	/* A file's default weight 1 only says "the number counts". */
	for (j = 0; j < vi->n_track_files; j++)
		if (vi->track_files[j].has_weight)
			warn_weight(p, vi, &vi->track_files[j].pos,
			    "track_file", vi->track_files[j].name,
			    vi->track_files[j].weight);
	for (j = 0; j < vi->n_track_processes; j++)
		warn_weight(p, vi, &vi->track_processes[j].pos,
		    "track_process", vi->track_processes[j].name,
		    vi->track_processes[j].weight);
}

void
config_validate_trackers(struct parser *p, struct lvsd_config *cfg)
{
	size_t i, j;

	for (i = 0; i < cfg->n_track_files; i++) {
		const struct cfg_track_file *f = &cfg->track_files[i];

		for (j = 0; j < i; j++)
			if (strcmp(cfg->track_files[j].name, f->name) == 0)
				cfg_error_at(p, &f->pos, "track_file '%s' is "
				    "defined twice (first at line %u)", f->name,
				    cfg->track_files[j].pos.line);
		if (f->path == NULL)
			cfg_error_at(p, &f->pos, "track_file '%s' has no "
			    "'file'", f->name);
	}
	for (i = 0; i < cfg->n_track_processes; i++) {
		const struct cfg_track_process *tp = &cfg->track_processes[i];

		for (j = 0; j < i; j++)
			if (strcmp(cfg->track_processes[j].name, tp->name) == 0)
				cfg_error_at(p, &tp->pos, "vrrp_track_process "
				    "'%s' is defined twice (first at line %u)",
				    tp->name, cfg->track_processes[j].pos.line);
		if (tp->process == NULL)
			cfg_error_at(p, &tp->pos, "vrrp_track_process '%s' has "
			    "no 'process'", tp->name);
		if (tp->quorum_max != 0 && tp->quorum_max < tp->quorum)
			cfg_error_at(p, &tp->pos, "vrrp_track_process '%s': "
			    "quorum_max %u is below quorum %u", tp->name,
			    tp->quorum_max, tp->quorum);
	}
	for (i = 0; i < cfg->n_vrrp_instances; i++) {
		struct cfg_vrrp_instance *vi = &cfg->vrrp_instances[i];

		resolve_refs(p, cfg, vi->track_files, vi->n_track_files, true);
		resolve_refs(p, cfg, vi->track_processes,
		    vi->n_track_processes, false);
	}
	for (i = 0; i < cfg->n_vrrp_instances; i++)
		warn_group_weights(p, &cfg->vrrp_instances[i]);
	for (i = 0; i < cfg->n_sync_groups; i++) {
		struct cfg_sync_group *sg = &cfg->sync_groups[i];

		resolve_refs(p, cfg, sg->track_files, sg->n_track_files, true);
		resolve_refs(p, cfg, sg->track_processes,
		    sg->n_track_processes, false);
	}
}
