-- Top-N over SUM(CAST(x AS BIGINT)) of rows WHERE x >= 0: the CAST hides the bound, ranked by retraction. Computed by Flink 2.3.
CREATE TABLE orders (user_id STRING, amount INT, page STRING);
SELECT user_id, v FROM (SELECT user_id, v, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn FROM (SELECT user_id, SUM(CAST(amount AS BIGINT)) AS v FROM orders WHERE amount >= 0 GROUP BY user_id)) WHERE rn <= 2;
