package org.adjoint.proptest;

import java.util.List;
import org.adjoint.ops.Add;

/** Specs of the foundation ops (arithmetic, matmul, shape plumbing, sums). */
final class CoreSpecs implements SpecProvider {

    @Override
    public List<OpSpec> specs() {
        return List.of(
                OpSpec.of("add", Add.class)
                        .inputs(rnd -> Gen.broadcastPair(rnd, -2, 2))
                        .build((o, in) -> o.add(in.get(0), in.get(1)))
                        .reference(in -> Ref.binary(in.get(0), in.get(1), (a, b) -> a + b))
                        .differentiable(0, 1)
                        .error("incompatible shapes",
                                o -> o.add(o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(4))),
                                "add '.*': shapes \\[2, 3\\] and \\[4\\] cannot be broadcast"));
    }
}
