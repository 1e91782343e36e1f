-- (a, b) IN (SELECT x, y …): a semi join on both columns; a NULL on either side never matches, duplicates in the subquery do not repeat a row. Computed by Flink 2.3.
CREATE TABLE t (
  id INT,
  a INT,
  b STRING
);
CREATE TABLE u (
  x INT,
  y STRING,
  z INT
);
SELECT id, a, b FROM t WHERE (a, b) IN (SELECT x, y FROM u WHERE z > 0) AND id < 100;
