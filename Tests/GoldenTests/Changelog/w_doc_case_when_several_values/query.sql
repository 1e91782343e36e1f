-- CASE x WHEN 1, 2 THEN …, a WHEN with several values. Computed by Flink 2.3.
CREATE TABLE t (n INT);
SELECT n, CASE n WHEN 1, 2 THEN 'low' WHEN 3 THEN 'three' ELSE 'other' END AS c FROM t;
