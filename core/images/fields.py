"""Model and form fields whose uploads go through `clean_upload`."""

from django import forms
from django.db import models

from .uploads import clean_upload


class ImageUploadFormField(forms.ImageField):
    """An image upload checked and cleaned by `clean_upload`, with its clear messages."""

    def to_python(self, data):
        uploaded = forms.FileField.to_python(self, data)
        if uploaded is None:
            return None
        return clean_upload(uploaded)


class ImageUploadField(models.ImageField):
    """An ImageField whose uploads go through `clean_upload` in every form."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})
