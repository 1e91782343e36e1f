-- Top-N over MAX(x) with a HAVING: ranked by retraction. Computed by Flink 2.3.
CREATE TABLE orders (user_id STRING, amount INT, page STRING);
SELECT user_id, v FROM (SELECT user_id, v, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn FROM (SELECT user_id, MAX(amount) AS v FROM orders GROUP BY user_id HAVING MAX(amount) > 0)) WHERE rn <= 2;
