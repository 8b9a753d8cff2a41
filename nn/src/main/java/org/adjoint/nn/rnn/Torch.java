package org.adjoint.nn.rnn;

import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/** Copies PyTorch-layout weights into a cell's variables (transposed, or two biases summed). */
final class Torch {

    private Torch() {
    }

    /** {@code variable [in, out] = torch [out, in]ᵀ}. */
    static void loadTransposed(RecurrentCell cell, String what, Tensor torch, Node variable) {
        Shape vs = variable.shape();
        Shape expected = Shape.of(vs.dim(1), vs.dim(0));
        if (torch == null || !torch.shape().equals(expected)) {
            throw new IllegalArgumentException(cell.kind() + " '" + cell.name() + "': " + what + " must be " + expected
                    + " for '" + variable.name() + "' " + vs + ", got " + (torch == null ? "null" : torch.shape()));
        }
        Tensor value = variable.value();
        int rows = vs.dim(0);
        int cols = vs.dim(1);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                value.setDouble(r * cols + c, torch.getDouble(c * rows + r));
            }
        }
    }

    /** {@code variable = a + b} (PyTorch keeps an input and a hidden bias). */
    static void loadSum(RecurrentCell cell, String whatA, Tensor a, String whatB, Tensor b, Node variable) {
        check(cell, whatA, a, variable);
        check(cell, whatB, b, variable);
        Tensor value = variable.value();
        for (int i = 0; i < value.size(); i++) {
            value.setDouble(i, a.getDouble(i) + b.getDouble(i));
        }
    }

    /** {@code variable = torch} (same shape). */
    static void load(RecurrentCell cell, String what, Tensor torch, Node variable) {
        check(cell, what, torch, variable);
        variable.value().copyFrom(torch.dtype() == variable.dtype() ? torch : torch.cast(variable.dtype()));
    }

    private static void check(RecurrentCell cell, String what, Tensor t, Node variable) {
        if (t == null || !t.shape().equals(variable.shape())) {
            throw new IllegalArgumentException(cell.kind() + " '" + cell.name() + "': " + what + " must be "
                    + variable.shape() + " for '" + variable.name() + "', got " + (t == null ? "null" : t.shape()));
        }
    }
}
