-- FLOAT = DOUBLE compares as FLOAT, DOUBLE = FLOAT as DOUBLE. Computed by Flink 2.3.
CREATE TABLE t (id INT, f FLOAT, d DOUBLE, m DECIMAL(10, 3));
SELECT id, f = d AS eq, d = f AS eq2, f < d AS lt FROM t;
