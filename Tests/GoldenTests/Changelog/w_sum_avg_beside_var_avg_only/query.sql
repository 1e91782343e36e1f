-- SUM(dur) beside AVG(score) without a variance call: a dur of 0 changes nothing. Computed by Flink 2.3.
CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), dur BIGINT, amt DECIMAL(10, 2), score DOUBLE, WATERMARK FOR ts AS ts); SELECT user_id, SUM(dur) AS sd, AVG(score) AS a FROM clicks GROUP BY user_id;
