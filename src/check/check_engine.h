/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The check engine's role: health checks and the IPVS table. */
#ifndef LVSD_CHECK_ENGINE_H
#define LVSD_CHECK_ENGINE_H

#include "engine.h"

extern const struct engine_role check_role;

#endif
