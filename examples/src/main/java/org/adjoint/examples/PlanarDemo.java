package org.adjoint.examples;

final class PlanarDemo {
    static void main(String[] args) {
        throw new UnsupportedOperationException("todo");
    }
}
