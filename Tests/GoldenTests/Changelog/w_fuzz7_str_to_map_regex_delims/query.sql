CREATE TABLE s (id INT, s STRING);
SELECT id, STR_TO_MAP(s, '[|]', '[.]')['a'] AS v, CARDINALITY(STR_TO_MAP(s, '.', '=')) AS c FROM s;
