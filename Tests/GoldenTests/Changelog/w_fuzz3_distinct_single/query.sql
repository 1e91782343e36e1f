CREATE TABLE clicks (u INT, page STRING);
CREATE TABLE users (u INT, name STRING);
SELECT DISTINCT page FROM clicks;
