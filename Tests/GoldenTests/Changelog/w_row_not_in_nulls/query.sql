-- A row NOT IN a subquery, NULLs on both sides (a NULL makes a pair unknown). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING);
CREATE TABLE blocked (user_id INT, page STRING);
SELECT user_id, page FROM clicks WHERE (user_id, page) NOT IN (SELECT user_id, page FROM blocked);
