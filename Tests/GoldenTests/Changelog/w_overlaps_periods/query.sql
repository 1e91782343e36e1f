-- (s, e) OVERLAPS (s, e | interval) with reversed, touching and NULL periods, and the implicit row constructor (n, w). Computed by Flink 2.3.
CREATE TABLE t (id INT, s0 TIMESTAMP(3), e0 TIMESTAMP(3), s1 TIMESTAMP(3), e1 TIMESTAMP(3), n INT, w STRING);
SELECT id, (s0, e0) OVERLAPS (s1, e1) AS o, (e0, s0) OVERLAPS (s1, e1) AS reversed, (s0, INTERVAL '1' HOUR) OVERLAPS (s1, e1) AS by_interval, (s0, e0) OVERLAPS (e0, INTERVAL '0' SECOND) AS touching, CAST((n, w) AS STRING) AS r, CAST((id, (n, w)) AS STRING) AS nested FROM t;
