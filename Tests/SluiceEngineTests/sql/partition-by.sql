--@test: PARTITION BY a value column makes it the key; the old key becomes a value column
CREATE STREAM clicks (user_id INT KEY, page STRING, ms BIGINT) WITH (kafka_topic='clicks', value_format='JSON');
CREATE STREAM by_page AS SELECT * FROM clicks PARTITION BY page;
INSERT INTO clicks (user_id, page, ms) VALUES (1, '/home', 10);
INSERT INTO clicks (user_id, page, ms) VALUES (2, '/cart', 20);
ASSERT VALUES by_page (page, ms, user_id) VALUES ('/home', 10, 1);
ASSERT VALUES by_page (page, ms, user_id) VALUES ('/cart', 20, 2);
ASSERT STREAM by_page (page STRING KEY, ms BIGINT, user_id INT) WITH (kafka_topic='BY_PAGE');

--@test: PARTITION BY NULL makes the stream keyless
CREATE STREAM clicks (user_id INT KEY, page STRING) WITH (kafka_topic='clicks', value_format='JSON');
CREATE STREAM keyless AS SELECT * FROM clicks PARTITION BY NULL;
INSERT INTO clicks (user_id, page) VALUES (1, '/home');
ASSERT VALUES keyless (page, user_id) VALUES ('/home', 1);
ASSERT STREAM keyless (page STRING, user_id INT) WITH (kafka_topic='KEYLESS', key_format='NONE');

--@test: an expression key is named KSQL_COL_0 unless aliased in the projection
CREATE STREAM s (id INT KEY, name STRING) WITH (kafka_topic='s', value_format='JSON');
CREATE STREAM rekeyed AS SELECT UCASE(name) AS upper_name, id FROM s PARTITION BY UCASE(name);
INSERT INTO s (id, name) VALUES (7, 'ann');
ASSERT VALUES rekeyed (upper_name, id) VALUES ('ANN', 7);
ASSERT STREAM rekeyed (upper_name STRING KEY, id INT) WITH (kafka_topic='REKEYED');

--@test: records of a topic with several partitions are checked in the order they were produced
CREATE STREAM a (id INT KEY, v INT) WITH (kafka_topic='a', value_format='JSON', partitions=4);
CREATE STREAM b AS SELECT id, v FROM a;
INSERT INTO a (id, v) VALUES (1, 1);
INSERT INTO a (id, v) VALUES (2, 2);
INSERT INTO a (id, v) VALUES (3, 3);
INSERT INTO a (id, v) VALUES (4, 4);
INSERT INTO a (id, v) VALUES (5, 5);
ASSERT VALUES b (id, v) VALUES (1, 1);
ASSERT VALUES b (id, v) VALUES (2, 2);
ASSERT VALUES b (id, v) VALUES (3, 3);
ASSERT VALUES b (id, v) VALUES (4, 4);
ASSERT VALUES b (id, v) VALUES (5, 5);
