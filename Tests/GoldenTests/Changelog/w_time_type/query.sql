-- TIME columns, TIME literals, CAST to and from TIME (TIME is TIME(0): whole seconds), HOUR/MINUTE/SECOND/EXTRACT of a TIME (Flink 2.3).
CREATE TABLE shifts (id INT, opens TIME, ts TIMESTAMP(3));
SELECT id, CAST(opens AS STRING) AS opens_text, HOUR(opens) AS h, MINUTE(opens) AS mi, SECOND(opens) AS s,
  EXTRACT(HOUR FROM opens) AS eh, opens < TIME '09:30:00' AS early, CAST(CAST(ts AS TIME) AS STRING) AS ts_time,
  CAST(CAST('07:05:09' AS TIME) AS STRING) AS from_text, CAST(TIME '23:59:59' AS STRING) AS lit,
  CASE WHEN CAST(ts AS TIME) > opens THEN 'after' ELSE 'before' END AS rel
FROM shifts;
