// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Configuration sources: the disk (optionally recording a bundle), a received
 * bundle, and a single in-memory string.  See source.h for the bundle format.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <glob.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/source.h"
#include "util.h"

/* A configuration file larger than this is a mistake, not a config. */
#define CFG_FILE_MAX (16u * 1024 * 1024)
#define BUNDLE_MAGIC "LVSB"

void
cfg_free_paths(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

void
cfg_source_free(struct cfg_source *src)
{
	if (src != NULL)
		src->free(src);
}

/* -- growable byte buffer for bundles ------------------------------------ */

struct bytes {
	uint8_t *p;
	size_t len, cap;
};

static void
bytes_put(struct bytes *b, const void *data, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void
bytes_put_u32(struct bytes *b, uint32_t v)
{
	uint8_t le[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

	bytes_put(b, le, sizeof(le));
}

/* -- disk source --------------------------------------------------------- */

struct disk_source {
	struct cfg_source base;
	bool record;
	uint32_t n_entries;
	struct bytes bundle; /* header written lazily by cfg_source_disk_bundle */
	struct bytes entries;
};

static void
record_entry(struct disk_source *ds, char kind, const char *name,
    const void *data, size_t len)
{
	uint8_t k = (uint8_t)kind;

	bytes_put(&ds->entries, &k, 1);
	bytes_put_u32(&ds->entries, (uint32_t)strlen(name));
	bytes_put(&ds->entries, name, strlen(name));
	bytes_put_u32(&ds->entries, (uint32_t)len);
	bytes_put(&ds->entries, data, len);
	ds->n_entries++;
}

static int
disk_read(struct cfg_source *src, const char *path, char **data, size_t *len)
{
	struct disk_source *ds = (struct disk_source *)src;
	struct stat st;
	size_t got = 0;
	char *buf;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) < 0) {
		err = errno;
		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	}
	if ((size_t)st.st_size > CFG_FILE_MAX) {
		close(fd);
		return EFBIG;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	for (;;) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			free(buf);
			close(fd);
			return err;
		}
		if (r == 0 || (got += (size_t)r) == (size_t)st.st_size)
			break;
	}
	close(fd);
	buf[got] = '\0';
	if (ds->record)
		record_entry(ds, 'F', path, buf, got);
	*data = buf;
	*len = got;
	return 0;
}

static int
disk_glob(struct cfg_source *src, const char *pattern, char ***paths,
    size_t *n)
{
	struct disk_source *ds = (struct disk_source *)src;
	struct bytes joined = { 0 };
	glob_t g;
	int rc;

	rc = glob(pattern, GLOB_BRACE, NULL, &g);
	if (rc == GLOB_NOMATCH) {
		g.gl_pathc = 0;
	} else if (rc != 0) {
		globfree(&g);
		return rc == GLOB_NOSPACE ? ENOMEM : EIO;
	}
	*n = g.gl_pathc;
	*paths = xcalloc(g.gl_pathc, sizeof(char *));
	for (size_t i = 0; i < g.gl_pathc; i++) {
		(*paths)[i] = xstrdup(g.gl_pathv[i]);
		if (ds->record)
			bytes_put(&joined, g.gl_pathv[i],
			    strlen(g.gl_pathv[i]) + 1);
	}
	if (rc == 0)
		globfree(&g);
	if (ds->record)
		record_entry(ds, 'G', pattern, joined.p ? joined.p : (uint8_t *)"",
		    joined.len);
	free(joined.p);
	return 0;
}

/* getaddrinfo's first answer, as keepalived takes it. */
static int
disk_resolve(struct cfg_source *src, const char *host, char *addr,
    size_t addrlen)
{
	struct disk_source *ds = (struct disk_source *)src;
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
	    .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	const void *in = NULL;
	int err = ENOENT;

	addr[0] = '\0';
	if (getaddrinfo(host, NULL, &hints, &res) == 0 && res != NULL) {
		if (res->ai_family == AF_INET)
			in = &((struct sockaddr_in *)(void *)res->ai_addr)->sin_addr;
		else if (res->ai_family == AF_INET6)
			in = &((struct sockaddr_in6 *)(void *)
			    res->ai_addr)->sin6_addr;
		if (in != NULL &&
		    inet_ntop(res->ai_family, in, addr, (socklen_t)addrlen))
			err = 0;
		else
			addr[0] = '\0';
	}
	if (res != NULL)
		freeaddrinfo(res);
	if (ds->record)
		record_entry(ds, 'H', host, addr, strlen(addr));
	return err;
}

static void
disk_put_option(struct cfg_source *src, const char *name, const char *value)
{
	struct disk_source *ds = (struct disk_source *)src;

	if (ds->record)
		record_entry(ds, 'O', name, value, strlen(value));
}

static void
disk_free(struct cfg_source *src)
{
	struct disk_source *ds = (struct disk_source *)src;

	free(ds->bundle.p);
	free(ds->entries.p);
	free(ds);
}

struct cfg_source *
cfg_source_disk(bool record)
{
	struct disk_source *ds = xcalloc(1, sizeof(*ds));

	ds->base.read = disk_read;
	ds->base.glob = disk_glob;
	ds->base.free = disk_free;
	ds->base.resolve = disk_resolve;
	ds->base.put_option = disk_put_option;
	ds->record = record;
	return &ds->base;
}

const uint8_t *
cfg_source_disk_bundle(struct cfg_source *src, size_t *len)
{
	struct disk_source *ds = (struct disk_source *)src;

	ds->bundle.len = 0;
	bytes_put(&ds->bundle, BUNDLE_MAGIC, 4);
	bytes_put_u32(&ds->bundle, ds->n_entries);
	if (ds->entries.len)
		bytes_put(&ds->bundle, ds->entries.p, ds->entries.len);
	*len = ds->bundle.len;
	return ds->bundle.p;
}

/* -- bundle source ------------------------------------------------------- */

struct bundle_entry {
	char kind;
	char *name;
	char *data;
	size_t len;
};

struct bundle_source {
	struct cfg_source base;
	struct bundle_entry *entries;
	size_t n;
};

static const struct bundle_entry *
bundle_find(struct bundle_source *bs, char kind, const char *name)
{
	for (size_t i = 0; i < bs->n; i++)
		if (bs->entries[i].kind == kind &&
		    strcmp(bs->entries[i].name, name) == 0)
			return &bs->entries[i];
	return NULL;
}

static int
bundle_read(struct cfg_source *src, const char *path, char **data,
    size_t *len)
{
	const struct bundle_entry *e;

	e = bundle_find((struct bundle_source *)src, 'F', path);
	if (e == NULL)
		return ENOENT;
	*data = xmalloc(e->len + 1);
	memcpy(*data, e->data, e->len);
	(*data)[e->len] = '\0';
	*len = e->len;
	return 0;
}

static int
bundle_glob(struct cfg_source *src, const char *pattern, char ***paths,
    size_t *n)
{
	const struct bundle_entry *e;
	size_t count = 0;

	e = bundle_find((struct bundle_source *)src, 'G', pattern);
	if (e == NULL)
		return ENOENT;
	for (size_t i = 0; i < e->len; i++)
		count += e->data[i] == '\0';
	*paths = xcalloc(count, sizeof(char *));
	*n = 0;
	for (size_t i = 0; i < e->len; i += strlen(e->data + i) + 1)
		(*paths)[(*n)++] = xstrdup(e->data + i);
	return 0;
}

static int
bundle_resolve(struct cfg_source *src, const char *host, char *addr,
    size_t addrlen)
{
	const struct bundle_entry *e;

	e = bundle_find((struct bundle_source *)src, 'H', host);
	if (e == NULL || e->len == 0 || e->len >= addrlen)
		return ENOENT;
	memcpy(addr, e->data, e->len + 1);
	return 0;
}

static const char *
bundle_get_option(struct cfg_source *src, const char *name)
{
	const struct bundle_entry *e;

	e = bundle_find((struct bundle_source *)src, 'O', name);
	return e != NULL ? e->data : NULL;
}

static void
bundle_free(struct cfg_source *src)
{
	struct bundle_source *bs = (struct bundle_source *)src;

	for (size_t i = 0; i < bs->n; i++) {
		free(bs->entries[i].name);
		free(bs->entries[i].data);
	}
	free(bs->entries);
	free(bs);
}

/* An in-memory source of `count` entries, to be filled by the caller. */
static struct bundle_source *
bundle_source_new(size_t count)
{
	struct bundle_source *bs = xcalloc(1, sizeof(*bs));

	bs->base.read = bundle_read;
	bs->base.glob = bundle_glob;
	bs->base.free = bundle_free;
	bs->base.resolve = bundle_resolve;
	bs->base.get_option = bundle_get_option;
	bs->entries = xcalloc(count, sizeof(*bs->entries));
	return bs;
}

static bool
take_u32(const uint8_t **p, const uint8_t *end, uint32_t *v)
{
	if (end - *p < 4)
		return false;
	*v = (uint32_t)(*p)[0] | (uint32_t)(*p)[1] << 8 |
	    (uint32_t)(*p)[2] << 16 | (uint32_t)(*p)[3] << 24;
	*p += 4;
	return true;
}

struct cfg_source *
cfg_source_bundle(const uint8_t *bundle, size_t len)
{
	const uint8_t *p = bundle, *end = bundle + len;
	struct bundle_source *bs;
	uint32_t count = 0;

	if (len < 8 || memcmp(p, BUNDLE_MAGIC, 4) != 0)
		return NULL;
	p += 4;
	take_u32(&p, end, &count);
	/* Every entry needs at least 9 bytes: refuse absurd counts early. */
	if (count > (size_t)(end - p) / 9)
		return NULL;
	bs = bundle_source_new(count);
	for (uint32_t i = 0; i < count; i++) {
		struct bundle_entry *e = &bs->entries[i];
		uint32_t nlen, dlen;

		if (end - p < 1)
			goto bad;
		e->kind = (char)*p++;
		if ((e->kind != 'F' && e->kind != 'G' && e->kind != 'H' &&
		    e->kind != 'O') ||
		    !take_u32(&p, end, &nlen) || (size_t)(end - p) < nlen)
			goto bad;
		e->name = xstrndup((const char *)p, nlen);
		p += nlen;
		if (!take_u32(&p, end, &dlen) || (size_t)(end - p) < dlen)
			goto bad;
		e->data = xmalloc(dlen + 1);
		memcpy(e->data, p, dlen);
		e->data[dlen] = '\0';
		e->len = dlen;
		p += dlen;
		bs->n++;
		/* A glob's list must end with its terminator. */
		if (e->kind == 'G' && dlen && e->data[dlen - 1] != '\0')
			goto bad;
	}
	if (p != end)
		goto bad;
	return &bs->base;
bad:
	/* Count the partially filled entry too, so its strings are freed. */
	if (bs->n < count && bs->entries[bs->n].name != NULL)
		bs->n++;
	bundle_free(&bs->base);
	return NULL;
}

/* -- string source ------------------------------------------------------- */

struct cfg_source *
cfg_source_string(const char *name, const char *text)
{
	struct bundle_source *bs = bundle_source_new(1);

	bs->entries[0].kind = 'F';
	bs->entries[0].name = xstrdup(name);
	bs->entries[0].data = xstrdup(text);
	bs->entries[0].len = strlen(text);
	bs->n = 1;
	return &bs->base;
}
