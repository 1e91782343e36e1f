-- The temporal functions page's OVERLAPS examples (TIME with INTERVAL ends). Computed by Flink 2.3.
CREATE TABLE t (id INT);
SELECT id, (TIME '2:55:00', INTERVAL '1' HOUR) OVERLAPS (TIME '3:30:00', INTERVAL '2' HOUR) AS o1, (TIME '9:00:00', TIME '10:00:00') OVERLAPS (TIME '10:15:00', INTERVAL '3' HOUR) AS o2 FROM t;
