from django.urls import path

from kalm.kb import views_public as views

app_name = "help"

# Fixed words first: a category is at any slug, so a category called "search" would be hidden.
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("a/<slug:slug>/", views.article, name="article"),
    path("logo/<str:name>", views.logo, name="logo"),
    path("<slug:slug>/", views.category, name="category"),
]
