-- JOIN … ON with a parenthesized JOIN … USING on its right. Computed by Flink 2.3.
CREATE TABLE u (uid INT, name STRING);
CREATE TABLE o (oid INT, uid INT, pid INT);
CREATE TABLE p (pid INT, pname STRING);
SELECT u.name, o.oid FROM u JOIN (o JOIN p USING (pid)) ON u.uid = o.uid;
