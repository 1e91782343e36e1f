-- Rows compared with <>: a field distinct from its pair, NULLs alike, makes them differ; = stays three-valued. Computed by Flink 2.3.
CREATE TABLE o (a INT, b INT, c INT, e INT);
SELECT a, b, c, e, (a, b) <> (c, e) AS ne, (a, b) = (c, e) AS eq FROM o;
