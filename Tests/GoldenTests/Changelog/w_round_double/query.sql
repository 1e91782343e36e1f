CREATE TABLE clicks (id INT, x DOUBLE);
SELECT id, ROUND(x, 2) AS r2, ROUND(x) AS r0, ROUND(x, 1) AS r1, ROUND(x, -1) AS rm1, ROUND(x, 5) AS r5,
  TRUNCATE(x, 2) AS t2, TRUNCATE(x) AS t0, TRUNCATE(x, -2) AS tm2
FROM clicks;
