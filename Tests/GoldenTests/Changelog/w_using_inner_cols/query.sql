CREATE TABLE a (k INT, s STRING, n INT);
CREATE TABLE b (k INT, t STRING);
SELECT k, s, t, a.n FROM a JOIN b USING (k) WHERE a.k > 1 OR t = 'X';
