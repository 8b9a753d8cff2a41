package org.adjoint.graph.compile;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.adjoint.graph.Op;

/**
 * Whether two ops compute the same function: the same class and equal attributes. Ops are
 * immutable and keep their attributes in final fields (the {@link Op} contract), so the fields
 * are compared by value: numbers by their bits ({@code 0.0 != -0.0}, NaN equals NaN), arrays
 * element by element, nested ops recursively, enums and strings by equality; any other object
 * only by identity, which can miss an equality but never invent one.
 *
 * <p>An op that overrides {@code equals} is compared with it instead.
 */
final class OpEquality {

    private static final ConcurrentHashMap<Class<?>, Field[]> FIELDS = new ConcurrentHashMap<>();

    private OpEquality() {
    }

    static boolean same(Op a, Op b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (overridesEquals(a.getClass())) {
            return a.equals(b);
        }
        for (Field f : fields(a.getClass())) {
            try {
                if (!sameValue(f.get(a), f.get(b))) {
                    return false;
                }
            } catch (IllegalAccessException e) {
                return false;
            }
        }
        return true;
    }

    /** A hash consistent with {@link #same}. */
    static int hash(Op op) {
        if (op == null) {
            return 0;
        }
        if (overridesEquals(op.getClass())) {
            return op.hashCode();
        }
        int h = op.getClass().hashCode();
        for (Field f : fields(op.getClass())) {
            try {
                h = 31 * h + hashValue(f.get(op));
            } catch (IllegalAccessException e) {
                return h;
            }
        }
        return h;
    }

    private static boolean sameValue(Object x, Object y) {
        if (x == y) {
            return true;
        }
        if (x == null || y == null || x.getClass() != y.getClass()) {
            return false;
        }
        if (x instanceof Op) {
            return same((Op) x, (Op) y);
        }
        if (x instanceof Number || x instanceof Boolean || x instanceof Character || x instanceof String
                || x instanceof Enum) {
            return x.equals(y);     // Double/Float.equals compare bits
        }
        if (x instanceof int[]) {
            return Arrays.equals((int[]) x, (int[]) y);
        }
        if (x instanceof long[]) {
            return Arrays.equals((long[]) x, (long[]) y);
        }
        if (x instanceof double[]) {
            return Arrays.equals((double[]) x, (double[]) y);
        }
        if (x instanceof float[]) {
            return Arrays.equals((float[]) x, (float[]) y);
        }
        if (x instanceof boolean[]) {
            return Arrays.equals((boolean[]) x, (boolean[]) y);
        }
        if (x instanceof Object[]) {
            Object[] a = (Object[]) x;
            Object[] b = (Object[]) y;
            if (a.length != b.length) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if (!sameValue(a[i], b[i])) {
                    return false;
                }
            }
            return true;
        }
        return false;   // unknown object: identity only (checked above)
    }

    private static int hashValue(Object x) {
        if (x == null) {
            return 0;
        }
        if (x instanceof Op) {
            return hash((Op) x);
        }
        if (x instanceof Number || x instanceof Boolean || x instanceof Character || x instanceof String
                || x instanceof Enum) {
            return x.hashCode();
        }
        if (x instanceof int[]) {
            return Arrays.hashCode((int[]) x);
        }
        if (x instanceof long[]) {
            return Arrays.hashCode((long[]) x);
        }
        if (x instanceof double[]) {
            return Arrays.hashCode((double[]) x);
        }
        if (x instanceof float[]) {
            return Arrays.hashCode((float[]) x);
        }
        if (x instanceof Object[]) {
            int h = 1;
            for (Object o : (Object[]) x) {
                h = 31 * h + hashValue(o);
            }
            return h;
        }
        return System.identityHashCode(x);
    }

    private static boolean overridesEquals(Class<?> c) {
        try {
            return c.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Field[] fields(Class<?> c) {
        return FIELDS.computeIfAbsent(c, k -> {
            List<Field> out = new ArrayList<>();
            for (Class<?> t = k; t != null && t != Object.class; t = t.getSuperclass()) {
                for (Field f : t.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        out.add(f);
                    }
                }
            }
            return out.toArray(new Field[0]);
        });
    }

    /** Whether {@code a} and {@code b} hold the same bits (dtype, shape, elements). */
    static boolean sameTensor(org.adjoint.graph.Tensor a, org.adjoint.graph.Tensor b) {
        return a == b || Objects.equals(a.type(), b.type()) && a.bitwiseEquals(b);
    }
}
