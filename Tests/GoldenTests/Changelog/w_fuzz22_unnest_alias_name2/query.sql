-- UNNEST … AS w, no column list, beside a table. Computed by Flink 2.3.
CREATE TABLE u (id INT);
SELECT * FROM u CROSS JOIN UNNEST(ARRAY['x', 'y']) AS w;
