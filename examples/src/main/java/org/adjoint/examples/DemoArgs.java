package org.adjoint.examples;

import java.nio.file.Path;

/**
 * The command-line options every demo takes: {@code --seed N} (default 1) and {@code --out DIR}
 * (default {@code target/demos/<demo>}), plus {@code --quick} (fewer epochs and trials: a smoke
 * run for tests).
 */
public record DemoArgs(long seed, Path out, boolean quick) {

    public static DemoArgs parse(String demo, String[] args) {
        long seed = 1;
        Path out = Path.of("target", "demos", demo);
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed":
                    seed = Long.parseLong(value(args, ++i, "--seed"));
                    break;
                case "--out":
                    out = Path.of(value(args, ++i, "--out"));
                    break;
                case "--quick":
                    quick = true;
                    break;
                default:
                    throw new IllegalArgumentException(demo + ": unknown option '" + args[i]
                            + "'; options: --seed N, --out DIR, --quick");
            }
        }
        return new DemoArgs(seed, out.toAbsolutePath().normalize(), quick);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** A file in the output folder. */
    public Path file(String name) {
        return out.resolve(name);
    }
}
