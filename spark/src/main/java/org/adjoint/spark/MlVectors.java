package org.adjoint.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Spark ML vector columns ({@code org.apache.spark.ml.linalg.Vector}, dense or sparse). Kept in
 * its own class so that the ML classes are loaded only for data that has such a column.
 */
final class MlVectors {

    private MlVectors() {
    }

    /** Whether a column type is Spark ML's vector type (checked by name: no ML class is loaded). */
    static boolean isVector(DataType type) {
        return type instanceof UserDefinedType<?> udt && udt.userClass() != null
                && udt.userClass().getName().equals("org.apache.spark.ml.linalg.Vector");
    }

    /** The values of a vector cell (sparse vectors expanded). */
    static double[] toArray(Object cell) {
        return ((Vector) cell).toArray();
    }
}
