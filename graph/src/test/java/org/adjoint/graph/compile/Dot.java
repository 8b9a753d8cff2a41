package org.adjoint.graph.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the subset of the Graphviz DOT language the plan pictures use, strict enough to
 * reject what Graphviz would reject in it: {@code digraph ID { stmt; ... }} with node statements
 * {@code ID [a=b, c="..."]}, edge statements {@code ID -> ID}, attribute statements
 * {@code node [...]} and graph attributes {@code a=b}; IDs are alphanumeric or double-quoted
 * strings with backslash escapes. Every edge must connect declared nodes.
 */
final class Dot {

    /** A parsed graph: node id to its {@code label} attribute (unescaped), and the edges. */
    static final class Parsed {
        final Map<String, String> labels = new LinkedHashMap<>();
        final List<String[]> edges = new ArrayList<>();
    }

    private final String s;
    private int pos;

    private Dot(String s) {
        this.s = s;
    }

    static Parsed parse(String text) {
        return new Dot(text).graph();
    }

    private Parsed graph() {
        Parsed p = new Parsed();
        expectWord("digraph");
        id();
        expect("{");
        while (true) {
            skipSpace();
            if (peek('}')) {
                pos++;
                break;
            }
            statement(p);
            skipSpace();
            if (peek(';')) {
                pos++;
            }
        }
        skipSpace();
        if (pos != s.length()) {
            throw error("text after the closing brace");
        }
        for (String[] e : p.edges) {
            for (String end : e) {
                if (!p.labels.containsKey(end)) {
                    throw new IllegalArgumentException("edge " + e[0] + " -> " + e[1] + " names undeclared node " + end);
                }
            }
        }
        return p;
    }

    private void statement(Parsed p) {
        String first = id();
        skipSpace();
        if (first.equals("node") || first.equals("edge") || first.equals("graph")) {
            attributes();
            return;
        }
        if (s.startsWith("->", pos)) {
            pos += 2;
            String to = id();
            p.edges.add(new String[] {first, to});
            skipSpace();
            if (peek('[')) {
                attributes();
            }
            return;
        }
        if (peek('=')) {
            pos++;
            id();
            return;
        }
        Map<String, String> attrs = peek('[') ? attributes() : Map.of();
        if (p.labels.containsKey(first)) {
            throw error("node " + first + " declared twice");
        }
        p.labels.put(first, attrs.getOrDefault("label", first));
    }

    private Map<String, String> attributes() {
        Map<String, String> out = new LinkedHashMap<>();
        expect("[");
        while (true) {
            skipSpace();
            if (peek(']')) {
                pos++;
                return out;
            }
            String key = id();
            expect("=");
            out.put(key, id());
            skipSpace();
            if (peek(',') || peek(';')) {
                pos++;
            }
        }
    }

    private String id() {
        skipSpace();
        if (pos >= s.length()) {
            throw error("expected an ID");
        }
        if (s.charAt(pos) == '"') {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(pos++);
                    sb.append(e == 'n' ? '\n' : e);
                } else if (c == '\n') {
                    throw error("raw newline in a string");
                } else {
                    sb.append(c);
                }
            }
        }
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                || s.charAt(pos) == '.' || s.charAt(pos) == '#')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected an ID");
        }
        return s.substring(start, pos);
    }

    private void expect(String token) {
        skipSpace();
        if (!s.startsWith(token, pos)) {
            throw error("expected '" + token + "'");
        }
        pos += token.length();
    }

    private void expectWord(String word) {
        if (!id().equals(word)) {
            throw error("expected '" + word + "'");
        }
    }

    private boolean peek(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        int from = Math.max(0, pos - 20);
        return new IllegalArgumentException("DOT: " + what + " at " + pos + ": ..." + s.substring(from,
                Math.min(s.length(), pos + 20)) + "...");
    }
}
