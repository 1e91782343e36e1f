CREATE TABLE clicks (id INT, page STRING, n INT);
SELECT c.id, c.page, v.label, v.w * 2 AS w2 FROM clicks AS c JOIN (VALUES ('/a', 'home', 1.5), ('/b', 'cart', 2)) AS v(p, label, w) ON c.page = v.p;
