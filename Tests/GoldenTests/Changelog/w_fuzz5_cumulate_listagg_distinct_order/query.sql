CREATE TABLE clicks (
  user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, amt DECIMAL(10, 2), score DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT window_start, window_end, LISTAGG(DISTINCT page) AS pages
FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND, INTERVAL '30' SECOND)) GROUP BY window_start, window_end;
