-- UNNEST … WITH ORDINALITY AS w, no column list: the element column is named w. Computed by Flink 2.3.
CREATE TABLE u (id INT);
SELECT * FROM (VALUES (1, 2)) CROSS JOIN UNNEST(ARRAY['x', 'y']) WITH ORDINALITY AS w;
