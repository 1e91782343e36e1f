CREATE TABLE a (id INT, x INT);
CREATE TABLE b (k INT, lo INT, hi INT, label STRING);
SELECT a.id, b.k FROM a CROSS JOIN b;
