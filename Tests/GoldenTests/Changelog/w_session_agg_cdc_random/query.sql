-- A SESSION TVF aggregation over 160 random Debezium changes (updates moving rows between keys, deletes, late changes). Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3), PRIMARY KEY (id) NOT ENFORCED, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s, MAX(v) AS m FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, k;
