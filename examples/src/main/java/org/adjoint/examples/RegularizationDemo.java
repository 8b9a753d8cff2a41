package org.adjoint.examples;

final class RegularizationDemo {
    static void main(String[] args) {
        throw new UnsupportedOperationException("todo");
    }
}
