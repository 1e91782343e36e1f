-- ARRAY_CONTAINS, ARRAY_POSITION and ARRAY_REMOVE with a ROW(...) needle match ARRAY<ROW> elements by position. Computed by Flink 2.3.
CREATE TABLE t (id INT, ra ARRAY<ROW<x INT, y STRING>>);
SELECT id, ARRAY_CONTAINS(ra, ROW(1, 'p')) AS c0, ARRAY_POSITION(ra, ROW(2, 'q')) AS c1, CAST(ARRAY_REMOVE(ra, ROW(1, 'p')) AS STRING) AS c2 FROM t
