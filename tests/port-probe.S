/* The port's test probes: tests/arch/<abi>/probe.S, found through the
 * include path (tests/arch/<abi> for the ABI configure chose). */
#include <probe.S>
