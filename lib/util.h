/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small helpers shared by every process: checked allocation, array sizes. */
#ifndef LVSD_UTIL_H
#define LVSD_UTIL_H

#include <stddef.h>

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation failure in a daemon this small is not recoverable: abort. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *arr (of *cap elements of size elem) so that index `need` fits. */
void xgrow(void **arr, size_t *cap, size_t need, size_t elem);
/* qsort(), after a pass that finds most tables already in order (they
 * follow the configuration file): then nothing moves, as with a stable
 * sort. */
void sort_if_needed(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

#endif
