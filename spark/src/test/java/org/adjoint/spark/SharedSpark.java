package org.adjoint.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession per master for the test JVM: test classes asking for the same master
 * share it, a class asking for another one replaces it (Spark allows one context per JVM).
 * Spark's shutdown hook stops the last one.
 */
final class SharedSpark {

    private static SparkSession session;
    private static String master;

    private SharedSpark() {
    }

    static synchronized SparkSession session(String wanted) {
        if (session != null && wanted.equals(master) && !session.sparkContext().isStopped()) {
            return session;
        }
        if (session != null) {
            session.stop();
        }
        session = SparkSession.builder()
                .master(wanted)
                .appName("adjoint-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        master = wanted;
        return session;
    }
}
