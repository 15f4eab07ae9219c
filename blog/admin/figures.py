"""Figure images: uploaded from the body editor (`views.figures_view`), listed here to
correct a description or credit, which every post showing the image then shows."""

from django.contrib import admin

from core.admin_queries import CheckedQueryAdmin
from core.storage import RefusedMediaWriteAdmin

from ..models import Figure


@admin.register(Figure)
class FigureAdmin(CheckedQueryAdmin, RefusedMediaWriteAdmin):
    list_display = ["description", "credit", "uploaded_at"]
    search_fields = ["description", "credit"]
    fields = ["image", "description", "credit"]
