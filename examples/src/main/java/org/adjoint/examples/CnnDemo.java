package org.adjoint.examples;

final class CnnDemo {
    static void main(String[] args) {
        throw new UnsupportedOperationException("todo");
    }
}
