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
#include <ucontext.h>
#include <unistd.h>

#if defined(__x86_64__) && !defined(__ILP32__)
# define NATIVE_AUDIT_ARCH AUDIT_ARCH_X86_64
# define SET_SYSCALL_RESULT(uc, v) ((uc)->uc_mcontext.gregs[REG_RAX] = (v))
# define SYSCALL_ARG(uc, n) ((uc)->uc_mcontext.gregs[(const int[]){ \
	REG_RDI, REG_RSI, REG_RDX, REG_R10 }[n]])
#else
# error "sigcount: no port for this ABI"
#endif

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

static int
install(unsigned action)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_AUDIT_ARCH, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_rt_sigprocmask, 0, 1),
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
