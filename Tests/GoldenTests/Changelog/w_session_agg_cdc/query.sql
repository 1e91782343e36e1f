-- A SESSION TVF aggregation over a Debezium changelog: sessions span every change's time, updates and deletes retract. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3), PRIMARY KEY (id) NOT ENFORCED, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, k;
