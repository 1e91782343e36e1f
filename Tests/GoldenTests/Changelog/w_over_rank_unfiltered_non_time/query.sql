-- RANK() OVER a plain column, unfiltered: COUNT(*) over the RANGE frame, updating as rows arrive in the middle. Computed by Flink 2.3.
CREATE TABLE t (k STRING, seq INT);
SELECT k, seq, RANK() OVER (PARTITION BY k ORDER BY seq) AS rk FROM t;
