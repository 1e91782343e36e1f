CREATE TABLE p (id INT, name STRING, cat STRING, price DECIMAL(10, 2), qty INT);
SELECT cat, name, qty, rn FROM (SELECT cat, name, qty, ROW_NUMBER() OVER (PARTITION BY cat ORDER BY qty DESC, name) AS rn FROM p) WHERE rn <= 2;
