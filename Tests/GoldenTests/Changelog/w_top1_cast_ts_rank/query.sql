-- ROW_NUMBER ordered by CAST(ts AS TIMESTAMP(3)) (no longer a time attribute): a Top-1, updated as rows arrive. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '20' SECOND);
SELECT user_id, page FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC) AS rn FROM (SELECT user_id, page, CAST(ts AS TIMESTAMP(3)) AS ts FROM clicks)) WHERE rn = 1;
