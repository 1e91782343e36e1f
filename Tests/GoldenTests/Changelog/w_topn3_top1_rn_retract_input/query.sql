CREATE TABLE p (id INT, cat STRING, price INT);
SELECT cat, id, rn FROM (SELECT cat, id, ROW_NUMBER() OVER (PARTITION BY cat ORDER BY price DESC) AS rn FROM p) WHERE rn <= 1;
