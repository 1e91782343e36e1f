CREATE TABLE ev (id INT, u ROW<name STRING, city STRING>, tags ARRAY<STRING>);
SELECT u.city AS city, COUNT(*) AS n FROM ev GROUP BY u.city;
