/* setcontext of a signal handler's context on ppc64le: the handler of a
 * SIGTRAP resumes the trapped code, past the trap, with setcontext on
 * the context the kernel gave it.  glibc 2.36's setcontext (no longer
 * rt_sigreturn, as its older ones for a context whose msr is not 0)
 * loads every general register but r13 from the context, the ones no
 * call preserves included; ours loads only the preserved ones and those
 * makecontext fills. */
#include "scenario.h"

#include <signal.h>
#include <string.h>

static uint64_t
pattern(int r)
{
	return 0x0101010101010101ull * (uint64_t)(r + 1) ^ 0x8000000000000000ull;
}

static void
on_trap(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;
	(void)sig;
	(void)si;
	uc->uc_mcontext.gp_regs[32] += 4;	/* nip: past the trap */
	setcontext(uc);
	say("setcontext.signal-context.returned", "yes");
	exit(1);
}

int
main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_trap;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTRAP, &sa, NULL);

	uint64_t out[3];
	cprobe_trap(out);
	say("setcontext.signal-context.resumed", "yes");
	say("setcontext.signal-context.r14", "%s", out[2] == pattern(14) ? "kept" : "lost");
	say("setcontext.signal-context.r0", "%s", out[0] == pattern(0) ? "kept" : "lost");
	say("setcontext.signal-context.r11", "%s", out[1] == pattern(11) ? "kept" : "lost");
	return 0;
}
