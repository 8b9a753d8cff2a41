package org.adjoint.graph;

/**
 * Whether a run trains or evaluates. One graph serves both: an op may resolve differently per
 * mode ({@link Op#modeAlias}), e.g. dropout is the identity in {@link #EVAL}, and state updates
 * registered with {@link Graph#addUpdate} (running statistics) are applied only in {@link #TRAIN}.
 */
public enum RunMode {
    TRAIN,
    EVAL;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
