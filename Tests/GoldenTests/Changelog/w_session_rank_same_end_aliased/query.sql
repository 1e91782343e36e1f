-- Window Top-N over a SESSION aggregation with renamed bounds: windows that end together are one partition. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, p STRING, amt DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
WITH s AS (SELECT k, window_start AS ss, window_end AS se, COUNT(*) AS n FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '2' SECOND)) GROUP BY k, window_start, window_end) SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY ss, se ORDER BY n DESC) AS rn FROM s) WHERE rn <= 1;
