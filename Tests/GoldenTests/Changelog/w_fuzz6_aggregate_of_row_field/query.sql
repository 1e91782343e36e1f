CREATE TABLE ev (id INT, u ROW<name STRING, city STRING>, tags ARRAY<STRING>);
SELECT MAX(u.name) AS mx FROM ev;
