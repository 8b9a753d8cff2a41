package org.adjoint.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's PNG charts (JFreeChart, headless): GFLOP/s against size for GEMM with the peer
 * and the machine's peak, time per step for the training-step group, and an overview of every
 * ratio to a peer. Error bars are the 99.9 % intervals (times) or the range over rounds (ratios).
 */
final class Charts {

    static final Color OURS = new Color(0x1f, 0x77, 0xb4);
    static final Color PEER = new Color(0xff, 0x7f, 0x0e);
    static final Color PEAK = new Color(0x55, 0x55, 0x55);
    static final Color FASTER = new Color(0x2c, 0xa0, 0x2c);
    static final Color SLOWER = new Color(0xd6, 0x27, 0x28);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * GFLOP/s against the size N of the square GEMM points ({@code sqN}) with one thread count,
     * ours and the peer with 99.9 % error bars, and the peak line for that many cores.
     *
     * @return false (nothing written) if there is no square point with that thread count
     */
    static boolean gemm(List<RunResults.PointData> points, String threads, String peerName, double peakPerCore,
            String subtitle, Path file) throws IOException {
        YIntervalSeries ours = new YIntervalSeries("ours (Adjoint)");
        YIntervalSeries peer = new YIntervalSeries(peerName == null ? "peer" : peerName);
        double minN = Double.MAX_VALUE;
        double maxN = 0;
        for (RunResults.PointData d : points) {
            String shape = d.point().params().get("shape");
            OptionalInt n = GemmShapes.squareSize(shape);
            if (n.isEmpty() || !threads.equals(d.point().params().getOrDefault("threads", "1")) || !d.hasOurs()) {
                continue;
            }
            double flops = GemmShapes.flops(shape).getAsDouble();
            minN = Math.min(minN, n.getAsInt());
            maxN = Math.max(maxN, n.getAsInt());
            addGflops(ours, n.getAsInt(), flops, d.ours());
            Estimate p = d.peerEstimate();
            if (p != null) {
                addGflops(peer, n.getAsInt(), flops, p);
            }
        }
        if (ours.getItemCount() == 0) {
            return false;
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(ours);
        if (peer.getItemCount() > 0) {
            data.addSeries(peer);
        }
        LogAxis x = new LogAxis("matrix size N (N x N times N x N, F32)");
        x.setBase(2);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        x.setRange(minN / 1.3, maxN * 1.3);
        NumberAxis y = new NumberAxis("GFLOP/s (2N\u00b3 / time), higher is better");
        y.setAutoRangeIncludesZero(true);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setCapLength(6);
        r.setErrorStroke(new BasicStroke(1.2f));
        r.setSeriesPaint(0, OURS);
        r.setSeriesPaint(1, PEER);
        r.setSeriesStroke(0, new BasicStroke(2.2f));
        r.setSeriesStroke(1, new BasicStroke(2.2f));
        XYPlot plot = new XYPlot(data, x, y, r);
        int cores = Integer.parseInt(threads);
        if (!Double.isNaN(peakPerCore)) {
            double peak = peakPerCore * cores;
            ValueMarker marker = new ValueMarker(peak, PEAK, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
            marker.setLabel(String.format(Locale.ROOT, "nominal peak at the cpuinfo clock, %d core%s: %.0f", cores, cores == 1 ? "" : "s",
                    peak));
            marker.setLabelFont(SUBTITLE);
            // below the line at the small sizes, where measured throughput is lowest
            marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_LEFT);
            marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 220));
            marker.setLabelOffset(new RectangleInsets(2, 6, 2, 2));
            plot.addRangeMarker(marker);
            y.setUpperBound(Math.max(peak * 1.12, maxUpper(data) * 1.05));
            y.setAutoRange(false);
            y.setLowerBound(0);
        }
        style(plot.getDomainAxis(), plot.getRangeAxis());
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("SGEMM, " + threads + " thread" + (cores == 1 ? "" : "s"), TITLE, plot, true);
        finish(chart, subtitle);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 540);
        return true;
    }

    private static void addGflops(YIntervalSeries s, int n, double flops, Estimate t) {
        double g = GemmShapes.gflops(flops, t.mean());
        // a longer time is a lower throughput: the interval's ends swap
        s.add(n, g, GemmShapes.gflops(flops, t.upper()), GemmShapes.gflops(flops, t.lower()));
    }

    private static double maxUpper(YIntervalSeriesCollection data) {
        double max = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                max = Math.max(max, data.getEndYValue(s, i));
            }
        }
        return max;
    }

    /**
     * Time per step of each point (ours and the peer, 99.9 % error bars), on a log axis since an
     * overhead-bound toy network and a GEMM-bound MLP differ by orders of magnitude.
     *
     * @return false if no point has a time
     */
    static boolean steps(List<RunResults.PointData> points, String peerName, String subtitle, Path file)
            throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        String oursKey = "ours (Adjoint)";
        String peerKey = peerName == null ? "peer" : peerName;
        double min = Double.MAX_VALUE;
        int maxParams = 0;
        for (RunResults.PointData d : points) {
            if (!d.hasOurs()) {
                continue;
            }
            String category = stepLabel(d.point());
            maxParams = Math.max(maxParams, d.point().params().size());
            Estimate o = d.ours();
            data.add(o.mean(), o.hasError() ? o.error() : 0, oursKey, category);
            min = Math.min(min, o.mean());
            Estimate p = d.peerEstimate();
            if (p != null) {
                data.add(p.mean(), p.hasError() ? p.error() : 0, peerKey, category);
                min = Math.min(min, p.mean());
            }
        }
        if (data.getColumnCount() == 0) {
            return false;
        }
        double base = Math.pow(10, Math.floor(Math.log10(min / 2)));
        LogAxis y = new LogAxis("time per training step (\u00b5s, log scale), lower is better");
        y.setBase(10);
        y.setTickUnit(new NumberTickUnit(1));
        y.setMinorTickCount(9);
        y.setMinorTickMarksVisible(true);
        y.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###"));
        y.setSmallestValue(base);
        y.setLowerBound(base);
        y.setAutoRange(true);
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setBase(base);   // NOTE: bars on a log axis need a positive base
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, OURS);
        r.setSeriesPaint(1, PEER);
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setItemMargin(0.05);
        r.setDefaultItemLabelGenerator(new MicrosLabels());
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        r.setDefaultItemLabelPaint(Color.WHITE);
        r.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
                org.jfree.chart.labels.ItemLabelAnchor.INSIDE6, org.jfree.chart.ui.TextAnchor.BOTTOM_CENTER));
        r.setItemLabelAnchorOffset(6);
        CategoryAxis x = new CategoryAxis("network (JMH benchmark and parameters); error bars: 99.9 % intervals");
        // the benchmark's name, then one parameter per line: every parameter must stay readable
        x.setMaximumCategoryLabelLines(1 + maxParams);
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        style(x, y);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Training step, ours and " + peerKey, TITLE, plot, true);
        finish(chart, subtitle);
        // NOTE: JFreeChart wraps a label by words within its category's width and cuts what
        // does not fit with "..."; ~150 px per category keeps "threads=2" and "step=fwdbwd" whole
        ChartUtils.saveChartAsPNG(file.toFile(), chart, Math.max(900, 150 * data.getColumnCount()), 540 + 16 * maxParams);
        return true;
    }

    private static String stepLabel(Point p) {
        String cls = p.shortName();
        int dot = cls.indexOf('.');
        String name = dot > 0 ? cls.substring(0, dot) : cls;
        name = name.replaceFirst("Bench$", "");
        return p.params().isEmpty() ? name : name + " " + p.paramString();
    }

    /**
     * Every point compared with a peer: the median over rounds of peer time / our time as a
     * horizontal bar from 1 (green: we are faster, red: slower), the range over rounds as a
     * whisker, on a log axis so that 2x faster and 2x slower are equally long.
     *
     * @return false if no point has a ratio
     */
    static boolean overview(List<RunResults.PointData> points, String subtitle, Path file) throws IOException {
        DefaultCategoryDataset medians = new DefaultCategoryDataset();
        Map<String, double[]> ranges = new TreeMap<>();
        List<String> order = new ArrayList<>();
        double lo = 1;
        double hi = 1;
        for (RunResults.PointData d : points) {
            double[] s = d.speedups();
            if (s.length == 0) {
                continue;
            }
            double med = RunResults.median(s);
            double min = java.util.Arrays.stream(s).min().getAsDouble();
            double max = java.util.Arrays.stream(s).max().getAsDouble();
            String label = d.point().label() + " vs " + d.peer() + ":  " + Format.ratio(med) + (s.length > 1
                    ? "  [" + Format.ratio(min) + "\u2013" + Format.ratio(max) + "]" : "");
            medians.addValue(med, "median", label);
            ranges.put(label, new double[] {min, max});
            order.add(label);
            lo = Math.min(lo, min);
            hi = Math.max(hi, max);
        }
        if (order.isEmpty()) {
            return false;
        }
        LogAxis y = new LogAxis("speedup = peer time / our time (log scale): > 1 means Adjoint is faster");
        y.setBase(2);
        y.setTickUnit(new NumberTickUnit(hi / lo > 300 ? 2 : 1));
        y.setNumberFormatOverride(new java.text.DecimalFormat("0.#####"));
        y.setRange(lo / 1.5, hi * 1.5);
        BarRenderer r = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                Number v = medians.getValue(row, column);
                return v != null && v.doubleValue() >= 1 ? FASTER : SLOWER;
            }
        };
        r.setBase(1.0);
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.6);
        CategoryAxis x = new CategoryAxis(null);
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        x.setMaximumCategoryLabelWidthRatio(0.6f);
        CategoryPlot plot = new CategoryPlot(medians, x, y, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        // whiskers: min..max over rounds, drawn by a second renderer over the same categories
        DefaultCategoryDataset whiskers = new DefaultCategoryDataset();
        for (String label : order) {
            whiskers.addValue(ranges.get(label)[0], "min over rounds", label);
            whiskers.addValue(ranges.get(label)[1], "max over rounds", label);
        }
        org.jfree.chart.renderer.category.MinMaxCategoryRenderer w =
                new org.jfree.chart.renderer.category.MinMaxCategoryRenderer();
        w.setDrawLines(false);
        w.setObjectIcon(new WhiskerEnd());
        w.setMinIcon(new WhiskerEnd());
        w.setMaxIcon(new WhiskerEnd());
        w.setGroupPaint(Color.BLACK);
        w.setGroupStroke(new BasicStroke(1.5f));
        w.setSeriesPaint(0, Color.BLACK);
        w.setSeriesPaint(1, Color.BLACK);
        w.setDefaultSeriesVisibleInLegend(false);
        plot.setDataset(1, whiskers);
        plot.setRenderer(1, w);
        plot.addRangeMarker(new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.2f)));
        style(x, y);
        x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Adjoint vs peers: speedup per benchmark (median over rounds, whisker = range)",
                TITLE, plot, false);
        finish(chart, subtitle);
        int height = Math.max(300, 110 + 26 * order.size());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, height);
        return true;
    }

    /** Item labels: the value as a time with three significant digits. */
    private static final class MicrosLabels implements org.jfree.chart.labels.CategoryItemLabelGenerator {
        @Override
        public String generateRowLabel(org.jfree.data.category.CategoryDataset dataset, int row) {
            return String.valueOf(dataset.getRowKey(row));
        }

        @Override
        public String generateColumnLabel(org.jfree.data.category.CategoryDataset dataset, int column) {
            return String.valueOf(dataset.getColumnKey(column));
        }

        @Override
        public String generateLabel(org.jfree.data.category.CategoryDataset dataset, int row, int column) {
            Number v = dataset.getValue(row, column);
            return v == null ? null : Format.us(v.doubleValue()) + " \u00b5s";
        }
    }

    /** A whisker's end: a short line across the whisker (the chart is horizontal). */
    private static final class WhiskerEnd implements javax.swing.Icon {
        @Override
        public void paintIcon(java.awt.Component c, java.awt.Graphics g, int x, int y) {
            java.awt.Graphics2D g2 = (java.awt.Graphics2D) g;
            g2.setPaint(Color.BLACK);
            g2.setStroke(new BasicStroke(1.5f));
            g2.drawLine(x + 3, y - 2, x + 3, y + 8);
        }

        @Override
        public int getIconWidth() {
            return 7;
        }

        @Override
        public int getIconHeight() {
            return 7;
        }
    }

    private static void style(org.jfree.chart.axis.Axis x, org.jfree.chart.axis.Axis y) {
        for (org.jfree.chart.axis.Axis a : new org.jfree.chart.axis.Axis[] {x, y}) {
            a.setLabelFont(LABEL);
            a.setTickLabelFont(TICK);
        }
    }

    private static void finish(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null && !subtitle.isBlank()) {
            TextTitle t = new TextTitle(subtitle, SUBTITLE);
            chart.addSubtitle(t);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LABEL);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
    }

    /** GFLOP/s of a GEMM point's time, if its shape is known. */
    static OptionalDouble gflops(Point p, double us) {
        OptionalDouble f = GemmShapes.flops(p.params().get("shape"));
        return f.isPresent() ? OptionalDouble.of(GemmShapes.gflops(f.getAsDouble(), us)) : OptionalDouble.empty();
    }
}
