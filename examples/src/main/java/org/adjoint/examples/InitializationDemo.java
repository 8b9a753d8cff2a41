package org.adjoint.examples;

final class InitializationDemo {
    static void main(String[] args) {
        throw new UnsupportedOperationException("todo");
    }
}
