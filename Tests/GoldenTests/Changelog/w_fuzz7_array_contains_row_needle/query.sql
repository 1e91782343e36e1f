CREATE TABLE o (id INT, cart ARRAY<ROW<sku STRING, qty INT>>);
SELECT id, ARRAY_CONTAINS(cart, cart[2]) AS c, ARRAY_POSITION(cart, cart[2]) AS p FROM o;
