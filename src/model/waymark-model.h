/* waymark-model.h — everything in src/model
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "waymark-types.h"
#include "waymark-element.h"
#include "waymark-metric.h"
#include "waymark-stage.h"
#include "waymark-lane.h"
#include "waymark-touchpoint.h"
#include "waymark-persona.h"
#include "waymark-curve.h"
#include "waymark-owner.h"
#include "waymark-view.h"
#include "waymark-document.h"
