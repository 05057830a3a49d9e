/* Count rt_sigprocmask system calls without strace: a seccomp filter
 * traps each one to a SIGSYS handler that counts it and makes it return
 * 0 (or fails it with an errno).  Once armed, it stays armed for the rest
 * of the process: use it in a forked test or a short-lived program. */
#ifndef UCC_TEST_SIGCOUNT_H
#define UCC_TEST_SIGCOUNT_H

/* Trap and count every rt_sigprocmask; each returns 0 without acting.
 * Returns 0, or -1 if this kernel or emulator has no seccomp filters. */
int sigcount_arm(void);

/* The same, but each call does what it asks, on the mask the kernel
 * restores when the trap's handler returns: the thread's. */
int sigcount_arm_emulating(void);

/* 1 where the filters can be installed, 0 where not (qemu-user). */
int sigcount_supported(void);

/* The calls trapped so far. */
long sigcount(void);

/* Make every rt_sigprocmask fail with `err` instead, uncounted. */
int sigcount_fail_with(int err);

#endif
