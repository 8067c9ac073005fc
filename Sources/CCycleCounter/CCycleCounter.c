#include "CCycleCounter.h"

int mudscope_cycle_counter_is_invariant(void) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int eax, ebx, ecx, edx;
    if (__get_cpuid_max(0x80000000, 0) < 0x80000007) return 0;
    __cpuid(0x80000007, eax, ebx, ecx, edx);
    return (edx >> 8) & 1;
#elif defined(__aarch64__)
    return 1;
#else
    return 0;
#endif
}
