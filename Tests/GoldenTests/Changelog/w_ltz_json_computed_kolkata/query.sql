-- A computed column over a TIMESTAMP_LTZ column read from JSON in Asia/Kolkata reads the zone's wall clock. Computed by Flink 2.3.
CREATE TABLE t (id INT, ts TIMESTAMP_LTZ(3), h AS HOUR(ts), d AS DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm'));
SELECT id, h, d, HOUR(ts) AS h2 FROM t;
