package org.adjoint.nn.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Random search (not grid search: with a few important hyperparameters among many, every trial
 * tries a new value of each). Trial i draws its parameters from a generator seeded by
 * (seed, i) and gets its own seed for training, so a trial's parameters and result do not depend
 * on the number of trials, the number of threads or the order in which trials finish. Trials run
 * in parallel on {@link #threads} threads (default: the available processors). A trial that
 * throws (a diverging learning rate) is recorded as failed and ranked last.
 *
 * <pre>{@code
 * SearchResults r = RandomSearch.over(space).trials(20).seed(7).maximize("dev_accuracy")
 *         .run((params, seed) -> trainAndEvaluate(params, seed));
 * r.writeCsv(Path.of("search.csv"));
 * SearchSpace finer = r.zoom(5, 0.1);      // coarse to fine
 * }</pre>
 */
public final class RandomSearch {

    private final SearchSpace space;
    private int trials = 20;
    private long seed;
    private int threads = Runtime.getRuntime().availableProcessors();
    private String metric;
    private boolean maximize = true;
    private Consumer<Trial> onTrial = t -> { };

    private RandomSearch(SearchSpace space) {
        if (space == null) {
            throw new IllegalArgumentException("random search: space is null");
        }
        this.space = space;
    }

    public static RandomSearch over(SearchSpace space) {
        return new RandomSearch(space);
    }

    /** The number of trials (default 20). */
    public RandomSearch trials(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("random search: trials must be >= 1, got trials=" + n);
        }
        this.trials = n;
        return this;
    }

    public RandomSearch seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Trials run at the same time (default: available processors); results do not depend on it. */
    public RandomSearch threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("random search: threads must be >= 1, got threads=" + n);
        }
        this.threads = n;
        return this;
    }

    /** Rank by {@code metric}, larger is better. */
    public RandomSearch maximize(String metric) {
        this.metric = checkMetric(metric);
        this.maximize = true;
        return this;
    }

    /** Rank by {@code metric}, smaller is better. */
    public RandomSearch minimize(String metric) {
        this.metric = checkMetric(metric);
        this.maximize = false;
        return this;
    }

    /** Called after each trial (on the search's thread that ran it; e.g. to print progress). */
    public RandomSearch onTrial(Consumer<Trial> listener) {
        this.onTrial = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    private static String checkMetric(String metric) {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("random search: the ranking metric must be named, got '" + metric + "'");
        }
        return metric;
    }

    /** The parameters of trial {@code i} (what {@link #run} uses). */
    public Params paramsOf(int i) {
        return space.sample(new SplittableRandom(trialSeed(seed, i, 0x5EA7C4L)));
    }

    /** The training seed handed to trial {@code i}. */
    public long seedOf(int i) {
        return trialSeed(seed, i, 0x7A11L);
    }

    private static long trialSeed(long seed, int i, long salt) {
        long z = (seed ^ salt) * 0x9E3779B97F4A7C15L + i;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Runs every trial and ranks them.
     *
     * @throws IllegalArgumentException if no ranking metric was set
     */
    public SearchResults run(Objective objective) {
        if (metric == null) {
            throw new IllegalArgumentException("random search: no ranking metric (call maximize(...) or minimize(...))");
        }
        if (objective == null) {
            throw new IllegalArgumentException("random search: objective is null");
        }
        int n = Math.min(threads, trials);
        List<Trial> done = new ArrayList<>();
        if (n == 1) {
            for (int i = 0; i < trials; i++) {
                done.add(runTrial(objective, i));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "random-search");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Trial>> futures = new ArrayList<>();
                for (int i = 0; i < trials; i++) {
                    int index = i;
                    futures.add(pool.submit(() -> runTrial(objective, index)));
                }
                for (Future<Trial> f : futures) {
                    done.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("random search interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("random search: a trial crashed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new SearchResults(space, metric, maximize, done);
    }

    private Trial runTrial(Objective objective, int i) {
        Params p = paramsOf(i);
        long s = seedOf(i);
        long start = System.nanoTime();
        Trial t;
        try {
            Map<String, Double> m = objective.evaluate(p, s);
            if (m == null) {
                throw new IllegalStateException("the objective returned no metrics (null)");
            }
            Double v = m.get(metric);
            t = v == null
                    ? new Trial(i, s, p, m, "the objective returned no '" + metric + "'; it returned " + m.keySet(),
                            seconds(start))
                    : new Trial(i, s, p, m, Double.isNaN(v) ? metric + " is NaN" : null, seconds(start));
        } catch (Exception e) {
            t = new Trial(i, s, p, Map.of(), e.getClass().getSimpleName() + ": " + e.getMessage(), seconds(start));
        }
        synchronized (this) {
            onTrial.accept(t);
        }
        return t;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
