-- Top-N over COUNT(*) with a HAVING: Flink ranks by retraction (Retract), not in place. Computed by Flink 2.3.
CREATE TABLE orders (user_id STRING, amount INT, page STRING);
SELECT user_id, v FROM (SELECT user_id, v, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn FROM (SELECT user_id, COUNT(*) AS v FROM orders GROUP BY user_id HAVING COUNT(*) >= 1)) WHERE rn <= 2;
