--@test: EXPLODE gives one row per element and zips with a second call
CREATE STREAM orders (id INT KEY, items ARRAY<STRING>, qty ARRAY<INT>) WITH (kafka_topic='orders', value_format='JSON');
CREATE STREAM lines AS SELECT id, EXPLODE(items) AS item, EXPLODE(qty) AS qty FROM orders;
INSERT INTO orders (id, items, qty) VALUES (1, ARRAY['pen', 'ink', 'pad'], ARRAY[2, 1]);
INSERT INTO orders (id, items, qty) VALUES (2, NULL, NULL);
INSERT INTO orders (id, items, qty) VALUES (3, ARRAY['cap'], ARRAY[5]);
ASSERT VALUES lines (id, item, qty) VALUES (1, 'pen', 2);
ASSERT VALUES lines (id, item, qty) VALUES (1, 'ink', 1);
ASSERT VALUES lines (id, item, qty) VALUES (1, 'pad', NULL);
ASSERT VALUES lines (id, item, qty) VALUES (3, 'cap', 5);

--@test: a table function's value can be used in expressions and after WHERE
CREATE STREAM readings (id INT KEY, site STRING, vals ARRAY<DOUBLE>) WITH (kafka_topic='readings', value_format='JSON');
CREATE STREAM scaled AS SELECT id, UCASE(site) AS site, EXPLODE(vals) * 10 AS v FROM readings WHERE site <> 'skip';
INSERT INTO readings (id, site, vals) VALUES (1, 'skip', ARRAY[1.0]);
INSERT INTO readings (id, site, vals) VALUES (2, 'north', ARRAY[1.5, 2.5]);
ASSERT VALUES scaled (id, site, v) VALUES (2, 'NORTH', 15.0);
ASSERT VALUES scaled (id, site, v) VALUES (2, 'NORTH', 25.0);

--@test: CUBE_EXPLODE gives every combination with NULLs
CREATE STREAM dims (id INT KEY, a STRING, b STRING) WITH (kafka_topic='dims', value_format='JSON');
CREATE STREAM cubed AS SELECT id, CUBE_EXPLODE(ARRAY[a, b]) AS combo FROM dims;
INSERT INTO dims (id, a, b) VALUES (1, 'x', 'y');
ASSERT VALUES cubed (id, combo) VALUES (1, ARRAY[CAST(NULL AS STRING), CAST(NULL AS STRING)]);
ASSERT VALUES cubed (id, combo) VALUES (1, ARRAY[CAST(NULL AS STRING), 'y']);
ASSERT VALUES cubed (id, combo) VALUES (1, ARRAY['x', CAST(NULL AS STRING)]);
ASSERT VALUES cubed (id, combo) VALUES (1, ARRAY['x', 'y']);

--@test: table functions are only for the SELECT list
--@expected.error: io.confluent.ksql.util.KsqlStatementException
--@expected.message: Table function EXPLODE can only be used in the SELECT list
CREATE STREAM tags (id INT KEY, t ARRAY<STRING>) WITH (kafka_topic='tags', value_format='JSON');
CREATE STREAM bad AS SELECT id FROM tags WHERE EXPLODE(t) = 'a';
