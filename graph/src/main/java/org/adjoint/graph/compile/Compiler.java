package org.adjoint.graph.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The rewriting stage of plan compilation: the built-in rules (constant folding, common
 * subexpressions, dead nodes) and those of every {@link PlanRules} provider on the class path,
 * as {@link CompileOptions} allow. Not API: called by the executor.
 */
public final class Compiler {

    /** Built-in rule: common-subexpression elimination. */
    public static final String CSE = "cse";
    private static final int MAX_ROUNDS = 20;
    private static final Rule FOLD = new ConstantFolding();

    private Compiler() {
    }

    /** Providers, loaded once (Holder idiom). */
    private static final class Providers {
        static final List<PlanRules> ALL = load();

        private static List<PlanRules> load() {
            List<PlanRules> out = new ArrayList<>();
            for (PlanRules p : ServiceLoader.load(PlanRules.class, Compiler.class.getClassLoader())) {
                out.add(p);
            }
            return Collections.unmodifiableList(out);
        }
    }

    /** Names of every rule and pass known (built-in and contributed), and of the memory techniques. */
    public static Set<String> names() {
        Set<String> s = new LinkedHashSet<>();
        s.add(FOLD.name());
        s.add(CSE);
        for (PlanRules p : Providers.ALL) {
            for (Rule r : p.rules()) {
                s.add(r.name());
            }
            for (Pass q : p.passes()) {
                s.add(q.name());
            }
            s.addAll(p.options());
        }
        s.add(CompileOptions.IN_PLACE);
        s.add(CompileOptions.VIEWS);
        return s;
    }

    /**
     * Checks that every name {@code options} disables is known.
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static void check(CompileOptions options) {
        Set<String> known = names();
        for (String d : options.disabled()) {
            if (!known.contains(d)) {
                throw new IllegalArgumentException("compile options: no rule or pass named '" + d + "'; known: "
                        + known);
            }
        }
    }

    /** Rewrites {@code g} in place as {@code options} allow, and gives outputs buffers of their own. */
    public static void optimize(PlanGraph g, CompileOptions options) {
        if (options.optimize()) {
            List<Rule> rules = new ArrayList<>();
            List<Pass> passes = new ArrayList<>();
            for (PlanRules p : Providers.ALL) {
                for (Rule r : p.rules()) {
                    if (options.enabled(r.name())) {
                        rules.add(r);
                    }
                }
                for (Pass q : p.passes()) {
                    if (options.enabled(q.name())) {
                        passes.add(q);
                    }
                }
            }
            if (options.enabled(FOLD.name())) {
                rules.add(FOLD);
            }
            g.rewrite(options, rules, options.enabled(CSE), passes, MAX_ROUNDS);
        }
        g.separateOutputs(PlanCopy.INSTANCE);
    }
}
