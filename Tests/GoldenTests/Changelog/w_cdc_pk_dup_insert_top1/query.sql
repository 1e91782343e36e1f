-- Top-N without the number over a changelog with a repeated insert: an equal row leaving and the next entering are written (-D, +I), as RetractableTopNFunction. Computed by Flink 2.3.
CREATE TABLE o (oid INT, amt INT, PRIMARY KEY (oid) NOT ENFORCED);
SELECT oid, amt FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY amt DESC) AS rn FROM o) WHERE rn = 1;
