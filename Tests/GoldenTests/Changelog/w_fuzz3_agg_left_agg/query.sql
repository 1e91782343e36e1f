CREATE TABLE orders (oid INT, pid INT, qty INT);
CREATE TABLE prods (id INT, cat STRING, price INT);
SELECT a.pid, a.n, b.c FROM (SELECT pid, COUNT(*) AS n FROM orders GROUP BY pid) a LEFT JOIN (SELECT cat, COUNT(*) AS c FROM prods GROUP BY cat) b ON CAST(a.n AS STRING) = b.cat;
