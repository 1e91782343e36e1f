-- NATURAL JOIN after JOIN … USING (k): the common names are the USING join's visible columns. Computed by Flink 2.3.
CREATE TABLE a (k STRING, p INT, v INT);
CREATE TABLE b (k STRING, w INT);
CREATE TABLE c (k STRING, p INT, x INT);
SELECT * FROM a JOIN b USING (k) NATURAL JOIN c;
