package org.adjoint.examples;

final class OptimizersDemo {
    static void main(String[] args) {
        throw new UnsupportedOperationException("todo");
    }
}
