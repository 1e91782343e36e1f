CREATE TABLE clicks (
  user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, amt DECIMAL(10, 2), score DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(DATA => TABLE clicks, TIMECOL => DESCRIPTOR(`timestamp`), SIZE => INTERVAL '5' SECOND, `OFFSET` => INTERVAL '2' SECOND)) GROUP BY window_start, window_end;
