package org.adjoint.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.graph.Shape;
import org.adjoint.ops.elementwise.Div;
import org.junit.jupiter.api.Test;

/** The choice encoding of {@link RandomGraph}, spelled out on fixed lists. */
class RandomGraphTest {

    /** A division spec with denominators away from zero. */
    private static final OpSpec DIV = OpSpec.of("div", Div.class)
            .inputs(rnd -> List.of(Gen.uniform(rnd, Shape.of(3, 5), -2, 2), Gen.awayFromZero(rnd, Shape.of(5), -2, 2, 0.5)))
            .build((o, in) -> o.div(in.get(0), in.get(1)))
            .reference(in -> Ref.binary(in.get(0), in.get(1), (a, b) -> a / b))
            .differentiable(0, 1);

    @Test
    void decodesInputsThenSteps() {
        // 2 inputs: x0 = [3, 5] (rank 2, digits 2, 3), w1 = [5] (rank 1, digit 3);
        // step add(x0, w1); step matmul(add, add) as add^T add
        RandomGraph g = RandomGraph.decode(List.of(1, 2 + 4 * (2 + 4 * 3), 1 + 4 * 3, 7, 0, 1, 0, 11, 2, 2, 0), 9);
        String d = g.toString();
        assertTrue(d.contains("x0 = placeholder() f64[3, 5]"), d);
        assertTrue(d.contains("w1 = variable() f64[5]"), d);
        assertTrue(d.contains("add = add(x0, w1) f64[3, 5]"), d);
        assertTrue(d.contains("matmul = matmul{transA}(add, add) f64[5, 5]"), d);
        assertTrue(d.contains("loss = sum{axes=all}(matmul) f64[]"), d);
        assertEquals(2, g.usedInputs().size());
    }

    @Test
    void specStepsWireAPoolNodeIntoTheSpecsOp() {
        // x0 = [3, 5]; step kind 17 (a spec step) picks spec param % specs.size() = 0: 'div'
        List<OpSpec> specs = List.of(DIV);
        RandomGraph g = RandomGraph.decode(List.of(0, 2 + 4 * (2 + 4 * 3), 17, 0, 0, 0), 1, specs);
        String d = g.toString();
        assertTrue(d.contains(" = div("), d);
        assertTrue(d.contains(" = tanh("), d); // x0, squashed (summed first when it does not broadcast)
        assertEquals(1, g.usedInputs().size(), d);
    }

    @Test
    void everyListDecodesToAGraph() {
        for (int seed = 0; seed < 200; seed++) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            Integer[] choices = new Integer[1 + rnd.nextInt(44)];
            for (int i = 0; i < choices.length; i++) {
                choices[i] = rnd.nextInt(RandomGraph.CHOICE_BOUND);
            }
            RandomGraph g = RandomGraph.decode(List.of(choices), seed, List.of(DIV, FaultyCube.spec(FaultyCube.Fault.NONE)));
            assertEquals(0, g.loss().shape().rank(), g.toString());
            assertTrue(!g.usedInputs().isEmpty(), g.toString());
        }
    }
}
