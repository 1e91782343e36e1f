-- Top-N with its row number over SUM(x) of rows WHERE x > 0: ranked in place. Computed by Flink 2.3.
CREATE TABLE orders (user_id STRING, amount INT, page STRING);
SELECT user_id, v, rn FROM (SELECT user_id, v, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn FROM (SELECT user_id, SUM(amount) AS v FROM orders WHERE amount > 0 GROUP BY user_id)) WHERE rn <= 2;
