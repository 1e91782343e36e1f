-- NATURAL JOIN: joined on every column both tables have (k and g), each shown once. Computed by Flink 2.3.
CREATE TABLE a (k INT, g STRING, v INT);
CREATE TABLE b (k INT, g STRING, w INT);
SELECT * FROM a NATURAL JOIN b;
