package org.adjoint.proptest;

import java.util.List;
import org.adjoint.testing.OpSpec;

/** A family of op specs (one file per family keeps the declarations short). */
public interface SpecProvider {

    List<OpSpec> specs();
}
