from django.urls import path

from kalm.dossier import views

app_name = "dossier"

urlpatterns = [
    path("cases/<int:case_pk>/items/new/", views.item_new, name="item_new"),
    path("items/<int:item_pk>/receipt.pdf", views.receipt, name="receipt"),
    path("items/<int:item_pk>/custody/", views.item_custody, name="item_custody"),
    path("cases/<int:case_pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path("cases/<int:case_pk>/export.zip", views.export_zip, name="export_zip"),
]
