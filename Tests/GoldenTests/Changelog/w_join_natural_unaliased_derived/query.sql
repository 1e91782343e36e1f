-- Joins of derived tables without names (differential round 14). Computed by Flink 2.3.
CREATE TABLE a (id INT, k STRING, v INT, p STRING);
CREATE TABLE b (k STRING, p STRING, w INT);
SELECT * FROM (SELECT k, id FROM a) NATURAL JOIN (SELECT k, w FROM b);
