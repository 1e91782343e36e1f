CREATE TABLE orders (id INT, uid INT, amt INT);
CREATE TABLE users (uid INT, name STRING, cid INT);
CREATE TABLE countries (cid INT, region STRING);
SELECT o.id, name, region FROM orders AS o JOIN users AS u ON o.uid = u.uid AND o.amt > 2 JOIN countries AS c ON u.cid = c.cid AND c.region <> 'us';
