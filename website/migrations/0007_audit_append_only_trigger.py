"""On PostgreSQL the audit log refuses UPDATE and DELETE, except deleting rows past retention.

The application never rewrites an event (AuditEvent.save refuses); this holds the line for any
other client of the database too. The retention task (website.audit.delete_expired_events)
deletes only rows older than 6 years, which the trigger allows. TRUNCATE (a test flush) is not a
row event and is not affected. SQLite has no such trigger; the model's own guard applies there.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION website_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < now() - interval '6 years' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'Audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS website_auditevent_append_only ON website_auditevent;
CREATE TRIGGER website_auditevent_append_only
    BEFORE UPDATE OR DELETE ON website_auditevent
    FOR EACH ROW EXECUTE FUNCTION website_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS website_auditevent_append_only ON website_auditevent;
DROP FUNCTION IF EXISTS website_auditevent_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("website", "0006_page_rights_per_service")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
