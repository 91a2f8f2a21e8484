/* SPDX-License-Identifier: MIT
 *
 * verbatim/core.h -- the public pure-C API of verbatim: everything the SQLite
 * extension does, usable from any program without SQLite.
 *
 * Link with the core objects plus utf8proc, PCRE2 and libstemmer.
 * Every function documents who owns returned memory; offsets are bytes.
 */
#ifndef VERBATIM_CORE_H
#define VERBATIM_CORE_H

#include "verbatim/base.h"
#include "verbatim/lang.h"
#include "verbatim/sentences.h"
#include "verbatim/tokens.h"

#include "verbatim/quotes.h"

#include "verbatim/similarity.h"

#include "verbatim/align.h"

#include "verbatim/minhash.h"

#include "verbatim/regex.h"

#endif /* VERBATIM_CORE_H */
