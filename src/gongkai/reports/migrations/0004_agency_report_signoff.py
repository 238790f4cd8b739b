"""Names without "draft" and "review": the report an agency writes and publishes is `AgencyReport`, its sign-off
events are `SignoffEvent` (`review` is 行政复议 in this project). Only names change: the tables and columns stay
as they are, and the content types are renamed so that the history entries stay with their objects."""

import django.db.models.deletion
from django.db import migrations, models

RENAMED = {"annualreportdraft": "agencyreport", "reportreviewevent": "signoffevent"}


def rename_content_types(apps, schema_editor, renames=RENAMED):
    content_type = apps.get_model("contenttypes", "ContentType")
    for old, new in renames.items():
        content_type.objects.filter(app_label="reports", model=old).update(model=new)


def restore_content_types(apps, schema_editor):
    rename_content_types(apps, schema_editor, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reports", "0003_report_review"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterModelTable(name="annualreportdraft", table="reports_annualreportdraft"),
                migrations.RenameModel(old_name="AnnualReportDraft", new_name="AgencyReport"),
                migrations.AlterModelTable(name="reportreviewevent", table="reports_reportreviewevent"),
                migrations.RenameModel(old_name="ReportReviewEvent", new_name="SignoffEvent"),
                migrations.RemoveIndex(model_name="signoffevent", name="reports_rep_draft_i_88ec23_idx"),
                migrations.RenameField(model_name="signoffevent", old_name="draft", new_name="report"),
                migrations.AlterField(
                    model_name="signoffevent",
                    name="report",
                    field=models.ForeignKey(
                        db_column="draft_id",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="signoff_events",
                        to="reports.agencyreport",
                        verbose_name="年度报告",
                    ),
                ),
                migrations.AddIndex(
                    model_name="signoffevent",
                    index=models.Index(fields=["report", "at"], name="reports_rep_draft_i_88ec23_idx"),
                ),
                migrations.RenameField(model_name="reportpublication", old_name="draft", new_name="report"),
                migrations.AlterField(
                    model_name="reportpublication",
                    name="report",
                    field=models.OneToOneField(
                        db_column="draft_id",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="publication",
                        to="reports.agencyreport",
                        verbose_name="年度报告",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, restore_content_types, elidable=False),
        migrations.AlterField(
            model_name="agencyreport",
            name="status",
            field=models.CharField(
                choices=[
                    ("drafting", "编写中"),
                    ("in_review", "审核中"),
                    ("returned", "退回修改"),
                    ("published", "已发布"),
                ],
                default="drafting",
                editable=False,
                max_length=20,
                verbose_name="状态",
            ),
        ),
        migrations.AlterField(
            model_name="agencyreport",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="发布时间"),
        ),
    ]
