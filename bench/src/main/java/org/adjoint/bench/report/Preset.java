package org.adjoint.bench.report;

import java.util.Locale;

/**
 * How long a run measures. JMH's iteration settings override every benchmark's annotations, so
 * all benchmarks get the same treatment; each point runs once per round, alternating with its
 * peer.
 *
 * @param name preset name
 * @param rounds rounds (each: every group's JMH points, then its peer)
 * @param warmupIterations JMH warm-up iterations per round
 * @param warmupMs duration of one warm-up iteration
 * @param iterations JMH measurement iterations per round
 * @param iterationMs duration of one measurement iteration
 * @param peerScale factor for the peer scripts' sample durations
 */
record Preset(String name, int rounds, int warmupIterations, int warmupMs, int iterations, int iterationMs,
        double peerScale) {

    /** A first look: a few minutes on 2 cores for the whole suite; wide error bars. */
    static final Preset QUICK = new Preset("quick", 2, 3, 300, 4, 200, 0.25);
    /** The default: ~15 minutes on 2 cores. */
    static final Preset DEFAULT = new Preset("default", 3, 3, 500, 4, 500, 0.5);
    /** For figures to quote: the benchmarks' own durations, five rounds (~45 minutes). */
    static final Preset FULL = new Preset("full", 5, 3, 1000, 5, 1000, 1.0);

    /** The same preset with another round count (at least 1). */
    Preset withRounds(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + n);
        }
        return new Preset(name, n, warmupIterations, warmupMs, iterations, iterationMs, peerScale);
    }

    /** {@code 2 rounds x (1 fork, 2 x 200 ms warm-up, 3 x 200 ms measurement)}. */
    String describe() {
        return String.format(Locale.ROOT, "%d round%s x (1 fork, %d x %d ms warm-up, %d x %d ms measurement); peer "
                + "durations x %.2f", rounds, rounds == 1 ? "" : "s", warmupIterations, warmupMs, iterations,
                iterationMs, peerScale);
    }
}
