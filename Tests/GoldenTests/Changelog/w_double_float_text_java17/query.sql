-- FLOAT and DOUBLE written and cast to STRING as Java 17's Float.toString and Double.toString write them (Flink 2.3's JVM; not always the shortest digits: 3.3999999E10). Computed by Flink 2.3.
CREATE TABLE ev (id INT, f FLOAT, d DOUBLE);
SELECT id, f, CAST(f AS STRING) AS fs, CAST(d AS STRING) AS ds FROM ev;
