CREATE TABLE a (id INT, x INT);
CREATE TABLE b (k INT, lo INT, hi INT, label STRING);
SELECT a.id, b.label FROM a LEFT JOIN b ON a.x >= b.lo AND a.x < b.hi;
