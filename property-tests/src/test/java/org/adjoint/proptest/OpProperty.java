package org.adjoint.proptest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * A property over all op specs: jqwik draws a {@code long} seed per try; every spec is checked on
 * a seed derived from it and its name (see {@link SpecRunner}).
 *
 * <p>The jqwik seed is fixed so that CI is reproducible; tries come from
 * {@code jqwik.tries.default} (set by Maven from {@code -Dadjoint.tries}, ten times more with
 * {@code -Pdeep}). Shrinking is off: a smaller seed does not mean smaller inputs; a failure
 * prints the spec and the derived seed, which replays it exactly.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Property(seed = OpProperty.SEED, shrinking = ShrinkingMode.OFF)
public @interface OpProperty {

    /** The fixed jqwik seed of the spec properties. */
    String SEED = "20261125";
}
