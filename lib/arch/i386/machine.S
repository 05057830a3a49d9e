/* The i386 port's assembly, one object (lib/port.S includes this). */
#include "pc.S"
#include "getcontext.S"
#include "setcontext.S"
#include "swapcontext.S"
#include "start.S"
#include "switch.S"
