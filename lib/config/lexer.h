/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The keepalived configuration lexer: words, braces and line ends.
 *
 * keepalived's language is line oriented: a statement is a keyword and its
 * arguments up to the end of the line; `{` opens a block, `}` closes one, and
 * both are tokens of their own even when written against a word
 * (`virtual_ipaddress {192.0.2.1}`).  `#` and `!` start a comment when they
 * begin a word.  "double quotes" group a word with spaces and understand
 * \" \\ \n \t; 'single quotes' are taken literally.
 *
 * Text as editors and web pages produce it is read as keepalived reads it:
 * CR before LF, tabs, no final newline, and U+00A0 (no-break space, UTF-8
 * C2 A0) as a blank, reported once per file with a TOK_WARNING, and a
 * UTF-8 byte order mark at the start of a file (skipped, reported).
 */
#ifndef LVSD_CONFIG_LEXER_H
#define LVSD_CONFIG_LEXER_H

#include <stdbool.h>
#include <stddef.h>

enum tok_kind {
	TOK_WORD,
	TOK_LBRACE,
	TOK_RBRACE,
	TOK_EOL,
	TOK_EOF,
	TOK_ERROR, /* text holds the message */
	TOK_WARNING, /* text holds the message; lexing goes on after it */
};

struct token {
	enum tok_kind kind;
	char *text;        /* for WORD and ERROR: malloc'd, or in the
	                    * lexer's word pool when `pooled` */
	bool quoted;
	bool pooled;       /* text lives as long as the pool, not freed */
	const char *file;  /* borrowed from the lexer */
	unsigned line, col;
};

struct lexer {
	const char *file;
	const char *buf;
	size_t len, pos;
	unsigned line, col;
	/* keepalived's conditional lines: `@ID rest` is read as `rest` when
	 * ID is config_id, `@^ID rest` when it is not; otherwise the line is
	 * skipped.  NULL: no id, so only `@^` lines are used. */
	const char *config_id;
	bool line_start;   /* nothing but blanks read on this line yet */
	bool nbsp_warned;  /* U+00A0 reported once per file */
	bool bom;          /* a UTF-8 byte order mark, skipped, to report */
	/* Where plain words go (NULL: each is malloc'd).  A file of 1,000
	 * virtual servers has 100,000 words: one malloc and free each was
	 * a tenth of the parse. */
	struct word_pool *pool;
};

/* Memory for the text of words, freed all at once (by the parser, when
 * the whole configuration is read: tokens are copied and kept, e.g. one
 * of look-ahead, so no shorter lifetime is safe). */
struct word_pool *word_pool_new(void);
void word_pool_free(struct word_pool *wp);

void lexer_init(struct lexer *lx, const char *file, const char *buf,
    size_t len);
/* The next token; the caller frees tok->text with token_clear() (which
 * leaves pooled text to the pool). */
void lexer_next(struct lexer *lx, struct token *tok);
void token_clear(struct token *tok);

#endif
