-- AVG(dur) beside STDDEV_POP(score): the same average again is a change (COUNT(dur) moved). Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), dur BIGINT, amt DECIMAL(10, 2), score DOUBLE, WATERMARK FOR ts AS ts); SELECT user_id, AVG(dur) AS ad, STDDEV_POP(score) AS sdp FROM clicks GROUP BY user_id;
