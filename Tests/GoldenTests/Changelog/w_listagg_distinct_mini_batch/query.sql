-- LISTAGG(DISTINCT …) without a window under mini-batch: Flink's two phases take a bundle's new values in its local map's order. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING);
SELECT user_id, LISTAGG(DISTINCT page) AS pages FROM clicks GROUP BY user_id
