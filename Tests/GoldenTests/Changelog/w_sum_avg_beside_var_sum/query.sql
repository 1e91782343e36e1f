-- SUM(dur) beside STDDEV_POP(score): Flink reduces SUM to COUNT and SUM0, so a dur of 0 is a change. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), dur BIGINT, amt DECIMAL(10, 2), score DOUBLE, WATERMARK FOR ts AS ts); SELECT user_id, page, SUM(amt) AS sa, STDDEV_POP(score) AS sdp, SUM(dur) AS sd FROM clicks GROUP BY user_id, page;
