package org.adjoint.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH output: everything to the round's log file, plus one console line per benchmark point
 * ({@code [round 1/2  5/39] GemmBench.sgemm shape=sq64 threads=1 ... 12.3 ± 0.4 us/op}).
 */
final class ProgressFormat implements OutputFormat {

    private final OutputFormat log;
    private final PrintStream console;
    private final String prefix;
    private final int total;
    private final int[] counter;
    private boolean pending;

    /**
     * @param log JMH's normal output format, writing to the log file
     * @param console where progress lines go
     * @param prefix e.g. {@code "round 1/2"}
     * @param total points in one round (for {@code k/N})
     * @param counter shared point counter of the round, incremented per point
     */
    ProgressFormat(OutputFormat log, PrintStream console, String prefix, int total, int[] counter) {
        this.log = log;
        this.console = console;
        this.prefix = prefix;
        this.total = total;
        this.counter = counter;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        closePending("failed, see the log");
        StringBuilder name = new StringBuilder(Point.shortName(params.getBenchmark()));
        for (String k : params.getParamsKeys()) {
            name.append(' ').append(k).append('=').append(params.getParam(k));
        }
        counter[0]++;
        console.printf(Locale.ROOT, "  [%s %3d/%d] %-58s ", prefix, counter[0], total, name);
        console.flush();
        pending = true;
        log.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result == null || result.getPrimaryResult() == null) {
            closePending("no result, see the log");
        } else {
            closePending(String.format(Locale.ROOT, "%s ± %s %s", Format.us(result.getPrimaryResult().getScore()),
                    Format.us(result.getPrimaryResult().getScoreError()), result.getPrimaryResult().getScoreUnit()));
        }
        log.endBenchmark(result);
    }

    private void closePending(String text) {
        if (pending) {
            console.println(text);
            pending = false;
        }
    }

    @Override
    public void endRun(Collection<RunResult> results) {
        closePending("failed, see the log");
        log.endRun(results);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
            IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
