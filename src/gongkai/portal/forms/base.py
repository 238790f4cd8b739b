"""What every form of the public portal shares: invalid inputs marked for assistive technology."""

from __future__ import annotations

from django import forms


class AccessibleForm(forms.Form):
    """Marks each invalid input (`aria-invalid`) and points it at its message and hint (`aria-describedby`)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                ids = [f"{self[name].auto_id}-error"]
                if self.fields[name].help_text:
                    ids.append(f"{self[name].auto_id}_helptext")
                attrs["aria-describedby"] = " ".join(ids)
