-- NATURAL JOIN after another NATURAL JOIN: the second joins on every name both sides show, the first join's shared k once. Computed by Flink 2.3.
CREATE TABLE a (k STRING, p INT, v INT);
CREATE TABLE b (k STRING, w INT);
CREATE TABLE c (k STRING, p INT, x INT);
SELECT * FROM a NATURAL JOIN b NATURAL JOIN c;
