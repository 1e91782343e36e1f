CREATE TABLE clicks (id INT, tags ARRAY<STRING>, nums ARRAY<INT>, ts TIMESTAMP(3));
SELECT tag, COUNT(*) AS n FROM (SELECT tag FROM clicks, UNNEST(tags) AS t (tag)) GROUP BY tag;
