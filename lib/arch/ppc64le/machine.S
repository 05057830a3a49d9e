/* The ppc64le port's assembly, one object (lib/port.S includes this). */
#include "getcontext.S"
#include "setcontext.S"
#include "swapcontext.S"
#include "start.S"
#include "switch.S"
