/* What every compat scenario shares.  A scenario is an ordinary program
 * written against <ucontext.h>'s plain names, so that one source runs on
 * the C library's functions and on ours.  It prints a transcript: one
 * "key value" line per observation, nothing that depends on addresses,
 * timing or scheduling.  compat-check.sh compares transcripts line by
 * line; compat-tests/differences names the keys allowed to differ. */
#ifndef UCC_SCENARIO_H
#define UCC_SCENARIO_H

#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>

#include "cprobe.h"

/* Print "key value" and flush (forks and exits must not lose lines). */
void say(const char *key, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* say("group.name", ...): the field-by-field scenarios' line. */
void field(const char *group, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The byte the field-by-field scenarios fill a structure with before a
 * call, and whether n bytes at p still hold it all. */
#define FIELD_FILL 0xab
int untouched(const void *p, size_t n);

/* A zeroed stack of `size` bytes, or exit(2). */
void *stack_alloc(size_t size);

/* getcontext(uc) in a frame of its own, then give it a stack and uc_link.
 * Keeps getcontext's second return out of the callers' loops. */
void prepare(ucontext_t *uc, void *stack, size_t size, ucontext_t *link);

/* Run fn in a child process and describe how it ended: "exit N" or
 * "signal NAME".  The child's output is flushed before it ends. */
const char *in_child(void (*fn)(void));

#endif
