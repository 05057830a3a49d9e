/* The 32-bit Arm port's assembly, one object (lib/port.S includes this;
 * armel's machine.S includes this file). */
#include "getcontext.S"
#include "setcontext.S"
#include "swapcontext.S"
#include "start.S"
#include "switch.S"
