--@test: ROWTIME comes from the TIMESTAMP column and carries over to the output
CREATE STREAM events (id INT KEY, ts STRING, v INT) WITH (kafka_topic='events', value_format='JSON', timestamp='ts', timestamp_format='yyyy-MM-dd HH:mm:ss');
CREATE STREAM stamped AS SELECT id, v, ROWTIME AS rt FROM events;
INSERT INTO events (id, ts, v) VALUES (1, '2024-01-02 03:04:05', 42);
ASSERT VALUES stamped (id, v, rt, ROWTIME) VALUES (1, 42, 1704164645000, 1704164645000);

--@test: INSERT INTO ... SELECT merges a second stream of the same schema
CREATE STREAM a (id INT KEY, v STRING) WITH (kafka_topic='a', value_format='JSON');
CREATE STREAM b (id INT KEY, v STRING) WITH (kafka_topic='b', value_format='JSON');
CREATE STREAM merged AS SELECT * FROM a;
INSERT INTO merged SELECT * FROM b;
INSERT INTO a (id, v) VALUES (1, 'from a');
INSERT INTO b (id, v) VALUES (2, 'from b');
ASSERT VALUES merged (id, v) VALUES (1, 'from a');
ASSERT VALUES merged (id, v) VALUES (2, 'from b');

--@test: a TIMESTAMP_FORMAT that is not a pattern is rejected when the stream is created
--@expected.error: io.confluent.ksql.util.KsqlStatementException
--@expected.message: Invalid TIMESTAMP_FORMAT 'yyyy-bb': Unknown pattern letter: b
CREATE STREAM events (id INT KEY, stamp STRING) WITH (kafka_topic='events', value_format='JSON', timestamp='stamp', timestamp_format='yyyy-bb');

--@test: a CREATE STREAM AS SELECT whose sink TIMESTAMP_FORMAT is not a pattern is rejected
--@expected.error: io.confluent.ksql.util.KsqlStatementException
--@expected.message: Unknown pattern letter: b
CREATE STREAM events (id INT KEY, stamp STRING) WITH (kafka_topic='events', value_format='JSON');
CREATE STREAM stamped WITH (timestamp='stamp', timestamp_format='yyyy-bb') AS SELECT * FROM events;
