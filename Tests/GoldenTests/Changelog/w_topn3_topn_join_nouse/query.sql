CREATE TABLE clicks (u INT, page STRING);
CREATE TABLE users (u INT, name STRING);
SELECT page, name, rn FROM (SELECT page, name, ROW_NUMBER() OVER (PARTITION BY page ORDER BY name) AS rn FROM clicks c JOIN users s ON c.u = s.u) WHERE rn <= 1;
