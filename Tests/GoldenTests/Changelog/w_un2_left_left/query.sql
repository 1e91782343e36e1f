CREATE TABLE t (id INT, tags ARRAY<STRING>, nums ARRAY<INT>);
SELECT t.id, x.tag, y.n FROM t LEFT JOIN UNNEST(t.tags) AS x (tag) ON TRUE LEFT JOIN UNNEST(t.nums) AS y (n) ON TRUE WHERE y.n IS NULL OR y.n > 1;
