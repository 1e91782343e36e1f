-- How TO_DATE, TO_TIMESTAMP (with and without a format), UNIX_TIMESTAMP and DATE_FORMAT of text read odd strings, as Flink 2.3 does.
CREATE TABLE ev (id INT, s STRING);
SELECT id, CAST(TO_DATE(s) AS STRING) AS td, TO_TIMESTAMP(s) AS tt, TO_TIMESTAMP(s, 'yyyy-MM-dd') AS ttd,
  TO_TIMESTAMP(s, 'yyyy-MM-dd HH:mm:ss') AS tt2, UNIX_TIMESTAMP(s, 'yyyy-MM-dd') AS ud, UNIX_TIMESTAMP(s) AS us,
  DATE_FORMAT(s, 'yyyy/MM/dd HH:mm') AS df
FROM ev;
