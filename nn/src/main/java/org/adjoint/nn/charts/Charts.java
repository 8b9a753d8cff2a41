package org.adjoint.nn.charts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.search.Param;
import org.adjoint.nn.search.SearchResults;
import org.adjoint.nn.search.Trial;
import org.adjoint.nn.train.History;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG charts of the training workflow, drawn by JFreeChart without a display (headless):
 * learning curves, side-by-side comparisons, decision boundaries of 2-D classifiers and search
 * results (metric against a log-scaled hyperparameter). Every {@code save} takes the size in
 * pixels, creates parent folders and returns the file.
 */
public final class Charts {

    static {
        // NOTE: must be set before AWT initializes; charts are drawn into images, never shown.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    private Charts() {
    }

    /** Makes sure the headless setting above is applied (class initialization) before any chart is built. */
    static void init() {
        // nothing: calling it initializes the class
    }

    /** The i-th colour of the palette (cycled). */
    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Tick labels of log axes as plain numbers with 3 significant digits (0.631, 0.001, 150) instead of 10^x. */
    static java.text.NumberFormat logTickFormat() {
        return new java.text.NumberFormat() {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
                String s = String.format(Locale.ROOT, "%.3g", v);
                if (s.contains("e")) {
                    return to.append(s);
                }
                if (s.contains(".")) { // strip trailing zeros of the fraction
                    s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
                }
                return to.append(s);
            }

            @Override
            public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
                return to.append(v);
            }

            @Override
            public Number parse(String source, java.text.ParsePosition pos) {
                return null;
            }
        };
    }

    static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(new Color(0xdddddd));
            p.setRangeGridlinePaint(new Color(0xdddddd));
            p.setOutlinePaint(Color.GRAY);
        }
        return chart;
    }

    private static void checkSize(int width, int height) {
        if (width < 16 || width > 10_000 || height < 16 || height > 10_000) {
            throw new IllegalArgumentException("chart: size must be 16..10000 pixels each way, got width=" + width
                    + ", height=" + height);
        }
    }

    /** Renders {@code chart} to a PNG of {@code width} × {@code height}. */
    public static Path save(JFreeChart chart, Path file, int width, int height) {
        return saveGrid(List.of(chart), 1, file, width, height);
    }

    /**
     * Renders charts side by side in a grid of {@code columns} columns into one PNG of
     * {@code width} × {@code height} (each chart gets an equal cell).
     */
    public static Path saveGrid(List<JFreeChart> charts, int columns, Path file, int width, int height) {
        checkSize(width, height);
        if (charts == null || charts.isEmpty()) {
            throw new IllegalArgumentException("chart grid: no charts");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("chart grid: columns must be >= 1, got columns=" + columns);
        }
        if (file == null) {
            throw new IllegalArgumentException("chart: file is null");
        }
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double cw = (double) width / cols;
            double ch = (double) height / rows;
            for (int i = 0; i < charts.size(); i++) {
                int r = i / cols;
                int c = i % cols;
                charts.get(i).draw(g, new Rectangle2D.Double(c * cw, r * ch, cw, ch));
            }
        } finally {
            g.dispose();
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("chart: no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("chart: cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    // ---- learning curves ---------------------------------------------------------------------------

    /**
     * Learning curves from a training history: the cost panel ({@code loss} and, if recorded,
     * {@code dev_loss} per epoch) and, when {@code metric} is not null, a panel of the metric on
     * train and dev, side by side.
     *
     * @throws IllegalArgumentException if the history is empty or lacks the metric (naming it)
     */
    public static Path learningCurves(History history, String metric, String title, Path file, int width,
                                      int height) {
        List<JFreeChart> panels = learningCurvePanels(history, metric, title);
        return saveGrid(panels, panels.size(), file, width, height);
    }

    /** The panels of {@link #learningCurves} as charts (to combine with others). */
    public static List<JFreeChart> learningCurvePanels(History history, String metric, String title) {
        if (history == null || history.size() == 0) {
            throw new IllegalArgumentException("learning curves: the history is empty (no epoch recorded)");
        }
        double[] epochs = history.epochs().stream().mapToDouble(Integer::doubleValue).toArray();
        String prefix = title == null || title.isEmpty() ? "" : title + ": ";
        LineChart cost = LineChart.titled(prefix + "cost").xLabel("epoch").yLabel("cost (data loss)")
                .series("train", epochs, history.series("loss"));
        if (history.names().contains("dev_loss")) {
            cost.series("dev", epochs, history.series("dev_loss"));
        }
        List<JFreeChart> panels = new ArrayList<>(List.of(cost.build()));
        if (metric != null) {
            LineChart m = LineChart.titled(prefix + metric).xLabel("epoch").yLabel(metric)
                    .series("train", epochs, history.series(metric));
            if (history.names().contains("dev_" + metric)) {
                m.series("dev", epochs, history.series("dev_" + metric));
            }
            panels.add(m.build());
        }
        return panels;
    }

    // ---- decision boundary -------------------------------------------------------------------------

    /**
     * The decision regions of a classifier of 2-D points, with the points on top: the plane around
     * the points is cut into {@code gridSteps} × {@code gridSteps} cells, each coloured by the class
     * {@code classify} predicts at its centre (one call with every centre, [cells, 2] F32), and
     * every point is drawn in its true class's colour.
     *
     * @param points [N, 2]
     * @param labels the true class of each point, in [0, 10)
     * @param classify features [M, 2] → predicted classes (M entries)
     */
    public static JFreeChart decisionBoundary(String title, Tensor points, int[] labels,
                                              Function<Tensor, int[]> classify, int gridSteps) {
        if (points == null || points.shape().rank() != 2 || points.shape().dim(1) != 2) {
            throw new IllegalArgumentException("decision boundary: points must be [N, 2], got "
                    + (points == null ? "null" : points.type().toString()));
        }
        int n = points.shape().dim(0);
        if (n == 0) {
            throw new IllegalArgumentException("decision boundary: no points (points " + points.type() + ")");
        }
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("decision boundary: labels.length=" + (labels == null ? "null"
                    : String.valueOf(labels.length)) + " but there are " + n + " points");
        }
        if (gridSteps < 2 || gridSteps > 1000) {
            throw new IllegalArgumentException("decision boundary: gridSteps must be in [2, 1000], got gridSteps="
                    + gridSteps);
        }
        int classes = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= PALETTE.length) {
                throw new IllegalArgumentException("decision boundary: labels[" + i + "]=" + labels[i]
                        + " is not a class in [0, " + PALETTE.length + ")");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, points.getDouble(2 * i));
            maxX = Math.max(maxX, points.getDouble(2 * i));
            minY = Math.min(minY, points.getDouble(2 * i + 1));
            maxY = Math.max(maxY, points.getDouble(2 * i + 1));
        }
        double padX = Math.max(0.1 * (maxX - minX), 1e-3);
        double padY = Math.max(0.1 * (maxY - minY), 1e-3);
        minX -= padX;
        maxX += padX;
        minY -= padY;
        maxY += padY;
        double stepX = (maxX - minX) / gridSteps;
        double stepY = (maxY - minY) / gridSteps;
        int cells = gridSteps * gridSteps;
        float[] centres = new float[2 * cells];
        double[][] xyz = new double[3][cells];
        for (int r = 0; r < gridSteps; r++) {
            for (int c = 0; c < gridSteps; c++) {
                int k = r * gridSteps + c;
                xyz[0][k] = minX + (c + 0.5) * stepX;
                xyz[1][k] = minY + (r + 0.5) * stepY;
                centres[2 * k] = (float) xyz[0][k];
                centres[2 * k + 1] = (float) xyz[1][k];
            }
        }
        int[] predicted = classify.apply(Tensor.of(centres, cells, 2));
        if (predicted == null || predicted.length != cells) {
            throw new IllegalArgumentException("decision boundary: the classifier returned "
                    + (predicted == null ? "null" : predicted.length + " classes") + " for " + cells + " grid points");
        }
        for (int k = 0; k < cells; k++) {
            if (predicted[k] < 0 || predicted[k] >= PALETTE.length) {
                throw new IllegalArgumentException("decision boundary: the classifier predicted class " + predicted[k]
                        + " (outside [0, " + PALETTE.length + "))");
            }
            classes = Math.max(classes, predicted[k] + 1);
            xyz[2][k] = predicted[k];
        }
        DefaultXYZDataset regions = new DefaultXYZDataset();
        regions.addSeries("predicted class", xyz);
        XYBlockRenderer block = new XYBlockRenderer();
        block.setBlockWidth(stepX);
        block.setBlockHeight(stepY);
        LookupPaintScale scale = new LookupPaintScale(-0.5, PALETTE.length, Color.WHITE);
        for (int c = 0; c < PALETTE.length; c++) {
            scale.add(c - 0.5, light(PALETTE[c]));
        }
        block.setPaintScale(scale);

        XYSeriesCollection pts = new XYSeriesCollection();
        for (int c = 0; c < classes; c++) {
            pts.addSeries(new XYSeries("class " + c, false, true));
        }
        for (int i = 0; i < n; i++) {
            pts.getSeries(labels[i]).add(points.getDouble(2 * i), points.getDouble(2 * i + 1));
        }
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        for (int c = 0; c < classes; c++) {
            dots.setSeriesPaint(c, PALETTE[c]);
            dots.setSeriesShape(c, new Ellipse2D.Double(-3, -3, 6, 6));
            dots.setSeriesOutlinePaint(c, Color.BLACK);
        }
        dots.setUseOutlinePaint(true);
        dots.setDrawOutlines(true);
        NumberAxis x = new NumberAxis("x1");
        x.setRange(minX, maxX);
        NumberAxis y = new NumberAxis("x2");
        y.setRange(minY, maxY);
        XYPlot plot = new XYPlot(pts, x, y, dots);
        plot.setDataset(1, regions);
        plot.setRenderer(1, block);
        // legend: the points' classes, and the region colours as "predicted c"
        LegendItemCollection legend = new LegendItemCollection();
        for (int c = 0; c < classes; c++) {
            legend.add(new LegendItem("class " + c, null, null, null, new Ellipse2D.Double(-4, -4, 8, 8), PALETTE[c]));
        }
        for (int c = 0; c < classes; c++) {
            legend.add(new LegendItem("predicted " + c, null, null, null, new Rectangle2D.Double(-5, -5, 10, 10),
                    light(PALETTE[c])));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        style(chart);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return chart;
    }

    private static Color light(Color c) {
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }

    // ---- search results ----------------------------------------------------------------------------

    /**
     * Each successful trial as a point: the search metric against the parameter {@code param}
     * (a log axis for log-sampled parameters), the best trial marked.
     */
    public static JFreeChart searchResults(SearchResults results, String param, String title) {
        if (results == null) {
            throw new IllegalArgumentException("search chart: results is null");
        }
        Param p = results.space().param(param);
        if (p.kind() == Param.Kind.CHOICE) {
            throw new IllegalArgumentException("search chart: parameter '" + param + "' is a choice; chart a numeric one");
        }
        XYSeries all = new XYSeries("trial", false, true);
        XYSeries best = new XYSeries("best", false, true);
        Trial top = null;
        for (Trial t : results.ranked()) {
            if (!t.failed()) {
                top = top == null ? t : top;
                double x = t.params().get(param);
                (t == top ? best : all).add(x, t.metric(results.metric()));
            }
        }
        if (top == null) {
            throw new IllegalArgumentException("search chart: no successful trial to plot");
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(all);
        data.addSeries(best);
        ValueAxis x;
        boolean log = p.kind() == Param.Kind.LOG_UNIFORM || p.kind() == Param.Kind.INT_LOG_UNIFORM;
        if (log) {
            LogAxis la = new LogAxis(param + " (log scale)");
            la.setBase(10);
            la.setSmallestValue(1e-300);
            la.setNumberFormatOverride(logTickFormat());
            x = la;
        } else {
            NumberAxis na = new NumberAxis(param);
            na.setAutoRangeIncludesZero(false);
            x = na;
        }
        NumberAxis y = new NumberAxis(results.metric());
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, PALETTE[0]);
        r.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        r.setSeriesPaint(1, PALETTE[1]);
        r.setSeriesShape(1, new Rectangle2D.Double(-6, -6, 12, 12));
        XYPlot plot = new XYPlot(data, x, y, r);
        String t = title != null ? title : String.format(Locale.ROOT, "%s vs %s (%d trials)", results.metric(), param,
                results.trials().size());
        return style(new JFreeChart(t, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }
}
