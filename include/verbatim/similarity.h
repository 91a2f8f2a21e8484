/* SPDX-License-Identifier: MIT
 *
 * verbatim/similarity.h -- PLACEHOLDER: filled in by its issue's work.
 */
#ifndef VERBATIM_SIMILARITY_H
#define VERBATIM_SIMILARITY_H

#include "verbatim/base.h"
#include "verbatim/lang.h"

#endif
