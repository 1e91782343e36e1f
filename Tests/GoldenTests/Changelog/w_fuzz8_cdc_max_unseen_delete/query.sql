CREATE TABLE p (id INT, name STRING);
SELECT MAX(name) AS mx, MIN(name) AS mn FROM p;
