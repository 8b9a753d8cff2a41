package org.adjoint.nn.optim;

import java.util.function.IntToDoubleFunction;
import java.util.function.LongToDoubleFunction;

/**
 * The learning rate as a function of the optimizer's step (updates done so far, from 0) and the
 * epoch (from 0, set by the training loop). The course's decay schedules count epochs:
 * <ul>
 *   <li>{@link #inverseTime}: {@code α0 / (1 + k·epoch)};</li>
 *   <li>{@link #exponential}: {@code rate^epoch · α0} (e.g. 0.95);</li>
 *   <li>{@link #inverseSqrt}: {@code k / sqrt(epoch + 1) · α0};</li>
 *   <li>{@link #stepDecay}: {@code α0 · factor^floor(epoch / every)};</li>
 * </ul>
 * and by step: {@link #cosine} (from α0 to a floor over a number of steps), {@link #warmup}
 * (linear from 0 over the first steps, then another schedule); user functions via
 * {@link #ofStep} and {@link #ofEpoch}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate for the update at {@code step} (0-based) during {@code epoch} (0-based). */
    double rate(long step, int epoch);

    static LearningRateSchedule constant(double alpha) {
        checkRate("constant", alpha);
        return (step, epoch) -> alpha;
    }

    /** {@code α0 / (1 + k·epoch)}. */
    static LearningRateSchedule inverseTime(double alpha0, double k) {
        checkRate("inverseTime", alpha0);
        checkNonNegative("inverseTime", "k", k);
        return (step, epoch) -> alpha0 / (1 + k * epoch);
    }

    /** {@code rate^epoch · α0} with {@code rate} in (0, 1]. */
    static LearningRateSchedule exponential(double alpha0, double rate) {
        checkRate("exponential", alpha0);
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("exponential: rate must be in (0, 1], got rate=" + rate);
        }
        return (step, epoch) -> Math.pow(rate, epoch) * alpha0;
    }

    /** {@code k / sqrt(epoch + 1) · α0} (the epoch counted from 1 under the root). */
    static LearningRateSchedule inverseSqrt(double alpha0, double k) {
        checkRate("inverseSqrt", alpha0);
        checkRate("inverseSqrt", k);
        return (step, epoch) -> k / Math.sqrt(epoch + 1.0) * alpha0;
    }

    /** {@code α0 · factor^floor(epoch / every)}. */
    static LearningRateSchedule stepDecay(double alpha0, double factor, int every) {
        checkRate("stepDecay", alpha0);
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("stepDecay: factor must be in (0, 1], got factor=" + factor);
        }
        if (every < 1) {
            throw new IllegalArgumentException("stepDecay: every must be >= 1 epoch, got every=" + every);
        }
        return (step, epoch) -> alpha0 * Math.pow(factor, epoch / every);
    }

    /**
     * Cosine decay from α0 to {@code floor} over {@code steps} updates, then {@code floor}:
     * {@code floor + (α0 - floor) · (1 + cos(π · min(step, steps) / steps)) / 2}.
     */
    static LearningRateSchedule cosine(double alpha0, long steps, double floor) {
        checkRate("cosine", alpha0);
        checkNonNegative("cosine", "floor", floor);
        if (steps < 1) {
            throw new IllegalArgumentException("cosine: steps must be >= 1, got steps=" + steps);
        }
        return (step, epoch) -> floor + (alpha0 - floor) * (1 + Math.cos(Math.PI * Math.min(step, steps) / steps)) / 2;
    }

    /**
     * Linear warm-up: {@code after(step, epoch) · (step + 1) / steps} for the first {@code steps}
     * updates, then {@code after}.
     */
    static LearningRateSchedule warmup(long steps, LearningRateSchedule after) {
        if (steps < 1) {
            throw new IllegalArgumentException("warmup: steps must be >= 1, got steps=" + steps);
        }
        return (step, epoch) -> step < steps ? after.rate(step, epoch) * (step + 1) / steps : after.rate(step, epoch);
    }

    /** A user function of the step. */
    static LearningRateSchedule ofStep(LongToDoubleFunction f) {
        return (step, epoch) -> f.applyAsDouble(step);
    }

    /** A user function of the epoch. */
    static LearningRateSchedule ofEpoch(IntToDoubleFunction f) {
        return (step, epoch) -> f.applyAsDouble(epoch);
    }

    /** Checks a learning rate: positive and finite. */
    static double checkRate(String who, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(who + ": learning rate must be a positive finite number, got lr=" + lr);
        }
        return lr;
    }

    private static void checkNonNegative(String who, String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(who + ": " + what + " must be a finite number >= 0, got " + what + "=" + v);
        }
    }
}
