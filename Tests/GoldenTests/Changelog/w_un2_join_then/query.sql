CREATE TABLE t (id INT, tags ARRAY<STRING>, nums ARRAY<INT>);
CREATE TABLE d (tag STRING, label STRING);
SELECT d.label, t.id, y.n FROM d JOIN t ON d.tag = ELEMENT(ARRAY[t.tags[1]]) CROSS JOIN UNNEST(t.nums) AS y (n);
