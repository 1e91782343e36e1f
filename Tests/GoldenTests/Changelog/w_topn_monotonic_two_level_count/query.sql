-- Top-N over a two-level COUNT (pages per user over a GROUP BY user, page): COUNT grows over updates too, ranked in place. Computed by Flink 2.3.
CREATE TABLE orders (user_id STRING, amount INT, page STRING);
SELECT user_id, v FROM (SELECT user_id, v, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn FROM (SELECT user_id, COUNT(*) AS v FROM (SELECT user_id, page, COUNT(*) AS c FROM orders GROUP BY user_id, page) GROUP BY user_id)) WHERE rn <= 2;
