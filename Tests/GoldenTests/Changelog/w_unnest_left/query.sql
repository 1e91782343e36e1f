CREATE TABLE clicks (id INT, tags ARRAY<STRING>, nums ARRAY<INT>, ts TIMESTAMP(3));
SELECT id, n, n * 10 AS n10 FROM clicks LEFT JOIN UNNEST(nums) AS u (n) ON TRUE;
