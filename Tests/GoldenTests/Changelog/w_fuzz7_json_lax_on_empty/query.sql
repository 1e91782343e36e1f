CREATE TABLE j (id INT, doc STRING);
SELECT id, JSON_VALUE(doc, 'lax $.zz' DEFAULT 'dflt' ON EMPTY) AS v, JSON_QUERY(doc, 'lax $.zz' EMPTY ARRAY ON EMPTY) AS q FROM j;
