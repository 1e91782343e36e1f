CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING, cid INT);
CREATE TABLE countries (cid INT, region STRING);
SELECT o.id, u.name, c.region FROM orders o JOIN users u ON o.uid = u.uid JOIN countries c ON u.cid = c.cid;
