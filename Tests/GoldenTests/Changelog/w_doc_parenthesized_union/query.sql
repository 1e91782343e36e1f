-- (SELECT …) UNION (SELECT …), as Flink's documentation writes set operations. Computed by Flink 2.3.
CREATE TABLE t (s STRING);
(SELECT s FROM t) UNION (SELECT s FROM t WHERE s > 'a');
