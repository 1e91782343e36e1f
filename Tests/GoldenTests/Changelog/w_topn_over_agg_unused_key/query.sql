-- A Top-N over an aggregation whose group key the outer query does not read: the key is pruned before the Rank and the select item naming it dropped (weir refused it: unknown column). Computed by Flink 2.3.
CREATE TABLE o (cust STRING, amt INT);
SELECT total FROM (SELECT cust, total, ROW_NUMBER() OVER (ORDER BY total DESC) AS rn FROM (SELECT cust, SUM(amt) AS total FROM o GROUP BY cust)) WHERE rn <= 2;
