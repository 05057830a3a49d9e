/* armel: armhf's assembly, VFP tested at run time (port.h). */
#include "../armhf/machine.S"
