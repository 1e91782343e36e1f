-- A FLOAT sum over a RANGE frame when several times leave it at once: Flink retracts them in its state map's (java.util.HashMap<Long, …>) order, which the sum's rounding shows. Computed by Flink 2.3.
CREATE TABLE t (k STRING, v FLOAT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT k, v, ts, SUM(v) OVER w AS s, MIN(v) OVER w AS mn, COUNT(*) OVER w AS n FROM t WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND CURRENT ROW);
