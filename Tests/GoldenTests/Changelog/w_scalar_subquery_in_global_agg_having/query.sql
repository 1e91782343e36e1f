-- A scalar subquery inside a global aggregation's argument and its HAVING's. Computed by Flink 2.3.
CREATE TABLE orders (id INT, cur STRING, amount INT, user_id INT);
CREATE TABLE rates (cur STRING, rate DOUBLE);
SELECT SUM(amount - (SELECT MIN(amount) FROM orders)) AS spread, MAX(amount) AS top FROM orders HAVING SUM(amount - (SELECT MIN(amount) FROM orders)) > 10;
