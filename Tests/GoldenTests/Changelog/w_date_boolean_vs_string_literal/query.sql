-- A DATE or BOOLEAN compared with a string literal reads the literal as a DATE or BOOLEAN, as Flink's implicit cast. Computed by Flink 2.3.
CREATE TABLE t (id INT, i INT, b BIGINT, m DECIMAL(10, 2), d DOUBLE, f FLOAT, s STRING, n STRING, dt DATE, ts TIMESTAMP(3), z BOOLEAN, ti TINYINT, si SMALLINT);
SELECT id FROM t WHERE dt BETWEEN '2024-01-01' AND '2024-02-29';
