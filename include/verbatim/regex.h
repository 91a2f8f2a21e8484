/* SPDX-License-Identifier: MIT
 *
 * verbatim/regex.h -- PLACEHOLDER: filled in by its issue's work.
 */
#ifndef VERBATIM_REGEX_H
#define VERBATIM_REGEX_H

#include "verbatim/base.h"
#include "verbatim/lang.h"

#endif
