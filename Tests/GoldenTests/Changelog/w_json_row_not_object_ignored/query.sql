-- With 'json.ignore-parse-errors', a ROW column given a string or an array is NULL and the line is kept. Computed by Flink 2.3.
CREATE TABLE t (id INT, r ROW<x INT, y STRING>);
SELECT id, r.x AS x, r.y AS y FROM t;
