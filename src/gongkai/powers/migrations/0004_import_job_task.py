"""Import jobs leave their state to django-tasks: each keeps its task's id, its progress and its outcome; the status,
the heartbeat and the end time go (the task backend keeps them). A job still waiting or running under the old
code is marked failed: it would never be picked up as it was."""

from django.db import migrations, models

STALE_ERROR = "导入任务已中断（服务器重启或进程退出），未保存任何数据。请重新导入"


def fail_unfinished(apps, schema_editor):
    job = apps.get_model("powers", "ImportJob")
    job.objects.filter(status__in=("queued", "running")).update(errors=[STALE_ERROR], file="")


class Migration(migrations.Migration):
    dependencies = [("powers", "0003_import_jobs")]

    operations = [
        migrations.RunPython(fail_unfinished, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="importjob", name="powers_impo_status_814ee3_idx"),
        migrations.RemoveField(model_name="importjob", name="status"),
        migrations.RemoveField(model_name="importjob", name="heartbeat"),
        migrations.RemoveField(model_name="importjob", name="finished_at"),
        migrations.AddField(
            model_name="importjob",
            name="task_id",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="后台任务"),
        ),
    ]
