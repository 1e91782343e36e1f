CREATE TABLE p (id INT, name STRING, cat STRING, price DECIMAL(10, 2), qty INT, PRIMARY KEY (id) NOT ENFORCED);
SELECT cat, id, qty FROM (SELECT cat, id, qty, ROW_NUMBER() OVER (PARTITION BY cat ORDER BY qty DESC, id) AS rn FROM p) WHERE rn <= 2;
