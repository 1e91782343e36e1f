-- NATURAL JOIN after a join ON a condition: the names both sides show. Computed by Flink 2.3.
CREATE TABLE a (k STRING, p INT, v INT);
CREATE TABLE b (k STRING, w INT);
CREATE TABLE c (k STRING, p INT, x INT);
SELECT * FROM b JOIN (SELECT k AS k2, v FROM a) s ON b.k = s.k2 NATURAL JOIN c;
