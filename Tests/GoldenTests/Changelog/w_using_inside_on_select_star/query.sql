-- SELECT * over a JOIN … ON whose right is a parenthesized JOIN … USING: the shared column once, first. Computed by Flink 2.3.
CREATE TABLE u (uid INT, name STRING, country STRING);
CREATE TABLE o (oid INT, uid INT, pid INT, qty INT);
CREATE TABLE p (pid INT, pname STRING, cid INT);
SELECT * FROM u JOIN (o JOIN p USING (pid)) ON u.uid = o.uid;
