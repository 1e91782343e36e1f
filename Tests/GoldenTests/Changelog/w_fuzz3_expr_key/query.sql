CREATE TABLE l (id INT, k1 INT, k2 STRING, v INT);
CREATE TABLE r (rid INT, k1 INT, k2 STRING, w INT);
SELECT l.id, r.rid FROM l JOIN r ON l.k1 + 1 = r.k1;
