-- ORDER BY … OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY over appended rows with equal values: every position from the new row's on is written again, an equal row replacing an equal one too (AppendOnlyTopNFunction). Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
SELECT user_id, duration_ms FROM clicks ORDER BY duration_ms OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY;
