/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A bump allocator: every object of one loaded configuration comes from one
 * arena and is freed with it.  There is no per-object free.
 */
#ifndef LVSD_CONFIG_ARENA_H
#define LVSD_CONFIG_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Zeroed, aligned for any type. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/*
 * Append one zeroed element of size `elem` to the array *arr of *n elements
 * and return it.  The array is reallocated inside the arena as it grows
 * (the capacity is always the next power of two, so no field holds it).
 */
void *arena_push(struct arena *a, void *arr, size_t *n, size_t elem);

#define ARENA_PUSH(a, arr, n) \
	((__typeof__(arr))arena_push((a), &(arr), &(n), sizeof(*(arr))))

/*
 * Move the array *arr of n elements, grown by arena_push(), to memory of
 * exactly its size; its old capacity is reused by later growths.  Only
 * for an array that is complete: never arena_push() to it again, and
 * keep no pointer into it from before.
 */
void arena_shrink(struct arena *a, void *arr, size_t n, size_t elem);

#define ARENA_SHRINK(a, arr, n) arena_shrink((a), &(arr), (n), sizeof(*(arr)))

#endif
