-- IN with a subquery over a JOIN … USING. Computed by Flink 2.3.
CREATE TABLE u (uid INT, name STRING);
CREATE TABLE o (oid INT, uid INT, pid INT);
CREATE TABLE p (pid INT, pname STRING);
SELECT u.name FROM u WHERE u.uid IN (SELECT o.uid FROM o JOIN p USING (pid));
