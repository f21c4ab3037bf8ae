// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/arena.h"
#include "util.h"

#define ARENA_BLOCK (16 * 1024)
#define ARENA_ALIGN (_Alignof(max_align_t))

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

/* An array that arena_push() outgrew, or arena_shrink() replaced: its
 * memory is reused by a later growth to exactly its size (the arrays of
 * one kind of block grow through the same sizes, block after block). */
struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
};

struct arena {
	struct arena_block *head;
	struct arena_chunk *spare;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	void *p;

	n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (n == 0)
		n = ARENA_ALIGN;
	if (b == NULL || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + size);
		b->used = 0;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = arena_alloc(a, n);

	memcpy(p, s, n);
	return p;
}

static int
is_pow2(size_t n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static size_t
aligned(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
}

static void
spare_put(struct arena *a, void *p, size_t n)
{
	struct arena_chunk *c = p;

	n = aligned(n);
	if (n < sizeof(*c))
		return;
	c->size = n;
	c->next = a->spare;
	a->spare = c;
}

/* A spare chunk of exactly n bytes, or a new allocation. */
static void *
spare_get(struct arena *a, size_t n)
{
	struct arena_chunk **pc, *c;

	n = aligned(n);
	for (pc = &a->spare; (c = *pc) != NULL; pc = &c->next)
		if (c->size == n) {
			*pc = c->next;
			return c;
		}
	return arena_alloc(a, n);
}

void *
arena_push(struct arena *a, void *arrp, size_t *n, size_t elem)
{
	void **arr = arrp;
	char *p;

	/* Capacity is the next power of two >= n; grow when n is one. */
	if (*n == 0 || is_pow2(*n)) {
		size_t cap = *n ? *n * 2 : 1;
		void *grown = spare_get(a, cap * elem);

		if (*n) {
			memcpy(grown, *arr, *n * elem);
			spare_put(a, *arr, *n * elem);
		}
		*arr = grown;
	}
	p = (char *)*arr + *n * elem;
	memset(p, 0, elem);
	(*n)++;
	return p;
}

void
arena_shrink(struct arena *a, void *arrp, size_t n, size_t elem)
{
	void **arr = arrp;
	void *exact;

	if (n == 0 || is_pow2(n))
		return;         /* no slack */
	exact = arena_alloc(a, n * elem);
	memcpy(exact, *arr, n * elem);
	/* its capacity: the next power of two */
	while (!is_pow2(n))
		n &= n - 1;
	spare_put(a, *arr, n * 2 * elem);
	*arr = exact;
}
