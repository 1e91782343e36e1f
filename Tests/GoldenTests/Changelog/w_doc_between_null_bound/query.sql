-- BETWEEN and NOT BETWEEN with a NULL bound, in three-valued logic (Flink's documentation: 12 BETWEEN NULL AND 10 is FALSE). Computed by Flink 2.3.
CREATE TABLE t (id INT, n INT, lo INT);
SELECT id, n BETWEEN lo AND 10 AS b1, n NOT BETWEEN 15 AND lo AS b2, 12 BETWEEN NULL AND 10 AS b3, 12 NOT BETWEEN 15 AND NULL AS b4 FROM t;
