-- Top-N over SUM(DISTINCT x) of rows WHERE x BETWEEN 0 AND 10: ranked in place. Computed by Flink 2.3.
CREATE TABLE orders (user_id STRING, amount INT);
SELECT user_id, total FROM (SELECT user_id, total, ROW_NUMBER() OVER (ORDER BY total DESC) AS rn FROM (SELECT user_id, SUM(DISTINCT amount) AS total FROM orders WHERE amount BETWEEN 0 AND 10 GROUP BY user_id)) WHERE rn <= 2;
