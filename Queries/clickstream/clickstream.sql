-- Clickstream: raw web-server clicks, cleaned up and split by outcome.
-- Feed it with:  sluice produce clickstream --key-field userid --key-format int < Examples/clickstream/clicks.jsonl
CREATE STREAM clickstream (
    userid INT KEY,
    event_time BIGINT,
    ip STRING,
    request STRING,
    status INT,
    bytes BIGINT,
    referrer STRING,
    agent STRING
) WITH (KAFKA_TOPIC = 'clickstream', VALUE_FORMAT = 'JSON', PARTITIONS = 2, TIMESTAMP = 'event_time');

-- Requests parsed into method and path, with the response size in kilobytes.
CREATE STREAM clicks_enriched AS
    SELECT userid,
           SPLIT(request, ' ')[1] AS method,
           SPLIT(request, ' ')[2] AS path,
           status,
           CAST(bytes AS DOUBLE) / 1024 AS kilobytes,
           UCASE(SUBSTRING(agent, 1, INSTR(agent, '/') - 1)) AS browser
    FROM clickstream
    WHERE request IS NOT NULL
    EMIT CHANGES;

-- Failed requests, re-keyed by path so errors on one page land together.
CREATE STREAM click_errors AS
    SELECT path, userid, status, method
    FROM clicks_enriched
    WHERE status >= 400
    PARTITION BY path
    EMIT CHANGES;
