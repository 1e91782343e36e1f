-- A row NOT IN an updating aggregation's rows. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING);
CREATE TABLE blocked (user_id INT, page STRING);
SELECT user_id, page FROM clicks WHERE (user_id, page) NOT IN (SELECT MAX(user_id), page FROM blocked WHERE page IS NOT NULL GROUP BY page);
