-- A key written twice in a line keeps its first value, as Flink's JSON format reads it. Computed by Flink 2.3.
CREATE TABLE t (id INT, v INT);
SELECT id, v FROM t;
