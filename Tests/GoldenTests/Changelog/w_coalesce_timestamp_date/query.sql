-- COALESCE of a TIMESTAMP and a DATE is a DATE, in either order. Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP(3), dt DATE);
SELECT id, CAST(COALESCE(ts, dt) AS STRING) AS a, CAST(COALESCE(dt, ts) AS STRING) AS b, TYPEOF(COALESCE(ts, dt)) AS ta, TYPEOF(COALESCE(dt, ts)) AS tb FROM t;
