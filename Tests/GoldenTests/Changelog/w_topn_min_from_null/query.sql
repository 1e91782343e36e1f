-- A Top-N ranked in place by MIN(x) ascending whose value leaves NULL (sorted first): the row it ties with was forgotten outside the first N, as Flink's UpdatableTopNFunction holds only those. Computed by Flink 2.3.
CREATE TABLE t (user_id STRING, cnt INT);
SELECT user_id, sk FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY sk ASC) AS rn FROM (SELECT user_id, MIN(cnt) AS sk FROM t GROUP BY user_id)) WHERE rn <= 2;
