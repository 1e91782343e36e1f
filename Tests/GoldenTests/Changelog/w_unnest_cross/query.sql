CREATE TABLE clicks (id INT, tags ARRAY<STRING>, nums ARRAY<INT>, ts TIMESTAMP(3));
SELECT c.id, t.tag, UPPER(t.tag) AS up FROM clicks AS c CROSS JOIN UNNEST(c.tags) AS t (tag) WHERE c.id <> 5;
