-- A correlated EXISTS over a JOIN … USING. Computed by Flink 2.3.
CREATE TABLE u (uid INT, name STRING);
CREATE TABLE o (oid INT, uid INT, pid INT);
CREATE TABLE p (pid INT, pname STRING);
SELECT u.name FROM u WHERE EXISTS (SELECT 1 FROM o JOIN p USING (pid) WHERE o.uid = u.uid);
