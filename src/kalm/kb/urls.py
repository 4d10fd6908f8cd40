from django.urls import include, path

from kalm.kb import views

app_name = "kb"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("new/", views.article_new, name="new"),
    path("review/", views.review_queue, name="review"),
    path("<int:pk>/", views.article_detail, name="detail"),
    path("<int:pk>/edit/", views.article_edit, name="edit"),
    path("<int:pk>/history/", views.article_history, name="history"),
    path("<int:pk>/submit", views.article_submit, name="submit"),
    path("<int:pk>/publish", views.article_publish, name="publish"),
    path("<int:pk>/reject", views.article_reject, name="reject"),
    path("<int:pk>/archive", views.article_archive, name="archive"),
    path("<int:pk>/translate", views.article_translate, name="translate"),
    # Inserting an article into a reply (the case page's card and the Alt+K picker).
    path("insert/", include("kalm.kb.urls_desk_insert")),
]
