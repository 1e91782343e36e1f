CREATE TABLE clicks (
  user_id INT,
  label AS CONCAT('u', CAST(user_id AS STRING)),
  page STRING,
  epoch_s BIGINT,
  ts AS TO_TIMESTAMP(FROM_UNIXTIME(epoch_s))
);
SELECT * FROM clicks WHERE user_id IS NULL OR user_id > 1;
