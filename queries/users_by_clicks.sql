-- input: clicks.ndjson
-- An aggregate over an aggregate: how many users have made 1, 2, 3… clicks so far. The inner
-- result updates, so the outer one takes each old count back out before adding the new one.
SELECT clicks, COUNT(*) AS users
FROM (SELECT user_id, COUNT(*) AS clicks FROM clicks GROUP BY user_id)
GROUP BY clicks;
