CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND);
SELECT window_start, page, STDDEV_SAMP(user_id) AS sd, VAR_POP(user_id) AS vp, VAR_SAMP(CAST(user_id AS SMALLINT)) AS vs16, STDDEV_POP(CAST(user_id AS BIGINT)) AS sp64, VAR_SAMP(CAST(user_id AS BIGINT)) AS vs64
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, page;
