-- TABLE(TUMBLE(…)) AS w (uid, t, ws, we, wt): the window TVF's columns renamed, still a window aggregation by ws, we. Computed by Flink 2.3.
CREATE TABLE clicks (u INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT ws, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND)) AS w (uid, t, ws, we, wt) GROUP BY ws, we;
