-- Top-N over SUM(CASE WHEN … THEN 1 ELSE 0 END), a count of matching rows: ranked in place. Computed by Flink 2.3.
CREATE TABLE orders (user_id STRING, amount INT);
SELECT user_id, big_orders FROM (SELECT user_id, big_orders, ROW_NUMBER() OVER (ORDER BY big_orders DESC) AS rn FROM (SELECT user_id, SUM(CASE WHEN amount >= 5 THEN 1 ELSE 0 END) AS big_orders FROM orders GROUP BY user_id)) WHERE rn <= 2;
