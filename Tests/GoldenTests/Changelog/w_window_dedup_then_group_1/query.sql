-- Window deduplication feeding an aggregation: each firing's rows leave in the order of Flink's timer heap, which decides the aggregation's changes. Computed by Flink 2.3.
CREATE TABLE ev (event_id INT, payload STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT JSON_VALUE(payload, '$.action') AS act, COUNT(*) AS n FROM (SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, event_id ORDER BY ts ASC) AS rn FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))) WHERE rn = 1) GROUP BY JSON_VALUE(payload, '$.action');
