package org.adjoint.kernels;

/**
 * Elementwise unary functions. Each constant carries its reference definition in double
 * precision ({@link #apply}) and its derivative ({@link #derivative}); the scalar kernels are
 * these formulas in plain loops, and every vectorized kernel is tested against them.
 *
 * <p>Some functions take a parameter {@code alpha} (the leaky-ReLU slope, the ELU scale);
 * the others ignore it.
 */
public enum UnaryOp {
    /** y = -x; dy/dx = -1. */
    NEG {
        public double apply(double x, double a) { return -x; }
        public double derivative(double x, double y, double a) { return -1; }
    },
    /** y = |x|; dy/dx = sign(x) (0 at 0). */
    ABS {
        public double apply(double x, double a) { return Math.abs(x); }
        public double derivative(double x, double y, double a) { return Math.signum(x); }
    },
    /** y = sign(x) in {-1, 0, 1}; piecewise constant: dy/dx = 0. */
    SIGN {
        public double apply(double x, double a) { return Math.signum(x); }
        public double derivative(double x, double y, double a) { return 0; }
    },
    /** y = x^2; dy/dx = 2x. */
    SQUARE {
        public double apply(double x, double a) { return x * x; }
        public double derivative(double x, double y, double a) { return 2 * x; }
    },
    /** y = sqrt(x); dy/dx = 0.5 / y. */
    SQRT {
        public double apply(double x, double a) { return Math.sqrt(x); }
        public double derivative(double x, double y, double a) { return 0.5 / y; }
    },
    /** y = 1 / sqrt(x); dy/dx = -0.5 y^3. */
    RSQRT {
        public double apply(double x, double a) { return 1.0 / Math.sqrt(x); }
        public double derivative(double x, double y, double a) { return -0.5 * y * y * y; }
    },
    /** y = 1 / x; dy/dx = -y^2. */
    RECIPROCAL {
        public double apply(double x, double a) { return 1.0 / x; }
        public double derivative(double x, double y, double a) { return -y * y; }
    },
    /** y = e^x; dy/dx = y. */
    EXP {
        public double apply(double x, double a) { return Math.exp(x); }
        public double derivative(double x, double y, double a) { return y; }
    },
    /** y = e^x - 1; dy/dx = y + 1. */
    EXPM1 {
        public double apply(double x, double a) { return Math.expm1(x); }
        public double derivative(double x, double y, double a) { return y + 1; }
    },
    /** y = ln x; dy/dx = 1 / x. */
    LOG {
        public double apply(double x, double a) { return Math.log(x); }
        public double derivative(double x, double y, double a) { return 1.0 / x; }
    },
    /** y = ln(1 + x); dy/dx = 1 / (1 + x). */
    LOG1P {
        public double apply(double x, double a) { return Math.log1p(x); }
        public double derivative(double x, double y, double a) { return 1.0 / (1.0 + x); }
    },
    /** y = 1 / (1 + e^-x), evaluated without overflow for either sign; dy/dx = y (1 - y). */
    SIGMOID {
        public double apply(double x, double a) {
            if (x >= 0) {
                return 1.0 / (1.0 + Math.exp(-x));
            }
            double e = Math.exp(x);
            return e / (1.0 + e);
        }
        public double derivative(double x, double y, double a) { return y * (1 - y); }
    },
    /**
     * y = tanh x; dy/dx = 1 - y^2. NOTE: evaluated as (1 - y)(1 + y): 1 - y*y cancels
     * catastrophically as |y| approaches 1 (hundreds of ulp in double).
     */
    TANH {
        public double apply(double x, double a) { return Math.tanh(x); }
        public double derivative(double x, double y, double a) { return (1 - y) * (1 + y); }
    },
    /** y = max(x, 0); dy/dx = 1 for x &gt; 0, else 0 (the subgradient 0 at the kink). */
    RELU {
        public double apply(double x, double a) { return x > 0 ? x : 0.0; }
        public double derivative(double x, double y, double a) { return x > 0 ? 1 : 0; }
    },
    /** y = x for x &gt; 0, else alpha x; dy/dx = 1 or alpha. */
    LEAKY_RELU {
        public double apply(double x, double a) { return x > 0 ? x : a * x; }
        public double derivative(double x, double y, double a) { return x > 0 ? 1 : a; }
    },
    /** y = x for x &gt; 0, else alpha (e^x - 1); dy/dx = 1 or y + alpha. */
    ELU {
        public double apply(double x, double a) { return x > 0 ? x : a * Math.expm1(x); }
        public double derivative(double x, double y, double a) { return x > 0 ? 1 : y + a; }
    },
    /** y = ln(1 + e^x) = max(x, 0) + log1p(e^-|x|); dy/dx = sigmoid(x). */
    SOFTPLUS {
        public double apply(double x, double a) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }
        public double derivative(double x, double y, double a) { return SIGMOID.apply(x, a); }
    };

    /** The function value at {@code x} (with parameter {@code alpha} where the function has one). */
    public abstract double apply(double x, double alpha);

    /** dy/dx at input {@code x} whose output is {@code y}. */
    public abstract double derivative(double x, double y, double alpha);
}
