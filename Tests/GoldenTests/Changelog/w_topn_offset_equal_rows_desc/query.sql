-- ORDER BY v DESC OFFSET 2 FETCH NEXT 2 with ties: equal rows rewritten in place, as Flink's AppendOnlyTopNFunction. Computed by Flink 2.3.
CREATE TABLE t (id INT, k STRING, v INT);
SELECT k, v FROM t ORDER BY v DESC OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY;
