from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [("support", "0003_starters_and_visibility_data")]

    operations = [
        migrations.RemoveField(model_name="message", name="internal"),
        migrations.RemoveField(model_name="stepdone", name="track"),
        migrations.AlterField(
            model_name="stepdone",
            name="starter",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="done", to="support.starter"
            ),
        ),
        migrations.AddConstraint(
            model_name="stepdone",
            constraint=models.UniqueConstraint(fields=("starter", "step"), name="starter_step_done_once"),
        ),
        migrations.DeleteModel(name="StarterTrack"),
    ]
