CREATE TABLE clicks (id INT, u STRING);
SELECT id, PARSE_URL(u, 'HOST') AS h, PARSE_URL(u, 'PATH') AS p, PARSE_URL(u, 'QUERY') AS q, PARSE_URL(u, 'QUERY', 'k1') AS k1,
  PARSE_URL(u, 'QUERY', 'utm_medium') AS um, PARSE_URL(u, 'REF') AS r, PARSE_URL(u, 'PROTOCOL') AS pr, PARSE_URL(u, 'FILE') AS f,
  PARSE_URL(u, 'AUTHORITY') AS a, PARSE_URL(u, 'USERINFO') AS ui
FROM clicks;
