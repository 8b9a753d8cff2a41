package org.adjoint.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JMH benchmark class that has no peer on purpose, with the reason and what it is
 * compared with instead; bench/run-all.sh puts the reason in its report (Notes) and in
 * {@code --list}, so the missing peer reads as a decision rather than a gap in bench/peers.txt.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NoPeer {

    /** Why there is no peer and which of the benchmark's own points is the baseline. */
    String value();
}
