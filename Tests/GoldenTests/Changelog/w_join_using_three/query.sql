-- Three tables joined with USING (differential round 14). Computed by Flink 2.3.
CREATE TABLE a (id INT, k STRING, v INT, p STRING);
CREATE TABLE b (k STRING, p STRING, w INT);
SELECT * FROM a JOIN b USING (k) JOIN (SELECT k, COUNT(*) AS cnt FROM a GROUP BY k) c USING (k);
