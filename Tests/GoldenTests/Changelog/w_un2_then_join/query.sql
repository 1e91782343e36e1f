CREATE TABLE t (id INT, tags ARRAY<STRING>, nums ARRAY<INT>);
CREATE TABLE d (tag STRING, label STRING);
SELECT t.id, x.tag, d.label FROM t CROSS JOIN UNNEST(t.tags) AS x (tag) JOIN d ON d.tag = x.tag;
