-- SESSION: a user's clicks with gaps under 5 seconds form one session.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);

SELECT user_id,
  SESSION_START(`timestamp`, INTERVAL '5' SECOND) AS session_start,
  SESSION_END(`timestamp`, INTERVAL '5' SECOND) AS session_end,
  COUNT(*) AS clicks
FROM clicks
GROUP BY SESSION(`timestamp`, INTERVAL '5' SECOND), user_id;
