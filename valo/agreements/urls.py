from django.urls import path

from valo.agreements import forms, views
from valo.core.routes import component_routes, model_routes

# URL name → (path, form) of each component edited from an agreement's page.
PARTS = {
    "licence": ("licences", forms.LicenceForm),
    "tier": ("tiers", forms.TierForm),
    "statement": ("statements", forms.StatementForm),
    "payment": ("payments", forms.PaymentForm),
    "obligation": ("obligations", forms.ObligationForm),
    "invention": ("inventions", forms.AgreementInventionForm),
    "family": ("families", forms.AgreementFamilyForm),
    "software": ("software", forms.AgreementSoftwareForm),
    "know_how": ("know-how", forms.AgreementKnowHowForm),
    "party": ("parties", forms.PartyForm),
}

urlpatterns = [
    *model_routes("", "agreements_agreement", views, "Agreement"),
    path("<int:pk>/end/", views.end_agreement, name="agreements_agreement_end"),
    path("statements/<int:pk>/", views.statement_detail, name="agreements_statement_detail"),
    path("notices/add/", views.notice_add, name="agreements_notice_add"),
    path("obligations/", views.ObligationListView.as_view(), name="agreements_obligation_list"),
    path("co-ownership/", views.co_ownership, name="agreements_co_ownership"),
    path("contracting-time/", views.contracting_time, name="agreements_contracting_time"),
]
for name, (segment, form) in PARTS.items():
    urlpatterns += component_routes(segment, f"agreements_{name}", views.part_view(form))
