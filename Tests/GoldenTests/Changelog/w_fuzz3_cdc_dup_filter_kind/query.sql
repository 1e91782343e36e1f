CREATE TABLE p (id INT, cat STRING, price INT, PRIMARY KEY (id) NOT ENFORCED);
SELECT id, cat, price FROM p WHERE price > 11;
