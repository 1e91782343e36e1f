CREATE TABLE p (id INT, name STRING, qty INT);
SELECT name, qty, rn FROM (SELECT name, qty, ROW_NUMBER() OVER (ORDER BY qty DESC) AS rn FROM p) WHERE rn <= 2;
