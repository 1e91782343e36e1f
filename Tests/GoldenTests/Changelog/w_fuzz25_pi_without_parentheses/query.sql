-- PI without parentheses is Flink's niladic PI. Computed by Flink 2.3.
CREATE TABLE t (id INT);
SELECT id, PI AS c0 FROM t
