from core.forms import ContentForm

from .models import Tip


class TipForm(ContentForm):
    class Meta:
        model = Tip
        fields = ["title", "body", "department"]

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
