CREATE TABLE clicks (
  user_id INT,
  page STRING,
  epoch_s BIGINT,
  section AS SPLIT_INDEX(page, '/', 1),
  minute_of AS FLOOR(TO_TIMESTAMP(FROM_UNIXTIME(epoch_s)) TO MINUTE)
);
SELECT section, minute_of, COUNT(*) AS c, COUNT(DISTINCT user_id) AS users
FROM clicks
GROUP BY section, minute_of;
