-- With cdc-events-duplicate, the columns a Top-N's result reads are projected before ChangelogNormalize: an update of other columns changes nothing. Computed by Flink 2.3.
CREATE TABLE o (oid INT, cust STRING, amt INT, PRIMARY KEY (oid) NOT ENFORCED);
SELECT oid, amt FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY amt DESC) AS rn FROM o) WHERE rn = 1;
