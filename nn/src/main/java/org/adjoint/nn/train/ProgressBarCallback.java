package org.adjoint.nn.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Console progress of {@link Trainer#fit}: on a terminal, a bar per epoch (me.tongfei:progressbar)
 * with the running loss, examples per second and the ETA; otherwise (output redirected to a file or
 * a pipe, CI) one plain line per epoch:
 * {@code epoch 3/10  loss 0.4127  accuracy 0.8750  dev_loss 0.4410  dev_accuracy 0.8600  lr 0.00100  12345 ex/s  1.2 s  eta 0:08}
 * (the ETA assumes the remaining epochs take as long as this one).
 */
public final class ProgressBarCallback implements Callback {

    private final PrintStream out;
    private final boolean interactive;
    private int epochs;
    private ProgressBar bar;
    private long start;
    private long examples;
    private double lossSum;

    /** Progress on standard output; a bar only if it is a terminal. */
    public ProgressBarCallback() {
        this(System.out, isTerminal());
    }

    /** Progress on {@code out}; {@code interactive} chooses the bar over plain lines. */
    public ProgressBarCallback(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** Whether standard output is a terminal (JDK 22+: {@code Console.isTerminal()}; before: a console exists). */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;    // JDK < 22: a console exists only for a terminal
        }
    }

    @Override
    public void onTrainBegin(Trainer trainer, FitOptions options) {
        epochs = trainer.epochsDone() + options.epochs();
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch, int batches) {
        start = System.nanoTime();
        examples = 0;
        lossSum = 0;
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(200).continuousUpdate().build();
        }
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, int batch, int batchSize, double loss) {
        examples += batchSize;
        lossSum += loss * batchSize;
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f  %.0f ex/s", lossSum / examples, rate()));
        }
    }

    private double rate() {
        double seconds = (System.nanoTime() - start) / 1e9;
        return seconds > 0 ? examples / seconds : 0;
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
        String values = format(logs);
        if (bar != null) {
            bar.setExtraMessage(values);
            bar.close();
            bar = null;
        } else {
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "epoch %d/%d  %s  %.0f ex/s  %.1f s  eta %s%n", epoch, epochs, values, rate(),
                    seconds, eta(seconds * (epochs - epoch)));
        }
        out.flush();
    }

    @Override
    public void onTrainFailed(Trainer trainer, RuntimeException error) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.println("failed: " + error.getMessage());
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        if (history.stopReason() != null) {
            out.println("stopped: " + history.stopReason());
        }
    }

    /** Seconds as {@code m:ss} (or {@code h:mm:ss}). */
    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static String format(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            if (sb.length() > 0) {
                sb.append("  ");
            }
            sb.append(e.getKey()).append(' ');
            double v = e.getValue();
            sb.append(e.getKey().equals("lr") ? String.format(Locale.ROOT, "%.3g", v)
                    : String.format(Locale.ROOT, "%.4f", v));
        }
        return sb.toString();
    }
}
