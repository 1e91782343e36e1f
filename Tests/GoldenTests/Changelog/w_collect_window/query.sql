-- COLLECT in a TUMBLE window, with FILTER, over strings (multibyte too), INT and BIGINT values, up to 12 distinct in a map: the map's order is Flink's. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v STRING, n INT, b BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT window_start, k, CAST(COLLECT(v) AS STRING) AS vs, CAST(COLLECT(n) AS STRING) AS ns, CAST(COLLECT(b) FILTER (WHERE n > 0) AS STRING) AS bs, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, k;
