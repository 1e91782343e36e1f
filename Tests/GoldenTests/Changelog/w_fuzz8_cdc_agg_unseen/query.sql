CREATE TABLE p (id INT, name STRING, cat STRING, price DECIMAL(10, 2), qty INT);
SELECT COUNT(*) AS n, SUM(qty) AS s, MAX(name) AS mx, MIN(name) AS mn FROM p;
