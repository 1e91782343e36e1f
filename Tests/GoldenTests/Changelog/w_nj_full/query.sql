CREATE TABLE a (id INT, x INT);
CREATE TABLE b (k INT, lo INT, hi INT, label STRING);
SELECT a.id, b.label FROM a FULL JOIN b ON a.x BETWEEN b.lo AND b.hi AND b.k <> 3;
