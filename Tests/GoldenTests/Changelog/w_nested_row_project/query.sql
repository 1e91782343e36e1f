CREATE TABLE clicks (
  page STRING,
  `user` ROW(id INT, tier STRING, addr ROW(city STRING, zip STRING)),
  ts TIMESTAMP(3)
);
SELECT page, `user`.id, clicks.`user`.addr.city, UPPER(`user`.tier) AS tier, `user`.addr.zip AS zip
FROM clicks
WHERE `user`.id IS NULL OR `user`.id > 2;
