-- VAR_*/STDDEV_* of DECIMAL(18, 8) and of v / 3 over a RANGE frame, with NULLs and late rows: the difference rounds to scale r - 1, VAR_SAMP divides by a BIGINT at scale r. Computed by Flink 2.3.
CREATE TABLE t (
  k STRING,
  v DECIMAL(18, 8),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
);
SELECT k, ts, VAR_POP(v) OVER w AS vp, VAR_SAMP(v) OVER w AS vs, STDDEV_POP(v) OVER w AS sp, STDDEV_SAMP(v) OVER w AS ss, VAR_SAMP(v / 3) OVER w AS v3 FROM t WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '3' SECOND PRECEDING AND CURRENT ROW);
