CREATE TABLE t (id INT, tags ARRAY<STRING>, nums ARRAY<INT>);
SELECT id, tag, n FROM t CROSS JOIN UNNEST(tags) AS x (tag) CROSS JOIN UNNEST(nums) AS y (n);
