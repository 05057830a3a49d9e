/* armel: armhf's, which the two ABIs share. */
#include "../armhf/probe.S"
