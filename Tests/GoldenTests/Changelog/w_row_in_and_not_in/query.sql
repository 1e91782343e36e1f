-- A row IN one subquery and NOT IN another. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING);
CREATE TABLE blocked (user_id INT, page STRING);
SELECT c.user_id, c.page FROM clicks c WHERE (c.user_id, c.page) IN (SELECT user_id, page FROM clicks WHERE user_id < 5) AND (c.page, c.user_id) NOT IN (SELECT page, user_id + 1 FROM blocked WHERE user_id IS NOT NULL);
