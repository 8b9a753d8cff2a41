package org.adjoint.bench;

import java.util.List;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.compile.CompileOptions;
import org.adjoint.graph.compile.PlanStats;

/**
 * Node counts and memory of the training steps of {@link StepModels}, with the plan compiler's
 * optimizations off and on (exact figures from {@code Session.planInfo}; no timing), against
 * the bytes that must be live in any implementation: parameters, their gradients, Adam's two
 * moments, and the activations the backward pass reads (listed per model below). Feeds are
 * counted on both sides. Run: {@code java -cp ... org.adjoint.bench.PlanFigures}.
 */
public final class PlanFigures {

    private PlanFigures() {
    }

    public static void main(String[] args) {
        String[] models = args.length > 0 ? args : all().toArray(new String[0]);
        System.out.println("| step | nodes off -> on | kernel calls off -> on | fused / in place / views | peak bytes off"
                + " | peak bytes on | must be live | on / must |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String m : models) {
            StepModels.Built b = CompiledStepBench.build(m);
            PlanStats off = stats(b, CompileOptions.none());
            PlanStats on = stats(b, CompileOptions.defaults().optimize(true));
            long adam = 2 * b.parameterBytes();
            long peakOff = off.peakBytes(adam) + off.feedBytes();
            long peakOn = on.peakBytes(adam) + on.feedBytes();
            long must = mustBeLive(m, b);
            System.out.printf("| %s | %d -> %d | %d -> %d | %d / %d / %d | %,d | %,d | %,d | %.3f |%n", m,
                    off.userNodes(), on.planNodes(), off.kernelCalls(), on.kernelCalls(), on.fusedNodes(),
                    on.inPlace(), on.views(), peakOff, peakOn, must, (double) peakOn / must);
        }
    }

    private static PlanStats stats(StepModels.Built b, CompileOptions options) {
        Session s = new Session(b.graph, options);
        return s.planInfo(RunOptions.TRAIN, b.feeds, b.fetch).stats();
    }

    /**
     * Parameters + gradients + Adam moments (4 x the parameter bytes) + feeds + the activations
     * the backward pass must read: MLP: the two ReLU outputs [B, 256] and the softmax
     * probabilities [B, 10]; 2-8-1: the tanh output [B, 8] and the sigmoid of the logits [B, 1];
     * LSTM: per step the four gate activations, the cell state, its tanh and the hidden state
     * (7 x [B, 128]); nn.rnn LSTM the same (its loss reads every step's output, which is h);
     * nn.rnn GRU (PyTorch form) per step r, z, the candidate n, the recurrent projection's
     * new-gate part (h W_hn + b_hn) and the hidden state (5 x [B, 128], what PyTorch's GRU saves).
     */
    static long mustBeLive(String model, StepModels.Built b) {
        long fixed = 4 * b.parameterBytes();
        long feeds = 0;
        for (var e : b.feeds.asMap().values()) {
            feeds += (long) e.size() * e.dtype().bytes();
        }
        long f = 4;
        long saved;
        switch (model) {
            case "toy": saved = 64 * (8 + 1) * f; break;
            case "lstm": saved = 50L * 7 * 32 * 128 * f; break;
            case "rnn-lstm": saved = 50L * 7 * 32 * 128 * f; break;
            case "rnn-gru": saved = 50L * 5 * 32 * 128 * f; break;
            default:
                int batch = Integer.parseInt(model.substring(model.indexOf('-') + 1));
                saved = (long) batch * (256 + 256 + 10) * f;
        }
        return fixed + feeds + saved;
    }

    static List<String> all() {
        return List.of("mlp-32", "mlp-128", "mlp-512", "toy", "lstm", "rnn-lstm", "rnn-gru");
    }
}
