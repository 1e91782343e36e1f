-- UNNEST(ARRAY['a', 'bb', NULL]) alone: the NULL element is a row (its type the array's), the column EXPR$0. Computed by Flink 2.3.
CREATE TABLE t (id INT);
SELECT * FROM UNNEST(ARRAY['a', 'bb', NULL]);
