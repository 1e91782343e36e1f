-- CAST of short text to DECIMAL passes over the first character after its digits, as Flink's toDecimalFromBytes. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, s, CAST(s AS DECIMAL(10, 2)) AS d FROM t WHERE s IN ('5x', '12%', 'x', '3$');
