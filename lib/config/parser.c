// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The statement engine: reads statements through a stack of lexers (one per
 * included file), finds each keyword in the current block's table, calls its
 * handler and descends into blocks.  Keyword meaning lives in the kw_*.c
 * tables; this file knows only the shape of the language.
 */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config/parser.h"
#include "util.h"

#define INCLUDE_DEPTH_MAX 16
#define BLOCK_DEPTH_MAX 16

struct include_frame {
	struct lexer lx;
	char *text;
};

struct parser {
	struct cfg_source *src;
	struct diag_list *diags;
	struct lvsd_config *cfg;
	struct include_frame stack[INCLUDE_DEPTH_MAX];
	int depth;                 /* index of the current frame */
	struct token pending;      /* one token of look-ahead */
	bool has_pending;
	unsigned block_depth;      /* nesting of parse_block() calls */
	bool failed;               /* an error was reported */
	const char *config_id;     /* for `@ID` lines (lexer.h) */
	/* Errors the lenient switch may turn into warnings (cfg_refuse):
	 * their indexes in `diags`, decided once the whole file is read. */
	size_t *refused;
	size_t n_refused, cap_refused;
	struct token lenient_at;   /* `lenient_config` in global_defs */
	bool lenient_kw;
	struct word_pool *words;   /* text of the plain words (lexer.h) */
};

/* A statement: the words before its terminator. */
struct stmt {
	struct token *words;
	size_t n, cap;
	struct token end;          /* EOL, LBRACE, RBRACE or EOF */
};

/* -- reporting ------------------------------------------------------------ */

static void report(struct parser *p, enum diag_severity sev, const char *file,
    unsigned line, unsigned col, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

static void
report(struct parser *p, enum diag_severity sev, const char *file,
    unsigned line, unsigned col, const char *fmt, va_list ap)
{
	if (sev == DIAG_ERROR)
		p->failed = true;
	diag_vadd(p->diags, sev, file, line, col, fmt, ap);
}

void
cfg_refuse(struct parser *p, const struct token *at, const char *fmt, ...)
{
	va_list ap;

	xgrow((void **)&p->refused, &p->cap_refused, p->n_refused,
	    sizeof(*p->refused));
	p->refused[p->n_refused++] = p->diags->n;
	va_start(ap, fmt);
	/* Not `failed` yet: parser_finish_lenient() decides. */
	diag_vadd(p->diags, DIAG_ERROR, at->file, at->line, at->col, fmt, ap);
	va_end(ap);
}

void
parser_set_lenient(struct parser *p, const struct token *at)
{
	if (!p->lenient_kw) {
		p->lenient_kw = true;
		p->lenient_at = *at;
		p->lenient_at.text = NULL;
	}
}

/* After parsing: the lenient switch decides about the refused errors. */
static void
parser_finish_lenient(struct parser *p, const char *top, bool cmdline)
{
	if (!cmdline && !p->lenient_kw) {
		if (p->n_refused > 0)
			p->failed = true;
		return;
	}
	compat_accept_refused(p->diags, p->refused, p->n_refused,
	    cmdline ? NULL : &p->lenient_at, top);
}

void
cfg_error(struct parser *p, const struct token *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(p, DIAG_ERROR, at->file, at->line, at->col, fmt, ap);
	va_end(ap);
}

void
cfg_warn(struct parser *p, const struct token *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(p, DIAG_WARNING, at->file, at->line, at->col, fmt, ap);
	va_end(ap);
}

void
cfg_error_at(struct parser *p, const struct cfg_pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(p, DIAG_ERROR, pos->file, pos->line, pos->col, fmt, ap);
	va_end(ap);
}

void
cfg_warn_at(struct parser *p, const struct cfg_pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(p, DIAG_WARNING, pos->file, pos->line, pos->col, fmt, ap);
	va_end(ap);
}

struct arena *
parser_arena(struct parser *p)
{
	return p->cfg->arena;
}

struct lvsd_config *
parser_config(struct parser *p)
{
	return p->cfg;
}

struct cfg_pos
parser_pos(struct parser *p, const struct token *at)
{
	(void)p;
	/* Lexer file names are already interned in the arena. */
	return (struct cfg_pos){ at->file, at->line, at->col };
}

char *
parser_strdup(struct parser *p, const struct token *t)
{
	return arena_strdup(p->cfg->arena, t->text);
}

/* -- include stack -------------------------------------------------------- */

static bool
push_file(struct parser *p, const char *path, const struct token *at)
{
	/* The top file has no include statement: report against the file. */
	struct token top = { .file = path };
	struct include_frame *f;
	const char *name;
	size_t len;
	char *text;
	int err;

	if (at == NULL)
		at = &top;
	if (p->depth + 1 >= INCLUDE_DEPTH_MAX) {
		cfg_error(p, at, "includes nested deeper than %d (a loop?) at "
		    "'%s'", INCLUDE_DEPTH_MAX, path);
		return false;
	}
	for (int i = 0; i <= p->depth; i++) {
		if (strcmp(p->stack[i].lx.file, path) == 0) {
			cfg_error(p, at, "'%s' includes itself", path);
			return false;
		}
	}
	err = p->src->read(p->src, path, &text, &len);
	if (err != 0) {
		if (at == &top)
			cfg_error(p, at, "cannot read configuration: %s",
			    strerror(err));
		else
			cfg_error(p, at, "cannot read '%s': %s", path,
			    strerror(err));
		return false;
	}
	name = arena_strdup(p->cfg->arena, path);
	f = &p->stack[++p->depth];
	f->text = text;
	lexer_init(&f->lx, name, text, len);
	f->lx.config_id = p->config_id;
	f->lx.pool = p->words;
	return true;
}

static void
pop_file(struct parser *p)
{
	free(p->stack[p->depth].text);
	p->stack[p->depth].text = NULL;
	p->depth--;
}

static bool
has_glob_chars(const char *s)
{
	return strpbrk(s, "*?[{") != NULL;
}

/* `include PATTERN`: relative patterns start in the including file's folder. */
static void
do_include(struct parser *p, const struct token *kw, struct token *args,
    size_t nargs)
{
	char pattern[4096], dir[4096];
	char **paths = NULL;
	size_t n = 0;
	int err;

	if (nargs != 1) {
		cfg_error(p, kw, "'include' takes exactly one file name or "
		    "pattern, %zu given", nargs);
		return;
	}
	/* Relative to the including file; `lvsd -t -f x.conf` run in x's
	 * folder names included files without a "./" in front. */
	if (args[0].text[0] == '/' || strchr(kw->file, '/') == NULL) {
		snprintf(pattern, sizeof(pattern), "%s", args[0].text);
	} else {
		snprintf(dir, sizeof(dir), "%s", kw->file);
		snprintf(pattern, sizeof(pattern), "%s/%s", dirname(dir),
		    args[0].text);
	}
	if (!has_glob_chars(pattern)) {
		push_file(p, pattern, &args[0]);
		return;
	}
	err = p->src->glob(p->src, pattern, &paths, &n);
	if (err != 0) {
		cfg_error(p, &args[0], "cannot expand '%s': %s", pattern,
		    strerror(err));
		return;
	}
	if (n == 0)
		cfg_warn(p, &args[0], "include pattern '%s' matches no file",
		    pattern);
	/* Push in reverse so the first match is read first. */
	for (size_t i = n; i-- > 0;)
		if (!push_file(p, paths[i], &args[0]))
			break;
	cfg_free_paths(paths, n);
}

/* -- statements ----------------------------------------------------------- */

static void
next_token(struct parser *p, struct token *tok)
{
	if (p->has_pending) {
		*tok = p->pending;
		p->has_pending = false;
		return;
	}
	for (;;) {
		lexer_next(&p->stack[p->depth].lx, tok);
		if (tok->kind == TOK_ERROR || tok->kind == TOK_WARNING) {
			if (tok->kind == TOK_ERROR)
				cfg_error(p, tok, "%s", tok->text);
			else
				cfg_warn(p, tok, "%s", tok->text);
			token_clear(tok);
			continue;
		}
		/* The end of an included file ends its last line too. */
		if (tok->kind == TOK_EOF && p->depth > 0) {
			pop_file(p);
			tok->kind = TOK_EOL;
		}
		return;
	}
}

static void
push_back(struct parser *p, struct token *tok)
{
	p->pending = *tok;
	p->has_pending = true;
}

static void
stmt_clear(struct stmt *st)
{
	for (size_t i = 0; i < st->n; i++)
		token_clear(&st->words[i]);
	st->n = 0;
	token_clear(&st->end);
}

static void
stmt_free(struct stmt *st)
{
	stmt_clear(st);
	free(st->words);
}

/*
 * Read the next non-empty statement.  `include` statements are carried out
 * here, so blocks never see them.
 */
static void
read_stmt(struct parser *p, struct stmt *st)
{
	struct token tok;

	for (;;) {
		stmt_clear(st);
		for (;;) {
			next_token(p, &tok);
			if (tok.kind != TOK_WORD)
				break;
			xgrow((void **)&st->words, &st->cap, st->n,
			    sizeof(*st->words));
			st->words[st->n++] = tok;
		}
		st->end = tok;
		if (st->n == 0 && tok.kind == TOK_EOL)
			continue;
		if (st->n > 0 && strcmp(st->words[0].text, "include") == 0 &&
		    tok.kind != TOK_LBRACE) {
			/* The included text must come before anything else on
			 * the line, which a brace would break. */
			if (tok.kind == TOK_RBRACE) {
				cfg_error(p, &tok, "'include' must stand alone "
				    "on its line");
				stmt_clear(st);
				st->end = tok;
				return;
			}
			do_include(p, &st->words[0], st->words + 1, st->n - 1);
			continue;
		}
		return;
	}
}

/* Skip a block whose `{` was just read, honouring nesting. */
static void
skip_block(struct parser *p)
{
	struct token tok;
	int depth = 1;

	while (depth > 0) {
		next_token(p, &tok);
		if (tok.kind == TOK_LBRACE)
			depth++;
		else if (tok.kind == TOK_RBRACE)
			depth--;
		else if (tok.kind == TOK_EOF) {
			push_back(p, &tok);
			return;
		}
		token_clear(&tok);
	}
}

/* -- keywords --------------------------------------------------------------- */

static const struct kw *
find_kw(const struct block_def *b, const char *name)
{
	/* The first byte first: most keywords differ there. */
	for (const struct kw *k = b->kws; k && k->name; k++)
		if (k->name[0] == name[0] && strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

static bool
is_unsupported(const struct block_def *b, const char *name)
{
	for (const char *const *u = b->unsupported; u && *u; u++)
		if (strcmp(*u, name) == 0)
			return true;
	return false;
}

/* The closest keyword of this block, if it is close enough to be a typo. */
static const char *
did_you_mean(const struct block_def *b, const char *name)
{
	const char *best = NULL;
	unsigned best_d = ~0u, limit;

	limit = strlen(name) <= 4 ? 1 : strlen(name) <= 8 ? 2 : 3;
	for (const struct kw *k = b->kws; k && k->name; k++) {
		unsigned d = edit_distance(name, k->name);

		if (d < best_d) {
			best_d = d;
			best = k->name;
		}
	}
	return best_d <= limit ? best : NULL;
}

static void parse_block(struct parser *p, const struct block_def *b,
    void *obj, const struct token *open, const char *owner);

/*
 * keepalived substitutes $NAME anywhere on a line; lvsd does not, and taking
 * "$IF" as an interface name would be worse than refusing the line.
 */
static bool
has_parameter(struct parser *p, struct stmt *st)
{
	for (size_t i = 1; i < st->n; i++) {
		const struct token *t = &st->words[i];

		if (!t->quoted && t->text[0] == '$' && t->text[1] != '\0') {
			cfg_error(p, t, "keepalived parameters ($NAME) are not "
			    "supported by lvsd: '%s'", t->text);
			if (st->end.kind == TOK_LBRACE)
				skip_block(p);
			return true;
		}
	}
	return false;
}

static void
unknown_keyword(struct parser *p, const struct block_def *b, void *obj,
    struct stmt *st)
{
	const char *name = st->words[0].text;
	const char *hint;

	if (name[0] == '@') {
		/* keepalived reads `@ID` only first on a line. */
		cfg_error(p, &st->words[0], "conditional '%s' must begin its "
		    "line", name);
	} else if (name[0] == '$' || name[0] == '~') {
		cfg_error(p, &st->words[0], "keepalived %s are not supported "
		    "by lvsd: '%s'", name[0] == '$' ? "parameters ($NAME)" :
		    "sequence blocks (~SEQ, ~LST)", name);
	} else if (compat_legacy_keyword(p, b, obj, st->words, st->n)) {
		/* Reported and handled (compat.c). */
	} else if (is_unsupported(b, name)) {
		cfg_warn(p, &st->words[0], "keepalived keyword '%s' is not "
		    "supported by lvsd yet; ignored", name);
	} else if (b != &cfg_top_block && find_kw(&cfg_top_block, name)) {
		cfg_refuse(p, &st->words[0], "unknown keyword '%s' in %s (is "
		    "a '}' missing before it?)", name, b->name);
	} else if ((hint = did_you_mean(b, name)) != NULL) {
		cfg_refuse(p, &st->words[0], "unknown keyword '%s' in %s; did "
		    "you mean '%s'?", name, b->name, hint);
	} else if (compat_wrong_block(p, b, &st->words[0])) {
		/* Reported: a keyword of another block (compat.c). */
	} else {
		cfg_refuse(p, &st->words[0], "unknown keyword '%s' in %s",
		    name, b->name);
	}
	if (st->end.kind == TOK_LBRACE)
		skip_block(p);
}

/* If a block keyword's `{` stands alone on the next line, take it. */
static bool
brace_on_next_line(struct parser *p, struct stmt *st)
{
	struct token tok;

	if (st->end.kind != TOK_EOL)
		return st->end.kind == TOK_LBRACE;
	do {
		next_token(p, &tok);
	} while (tok.kind == TOK_EOL);
	if (tok.kind == TOK_LBRACE) {
		token_clear(&st->end);
		st->end = tok;
		return true;
	}
	push_back(p, &tok);
	return false;
}

static void
run_keyword(struct parser *p, const struct block_def *b, const struct kw *k,
    void *obj, struct stmt *st, uint8_t *seen, size_t kw_index)
{
	struct token *kwtok = &st->words[0];
	struct token open;
	void *child = NULL;
	bool opens, ok;

	if (k->flags & KW_DEPRECATED)
		cfg_warn(p, kwtok, "'%s' is deprecated; use '%s'", k->name,
		    k->alias);
	if (!(k->flags & KW_MULTI)) {
		if (seen[kw_index])
			cfg_warn(p, kwtok, "'%s' given twice in one %s; the "
			    "last one is used", k->name, b->name);
		seen[kw_index] = 1;
	}
	opens = (k->flags & KW_BLOCK) ? brace_on_next_line(p, st) :
	    st->end.kind == TOK_LBRACE;
	if ((k->flags & KW_BLOCK) && !opens) {
		cfg_error(p, kwtok, "'%s' needs a block: expected '{'",
		    k->name);
		return;
	}
	if (!(k->flags & KW_BLOCK) && opens) {
		cfg_error(p, &st->end, "'%s' does not take a block", k->name);
		skip_block(p);
		return;
	}
	ok = k->fn(p, obj, k, st->words + 1,
	    compat_trim_args(p, b, k, st->words + 1, st->n - 1), &child);
	if (!(k->flags & KW_BLOCK)) {
		if (ok && k->setbit != 0)
			*(unsigned *)((char *)obj + k->setmask_off) |= k->setbit;
		return;
	}
	/*
	 * A block whose header was bad is still parsed when the handler gave
	 * an object, so the errors inside it are reported in the same run;
	 * the configuration is refused anyway.
	 */
	if (child == NULL || p->block_depth >= BLOCK_DEPTH_MAX) {
		skip_block(p);
		return;
	}
	open = st->end;
	open.text = NULL;
	st->end.kind = TOK_EOL; /* `open` now describes the brace */
	parse_block(p, k->extra, child, &open, k->name);
}

static size_t
count_kws(const struct block_def *b)
{
	size_t n = 0;

	while (b->kws && b->kws[n].name)
		n++;
	return n;
}

/*
 * Parse statements until the `}` that closes this block (or the end of the
 * top file when `open` is NULL).  A missing `}` is reported where the block
 * was opened, which is where the operator has to look.
 */
static void
parse_block(struct parser *p, const struct block_def *b, void *obj,
    const struct token *open, const char *owner)
{
	/* One flag per keyword; on the stack for the usual block (this
	 * runs once per real_server, so the keywords are not counted
	 * unless one lies beyond the local array). */
	uint8_t seen_local[256];
	uint8_t *seen = seen_local;
	size_t n_seen = sizeof(seen_local);
	struct stmt st = { 0 };

	memset(seen_local, 0, sizeof(seen_local));
	p->block_depth++;
	for (;;) {
		read_stmt(p, &st);
		if (st.n > 0 && !has_parameter(p, &st)) {
			const struct kw *k = find_kw(b, st.words[0].text);

			if (b->entry != NULL && st.end.kind == TOK_LBRACE &&
			    find_kw(&cfg_top_block, st.words[0].text)) {
				/* A list block left open swallows the next
				 * top-level block: say so, not "bad item". */
				cfg_error(p, &st.words[0], "unexpected '%s' "
				    "in %s (is a '}' missing before it?)",
				    st.words[0].text, b->name);
				skip_block(p);
			} else if (b->entry != NULL) {
				b->entry(p, obj, st.words, st.n);
				if (st.end.kind == TOK_LBRACE) {
					cfg_error(p, &st.end, "unexpected '{' "
					    "in %s", b->name);
					skip_block(p);
				}
			} else if (k == NULL) {
				unknown_keyword(p, b, obj, &st);
			} else {
				size_t i = (size_t)(k - b->kws);

				if (i >= n_seen) {
					n_seen = count_kws(b) + 1;
					seen = xcalloc(n_seen, 1);
					memcpy(seen, seen_local,
					    sizeof(seen_local));
				}
				run_keyword(p, b, k, obj, &st, seen, i);
			}
		} else if (st.end.kind == TOK_LBRACE) {
			cfg_error(p, &st.end, "'{' without a keyword");
			skip_block(p);
		}
		if (st.end.kind == TOK_RBRACE) {
			if (open != NULL)
				break;
			cfg_error(p, &st.end, "unexpected '}' with no block "
			    "open");
		}
		if (st.end.kind == TOK_EOF) {
			if (open != NULL) {
				cfg_error(p, open, "'%s' block opened here is "
				    "not closed: missing '}'", owner);
				/* Let the enclosing blocks see the end too. */
				push_back(p, &st.end);
				st.end.kind = TOK_EOL;
			}
			break;
		}
	}
	stmt_free(&st);
	if (seen != seen_local)
		free(seen);
	p->block_depth--;
}

/* -- entry points ----------------------------------------------------------- */

static void
parser_cleanup(struct parser *p)
{
	while (p->depth > 0)
		pop_file(p);
	if (p->has_pending)
		token_clear(&p->pending);
	free(p->refused);
}

struct cfg_source *
parser_source(struct parser *p)
{
	return p->src;
}

struct lvsd_config *
config_load(const char *path, struct cfg_source *src,
    const struct config_options *opts, struct diag_list *diags)
{
	struct parser p = { .src = src, .diags = diags, .depth = -1 };
	struct config_options o = { 0 };
	char host[256];

	if (opts != NULL)
		o = *opts;
	/* The engines get the parent's options with the bundle. */
	compat_options(src, &o, host, sizeof(host));
	p.config_id = o.config_id;
	p.cfg = xcalloc(1, sizeof(*p.cfg));
	p.cfg->arena = arena_new();
	p.words = word_pool_new();
	config_set_defaults(p.cfg);
	if (push_file(&p, path, NULL)) {
		parse_block(&p, &cfg_top_block, p.cfg, NULL, "top level");
		/* parse_block leaves the top file on the stack. */
		pop_file(&p);
	}
	parser_finish_lenient(&p, path, o.lenient);
	parser_cleanup(&p);
	word_pool_free(p.words);
	p.words = NULL;
	if (!p.failed) {
		if (p.n_refused > 0)
			compat_drop_ignored(p.cfg);
		config_validate(&p, p.cfg, &o);
	}
	if (p.failed) {
		config_free(p.cfg);
		return NULL;
	}
	return p.cfg;
}

struct lvsd_config *
config_load_string(const char *name, const char *text,
    const struct config_options *opts, struct diag_list *diags)
{
	struct cfg_source *src = cfg_source_string(name, text);
	struct lvsd_config *cfg = config_load(name, src, opts, diags);

	cfg_source_free(src);
	return cfg;
}

void
config_free(struct lvsd_config *cfg)
{
	if (cfg == NULL)
		return;
	arena_free(cfg->arena);
	free(cfg);
}
