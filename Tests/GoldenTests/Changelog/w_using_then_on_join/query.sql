-- A JOIN … USING, then a JOIN … ON. Computed by Flink 2.3.
CREATE TABLE u (uid INT, name STRING);
CREATE TABLE o (oid INT, uid INT, pid INT);
CREATE TABLE p (pid INT, pname STRING);
SELECT o.oid, u.name FROM o JOIN p USING (pid) JOIN u ON u.uid = o.uid;
