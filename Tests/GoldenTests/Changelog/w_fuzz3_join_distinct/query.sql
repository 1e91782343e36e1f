CREATE TABLE clicks (u INT, page STRING);
CREATE TABLE users (u INT, name STRING);
SELECT DISTINCT s.name FROM clicks c JOIN users s ON c.u = s.u;
