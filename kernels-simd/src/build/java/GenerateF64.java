import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates the F64 Vector API kernels (and their F64 tests) from the F32 sources at build time:
 * every {@code *F32.java} (or {@code *F32Test.java}) in the input directory becomes the
 * {@code *F64} twin in the output directory, stamped "generated - do not edit" — unless the input
 * directory already holds a hand-written {@code *F64} twin (where F64 differs by more than a few
 * lines: VectorMathF64's constants and polynomials), which is then compiled as it is.
 *
 * <p>Run by Maven (generate-sources / generate-test-sources of kernels-simd) with the JDK's
 * single-file source launcher:
 * {@code java GenerateF64.java (<input package dir> <output package dir>)...}.
 *
 * <p>The rewrite, line by line:
 * <ul>
 *   <li>a line with a trailing {@code // F64: text} comment becomes {@code text}, at the line's
 *       indentation (for the few places where F64 differs by more than its types);</li>
 *   <li>otherwise: {@code F32} becomes {@code F64} and {@code f32} {@code f64} (class and method
 *       names, labels), {@code FloatVector}/{@code Float}/{@code float} become
 *       {@code DoubleVector}/{@code Double}/{@code double}, {@code identityF} becomes
 *       {@code identityD}, and float literals ({@code 1f}, {@code 0.5f}, {@code 1e-8f}) lose their
 *       suffix ({@code 1.0}, {@code 0.5}, {@code 1e-8}).</li>
 * </ul>
 * The F32 sources are ordinary, compiled Java: a template is its own F32 kernel.
 */
public final class GenerateF64 {

    private static final Pattern MARKER = Pattern.compile("^(\\s*).*?//\\s*F64:\\s?(.*)$");
    private static final Pattern FLOAT_LITERAL =
            Pattern.compile("(?<![\\w.])((?:\\d+\\.\\d*|\\.\\d+|\\d+)(?:[eE][+-]?\\d+)?)[fF]\\b");

    private GenerateF64() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: java GenerateF64.java (<input package dir> <output package dir>)...");
        }
        for (int i = 0; i < args.length; i += 2) {
            generateAll(Path.of(args[i]), Path.of(args[i + 1]));
        }
    }

    private static void generateAll(Path in, Path out) throws IOException {
        Files.createDirectories(out);
        int count = 0;
        try (Stream<Path> files = Files.list(in)) {
            for (Path src : (Iterable<Path>) files.sorted()::iterator) {
                String name = src.getFileName().toString();
                if (!name.endsWith("F32.java") && !name.endsWith("F32Test.java")) {
                    continue;
                }
                if (Files.exists(in.resolve(name.replace("F32", "F64")))) {
                    continue; // a hand-written F64 twin sits beside it (e.g. VectorMathF64)
                }
                Path dst = out.resolve(name.replace("F32", "F64"));
                String text = generate(Files.readAllLines(src, StandardCharsets.UTF_8), name);
                // rewrite only on change, so that an unchanged build does not recompile
                if (!Files.exists(dst) || !Files.readString(dst, StandardCharsets.UTF_8).equals(text)) {
                    Files.writeString(dst, text, StandardCharsets.UTF_8);
                }
                count++;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        System.out.println("GenerateF64: " + count + " F64 sources in " + out);
    }

    /** The F64 twin of one F32 source. */
    static String generate(List<String> lines, String sourceName) {
        List<String> result = new ArrayList<>();
        result.add("// GENERATED from " + sourceName + " by kernels-simd/src/build/java/GenerateF64.java"
                + " - do not edit: change the F32 source.");
        for (String line : lines) {
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                result.add(marker.group(1) + marker.group(2));
            } else {
                result.add(rewrite(line));
            }
        }
        return String.join("\n", result) + "\n";
    }

    static String rewrite(String line) {
        String s = line.replace("F32", "F64")
                .replace("f32", "f64")
                .replace("FloatVector", "DoubleVector")
                .replace("identityF(", "identityD(");
        s = s.replaceAll("\\bFloat\\b", "Double").replaceAll("\\bfloat\\b", "double");
        Matcher m = FLOAT_LITERAL.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String number = m.group(1);
            boolean integral = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
            m.appendReplacement(sb, Matcher.quoteReplacement(integral ? number + ".0" : number));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
