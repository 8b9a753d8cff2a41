package org.adjoint.nn.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The trials of a {@link RandomSearch}, ranked by the search's metric (best first; failed trials
 * last; ties by trial index), as a table or a CSV file with one row per trial.
 */
public final class SearchResults {

    private final SearchSpace space;
    private final String metric;
    private final boolean maximize;
    private final List<Trial> trials;
    private final List<Trial> ranked;

    SearchResults(SearchSpace space, String metric, boolean maximize, List<Trial> trials) {
        this.space = space;
        this.metric = metric;
        this.maximize = maximize;
        this.trials = List.copyOf(trials);
        List<Trial> r = new ArrayList<>(trials);
        Comparator<Trial> byMetric = Comparator.comparingDouble(t -> t.metric(metric));
        if (maximize) {
            byMetric = byMetric.reversed();
        }
        Comparator<Trial> order = Comparator.comparing((Trial t) -> t.failed()).thenComparing(byMetric)
                .thenComparingInt(Trial::index);
        r.sort(order);
        this.ranked = List.copyOf(r);
    }

    /** The space the trials were drawn from. */
    public SearchSpace space() {
        return space;
    }

    /** The ranking metric. */
    public String metric() {
        return metric;
    }

    public boolean maximize() {
        return maximize;
    }

    /** The trials in index (sampling) order. */
    public List<Trial> trials() {
        return trials;
    }

    /** The trials best first; failed trials last. */
    public List<Trial> ranked() {
        return ranked;
    }

    /**
     * The best trial.
     *
     * @throws IllegalStateException if every trial failed (naming the first failure)
     */
    public Trial best() {
        Trial b = ranked.get(0);
        if (b.failed()) {
            throw new IllegalStateException("random search: all " + trials.size() + " trials failed; first: "
                    + trials.get(0).error());
        }
        return b;
    }

    /** The best {@code k} successful trials (fewer if fewer succeeded). */
    public List<Trial> top(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("search results: k must be >= 1, got k=" + k);
        }
        List<Trial> out = new ArrayList<>();
        for (Trial t : ranked) {
            if (out.size() < k && !t.failed()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Coarse to fine: the space narrowed around the top {@code k} trials (see {@link SearchSpace#zoom}). */
    public SearchSpace zoom(int k, double margin) {
        List<Params> best = new ArrayList<>();
        for (Trial t : top(k)) {
            best.add(t.params());
        }
        if (best.isEmpty()) {
            throw new IllegalStateException("search results: no successful trial to zoom around");
        }
        return space.zoom(best, margin);
    }

    /** Metric names in first-seen order over the trials. */
    public List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add(metric);
        for (Trial t : trials) {
            List<String> sorted = new ArrayList<>(t.metrics().keySet());
            sorted.sort(null);
            names.addAll(sorted);
        }
        return new ArrayList<>(names);
    }

    /** The header of {@link #writeCsv}: rank, trial, seed, the parameters, the metrics, seconds, error. */
    public List<String> header() {
        List<String> h = new ArrayList<>(List.of("rank", "trial", "seed"));
        h.addAll(space.names());
        h.addAll(metricNames());
        h.add("seconds");
        h.add("error");
        return h;
    }

    /** The rows of {@link #writeCsv}, ranked (strings as written). */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        List<String> metrics = metricNames();
        for (int r = 0; r < ranked.size(); r++) {
            Trial t = ranked.get(r);
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(r + 1));
            row.add(String.valueOf(t.index()));
            row.add(String.valueOf(t.seed()));
            for (String p : space.names()) {
                row.add(String.valueOf(t.params().raw(p)));
            }
            for (String m : metrics) {
                double v = t.metric(m);
                row.add(Double.isNaN(v) ? "" : String.valueOf(v));
            }
            row.add(String.format(Locale.ROOT, "%.3f", t.seconds()));
            row.add(t.error() == null ? "" : t.error());
            rows.add(row);
        }
        return rows;
    }

    /** Writes {@link #header()} and {@link #rows()} as CSV (Apache Commons CSV), creating parent folders. */
    public void writeCsv(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                         .setHeader(header().toArray(new String[0])).get())) {
                for (List<String> row : rows()) {
                    printer.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search results: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The top {@code k} rows as an aligned text table: rank, trial, parameters, the ranking metric. */
    public String table(int k) {
        List<String> cols = new ArrayList<>(List.of("rank", "trial"));
        cols.addAll(space.names());
        cols.add(metric);
        List<List<String>> cells = new ArrayList<>();
        for (int r = 0; r < Math.min(k, ranked.size()); r++) {
            Trial t = ranked.get(r);
            List<String> row = new ArrayList<>(List.of(String.valueOf(r + 1), String.valueOf(t.index())));
            for (String p : space.names()) {
                row.add(Params.format(t.params().raw(p)));
            }
            row.add(t.failed() ? "failed: " + t.error() : String.format(Locale.ROOT, "%.4f", t.metric(metric)));
            cells.add(row);
        }
        int[] width = new int[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            width[c] = cols.get(c).length();
            for (List<String> row : cells) {
                if (c < cols.size() - 1) {
                    width[c] = Math.max(width[c], row.get(c).length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, cols, width);
        for (List<String> row : cells) {
            appendRow(sb, row, width);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> row, int[] width) {
        for (int c = 0; c < row.size(); c++) {
            String s = row.get(c);
            if (c == row.size() - 1) {
                sb.append(s);
            } else {
                sb.append(" ".repeat(width[c] - s.length())).append(s).append("  ");
            }
        }
        sb.append('\n');
    }
}
