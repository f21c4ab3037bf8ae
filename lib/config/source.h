/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where configuration text comes from.
 *
 * The parser never opens files itself: it asks a struct cfg_source for a
 * file's bytes and for the expansion of an include glob.  Two sources exist:
 *
 *  - the disk source (the parent), which can record every answer it gave
 *    into a bundle;
 *  - the bundle source (the engines), which answers from a received bundle
 *    only, so an engine parses exactly the text the parent validated.
 *
 * A bundle is a flat byte string, sent as-is over the parent/engine channel:
 *   "LVSB" u32 count, then per entry: u8 kind, u32 name_len, name,
 *   u32 data_len, data.   (integers little-endian)
 * kind 'F' is a file (data = content), kind 'G' a glob (data = the matched
 * paths, NUL-separated, in the order the parser used them), kind 'H' a
 * host name the parser resolved (data = the address as text, empty when it
 * did not resolve), kind 'O' an option the parse depends on (name
 * "config-id" or "lenient", data = its value), so that an engine parses
 * the bundle exactly as the parent did.
 */
#ifndef LVSD_CONFIG_SOURCE_H
#define LVSD_CONFIG_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cfg_source;

/* Read the whole file.  *data is malloc'd, NUL-terminated; 0 or errno. */
typedef int (*cfg_read_fn)(struct cfg_source *src, const char *path,
    char **data, size_t *len);
/* Expand a glob.  *paths is a malloc'd array of malloc'd strings, sorted;
 * an empty match is not an error.  0 or errno. */
typedef int (*cfg_glob_fn)(struct cfg_source *src, const char *pattern,
    char ***paths, size_t *n);

/* Resolve a host name into an address as text; 0 or an errno. */
typedef int (*cfg_resolve_fn)(struct cfg_source *src, const char *host,
    char *addr, size_t addrlen);

struct cfg_source {
	cfg_read_fn read;
	cfg_glob_fn glob;
	void (*free)(struct cfg_source *src);
	cfg_resolve_fn resolve;         /* NULL: names do not resolve */
	/* Record an option (recording disk source), or give one back from
	 * a bundle (NULL when absent).  Either may be NULL. */
	void (*put_option)(struct cfg_source *src, const char *name,
	    const char *value);
	const char *(*get_option)(struct cfg_source *src, const char *name);
};

/* A source reading the file system; if `record` is true it keeps a bundle. */
struct cfg_source *cfg_source_disk(bool record);
/* The bundle recorded so far by a recording disk source (borrowed). */
const uint8_t *cfg_source_disk_bundle(struct cfg_source *src, size_t *len);

/* A source answering only from `bundle` (copied).  NULL if malformed. */
struct cfg_source *cfg_source_bundle(const uint8_t *bundle, size_t len);

/* A source with one in-memory file, for tests and fuzzing. */
struct cfg_source *cfg_source_string(const char *name, const char *text);

void cfg_source_free(struct cfg_source *src);
void cfg_free_paths(char **paths, size_t n);

#endif
