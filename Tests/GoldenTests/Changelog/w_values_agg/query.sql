CREATE TABLE clicks (id INT, page STRING, n INT);
SELECT k, SUM(v) AS s, COUNT(*) AS cnt FROM (VALUES ('a', 1), ('b', 2), ('a', 3)) AS t(k, v) GROUP BY k;
