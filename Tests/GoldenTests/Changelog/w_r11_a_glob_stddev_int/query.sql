CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, amt DECIMAL(10, 2), score DOUBLE, ok BOOLEAN, WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND);
SELECT STDDEV_POP(user_id) AS sp, STDDEV_SAMP(user_id) AS ss, VAR_POP(user_id) AS vp, VAR_SAMP(user_id) AS vs FROM clicks;
