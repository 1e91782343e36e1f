-- A scalar subquery inside an aggregate's FILTER clause. Computed by Flink 2.3.
CREATE TABLE orders (id INT, cur STRING, amount INT, user_id INT);
CREATE TABLE rates (cur STRING, rate DOUBLE);
SELECT cur, COUNT(*) FILTER (WHERE amount > (SELECT AVG(amount) FROM orders)) AS above_average, COUNT(*) AS n FROM orders GROUP BY cur;
