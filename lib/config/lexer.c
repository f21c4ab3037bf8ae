// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/lexer.h"
#include "util.h"

void
lexer_init(struct lexer *lx, const char *file, const char *buf, size_t len)
{
	lx->file = file;
	lx->buf = buf;
	lx->len = len;
	lx->pos = 0;
	lx->line = 1;
	lx->col = 1;
	lx->config_id = NULL;
	lx->line_start = true;
	lx->nbsp_warned = false;
	lx->pool = NULL;
	lx->bom = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0;
	if (lx->bom)
		lx->pos = 3;
}

void
token_clear(struct token *tok)
{
	if (!tok->pooled)
		free(tok->text);
	tok->text = NULL;
	tok->pooled = false;
}


static int
peek(const struct lexer *lx)
{
	return lx->pos < lx->len ? (unsigned char)lx->buf[lx->pos] : -1;
}

static void
advance(struct lexer *lx)
{
	if (lx->buf[lx->pos] == '\n') {
		lx->line++;
		lx->col = 1;
		lx->line_start = true;
	} else {
		lx->col++;
	}
	lx->pos++;
}

/*
 * Byte classes, looked up once per byte instead of a chain of compares
 * (the lexer reads every byte of files of 100,000 lines).
 * C_PLAIN: always continues a word as itself (no quote, escape, blank,
 * brace, NUL, DEL or the first byte of a no-break space).
 * C_SPACE: a blank (space, tab, CR, FF, VT).
 */
#define C_PLAIN 1
#define C_SPACE 2
static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 2, 2, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static bool
is_space(int c)
{
	return c >= 0 && (byte_class[c] & C_SPACE);
}

/* U+00A0 NO-BREAK SPACE in UTF-8, as pasted from web pages. */
static bool
at_nbsp(const struct lexer *lx)
{
	return lx->pos + 1 < lx->len &&
	    (unsigned char)lx->buf[lx->pos] == 0xc2 &&
	    (unsigned char)lx->buf[lx->pos + 1] == 0xa0;
}

/* Skip the two bytes of a no-break space as one column. */
static void
skip_nbsp(struct lexer *lx)
{
	lx->pos += 2;
	lx->col++;
}

static bool
ends_word_at(const struct lexer *lx, int c)
{
	return c < 0 || is_space(c) || c == '\n' || c == '{' || c == '}' ||
	    at_nbsp(lx);
}

struct word {
	char *p;
	size_t len, cap;
};

static void
word_putc(struct word *w, char c)
{
	xgrow((void **)&w->p, &w->cap, w->len + 1, 1);
	w->p[w->len++] = c;
}

/* A byte that always continues a word as itself (C_PLAIN). */
static bool
is_plain(unsigned char c)
{
	return byte_class[c] & C_PLAIN;
}

#define WORD_CHUNK (64 * 1024)

struct word_chunk {
	struct word_chunk *next;
	size_t used, size;
	char data[];
};

struct word_pool {
	struct word_chunk *head;
};

struct word_pool *
word_pool_new(void)
{
	return xcalloc(1, sizeof(struct word_pool));
}

void
word_pool_free(struct word_pool *wp)
{
	struct word_chunk *c, *next;

	if (wp == NULL)
		return;
	for (c = wp->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(wp);
}

/* n bytes of the pool (text: no alignment). */
static char *
word_pool_alloc(struct word_pool *wp, size_t n)
{
	struct word_chunk *c = wp->head;
	char *p;

	if (c == NULL || c->size - c->used < n) {
		size_t size = n > WORD_CHUNK ? n : WORD_CHUNK;

		c = xmalloc(sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		c->next = wp->head;
		wp->head = c;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

/*
 * The usual word: plain bytes up to a blank, brace or line end, copied
 * into the pool at once.  Returns false, having read nothing, for any
 * other word (quotes, escapes, a continuation, a no-break space...),
 * which the general loop builds.
 */
static bool
lex_pooled_word(struct lexer *lx, struct token *tok)
{
	const unsigned char *b = (const unsigned char *)lx->buf;
	size_t end = lx->pos, n;
	int after;

	while (end < lx->len && (byte_class[b[end]] & C_PLAIN))
		end++;
	after = end < lx->len ? b[end] : -1;
	if (!(after < 0 || after == '\n' || after == '{' || after == '}' ||
	    (byte_class[after] & C_SPACE)))
		return false;
	n = end - lx->pos;
	tok->text = word_pool_alloc(lx->pool, n + 1);
	memcpy(tok->text, lx->buf + lx->pos, n);
	tok->text[n] = '\0';
	tok->pooled = true;
	lx->col += (unsigned)n;
	lx->pos = end;
	return true;
}

/* Take a run of plain bytes at once: the common case, a whole word. */
static void
take_plain_run(struct lexer *lx, struct word *w)
{
	const unsigned char *b = (const unsigned char *)lx->buf;
	size_t end = lx->pos, need;

	while (end < lx->len && (byte_class[b[end]] & C_PLAIN))
		end++;
	/* Room for the run and the final NUL (word_putc wants one more):
	 * usually the one allocation of the word. */
	need = w->len + (end - lx->pos) + 2;
	if (w->cap < need) {
		w->cap = need > 2 * w->cap ? need : 2 * w->cap;
		w->p = w->p != NULL ? xrealloc(w->p, w->cap) :
		    xmalloc(w->cap);
	}
	memcpy(w->p + w->len, lx->buf + lx->pos, end - lx->pos);
	w->len += end - lx->pos;
	lx->col += (unsigned)(end - lx->pos);
	lx->pos = end;
}

static int
hex_value(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* After a backslash in double quotes: keepalived's escapes, \xHH, \NNN
 * (octal), \cX (control) and the usual letters; anything else is itself. */
static int
lex_escape(struct lexer *lx)
{
	int c = peek(lx), v = 0, n;

	advance(lx);
	switch (c) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case 'a': return '\a';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'v': return '\v';
	case 'e': return 0x1b;
	case 'x':
		for (n = 0; n < 2 && peek(lx) >= 0 && hex_value(peek(lx)) >= 0;
		    n++) {
			v = v * 16 + hex_value(peek(lx));
			advance(lx);
		}
		return n ? v : 'x';
	case 'c':
		if (peek(lx) < 0 || peek(lx) == '\n')
			return 'c';
		v = peek(lx);
		advance(lx);
		return v & 0x1f;
	default:
		if (c < '0' || c > '7')
			return c;
		v = c - '0';
		for (n = 1; n < 3 && peek(lx) >= '0' && peek(lx) <= '7'; n++) {
			v = v * 8 + (peek(lx) - '0');
			advance(lx);
		}
		return v & 0xff;
	}
}

/* A backslash that ends the line (LF or CRLF) joins it to the next. */
static bool
at_continuation(const struct lexer *lx)
{
	size_t p = lx->pos;

	if (p >= lx->len || lx->buf[p] != '\\')
		return false;
	if (p + 1 < lx->len && lx->buf[p + 1] == '\n')
		return true;
	return p + 2 < lx->len && lx->buf[p + 1] == '\r' &&
	    lx->buf[p + 2] == '\n';
}

static void
skip_continuation(struct lexer *lx)
{
	while (lx->buf[lx->pos] != '\n')
		advance(lx);
	advance(lx);
	/* A continued line goes on the line before; it is not a new one. */
	lx->line_start = false;
}

/* A quoted run; returns false (with an error token) if unterminated. */
static bool
lex_quoted(struct lexer *lx, struct word *w, struct token *tok)
{
	int quote = peek(lx);
	unsigned line = lx->line, col = lx->col;

	advance(lx);
	for (;;) {
		int c = peek(lx);

		if (c < 0 || c == '\n') {
			tok->kind = TOK_ERROR;
			tok->line = line;
			tok->col = col;
			tok->text = xstrdup("unterminated quoted string");
			return false;
		}
		advance(lx);
		if (c == quote)
			return true;
		if (c == '\\' && quote == '"' && peek(lx) >= 0 &&
		    peek(lx) != '\n')
			c = lex_escape(lx);
		word_putc(w, (char)c);
	}
}

static void
skip_to_eol(struct lexer *lx)
{
	while (peek(lx) >= 0 && peek(lx) != '\n')
		advance(lx);
}

/*
 * At `@` or `@^` first on a line (keepalived's conditional configuration):
 * the id runs to the next blank.  A line for this host goes on after the
 * id; any other line is skipped to its end.  A line with nothing after the
 * id is skipped too, as keepalived does, with a warning.
 */
static void
lex_conditional(struct lexer *lx, struct token *tok)
{
	size_t start, idlen;
	bool negate, match;

	advance(lx);
	negate = peek(lx) == '^';
	if (negate)
		advance(lx);
	start = lx->pos;
	while (peek(lx) >= 0 && peek(lx) != ' ' && peek(lx) != '\t' &&
	    peek(lx) != '\r' && peek(lx) != '\n' && !at_nbsp(lx))
		advance(lx);
	idlen = lx->pos - start;
	match = lx->config_id != NULL && strlen(lx->config_id) == idlen &&
	    memcmp(lx->config_id, lx->buf + start, idlen) == 0;
	while (is_space(peek(lx)) || at_nbsp(lx)) {
		if (at_nbsp(lx))
			skip_nbsp(lx);
		else
			advance(lx);
	}
	if (peek(lx) < 0 || peek(lx) == '\n' || peek(lx) == '#' ||
	    peek(lx) == '!') {
		tok->kind = TOK_WARNING;
		tok->text = xstrdup("conditional line with nothing after its "
		    "id; ignored");
		skip_to_eol(lx);
		return;
	}
	if (match == negate)
		skip_to_eol(lx);
}

void
lexer_next(struct lexer *lx, struct token *tok)
{
	struct word w = { 0 };
	int c;

	memset(tok, 0, sizeof(*tok));
	tok->file = lx->file;
	if (lx->bom) {
		lx->bom = false;
		tok->kind = TOK_WARNING;
		tok->line = tok->col = 1;
		tok->text = xstrdup("UTF-8 byte order mark at the start of the "
		    "file ignored");
		return;
	}
	for (;;) {
		for (;;) {
			/* advance(), never a newline */
			while (lx->pos < lx->len && (byte_class[
			    (unsigned char)lx->buf[lx->pos]] & C_SPACE)) {
				lx->pos++;
				lx->col++;
			}
			if (!at_nbsp(lx))
				break;
			if (!lx->nbsp_warned) {
				lx->nbsp_warned = true;
				tok->kind = TOK_WARNING;
				tok->line = lx->line;
				tok->col = lx->col;
				tok->text = xstrdup("no-break space (U+00A0) "
				    "read as a blank; this file may have "
				    "more");
				skip_nbsp(lx);
				return;
			}
			skip_nbsp(lx);
		}
		c = peek(lx);
		if (c == '@' && lx->line_start) {
			tok->line = lx->line;
			tok->col = lx->col;
			lex_conditional(lx, tok);
			lx->line_start = false;
			if (tok->kind == TOK_WARNING)
				return;
			continue;
		}
		/* A comment runs to the end of the line. */
		if (c == '#' || c == '!') {
			while (peek(lx) >= 0 && peek(lx) != '\n')
				advance(lx);
			continue;
		}
		if (c == '\\' && at_continuation(lx)) {
			skip_continuation(lx);
			continue;
		}
		break;
	}
	tok->line = lx->line;
	tok->col = lx->col;
	if (c != '\n')
		lx->line_start = false;
	if (c < 0) {
		tok->kind = TOK_EOF;
		return;
	}
	if (c == '\n' || c == '{' || c == '}') {
		advance(lx);
		tok->kind = c == '\n' ? TOK_EOL : c == '{' ? TOK_LBRACE :
		    TOK_RBRACE;
		return;
	}
	if (c == '\0') {
		advance(lx);
		tok->kind = TOK_ERROR;
		tok->text = xstrdup("NUL byte in configuration text");
		return;
	}
	tok->kind = TOK_WORD;
	if (lx->pool != NULL && is_plain((unsigned char)c) &&
	    lex_pooled_word(lx, tok))
		return;
	while (!ends_word_at(lx, c = peek(lx))) {
		if (c == '"' || c == '\'') {
			tok->quoted = true;
			if (!lex_quoted(lx, &w, tok)) {
				free(w.p);
				return;
			}
			continue;
		}
		if (c == '\0')
			break;
		/* `priority 150\` + newline: the backslash ends the word. */
		if (c == '\\' && at_continuation(lx))
			break;
		if (is_plain((unsigned char)c)) {
			take_plain_run(lx, &w);
			continue;
		}
		word_putc(&w, (char)c);
		advance(lx);
	}
	if (w.len < w.cap)
		w.p[w.len++] = '\0';   /* the usual case: room was kept */
	else
		word_putc(&w, '\0');
	tok->text = w.p;
}
