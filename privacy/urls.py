"""Privacy URLs: a person's data out, who has read their records, erasure."""

app_name = "privacy"

urlpatterns = []
