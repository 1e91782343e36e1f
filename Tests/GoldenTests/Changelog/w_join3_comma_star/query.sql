CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING, cid INT);
CREATE TABLE countries (cid INT, region STRING);
SELECT * FROM orders o, users u, countries c WHERE o.uid = u.uid AND u.cid = c.cid AND o.amt > 2;
