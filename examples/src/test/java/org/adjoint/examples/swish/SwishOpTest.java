package org.adjoint.examples.swish;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpCheck;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.OpSpecSuite;
import org.adjoint.testing.Ref;
import org.junit.jupiter.api.Test;

/**
 * An external project checking its own op with the published kit (adjoint-testing): the suite
 * runs every check on the correct swish, and a deliberately wrong gradient is caught by exactly
 * the check that looks at it, with a replay line pointing back here.
 */
class SwishOpTest extends OpSpecSuite {

    static OpSpec spec(String name, boolean correct) {
        return OpSpec.of(name, Swish.class)
                .inputs(rnd -> List.of(Gen.uniform(rnd, Gen.shape(rnd, 0, 3), -4, 4)))
                .build((o, in) -> o.apply(new Swish(correct), in.get(0)))
                .reference(in -> Ref.unary(in.get(0), x -> x / (1 + Math.exp(-x))))
                .differentiable(0)
                .error("integer input", o -> o.apply(new Swish(correct), o.constant(Tensor.zeros(DType.I32, Shape.of(3)))),
                        "^swish '.*': input 0 must be f32 or f64, got i32\\[3\\]$");
    }

    @Override
    protected List<OpSpec> specs() {
        return List.of(spec("swish", true));
    }

    @Test
    void aWrongGradientIsCaughtByTheFirstOrderCheck() {
        OpSpec wrong = spec("swish(wrong gradient)", false);
        for (long seed = 1; seed <= 5; seed++) {
            long s = seed;
            OpCheck.forward(wrong, s);     // the value is right...
            AssertionError e = assertThrows(AssertionError.class, () -> OpCheck.firstOrder(wrong, s));
            String msg = e.getMessage();
            assertTrue(msg.startsWith("[firstOrder] spec 'swish(wrong gradient)', seed " + s + "L"), msg);
            assertTrue(msg.contains("GradCheck FAILED"), msg);
            assertTrue(msg.contains("replay: OpCheck.firstOrder(spec, " + s + "L) with spec 'swish(wrong gradient)' "
                    + "declared at org.adjoint.examples.swish.SwishOpTest.spec(SwishOpTest.java:"), msg);
        }
    }
}
