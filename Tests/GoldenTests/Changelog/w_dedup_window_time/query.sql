-- ROW_NUMBER ordered by a window TVF's window_time (a time attribute) with rn = 1: a deduplication. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '20' SECOND);
SELECT user_id, page FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY window_time) AS rn FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))) WHERE rn = 1;
