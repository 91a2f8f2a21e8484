/* SPDX-License-Identifier: MIT
 *
 * sim_private.h -- test hooks of similarity.c (core-internal, not part of
 * the public API).
 *
 * vb_sim_set_prefilter(s, 0) turns off the pure prefilter in front of the
 * cosine's soft Jaro-Winkler matches (softMayQualify), so a unit test can
 * check that scores with and without it are bit-identical.  On by default.
 * vb_sim_set_prior_memo, below, likewise.
 */
#ifndef VERBATIM_SIM_PRIVATE_H
#define VERBATIM_SIM_PRIVATE_H

#include "verbatim/similarity.h"

void vb_sim_set_prefilter(vb_sim *s, int on);

/* Bound the cosine's memo of prior entries reached through tokenizer user
 * words (SIM_PRIOR_MEMO_MAX by default; 0 turns it off), emptying it, so a
 * test can force it to wrap around. */
void vb_sim_set_prior_memo(vb_sim *s, size_t maxEntries);

#endif
