/*
 * LD_PRELOAD shim for SIPp. SIPp 3.6 reads its clock with
 * CLOCK_MONOTONIC_COARSE, which advances once per kernel tick (4 ms with
 * HZ=250), so the response times it writes with -trace_rtt come in 4 ms
 * steps. This maps the coarse clocks onto the precise ones; bench/run
 * compiles it and bench/bench.py preloads it into SIPp when it is there.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <time.h>

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

int clock_gettime(clockid_t id, struct timespec *ts)
{
    static clock_gettime_fn real;
    if (!real)
        real = (clock_gettime_fn)dlsym(RTLD_NEXT, "clock_gettime");
    if (id == CLOCK_MONOTONIC_COARSE)
        id = CLOCK_MONOTONIC;
    else if (id == CLOCK_REALTIME_COARSE)
        id = CLOCK_REALTIME;
    return real(id, ts);
}
