-- A variant of the shared changelog case v_time_functions on hundreds to two thousand generated rows: late and tied timestamps, NULL and empty keys, repeated keys. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);
SELECT DATE_FORMAT(`timestamp`, 'yyyy-MM-dd HH:mm') AS minute_text, EXTRACT(SECOND FROM `timestamp`) AS sec, FLOOR(`timestamp` TO MINUTE) AS floored, HOUR(`timestamp`) AS h, TIMESTAMPDIFF(SECOND, TIMESTAMP '2024-04-25 10:00:00', `timestamp`) AS since, REGEXP_EXTRACT(page, '/products/(\d+)', 1) AS product, SPLIT_INDEX(page, '/', 1) AS section, LPAD(CAST(user_id AS STRING), 6, '0') AS uid FROM clicks WHERE user_id < 104;
