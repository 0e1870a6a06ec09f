-- Nexmark q0: pass-through. Every bid is copied to the stream Q0, keeping its event time.
RUN SCRIPT 'bid.sql';

CREATE STREAM q0 AS
    SELECT auction, bidder, price, dateTime, extra
    FROM bid
    EMIT CHANGES;
