/* SPDX-License-Identifier: MIT
 *
 * verbatim/quotes.h -- PLACEHOLDER: filled in by its issue's work.
 */
#ifndef VERBATIM_QUOTES_H
#define VERBATIM_QUOTES_H

#include "verbatim/base.h"
#include "verbatim/lang.h"

#endif
