-- NATURAL LEFT JOIN twice: k and p shared, null-padded rows of the outer sides. Computed by Flink 2.3.
CREATE TABLE a (k STRING, p INT, v INT);
CREATE TABLE b (k STRING, w INT);
CREATE TABLE c (k STRING, p INT, x INT);
SELECT * FROM a NATURAL LEFT JOIN b NATURAL LEFT JOIN c;
