/* SPDX-License-Identifier: MIT
 *
 * verbatim/minhash.h -- PLACEHOLDER: filled in by its issue's work.
 */
#ifndef VERBATIM_MINHASH_H
#define VERBATIM_MINHASH_H

#include "verbatim/base.h"
#include "verbatim/lang.h"

#endif
