-- A correlated scalar subquery inside an aggregate's argument. Computed by Flink 2.3.
CREATE TABLE orders (id INT, cur STRING, amount INT, user_id INT);
CREATE TABLE rates (cur STRING, rate DOUBLE);
SELECT o.user_id, SUM(o.amount * (SELECT MAX(r.rate) FROM rates r WHERE r.cur = o.cur)) AS converted FROM orders o GROUP BY o.user_id;
