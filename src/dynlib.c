// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include "dynlib.h"
#include "log.h"

bool
dynlib_load(const char *what, const char *soname,
    const struct dynlib_sym *syms, size_t n, void *api)
{
	/* Never closed: loaded once, it stays for the process's life. */
	void *dl = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (dl == NULL) {
		log_err("%s: cannot load %s: %s", what, soname, dlerror());
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		void *f = dlsym(dl, syms[i].name);

		if (f == NULL) {
			log_err("%s: %s has no %s", what, soname,
			    syms[i].name);
			return false;
		}
		memcpy((char *)api + syms[i].off, &f, sizeof(f));
	}
	return true;
}
