-- A number ordered against a string literal (<, IN, BETWEEN) compares as the number's type. Computed by Flink 2.3.
CREATE TABLE t (id INT, qty INT, amount DECIMAL(10, 2));
SELECT id, qty > '20' AS gt, qty IN ('5', '100') AS inl, qty BETWEEN '3' AND '50' AS btw, amount < '9.5' AS lt FROM t
