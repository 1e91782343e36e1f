-- Clicks per page, per user and in all, kept up to date, over a stream no CREATE TABLE declares
-- (its fields are the ones the query names); GROUPING(...) tells the rows of each set apart.
SELECT page, user_id, GROUPING(page, user_id) AS grouped_out, COUNT(*) AS clicks
FROM clicks
GROUP BY GROUPING SETS ((page), (user_id), ());
