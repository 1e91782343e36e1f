CREATE TABLE t (id INT, e BIGINT, s STRING, le BIGINT, ts TIMESTAMP(3), l AS TO_TIMESTAMP_LTZ(le, 3));
SELECT id, CAST(TO_TIMESTAMP_LTZ(e, 3) AS STRING) AS a, CAST(l AS STRING) AS b, FROM_UNIXTIME(e / 1000) AS f, UNIX_TIMESTAMP(s) AS u,
 CAST(l AS TIMESTAMP(3)) AS d, DATE_FORMAT(l, 'yyyy-MM-dd HH:mm:ss') AS df,
 CONVERT_TZ(s, 'UTC', 'Asia/Shanghai') AS cz, CONVERT_TZ(s, 'America/New_York', 'UTC') AS cz2, CONVERT_TZ(s, 'Europe/Berlin', 'America/Los_Angeles') AS cz3,
 CAST(CAST(l AS DATE) AS STRING) AS dd, UNIX_TIMESTAMP(s, 'yyyy-MM-dd HH:mm:ss') AS u2,
 CAST(TO_TIMESTAMP_LTZ(e / 1000, 0) AS STRING) AS a0, CAST(FLOOR(l TO HOUR) AS STRING) AS fl,
 FROM_UNIXTIME(e / 1000, 'yyyy-MM-dd HH:mm:ss') AS f2, UNIX_TIMESTAMP(CAST(ts AS STRING), 'yyyy-MM-dd HH:mm:ss.SSS') AS u3
FROM t;
