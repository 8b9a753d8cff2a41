package org.adjoint.kernels;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Picks the process-wide {@link Kernels} once, on first use.
 *
 * <p>{@code -Dadjoint.kernels=panama} demands the Vector API implementation,
 * {@code -Dadjoint.kernels=scalar} the scalar twins; unset picks the Vector API when the
 * {@code jdk.incubator.vector} module is readable and otherwise falls back to scalar with one
 * log line that names the fix. Any other value is an error.
 */
public final class KernelProvider {

    /** System property that selects the implementation. */
    public static final String PROPERTY = "adjoint.kernels";

    private KernelProvider() {
    }

    /**
     * The selected kernels.
     *
     * @throws IllegalStateException if {@code adjoint.kernels} has an unknown value, or asks for
     *     {@code panama} while the Vector API module is not readable
     */
    public static Kernels get() {
        if (Holder.ERROR != null) {
            throw new IllegalStateException(Holder.ERROR);
        }
        return Holder.KERNELS;
    }

    /** The scalar twins, always available (the test oracle). */
    public static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** Whether the Vector API module is readable in this JVM. */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * Loads the Vector API kernels reflectively, so that this class links even when the module
     * is absent.
     */
    static Kernels loadPanama() throws ReflectiveOperationException {
        Class<?> cls = Class.forName("org.adjoint.kernels.PanamaKernels");
        var ctor = cls.getDeclaredConstructor();
        ctor.setAccessible(true);
        try {
            return (Kernels) ctor.newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            // a bad -Dadjoint.vectorBits is the user's error, never a reason to fall back silently
            if (badSetting(e.getCause()) != null) {
                throw new IllegalStateException(badSetting(e.getCause()), e.getCause());
            }
            throw e;
        }
    }

    /** The message of an IllegalArgumentException behind a failed class initialization, else null. */
    private static String badSetting(Throwable t) {
        Throwable cause = t instanceof ExceptionInInitializerError ? t.getCause() : t;
        return cause instanceof IllegalArgumentException ? cause.getMessage() : null;
    }

    /**
     * The selection rule, separated from the holder so that it can be tested with any property
     * value: {@code requested} is the raw value of {@code -Dadjoint.kernels} (null when unset).
     *
     * @throws IllegalStateException for an unknown value, or {@code panama} without the module
     */
    static Kernels select(String requested, boolean vectorApiAvailable) {
        String value = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        System.Logger log = System.getLogger(KernelProvider.class.getName());
        switch (value) {
            case "scalar":
                return ScalarKernels.INSTANCE;
            case "panama":
                if (!vectorApiAvailable) {
                    throw new IllegalStateException("-Dadjoint.kernels=panama but module jdk.incubator.vector is not "
                            + "readable: add --add-modules jdk.incubator.vector to the java command");
                }
                try {
                    return loadPanama();
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new IllegalStateException("-Dadjoint.kernels=panama but the Vector API kernels failed to load: "
                            + e, e);
                }
            case "":
                if (!vectorApiAvailable) {
                    log.log(Level.WARNING, "jdk.incubator.vector is not readable; using scalar kernels. "
                            + "Add --add-modules jdk.incubator.vector to the java command for SIMD kernels.");
                    return ScalarKernels.INSTANCE;
                }
                try {
                    return loadPanama();
                } catch (ReflectiveOperationException | LinkageError e) {
                    log.log(Level.WARNING, "Vector API kernels failed to load (" + e + "); using scalar kernels");
                    return ScalarKernels.INSTANCE;
                }
            default:
                throw new IllegalStateException("unknown value for -Dadjoint.kernels: '" + requested
                        + "' (expected scalar or panama)");
        }
    }

    private static final class Holder {
        static final Kernels KERNELS;
        static final String ERROR;

        static {
            Kernels chosen = null;
            String error = null;
            try {
                chosen = select(System.getProperty(PROPERTY), vectorApiAvailable());
            } catch (IllegalStateException e) {
                error = e.getMessage();
            }
            KERNELS = chosen;
            ERROR = error;
        }
    }
}
