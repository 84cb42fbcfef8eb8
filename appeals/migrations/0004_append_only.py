from django.db import migrations

# Appeals are never deleted and their events never change: the route history is evidence.
# The database itself refuses, whatever code or console tries. (TRUNCATE, used only by
# test teardown and disaster recovery, is not a row operation and is not affected.)
FORWARD = """
CREATE OR REPLACE FUNCTION appeals_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'appeals: % on % is not allowed (append-only)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER appeals_appeal_no_delete BEFORE DELETE ON appeals_appeal
    FOR EACH ROW EXECUTE FUNCTION appeals_refuse_change();
CREATE TRIGGER appeals_appealevent_append_only BEFORE UPDATE OR DELETE ON appeals_appealevent
    FOR EACH ROW EXECUTE FUNCTION appeals_refuse_change();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS appeals_appealevent_append_only ON appeals_appealevent;
DROP TRIGGER IF EXISTS appeals_appeal_no_delete ON appeals_appeal;
DROP FUNCTION IF EXISTS appeals_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("appeals", "0003_workflow")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
