CREATE TABLE s (id INT, s STRING, d DOUBLE, m DECIMAL(15, 3), b BIGINT);
SELECT id, STR_TO_MAP(s, '|', ':')['k2'] AS v1, CARDINALITY(STR_TO_MAP(s, '|', ':')) AS c1, STR_TO_MAP(s, '[|]', '[.]')['a'] AS v2, CARDINALITY(STR_TO_MAP(s, '.', '|')) AS c2 FROM s;
