CREATE TABLE ev (id INT, `user` ROW<name STRING, age INT, geo ROW<city STRING, zip STRING>>, tags ARRAY<STRING>, scores ARRAY<INT>, attrs MAP<STRING, STRING>, cnt MAP<STRING, INT>, ts STRING);
SELECT id, k, v FROM ev CROSS JOIN UNNEST(cnt) AS u(k, v);
