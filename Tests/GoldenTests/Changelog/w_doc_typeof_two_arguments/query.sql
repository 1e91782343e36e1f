-- TYPEOF(x, forceSerializable), as in Flink's documentation. Computed by Flink 2.3.
CREATE TABLE t (n INT, m DECIMAL(10, 3));
SELECT TYPEOF(n, TRUE) AS a, TYPEOF(m, FALSE) AS b FROM t;
