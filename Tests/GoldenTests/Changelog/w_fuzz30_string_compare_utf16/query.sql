-- Comparisons of a row's strings in UTF-16 order, as Java's String.compareTo (an emoji sorts below U+FB01). Computed by Flink 2.3.
CREATE TABLE s (id INT, txt STRING, other STRING);
SELECT id, txt < '😀' AS lt_lit, txt < other AS lt_col, txt > 'ﬁ' AS gt_lit FROM s;
