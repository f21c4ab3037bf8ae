/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The vrrp engine's role: VRRP instances, virtual addresses. */
#ifndef LVSD_VRRP_ENGINE_H
#define LVSD_VRRP_ENGINE_H

#include "engine.h"

extern const struct engine_role vrrp_role;

#endif
