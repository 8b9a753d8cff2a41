package org.adjoint.ops.fused;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.Shape;
import org.adjoint.graph.compile.PlanNode;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.elementwise.AddN;
import org.adjoint.ops.elementwise.ElementwiseBinary;
import org.adjoint.ops.elementwise.ElementwiseUnary;
import org.adjoint.ops.elementwise.UnaryGrad;

/**
 * Translates a group of elementwise plan nodes (in evaluation order, the group's output last)
 * into a {@link Program}: each node one instruction on virtual registers, operands outside the
 * group read through {@link Access} patterns (deduplicated), then registers allocated by
 * liveness and the last instruction written to the output.
 */
final class ProgramBuilder {

    /** One instruction before register allocation: operands are {@code >= 0} virtual register (instruction index), {@code -1-i} input i. */
    private static final class Instr {
        int code;
        UnaryOp unary;
        double alpha;
        BinaryOp binary;
        int[] args;

        Instr(int code, UnaryOp unary, double alpha, BinaryOp binary, int... args) {
            this.code = code;
            this.unary = unary;
            this.alpha = alpha;
            this.binary = binary;
            this.args = args;
        }
    }

    private final Shape out;
    private final int rows;
    private final int cols;
    private final List<Access> inputs = new ArrayList<>();
    private final List<Instr> code = new ArrayList<>();
    private final Map<PlanNode, Integer> regOf = new HashMap<>();

    ProgramBuilder(Shape out) {
        this.out = out;
        this.cols = Access.cols(out);
        this.rows = cols == 0 ? 0 : out.size() / cols;
    }

    /** Whether a node is an elementwise op a program can compute (add_n: of two or more inputs). */
    static boolean isElementwise(PlanNode n) {
        if (!n.isLeaf() && n.op() instanceof AddN && n.inputCount() < 2) {
            return false;
        }
        return !n.isLeaf() && n.dtype().isFloating()
                && (n.op() instanceof ElementwiseUnary || n.op() instanceof ElementwiseBinary
                        || n.op() instanceof UnaryGrad || n.op() instanceof AddN);
    }

    /** The operands of {@code n} whose values its kernel reads. */
    static List<PlanNode> readOperands(PlanNode n) {
        List<PlanNode> out = new ArrayList<>();
        for (int k = 0; k < n.inputCount(); k++) {
            if (n.op().readsValue(k)) {
                out.add(n.input(k));
            }
        }
        return out;
    }

    /** The input index of an access (deduplicated). */
    int input(Access a) {
        for (int i = 0; i < inputs.size(); i++) {
            Access b = inputs.get(i);
            if (b.source() == a.source() && b.off() == a.off() && b.rs() == a.rs() && b.cs() == a.cs()) {
                return i;
            }
        }
        inputs.add(a);
        return inputs.size() - 1;
    }

    private int operand(PlanNode p) {
        Integer r = regOf.get(p);
        if (r != null) {
            return r;
        }
        Access a = Access.of(p, out);
        if (a == null) {
            throw new IllegalStateException("operand " + p + " cannot be read by a fused program of shape " + out);
        }
        return -1 - input(a);
    }

    /** Appends the instruction of member {@code m} (its operands are members added before, or outside the group). */
    void add(PlanNode m) {
        if (m.op() instanceof AddN) {
            // the same sum in the same order: ((x0 + x1) + x2) + ...
            int acc = operand(m.input(0));
            for (int k = 1; k < m.inputCount(); k++) {
                acc = binary(BinaryOp.ADD, acc, operand(m.input(k)));
            }
            regOf.put(m, acc);
            return;
        }
        Instr ins;
        if (m.op() instanceof ElementwiseUnary) {
            ElementwiseUnary u = (ElementwiseUnary) m.op();
            ins = new Instr(Program.UNARY, u.kind(), u.alpha(), null, operand(m.input(0)));
        } else if (m.op() instanceof ElementwiseBinary) {
            ElementwiseBinary b = (ElementwiseBinary) m.op();
            ins = new Instr(Program.BINARY, null, 0, b.kind(), operand(m.input(0)), operand(m.input(1)));
        } else {
            ElementwiseUnary f = ((UnaryGrad) m.op()).function();
            int reads = ElementwiseKernels.backwardReads(f.kind());
            int x = (reads & 1) != 0 ? operand(m.input(0)) : Program.NONE;
            int y = (reads & 2) != 0 ? operand(m.input(1)) : Program.NONE;
            ins = new Instr(Program.UNARY_GRAD, f.kind(), f.alpha(), null, x, y, operand(m.input(2)));
        }
        regOf.put(m, code.size());
        code.add(ins);
    }

    private int binary(BinaryOp op, int a, int b) {
        code.add(new Instr(Program.BINARY, null, 0, op, a, b));
        return code.size() - 1;
    }

    /** The inputs' sources, in input order (the fused node's inputs). */
    List<PlanNode> sources() {
        List<PlanNode> s = new ArrayList<>();
        for (Access a : inputs) {
            s.add(a.source());
        }
        return s;
    }

    List<Access> accesses() {
        return inputs;
    }

    /** The input index at which {@code source} is read whole and element-aligned, or -1. */
    int alignedInput(PlanNode source) {
        for (int i = 0; i < inputs.size(); i++) {
            Access a = inputs.get(i);
            if (a.source() == source && a.off() == 0 && a.cs() == 1 && (a.rs() == cols || rows == 1)
                    && source.shape().size() == out.size()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * If an {@code add} reads input {@code c} and another aligned input x, and neither is read
     * anywhere else: removes that instruction (its value becomes input c, which the caller
     * computes as {@code c + x} before the program runs, a GEMM with beta = 1) and returns x's
     * input index; else -1.
     */
    int foldAccumulation(int c) {
        int cRef = -1 - c;
        for (int j = 0; j < code.size(); j++) {
            Instr ins = code.get(j);
            if (ins.code != Program.BINARY || ins.binary != BinaryOp.ADD) {
                continue;
            }
            int other = ins.args[0] == cRef ? ins.args[1] : ins.args[1] == cRef ? ins.args[0] : 0;
            if (other >= 0 || other == cRef) {
                continue;
            }
            int x = -1 - other;
            Access xa = inputs.get(x);
            if (alignedInput(xa.source()) != x || uses(cRef) != 1 || uses(other) != 1) {
                continue;
            }
            // every later reference to this instruction's register now reads c
            code.remove(j);
            for (Instr later : code) {
                for (int k = 0; k < later.args.length; k++) {
                    if (later.args[k] == j) {
                        later.args[k] = cRef;
                    } else if (later.args[k] > j) {
                        later.args[k]--;
                    }
                }
            }
            return x;
        }
        return -1;
    }

    private int uses(int ref) {
        int n = 0;
        for (Instr ins : code) {
            for (int a : ins.args) {
                if (a == ref) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Whether any instruction is left (an accumulation alone leaves none). */
    boolean isEmpty() {
        return code.isEmpty();
    }

    /**
     * The program: strided inputs read by flat kernels are loaded into registers first;
     * registers are reused once their last reader has run (an instruction may write the register
     * it reads: the kernels allow exact overlap); the last instruction writes the output.
     */
    Program build() {
        // expand loads and renumber: final instruction list with virtual registers
        List<Instr> list = new ArrayList<>();
        int[] newIndex = new int[code.size()];
        for (int j = 0; j < code.size(); j++) {
            Instr ins = code.get(j);
            int[] args = ins.args.clone();
            for (int k = 0; k < args.length; k++) {
                if (args[k] >= 0) {
                    args[k] = newIndex[args[k]];
                } else if (args[k] != Program.NONE && ins.code != Program.BINARY && !contiguous(-1 - args[k])) {
                    list.add(new Instr(Program.LOAD, null, 0, null, args[k]));
                    args[k] = list.size() - 1;
                }
            }
            newIndex[j] = list.size();
            list.add(new Instr(ins.code, ins.unary, ins.alpha, ins.binary, args));
        }
        int n = list.size();
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int j = 0; j < n; j++) {
            for (int a : list.get(j).args) {
                if (a >= 0) {
                    lastUse[a] = j;
                }
            }
        }
        int[] phys = new int[n];
        boolean[] busy = new boolean[n + 1];
        int registers = 0;
        int[] dst = new int[n];
        int[][] args = new int[n][];
        int[] codes = new int[n];
        UnaryOp[] unary = new UnaryOp[n];
        double[] alpha = new double[n];
        BinaryOp[] binary = new BinaryOp[n];
        for (int j = 0; j < n; j++) {
            Instr ins = list.get(j);
            args[j] = ins.args.clone();
            for (int k = 0; k < args[j].length; k++) {
                int a = args[j][k];
                if (a >= 0) {
                    args[j][k] = phys[a];
                    if (lastUse[a] == j) {
                        busy[phys[a]] = false;      // free before the result is placed
                    }
                }
            }
            if (j == n - 1) {
                dst[j] = Program.OUT;
            } else {
                int r = 0;
                while (busy[r]) {
                    r++;
                }
                busy[r] = lastUse[j] > j;
                phys[j] = r;
                dst[j] = r;
                registers = Math.max(registers, r + 1);
            }
            codes[j] = ins.code;
            unary[j] = ins.unary;
            alpha[j] = ins.alpha;
            binary[j] = ins.binary;
        }
        int m = inputs.size();
        int[] off = new int[m];
        int[] rs = new int[m];
        int[] cs = new int[m];
        for (int i = 0; i < m; i++) {
            off[i] = inputs.get(i).off();
            rs[i] = inputs.get(i).rs();
            cs[i] = inputs.get(i).cs();
        }
        return new Program(rows, cols, off, rs, cs, codes, unary, alpha, binary, args, dst, registers);
    }

    private boolean contiguous(int i) {
        Access a = inputs.get(i);
        return a.cs() == 1 && (a.rs() == cols || rows == 1);
    }
}
