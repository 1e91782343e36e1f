-- Top-N over CAST(COUNT(*) AS INT): a CAST keeps the count growing, ranked in place. Computed by Flink 2.3.
CREATE TABLE orders (user_id STRING, amount INT, page STRING);
SELECT user_id, v FROM (SELECT user_id, v, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn FROM (SELECT user_id, CAST(COUNT(*) AS INT) AS v FROM orders GROUP BY user_id)) WHERE rn <= 2;
