"""Move the data to the new shapes: internal notes become messages of internal visibility; each starter's track that
hung on a question becomes a starter (with the question's asker) keeping the steps done; every question, canned
answer and article gets its search words with the new Dutch search (compounds split)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from loket.core.search import tokens_of

    Message = apps.get_model("support", "Message")
    Message.objects.filter(internal=True).update(visibility="internal")

    Starter = apps.get_model("support", "Starter")
    StarterTrack = apps.get_model("support", "StarterTrack")
    StepDone = apps.get_model("support", "StepDone")
    for track in StarterTrack.objects.select_related("question"):
        question = track.question
        email = question.asker_email.strip().lower()
        starter = Starter.objects.filter(email=email).first() or Starter.objects.create(
            name=question.asker_name,
            email=email,
            language=question.language,
            status="active",
            user_id=question.asker_id,
            created_at=track.created_at,
            confirmed_at=track.created_at,
        )
        question.starter_id = starter.pk
        question.save(update_fields=["starter"])
        for done in StepDone.objects.filter(track=track):
            if StepDone.objects.filter(starter=starter, step_id=done.step_id).exists():
                done.delete()
            else:
                done.starter = starter
                done.save(update_fields=["starter"])

    Question = apps.get_model("support", "Question")
    for question in Question.objects.select_related("organiser", "location"):
        question.search_tokens = tokens_of(
            question.subject,
            question.body,
            question.asker_name,
            question.organiser.name if question.organiser_id else "",
            question.location.name if question.location_id else "",
        )
        question.updated_at = question.closed_at or question.created_at
        question.save(update_fields=["search_tokens", "updated_at"])
    CannedAnswer = apps.get_model("support", "CannedAnswer")
    for canned in CannedAnswer.objects.all():
        canned.search_tokens = tokens_of(canned.title, canned.body)
        canned.save(update_fields=["search_tokens"])
    Article = apps.get_model("support", "Article")
    for article in Article.objects.all():
        article.search_tokens = tokens_of(
            article.title_nl, article.body_nl, article.title_en, article.body_en, article.tags
        )
        article.save(update_fields=["search_tokens"])


class Migration(migrations.Migration):
    dependencies = [("support", "0002_questions_team_knowledge_starters_events")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
