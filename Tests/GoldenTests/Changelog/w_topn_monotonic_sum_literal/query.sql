-- Top-N over SUM(1): Flink ranks it in place (UpdateFast), a SUM of values that cannot be negative only grows. Computed by Flink 2.3.
CREATE TABLE orders (user_id STRING, amount INT, page STRING);
SELECT user_id, v FROM (SELECT user_id, v, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn FROM (SELECT user_id, SUM(1) AS v FROM orders GROUP BY user_id)) WHERE rn <= 2;
