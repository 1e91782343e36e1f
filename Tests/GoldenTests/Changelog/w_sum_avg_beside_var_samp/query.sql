-- SUM(dur) beside VAR_SAMP(score): a dur of 0 is a change. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), dur BIGINT, amt DECIMAL(10, 2), score DOUBLE, WATERMARK FOR ts AS ts); SELECT user_id, SUM(dur) AS sd, VAR_SAMP(score) AS v FROM clicks GROUP BY user_id;
