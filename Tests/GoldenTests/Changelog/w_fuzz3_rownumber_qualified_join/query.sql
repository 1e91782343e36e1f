CREATE TABLE a (u INT, page STRING);
CREATE TABLE b (u INT, name STRING);
SELECT u, page FROM (SELECT a.u, a.page, ROW_NUMBER() OVER (PARTITION BY a.u ORDER BY a.page DESC) AS rn FROM a JOIN b ON a.u = b.u) WHERE rn <= 1;
