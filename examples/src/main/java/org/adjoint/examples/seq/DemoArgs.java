package org.adjoint.examples.seq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.adjoint.nn.train.History;

/** The command line of the sequence demos: {@code --seed N}, {@code --epochs N}, {@code --out DIR}. */
final class DemoArgs {

    final long seed;
    final int epochs;
    final Path out;

    private DemoArgs(long seed, int epochs, Path out) {
        this.seed = seed;
        this.epochs = epochs;
        this.out = out;
    }

    static DemoArgs parse(String[] args, String name, int defaultEpochs) {
        long seed = 1;
        int epochs = defaultEpochs;
        Path out = Path.of("target", "demo-output", name);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length && !a.equals("--help")) {
                throw new IllegalArgumentException(name + ": option " + a + " needs a value; usage: " + usage());
            }
            switch (a) {
                case "--seed":
                    seed = Long.parseLong(args[++i]);
                    break;
                case "--epochs":
                    epochs = Integer.parseInt(args[++i]);
                    if (epochs < 1) {
                        throw new IllegalArgumentException(name + ": --epochs must be >= 1, got " + epochs);
                    }
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--help":
                    System.out.println("usage: " + usage());
                    System.exit(0);
                    break;
                default:
                    throw new IllegalArgumentException(name + ": unknown option " + a + "; usage: " + usage());
            }
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + out.toAbsolutePath(), e);
        }
        return new DemoArgs(seed, epochs, out);
    }

    private static String usage() {
        return "[--seed N] [--epochs N] [--out DIR]";
    }

    /** Writes a history as CSV (epoch, then one column per series). */
    static void writeHistory(Path file, History h) {
        List<String> names = new ArrayList<>(h.names());
        StringBuilder sb = new StringBuilder("epoch");
        for (String n : names) {
            sb.append(',').append(n);
        }
        sb.append('\n');
        for (int i = 0; i < h.size(); i++) {
            sb.append(h.epochs().get(i));
            for (String n : names) {
                Double v = h.epochLogs(i).get(n);
                sb.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.6f", v));
            }
            sb.append('\n');
        }
        write(file, sb.toString());
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
    }
}
