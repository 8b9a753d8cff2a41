package org.adjoint.bench.report;

import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;

/**
 * Orders parameter maps so that tables read naturally: numeric values by number (2 before 16),
 * names with a numeric tail by that number ({@code sq64} before {@code sq1024}), others as text.
 */
final class ParamOrder {

    private ParamOrder() {
    }

    static int compare(SortedMap<String, String> a, SortedMap<String, String> b) {
        Iterator<Map.Entry<String, String>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<String, String>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, String> ea = ia.next();
            Map.Entry<String, String> eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c != 0) {
                return c;
            }
            c = compareValues(ea.getValue(), eb.getValue());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    /** {@code "2" < "16"}, {@code "sq64" < "sq1024"}, {@code "mlp_nn" > "sq2048"} (text after numbered). */
    static int compareValues(String a, String b) {
        String pa = prefix(a);
        String pb = prefix(b);
        if (pa.equals(pb) && pa.length() < a.length() && pb.length() < b.length()) {
            return Double.compare(Double.parseDouble(a.substring(pa.length())),
                    Double.parseDouble(b.substring(pb.length())));
        }
        return a.compareTo(b);
    }

    /** The text before a trailing number, or the whole string when it does not end in one. */
    private static String prefix(String s) {
        int i = s.length();
        while (i > 0 && (Character.isDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '.')) {
            i--;
        }
        String tail = s.substring(i);
        if (tail.isEmpty() || tail.startsWith(".") || tail.endsWith(".") || tail.chars().filter(c -> c == '.').count() > 1) {
            return s;
        }
        return s.substring(0, i);
    }
}
