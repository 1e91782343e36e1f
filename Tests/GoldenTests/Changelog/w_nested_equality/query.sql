-- ARRAYs, MAPs and ROWs compared with = and <>: rows by position whatever their field names, maps in any order, NULL fields equal. Computed by Flink 2.3.
CREATE TABLE t (id INT, ra ARRAY<ROW<x INT, y STRING>>, r2 ROW<a ROW<x INT, y STRING>, m MAP<STRING, INT>, arr ARRAY<INT>>);
SELECT id, ra[1] = ROW(1, 'p') AS c0, ra[1] = ra[2] AS c1, ra[1] <> ra[2] AS c2, ROW(1, 'p') = ra[2] AS c3, r2.a = ra[1] AS c4, r2.arr = ARRAY[1, 2] AS c5, r2.m = MAP['k', 1, 'j', 2] AS c6, ra[1] = ROW(2, 'p') AS c7, r2.arr <> ARRAY[2, 1] AS c8 FROM t;
