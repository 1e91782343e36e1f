CREATE TABLE ev (id INT, u ROW<name STRING, city STRING>, tags ARRAY<STRING>, city AS u.city);
SELECT id, city FROM ev;
