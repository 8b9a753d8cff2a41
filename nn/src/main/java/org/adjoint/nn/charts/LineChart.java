package org.adjoint.nn.charts;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A line chart of named series (cost curves, learning curves), rendered by JFreeChart.
 *
 * <pre>{@code
 * LineChart.titled("Cost").xLabel("epoch").yLabel("cost")
 *         .series("train", trainCost).series("dev", devCost)
 *         .save(Path.of("cost.png"), 800, 500);
 * }</pre>
 */
public final class LineChart {

    static {
        Charts.init();
    }

    private record Series(String name, double[] x, double[] y, boolean dashed) {
    }

    private final String title;
    private String xLabel = "x";
    private String yLabel = "y";
    private boolean logY;
    private boolean shapes;
    private final List<Series> series = new ArrayList<>();

    private LineChart(String title) {
        this.title = title == null ? "" : title;
    }

    public static LineChart titled(String title) {
        return new LineChart(title);
    }

    public LineChart xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    public LineChart yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    /** A logarithmic y axis (every value must then be positive). */
    public LineChart logY(boolean on) {
        this.logY = on;
        return this;
    }

    /** Marks each point with a shape (for short series). */
    public LineChart shapes(boolean on) {
        this.shapes = on;
        return this;
    }

    /** A series over x = 1, 2, ..., n (epochs). */
    public LineChart series(String name, double[] y) {
        if (y == null) {
            throw new IllegalArgumentException("line chart '" + title + "': series '" + name + "' is null");
        }
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return series(name, x, y);
    }

    /** A series of points (x[i], y[i]); NaN values are left out (a gap). */
    public LineChart series(String name, double[] x, double[] y) {
        return add(name, x, y, false);
    }

    /** A dashed series (e.g. the dev curve next to the solid train curve of the same colour family). */
    public LineChart dashedSeries(String name, double[] x, double[] y) {
        return add(name, x, y, true);
    }

    private LineChart add(String name, double[] x, double[] y, boolean dashed) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("line chart '" + title + "': series name must be non-empty");
        }
        if (x == null || y == null) {
            throw new IllegalArgumentException("line chart '" + title + "': series '" + name + "' has a null array");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("line chart '" + title + "': series '" + name + "' has x.length="
                    + x.length + " but y.length=" + y.length);
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("line chart '" + title + "': series '" + name + "' is empty");
        }
        for (Series s : series) {
            if (s.name().equals(name)) {
                throw new IllegalArgumentException("line chart '" + title + "': series '" + name + "' added twice");
            }
        }
        series.add(new Series(name, x.clone(), y.clone(), dashed));
        return this;
    }

    /**
     * The chart.
     *
     * @throws IllegalArgumentException without series, or with a non-positive value on a log axis
     *     (naming the series and the point)
     */
    public JFreeChart build() {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("line chart '" + title + "': no series");
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isNaN(s.y()[i]) || Double.isNaN(s.x()[i])) {
                    continue;
                }
                if (logY && !(s.y()[i] > 0)) {
                    throw new IllegalArgumentException("line chart '" + title + "': series '" + s.name() + "' has y["
                            + i + "]=" + s.y()[i] + ", not positive, on a log y axis");
                }
                xy.add(s.x()[i], s.y()[i]);
            }
            data.addSeries(xy);
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        double maxAbs = 0;
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                }
            }
        }
        ValueAxis y;
        if (logY) {
            LogAxis la = new LogAxis(yLabel + " (log scale)");
            la.setSmallestValue(1e-12);
            la.setNumberFormatOverride(Charts.logTickFormat());
            la.setAutoRangeMinimumSize(Math.max(1e-9, 0.02 * maxAbs));
            y = la;
        } else {
            NumberAxis na = new NumberAxis(yLabel);
            na.setAutoRangeIncludesZero(false);
            // NOTE: a flat series (a cost stuck at ln 2) would get a range of ~1e-8 and a column of equal labels
            na.setAutoRangeMinimumSize(Math.max(1e-9, 0.02 * maxAbs));
            y = na;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, Charts.color(i));
            float[] dash = series.get(i).dashed() ? new float[] {6f, 4f} : null;
            r.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0f));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        return Charts.style(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /** Renders to a PNG file of {@code width} × {@code height} pixels (parent folders created). */
    public Path save(Path file, int width, int height) {
        return Charts.save(build(), file, width, height);
    }
}
