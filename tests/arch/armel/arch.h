/* armel: armhf's test support, which the two ABIs share. */
#include "../armhf/arch.h"
