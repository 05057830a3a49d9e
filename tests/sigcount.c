#define _GNU_SOURCE
#include "sigcount.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

/* The ABI's audit arch, syscall result and argument registers. */
#include "arch.h"
#define NATIVE_AUDIT_ARCH ARCH_AUDIT_ARCH
#define SET_SYSCALL_RESULT(uc, v) ARCH_SET_SYSCALL_RESULT(uc, v)
#define SYSCALL_ARG(uc, n) ARCH_SYSCALL_ARG(uc, n)

static volatile long trapped;
static int emulating;

/* rt_sigprocmask(how, set, old, size), done on the mask the kernel puts
 * back when this handler returns: the thread's mask at the call. */
static void
emulate(ucontext_t *uc)
{
	unsigned long *now = (unsigned long *)&uc->uc_sigmask;
	int how = (int)SYSCALL_ARG(uc, 0);
	const unsigned long *set = (const unsigned long *)SYSCALL_ARG(uc, 1);
	unsigned long *old = (unsigned long *)SYSCALL_ARG(uc, 2);
	/* never blocked: SIGKILL and SIGSTOP by the kernel, SIGSYS by us,
	 * since a trap while it is blocked kills the process (LeakSanitizer
	 * and musl's raise block every signal for a moment) */
	unsigned long keep = 1ul << (SIGKILL - 1) | 1ul << (SIGSTOP - 1) |
			     1ul << (SIGSYS - 1);

	if (old != NULL)
		*old = *now;
	if (set != NULL) {
		if (how == SIG_BLOCK)
			*now |= *set;
		else if (how == SIG_UNBLOCK)
			*now &= ~*set;
		else
			*now = *set;
		*now &= ~keep;
	}
}

static void
on_sigsys(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)si;
	trapped++;
	if (emulating)
		emulate(ctx);
	SET_SYSCALL_RESULT((ucontext_t *)ctx, 0);
}

/* Where the kernel still has the older sigprocmask (i386, whose glibc
 * ucontext functions make it: same arguments, an unsigned long mask), it
 * is trapped and counted too. */
#ifdef SYS_sigprocmask
# define LEGACY 1
#else
# define LEGACY 0
#endif

static int
install(unsigned action)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_AUDIT_ARCH, 0, 3 + LEGACY),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
#ifdef SYS_sigprocmask
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_rt_sigprocmask, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_sigprocmask, 0, 1),
#else
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_rt_sigprocmask, 0, 1),
#endif
		BPF_STMT(BPF_RET | BPF_K, action),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof f / sizeof f[0], f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) ? -1 : 0;
}

int
sigcount_arm_emulating(void)
{
	emulating = 1;
	return sigcount_arm();
}

int
sigcount_arm(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGSYS, &sa, NULL) != 0)
		return -1;
	trapped = 0;
	return install(SECCOMP_RET_TRAP);
}

/* Can this process install the filter?  Asked in a child, since a filter
 * stays for life.  qemu-user has no seccomp: there the counting cases are
 * left out (SIGCOUNT_TEST), and tests/qemu-strace.sh counts instead. */
int
sigcount_supported(void)
{
	static int known = -1;
	if (known >= 0)
		return known;
	pid_t pid = fork();
	if (pid < 0)
		return known = 0;
	if (pid == 0)
		_exit(install(SECCOMP_RET_ALLOW) == 0 ? 0 : 1);
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return known = 0;
	return known = WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

long
sigcount(void)
{
	return trapped;
}

int
sigcount_fail_with(int err)
{
	return install(SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA));
}
