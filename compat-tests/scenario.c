#include "scenario.h"

#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void
say(const char *key, const char *fmt, ...)
{
	va_list ap;
	printf("%s ", key);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void
field(const char *group, const char *name, const char *fmt, ...)
{
	char key[96], val[160];
	va_list ap;
	snprintf(key, sizeof key, "%s.%s", group, name);
	va_start(ap, fmt);
	vsnprintf(val, sizeof val, fmt, ap);
	va_end(ap);
	say(key, "%s", val);
}

int
untouched(const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != FIELD_FILL)
			return 0;
	return 1;
}

void *
stack_alloc(size_t size)
{
	void *p = calloc(1, size);
	if (p == NULL) {
		perror("calloc");
		exit(2);
	}
	return p;
}

void __attribute__((noinline))
prepare(ucontext_t *uc, void *stack, size_t size, ucontext_t *link)
{
	if (getcontext(uc) != 0) {
		perror("getcontext");
		exit(2);
	}
	uc->uc_stack.ss_sp = stack;
	uc->uc_stack.ss_size = size;
	uc->uc_link = link;
}

static const char *
signame(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SEGV";
	case SIGBUS: return "BUS";
	case SIGILL: return "ILL";
	case SIGABRT: return "ABRT";
	case SIGFPE: return "FPE";
	case SIGTRAP: return "TRAP";
	case SIGSYS: return "SYS";
	case SIGKILL: return "KILL";
	}
	return "other";
}

const char *
in_child(void (*fn)(void))
{
	static char how[64];
	int status;

	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		fn();
		fflush(stdout);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("waitpid");
		exit(2);
	}
	if (WIFEXITED(status))
		snprintf(how, sizeof how, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(how, sizeof how, "signal %s", signame(WTERMSIG(status)));
	else
		snprintf(how, sizeof how, "status %#x", status);
	return how;
}
