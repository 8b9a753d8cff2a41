package org.adjoint.examples;

final class SearchDemo {
    static void main(String[] args) {
        throw new UnsupportedOperationException("todo");
    }
}
