-- One category or channel, read by agency or by field.
--
-- Every contribution to the running totals is now also added to two more rows: its agency's in
-- its category and channel (scope 'ak', over every field) and its field's in its category and
-- channel ('fk', over every agency). A view narrowed by category or channel then reads one row
-- per agency (or field), category, channel and bucket instead of the whole keys of every agency
-- and field. Those rows are the sums of the whole keys' rows ('k'), added here from them.
INSERT INTO case_stats (scope, level, bucket, agency, field, category, channel,
    received, transferred, answered_early, answered_on_time, answered_late, pleased,
    refused_requirements, refused_complaint, refused_denunciation, refused_duplicate, withdrawn,
    opened, closed, overdue_from, overdue_to, due_in_time, due_late, due_open, published_in_time,
    published_late, received_via_web, received_via_api, received_via_email, received_via_phone,
    received_via_paper, received_as_official_conduct, received_as_regulation, received_as_proposal,
    received_as_other, received_as_complaint, received_as_denunciation, answered_after_0,
    answered_after_1, answered_after_2, answered_after_3, answered_after_4, answered_after_5,
    answered_after_6, answered_after_7, answered_after_8, answered_after_9, answered_after_10,
    answered_after_11, answered_after_12, answered_after_13, answered_after_14, answered_after_15,
    answered_after_16, answered_after_17, answered_after_18, answered_after_19, answered_after_20,
    answered_after_21, answered_after_22, answered_after_23, answered_after_24, answered_after_25,
    answered_after_26, answered_after_27, answered_after_28, answered_after_29, answered_after_30)
SELECT 'ak', level, bucket, agency, '', category, channel,
    SUM(received), SUM(transferred), SUM(answered_early), SUM(answered_on_time),
    SUM(answered_late), SUM(pleased), SUM(refused_requirements), SUM(refused_complaint),
    SUM(refused_denunciation), SUM(refused_duplicate), SUM(withdrawn), SUM(opened), SUM(closed),
    SUM(overdue_from), SUM(overdue_to), SUM(due_in_time), SUM(due_late), SUM(due_open),
    SUM(published_in_time), SUM(published_late), SUM(received_via_web), SUM(received_via_api),
    SUM(received_via_email), SUM(received_via_phone), SUM(received_via_paper),
    SUM(received_as_official_conduct), SUM(received_as_regulation), SUM(received_as_proposal),
    SUM(received_as_other), SUM(received_as_complaint), SUM(received_as_denunciation),
    SUM(answered_after_0), SUM(answered_after_1), SUM(answered_after_2), SUM(answered_after_3),
    SUM(answered_after_4), SUM(answered_after_5), SUM(answered_after_6), SUM(answered_after_7),
    SUM(answered_after_8), SUM(answered_after_9), SUM(answered_after_10), SUM(answered_after_11),
    SUM(answered_after_12), SUM(answered_after_13), SUM(answered_after_14), SUM(answered_after_15),
    SUM(answered_after_16), SUM(answered_after_17), SUM(answered_after_18), SUM(answered_after_19),
    SUM(answered_after_20), SUM(answered_after_21), SUM(answered_after_22), SUM(answered_after_23),
    SUM(answered_after_24), SUM(answered_after_25), SUM(answered_after_26), SUM(answered_after_27),
    SUM(answered_after_28), SUM(answered_after_29), SUM(answered_after_30)
FROM case_stats WHERE scope = 'k' GROUP BY level, bucket, agency, category, channel;
INSERT INTO case_stats (scope, level, bucket, agency, field, category, channel,
    received, transferred, answered_early, answered_on_time, answered_late, pleased,
    refused_requirements, refused_complaint, refused_denunciation, refused_duplicate, withdrawn,
    opened, closed, overdue_from, overdue_to, due_in_time, due_late, due_open, published_in_time,
    published_late, received_via_web, received_via_api, received_via_email, received_via_phone,
    received_via_paper, received_as_official_conduct, received_as_regulation, received_as_proposal,
    received_as_other, received_as_complaint, received_as_denunciation, answered_after_0,
    answered_after_1, answered_after_2, answered_after_3, answered_after_4, answered_after_5,
    answered_after_6, answered_after_7, answered_after_8, answered_after_9, answered_after_10,
    answered_after_11, answered_after_12, answered_after_13, answered_after_14, answered_after_15,
    answered_after_16, answered_after_17, answered_after_18, answered_after_19, answered_after_20,
    answered_after_21, answered_after_22, answered_after_23, answered_after_24, answered_after_25,
    answered_after_26, answered_after_27, answered_after_28, answered_after_29, answered_after_30)
SELECT 'fk', level, bucket, '', field, category, channel,
    SUM(received), SUM(transferred), SUM(answered_early), SUM(answered_on_time),
    SUM(answered_late), SUM(pleased), SUM(refused_requirements), SUM(refused_complaint),
    SUM(refused_denunciation), SUM(refused_duplicate), SUM(withdrawn), SUM(opened), SUM(closed),
    SUM(overdue_from), SUM(overdue_to), SUM(due_in_time), SUM(due_late), SUM(due_open),
    SUM(published_in_time), SUM(published_late), SUM(received_via_web), SUM(received_via_api),
    SUM(received_via_email), SUM(received_via_phone), SUM(received_via_paper),
    SUM(received_as_official_conduct), SUM(received_as_regulation), SUM(received_as_proposal),
    SUM(received_as_other), SUM(received_as_complaint), SUM(received_as_denunciation),
    SUM(answered_after_0), SUM(answered_after_1), SUM(answered_after_2), SUM(answered_after_3),
    SUM(answered_after_4), SUM(answered_after_5), SUM(answered_after_6), SUM(answered_after_7),
    SUM(answered_after_8), SUM(answered_after_9), SUM(answered_after_10), SUM(answered_after_11),
    SUM(answered_after_12), SUM(answered_after_13), SUM(answered_after_14), SUM(answered_after_15),
    SUM(answered_after_16), SUM(answered_after_17), SUM(answered_after_18), SUM(answered_after_19),
    SUM(answered_after_20), SUM(answered_after_21), SUM(answered_after_22), SUM(answered_after_23),
    SUM(answered_after_24), SUM(answered_after_25), SUM(answered_after_26), SUM(answered_after_27),
    SUM(answered_after_28), SUM(answered_after_29), SUM(answered_after_30)
FROM case_stats WHERE scope = 'k' GROUP BY level, bucket, field, category, channel;
