-- CAST of a FLOAT beyond any DECIMAL's range is NULL (weir trapped on it). Computed by Flink 2.3.
CREATE TABLE t (id INT, f FLOAT);
SELECT id, CAST(f AS DECIMAL(10, 2)) AS e FROM t;
