-- A variant of the shared conformance case late_events on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);
SELECT TUMBLE_START(`timestamp`, INTERVAL '10' SECOND) AS window_start, page, COUNT(*) AS click_count FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), page;
