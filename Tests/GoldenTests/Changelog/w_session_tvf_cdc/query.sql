-- A SESSION TVF over a Debezium changelog: changes held and written with their kinds when the session closes. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT, ts TIMESTAMP(3), PRIMARY KEY (id) NOT ENFORCED, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT * FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' SECOND));
