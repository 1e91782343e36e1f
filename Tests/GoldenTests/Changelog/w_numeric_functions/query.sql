CREATE TABLE clicks (id INT, a INT, b INT, d DOUBLE, m DECIMAL(10, 4));
SELECT id, GREATEST(a, b) AS g, LEAST(a, b, 0) AS l, GREATEST(d, 1.5) AS gd, LN(d) AS ln_d, LOG10(d) AS lg, LOG2(d) AS l2, LOG(2, d) AS lb, LOG(d) AS lnat,
  EXP(a) AS e, TRUNCATE(m, 2) AS tm, TRUNCATE(m) AS tm0, TRUNCATE(d, 0) AS td, TRUNCATE(a * 123, -1) AS ti
FROM clicks;
