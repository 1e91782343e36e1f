CREATE TABLE t (id INT, j STRING);
SELECT id, JSON_EXISTS(j, '$.a') AS e0, JSON_EXISTS(j, 'strict $.missing' FALSE ON ERROR) AS e1, JSON_EXISTS(j, 'strict $.missing' TRUE ON ERROR) AS e2,
 JSON_EXISTS(j, 'strict $.missing' UNKNOWN ON ERROR) AS e3, JSON_EXISTS(j, 'lax $.a') AS e4,
 j IS JSON AS ij, j IS JSON OBJECT AS io, j IS JSON ARRAY AS ia, j IS JSON SCALAR AS isc, j IS NOT JSON AS inj, j IS JSON VALUE AS iv, j IS NOT JSON OBJECT AS ino
FROM t;
