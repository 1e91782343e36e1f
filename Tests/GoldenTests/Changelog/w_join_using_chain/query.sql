-- JOIN … USING after another USING join: the shared column is the left join's (differential round 14). Final table computed by Flink 2.3.
CREATE TABLE a (id INT, k STRING, v INT, p STRING);
CREATE TABLE b (k STRING, p STRING, w INT);
SELECT * FROM a JOIN b USING (k) JOIN (SELECT k, COUNT(*) AS cnt FROM a GROUP BY k) c USING (k);
