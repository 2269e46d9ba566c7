-- Items a source connector read but could not turn into records (SourceItem.Refused).
alter table dead_letter drop constraint dead_letter_item_type_check;
alter table dead_letter add constraint dead_letter_item_type_check
    check (item_type in ('upsert', 'replica', 'change', 'refused'));
