-- Open311's list of requests (GET /open311/v2/requests) reads the cases received in a span of
-- time along this index, however many there are.
CREATE INDEX cases_by_received ON cases (received_at, id);
