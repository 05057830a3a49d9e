/* armel: armhf's, which the two ABIs share. */
#include "../armhf/s_align8.c"
