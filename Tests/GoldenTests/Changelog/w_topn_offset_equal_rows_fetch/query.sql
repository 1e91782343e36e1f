-- OFFSET 1 FETCH NEXT 3 over appended rows with many equal values and NULLs: each position from the new row's on is written again. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
SELECT k, v FROM t ORDER BY v OFFSET 1 ROWS FETCH NEXT 3 ROWS ONLY;
