-- t.* in a select list over a join (differential round 14). Computed by Flink 2.3.
CREATE TABLE a (id INT, k STRING, v INT, p STRING);
CREATE TABLE b (k STRING, p STRING, w INT);
SELECT a.*, b.w FROM a JOIN b ON a.k = b.k;
