-- a DECIMAL(10, 2) squared keeps all its digits (DECIMAL(21, 4)). Computed by Flink 2.3.
CREATE TABLE t (id INT, amt DECIMAL(10, 2));
SELECT id, amt * amt AS sq, CAST(amt * amt AS STRING) AS sqs FROM t;
