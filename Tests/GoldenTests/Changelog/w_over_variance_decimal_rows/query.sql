-- VAR_*/STDDEV_* of DECIMAL(10, 2), DECIMAL(5, 0), price / 3, price / 7 and price * price over a ROWS frame: Flink rewrites them into exact DECIMAL(38, r) sums of x and x * x, rounding each step to its decimal type. Computed by Flink 2.3.
CREATE TABLE t (
  k STRING,
  price DECIMAL(10, 2),
  q DECIMAL(5, 0),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
);
SELECT k, ts, VAR_POP(price) OVER w AS vp, VAR_SAMP(price) OVER w AS vs, STDDEV_POP(price) OVER w AS sp, STDDEV_SAMP(price) OVER w AS ss, VAR_POP(q) OVER w AS qvp, STDDEV_SAMP(q) OVER w AS qss, STDDEV_POP(price / 3) OVER w AS s3, VAR_SAMP(price / 7) OVER w AS v7, STDDEV_SAMP(price * price) OVER w AS spp FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW);
