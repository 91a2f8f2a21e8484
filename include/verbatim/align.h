/* SPDX-License-Identifier: MIT
 *
 * verbatim/align.h -- PLACEHOLDER: filled in by its issue's work.
 */
#ifndef VERBATIM_ALIGN_H
#define VERBATIM_ALIGN_H

#include "verbatim/base.h"
#include "verbatim/lang.h"

#endif
