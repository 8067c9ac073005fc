// The CPU's cycle counter, for the recorder's fast wall clock (ProfileKit's ProfileClock.cycleCounter).
//
// x86-64: RDTSC, usable as a wall clock only when the TSC is invariant (CPUID 0x80000007 EDX bit 8:
// constant rate, runs in every power state). AArch64: the generic timer's virtual count (CNTVCT_EL0),
// constant rate by architecture. Elsewhere the counter is unavailable.
#ifndef MUDSCOPE_CCYCLECOUNTER_H
#define MUDSCOPE_CCYCLECOUNTER_H

#include <stdint.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/// The counter's current value (0 where there is none).
static inline __attribute__((always_inline)) uint64_t mudscope_cycle_counter(void) {
#if defined(__x86_64__) || defined(__i386__)
    return __builtin_ia32_rdtsc();
#elif defined(__aarch64__)
    uint64_t value;
    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(value));
    return value;
#else
    return 0;
#endif
}

/// 1 when the counter ticks at a constant rate in all CPU states, so it can measure wall time.
int mudscope_cycle_counter_is_invariant(void);

#endif
